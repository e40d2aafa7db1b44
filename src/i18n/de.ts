import type { Strings } from './en.js';

const de: Strings = {
  bannerTitle: 'Ihre Privatsphäre bei {{siteName}}',
  bannerText:
    'Wir verwenden Cookies, die für den Betrieb des Shops erforderlich sind. Mit Ihrer Einwilligung möchten wir außerdem Cookies einsetzen, um Besuche zu messen, Werbung zu personalisieren und Ihre Einstellungen zu speichern. Sie können Ihre Entscheidung jederzeit ändern.',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customize: 'Einstellungen',
  policyLink: 'Datenschutzerklärung',
  gpcNotice: 'Das Global-Privacy-Control-Signal Ihres Browsers wurde berücksichtigt: Marketing-Cookies bleiben deaktiviert.',
  prefsTitle: 'Datenschutzeinstellungen',
  prefsIntro:
    'Legen Sie fest, welche Cookies {{siteName}} verwenden darf. Notwendige Cookies halten den Shop funktionsfähig und können nicht deaktiviert werden.',
  necessary: 'Notwendig',
  necessaryText: 'Für Ihren Warenkorb, Ihre Anmeldung und das Speichern dieser Auswahl. Immer aktiv.',
  analytics: 'Analyse',
  analyticsText: 'Zum Zählen der Besuche und Auswerten der Seitennutzung, damit wir den Shop verbessern können.',
  marketing: 'Marketing',
  marketingText: 'Für passende Werbung auf anderen Websites und die Messung ihrer Wirkung.',
  preferences: 'Präferenzen',
  preferencesText: 'Zum Speichern Ihrer Einstellungen, etwa Sprache und zuletzt angesehene Artikel.',
  emailTitle: 'Werbe-E-Mails',
  emailText: 'Ich möchte Angebote und Neuigkeiten von {{siteName}} per E-Mail erhalten. Ich kann mich jederzeit wieder abmelden.',
  emailLabel: 'E-Mail-Adresse (optional)',
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.com.',
  save: 'Auswahl speichern',
  close: 'Schließen',
  reopen: 'Datenschutzeinstellungen',
  receiptTitle: 'Ihre aktuelle Auswahl',
  receiptId: 'Einwilligungs-ID',
  receiptDate: 'Datum',
  receiptVersion: 'Version der Datenschutzerklärung',
  on: 'Ein',
  off: 'Aus',
  withdraw: 'Einwilligung widerrufen',
  policyTitle: 'Datenschutzerklärung',
  policyError:
    'Die Datenschutzerklärung konnte nicht geladen werden. Bitte fordern Sie eine Kopie unter {{contactEmail}} an.',
  blockedContent: 'Dieser Inhalt ist blockiert, bis Sie Cookies für „{{category}}“ zulassen.',
  allowCategory: 'Cookies für „{{category}}“ zulassen',
};

export default de;
