import type { Strings } from './en.js';

// Formal address in the plural "Państwo", as Polish shops write; {{siteName}} always follows
// "sklep" so it never has to be declined.
const pl: Strings = {
  bannerTitle: 'Państwa prywatność w sklepie {{siteName}}',
  bannerText:
    'Używamy plików cookie niezbędnych do działania sklepu. Za Państwa zgodą użyjemy ich także do pomiaru odwiedzin, personalizacji reklam i zapamiętywania preferencji. Decyzję można zmienić w każdej chwili.',
  acceptAll: 'Akceptuj wszystkie',
  rejectAll: 'Odrzuć wszystkie',
  customize: 'Dostosuj',
  policyLink: 'Polityka prywatności',
  gpcNotice:
    'Uwzględniliśmy sygnał Global Privacy Control z Państwa przeglądarki: marketingowe pliki cookie pozostają wyłączone.',
  prefsTitle: 'Ustawienia prywatności',
  prefsIntro:
    'Prosimy wybrać, z których plików cookie może korzystać sklep {{siteName}}. Niezbędne pliki cookie zapewniają działanie sklepu i nie można ich wyłączyć.',
  necessary: 'Niezbędne',
  necessaryText: 'Zapamiętują koszyk, logowanie i ten wybór. Zawsze włączone.',
  analytics: 'Analityczne',
  analyticsText: 'Liczą odwiedziny i pokazują, które strony są odwiedzane, abyśmy mogli ulepszać sklep.',
  marketing: 'Marketingowe',
  marketingText: 'Wyświetlają Państwu dopasowane reklamy w innych serwisach i mierzą ich skuteczność.',
  preferences: 'Preferencje',
  preferencesText: 'Zapamiętują ustawienia, np. język i ostatnio oglądane produkty.',
  emailTitle: 'E-maile promocyjne',
  emailText:
    'Chcę otrzymywać e-mailem oferty i nowości od sklepu {{siteName}}. Mogę w każdej chwili wycofać tę zgodę.',
  emailLabel: 'Adres e-mail (opcjonalnie)',
  emailInvalid: 'Prosimy podać prawidłowy adres e-mail, np. nazwa@example.com.',
  save: 'Zapisz wybór',
  close: 'Zamknij',
  reopen: 'Ustawienia prywatności',
  saved: 'Państwa wybór został zapisany.',
  notSaved: 'Nie udało się zapisać Państwa wyboru. Prosimy spróbować ponownie.',
  receiptTitle: 'Aktualny wybór',
  receiptId: 'Identyfikator zgody',
  receiptDate: 'Data',
  receiptVersion: 'Wersja polityki prywatności',
  receiptGranted: 'Zaakceptowano: {{list}}.',
  receiptRefused: 'Odrzucono: {{list}}.',
  emailPending: 'Wysłaliśmy link potwierdzający na adres {{address}}. Sprawdź skrzynkę odbiorczą: oferty zaczną przychodzić dopiero po potwierdzeniu.',
  emailConfirmed: 'Adres e-mail {{address}} został potwierdzony.',
  withdraw: 'Wycofaj zgodę',
  policyTitle: 'Polityka prywatności',
  policyAbout: 'Jak sklep {{siteName}} zbiera i wykorzystuje dane osobowe oraz jakie prawa Państwu przysługują.',
  policyError:
    'Nie udało się wczytać polityki prywatności. Aby otrzymać jej kopię, prosimy napisać na adres {{contactEmail}}.',
  policyErrorNoContact: 'Nie udało się wczytać polityki prywatności. Prosimy spróbować ponownie później.',
  blockedContent: 'Ta treść jest zablokowana do czasu wyrażenia zgody na pliki cookie z kategorii „{{category}}”.',
  allowCategory: 'Zezwól na pliki cookie z kategorii „{{category}}”',
  // Services and the cookie declaration (SPEC §7).
  servicesNote: 'Podmioty zewnętrzne, które otrzymują dane za pośrednictwem tej strony: {{count}}.',
  servicesLink: 'Zobacz, kto to jest',
  serviceAbout: 'Więcej o usłudze {{service}}',
  serviceProvider: 'Dostawca',
  servicePurpose: 'Cel',
  serviceCountry: 'Kraj',
  serviceOutsideEea: '{{country}}: poza EOG, gdzie prawo może słabiej chronić Państwa dane',
  serviceTransfers: 'Przetwarzane także w',
  serviceCookies: 'Pliki cookie',
  serviceNoCookies: 'Brak danych',
  servicePolicy: 'Polityka prywatności: {{provider}}',
  cookieSession: 'Do zamknięcia przeglądarki',
  declarationTitle: 'Pliki cookie i usługi',
  declarationIntro: 'Kto zapisuje pliki cookie na tej stronie, w jakim celu i na jak długo – według kategorii. Pliki cookie podmiotów zewnętrznych zapisuje dostawca w swojej własnej domenie.',
  declarationCookie: 'Plik cookie',
  declarationDuration: 'Okres przechowywania',
  declarationParty: 'Zapisuje',
  firstParty: 'Ta strona',
  thirdParty: 'Podmiot zewnętrzny',
};

export default pl;
