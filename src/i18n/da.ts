import type { Strings } from './en.js';

const da: Strings = {
  bannerTitle: 'Dit privatliv hos {{siteName}}',
  bannerText:
    'Vi bruger cookies, der er nødvendige for, at butikken fungerer. Med dit samtykke vil vi også gerne bruge cookies til at måle besøg, tilpasse annoncer og huske dine præferencer. Du kan til enhver tid ændre dit valg.',
  acceptAll: 'Accepter alle',
  rejectAll: 'Afvis alle',
  customize: 'Tilpas',
  policyLink: 'Privatlivspolitik',
  gpcNotice: 'Din browsers Global Privacy Control-signal er blevet respekteret: marketingcookies forbliver slået fra.',
  prefsTitle: 'Privatlivsindstillinger',
  prefsIntro:
    'Vælg, hvilke cookies {{siteName}} må bruge. Nødvendige cookies får butikken til at fungere og kan ikke slås fra.',
  necessary: 'Nødvendige',
  necessaryText: 'Husker din indkøbskurv, dit login og dette valg. Altid slået til.',
  analytics: 'Statistik',
  analyticsText: 'Tæller besøg og viser, hvilke sider der bruges, så vi kan forbedre butikken.',
  marketing: 'Marketing',
  marketingText: 'Viser dig relevante annoncer på andre websites og måler, hvor godt de virker.',
  preferences: 'Præferencer',
  preferencesText: 'Husker dine indstillinger, fx sprog og senest viste varer.',
  emailTitle: 'Markedsføring på e-mail',
  emailText: 'Send mig tilbud og nyheder fra {{siteName}} på e-mail. Jeg kan til enhver tid afmelde mig.',
  emailLabel: 'E-mailadresse (valgfri)',
  emailInvalid: 'Angiv en gyldig e-mailadresse, fx navn@example.com.',
  save: 'Gem valg',
  close: 'Luk',
  reopen: 'Privatlivsvalg',
  receiptTitle: 'Dit nuværende valg',
  receiptId: 'Samtykke-ID',
  receiptDate: 'Dato',
  receiptVersion: 'Politikversion',
  on: 'Til',
  off: 'Fra',
  withdraw: 'Tilbagekald samtykke',
  policyTitle: 'Privatlivspolitik',
  policyError: 'Privatlivspolitikken kunne ikke indlæses. Skriv til {{contactEmail}}, så sender vi en kopi.',
  blockedContent: 'Indholdet er blokeret, indtil du tillader cookies til »{{category}}«.',
  allowCategory: 'Tillad cookies til »{{category}}«',
};

export default da;
