import { SERVICES, cookieNameMatches, serviceForCookie, serviceForUrl, type ServiceEntry } from 'carat-consent/services';
import type { DeclaredConfig, PageScan, PhaseName, SeenCookie, SeenRequest, SeenStorageKey } from './types.js';

/** One of the four things SPEC §8 counts against a shop. */
export type Rule = 'cookie-before-consent' | 'request-before-consent' | 'cookie-after-reject' | 'request-after-reject';

/** A cookie, storage key or request that came when the visitor had not agreed to it. */
export interface Violation {
  rule: Rule;
  page: string;
  name?: string;
  host?: string;
  service?: string;
  category?: string;
}

/** Something the shop sets or calls that its carat-consent config does not declare. */
export interface Undeclared {
  kind: 'cookie' | 'storage' | 'request';
  page: string;
  name?: string;
  host?: string;
  service?: string;
  category?: string;
}

/** An entry of the JSON config's `services` list: a built-in id, or a full entry. */
export type ServicesEntry = DeclaredConfig['services'][number];

/** What the registry says about one thing seen. */
interface Match {
  service?: ServiceEntry;
  /** A consent tool's own state, or a service the registry files as necessary. */
  necessary: boolean;
}

/**
 * Cookies and storage keys in which consent tools keep the visitor's choice. Keeping a refusal
 * is what the visitor asked for, so these are necessary whichever tool set them.
 */
const consentToolNames = [
  'carat_consent', // carat-consent's fallback when IndexedDB is blocked
  'carat_consent_hint', // carat-consent's hint of the stored choice
  'carat-consent', // carat-consent's localStorage word that its database exists
  'cc_cookie', // vanilla-cookieconsent
  'klaro',
  'CookieConsent', // Cookiebot
  'OptanonConsent',
  'OptanonAlertBoxClosed', // OneTrust
  'euconsent-v2', // IAB TCF
  'didomi_token',
  'borlabs-cookie',
  'cmplz_*', // Complianz
  'uc_settings', // Usercentrics
  'axeptio_*',
];

const isConsentToolName = (name: string) => consentToolNames.some((pattern) => cookieNameMatches(pattern, name));

function matchName(name: string): Match {
  if (isConsentToolName(name)) return { necessary: true };
  const service = serviceForCookie(name, SERVICES);
  return service ? { service, necessary: service.category === 'necessary' } : { necessary: false };
}

function matchRequest(request: SeenRequest, consentToolOrigins: ReadonlySet<string>): Match {
  if (consentToolOrigins.has(new URL(request.url).origin)) return { necessary: true };
  const service = serviceForUrl(request.url, SERVICES);
  return service ? { service, necessary: service.category === 'necessary' } : { necessary: false };
}

const about = (match: Match) => (match.service ? { service: match.service.id, category: match.service.category } : {});

/** Built-in service ids and the cookie patterns of full entries the config declares. */
function declaredBy(config: DeclaredConfig | null) {
  const services = new Set<string>();
  const cookiePatterns: string[] = [];
  const storagePatterns: string[] = [];
  for (const entry of config?.services ?? []) {
    if (typeof entry === 'string') services.add(entry);
    else {
      services.add(entry.id);
      cookiePatterns.push(...(entry.cookies ?? []).map((c) => c.name));
    }
  }
  for (const names of Object.values(config?.cookies ?? {})) cookiePatterns.push(...names);
  for (const names of Object.values(config?.localStorage ?? {})) storagePatterns.push(...names);
  return { services, cookiePatterns, storagePatterns };
}

/** A page's findings: what breaks the rules, and what the config leaves out. */
export interface Classification {
  violations: Violation[];
  undeclared: Undeclared[];
  services: ServicesEntry[];
}

const rules: Record<Exclude<PhaseName, 'afterAccept'>, { cookie: Rule; request: Rule }> = {
  before: { cookie: 'cookie-before-consent', request: 'request-before-consent' },
  afterReject: { cookie: 'cookie-after-reject', request: 'request-after-reject' },
};

/**
 * Classifies every page's observations against the service registry (SPEC §8): a cookie, storage
 * key or request before consent or after "Reject all" that is not necessary is a violation —
 * except an unknown first-party cookie or key, which is only listed as undeclared, since the
 * scanner cannot tell a shop's own session cookie from a tracker.
 */
export function classify(scans: readonly PageScan[]): Classification {
  const violations = new Map<string, Violation>();
  const undeclared = new Map<string, Undeclared>();
  const seenServices = new Set<string>();
  const configured: ServicesEntry[] = [];

  for (const scan of scans) {
    const origins = new Set(scan.consentToolOrigins);
    const declared = declaredBy(scan.config);
    for (const entry of scan.config?.services ?? []) {
      const id = typeof entry === 'string' ? entry : entry.id;
      if (!configured.some((c) => (typeof c === 'string' ? c : c.id) === id)) configured.push(entry);
    }

    const isDeclared = (match: Match, name: string, patterns: string[]) =>
      (match.service !== undefined && declared.services.has(match.service.id)) || patterns.some((p) => cookieNameMatches(p, name));

    const note = (item: Undeclared, key: string) => {
      if (!undeclared.has(key)) undeclared.set(key, item);
    };

    const judgeCookie = (cookie: SeenCookie | SeenStorageKey, phase: PhaseName, kind: 'cookie' | 'storage') => {
      const match = matchName(cookie.name);
      if (match.necessary) return;
      if (match.service) seenServices.add(match.service.id);
      const patterns = kind === 'cookie' ? declared.cookiePatterns : declared.storagePatterns;
      if (!isDeclared(match, cookie.name, patterns)) note({ kind, page: scan.page, name: cookie.name, ...about(match) }, `${kind} ${cookie.name}`);
      const thirdParty = 'party' in cookie && cookie.party === 'third';
      if (phase !== 'afterAccept' && (match.service || thirdParty)) {
        const rule = rules[phase].cookie;
        violations.set(`${rule} ${scan.page} ${cookie.name}`, { rule, page: scan.page, name: cookie.name, ...about(match) });
      }
    };

    const judgeRequest = (request: SeenRequest, phase: PhaseName) => {
      const match = matchRequest(request, origins);
      if (match.necessary) return;
      if (match.service) seenServices.add(match.service.id);
      if (!(match.service && declared.services.has(match.service.id))) {
        note({ kind: 'request', page: scan.page, host: request.host, ...about(match) }, `request ${request.host}`);
      }
      if (phase !== 'afterAccept') {
        const rule = rules[phase].request;
        violations.set(`${rule} ${scan.page} ${request.host}`, { rule, page: scan.page, host: request.host, ...about(match) });
      }
    };

    for (const phase of ['before', 'afterReject', 'afterAccept'] as const) {
      const seen = scan.phases[phase];
      for (const cookie of seen.cookies) judgeCookie(cookie, phase, 'cookie');
      for (const key of seen.storage) judgeCookie(key, phase, 'storage');
      for (const request of seen.requests) judgeRequest(request, phase);
    }
  }

  const configuredIds = new Set(configured.map((c) => (typeof c === 'string' ? c : c.id)));
  const found = [...seenServices].filter((id) => !configuredIds.has(id)).sort();
  return { violations: [...violations.values()], undeclared: [...undeclared.values()], services: [...configured, ...found] };
}

/** The registry's name for a service id, for the summary. */
export function serviceName(id: string): string {
  return SERVICES.find((s) => s.id === id)?.name ?? id;
}

/** The registry service and category of a cookie or storage key, for the report's lists. */
export function aboutName(name: string): { service?: string; category?: string } {
  const match = matchName(name);
  return isConsentToolName(name) ? { category: 'necessary' } : about(match);
}

/** The registry service and category of a request, for the report's lists. */
export function aboutRequest(request: SeenRequest, consentToolOrigins: readonly string[]): { service?: string; category?: string } {
  const match = matchRequest(request, new Set(consentToolOrigins));
  return match.necessary && !match.service ? { category: 'necessary' } : about(match);
}
