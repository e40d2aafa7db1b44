import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseOptions, type OptionSource } from '../config.js';
import { pushConsentUpdate } from '../consent-mode.js';
import { clearRefusedStorage } from '../cookies.js';
import type { Gate } from '../gate.js';
import { enBanner, type BannerStrings, type StringKey, type Strings } from '../i18n/en.js';
import { loadStrings, pickLanguage, type Language } from '../i18n/languages.js';
import type { Delivery } from '../delivery.js';
import { loadChoice, loadCookieStorage, loadDelivery, loadGate, loadPlaceholder, loadServices } from '../lazy.js';
import { hasUndelivered } from '../outbox.js';
import { fillPlaceholders, needsPrompt, sha256 } from '../record.js';
import { report } from '../report.js';
import type { ServicesPart } from '../services/part.js';
import { memoryStorage, openConsentStorage, type ConsentStorage } from '../storage.js';
import type { Category, ConsentChoice, ConsentOptions, ConsentRecord } from '../types.js';

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
  /** The services part, once loaded: only on sites that configure services. */
  services?: ServicesPart;

  /** The policy version new records carry, settled once the policy text is read; a first visit does not wait for it. */
  policyVersion: Promise<string> = Promise.resolve('');
  visitorId = '';
  storage?: ConsentStorage;
  /** `sha256:` and the hex digest, as records carry hashes. */
  readonly hash = sha256;
  private delivery?: Promise<Delivery | undefined>;
  private gate?: Gate;
  private gateWatch?: MutationObserver;
  channel?: BroadcastChannel;
  private started = false;
  private markReady = () => {};
  /** Settles once the stored state is known; API calls wait for it. */
  loaded = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    /** The element this state belongs to. */
    readonly host: Host,
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
    this.gateWatch?.disconnect();
    void this.delivery?.then((delivery) => delivery?.dispose());
    this.delivery = undefined;
  }

  /** Fill values for `{{siteName}}` and `{{contactEmail}}`. */
  get fill(): Record<string, string> {
    return { siteName: this.options.siteName, contactEmail: this.options.contactEmail };
  }

  /** A string in the visitor's language with its placeholders filled; `''` for a key nobody gave. */
  text(key: StringKey | (string & {})): string {
    return fillPlaceholders((this.strings as Record<string, string>)[key] ?? '', this.fill);
  }

  /** Adds wording under what the language and the site owner gave: the dialogs' English defaults. */
  addStrings(defaults: Partial<Strings>): void {
    this.strings = { ...defaults, ...this.strings };
  }

  /** The description of a category: the site owner's, or the built-in one. */
  describe(category: Category): string {
    return this.options.descriptions[category] ?? this.text(`${category}Text`);
  }

  /** Whether a category or service is granted by a choice that still counts. */
  granted(id: Category): boolean {
    return id === 'necessary' || (!this.prompt && !!{ ...this.record?.services, ...this.record?.categories }[id]);
  }

  private async start(): Promise<void> {
    const { options, errors } = parseOptions(this.sources(), new URL(location.href));
    for (const error of errors) report(error);
    this.options = options;
    this.language = pickLanguage(options.lang, document.documentElement.lang, navigator.languages);
    const base = options.i18nBase;
    const policy = readPolicy(options, document).then(async (text) => {
      this.policyText = text;
      return options.policyVersion || (text === null ? '' : sha256(text));
    });
    const [storage, strings, services] = await Promise.all([
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
        report(`language "${this.language}" could not be loaded; using English`, error);
        this.language = 'en';
        return enBanner;
      }),
      options.services.length ? loadServices().catch((error) => void report('the services part could not be loaded', error)) : undefined,
    ]);
    this.storage = storage;
    // The shop's English wording stands in for a language it gave none in (its own categories' names).
    this.strings = { ...options.translations.en, ...strings, ...options.translations[this.language] };
    this.services = services ? services.createServices(this) : undefined;
    const [record, visitorId] = await Promise.all([storage.get<ConsentRecord>('current'), storage.get<string>('visitor')]);
    this.visitorId = visitorId ?? '';
    // A first visit must be asked whatever the policy says: show the banner without waiting for it.
    this.policyVersion = policy;
    // A policy that failed to load must not re-ask every visitor: keep the version they agreed to.
    this.adopt(record ?? null, record ? (await policy) || record.policyVersion : '');

    this.channel = new BroadcastChannel('carat-consent');
    this.channel.onmessage = ({ data }: MessageEvent<ConsentRecord>) => this.adopt(data, data.policyVersion, true);
    // Most pages gate nothing: the gate's code is fetched once a gated element is in the page.
    const gateWhenNeeded = () => {
      if (!document.querySelector('[data-consent]')) return;
      this.gateWatch!.disconnect();
      loadGate().then(({ createGate }) => {
        if (!this.started) return;
        this.gate = createGate({
          isGranted: (c) => this.granted(c),
          isKnown: (c) => options.categories.includes(c) || !!this.services?.has(c),
          onAllow: (c) => void this.save({ categories: { [c]: true } }),
          strings: this.strings,
          loadPlaceholder,
        });
        this.gate.apply();
      }, (error) => report('the gate could not be loaded; gated scripts and frames stay blocked', error));
    };
    this.gateWatch = new MutationObserver(gateWhenNeeded);
    this.gateWatch.observe(document, { childList: true, subtree: true });
    gateWhenNeeded();
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
  adopt(record: ConsentRecord | null, policyVersion: string, announce = false): void {
    this.record = record;
    this.prompt = needsPrompt(record, policyVersion, new Date());
    if (!this.prompt) {
      const choices = record!.categories;
      // Each effect on its own: one the page breaks (a refused script, a throwing dataLayer)
      // must not keep the others from running.
      for (const effect of [
        () => pushConsentUpdate(choices),
        () => clearRefusedStorage(...(this.services?.clearing(record!) ?? [choices, this.options.cookies]), this.options.localStorage),
        () => this.gate?.apply(),
      ]) {
        try {
          effect();
        } catch (error) {
          report('applying the choice to the page failed', error);
        }
      }
    }
    this.host.requestUpdate();
    if (announce) this.emit('change', record);
  }

  private emit(name: string, detail: unknown): void {
    this.host.dispatchEvent(new CustomEvent(`carat-consent:${name}`, { detail, bubbles: true, composed: true }));
  }

  /** Sends what waits in the outbox, loading the delivery code on first need. */
  deliver(): Promise<void> {
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

  /** Runs a choice with the choice code, fetched on the first one: most page views make none. */
  private async choose(make: (choice: typeof import('../choice.js')) => Promise<ConsentRecord>): Promise<ConsentRecord> {
    await this.loaded;
    return make(await loadChoice());
  }

  /** Grants every offered category but those Global Privacy Control refuses; e-mail is asked separately. */
  acceptAll(): Promise<ConsentRecord> {
    return this.choose((choice) => choice.acceptAll(this));
  }

  /** Refuses every optional category; the e-mail answer is asked separately and kept. */
  rejectAll(): Promise<ConsentRecord> {
    return this.choose((choice) => choice.rejectAll(this));
  }

  /** Refuses everything, e-mail included. */
  withdraw(): Promise<ConsentRecord> {
    return this.choose((choice) => choice.withdraw(this));
  }

  /** Saves a choice: what is not given stays as it was; categories the site does not offer stay off. */
  save(choice: ConsentChoice): Promise<ConsentRecord> {
    return this.choose((made) => made.save(this, choice));
  }
}
