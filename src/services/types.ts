/** One cookie a service sets, as its provider documents it. */
export interface ServiceCookie {
  /** The cookie's name; a trailing `*` stands for any ending (`_ga_*`). */
  name: string;
  /** `"session"`, or an ISO 8601 duration such as `"P13M"`, `"P90D"`, `"PT30M"`. */
  duration: string;
  /** `first`: set on the shop's own domain (the widget can delete it); `third`: on the provider's. */
  party: 'first' | 'third';
}

/** A third party a shop uses, described so a visitor can see who gets their data (SPEC §7). */
export interface ServiceEntry {
  /** Lower-case id, `[a-z][a-z0-9-]*`; shares one namespace with category ids. */
  id: string;
  name: string;
  /** The provider's legal name: the company that receives the data. */
  provider: string;
  /** What the shop uses it for, in one sentence. */
  purpose: string;
  /** A category id: a built-in one (`necessary`, `analytics`, `marketing`, `preferences`) or the shop's own. */
  category: string;
  /** ISO 3166-1 alpha-2 code of the provider's country. */
  country: string;
  /** Countries outside the provider's own where its documentation says data may be processed. */
  transfers?: string[];
  privacyPolicy: string;
  cookies: ServiceCookie[];
  /**
   * Where the service's requests go: a host, matching itself and its subdomains
   * (`google-analytics.com`), optionally with a path prefix (`googletagmanager.com/gtag/js`).
   */
  hosts?: string[];
}
