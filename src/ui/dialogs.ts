import { html, nothing, render, type TemplateResult } from 'lit';
import { adoptStyles, css } from './adopt-styles.js';
import { parsePolicy, type Inline, type PolicyBlock } from '../policy.js';
import type { Category, CategoryChoices, ConsentRecord } from '../types.js';
import type { ConsentController } from './consent-controller.js';
import type { ReactiveHost } from './reactive-host.js';
import { deepActiveElement, trapTab } from './focus.js';
import { bulkChoices, fillPlaceholders } from '../record.js';
import { localeFor } from '../i18n/languages.js';

import { enDialogs as dialogs, enWording } from '../i18n/en.js';
import { renderPolicy } from './policy-view.js';

/** The English the dialogs bring: their own, and what they show of each category and the e-mail sentence. */
export const enDialogs = { ...enWording, ...dialogs };

/**
 * The preferences dialog and the policy popup. Most visitors never open either, so the embed
 * fetches this module on the first click rather than on every page.
 */

/** What the preferences dialog holds while the visitor edits it. */
interface Draft {
  categories: CategoryChoices;
  /** Per service id, on sites that configure services. */
  services: Record<string, boolean>;
  email: boolean;
  address: string;
  error: string;
  /** Whether the last choice made here could not be saved. */
  failed: boolean;
}

/** What the dialogs need from the element that shows them. */
export interface DialogHost {
  element: ReactiveHost;
  consent: ConsentController;
  /** Where the dialogs render, in the element's shadow root. */
  container: HTMLElement;
  /** Makes a choice the way the element's buttons do; false when it could not be saved. */
  choose(decide: () => Promise<ConsentRecord>): Promise<boolean>;
}

/** The dialogs of one element. */
export interface Dialogs {
  /** Opens a dialog; focus returns where it was when it closes. */
  open(name: 'preferences' | 'policy'): Promise<void>;
  close(name: string): void;
  /** Brings the dialogs up to date; the element calls it on each of its updates. */
  render(): void;
}

/** Adopted into the element's shadow root: a CSP with `style-src 'self'` refuses a `<style>` element. */
const dialogStyles = css`
  dialog {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    box-shadow: 0 8px 32px #0004;
    width: min(640px, 100vw - 16px);
    max-height: min(736px, 100dvh - 16px);
    padding: 0;
    border-radius: calc(var(--_radius) * 1.5);
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: #0009;
  }
  /* Only the middle scrolls: the title and the buttons stay in view, and nothing sticky can
     cover a control that Tab scrolls to (WCAG 2.4.11). */
  .head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 12px;
    padding: var(--_space) var(--_space) 8px;
  }
  .head h2 {
    margin: 0;
    hyphens: auto;
  }
  .body {
    min-height: 0;
    overflow: auto;
    padding: 0 var(--_space) var(--_space);
  }
  /* The policy text scrolls by keyboard: its ring goes inside, where the dialog cannot clip it. */
  .body:focus-visible {
    outline-offset: -3px;
  }
  .foot {
    border-top: 1px solid var(--_border);
    padding: 12px var(--_space);
  }
  /* Too short for a fixed title and buttons (400 % zoom, a phone on its side): it all scrolls. */
  @media (max-height: 30rem) {
    dialog[open] {
      display: block;
      overflow: auto;
    }
    .body {
      overflow: visible;
    }
  }
  .close {
    flex: none;
    min-width: 44px;
    min-height: 44px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
    font-size: 1.4em;
    line-height: 1;
  }
  a {
    color: inherit;
  }
  .group {
    margin: 0;
    border: 0;
    min-width: 0;
    border-top: 1px solid var(--_border);
    padding: 12px 0;
  }
  h3 {
    font-size: 1em;
    margin: 0 0 0.25em;
  }
  label.row {
    display: flex;
    justify-content: space-between;
    gap: 16px;
    font-weight: 600;
    cursor: pointer;
  }
  [part~='switch'] {
    appearance: none;
    flex: none;
    width: 44px;
    height: 26px;
    margin: 0;
    border-radius: 13px;
    border: 2px solid var(--_border);
    background: var(--_bg);
    position: relative;
    cursor: pointer;
    transition: background 0.15s;
  }
  [part~='switch']::before {
    content: '';
    position: absolute;
    top: 2px;
    inset-inline-start: 2px;
    width: 18px;
    height: 18px;
    border-radius: 50%;
    background: var(--_muted);
    transition: inset-inline-start 0.15s;
  }
  /* Only the switches move; the embed's styles carry no motion of their own. */
  @media (prefers-reduced-motion: reduce) {
    [part~='switch'],
    [part~='switch']::before {
      transition: none;
    }
  }
  [part~='switch']:checked {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  [part~='switch']:checked::before {
    background: var(--_on-accent);
    inset-inline-start: 20px;
  }
  [part~='switch']:disabled {
    opacity: 0.75;
    cursor: not-allowed;
  }
  /* High-contrast themes repaint backgrounds in one colour, which would hide the thumb. */
  @media (forced-colors: active) {
    [part~='switch'] {
      forced-color-adjust: none;
      background: Canvas;
      border-color: CanvasText;
    }
    [part~='switch']::before {
      background: CanvasText;
    }
    [part~='switch']:checked {
      background: Highlight;
      border-color: Highlight;
    }
    [part~='switch']:checked::before {
      background: HighlightText;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='switch'],
    [part~='switch']::before {
      transition: none;
    }
  }
  input[type='email'] {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
    display: block;
    width: 100%;
    min-height: 44px;
    margin-top: 4px;
    padding: 8px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  .receipt {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 12px;
    margin-bottom: 8px;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 16px;
    margin: 0 0 0.5em;
    font-size: 0.9em;
  }
  dd {
    margin: 0;
  }
`;

const plainText = (inline: Inline[]): string =>
  inline.map((node) => (typeof node === 'string' ? node : plainText(node.children))).join('');

const checked = (event: Event) => (event.target as HTMLInputElement).checked;

/** The dialogs for `host`: their state, their focus handling and their templates. */
export function createDialogs(host: DialogHost): Dialogs {
  const { element, consent } = host;
  const t = consent.text.bind(consent);
  adoptStyles(element.renderRoot, dialogStyles, ...(consent.services ? [consent.services.styles] : []));
  // Each open dialog and what had focus before it.
  const openers = new Map<string, Element | null>();
  let draft: Draft;

  const edit = (change: Partial<Draft>) => {
    draft = { ...draft, ...change };
    element.requestUpdate();
  };
  const dialog = (name: string) => element.renderRoot.querySelector<HTMLDialogElement>(`#${name}`);
  // Outside this modal dialog nothing is heard or seen: a choice that failed is said in it.
  const choose = async (decide: () => Promise<ConsentRecord>) => edit({ failed: !(await host.choose(decide)) });
  // Dates in the visitor's own variant of the language: "29 November 2026" on an en-GB page.
  const locale = () => localeFor(consent.language, [consent.options.lang, document.documentElement.lang, ...navigator.languages]);
  const offered = () => ['necessary', ...consent.options.categories];
  // A shop's own category has a name only where the shop gave one: its id is better than nothing.
  const label = (category: Category) => t(category) || category;
  const servicesOf = (category: Category) => consent.services?.of(category) ?? [];
  // Where the address the visitor gave stands at the collector (double opt-in, SPEC §12):
  // `pending` until they follow the link in the confirmation mail, then `confirmed`.
  let emailStatus = '';

  async function askEmailStatus(): Promise<void> {
    const { record, options } = consent;
    emailStatus = '';
    if (!options.endpoint || record?.email.marketing !== 'granted' || !record.email.address) return;
    try {
      const url = new URL(`email-status?visitorId=${record.visitorId}`, new URL(options.endpoint, location.href));
      emailStatus = ((await (await fetch(url)).json()) as { status?: string }).status ?? '';
    } catch {
      // A collector that is unreachable, or has no such route, simply says nothing about it.
    }
    element.requestUpdate();
  }

  async function open(name: string): Promise<void> {
    openers.set(name, deepActiveElement());
    if (name === 'preferences') {
      void askEmailStatus();
      const { record } = consent;
      const counts = record && !consent.prompt;
      draft = {
        categories: { ...(counts ? record.categories : bulkChoices(false, [], false)) },
        services: { ...(counts && record.services) },
        email: record?.email.marketing === 'granted',
        address: record?.email.address ?? '',
        error: '',
        failed: false,
      };
    }
    element.requestUpdate();
    await element.updateComplete;
    const opened = dialog(name);
    if (opened && !opened.open) opened.showModal();
  }

  function onClose(event: Event): void {
    const name = (event.currentTarget as HTMLDialogElement).id;
    const opener = openers.get(name);
    openers.delete(name);
    element.requestUpdate();
    // The banner button that opened the dialog may be gone after a choice: land on "Privacy choices".
    void element.updateComplete.then(() =>
      ((opener?.isConnected ? opener : element.renderRoot.querySelector('[part~="reopen"]')) as HTMLElement | null)?.focus(),
    );
  }

  async function save(): Promise<void> {
    const typed = draft.address.trim();
    const previous = consent.record?.email.marketing ?? 'unset';
    try {
      await choose(() =>
        consent.save({
          categories: draft.categories,
          services: draft.services,
          email: draft.email
            ? { marketing: 'granted', ...(typed && { address: typed }) }
            : { marketing: previous === 'granted' ? 'denied' : previous },
        }),
      );
    } catch {
      edit({ error: t('emailInvalid') });
      await element.updateComplete;
      element.renderRoot.querySelector<HTMLInputElement>('#address')?.focus();
      // Below the field, the message may sit under the dialog's buttons until scrolled to.
      element.renderRoot.querySelector('#address-error')?.scrollIntoView({ block: 'nearest' });
    }
  }

  const head = (id: string, title: unknown) => html`<div class="head">
    <h2 id="${id}-title">${title}</h2>
    <button class="close" part="close" aria-label=${t('close')} @click=${() => dialog(id)?.close()}>×</button>
  </div>`;

  /** A category's switch sets all its services; it shows "mixed" while they differ (a checkbox, as a switch cannot). */
  const categorySwitch = (category: Category) => {
    const necessary = category === 'necessary';
    const services = servicesOf(category);
    const on = services.filter((s) => necessary || draft.services[s.id]).length;
    const setAll = (value: boolean) =>
      edit({
        categories: { ...draft.categories, [category]: value },
        services: { ...draft.services, ...Object.fromEntries(services.map((s) => [s.id, value])) },
      });
    return html`<fieldset class="group" aria-label=${label(category)}>
      <label class="row"
        >${label(category)}
        <input
          type="checkbox"
          role=${services.length ? nothing : 'switch'}
          part="switch"
          data-category=${category}
          aria-describedby="about-${category}"
          .checked=${necessary || (services.length ? on == services.length : !!draft.categories[category])}
          .indeterminate=${on > 0 && on < services.length}
          ?disabled=${necessary}
          @change=${(e: Event) => setAll(checked(e))}
      /></label>
      <p class="small" id="about-${category}">${consent.describe(category)}</p>
      ${services.length
        ? html`<ul part="services" aria-label=${label(category)}>
            ${services.map((s) =>
              consent.services!.serviceRow(s, necessary || !!draft.services[s.id], (value) =>
                edit({ services: { ...draft.services, [s.id]: value } }),
              ),
            )}
          </ul>`
        : nothing}
    </fieldset>`;
  };

  const emailSwitch = () => html`<fieldset class="group" aria-label=${t('emailTitle')}>
    <label class="row"
      >${t('emailTitle')}
      <input
        type="checkbox"
        role="switch"
        part="switch"
        aria-describedby="about-email"
        .checked=${draft.email}
        @change=${(e: Event) => edit({ email: checked(e), error: '' })}
    /></label>
    <p class="small" id="about-email">${t('emailText')}</p>
    ${draft.email
      ? html`<label for="address">${t('emailLabel')}</label>
          <input
            id="address"
            part="email-input"
            type="email"
            autocomplete="email"
            .value=${draft.address}
            aria-invalid=${draft.error ? 'true' : 'false'}
            aria-describedby="address-error"
            @input=${(e: Event) => edit({ address: (e.target as HTMLInputElement).value, error: '' })}
          />
          <p class="error" id="address-error" role="alert">${draft.error}</p>`
      : nothing}
  </fieldset>`;

  /**
   * "Allowed: …" and "Refused: …", each one sentence of the language with the names listed its
   * way. A category granted only in part is listed by its services, each where it stands.
   */
  const summary = (record: ConsentRecord) => {
    const list = new Intl.ListFormat(consent.language);
    const granted = (id: string) => !!record.services?.[id];
    const answers = [
      ...offered().flatMap((c) => {
        const services = servicesOf(c);
        return record.categories[c] || !services.some((s) => granted(s.id))
          ? [[label(c), record.categories[c]] as const]
          : services.map((s) => [s.name, granted(s.id)] as const);
      }),
      [t('emailTitle'), record.email.marketing === 'granted'] as const,
    ];
    return (['receiptGranted', 'receiptRefused'] as const).map((key, refused) => {
      const names = answers.filter(([, granted]) => granted !== !!refused).map(([name]) => name);
      return names.length ? html`<p class="small">${fillPlaceholders(t(key), { list: list.format(names) })}</p>` : nothing;
    });
  };

  const receipt = (record: ConsentRecord) => html`<section class="receipt" aria-labelledby="receipt-title">
    <h3 id="receipt-title">${t('receiptTitle')}</h3>
    <dl>
      <dt>${t('receiptId')}</dt>
      <dd>${record.id}</dd>
      <dt>${t('receiptDate')}</dt>
      <dd>${new Date(record.createdAt).toLocaleString(locale(), { dateStyle: 'long', timeStyle: 'short' })}</dd>
      <dt>${t('receiptVersion')}</dt>
      <dd>${record.policyVersion.slice(0, 19)}</dd>
    </dl>
    ${summary(record)}
    ${emailStatus == 'pending' || emailStatus == 'confirmed'
      ? html`<p class="small" part="email-status">
          ${fillPlaceholders(t(emailStatus == 'pending' ? 'emailPending' : 'emailConfirmed'), { address: record.email.address! })}
        </p>`
      : nothing}
    <button class="link" part="link withdraw" @click=${() => choose(() => consent.withdraw())}>${t('withdraw')}</button>
  </section>`;

  // The receipt comes first, so withdrawing is in view as soon as the preferences open.
  const preferences = () => html`${head('preferences', t('prefsTitle'))}
    <div class="body">
      <p id="preferences-about">
        ${t('prefsIntro')} <button class="link" part="link" @click=${() => open('policy')}>${t('policyLink')}</button>
      </p>
      ${consent.gpc ? html`<p class="small">${t('gpcNotice')}</p>` : nothing} ${consent.record ? receipt(consent.record) : nothing}
      ${offered().map(categorySwitch)} ${emailSwitch()}
    </div>
    <div class="foot">
      <div class="actions">
        <button part="button accept" @click=${() => choose(() => consent.acceptAll())}>${t('acceptAll')}</button>
        <button part="button reject" @click=${() => choose(() => consent.rejectAll())}>${t('rejectAll')}</button>
        <button part="button save" @click=${save}>${t('save')}</button>
      </div>
      ${draft.failed ? html`<p class="small error" role="alert">${t('notSaved')}</p>` : nothing}
    </div>`;

  const policy = () => {
    const blocks = consent.policyText === null ? null : parsePolicy(consent.policyText, consent.fill);
    // A policy's own title becomes the dialog's, rather than a second heading under it; its
    // sections then sit one level below that title.
    const title = blocks?.[0]?.kind === 'h1' ? blocks.shift() : undefined;
    const top = title ? 2 : 3;
    // The declaration goes where the policy says `{{cookieDeclaration}}`, else at its end.
    const at = blocks?.findIndex((b) => b.kind == 'p' && plainText(b.inline).trim() == '{{cookieDeclaration}}') ?? -1;
    const declaration = consent.services?.declaration(3) ?? nothing;
    // The policy is the shop's text, in the shop's language, whatever language the widget speaks
    // (WCAG 3.1.2): the page's, else English. The declaration is the widget's, in the visitor's.
    const lang = document.documentElement.lang || 'en';
    const dir = /^(ar|fa|he|ur)\b/i.test(lang) ? 'rtl' : 'ltr';
    const shop = (part: PolicyBlock[]) => html`<div lang=${lang} dir=${dir}>${renderPolicy(part, top)}</div>`;
    return html`${head('policy', title && 'inline' in title ? html`<span lang=${lang} dir=${dir}>${plainText(title.inline)}</span>` : t('policyTitle'))}
      <div class="body policy" tabindex="0" role="document">
        ${blocks
          ? [
              html`<p class="small" id="policy-about">${t('policyAbout')}</p>`,
              ...(at < 0 ? [shop(blocks), declaration] : [shop(blocks.slice(0, at)), declaration, shop(blocks.slice(at + 1))]),
            ]
          : html`<p id="policy-about">${t(consent.options.contactEmail ? 'policyError' : 'policyErrorNoContact')}</p>`}
      </div>`;
  };

  const dialogOf = (name: string, content: () => TemplateResult) =>
    html`<dialog
      id=${name}
      part="dialog ${name}"
      aria-modal="true"
      aria-labelledby="${name}-title"
      aria-describedby="${name}-about"
      @close=${onClose}
      @keydown=${trapTab}
    >
      ${openers.has(name) ? content() : nothing}
    </dialog>`;

  return {
    open,
    close: (name) => dialog(name)?.close(),
    render: () => render(html`${dialogOf('preferences', preferences)}${dialogOf('policy', policy)}`, host.container),
  };
}
