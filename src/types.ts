/** A cookie category a visitor can grant or refuse. `necessary` is always granted. */
export type Category = 'necessary' | 'analytics' | 'marketing' | 'preferences';

/** Every category, in the order the preferences show them. */
export const CATEGORIES: readonly Category[] = ['necessary', 'analytics', 'marketing', 'preferences'];

/** How a record came about: which button, or a withdrawal. */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'gpc';

/** Granted or refused, per category. */
export type CategoryChoices = Record<Category, boolean>;

/** The visitor's answer on promotional e-mail, and the address if they gave one. */
export interface EmailConsent {
  marketing: 'granted' | 'denied' | 'unset';
  address?: string;
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
  email: EmailConsent;
  gpc: boolean;
  language: string;
  wordingHash: string;
}

/** What a page or the API passes to `save()`. */
export interface ConsentChoice {
  categories?: Partial<CategoryChoices>;
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

/** Names (or `*` patterns) per category, for cookies and localStorage keys to clear on refusal. */
export type NamesByCategory = Partial<Record<Category, string[]>>;

/** Every option, after validation and defaults (SPEC §1). */
export interface ConsentOptions {
  endpoint: string;
  policyUrl: string;
  /** `#id` of a `<template>` holding the policy text. */
  policy: string;
  /** Overrides the default version, the SHA-256 of the policy text. */
  policyVersion: string;
  siteName: string;
  contactEmail: string;
  lang: string;
  /** The categories offered besides `necessary`. */
  categories: Category[];
  expiresDays: number;
  theme: Theme;
  position: Position;
  /** Where the on-demand language files live; defaults to `i18n/` beside the script. */
  i18nBase: string;
  descriptions: Partial<Record<Category, string>>;
  cookies: NamesByCategory;
  localStorage: NamesByCategory;
  /** Per language, strings that replace the built-in ones. */
  translations: Record<string, Record<string, string>>;
}
