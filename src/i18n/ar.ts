import type { Strings } from './en.js';

// Modern Standard Arabic, read right to left. Latin names ({{siteName}}, e-mail addresses,
// "Global Privacy Control") sit inside as left-to-right runs, so the text relies on the element's
// dir="rtl" (see isRightToLeft) to order them.
const ar: Strings = {
  bannerTitle: 'خصوصيتك في {{siteName}}',
  bannerText:
    'نستخدم ملفات تعريف الارتباط الضرورية لعمل المتجر. وبموافقتك، نود أيضًا استخدام ملفات تعريف الارتباط لقياس الزيارات وتخصيص الإعلانات وتذكّر تفضيلاتك. يمكنك تغيير رأيك في أي وقت.',
  acceptAll: 'قبول الكل',
  rejectAll: 'رفض الكل',
  customize: 'تخصيص',
  policyLink: 'سياسة الخصوصية',
  gpcNotice:
    'احترمنا إشارة التحكم العالمي في الخصوصية (Global Privacy Control) الصادرة عن متصفحك: ستظل ملفات تعريف الارتباط التسويقية معطّلة.',
  prefsTitle: 'تفضيلات الخصوصية',
  prefsIntro:
    'اختر ملفات تعريف الارتباط التي يُسمح لمتجر {{siteName}} باستخدامها. ملفات تعريف الارتباط الضرورية تحافظ على عمل المتجر ولا يمكن إيقافها.',
  necessary: 'الضرورية',
  necessaryText: 'لحفظ سلة التسوق وتسجيل الدخول وهذا الاختيار. مفعّلة دائمًا.',
  analytics: 'التحليلات',
  analyticsText: 'لإحصاء الزيارات ومعرفة الصفحات المستخدمة، حتى نتمكن من تحسين المتجر.',
  marketing: 'التسويق',
  marketingText: 'لعرض إعلانات تناسبك على مواقع أخرى وقياس مدى فعاليتها.',
  preferences: 'التفضيلات',
  preferencesText: 'لتذكّر إعداداتك، مثل اللغة والمنتجات التي شاهدتها مؤخرًا.',
  emailTitle: 'البريد الإلكتروني الترويجي',
  emailText: 'أرغب في تلقي العروض والأخبار من {{siteName}} عبر البريد الإلكتروني. يمكنني إلغاء الاشتراك في أي وقت.',
  emailLabel: 'البريد الإلكتروني (اختياري)',
  emailInvalid: 'أدخل عنوان بريد إلكتروني صالحًا، مثل name@example.com.',
  save: 'حفظ الاختيارات',
  close: 'إغلاق',
  reopen: 'خيارات الخصوصية',
  receiptTitle: 'اختيارك الحالي',
  receiptId: 'معرّف الموافقة',
  receiptDate: 'التاريخ',
  receiptVersion: 'إصدار السياسة',
  on: 'مفعّل',
  off: 'معطّل',
  withdraw: 'سحب الموافقة',
  policyTitle: 'سياسة الخصوصية',
  policyError: 'تعذّر تحميل سياسة الخصوصية. يُرجى مراسلتنا على {{contactEmail}} للحصول على نسخة منها.',
  blockedContent: 'هذا المحتوى محظور إلى أن تسمح بملفات تعريف الارتباط لفئة «{{category}}».',
  allowCategory: 'السماح بملفات تعريف الارتباط لفئة «{{category}}»',
};

export default ar;
