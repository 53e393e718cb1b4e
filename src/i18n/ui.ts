import ar from './ar.ts';
import en from './en.ts';

/** The shape every UI language file has: English is the reference. */
export type UiStrings = typeof en;

const LANGUAGES: Record<string, UiStrings> = { ar, en };

/** UI strings for a BCP 47 tag, by its primary language; English when there is no translation. */
export function uiFor(lang: string): UiStrings {
  return LANGUAGES[lang.split('-')[0]!.toLowerCase()] ?? en;
}

/** Whether the interface has its own strings for this language (otherwise English is used). */
export function hasUiStrings(lang: string): boolean {
  return lang.split('-')[0]!.toLowerCase() in LANGUAGES;
}

/** The ratings page (what the statuses mean) in the UI language of `lang`: `/ratings/ar/` or `/ratings/en/`. */
export function ratingsUrl(lang: string, base: string): string {
  const primary = lang.split('-')[0]!.toLowerCase();
  return `${base}ratings/${primary in LANGUAGES ? primary : 'en'}/`;
}

/** Language of the site chrome (index page, header): the newsroom's language. */
export const SITE_LANG = process.env['TAHQIQ_SITE_LANG'] ?? 'ar';
