import type { Strings } from './en.js';

// One neutral Portuguese serves Portugal and Brazil (pt-PT and pt-BR both pick `pt`): the wording
// avoids what differs between them — você/tu and imperatives addressed to either, guardar/salvar,
// registado/registrado, noutros/em outros, pronoun placement ("deixar de as receber") — so both
// read it as their own, the embed keeps one language per subtag, and a record has one wording.
const pt: Strings = {
  bannerTitle: 'Privacidade em {{siteName}}',
  bannerText:
    'Utilizamos cookies necessários para o funcionamento da loja. Com o seu consentimento, gostaríamos também de utilizar cookies para medir as visitas, personalizar anúncios e memorizar as suas preferências. Esta escolha pode ser alterada a qualquer momento.',
  acceptAll: 'Aceitar todos',
  rejectAll: 'Rejeitar todos',
  customize: 'Personalizar',
  policyLink: 'Política de privacidade',
  gpcNotice:
    'O sinal Global Privacy Control do seu navegador foi respeitado: os cookies de marketing continuam desativados.',
  prefsTitle: 'Preferências de privacidade',
  prefsIntro:
    'Escolha os cookies que {{siteName}} pode utilizar. Os cookies necessários garantem o funcionamento da loja e não podem ser desativados.',
  necessary: 'Necessários',
  necessaryText: 'Para manter o carrinho, o acesso à conta e esta escolha. Sempre ativos.',
  analytics: 'Análise',
  analyticsText: 'Para contar as visitas e saber quais páginas são consultadas, de modo a melhorar a loja.',
  marketing: 'Marketing',
  marketingText: 'Para mostrar anúncios relevantes em sites de terceiros e medir a sua eficácia.',
  preferences: 'Preferências',
  preferencesText: 'Para memorizar opções como o idioma e os produtos vistos recentemente.',
  emailTitle: 'E-mails promocionais',
  emailText:
    'Quero receber por e-mail ofertas e novidades de {{siteName}}. Posso retirar este consentimento a qualquer momento.',
  emailLabel: 'Endereço de e-mail (opcional)',
  emailInvalid: 'Insira um endereço de e-mail válido, por exemplo nome@example.com.',
  save: 'Confirmar escolhas',
  close: 'Fechar',
  reopen: 'Opções de privacidade',
  saved: 'Escolha confirmada.',
  notSaved: 'Não foi possível confirmar a sua escolha. Tente novamente.',
  receiptTitle: 'Escolha atual',
  receiptId: 'ID do consentimento',
  receiptDate: 'Data',
  receiptVersion: 'Versão da política',
  receiptGranted: 'Com consentimento: {{list}}.',
  receiptRefused: 'Sem consentimento: {{list}}.',
  emailPending: 'Foi enviado um link de confirmação para {{address}}. Verifique a caixa de entrada: as ofertas só são enviadas depois da confirmação.',
  emailConfirmed: 'O endereço de e-mail {{address}} está confirmado.',
  withdraw: 'Retirar o consentimento',
  policyTitle: 'Política de privacidade',
  policyAbout: 'Como {{siteName}} trata os dados pessoais e que direitos tem o titular dos dados.',
  policyError:
    'Não foi possível carregar a política de privacidade. Para receber uma cópia, escreva para {{contactEmail}}.',
  policyErrorNoContact: 'Não foi possível carregar a política de privacidade. Tente novamente mais tarde.',
  blockedContent: 'Este conteúdo fica bloqueado até que os cookies de “{{category}}” sejam permitidos.',
  allowCategory: 'Permitir cookies de “{{category}}”',
  // Services and the cookie declaration (SPEC §7).
  servicesNote: 'Terceiros que recebem dados através deste site: {{count}}.',
  servicesLink: 'Ver quem são',
  serviceAbout: 'Mais sobre {{service}}',
  serviceProvider: 'Fornecedor',
  servicePurpose: 'Finalidade',
  serviceCountry: 'País',
  serviceOutsideEea: '{{country}}: fora do EEE, onde a lei pode proteger menos os seus dados',
  serviceTransfers: 'Também tratados em',
  serviceCookies: 'Cookies',
  serviceNoCookies: 'Nenhum indicado',
  servicePolicy: 'Política de privacidade de {{provider}}',
  cookieSession: 'Até fechar o navegador',
  declarationTitle: 'Cookies e serviços',
  declarationIntro: 'Quem instala cookies neste site, para quê e durante quanto tempo, por categoria. Os cookies de terceiros são instalados pelo fornecedor no seu próprio site.',
  declarationCookie: 'Cookie',
  declarationDuration: 'Duração',
  declarationParty: 'Instalado por',
  firstParty: 'Este site',
  thirdParty: 'Terceiro',
};

export default pt;
