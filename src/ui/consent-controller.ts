import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseOptions, policyVersionOf, type OptionSource } from '../config.js';
import { pushConsentUpdate } from '../consent-mode.js';
import { createGate, type Gate } from '../gate.js';
import { keepHint, readCookies, readHint } from '../hint.js';
import { enBanner, type BannerStrings, type StringKey, type Strings } from '../i18n/en.js';
import { loadStrings, pickLanguage, type Language } from '../i18n/languages.js';
import type { Delivery } from '../delivery.js';
import { loadChoice, loadCookies, loadCookieStorage, loadDelivery, loadPlaceholder, loadPolicyText, loadServices } from '../lazy.js';
import { hasUndelivered } from '../outbox.js';
import { fillPlaceholders, needsPrompt } from '../record.js';
import { report } from '../report.js';
import type { ServicesPart } from '../services/part.js';
import { databaseListed, mayHaveStoredChoice, memoryStorage, openConsentStorage, openedOnUse, type ConsentStorage } from '../storage.js';
import type { Category, CategoryChoices, ConsentChoice, ConsentOptions, ConsentRecord } from '../types.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Settles once the browser has painted what is rendered now (or, in a hidden tab, once it would). */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * The visitor's consent state for one `<carat-consent>`: options, wording, the stored record,
 * and what a choice does — store it, tell the other tabs, deliver it, and apply it to the page.
 * The element renders this state and turns clicks into calls on it.
 */
export class ConsentController implements ReactiveController {
  /** Parsed when the element connects, before its first render. */
  options!: ConsentOptions;
  /** The wording; the dialogs' part arrives with the dialogs (see `addStrings`). */
  strings: BannerStrings & Partial<Strings> = enBanner;
  /** What `addStrings` added: kept when a new start (the element back in the page) sets the wording anew. */
  private addedStrings: Partial<Strings> = {};
  language: Language = 'en';
  /** The latest stored record, even when it no longer counts. */
  record: ConsentRecord | null = null;
  /** True when the visitor must be asked: no choice, an expired one, or another policy version. */
  prompt = false;
  ready = false;
  /** Global Privacy Control, read on first need: a returning visitor's page never needs it. */
  get gpc(): boolean {
    return (this.gpcRead ??= (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true);
  }
  policyText: string | null = null;
  /** The services part, once loaded: only on sites that configure services. */
  services?: ServicesPart;

  private policyRead?: Promise<string>;
  private gpcRead?: boolean;
  /** What the hint granted, until IndexedDB answers. */
  private hinted?: Record<string, true>;
  /** Whether a choice was applied to the page, which one that no longer counts must take back. */
  private applied?: boolean;
  visitorId = '';
  storage?: ConsentStorage;
  /** `sha256:` and the hex digest, as records carry hashes, from the part that reads the policy. */
  readonly hash = (text: string): Promise<string> => loadPolicyText().then(({ sha256 }) => sha256(text));
  private delivery?: Promise<Delivery | undefined>;
  private gate?: Gate;
  private gateWatch?: MutationObserver;
  channel?: BroadcastChannel;
  private started = false;
  /** Counts starts and stops: a start's later steps go on only while its element stays in the page. */
  private generation = 0;
  private markReady = () => {};
  private markFailed: (error: Error) => void = () => {};
  /** Settles once the stored state is known; API calls wait for it, and fail with a start that failed. */
  loaded = this.whenLoaded();

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
    const generation = ++this.generation;
    // A returning visitor's choice applies from the hint first of all: Consent Mode and gated
    // scripts wait neither for the other options nor for IndexedDB, which confirms or corrects it
    // in `start`. A hint from before the site set or changed `policy-version` is not trusted.
    const sources = this.sources();
    const cookies = readCookies(document);
    const hint = readHint(cookies);
    if (hint?.version == policyVersionOf(sources)) {
      this.applyConsent({ categories: (this.hinted = hint.granted) as CategoryChoices });
      this.applied = true;
      this.watchForGated();
    }
    const current = () => generation == this.generation;
    this.start(sources, cookies, !!hint, current).catch((error) => {
      report('the widget could not start', error);
      if (current()) this.markFailed(new Error(`[carat-consent] the widget could not start (${String(error)})`));
    });
  }

  private whenLoaded(): Promise<void> {
    const loaded = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    // Only API calls need to hear of a start that failed (it is reported): they fail with it.
    loaded.catch(() => {});
    return loaded;
  }

  hostDisconnected(): void {
    this.started = false;
    this.generation++;
    this.ready = false;
    this.loaded = this.whenLoaded();
    this.channel?.close();
    this.gate?.disconnect();
    this.gateWatch?.disconnect();
    this.gate = this.gateWatch = undefined;
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
    this.addedStrings = { ...this.addedStrings, ...defaults };
    this.strings = { ...defaults, ...this.strings };
  }

  /** The description of a category: the site owner's, or the built-in one. */
  describe(category: Category): string {
    return this.options.descriptions[category] ?? this.text(`${category}Text`);
  }

  /** Whether a category or service is granted by a choice that still counts. */
  granted(id: Category): boolean {
    return id === 'necessary' || (!this.prompt && !!(this.hinted ?? { ...this.record?.services, ...this.record?.categories })[id]);
  }

  /**
   * The policy version new records carry, read on first need: a first visit's banner and a
   * returning visitor's choice never wait for the policy.
   */
  get policyVersion(): Promise<string> {
    return (this.policyRead ??= loadPolicyText().then(
      async ({ readPolicy, sha256 }) => {
        const text = (this.policyText = await readPolicy(this.options, document));
        return this.options.policyVersion || (text === null ? '' : sha256(text));
      },
      (error) => (report('the policy part could not be loaded', error), this.options.policyVersion),
    ));
  }

  /**
   * Most pages gate nothing: the gate watches the page only once a gated element is in it. Started
   * once per connection, as soon as a choice (or its hint) may grant something: a first visit has
   * granted nothing, so its gate waits until the banner is painted.
   */
  private watchForGated(): void {
    if (this.gateWatch) return;
    const gateWhenNeeded = () => {
      if (!document.querySelector('[data-consent]')) return;
      this.gateWatch!.disconnect();
      this.gate = createGate({
        isGranted: (c) => this.granted(c),
        isKnown: (c) => this.options.categories.includes(c) || !!this.services?.has(c),
        onAllow: (c) => void this.save({ categories: { [c]: true } }),
        strings: () => this.strings,
        loadPlaceholder,
      });
      this.gate.apply();
    };
    this.gateWatch = new MutationObserver(gateWhenNeeded);
    this.gateWatch.observe(document, { childList: true, subtree: true });
    gateWhenNeeded();
  }

  /**
   * Options, wording and the stored choice; `hinted`: whether the cookies held a hint; `current`:
   * false once the element has left the page (or left and come back), when this start stops.
   */
  private async start(sources: OptionSource[], cookies: string, hinted: boolean, current: () => boolean): Promise<void> {
    // `document.URL`, a string, rather than `location`: its object is one more for every page to make.
    // An `about:srcdoc` frame's own address resolves nothing: its base is its parent page's.
    const { options, errors } = parseOptions(sources, new URL(/^https?:/.test(document.URL) ? document.URL : document.baseURI));
    for (const error of errors) report(error);
    this.options = options;
    this.policyRead = undefined;
    this.language = pickLanguage(options.lang, document.documentElement.lang, () => navigator.languages);
    const base = options.i18nBase;
    // Without a hint, the cookies and localStorage tell a first visit, at once.
    const first = !hinted && !mayHaveStoredChoice(cookies);
    let opening: Promise<ConsentStorage> | undefined;
    const open = () =>
      (opening ??= openConsentStorage().then(
        (opened) =>
          opened ??
          loadCookieStorage().then(
            ({ cookieStorage }) => cookieStorage(document),
            (error) => {
              report('the cookie fallback could not be loaded; the choice lasts for this page only', error);
              return memoryStorage();
            },
          ),
      ));
    if (!first) void open();
    const [strings, services] = await Promise.all([
      loadStrings(this.language, base).catch((error) => {
        report(`language "${this.language}" could not be loaded; using English`, error);
        this.language = 'en';
        return enBanner;
      }),
      options.services.length ? loadServices().catch((error) => void report('the services part could not be loaded', error)) : undefined,
    ]);
    if (!current()) return;
    // The shop's English wording stands in for a language it gave none in (its own categories' names).
    this.strings = { ...this.addedStrings, ...options.translations.en, ...strings, ...options.translations[this.language] };
    this.services = services ? services.createServices(this) : undefined;
    // A first visit opens IndexedDB on its first choice: opening creates the database, and the
    // banner need not wait for that.
    const storage = first ? openedOnUse(open) : await open();
    if (!current()) return;
    this.storage = storage;
    if (!first) await this.adoptStored(storage, current);
    else this.adopt(null, options.policyVersion);
    if (!current()) return;
    if (!first) this.watchForGated();

    this.channel = new BroadcastChannel('carat-consent');
    this.channel.onmessage = ({ data }: MessageEvent<ConsentRecord>) => this.adopt(data, data.policyVersion, true);
    // What earlier pages left undelivered goes out, without holding up this page's start.
    if (options.endpoint && !first) void hasUndelivered(storage).then((waiting) => void (waiting && this.deliver()));
    this.ready = true;
    this.markReady();
    this.host.requestUpdate();
    this.emit('ready', this.prompt ? null : this.record);
    await afterPaint();
    if (!current()) return;
    this.watchForGated();
    // Read now, so a choice from the banner need not wait for the network.
    void this.policyVersion;
    // IndexedDB is the record: a choice stored there before localStorage knew of it still counts,
    // unless the visitor chose on this page meanwhile (that choice was announced already).
    if (first && (await databaseListed()) && current() && !this.record && (await this.adoptStored(storage, current, true)) && this.record) {
      this.emit('change', this.record);
    }
  }

  /**
   * Reads the stored choice and the visitor id, and adopts the choice, while `current()`;
   * `ifUnchosen`: only if no choice was made on this page while reading. Whether it adopted.
   */
  private async adoptStored(storage: ConsentStorage, current: () => boolean, ifUnchosen = false): Promise<boolean> {
    const { options } = this;
    const [record, visitorId] = await Promise.all([storage.get<ConsentRecord>('current'), storage.get<string>('visitor')]);
    if (!current() || (ifUnchosen && this.record)) return false;
    this.visitorId = visitorId ?? '';
    if (record && !options.policyVersion) {
      // The stored choice applies before the policy is read; a changed policy then asks again.
      this.adopt(record, record.policyVersion);
      // A policy that failed to load must not re-ask every visitor: keep the version they agreed to.
      const version = await this.policyVersion;
      if (version && version != record.policyVersion && current()) this.adopt(record, version);
    } else this.adopt(record ?? null, options.policyVersion);
    return true;
  }

  /**
   * Takes a record as the current one and applies it to the page, if it still counts under
   * `policyVersion`; `announce` for a new choice, here or in another tab. Settles once what it
   * refuses is deleted.
   */
  adopt(record: ConsentRecord | null, policyVersion: string, announce = false): Promise<void> | false | undefined {
    this.record = record;
    this.hinted = undefined;
    this.prompt = needsPrompt(record, policyVersion, new Date());
    // A first visit has no hint to remove.
    if (record || this.applied) keepHint(document, this.prompt ? null : record, this.options.policyVersion);
    // A choice that no longer counts takes back what the hint or an earlier choice granted.
    const applied = this.prompt ? this.applied && this.applyToPage({ categories: { necessary: true } as CategoryChoices }) : this.applyToPage(record!);
    this.applied = !this.prompt;
    this.host.requestUpdate();
    if (announce) this.emit('change', record);
    return applied;
  }

  /** Consent Mode and gated elements: what a choice, or the hint of one, changes on the page at once. */
  private applyConsent(choice: Pick<ConsentRecord, 'categories'>): void {
    // Each effect on its own: one the page breaks (a refused script, a throwing dataLayer)
    // must not keep the others from running.
    for (const effect of [() => pushConsentUpdate(choice.categories), () => this.gate?.apply()]) {
      try {
        effect();
      } catch (error) {
        report('applying the choice to the page failed', error);
      }
    }
  }

  /** Applies a choice at once, then deletes what it refuses once that code is here. */
  private applyToPage(choice: Pick<ConsentRecord, 'categories' | 'services'>): Promise<void> | undefined {
    this.applyConsent(choice);
    const [granted, cookies] = this.services?.clearing(choice) ?? [{ ...choice.services, ...choice.categories }, this.options.cookies];
    // Most visitors accept: the deleting code is fetched only once something is refused.
    if (Object.values(granted).includes(false) || this.options.categories.some((c) => !granted[c]))
      return loadCookies().then(
        ({ clearRefusedStorage }) => clearRefusedStorage(granted, cookies, this.options.localStorage),
        (error) => report('the cookies part could not be loaded', error),
      );
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
