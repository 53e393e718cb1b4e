import type { UiStrings } from './ui.ts';

/** Arabic UI strings. Status labels follow common Arabic newsroom usage (see docs/case-format.md#statuses). */
const arabicPlural = new Intl.PluralRules('ar');

/**
 * A counted noun with Arabic number agreement, by CLDR's plural categories (`Intl.PluralRules`): zero, one, two, few
 * (3–10 in the last two digits: «3 ادعاءات», «103 ادعاءات»), many (11–99: «11 ادعاءً») and other («100 ادعاء»).
 * `{n}` in a form is the number.
 */
function counted(n: number, forms: Record<Intl.LDMLPluralRule, string>): string {
  return forms[arabicPlural.select(n)].replace('{n}', String(n));
}

const arabicCount = (n: number) => counted(n, { zero: 'لا ادعاءات', one: 'ادعاء واحد', two: 'ادعاءان', few: '{n} ادعاءات', many: '{n} ادعاءً', other: '{n} ادعاء' });

const ar: UiStrings = {
  siteName: 'تحقيق',
  siteTagline: 'تدقيق الادعاءات واحداً واحداً، وكل ادعاء مربوط بالجملة التي ورد فيها في مصدره.',
  skipToContent: 'انتقل إلى المحتوى',
  casesHeading: 'ملفات التحقق',
  notFoundHeading: 'الصفحة غير موجودة',
  notFoundText: 'لا توجد في هذا الموقع صفحة بهذا العنوان: ربما في الرابط خطأ، أو نُقلت الصفحة. ملفات التحقق مدرجة أدناه، ومربع البحث يجد أياً منها.',
  casesEmpty: 'لم يُنشر أي ملف بعد.',
  caseListPages: 'صفحات ملفات التحقق',
  newerCases: 'ملفات أحدث',
  olderCases: 'ملفات أقدم',
  pageOf: (n: number, count: number) => `الصفحة ${n} من ${count}`,
  reviewed: 'تاريخ المراجعة',
  reviewedBy: 'راجعه',
  listSeparator: '، ',
  claimsCount: (n) => arabicCount(n),
  status: {
    confirmed: 'مؤكد',
    unconfirmed: 'غير مؤكد',
    disputed: 'متنازع عليه',
  },
  statusDefinition: {
    confirmed: 'يسنده في الوثائق المصدر مصدران مختلفان على الأقل، أو سجلّ رسمي، ولا يناقضه مصدر آخر.',
    unconfirmed: 'لا يسنده إلا مصدر واحد، أو يقوم على اعتقاد أو تقدير أو خطة أو استنتاج، مع بيان الدليل الكفيل بحسمه.',
    disputed: 'يناقضه مصدر آخر في الوثائق المصدر، أو تناقضه الوثيقة نفسها في موضع آخر.',
  },
  tallyHeading: 'الأحكام في لمحة',
  tallyChartLabel: (c, u, d) => `مؤكد: ${c}، غير مؤكد: ${u}، متنازع عليه: ${d}`,
  conclusion: 'الخلاصة',
  notesHeading: 'عن هذا الملف',
  tableCaption: (n) => (n === 0 ? arabicCount(n) : `${arabicCount(n)}${n === 1 ? '' : n === 2 ? '، كل منهما' : '، كل منها'} مربوط بالجملة التي ورد فيها في المصدر`),
  tableEmpty: 'لا ادعاءات في هذا الملف بعد.',
  claimsHeading: 'جدول التحقق',
  colId: 'الادعاء',
  colClaim: 'مضمون الادعاء',
  colStatus: 'الحكم',
  colClaimant: 'صاحب الادعاء',
  colEvidence: 'الأدلة والتعليل',
  colSource: 'في المصدر',
  missingEvidence: 'الدليل الناقص:',
  toSource: (line) => `السطر ${line}`,
  toSourceLabel: (n, line) => `السطر ${line}: اعرض الادعاء ${n} في المصدر`,
  backToClaimLabel: (n) => `العودة إلى الادعاء ${n}`,
  quoteMatchNormalized: 'طُوبق الاقتباس بعد توحيد التشكيل وصور الحروف وعلامات التنصيص والمسافات',
  sourceHeading: 'الوثيقة المصدر',
  sourcePublisher: 'الناشر',
  sourcePublished: 'تاريخ النشر',
  sourceFile: 'الملف',
  sourceHash: 'بصمة SHA-256',
  sourceSentences: (n) => counted(n, { zero: 'لا جمل', one: 'جملة واحدة', two: 'جملتان', few: '{n} جمل', many: '{n} جملةً', other: '{n} جملة' }),
  sourceNote: 'يُعرض المصدر بنصه الحرفي، بما فيه من أخطاء. المقاطع المظللة مقتبسة في ادعاءات؛ اتبع الرابط الصغير بعد كل مقطع للعودة إلى ادعائه.',
  sourceHeadingOf: (i, n) => `الوثيقة المصدر ${i} من ${n}`,
  sourceRecord: 'سجل رسمي',
  sourceUrl: 'الرابط',
  sourceLanguage: 'اللغة',
  direction: { ltr: 'من اليسار إلى اليمين', rtl: 'من اليمين إلى اليسار' },
  relation: { supports: 'يسنده', contradicts: 'يناقضه', context: 'سياق' },
  evidenceBy: (who) => `المصدر: ${who}`,
  toEvidence: (line) => `السطر ${line}`,
  toEvidenceLabel: (line, k, n, relation) => `السطر ${line}: المقطع ${k} من أدلة الادعاء ${n} (${relation})`,
  backToEvidenceLabel: (n, relation) => `العودة إلى الادعاء ${n} (${relation})`,
  noteRefLabel: (n) => `(ملاحظة المحرر ${n})`,
  sourceNotesHeading: 'ملاحظات على النص المصدر',
  noteToSource: (n) => `اعرض مقطع الملاحظة ${n} في المصدر`,
  methodRulesHeading: 'ما يفحصه برنامجنا قبل النشر',
  methodRule: {
    'disputed-needs-contradiction': () => 'يستشهد كل ادعاء متنازع عليه بمقطع واحد على الأقل من الوثائق المصدر يناقضه.',
    'confirmed-needs-corroboration': (attributions, record) =>
      `يستشهد كل ادعاء مؤكد بمقاطع تسنده من ${counted(attributions, { zero: '{n} مصادر', one: 'مصدر واحد', two: 'مصدرين مختلفين', few: '{n} مصادر مختلفة', many: '{n} مصدراً مختلفاً', other: '{n} مصدر مختلف' })} على الأقل${record ? '، أو بمقطع واحد من سجل رسمي' : ''}. مصدر المقطع هو من يقوله في الوثيقة، أو ناشر الوثيقة حين تتكلم بصوتها.`,
    'unconfirmed-needs-missing': () => 'يذكر كل ادعاء غير مؤكد الدليلَ الكفيل بحسمه.',
    'no-missing-on-confirmed': () => 'لا يُذكر دليل ناقص لأي ادعاء مؤكد.',
  },
  methodRuleWarning: '(يُفحص، ولم يُفرض بعد)',
  filterHeading: 'اعرض',
  filterAll: 'كل الادعاءات',
  statusViewNote: (status, shown, total) => `لا يعرض الجدول إلا الادعاءات التي حكمها «${status}»: ${shown} من ${total}.`,
  ratingsLink: 'ماذا تعني الأحكام',
  allCases: 'كل الملفات',
  allCasesEveryLanguage: 'كل ملفات التحقق، بكل اللغات',
  methodologyLink: 'منهجيتنا',
  correctionsLink: 'سياسة التصحيح',
  reportErrorLink: 'أبلغ عن خطأ',
  editorialNav: 'عن عملنا في التحقق',
  feedLink: 'خلاصة Atom',
  openDataLink: 'بيانات مفتوحة (JSON)',
  contactLine: 'وجدت خطأ؟ راسلنا على',
  searchLabel: 'ابحث في ملفات التحقق',
  searchCount: 'عدد النتائج: {n}',
  searchCountOne: 'عدد النتائج: {n}',
  liveSourceLink: 'افتح المقطع في موقع الناشر',
  liveSourceLabel: (n) => `افتح المقطع في موقع الناشر: الادعاء ${n}`,
  historyHeading: 'التحديثات والتصحيحات',
  historyFirstPublished: 'نُشر أول مرة',
  historyLastUpdated: 'آخر تحديث',
  historyRevisions: (n) => counted(n, { zero: 'لا تعديلات', one: 'تعديل واحد', two: 'تعديلان', few: '{n} تعديلات', many: '{n} تعديلاً', other: '{n} تعديل' }),
  historyClaimRevisions: (n) => counted(n, { zero: 'لم يغيّر أيٌّ منها ادعاءً', one: 'أحدها غيّر ادعاءات (مدرج أدناه)', two: 'اثنان منها غيّرا ادعاءات (مدرجان أدناه)', few: '{n} منها غيّرت ادعاءات (مدرجة أدناه)', many: '{n} منها غيّرت ادعاءات (مدرجة أدناه)', other: '{n} منها غيّرت ادعاءات (مدرجة أدناه)' }),
  historyPartial: (date) => `لا تظهر التغييرات السابقة لتاريخ ${date}: هذه النسخة من الأرشيف لا تضم إلا جزءاً من سجل تعديلاته.`,
  historyNone: 'لم يتغير أي ادعاء منذ النشر الأول.',
  historyClaim: (n) => `الادعاء ${n}`,
  historyRemovedClaim: (statement) => `الادعاء «${statement}»`,
  historyKind: {
    added: 'أُضيف',
    status: 'تغيّر الحكم',
    label: 'أُعيدت صياغته',
    quote: 'صُحّح الاقتباس',
    removed: 'سُحب',
  },
  historyReason: 'السبب:',
  historyArrow: '←',
  historyTo: 'إلى',
};

export default ar;
