/**
 * The English wording, built into the embed. Every other language file has exactly these keys.
 * `{{siteName}}`, `{{contactEmail}}` and `{{category}}` are filled in when shown.
 */
const en = {
  bannerTitle: 'Your privacy at {{siteName}}',
  bannerText:
    'We use cookies that are needed for the shop to work. With your permission we would also like to use cookies to measure visits, personalise ads and remember your preferences. You can change your mind at any time.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  policyLink: 'Privacy policy',
  gpcNotice: "Your browser's Global Privacy Control signal was honoured: marketing stays off.",
  prefsTitle: 'Privacy preferences',
  prefsIntro: 'Choose which cookies {{siteName}} may use. Necessary cookies keep the shop working and cannot be switched off.',
  necessary: 'Necessary',
  necessaryText: 'Keep your basket, your sign-in and this choice. Always on.',
  analytics: 'Analytics',
  analyticsText: 'Count visits and see which pages are used, so we can improve the shop.',
  marketing: 'Marketing',
  marketingText: 'Show you relevant ads on other sites and measure how well they work.',
  preferences: 'Preferences',
  preferencesText: 'Remember your settings, such as language and recently viewed items.',
  emailTitle: 'Promotional e-mail',
  emailText: 'Send me offers and news from {{siteName}} by e-mail. I can unsubscribe at any time.',
  emailLabel: 'E-mail address (optional)',
  emailInvalid: 'Enter a valid e-mail address, such as name@example.com.',
  save: 'Save choices',
  close: 'Close',
  reopen: 'Privacy choices',
  receiptTitle: 'Your current choice',
  receiptId: 'Consent ID',
  receiptDate: 'Date',
  receiptVersion: 'Policy version',
  on: 'On',
  off: 'Off',
  withdraw: 'Withdraw consent',
  policyTitle: 'Privacy policy',
  policyError: 'The privacy policy could not be loaded. Please write to {{contactEmail}} for a copy.',
  blockedContent: 'This content is blocked until you allow {{category}} cookies.',
  allowCategory: 'Allow {{category}} cookies',
};

/** The wording the widget shows, one string per key. */
export type Strings = Record<keyof typeof en, string>;

/** The key of one string. */
export type StringKey = keyof typeof en;

export default en as Strings;
