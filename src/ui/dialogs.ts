import { html, nothing, type TemplateResult } from 'lit';
import { parsePolicy } from '../policy.js';
import { CATEGORIES, type Category, type CategoryChoices, type ConsentRecord } from '../types.js';
import type { ConsentController } from './consent-controller.js';
import { trapTab } from './focus.js';

export { enDialogs } from '../i18n/en.js';
import { renderPolicy } from './policy-view.js';

/**
 * The preferences dialog and the policy popup. Most visitors never open either, so the embed
 * fetches this module on the first click rather than on every page.
 */

/** What the preferences dialog holds while the visitor edits it. */
export interface Draft {
  categories: CategoryChoices;
  email: boolean;
  address: string;
  error: string;
}

/** What the dialogs need from the element that shows them. */
export interface DialogHost {
  consent: ConsentController;
  draft: Draft;
  /** Which dialogs are open (or opening). */
  isOpen(name: string): boolean;
  close(name: string): void;
  onClose(event: Event): void;
  showPolicy(): void;
  withdraw(): void;
  /** Accept all / Reject all and a third button. */
  actions(save: boolean): TemplateResult;
}

const dialogStyles = html`<style>
  dialog {
    width: min(40rem, calc(100vw - 2rem));
    max-height: min(44rem, calc(100vh - 2rem));
    padding: 0;
    border-radius: var(--_radius);
  }
  dialog::backdrop {
    background: #000a;
  }
  dialog > div {
    padding: var(--_space);
  }
  .head {
    display: flex;
    justify-content: space-between;
    align-items: start;
    gap: 1rem;
  }
  .close {
    min-width: 44px;
    min-height: 44px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: none;
    cursor: pointer;
    font-size: 1.4em;
    line-height: 1;
  }
  .policy {
    overflow-wrap: anywhere;
  }
  .policy a,
  dd a {
    color: inherit;
  }
  fieldset {
    border: 0;
    border-top: 1px solid var(--_border);
    margin: 0;
    padding: 0.75rem 0;
  }
  label.row {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
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
    inset: 2px auto auto 2px;
    width: 18px;
    height: 18px;
    border-radius: 50%;
    background: var(--_muted);
    transition: translate 0.15s;
  }
  [part~='switch']:checked {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  [part~='switch']:checked::before {
    background: var(--_on-accent);
    translate: 18px;
  }
  [dir='rtl'] [part~='switch']:checked::before {
    translate: -18px;
  }
  [part~='switch']:disabled {
    opacity: 0.75;
    cursor: not-allowed;
  }
  input[type='email'] {
    display: block;
    width: 100%;
    min-height: 44px;
    margin-top: 0.25rem;
    padding: 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .error {
    color: var(--_error);
    font-weight: 600;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 1rem;
    margin: 0;
    font-size: 0.9em;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .foot {
    border-top: 1px solid var(--_border);
    position: sticky;
    bottom: 0;
    background: var(--_bg);
  }
</style>`;

const checked = (event: Event) => (event.target as HTMLInputElement).checked;

function offered(host: DialogHost): Category[] {
  return CATEGORIES.filter((c) => c === 'necessary' || host.consent.options.categories.includes(c));
}

function head(host: DialogHost, id: string, title: string) {
  return html`<div class="head">
    <h2 id="${id}-title">${title}</h2>
    <button class="close" aria-label=${host.consent.text('close')} @click=${() => host.close(id)}>×</button>
  </div>`;
}

function categorySwitch(host: DialogHost, category: Category) {
  const necessary = category === 'necessary';
  return html`<fieldset>
    <label class="row"
      >${host.consent.text(category)}
      <input
        type="checkbox"
        role="switch"
        part="switch"
        aria-describedby="about-${category}"
        .checked=${necessary || host.draft.categories[category]}
        ?disabled=${necessary}
        @change=${(e: Event) => (host.draft = { ...host.draft, categories: { ...host.draft.categories, [category]: checked(e) } })}
    /></label>
    <p class="small" id="about-${category}">${host.consent.describe(category)}</p>
  </fieldset>`;
}

function emailSwitch(host: DialogHost) {
  const t = host.consent.text.bind(host.consent);
  const { email, address, error } = host.draft;
  return html`<fieldset>
    <label class="row"
      >${t('emailTitle')}
      <input
        type="checkbox"
        role="switch"
        part="switch"
        aria-describedby="about-email"
        .checked=${email}
        @change=${(e: Event) => (host.draft = { ...host.draft, email: checked(e), error: '' })}
    /></label>
    <p class="small" id="about-email">${t('emailText')}</p>
    ${email
      ? html`<label for="address">${t('emailLabel')}</label>
          <input
            id="address"
            type="email"
            autocomplete="email"
            .value=${address}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="address-error"
            @input=${(e: Event) => (host.draft = { ...host.draft, address: (e.target as HTMLInputElement).value, error: '' })}
          />
          <p class="error" id="address-error" role="alert">${error}</p>`
      : nothing}
  </fieldset>`;
}

function receipt(host: DialogHost, record: ConsentRecord) {
  const t = host.consent.text.bind(host.consent);
  const choices = offered(host)
    .map((c) => `${t(c)}: ${t(record.categories[c] ? 'on' : 'off')}`)
    .concat(`${t('emailTitle')}: ${t(record.email.marketing === 'granted' ? 'on' : 'off')}`);
  return html`<fieldset>
    <h3>${t('receiptTitle')}</h3>
    <dl>
      <dt>${t('receiptId')}</dt>
      <dd>${record.id}</dd>
      <dt>${t('receiptDate')}</dt>
      <dd>${new Date(record.createdAt).toLocaleString(host.consent.language)}</dd>
      <dt>${t('receiptVersion')}</dt>
      <dd>${record.policyVersion.slice(0, 19)}</dd>
    </dl>
    <p class="small">${choices.join(' · ')}</p>
    <button class="link" @click=${host.withdraw}>${t('withdraw')}</button>
  </fieldset>`;
}

function preferences(host: DialogHost) {
  const t = host.consent.text.bind(host.consent);
  const { record, gpc } = host.consent;
  return html`<div>
      ${head(host, 'preferences', t('prefsTitle'))}
      <p>${t('prefsIntro')} <button class="link" @click=${host.showPolicy}>${t('policyLink')}</button></p>
      ${gpc ? html`<p class="small">${t('gpcNotice')}</p>` : nothing}
      ${offered(host).map((c) => categorySwitch(host, c))} ${emailSwitch(host)} ${record ? receipt(host, record) : nothing}
    </div>
    <div class="foot">${host.actions(true)}</div>`;
}

function policy(host: DialogHost) {
  const { policyText, fill } = host.consent;
  return html`<div>
    ${head(host, 'policy', host.consent.text('policyTitle'))}
    <div class="policy" tabindex="0" role="document">
      ${policyText === null ? html`<p>${host.consent.text('policyError')}</p>` : renderPolicy(parsePolicy(policyText, fill))}
    </div>
  </div>`;
}

/** Both dialogs; each renders its content only while open. */
export function renderDialogs(host: DialogHost): TemplateResult {
  const dialog = (name: string, content: () => TemplateResult) =>
    html`<dialog
      id=${name}
      part="dialog ${name}"
      aria-modal="true"
      aria-labelledby="${name}-title"
      @close=${host.onClose}
      @keydown=${trapTab}
    >
      ${host.isOpen(name) ? content() : nothing}
    </dialog>`;
  return html`${dialogStyles}${dialog('preferences', () => preferences(host))}${dialog('policy', () => policy(host))}`;
}
