import { html, nothing, type TemplateResult } from 'lit';
import { enServices } from '../i18n/en.js';
import { report } from '../report.js';
import type { CategoryChoices, ConsentRecord, NamesByCategory } from '../types.js';
import type { ConsentController } from '../ui/consent-controller.js';
import { clearing, settle, wordingLines, type Settled } from './choices.js';
import { countryName, formatDuration, outsideEea } from './duration.js';
import { resolveServices } from './resolve.js';
import { serviceStyles } from './styles.js';
import type { ServiceEntry } from './types.js';

/**
 * Services, custom-category support and the cookie declaration (SPEC §7). The embed fetches this
 * part only on sites whose config lists services; everything here is what such a site adds.
 */
export interface ServicesPart {
  /** The look of the services in the dialogs (CSS text), which adopt it beside their own. */
  readonly styles: string;
  /** The configured services that passed the checks, in config order. */
  readonly list: readonly ServiceEntry[];
  /** Whether `id` is a configured service. */
  has(id: string): boolean;
  /** The services of one category. */
  of(category: string): ServiceEntry[];
  /** A record's categories and services from what the visitor set (see `settle`). */
  settle(categories: CategoryChoices, given: Record<string, boolean | undefined>, before?: Record<string, boolean>): Settled;
  /** What to delete for a record: granted ids, and cookie names by category and service id. */
  clearing(record: Pick<ConsentRecord, 'categories' | 'services'>): [Record<string, boolean>, NamesByCategory];
  /** The service list as shown, for the wording hash. */
  wording(): string[];
  /** The wording of the banner's line naming how many third parties receive data, and of its link to the list. */
  bannerNote(): { text: string; link: string } | undefined;
  /** One service's switch and its details, for the preferences. */
  serviceRow(service: ServiceEntry, on: boolean, toggle: (on: boolean) => void): TemplateResult;
  /** The "Cookies and services" declaration: a table per category. */
  declaration(headingLevel: number): TemplateResult | typeof nothing;
}

/** Sets the services up for one widget: checks the config, adds the wording and the styles. */
export function createServices(consent: ConsentController): ServicesPart {
  const { options } = consent;
  const { services: list, errors } = resolveServices(options.services, options.categories);
  for (const error of errors) report(error);
  // Service names stand in for labels where a category name would go (an iframe's placeholder).
  consent.addStrings({ ...enServices, ...Object.fromEntries(list.map((s) => [s.id, s.name])) });

  const t = consent.text.bind(consent);
  const purpose = (s: ServiceEntry) => t(`${s.id}Text`) || s.purpose;
  const label = (category: string) => t(category) || category;
  const language = () => consent.language;
  const providers = () => new Set(list.filter((s) => s.category != 'necessary' || s.cookies.length).map((s) => s.provider));
  const country = (code: string) => {
    const name = countryName(code, language());
    return outsideEea(code) ? t('serviceOutsideEea').replace('{{country}}', name) : name;
  };
  const duration = (iso: string) => formatDuration(iso, language(), t('cookieSession'));

  const details = (s: ServiceEntry) => html`<details part="service-details">
    <summary part="service-summary">${t('serviceAbout').replace('{{service}}', s.name)}</summary>
    <dl>
      <dt>${t('serviceProvider')}</dt>
      <dd>${s.provider}</dd>
      <dt>${t('servicePurpose')}</dt>
      <dd>${purpose(s)}</dd>
      ${s.country ? html`<dt>${t('serviceCountry')}</dt><dd>${country(s.country)}</dd>` : nothing}
      ${s.transfers?.length
        ? html`<dt>${t('serviceTransfers')}</dt><dd>${s.transfers.map(country).join('; ')}</dd>`
        : nothing}
      <dt>${t('serviceCookies')}</dt>
      <dd>
        ${s.cookies.length
          ? html`<ul>
              ${s.cookies.map((c) => html`<li><code>${c.name}</code>: ${duration(c.duration)} (${t(c.party == 'first' ? 'firstParty' : 'thirdParty')})</li>`)}
            </ul>`
          : t('serviceNoCookies')}
      </dd>
    </dl>
    ${s.privacyPolicy
      ? html`<p><a part="link" href=${s.privacyPolicy} target="_blank" rel="noopener noreferrer">${t('servicePolicy').replace('{{provider}}', s.provider)}</a></p>`
      : nothing}
  </details>`;

  const table = (category: string, headingLevel: number) => {
    const services = list.filter((s) => s.category == category);
    if (!services.length) return nothing;
    const rows = services.flatMap((s) =>
      (s.cookies.length ? s.cookies : [undefined]).map(
        (c) => html`<tr>
          <th scope="row">${c ? html`<code>${c.name}</code>` : t('serviceNoCookies')}</th>
          <td>${s.name} (${s.provider})</td>
          <td>${purpose(s)}</td>
          <td>${c ? duration(c.duration) : ''}</td>
          <td>${c ? t(c.party == 'first' ? 'firstParty' : 'thirdParty') : ''}</td>
        </tr>`,
      ),
    );
    const title = label(category);
    return html`${heading(headingLevel + 1, title)}
      <div class="scroll" tabindex="0" role="region" aria-label=${title}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t('declarationCookie')}</th>
              <th scope="col">${t('serviceProvider')}</th>
              <th scope="col">${t('servicePurpose')}</th>
              <th scope="col">${t('declarationDuration')}</th>
              <th scope="col">${t('declarationParty')}</th>
            </tr>
          </thead>
          <tbody>${rows}</tbody>
        </table>
      </div>`;
  };

  return {
    styles: serviceStyles,
    list,
    has: (id) => list.some((s) => s.id == id),
    of: (category) => list.filter((s) => s.category == category),
    settle: (categories, given, before) => settle(list, categories, given, before),
    clearing: (record) => clearing(list, record, options.cookies),
    wording: () => wordingLines(list, purpose),
    bannerNote: () =>
      list.length ? { text: t('servicesNote').replace('{{count}}', String(providers().size)), link: t('servicesLink') } : undefined,
    serviceRow: (s, on, toggle) => html`<li part="service">
      <label class="row"
        >${s.name}
        <input
          type="checkbox"
          role="switch"
          part="switch service-switch"
          data-service=${s.id}
          .checked=${on}
          ?disabled=${s.category == 'necessary'}
          @change=${(e: Event) => toggle((e.target as HTMLInputElement).checked)}
      /></label>
      ${details(s)}
    </li>`,
    declaration: (headingLevel) =>
      list.length
        ? html`<section part="declaration" aria-labelledby="declaration-title">
            ${heading(headingLevel, t('declarationTitle'), 'declaration-title')}
            <p>${t('declarationIntro')}</p>
            ${['necessary', ...options.categories].map((c) => table(c, headingLevel))}
          </section>`
        : nothing,
  };
}

// Lit cannot bind a tag name, so each heading level is its own template.
function heading(level: number, text: string, id?: string): TemplateResult {
  const anchor = id ?? nothing;
  if (level <= 2) return html`<h2 id=${anchor}>${text}</h2>`;
  if (level == 3) return html`<h3 id=${anchor}>${text}</h3>`;
  if (level == 4) return html`<h4 id=${anchor}>${text}</h4>`;
  return html`<h5 id=${anchor}>${text}</h5>`;
}
