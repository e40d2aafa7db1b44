import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseOptions, isEmailAddress, type OptionSource } from '../config.js';
import { pushConsentUpdate } from '../consent-mode.js';
import { clearRefusedStorage } from '../cookies.js';
import { createGate } from '../gate.js';
import { enBanner, type BannerStrings, type StringKey, type Strings } from '../i18n/en.js';
import { loadStrings, pickLanguage, type Language } from '../i18n/languages.js';
import type { Delivery } from '../delivery.js';
import { i18nBase, loadCookieStorage, loadDelivery } from '../lazy.js';
import { hasUndelivered, keepRecord } from '../outbox.js';
import { buildRecord, bulkChoices, fillPlaceholders, needsPrompt, sha256, wordingOf } from '../record.js';
import { report } from '../report.js';
import { memoryStorage, openConsentStorage, type ConsentStorage } from '../storage.js';
import type { Category, CategoryChoices, ConsentChoice, ConsentMethod, ConsentOptions, ConsentRecord, EmailConsent } from '../types.js';

type Host = ReactiveControllerHost & HTMLElement;

async function readPolicy(options: ConsentOptions, doc: Document): Promise<string | null> {
  if (options.policy) {
    const template = doc.querySelector(options.policy);
    if (template instanceof HTMLTemplateElement) return template.content.textContent ?? '';
    report(`option "policy" names ${JSON.stringify(options.policy)}, which is not a <template> in the page`);
    return null;
  }
  if (!options.policyUrl) return null;
  try {
    const response = await fetch(options.policyUrl);
    if (!response.ok) throw `HTTP ${response.status}`;
    return await response.text();
  } catch (error) {
    report(`option "policy-url" ${JSON.stringify(options.policyUrl)} could not be fetched`, error);
  }
  return null;
}

/**
 * The visitor's consent state for one `<carat-consent>`: options, wording, the stored record,
 * and what a choice does — store it, tell the other tabs, deliver it, and apply it to the page.
 * The element renders this state and turns clicks into calls on it.
 */
export class ConsentController implements ReactiveController {
  options = parseOptions([], new URL(location.href)).options;
  /** The wording; the dialogs' part arrives with the dialogs (see `addStrings`). */
  strings: BannerStrings & Partial<Strings> = enBanner;
  language: Language = 'en';
  /** The latest stored record, even when it no longer counts. */
  record: ConsentRecord | null = null;
  /** True when the visitor must be asked: no choice, an expired one, or another policy version. */
  prompt = false;
  ready = false;
  readonly gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  policyText: string | null = null;

  /** The policy version new records carry, settled once the policy text is read; a first visit does not wait for it. */
  policyVersion: Promise<string> = Promise.resolve('');
  private visitorId = '';
  private storage?: ConsentStorage;
  private delivery?: Promise<Delivery | undefined>;
  private gate?: ReturnType<typeof createGate>;
  private channel?: BroadcastChannel;
  private started = false;
  private markReady = () => {};
  /** Settles once the stored state is known; API calls wait for it. */
  loaded = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    private readonly host: Host,
    private readonly sources: () => OptionSource[],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.started) return;
    this.started = true;
    this.start().catch((error) => report('the widget could not start', error));
  }

  hostDisconnected(): void {
    this.started = false;
    this.ready = false;
    this.loaded = new Promise<void>((resolve) => (this.markReady = resolve));
    this.channel?.close();
    this.gate?.disconnect();
    void this.delivery?.then((delivery) => delivery?.dispose());
    this.delivery = undefined;
  }

  /** Fill values for `{{siteName}}` and `{{contactEmail}}`. */
  get fill(): Record<string, string> {
    return { siteName: this.options.siteName, contactEmail: this.options.contactEmail };
  }

  /** A string in the visitor's language with its placeholders filled. */
  text(key: StringKey): string {
    return fillPlaceholders(this.strings[key] ?? '', this.fill);
  }

  /** Adds wording under what the language and the site owner gave: the dialogs' English defaults. */
  addStrings(defaults: Partial<Strings>): void {
    this.strings = { ...defaults, ...this.strings };
  }

  /** The description of a category: the site owner's, or the built-in one. */
  describe(category: Category): string {
    return this.options.descriptions[category] ?? this.text(`${category}Text`);
  }

  /** Whether a category is granted by a choice that still counts. */
  granted(category: Category): boolean {
    return category === 'necessary' || (!this.prompt && !!this.record?.categories[category]);
  }

  private async start(): Promise<void> {
    const { options, errors } = parseOptions(this.sources(), new URL(location.href));
    for (const error of errors) report(error);
    this.options = options;
    this.language = pickLanguage(options.lang, document.documentElement.lang, navigator.languages);
    const base = options.i18nBase || i18nBase;
    const policy = readPolicy(options, document).then(async (text) => {
      this.policyText = text;
      return options.policyVersion || (text === null ? '' : sha256(text));
    });
    const [storage, strings] = await Promise.all([
      openConsentStorage().then(
        (opened) =>
          opened ??
          loadCookieStorage().then(
            ({ cookieStorage }) => cookieStorage(document),
            (error) => {
              report('the cookie fallback could not be loaded; the choice lasts for this page only', error);
              return memoryStorage();
            },
          ),
      ),
      loadStrings(this.language, base).catch((error) => {
        report(`language "${this.language}" could not be loaded from ${base}; using English`, error);
        this.language = 'en';
        return enBanner;
      }),
    ]);
    this.storage = storage;
    this.strings = { ...strings, ...options.translations[this.language] };
    const [record, visitorId] = await Promise.all([storage.get<ConsentRecord>('current'), storage.get<string>('visitor')]);
    this.visitorId = visitorId ?? '';
    // A first visit must be asked whatever the policy says: show the banner without waiting for it.
    this.policyVersion = policy;
    // A policy that failed to load must not re-ask every visitor: keep the version they agreed to.
    this.adopt(record ?? null, record ? (await policy) || record.policyVersion : '');

    this.channel = new BroadcastChannel('carat-consent');
    this.channel.onmessage = ({ data }: MessageEvent<ConsentRecord>) => this.adopt(data, data.policyVersion, true);
    this.gate = createGate({
      isGranted: (c) => this.granted(c),
      onAllow: (c) => void this.save({ categories: { [c]: true } }),
      strings: this.strings,
    });
    this.gate.apply();
    // What earlier pages left undelivered goes out, without holding up this page's start.
    if (options.endpoint) void hasUndelivered(storage).then((waiting) => void (waiting && this.deliver()));
    this.ready = true;
    this.markReady();
    this.host.requestUpdate();
    this.emit('ready', this.prompt ? null : this.record);
  }

  /**
   * Takes a record as the current one and applies it to the page, if it still counts under
   * `policyVersion`; `announce` for a new choice, here or in another tab.
   */
  private adopt(record: ConsentRecord | null, policyVersion: string, announce = false): void {
    this.record = record;
    this.prompt = needsPrompt(record, policyVersion, new Date());
    if (!this.prompt) {
      const choices = record!.categories;
      pushConsentUpdate(choices);
      clearRefusedStorage(choices, this.options.cookies, this.options.localStorage);
      this.gate?.apply();
    }
    this.host.requestUpdate();
    if (announce) this.emit('change', record);
  }

  private emit(name: string, detail: unknown): void {
    this.host.dispatchEvent(new CustomEvent(`carat-consent:${name}`, { detail, bubbles: true, composed: true }));
  }

  private get email(): EmailConsent {
    return this.record?.email ?? { marketing: 'unset' };
  }

  /** Makes, stores, shares and sends a new record. */
  async decide(method: ConsentMethod, categories: CategoryChoices, email: EmailConsent, asked?: string): Promise<ConsentRecord> {
    await this.loaded;
    if (!this.visitorId) {
      this.visitorId = crypto.randomUUID();
      await this.storage?.update('visitor', () => this.visitorId).catch(() => {});
    }
    const wording = asked
      ? `[${this.language}]\n${asked}`
      : wordingOf(this.strings, this.language, this.options.categories, this.options.descriptions, this.fill);
    const record = buildRecord(
      {
        method,
        categories,
        email,
        visitorId: this.visitorId,
        policyVersion: (await this.policyVersion) || this.record?.policyVersion || 'unavailable',
        // `location.origin` is "null" in an about:srcdoc frame; the document's own origin is the site.
        site: self.origin,
        expiresDays: this.options.expiresDays,
        gpc: this.gpc,
        language: this.language,
        wordingHash: await sha256(wording),
      },
      new Date(),
    );
    this.adopt(record, record.policyVersion, true);
    this.channel?.postMessage(record);
    try {
      await this.storage?.update('current', () => record);
    } catch (error) {
      report('the choice could not be stored', error);
    }
    await keepRecord(this.storage!, record, wording, !!this.options.endpoint);
    if (this.options.endpoint) void this.deliver();
    return record;
  }

  /** Sends what waits in the outbox, loading the delivery code on first need. */
  private deliver(): Promise<void> {
    this.delivery ??= loadDelivery().then(
      ({ createDelivery }) =>
        createDelivery({
          storage: this.storage!,
          endpoint: this.options.endpoint,
          onDelivered: (id) => this.emit('delivered', { id }),
        }),
      (error) => {
        this.delivery = undefined;
        report('the delivery code could not be loaded; records stay queued for the next page', error);
        return undefined;
      },
    );
    return this.delivery.then((delivery) => delivery?.flush());
  }

  /** Grants every offered category but those Global Privacy Control refuses; e-mail is asked separately. */
  acceptAll(): Promise<ConsentRecord> {
    return this.decide('accept-all', bulkChoices(true, this.options.categories, this.gpc), this.email);
  }

  /** Refuses every optional category; the e-mail answer is asked separately and kept. */
  rejectAll(): Promise<ConsentRecord> {
    return this.decide('reject-all', bulkChoices(false, this.options.categories, this.gpc), this.email);
  }

  /** Refuses everything, e-mail included. */
  withdraw(): Promise<ConsentRecord> {
    return this.decide('withdraw', bulkChoices(false, this.options.categories, false), { marketing: 'denied' });
  }

  /** Saves a choice: what is not given stays as it was; categories the site does not offer stay off. */
  async save(choice: ConsentChoice): Promise<ConsentRecord> {
    await this.loaded;
    const before = this.record && !this.prompt ? this.record.categories : bulkChoices(false, [], false);
    const categories = { ...before, ...choice.categories, necessary: true };
    for (const c of ['analytics', 'marketing', 'preferences'] as const) {
      categories[c] = !!categories[c] && this.options.categories.includes(c);
    }
    const email: EmailConsent = { ...this.email, ...choice.email };
    if (email.marketing !== 'granted' || !email.address) delete email.address;
    if (email.address !== undefined && !isEmailAddress(email.address)) {
      throw new TypeError(`[carat-consent] save(): ${JSON.stringify(email.address)} is not a valid e-mail address; nothing was saved`);
    }
    return this.decide('custom', categories, email, choice.wording);
  }
}
