/** The three moments of a page the scanner compares. */
export type PhaseName = 'before' | 'afterReject' | 'afterAccept';

/** Whether a cookie or host belongs to the shop or to someone else. */
export type Party = 'first' | 'third';

/** A cookie seen in the browser's jar. */
export interface SeenCookie {
  page: string;
  name: string;
  domain: string;
  path: string;
  /** ISO 8601 date, or `"session"`. */
  expires: string;
  party: Party;
}

/** A `localStorage` or `sessionStorage` key. */
export interface SeenStorageKey {
  page: string;
  name: string;
  area: 'localStorage' | 'sessionStorage';
}

/** A request to a host other than the shop's. */
export interface SeenRequest {
  page: string;
  host: string;
  /** The first URL asked of that host on that page. */
  url: string;
}

/** What one phase of one page left behind. */
export interface PhaseObservation {
  cookies: SeenCookie[];
  storage: SeenStorageKey[];
  requests: SeenRequest[];
}

/** The consent tool the scanner found and answered on a page. */
export interface BannerFinding {
  found: boolean;
  /** `carat-consent`, an autoconsent rule name (`cookieconsent3`), or null when none was found. */
  cmp: string | null;
}

/** The part of a carat-consent JSON config that declares what the shop sets. */
export interface DeclaredConfig {
  services: Array<string | { id: string; cookies?: Array<{ name: string }> }>;
  cookies: Record<string, string[]>;
  localStorage: Record<string, string[]>;
}

/** Screenshots of one page, JPEG bytes, taken only for `--html`. */
export interface PageScreenshots {
  before?: Buffer;
  afterReject?: Buffer;
  afterAccept?: Buffer;
}

/** Everything learnt from one page. */
export interface PageScan {
  page: string;
  banner: BannerFinding;
  phases: Record<PhaseName, PhaseObservation>;
  /** The page's carat-consent JSON config, when it has one. */
  config: DeclaredConfig | null;
  /** Origins of the consent tool itself (its script, its endpoint): never a violation. */
  consentToolOrigins: string[];
  /** Same-origin links found on the page, for the crawl. */
  links: string[];
  screenshots: PageScreenshots;
  milliseconds: number;
}

/** A page the scanner could not scan, and why. */
export interface PageFailure {
  page: string;
  reason: string;
}
