/** The categories every site has: `necessary` is always granted. */
export type BuiltInCategory = 'necessary' | 'analytics' | 'marketing' | 'preferences';

/** A cookie category a visitor can grant or refuse: a built-in one or the shop's own (`[a-z][a-z0-9-]*`). */
export type Category = BuiltInCategory | (string & {});

/** The built-in categories, in the order the preferences show them (the shop's own follow). */
export const CATEGORIES: readonly BuiltInCategory[] = ['necessary', 'analytics', 'marketing', 'preferences'];

/**
 * How a record came about: which button, or a withdrawal; `confirm` is written by the collector
 * when the visitor follows the link in the confirmation mail (SPEC §12).
 */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'gpc' | 'confirm';

/** Granted or refused, per category: always the built-in four, and the shop's own it offers. */
export type CategoryChoices = Record<BuiltInCategory, boolean> & Record<string, boolean>;

/** The visitor's answer on promotional e-mail, and the address if they gave one. */
export interface EmailConsent {
  marketing: 'granted' | 'denied' | 'unset';
  address?: string;
  /** On a `confirm` record: when the visitor followed the link, by the collector's clock. */
  confirmedAt?: string;
}

/** The consent record: stored locally, posted to the endpoint, kept by the collector as proof (SPEC §3). */
export interface ConsentRecord {
  id: string;
  visitorId: string;
  createdAt: string;
  expiresAt: string;
  policyVersion: string;
  site: string;
  method: ConsentMethod;
  categories: CategoryChoices;
  /** Granted or refused, per configured service id; only when the site configures services (SPEC §7). */
  services?: Record<string, boolean>;
  email: EmailConsent;
  gpc: boolean;
  language: string;
  wordingHash: string;
}

/** What a page or the API passes to `save()`. */
export interface ConsentChoice {
  categories?: Partial<CategoryChoices>;
  /** Per service id; a category given in `categories` sets all its services, these then override. */
  services?: Record<string, boolean>;
  email?: Partial<EmailConsent>;
  /**
   * The exact words the visitor agreed to when the choice was made outside the widget (a
   * checkout's "send me offers" box): the record's `wordingHash` is then theirs, not the banner's.
   */
  wording?: string;
}

/** Visual theme of the widget. */
export type Theme = 'light' | 'dark' | 'auto';

/** Where the banner sits. */
export type Position = 'bar' | 'box' | 'center';
/** What stays in the corner after a choice: the "Privacy choices" button, or nothing (the shop links to the choices itself). */
export type Reopen = 'button' | 'none';

/** Names (or `*` patterns) per category or service id, for cookies and localStorage keys to clear on refusal. */
export type NamesByCategory = Record<string, string[]>;

/** A service in the JSON config: a built-in id, or an entry (a built-in id with keys to override). */
export type ServiceSetting = string | ({ id: string } & Record<string, unknown>);

/** Every option, after validation and defaults (SPEC §1). */
export interface ConsentOptions {
  endpoint: string;
  policyUrl: string;
  /** The shop's privacy page: where the banner's policy link leads without the popup. */
  policyPage: string;
  /** `#id` of a `<template>` holding the policy text. */
  policy: string;
  /** Overrides the default version, the SHA-256 of the policy text. */
  policyVersion: string;
  siteName: string;
  contactEmail: string;
  lang: string;
  /** The categories offered besides `necessary`: built-in ones first, then the shop's own. */
  categories: Category[];
  /** The third parties that receive data, checked when the services part loads (SPEC §7). */
  services: ServiceSetting[];
  expiresDays: number;
  theme: Theme;
  position: Position;
  reopen: Reopen;
  /** Where the on-demand language files live; defaults to `i18n/` beside the script. */
  i18nBase: string;
  descriptions: Record<string, string>;
  cookies: NamesByCategory;
  localStorage: NamesByCategory;
  /** Per language, strings that replace the built-in ones. */
  translations: Record<string, Record<string, string>>;
}
