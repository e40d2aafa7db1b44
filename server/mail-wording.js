/**
 * The collector's own wording for the double opt-in (SPEC §12): the confirmation mail and the
 * pages its links open, in the widget's 11 languages. `{{shop}}` is the shop's name, `{{site}}`
 * the site the consent was given on, `{{date}}` when the link stops working. A shop overrides any
 * of it per language (`CONFIRM_MAIL_WORDING`, docs/collector.md).
 */

/**
 * @typedef {object} MailWording
 * @property {string} subject
 * @property {string} intro before the quoted e-mail sentence the visitor agreed to
 * @property {string} button the confirmation link's text, and the button on its page
 * @property {string} confirmTitle @property {string} confirmText the page the confirmation link opens
 * @property {string} expiry after the link: once, until when, and what happens without it
 * @property {string} unsubscribe the unsubscribe link's text, and the button on its page
 * @property {string} confirmedTitle @property {string} confirmedText the page after a confirmation
 * @property {string} usedTitle @property {string} usedText a link followed a second time (410)
 * @property {string} expiredTitle @property {string} expiredText a link past its time (410)
 * @property {string} unknownTitle @property {string} unknownText a token never issued (404)
 * @property {string} unsubscribeTitle @property {string} unsubscribeText the page the unsubscribe link opens
 * @property {string} unsubscribedTitle @property {string} unsubscribedText after unsubscribing
 * @property {string} failedTitle @property {string} failedText the answer could not be stored (503)
 */

/** @type {Record<string, MailWording>} */
export const MAIL_WORDING = {
  en: {
    subject: 'Please confirm your e-mail address for {{shop}}',
    intro: 'On {{site}} you agreed to receive offers and news from {{shop}} by e-mail, in these words:',
    button: 'Confirm my e-mail address',
    confirmTitle: 'Confirm your e-mail address for {{shop}}',
    confirmText: 'Press the button to confirm that {{shop}} may send offers and news to this address.',
    expiry: 'The link works once, until {{date}}. If this was not you, ignore this e-mail: without a confirmation you will receive no promotional e-mail from us.',
    unsubscribe: 'Unsubscribe',
    confirmedTitle: 'Your e-mail address is confirmed',
    confirmedText: 'Thank you. {{shop}} may now send you offers and news by e-mail. Every e-mail has a link to unsubscribe.',
    usedTitle: 'This link has already been used',
    usedText: 'A confirmation link works only once. If you followed it before, your address is already confirmed.',
    expiredTitle: 'This link has expired',
    expiredText: 'Confirmation links work for 7 days. To receive e-mail from {{shop}}, give your consent again on its website and we will send a new link.',
    unknownTitle: 'This link is not valid',
    unknownText: 'Check that you opened the whole link from the e-mail.',
    unsubscribeTitle: 'Unsubscribe from e-mail from {{shop}}',
    unsubscribeText: 'Do you want to stop receiving offers and news from {{shop}} at this address?',
    unsubscribedTitle: 'You are unsubscribed',
    unsubscribedText: '{{shop}} will send no more offers or news to this address.',
    failedTitle: 'Something went wrong',
    failedText: 'Your answer could not be saved just now. Please open the link again in a few minutes.',
  },
  de: {
    subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse für {{shop}}',
    intro: 'Auf {{site}} haben Sie eingewilligt, Angebote und Neuigkeiten von {{shop}} per E-Mail zu erhalten, mit diesen Worten:',
    button: 'E-Mail-Adresse bestätigen',
    confirmTitle: 'Bestätigen Sie Ihre E-Mail-Adresse für {{shop}}',
    confirmText: 'Klicken Sie auf die Schaltfläche, um zu bestätigen, dass {{shop}} Ihnen Angebote und Neuigkeiten an diese Adresse senden darf.',
    expiry: 'Der Link funktioniert einmal, bis {{date}}. Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne Bestätigung erhalten Sie keine Werbe-E-Mails von uns.',
    unsubscribe: 'Abmelden',
    confirmedTitle: 'Ihre E-Mail-Adresse ist bestätigt',
    confirmedText: 'Vielen Dank. {{shop}} darf Ihnen jetzt Angebote und Neuigkeiten per E-Mail senden. Jede E-Mail enthält einen Link zum Abmelden.',
    usedTitle: 'Dieser Link wurde bereits verwendet',
    usedText: 'Ein Bestätigungslink funktioniert nur einmal. Wenn Sie ihn schon geöffnet haben, ist Ihre Adresse bereits bestätigt.',
    expiredTitle: 'Dieser Link ist abgelaufen',
    expiredText: 'Bestätigungslinks gelten 7 Tage. Um E-Mails von {{shop}} zu erhalten, willigen Sie auf der Website erneut ein; wir senden Ihnen dann einen neuen Link.',
    unknownTitle: 'Dieser Link ist ungültig',
    unknownText: 'Bitte prüfen Sie, ob Sie den vollständigen Link aus der E-Mail geöffnet haben.',
    unsubscribeTitle: 'Von E-Mails von {{shop}} abmelden',
    unsubscribeText: 'Möchten Sie an diese Adresse keine Angebote und Neuigkeiten von {{shop}} mehr erhalten?',
    unsubscribedTitle: 'Sie sind abgemeldet',
    unsubscribedText: '{{shop}} sendet an diese Adresse keine Angebote oder Neuigkeiten mehr.',
    failedTitle: 'Etwas ist schiefgegangen',
    failedText: 'Ihre Antwort konnte gerade nicht gespeichert werden. Bitte öffnen Sie den Link in einigen Minuten erneut.',
  },
  fr: {
    subject: 'Veuillez confirmer votre adresse e-mail pour {{shop}}',
    intro: 'Sur {{site}}, vous avez accepté de recevoir par e-mail les offres et actualités de {{shop}}, en ces termes :',
    button: 'Confirmer mon adresse e-mail',
    confirmTitle: 'Confirmez votre adresse e-mail pour {{shop}}',
    confirmText: 'Cliquez sur le bouton pour confirmer que {{shop}} peut vous envoyer des offres et actualités à cette adresse.',
    expiry: 'Le lien fonctionne une seule fois, jusqu’au {{date}}. Si ce n’était pas vous, ignorez cet e-mail : sans confirmation, vous ne recevrez aucun e-mail promotionnel de notre part.',
    unsubscribe: 'Se désabonner',
    confirmedTitle: 'Votre adresse e-mail est confirmée',
    confirmedText: 'Merci. {{shop}} peut désormais vous envoyer ses offres et actualités par e-mail. Chaque e-mail contient un lien de désabonnement.',
    usedTitle: 'Ce lien a déjà été utilisé',
    usedText: 'Un lien de confirmation ne fonctionne qu’une fois. Si vous l’avez déjà ouvert, votre adresse est déjà confirmée.',
    expiredTitle: 'Ce lien a expiré',
    expiredText: 'Les liens de confirmation sont valables 7 jours. Pour recevoir les e-mails de {{shop}}, donnez à nouveau votre consentement sur son site : nous vous enverrons un nouveau lien.',
    unknownTitle: 'Ce lien n’est pas valide',
    unknownText: 'Vérifiez que vous avez ouvert le lien complet figurant dans l’e-mail.',
    unsubscribeTitle: 'Se désabonner des e-mails de {{shop}}',
    unsubscribeText: 'Voulez-vous ne plus recevoir les offres et actualités de {{shop}} à cette adresse ?',
    unsubscribedTitle: 'Vous êtes désabonné',
    unsubscribedText: '{{shop}} n’enverra plus d’offres ni d’actualités à cette adresse.',
    failedTitle: 'Une erreur s’est produite',
    failedText: 'Votre réponse n’a pas pu être enregistrée. Veuillez rouvrir le lien dans quelques minutes.',
  },
  es: {
    subject: 'Confirme su dirección de correo electrónico para {{shop}}',
    intro: 'En {{site}} aceptó recibir ofertas y novedades de {{shop}} por correo electrónico, con estas palabras:',
    button: 'Confirmar mi dirección de correo',
    confirmTitle: 'Confirme su dirección de correo para {{shop}}',
    confirmText: 'Pulse el botón para confirmar que {{shop}} puede enviarle ofertas y novedades a esta dirección.',
    expiry: 'El enlace funciona una sola vez, hasta el {{date}}. Si no fue usted, ignore este correo: sin confirmación no recibirá correos promocionales nuestros.',
    unsubscribe: 'Darse de baja',
    confirmedTitle: 'Su dirección de correo está confirmada',
    confirmedText: 'Gracias. {{shop}} ya puede enviarle ofertas y novedades por correo electrónico. Cada correo incluye un enlace para darse de baja.',
    usedTitle: 'Este enlace ya se ha utilizado',
    usedText: 'Un enlace de confirmación solo funciona una vez. Si ya lo abrió, su dirección ya está confirmada.',
    expiredTitle: 'Este enlace ha caducado',
    expiredText: 'Los enlaces de confirmación son válidos 7 días. Para recibir correos de {{shop}}, vuelva a dar su consentimiento en su sitio web y le enviaremos un nuevo enlace.',
    unknownTitle: 'Este enlace no es válido',
    unknownText: 'Compruebe que ha abierto el enlace completo del correo.',
    unsubscribeTitle: 'Darse de baja de los correos de {{shop}}',
    unsubscribeText: '¿Quiere dejar de recibir ofertas y novedades de {{shop}} en esta dirección?',
    unsubscribedTitle: 'Se ha dado de baja',
    unsubscribedText: '{{shop}} no enviará más ofertas ni novedades a esta dirección.',
    failedTitle: 'Algo ha fallado',
    failedText: 'No se ha podido guardar su respuesta. Vuelva a abrir el enlace dentro de unos minutos.',
  },
  it: {
    subject: 'Conferma il tuo indirizzo e-mail per {{shop}}',
    intro: 'Su {{site}} hai acconsentito a ricevere offerte e novità da {{shop}} via e-mail, con queste parole:',
    button: 'Conferma il mio indirizzo e-mail',
    confirmTitle: 'Conferma il tuo indirizzo e-mail per {{shop}}',
    confirmText: 'Premi il pulsante per confermare che {{shop}} può inviarti offerte e novità a questo indirizzo.',
    expiry: 'Il link funziona una sola volta, fino al {{date}}. Se non sei stato tu, ignora questa e-mail: senza conferma non riceverai e-mail promozionali da noi.',
    unsubscribe: 'Annulla l’iscrizione',
    confirmedTitle: 'Il tuo indirizzo e-mail è confermato',
    confirmedText: 'Grazie. {{shop}} ora può inviarti offerte e novità via e-mail. Ogni e-mail contiene un link per annullare l’iscrizione.',
    usedTitle: 'Questo link è già stato usato',
    usedText: 'Un link di conferma funziona una sola volta. Se lo hai già aperto, il tuo indirizzo è già confermato.',
    expiredTitle: 'Questo link è scaduto',
    expiredText: 'I link di conferma valgono 7 giorni. Per ricevere le e-mail di {{shop}}, dai di nuovo il consenso sul sito e ti invieremo un nuovo link.',
    unknownTitle: 'Questo link non è valido',
    unknownText: 'Controlla di aver aperto il link completo contenuto nell’e-mail.',
    unsubscribeTitle: 'Annulla l’iscrizione alle e-mail di {{shop}}',
    unsubscribeText: 'Vuoi smettere di ricevere offerte e novità da {{shop}} a questo indirizzo?',
    unsubscribedTitle: 'Iscrizione annullata',
    unsubscribedText: '{{shop}} non invierà più offerte né novità a questo indirizzo.',
    failedTitle: 'Qualcosa è andato storto',
    failedText: 'Non è stato possibile salvare la tua risposta. Riapri il link tra qualche minuto.',
  },
  nl: {
    subject: 'Bevestig uw e-mailadres voor {{shop}}',
    intro: 'Op {{site}} heeft u toegestemd om aanbiedingen en nieuws van {{shop}} per e-mail te ontvangen, met deze woorden:',
    button: 'Mijn e-mailadres bevestigen',
    confirmTitle: 'Bevestig uw e-mailadres voor {{shop}}',
    confirmText: 'Klik op de knop om te bevestigen dat {{shop}} u aanbiedingen en nieuws op dit adres mag sturen.',
    expiry: 'De link werkt één keer, tot {{date}}. Was u dit niet, negeer dan deze e-mail: zonder bevestiging ontvangt u geen promotionele e-mails van ons.',
    unsubscribe: 'Afmelden',
    confirmedTitle: 'Uw e-mailadres is bevestigd',
    confirmedText: 'Dank u. {{shop}} mag u nu aanbiedingen en nieuws per e-mail sturen. Elke e-mail bevat een link om u af te melden.',
    usedTitle: 'Deze link is al gebruikt',
    usedText: 'Een bevestigingslink werkt maar één keer. Heeft u hem al geopend, dan is uw adres al bevestigd.',
    expiredTitle: 'Deze link is verlopen',
    expiredText: 'Bevestigingslinks zijn 7 dagen geldig. Wilt u e-mail van {{shop}} ontvangen, geef dan opnieuw toestemming op de website; we sturen u een nieuwe link.',
    unknownTitle: 'Deze link is ongeldig',
    unknownText: 'Controleer of u de volledige link uit de e-mail heeft geopend.',
    unsubscribeTitle: 'Afmelden voor e-mail van {{shop}}',
    unsubscribeText: 'Wilt u op dit adres geen aanbiedingen en nieuws van {{shop}} meer ontvangen?',
    unsubscribedTitle: 'U bent afgemeld',
    unsubscribedText: '{{shop}} stuurt geen aanbiedingen of nieuws meer naar dit adres.',
    failedTitle: 'Er ging iets mis',
    failedText: 'Uw antwoord kon nu niet worden opgeslagen. Open de link over een paar minuten opnieuw.',
  },
  pl: {
    subject: 'Potwierdź swój adres e-mail dla {{shop}}',
    intro: 'Na stronie {{site}} zgodziłeś się otrzymywać oferty i nowości od {{shop}} e-mailem, tymi słowami:',
    button: 'Potwierdzam mój adres e-mail',
    confirmTitle: 'Potwierdź swój adres e-mail dla {{shop}}',
    confirmText: 'Kliknij przycisk, aby potwierdzić, że {{shop}} może wysyłać Ci oferty i nowości na ten adres.',
    expiry: 'Link działa jeden raz, do {{date}}. Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia nie otrzymasz od nas e-maili promocyjnych.',
    unsubscribe: 'Wypisz się',
    confirmedTitle: 'Twój adres e-mail jest potwierdzony',
    confirmedText: 'Dziękujemy. {{shop}} może teraz wysyłać Ci oferty i nowości e-mailem. Każdy e-mail zawiera link do wypisania się.',
    usedTitle: 'Ten link został już użyty',
    usedText: 'Link potwierdzający działa tylko raz. Jeśli już go otworzyłeś, Twój adres jest już potwierdzony.',
    expiredTitle: 'Ten link wygasł',
    expiredText: 'Linki potwierdzające są ważne 7 dni. Aby otrzymywać e-maile od {{shop}}, ponownie wyraź zgodę na stronie, a wyślemy nowy link.',
    unknownTitle: 'Ten link jest nieprawidłowy',
    unknownText: 'Sprawdź, czy otworzyłeś cały link z wiadomości e-mail.',
    unsubscribeTitle: 'Wypisz się z e-maili od {{shop}}',
    unsubscribeText: 'Czy chcesz przestać otrzymywać oferty i nowości od {{shop}} na ten adres?',
    unsubscribedTitle: 'Wypisano Cię',
    unsubscribedText: '{{shop}} nie będzie już wysyłać ofert ani nowości na ten adres.',
    failedTitle: 'Coś poszło nie tak',
    failedText: 'Nie udało się teraz zapisać Twojej odpowiedzi. Otwórz link ponownie za kilka minut.',
  },
  pt: {
    subject: 'Confirme o seu endereço de e-mail para {{shop}}',
    intro: 'Em {{site}} aceitou receber ofertas e novidades de {{shop}} por e-mail, com estas palavras:',
    button: 'Confirmar o meu endereço de e-mail',
    confirmTitle: 'Confirme o seu endereço de e-mail para {{shop}}',
    confirmText: 'Prima o botão para confirmar que {{shop}} pode enviar-lhe ofertas e novidades para este endereço.',
    expiry: 'A ligação funciona uma só vez, até {{date}}. Se não foi você, ignore este e-mail: sem confirmação não receberá e-mails promocionais nossos.',
    unsubscribe: 'Cancelar a subscrição',
    confirmedTitle: 'O seu endereço de e-mail está confirmado',
    confirmedText: 'Obrigado. {{shop}} pode agora enviar-lhe ofertas e novidades por e-mail. Cada e-mail tem uma ligação para cancelar a subscrição.',
    usedTitle: 'Esta ligação já foi utilizada',
    usedText: 'Uma ligação de confirmação só funciona uma vez. Se já a abriu, o seu endereço já está confirmado.',
    expiredTitle: 'Esta ligação expirou',
    expiredText: 'As ligações de confirmação são válidas durante 7 dias. Para receber e-mails de {{shop}}, dê novamente o seu consentimento no site e enviaremos uma nova ligação.',
    unknownTitle: 'Esta ligação não é válida',
    unknownText: 'Verifique se abriu a ligação completa do e-mail.',
    unsubscribeTitle: 'Cancelar a subscrição dos e-mails de {{shop}}',
    unsubscribeText: 'Quer deixar de receber ofertas e novidades de {{shop}} neste endereço?',
    unsubscribedTitle: 'A subscrição foi cancelada',
    unsubscribedText: '{{shop}} não enviará mais ofertas nem novidades para este endereço.',
    failedTitle: 'Algo correu mal',
    failedText: 'Não foi possível guardar a sua resposta. Abra a ligação novamente dentro de alguns minutos.',
  },
  sv: {
    subject: 'Bekräfta din e-postadress för {{shop}}',
    intro: 'På {{site}} samtyckte du till att få erbjudanden och nyheter från {{shop}} via e-post, med dessa ord:',
    button: 'Bekräfta min e-postadress',
    confirmTitle: 'Bekräfta din e-postadress för {{shop}}',
    confirmText: 'Tryck på knappen för att bekräfta att {{shop}} får skicka erbjudanden och nyheter till den här adressen.',
    expiry: 'Länken fungerar en gång, till och med {{date}}. Om det inte var du kan du bortse från detta e-postmeddelande: utan bekräftelse får du ingen marknadsföring via e-post från oss.',
    unsubscribe: 'Avregistrera',
    confirmedTitle: 'Din e-postadress är bekräftad',
    confirmedText: 'Tack. {{shop}} får nu skicka erbjudanden och nyheter till dig via e-post. Varje meddelande har en länk för att avregistrera dig.',
    usedTitle: 'Den här länken har redan använts',
    usedText: 'En bekräftelselänk fungerar bara en gång. Om du redan har öppnat den är din adress redan bekräftad.',
    expiredTitle: 'Den här länken har gått ut',
    expiredText: 'Bekräftelselänkar gäller i 7 dagar. Ge ditt samtycke igen på webbplatsen för att få e-post från {{shop}}, så skickar vi en ny länk.',
    unknownTitle: 'Den här länken är ogiltig',
    unknownText: 'Kontrollera att du öppnade hela länken från e-postmeddelandet.',
    unsubscribeTitle: 'Avregistrera dig från e-post från {{shop}}',
    unsubscribeText: 'Vill du sluta få erbjudanden och nyheter från {{shop}} till den här adressen?',
    unsubscribedTitle: 'Du är avregistrerad',
    unsubscribedText: '{{shop}} skickar inga fler erbjudanden eller nyheter till den här adressen.',
    failedTitle: 'Något gick fel',
    failedText: 'Ditt svar kunde inte sparas just nu. Öppna länken igen om några minuter.',
  },
  da: {
    subject: 'Bekræft din e-mailadresse til {{shop}}',
    intro: 'På {{site}} gav du samtykke til at modtage tilbud og nyheder fra {{shop}} på e-mail, med disse ord:',
    button: 'Bekræft min e-mailadresse',
    confirmTitle: 'Bekræft din e-mailadresse for {{shop}}',
    confirmText: 'Tryk på knappen for at bekræfte, at {{shop}} må sende dig tilbud og nyheder på denne adresse.',
    expiry: 'Linket virker én gang, indtil {{date}}. Hvis det ikke var dig, kan du se bort fra denne e-mail: uden bekræftelse modtager du ingen markedsføring på e-mail fra os.',
    unsubscribe: 'Afmeld',
    confirmedTitle: 'Din e-mailadresse er bekræftet',
    confirmedText: 'Tak. {{shop}} må nu sende dig tilbud og nyheder på e-mail. Hver e-mail har et link til afmelding.',
    usedTitle: 'Dette link er allerede brugt',
    usedText: 'Et bekræftelseslink virker kun én gang. Hvis du allerede har åbnet det, er din adresse allerede bekræftet.',
    expiredTitle: 'Dette link er udløbet',
    expiredText: 'Bekræftelseslinks gælder i 7 dage. Giv dit samtykke igen på webstedet for at modtage e-mails fra {{shop}}, så sender vi et nyt link.',
    unknownTitle: 'Dette link er ugyldigt',
    unknownText: 'Kontrollér, at du har åbnet hele linket fra e-mailen.',
    unsubscribeTitle: 'Afmeld e-mails fra {{shop}}',
    unsubscribeText: 'Vil du stoppe med at modtage tilbud og nyheder fra {{shop}} på denne adresse?',
    unsubscribedTitle: 'Du er afmeldt',
    unsubscribedText: '{{shop}} sender ikke flere tilbud eller nyheder til denne adresse.',
    failedTitle: 'Noget gik galt',
    failedText: 'Dit svar kunne ikke gemmes lige nu. Åbn linket igen om et par minutter.',
  },
  ar: {
    subject: 'يرجى تأكيد عنوان بريدك الإلكتروني لدى {{shop}}',
    intro: 'وافقتَ على {{site}} على تلقي العروض والأخبار من {{shop}} عبر البريد الإلكتروني، بهذه الكلمات:',
    button: 'تأكيد عنوان بريدي الإلكتروني',
    confirmTitle: 'أكّد عنوان بريدك الإلكتروني لدى {{shop}}',
    confirmText: 'اضغط على الزر لتأكيد أنه يجوز لـ {{shop}} أن يرسل العروض والأخبار إلى هذا العنوان.',
    expiry: 'يعمل الرابط مرة واحدة حتى {{date}}. إن لم تكن أنت صاحب الطلب فتجاهل هذه الرسالة: لن تصلك منا رسائل ترويجية دون تأكيد.',
    unsubscribe: 'إلغاء الاشتراك',
    confirmedTitle: 'تم تأكيد عنوان بريدك الإلكتروني',
    confirmedText: 'شكرًا لك. يمكن لـ {{shop}} الآن أن يرسل إليك العروض والأخبار عبر البريد الإلكتروني. تحتوي كل رسالة على رابط لإلغاء الاشتراك.',
    usedTitle: 'سبق استخدام هذا الرابط',
    usedText: 'يعمل رابط التأكيد مرة واحدة فقط. إن كنت قد فتحته من قبل فعنوانك مؤكَّد بالفعل.',
    expiredTitle: 'انتهت صلاحية هذا الرابط',
    expiredText: 'روابط التأكيد صالحة لمدة 7 أيام. لتلقي رسائل {{shop}}، امنح موافقتك مجددًا على موقعه وسنرسل إليك رابطًا جديدًا.',
    unknownTitle: 'هذا الرابط غير صالح',
    unknownText: 'تحقق من أنك فتحت الرابط كاملًا من الرسالة.',
    unsubscribeTitle: 'إلغاء الاشتراك في رسائل {{shop}}',
    unsubscribeText: 'هل تريد التوقف عن تلقي العروض والأخبار من {{shop}} على هذا العنوان؟',
    unsubscribedTitle: 'تم إلغاء اشتراكك',
    unsubscribedText: 'لن يرسل {{shop}} مزيدًا من العروض أو الأخبار إلى هذا العنوان.',
    failedTitle: 'حدث خطأ ما',
    failedText: 'تعذّر حفظ ردك الآن. يرجى فتح الرابط مرة أخرى بعد بضع دقائق.',
  },
};

/** The languages the collector writes in; the widget's (src/i18n/languages.ts). */
export const MAIL_LANGUAGES = Object.keys(MAIL_WORDING);

/**
 * The built-in language for a record's language tag (`de-AT` → `de`), English when there is none.
 * @param {string | undefined} tag
 */
export function mailLanguage(tag) {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return MAIL_LANGUAGES.includes(primary) ? primary : 'en';
}

/**
 * The best built-in language for an `Accept-Language` header (the pages of links the collector
 * cannot place, such as an unknown token).
 * @param {string | undefined} header
 */
export function languageFromHeader(header) {
  const ranked = (header ?? '').split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0 };
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q);
  const found = ranked.find(({ tag }) => MAIL_LANGUAGES.includes(tag.toLowerCase().split('-')[0] ?? ''));
  return found ? mailLanguage(found.tag) : 'en';
}

/**
 * Checks a shop's overrides (`{ "de": { "subject": "…" } }`) and returns them, or the problem
 * naming the language or key.
 * @param {unknown} overrides
 * @returns {{ wording: Record<string, Partial<MailWording>> } | { error: string }}
 */
export function checkWordingOverrides(overrides) {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return { error: 'must be a JSON object of languages, e.g. { "de": { "subject": "…" } }' };
  }
  const keys = Object.keys(MAIL_WORDING.en ?? {});
  for (const [language, texts] of Object.entries(overrides)) {
    if (!MAIL_LANGUAGES.includes(language)) return { error: `"${language}" is not one of the languages ${MAIL_LANGUAGES.join(', ')}` };
    if (typeof texts !== 'object' || texts === null) return { error: `"${language}" must be an object of texts` };
    for (const [key, text] of Object.entries(texts)) {
      if (!keys.includes(key)) return { error: `"${language}.${key}" is not a text of the mail; the texts are ${keys.join(', ')}` };
      if (typeof text !== 'string' || !text.trim()) return { error: `"${language}.${key}" must be a non-empty string` };
    }
  }
  return { wording: /** @type {Record<string, Partial<MailWording>>} */ (overrides) };
}

/**
 * The wording for a language with the shop's overrides and its placeholders filled.
 * @param {string} language one of MAIL_LANGUAGES
 * @param {Record<string, Partial<MailWording>>} overrides
 * @param {Record<string, string>} fill
 * @returns {MailWording}
 */
export function mailWording(language, overrides, fill) {
  const texts = { .../** @type {MailWording} */ (MAIL_WORDING[language] ?? MAIL_WORDING.en), ...overrides[language] };
  return /** @type {MailWording} */ (Object.fromEntries(Object.entries(texts).map(([key, text]) => [
    key, text.replace(/\{\{(\w+)\}\}/g, (whole, name) => fill[name] ?? whole),
  ])));
}
