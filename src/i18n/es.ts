import type { Strings } from './en.js';

const es: Strings = {
  bannerTitle: 'Su privacidad en {{siteName}}',
  bannerText:
    'Utilizamos cookies necesarias para el funcionamiento de la tienda. Con su consentimiento, también nos gustaría utilizar cookies para medir las visitas, personalizar la publicidad y recordar sus preferencias. Puede cambiar de opinión en cualquier momento.',
  acceptAll: 'Aceptar todas',
  rejectAll: 'Rechazar todas',
  customize: 'Configurar',
  policyLink: 'Política de privacidad',
  gpcNotice:
    'Se ha respetado la señal Global Privacy Control de su navegador: las cookies de marketing permanecen desactivadas.',
  prefsTitle: 'Preferencias de privacidad',
  prefsIntro:
    'Elija qué cookies puede utilizar {{siteName}}. Las cookies necesarias permiten que la tienda funcione y no se pueden desactivar.',
  necessary: 'Necesarias',
  necessaryText: 'Para conservar su cesta, su inicio de sesión y esta elección. Siempre activas.',
  analytics: 'Análisis',
  analyticsText: 'Para contar las visitas y saber qué páginas se consultan, y así mejorar la tienda.',
  marketing: 'Marketing',
  marketingText: 'Para mostrarle anuncios relevantes en otros sitios web y medir su eficacia.',
  preferences: 'Preferencias',
  preferencesText: 'Para recordar sus ajustes, como el idioma y los artículos vistos recientemente.',
  emailTitle: 'Correo electrónico promocional',
  emailText:
    'Deseo recibir ofertas y novedades de {{siteName}} por correo electrónico. Puedo darme de baja en cualquier momento.',
  emailLabel: 'Correo electrónico (opcional)',
  emailInvalid: 'Introduzca una dirección de correo electrónico válida, por ejemplo nombre@example.com.',
  save: 'Guardar selección',
  close: 'Cerrar',
  reopen: 'Opciones de privacidad',
  receiptTitle: 'Su elección actual',
  receiptId: 'ID de consentimiento',
  receiptDate: 'Fecha',
  receiptVersion: 'Versión de la política',
  on: 'Activado',
  off: 'Desactivado',
  withdraw: 'Retirar el consentimiento',
  policyTitle: 'Política de privacidad',
  policyError:
    'No se ha podido cargar la política de privacidad. Escríbanos a {{contactEmail}} para solicitar una copia.',
  blockedContent: 'Este contenido está bloqueado hasta que permita las cookies de «{{category}}».',
  allowCategory: 'Permitir cookies de «{{category}}»',
};

export default es;
