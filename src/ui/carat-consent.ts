import type { OptionSource } from '../config.js';
import { isRightToLeft } from '../i18n/languages.js';
import type { StringKey } from '../i18n/en.js';
import type { Category, ConsentChoice, ConsentRecord } from '../types.js';
import { ConsentController } from './consent-controller.js';
import type { Dialogs } from './dialogs.js';
import { deepActiveElement } from './focus.js';
import { el } from './dom.js';
import { loadDialogs } from '../lazy.js';
import { styles } from './styles.js';
import { report } from '../report.js';
import { decisionOf } from '../record.js';
import { ReactiveHost } from './reactive-host.js';

/**
 * On what opens a dialog: a pointer over it, or focus on it, starts fetching the dialogs, so they
 * are often here by the click. A failure is left to that click, which tries again and reports it.
 * "Privacy choices" prefetches on a pointer only: a choice made in the banner moves focus there,
 * and most visitors open nothing after choosing.
 */
const prefetchDialogs = () => void loadDialogs().catch(() => {});
const POINTER_OPENER = { onpointerenter: prefetchDialogs };
const DIALOG_OPENER = { ...POINTER_OPENER, onfocus: prefetchDialogs };

/** Attributes any element may carry, which are not options. */
const GLOBAL_ATTRIBUTE = /^(id|class|style|hidden|dir|title|slot|tabindex|part|role|consent|data-.*|aria-.*)$/;

/**
 * The consent banner, preferences dialog and privacy-policy popup for a shop.
 *
 * For tools that read the light DOM it sets `consent` (`accepted`, `rejected` or `custom`) on itself
 * once the visitor has a choice that counts, and `role="region"` with an `aria-label` while the
 * banner shows.
 *
 * @summary Cookie consent and privacy policy, with proof of consent.
 *
 * @attr endpoint - Where records are POSTed: an http(s) URL or a same-origin path.
 * @attr policy-url - The privacy policy, Markdown or plain text.
 * @attr policy-page - The shop's privacy page: the href of the banner's policy link (default: `policy-url`).
 * @attr policy - `#id` of a `<template>` holding the policy instead.
 * @attr policy-version - Overrides the policy version (default: SHA-256 of the policy text).
 * @attr site-name - Fills `{{siteName}}` (default: the page's host name).
 * @attr contact-email - Fills `{{contactEmail}}`.
 * @attr lang - The language to use (default: `<html lang>`, then the browser's).
 * @attr categories - The optional categories offered: `analytics marketing preferences`.
 * @attr expires-days - Days before the visitor is asked again (default 180).
 * @attr theme - `light` (default), `dark` or `auto`.
 * @attr position - `box` (default: a floating card in the bottom corner), `bar` (across the bottom) or `center`.
 * @attr reopen - `button` (default: a small "Privacy choices" button stays after a choice) or `none`, for a shop whose pages link to the choices themselves (`data-carat-consent="preferences"`).
 * @attr i18n-base - Where the language files are (default: `i18n/` beside the script).
 *
 * @fires {CustomEvent<ConsentRecord | null>} carat-consent:ready - Once the stored state is known. Detail: the current record, or null.
 * @fires {CustomEvent<ConsentRecord>} carat-consent:change - After every choice, here or in another tab. Detail: the new record.
 * @fires {CustomEvent<{ id: string }>} carat-consent:delivered - When the endpoint has stored a record. Detail: `{ id }`.
 *
 * @csspart banner - The first-visit banner.
 * @csspart button - Every main button; each also has one of `accept`, `reject`, `customize`, `save`.
 * @csspart accept - "Accept all", in the banner and the preferences.
 * @csspart reject - "Reject all", in the banner and the preferences.
 * @csspart customize - "Customize" in the banner.
 * @csspart save - "Save choices" in the preferences.
 * @csspart link - Every button or link that looks like a link ("Privacy policy", "Withdraw consent", a provider's privacy policy).
 * @csspart withdraw - "Withdraw consent" in the preferences' receipt.
 * @csspart reopen - The small "Privacy choices" button shown after a choice.
 * @csspart dialog - Both dialogs; each also has `preferences` or `policy`.
 * @csspart preferences - The preferences dialog.
 * @csspart policy - The privacy-policy popup.
 * @csspart close - The close button of each dialog.
 * @csspart switch - Every switch: categories, services and e-mail.
 * @csspart email-input - The e-mail address field in the preferences.
 * @csspart services - The list of a category's services in the preferences (sites with services).
 * @csspart service - One service in that list.
 * @csspart service-switch - A service's switch (also `switch`).
 * @csspart service-details - A service's "About …" details.
 * @csspart service-summary - The "About …" line that opens them.
 * @csspart declaration - The "Cookies and services" declaration in the policy popup.
 * @csspart policy-heading - Each heading of the policy text.
 * @csspart policy-link - Each link in the policy text.
 *
 * @cssprop --carat-consent-bg - Background colour.
 * @cssprop --carat-consent-fg - Text colour.
 * @cssprop --carat-consent-muted - Secondary text colour.
 * @cssprop --carat-consent-accent - Button and switch colour.
 * @cssprop --carat-consent-on-accent - Text on buttons.
 * @cssprop --carat-consent-border - Borders and the switch outline.
 * @cssprop --carat-consent-focus - Focus ring.
 * @cssprop --carat-consent-error - Error text.
 * @cssprop --carat-consent-font - Font family.
 * @cssprop --carat-consent-radius - Corner radius.
 * @cssprop --carat-consent-spacing - Inner spacing.
 * @cssprop --carat-consent-z-index - Stacking order of the banner and button.
 */
export class CaratConsentElement extends ReactiveHost {
  static override styles = styles;

  /** Options as an object (keys as in the JSON config), applied over the JSON config; read on connect. */
  // A page may set it before the element is defined (the embed loads `async`): the upgrade keeps it.
  config: OptionSource = (this as { config?: OptionSource }).config ?? {};

  private readonly consent = new ConsentController(this, () => this.optionSources());
  /** Set by `showBanner()`: a plain field, not a reactive property, so it is no attribute either. */
  private forceBanner?: boolean;
  /** Whether the last choice failed: the banner says so until one succeeds. */
  private choiceFailed = false;
  private dialogs?: Dialogs;
  private banner?: HTMLElement | null;
  /** The banner or "Privacy choices", watched until it is replaced. */
  private watched?: HTMLElement | null;
  /** Whether the page got a `padding-bottom` to scroll its end clear of the banner (see `keepClear`). */
  private padded = false;
  private viewSize?: ResizeObserver;
  private readonly dialogsRoot = el('div');
  /** A polite live region that says a choice was saved (WCAG 4.1.3). */
  private readonly status = el('p', { role: 'status' });
  /** What the shadow root shows once ready: the banner or "Privacy choices", then the dialogs and the status. */
  private readonly frame = el('div', {}, this.dialogsRoot, this.status);
  /** The banner or "Privacy choices" button now shown, and the wording it was built from. */
  private view?: HTMLElement;
  private viewWording = '';

  private optionSources(): OptionSource[] {
    const sources: OptionSource[] = [];
    const json = document.getElementById('carat-consent-config');
    if (json) {
      try {
        const config: unknown = JSON.parse(json.textContent ?? '');
        if (typeof config !== 'object' || !config || Array.isArray(config)) throw config;
        sources.push(config as OptionSource);
      } catch (error) {
        report('the JSON config #carat-consent-config is not a JSON object; it is ignored', error);
      }
    }
    const config: unknown = this.config;
    if (typeof config === 'object' && config && !Array.isArray(config)) sources.push(config as OptionSource);
    else report('the config property is not an object; it is ignored', config);
    const attributes: OptionSource = {};
    // Names and values as strings: iterating `attributes` would make an Attr object of each.
    for (const name of this.getAttributeNames()) {
      if (!GLOBAL_ATTRIBUTE.test(name)) attributes[name] = this.getAttribute(name)!;
    }
    return [...sources, attributes];
  }

  protected override willUpdate(): void {
    const { options, record, prompt } = this.consent;
    const banner = this.showingBanner;
    // Privacy tools and scanners read the light DOM: the banner is a named region there, and the
    // choice a word they can test (`consent="rejected"`).
    for (const [name, value] of Object.entries({
      theme: options.theme,
      position: options.position,
      consent: !prompt && record && decisionOf(record.categories, options.categories, (c) => !!this.consent.services?.of(c).some((s) => record.services?.[s.id])),
      role: banner && 'region',
      'aria-label': banner && this.consent.text('bannerTitle'),
    })) {
      if (value) this.setAttribute(name, value);
      else this.removeAttribute(name);
    }
  }

  protected override updated(): void {
    // `render` has just put the banner or "Privacy choices" in `view`: no need to look it up.
    const view = this.view?.isConnected ? this.view : null;
    if (view == this.watched) return;
    this.watched = view;
    this.banner = view && this.showingBanner ? view : null;
    // Focus is watched only while a banner shows: most pages of a returning visitor never need it.
    if (this.banner) document.addEventListener('focusin', this.keepFocusClear);
    else document.removeEventListener('focusin', this.keepFocusClear);
    this.viewSize?.disconnect();
    // The observer reports a new view once it is laid out, and whenever its size changes: what
    // follows measures it then, never by forcing a layout.
    if (view) (this.viewSize ??= new ResizeObserver(() => (this.keepInWindow(), this.keepClear()))).observe(view);
    if (!this.banner) this.keepClear();
  }

  /**
   * A `transform`, `filter` or `contain` on an ancestor (themes put `transform: translateZ(0)` on
   * `<body>`) pins a fixed element to that ancestor, not to the window: the banner would sit at
   * the end of a long page. Found outside the window, the view moves to the top layer, where it
   * is fixed to the window again. Only then: in the top layer it would also cover a modal the
   * shop opened (an age check), instead of waiting under it.
   */
  private keepInWindow(): void {
    const view = this.watched;
    if (!view?.showPopover || !view.isConnected) return;
    const { top, bottom } = view.getBoundingClientRect();
    if (top >= 0 && bottom <= innerHeight) return;
    view.popover = 'manual';
    view.showPopover();
  }

  /**
   * WCAG 2.4.11: a focused element must not hide behind the banner. At the bottom of the window
   * (`box`, `bar`) the page's `scroll-padding-bottom` keeps focus above it, and once focus found
   * the page's end under it, a `padding-bottom` as tall lets that end scroll clear of it too.
   */
  private keepClear(): void {
    const { banner } = this;
    const room = banner && this.consent.options.position != 'center' ? `${Math.ceil(innerHeight - banner.getBoundingClientRect().top)}px` : '';
    // No root while a page rewrites itself (`document.open()`).
    const style = document.documentElement?.style;
    style?.setProperty('scroll-padding-bottom', room);
    if (this.padded) style?.setProperty('padding-bottom', room);
    this.padded &&= !!room;
  }

  /**
   * Page content that focus reaches under the banner, where scroll padding could not keep it (the
   * page's end; a banner in the middle of the window), is scrolled out from under it once the
   * browser has scrolled it into view: above a centred banner where there is room, else below.
   * Only then does a bottom banner add its padding: that can bring a scroll bar and move the page.
   */
  private readonly keepFocusClear = ({ target }: FocusEvent) => {
    const { banner } = this;
    if (!banner || !(target instanceof Element) || this.contains(target)) return;
    requestAnimationFrame(() => {
      const under = banner.getBoundingClientRect();
      const focused = target.getBoundingClientRect();
      const [x, y] = [focused.left + focused.width / 2, focused.top + focused.height / 2];
      if (x < under.left || x > under.right || y < under.top || y > under.bottom) return;
      if (this.consent.options.position == 'center') {
        scrollBy(0, focused.height + 8 < under.top ? focused.bottom - under.top + 8 : focused.top - under.bottom - 8);
      } else {
        this.padded = true;
        this.keepClear();
        target.scrollIntoView({ block: 'nearest' });
      }
    });
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.openFromPage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.openFromPage);
    document.removeEventListener('focusin', this.keepFocusClear);
    this.banner = this.watched = null;
    this.viewSize?.disconnect();
    this.keepClear();
  }

  private get showingBanner() {
    return this.consent.ready && (this.consent.prompt || this.forceBanner);
  }

  /** `fallback`: where to send the visitor when the dialogs cannot be loaded. */
  private async openDialog(name: 'preferences' | 'policy', fallback?: string): Promise<void> {
    await this.consent.loaded;
    await this.consent.policyVersion;
    try {
      if (!this.dialogs) {
        const { createDialogs, enDialogs } = await loadDialogs();
        this.consent.addStrings(enDialogs);
        this.dialogs = createDialogs({
          element: this,
          consent: this.consent,
          container: this.dialogsRoot,
          choose: (decide) => this.choose(decide),
        });
      }
    } catch (error) {
      report('the dialogs could not be loaded', error);
      if (fallback) location.href = fallback;
      return;
    }
    return this.dialogs.open(name);
  }

  /** Makes a choice and says how it went; false when it could not be saved. */
  private async choose(decide: () => Promise<ConsentRecord>): Promise<boolean> {
    const fromBanner = !!this.banner?.contains(deepActiveElement());
    // Only a choice made in the preferences closes them: the visitor may have opened them anew
    // while a choice from the banner was still being stored.
    const fromPreferences = this.renderRoot.querySelector<HTMLDialogElement>('#preferences')?.open;
    // Emptied first, so a second choice is announced again.
    const { status } = this;
    status.textContent = '';
    this.forceBanner = false;
    try {
      await decide();
    } catch (error) {
      // An invalid address is the caller's to word (the preferences say so at the field).
      if (error instanceof TypeError) throw error;
      // The choice code failed to load (a CDN hiccup, a blocked or combined script): the banner
      // stays and says so, and the visitor can press again. Saying so rebuilds the banner, so
      // focus goes back to the button that was pressed.
      report('the choice could not be saved', error);
      status.textContent = this.consent.text('notSaved');
      const pressed = fromBanner && deepActiveElement()?.getAttribute('part');
      this.choiceFailed = true;
      this.requestUpdate();
      await this.updateComplete;
      if (pressed) this.banner?.querySelector<HTMLElement>(`[part="${pressed}"]`)?.focus();
      return false;
    }
    this.choiceFailed = false;
    // Closed first: while the modal dialog is open, the status outside it is not heard.
    if (fromPreferences) this.dialogs?.close('preferences');
    status.textContent = this.consent.text('saved');
    if (fromBanner) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part~="reopen"]')?.focus();
    }
    return true;
  }

  /** The current choice if it still counts (not expired, same policy version), else null. */
  async getConsent(): Promise<ConsentRecord | null> {
    await this.consent.loaded;
    return this.consent.prompt ? null : this.consent.record;
  }

  /** Whether a category is granted right now; `necessary` always is. */
  hasConsent(category: Category): boolean {
    return this.consent.granted(category);
  }

  /** Grants every offered category (but marketing under Global Privacy Control). */
  acceptAll(): Promise<ConsentRecord> {
    return this.consent.acceptAll();
  }

  /** Refuses every optional category. */
  rejectAll(): Promise<ConsentRecord> {
    return this.consent.rejectAll();
  }

  /** Saves a choice: given categories and e-mail answer; the rest stays as it was. */
  save(choice: ConsentChoice): Promise<ConsentRecord> {
    return this.consent.save(choice);
  }

  /** Withdraws every consent, e-mail included. */
  withdraw(): Promise<ConsentRecord> {
    return this.consent.withdraw();
  }

  /** Shows the banner again, even to a visitor who has chosen. */
  async showBanner(): Promise<void> {
    await this.consent.loaded;
    this.forceBanner = true;
    this.requestUpdate();
  }

  /** Opens the preferences dialog. */
  showPreferences(): Promise<void> {
    return this.openDialog('preferences');
  }

  /** Opens the privacy-policy popup. */
  showPolicy(): Promise<void> {
    return this.openDialog('policy');
  }

  /**
   * The shop's own links and buttons marked `data-carat-consent="preferences"` or `"policy"` open
   * that dialog, with no script of the shop's; a link is followed where the dialogs cannot load,
   * and when opened in a new tab or window.
   */
  private readonly openFromPage = (event: MouseEvent): void => {
    const opener = event.target instanceof Element ? event.target.closest('[data-carat-consent]') : null;
    const name = opener?.getAttribute('data-carat-consent');
    if (name == 'preferences' || name == 'policy') this.openInstead(event, name, opener instanceof HTMLAnchorElement ? opener.href : undefined);
  };

  /**
   * A plain click opens the dialog instead of following the link; with a modifier (new tab, new
   * window) the browser follows it, as it does for a middle click, which fires no `click`.
   */
  private openInstead(event: MouseEvent, name: 'preferences' | 'policy', href?: string): void {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    void this.openDialog(name, href);
  }

  /** What the banner says, in the visitor's language: all it is built from. */
  private bannerWording() {
    const t = (key: StringKey) => this.consent.text(key);
    return {
      title: t('bannerTitle'),
      text: t('bannerText'),
      link: t('policyLink'),
      // A policy from a <template> has no address of its own: then the link only opens the popup.
      href: this.consent.options.policyPage || this.consent.options.policyUrl,
      note: this.consent.services?.bannerNote(),
      gpc: this.consent.gpc && t('gpcNotice'),
      failed: this.choiceFailed && t('notSaved'),
      actions: [t('acceptAll'), t('rejectAll'), t('customize')] as const,
    };
  }

  private renderBanner({ title, text, link, href, note, gpc, failed, actions: [accept, reject, customize] }: ReturnType<CaratConsentElement['bannerWording']>) {
    const showPreferences = () => void this.showPreferences();
    return el(
      'div',
      { part: 'banner' },
      el(
        'div',
        {},
        el('h2', { id: 'banner-title' }, title),
        el(
          'p',
          {},
          text,
          ' ',
          el('a', { class: 'link', part: 'link', href: href || '#', onclick: (event) => this.openInstead(event, 'policy', href), ...DIALOG_OPENER }, link),
        ),
        note && el('p', { class: 'small' }, note.text, ' ', el('button', { class: 'link', part: 'link', onclick: showPreferences, ...DIALOG_OPENER }, note.link)),
        gpc && el('p', { class: 'small' }, gpc),
        failed && el('p', { class: 'small error' }, failed),
      ),
      el(
        'div',
        { class: 'actions' },
        el('button', { part: 'button accept', onclick: () => void this.choose(() => this.acceptAll()) }, accept),
        el('button', { part: 'button reject', onclick: () => void this.choose(() => this.rejectAll()) }, reject),
        el('button', { part: 'button customize', onclick: showPreferences, ...DIALOG_OPENER }, customize),
      ),
    );
  }

  /**
   * The banner, or "Privacy choices" once the visitor has chosen. Either is built anew only when
   * its wording changes: an update that changes nothing there (the dialogs opening, a switch in
   * them changing) keeps the very buttons the visitor may be focused on.
   */
  override render(): void {
    if (!this.consent.ready) {
      this.frame.remove();
      return;
    }
    const banner = this.showingBanner ? this.bannerWording() : undefined;
    const reopen = !banner && this.consent.options.reopen == 'button' && this.consent.text('reopen');
    const wording = JSON.stringify(banner ?? reopen);
    if (wording !== this.viewWording) {
      const view = banner
        ? this.renderBanner(banner)
        : reopen && el('button', { part: 'reopen', onclick: () => void this.showPreferences(), ...POINTER_OPENER }, reopen);
      if (!view) this.view?.remove();
      else if (this.view) this.view.replaceWith(view);
      else this.frame.prepend(view);
      this.view = view || undefined;
      this.viewWording = wording;
    }
    this.frame.dir = isRightToLeft(this.consent.language) ? 'rtl' : 'ltr';
    this.frame.lang = this.consent.language;
    if (!this.frame.isConnected) this.renderRoot.append(this.frame);
    this.dialogs?.render();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'carat-consent': CaratConsentElement;
  }
  interface GlobalEventHandlersEventMap {
    'carat-consent:ready': CustomEvent<ConsentRecord | null>;
    'carat-consent:change': CustomEvent<ConsentRecord>;
    'carat-consent:delivered': CustomEvent<{ id: string }>;
  }
}
