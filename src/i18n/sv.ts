import type { Strings } from './en.js';

const sv: Strings = {
  bannerTitle: 'Din integritet hos {{siteName}}',
  bannerText:
    'Vi använder cookies som behövs för att butiken ska fungera. Med ditt samtycke vill vi även använda cookies för att mäta besök, anpassa annonser och komma ihåg dina inställningar. Du kan när som helst ändra dig.',
  acceptAll: 'Godkänn alla',
  rejectAll: 'Neka alla',
  customize: 'Anpassa',
  policyLink: 'Integritetspolicy',
  gpcNotice:
    'Din webbläsares Global Privacy Control-signal har respekterats: cookies för marknadsföring förblir avstängda.',
  prefsTitle: 'Integritetsinställningar',
  prefsIntro:
    'Välj vilka cookies {{siteName}} får använda. Nödvändiga cookies behövs för att butiken ska fungera och kan inte stängas av.',
  necessary: 'Nödvändiga',
  necessaryText: 'Sparar din varukorg, din inloggning och det här valet. Alltid på.',
  analytics: 'Statistik',
  analyticsText: 'Räknar besök och visar vilka sidor som används, så att vi kan förbättra butiken.',
  marketing: 'Marknadsföring',
  marketingText: 'Visar relevanta annonser för dig på andra webbplatser och mäter hur bra de fungerar.',
  preferences: 'Preferenser',
  preferencesText: 'Kommer ihåg dina inställningar, till exempel språk och nyligen visade produkter.',
  emailTitle: 'Erbjudanden via e-post',
  emailText:
    'Skicka mig erbjudanden och nyheter från {{siteName}} via e-post. Jag kan avsluta prenumerationen när som helst.',
  emailLabel: 'E-postadress (valfritt)',
  emailInvalid: 'Ange en giltig e-postadress, till exempel namn@example.com.',
  save: 'Spara val',
  close: 'Stäng',
  reopen: 'Integritetsval',
  receiptTitle: 'Ditt nuvarande val',
  receiptId: 'Samtyckes-ID',
  receiptDate: 'Datum',
  receiptVersion: 'Policyversion',
  on: 'På',
  off: 'Av',
  withdraw: 'Återkalla samtycke',
  policyTitle: 'Integritetspolicy',
  policyError: 'Integritetspolicyn kunde inte laddas. Skriv till {{contactEmail}} så skickar vi en kopia.',
  blockedContent: 'Innehållet är blockerat tills du tillåter cookies för ”{{category}}”.',
  allowCategory: 'Tillåt cookies för ”{{category}}”',
};

export default sv;
