import type { Strings } from './en.js';

// French typography puts a no-break space before « : » and inside « guillemets »;
// it is written as \u00a0 so it stays visible in review.
const fr: Strings = {
  bannerTitle: 'Votre vie privée chez {{siteName}}',
  bannerText:
    'Nous utilisons des cookies nécessaires au fonctionnement de la boutique. Avec votre consentement, nous souhaitons également utiliser des cookies pour mesurer la fréquentation, personnaliser les publicités et mémoriser vos préférences. Vous pouvez changer d’avis à tout moment.',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customize: 'Personnaliser',
  policyLink: 'Politique de confidentialité',
  gpcNotice:
    'Le signal Global Privacy Control de votre navigateur a été respecté\u00a0: les cookies publicitaires restent désactivés.',
  prefsTitle: 'Préférences de confidentialité',
  prefsIntro:
    'Choisissez les cookies que {{siteName}} peut utiliser. Les cookies nécessaires assurent le fonctionnement de la boutique et ne peuvent pas être désactivés.',
  necessary: 'Nécessaires',
  necessaryText: 'Pour conserver votre panier, votre connexion et ce choix. Toujours actifs.',
  analytics: 'Mesure d’audience',
  analyticsText: 'Pour compter les visites et savoir quelles pages sont consultées, afin d’améliorer la boutique.',
  marketing: 'Publicité',
  marketingText: 'Pour vous montrer des publicités pertinentes sur d’autres sites et mesurer leur efficacité.',
  preferences: 'Préférences',
  preferencesText: 'Pour mémoriser vos réglages, comme la langue et les articles consultés récemment.',
  emailTitle: 'E-mails promotionnels',
  emailText:
    'Je souhaite recevoir par e-mail les offres et actualités de {{siteName}}. Je peux retirer ce consentement à tout moment.',
  emailLabel: 'Adresse e-mail (facultative)',
  emailInvalid: 'Veuillez saisir une adresse e-mail valide, par exemple nom@example.com.',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  reopen: 'Choix de confidentialité',
  saved: 'Votre choix a été enregistré.',
  notSaved: 'Votre choix n’a pas pu être enregistré. Veuillez réessayer.',
  receiptTitle: 'Votre choix actuel',
  receiptId: 'Identifiant du consentement',
  receiptDate: 'Date',
  receiptVersion: 'Version de la politique de confidentialité',
  receiptGranted: 'Vous avez accepté\u00a0: {{list}}.',
  receiptRefused: 'Vous avez refusé\u00a0: {{list}}.',
  emailPending: 'Nous avons envoyé un lien de confirmation à {{address}}. Consultez votre boîte de réception : vous ne recevrez d’offres qu’après avoir confirmé.',
  emailConfirmed: 'Votre adresse e-mail {{address}} est confirmée.',
  withdraw: 'Retirer mon consentement',
  policyTitle: 'Politique de confidentialité',
  policyAbout: 'Comment {{siteName}} collecte et utilise les données personnelles, et quels sont vos droits.',
  policyError:
    'La politique de confidentialité n’a pas pu être chargée. Pour en obtenir une copie, écrivez-nous à {{contactEmail}}.',
  policyErrorNoContact: 'La politique de confidentialité n’a pas pu être chargée. Veuillez réessayer plus tard.',
  blockedContent: 'Ce contenu est bloqué tant que vous n’avez pas autorisé les cookies «\u00a0{{category}}\u00a0».',
  allowCategory: 'Autoriser les cookies «\u00a0{{category}}\u00a0»',
  // Services and the cookie declaration (SPEC §7).
  servicesNote: 'Tiers qui reçoivent des données par l’intermédiaire de ce site : {{count}}.',
  servicesLink: 'Voir lesquels',
  serviceAbout: 'En savoir plus sur {{service}}',
  serviceProvider: 'Fournisseur',
  servicePurpose: 'Finalité',
  serviceCountry: 'Pays',
  serviceOutsideEea: '{{country}} : hors de l’EEE, où la loi peut moins bien protéger vos données',
  serviceTransfers: 'Également traité en',
  serviceCookies: 'Cookies',
  serviceNoCookies: 'Aucun indiqué',
  servicePolicy: 'Politique de confidentialité de {{provider}}',
  cookieSession: 'Jusqu’à la fermeture du navigateur',
  declarationTitle: 'Cookies et services',
  declarationIntro: 'Qui dépose des cookies sur ce site, pourquoi et pour combien de temps, par catégorie. Les cookies tiers sont déposés par le fournisseur sur son propre site.',
  declarationCookie: 'Cookie',
  declarationDuration: 'Durée',
  declarationParty: 'Déposé par',
  firstParty: 'Ce site',
  thirdParty: 'Tiers',
};

export default fr;
