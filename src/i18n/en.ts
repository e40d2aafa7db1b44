/**
 * The English wording. Every other language file has exactly these keys.
 * `{{siteName}}`, `{{contactEmail}}` and `{{category}}` are filled in when shown.
 */

/** The banner and the categories' names: built into the embed. */
export const enBanner = {
  bannerTitle: 'Your privacy at {{siteName}}',
  bannerText:
    'Some cookies keep the shop working. With your consent we would also use cookies to measure visits, personalize ads and remember your preferences. You can change your mind at any time.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  policyLink: 'Privacy policy',
  gpcNotice: "Your browser's Global Privacy Control signal was honored: marketing stays off.",
  necessary: 'Necessary',
  analytics: 'Analytics',
  marketing: 'Marketing',
  preferences: 'Preferences',
  reopen: 'Privacy choices',
  saved: 'Choice saved.',
  notSaved: 'Your choice could not be saved. Please try again.',
};

/**
 * What each category is for, and the e-mail sentence: shown in the preferences and archived with
 * every record, so the parts that do either (dialogs, choice) bring them.
 */
export const enWording = {
  necessaryText: 'Your basket, your sign-in and this choice. Always on.',
  analyticsText: 'Count visits and see which pages are used, so we can improve the shop.',
  marketingText: 'Show you relevant ads on other sites and measure how well they work.',
  preferencesText: 'Remember your settings, such as language and recently viewed items.',
  emailText: 'Send me offers and news from {{siteName}} by e-mail. I can withdraw this consent at any time.',
};

/** The dialogs' own wording: the embed ships it with the dialogs, fetched on first use. */
export const enDialogs = {
  prefsTitle: 'Privacy preferences',
  prefsIntro: 'Choose which cookies {{siteName}} may use. Necessary cookies keep the shop working and cannot be switched off.',
  emailTitle: 'Promotional e-mail',
  emailLabel: 'E-mail address (optional)',
  emailInvalid: 'Enter a valid e-mail address, such as name@example.com.',
  save: 'Save choices',
  close: 'Close',
  receiptTitle: 'Your current choice',
  receiptId: 'Consent ID',
  receiptDate: 'Date',
  receiptVersion: 'Policy version',
  receiptGranted: 'Allowed: {{list}}.',
  receiptRefused: 'Refused: {{list}}.',
  emailPending: 'We sent a link to {{address}} to confirm it. Please check your inbox: offers come only once you confirm.',
  emailConfirmed: 'Your e-mail address {{address}} is confirmed.',
  withdraw: 'Withdraw consent',
  policyTitle: 'Privacy policy',
  policyAbout: 'How {{siteName}} collects and uses personal data, and the rights you have.',
  policyError: 'The privacy policy could not be loaded. Please write to {{contactEmail}} for a copy.',
  policyErrorNoContact: 'The privacy policy could not be loaded. Please try again later.',
};

/** The stand-in for a blocked iframe: the embed ships it with the placeholder code. */
export const enPlaceholder = {
  blockedContent: 'This content is blocked until you allow {{category}} cookies.',
  allowCategory: 'Allow {{category}} cookies',
};

/** Services, their details and the cookie declaration: the embed ships these with the services part. */
export const enServices = {
  servicesNote: 'Third parties that receive data through this site: {{count}}.',
  servicesLink: 'See who they are',
  serviceAbout: 'About {{service}}',
  serviceProvider: 'Provider',
  servicePurpose: 'Purpose',
  serviceCountry: 'Country',
  serviceOutsideEea: '{{country}}: outside the EEA, where the law may protect your data less',
  serviceTransfers: 'Also processed in',
  serviceCookies: 'Cookies',
  serviceNoCookies: 'None listed',
  servicePolicy: 'Privacy policy of {{provider}}',
  cookieSession: 'Until you close the browser',
  declarationTitle: 'Cookies and services',
  declarationIntro: 'Who sets cookies on this site, why and for how long, by category. Third-party cookies are set by the provider on its own website.',
  declarationCookie: 'Cookie',
  declarationDuration: 'Duration',
  declarationParty: 'Set by',
  firstParty: 'This site',
  thirdParty: 'Third party',
};

/** The wording the widget shows, one string per key. */
export type Strings = Record<
  keyof typeof enBanner | keyof typeof enWording | keyof typeof enDialogs | keyof typeof enPlaceholder | keyof typeof enServices,
  string
>;

/** The key of one string. */
export type StringKey = keyof Strings;

/** The strings a page needs before any dialog is opened. */
export type BannerStrings = Record<keyof typeof enBanner, string>;

/** The strings archived with a record besides the banner's. */
export type WordingStrings = Record<keyof typeof enWording, string>;

const en: Strings = { ...enBanner, ...enWording, ...enDialogs, ...enPlaceholder, ...enServices };
export default en;
