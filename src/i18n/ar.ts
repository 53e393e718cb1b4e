import type { UiStrings } from './ui.ts';

/** Arabic UI strings. Status labels follow common Arabic newsroom usage (see docs/case-format.md#statuses). */
/** «ادعاء واحد»، «ادعاءان»، «3 ادعاءات»، «11 ادعاءً»: Arabic number agreement. */
function arabicCount(n: number): string {
  if (n === 0) return 'لا ادعاءات';
  return n === 1 ? 'ادعاء واحد' : n === 2 ? 'ادعاءان' : n >= 3 && n <= 10 ? `${n} ادعاءات` : `${n} ادعاءً`;
}

const ar: UiStrings = {
  siteName: 'تحقيق',
  siteTagline: 'تدقيق الادعاءات واحدًا واحدًا، وكل ادعاء مربوط بالجملة التي ورد فيها في مصدره.',
  skipToContent: 'انتقل إلى المحتوى',
  casesHeading: 'ملفات التحقق',
  casesEmpty: 'لم يُنشر أي ملف بعد.',
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
    confirmed: 'تؤيده عدة مصادر مسمّاة أو رسمية في التقرير.',
    unconfirmed: 'يستند إلى مصدر واحد أو اعتقاد أو تقدير، مع بيان الدليل الناقص.',
    disputed: 'تناقضه مصادر أخرى في التقرير نفسه.',
  },
  tallyHeading: 'الحصيلة في لمحة',
  tallyChartLabel: (c, u, d) => `${c} مؤكد، ${u} غير مؤكد، ${d} متنازع عليه`,
  conclusion: 'الخلاصة',
  notesHeading: 'عن هذا الملف',
  tableCaption: (n) => `${arabicCount(n)}، كل منها مربوط بالجملة التي ورد فيها في المصدر`,
  tableEmpty: 'لا ادعاءات في هذا الملف بعد.',
  permalinkLabel: (n) => `رابط الادعاء ${n}`,
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
  quoteMatchNormalized: 'طوبق بعد توحيد التشكيل وصور الحروف وعلامات التنصيص والمسافات',
  sourceHeading: 'الوثيقة المصدر',
  sourcePublisher: 'الناشر',
  sourcePublished: 'تاريخ النشر',
  sourceFile: 'الملف',
  sourceHash: 'بصمة SHA-256',
  sourceSentences: (n) => `${n} جملة`,
  sourceNote: 'يُعرض المصدر بنصه الحرفي، بما فيه من أخطاء. المقاطع المظللة مقتبسة في ادعاءات؛ اتبع الرابط الصغير بعد كل مقطع للعودة إلى ادعائه.',
  filterHeading: 'اعرض',
  filterAll: 'كل الادعاءات',
  ratingsLink: 'ماذا تعني الأحكام',
  allCases: 'كل الملفات',
};

export default ar;
