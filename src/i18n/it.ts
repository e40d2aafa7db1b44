import type { Strings } from './en.js';

const it: Strings = {
  bannerTitle: 'La sua privacy su {{siteName}}',
  bannerText:
    'Utilizziamo cookie necessari al funzionamento del negozio. Con il suo consenso vorremmo utilizzare anche cookie per misurare le visite, personalizzare gli annunci e ricordare le sue preferenze. Può cambiare idea in qualsiasi momento.',
  acceptAll: 'Accetta tutti',
  rejectAll: 'Rifiuta tutti',
  customize: 'Personalizza',
  policyLink: 'Informativa sulla privacy',
  gpcNotice:
    'Il segnale Global Privacy Control del suo browser è stato rispettato: i cookie di marketing restano disattivati.',
  prefsTitle: 'Preferenze sulla privacy',
  prefsIntro:
    'Scelga quali cookie può utilizzare {{siteName}}. I cookie necessari consentono il funzionamento del negozio e non possono essere disattivati.',
  necessary: 'Necessari',
  necessaryText: 'Per conservare il carrello, l’accesso al suo account e questa scelta. Sempre attivi.',
  analytics: 'Statistiche',
  analyticsText: 'Per contare le visite e capire quali pagine vengono consultate, così da migliorare il negozio.',
  marketing: 'Marketing',
  marketingText: 'Per mostrarle annunci pertinenti su altri siti e misurarne l’efficacia.',
  preferences: 'Preferenze',
  preferencesText: 'Per ricordare le sue impostazioni, come la lingua e gli articoli visti di recente.',
  emailTitle: 'E-mail promozionali',
  emailText:
    'Desidero ricevere offerte e novità da {{siteName}} via e-mail. Posso annullare l’iscrizione in qualsiasi momento.',
  emailLabel: 'Indirizzo e-mail (facoltativo)',
  emailInvalid: 'Inserisca un indirizzo e-mail valido, ad esempio nome@example.com.',
  save: 'Salva le scelte',
  close: 'Chiudi',
  reopen: 'Scelte sulla privacy',
  receiptTitle: 'La sua scelta attuale',
  receiptId: 'ID del consenso',
  receiptDate: 'Data',
  receiptVersion: 'Versione dell’informativa',
  on: 'Attivato',
  off: 'Disattivato',
  withdraw: 'Revoca il consenso',
  policyTitle: 'Informativa sulla privacy',
  policyError:
    'Non è stato possibile caricare l’informativa sulla privacy. Per riceverne una copia, scriva a {{contactEmail}}.',
  blockedContent: 'Questo contenuto è bloccato finché non consente i cookie «{{category}}».',
  allowCategory: 'Consenti i cookie «{{category}}»',
};

export default it;
