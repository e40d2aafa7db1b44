import type { Strings } from './en.js';

const nl: Strings = {
  bannerTitle: 'Jouw privacy bij {{siteName}}',
  bannerText:
    'We gebruiken cookies die nodig zijn om de winkel te laten werken. Met jouw toestemming willen we ook cookies gebruiken om bezoeken te meten, advertenties te personaliseren en je voorkeuren te onthouden. Je kunt je keuze altijd wijzigen.',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  customize: 'Aanpassen',
  policyLink: 'Privacyverklaring',
  gpcNotice: 'Het Global Privacy Control-signaal van je browser is gerespecteerd: marketingcookies blijven uit.',
  prefsTitle: 'Privacyvoorkeuren',
  prefsIntro:
    'Kies welke cookies {{siteName}} mag gebruiken. Noodzakelijke cookies zijn nodig om de winkel te laten werken en kunnen niet worden uitgezet.',
  necessary: 'Noodzakelijk',
  necessaryText: 'Voor je winkelmandje, je inlog en het bewaren van deze keuze. Altijd aan.',
  analytics: 'Analyse',
  analyticsText: 'Om bezoeken te tellen en te zien welke pagina’s worden bekeken, zodat we de winkel kunnen verbeteren.',
  marketing: 'Marketing',
  marketingText: 'Om je relevante advertenties op andere websites te tonen en te meten hoe goed ze werken.',
  preferences: 'Voorkeuren',
  preferencesText: 'Om je instellingen te onthouden, zoals taal en recent bekeken artikelen.',
  emailTitle: 'Promotionele e-mails',
  emailText: 'Stuur mij aanbiedingen en nieuws van {{siteName}} per e-mail. Ik kan me op elk moment afmelden.',
  emailLabel: 'E-mailadres (optioneel)',
  emailInvalid: 'Vul een geldig e-mailadres in, zoals naam@example.com.',
  save: 'Keuzes opslaan',
  close: 'Sluiten',
  reopen: 'Privacykeuzes',
  receiptTitle: 'Je huidige keuze',
  receiptId: 'Toestemmings-ID',
  receiptDate: 'Datum',
  receiptVersion: 'Versie privacyverklaring',
  on: 'Aan',
  off: 'Uit',
  withdraw: 'Toestemming intrekken',
  policyTitle: 'Privacyverklaring',
  policyError: 'De privacyverklaring kon niet worden geladen. Mail naar {{contactEmail}} voor een kopie.',
  blockedContent: 'Deze inhoud is geblokkeerd totdat je cookies voor ‘{{category}}’ toestaat.',
  allowCategory: 'Cookies voor ‘{{category}}’ toestaan',
};

export default nl;
