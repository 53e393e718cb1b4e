import { siteMethod } from '../core/read-method.ts';
import type { Method } from '../schemas/method.ts';
import { STATUSES } from '../schemas/status-names.ts';
import ar from './ar.ts';
import en from './en.ts';

/** The shape every UI language file has: English is the reference. */
export type UiStrings = typeof en;

const LANGUAGES: Record<string, UiStrings> = { ar, en };

/**
 * The strings with the site's method's status labels and definitions, per method read and primary language: a case
 * page asks once per paragraph of its source, the exports once per claim (~300,000 times at 4,000 cases).
 */
const withMethod = new WeakMap<Method, Map<string, UiStrings>>();

/** UI strings for a BCP 47 tag, by its primary language; English when there is no translation. */
export function uiFor(lang: string): UiStrings {
  const primary = lang.split('-')[0]!.toLowerCase();
  const strings = LANGUAGES[primary] ?? en;
  // Status labels and definitions come from the site's method (content/method.yaml), the same file the build enforces.
  const method = siteMethod();
  if (!method) return strings;
  let byLanguage = withMethod.get(method);
  if (!byLanguage) withMethod.set(method, (byLanguage = new Map()));
  let ui = byLanguage.get(primary);
  if (!ui) {
    const key = primary === 'ar' ? 'ar' : 'en';
    ui = {
      ...strings,
      status: Object.fromEntries(STATUSES.map((s) => [s, method.statuses[s].label[key]])) as UiStrings['status'],
      statusDefinition: Object.fromEntries(STATUSES.map((s) => [s, method.statuses[s].definition[key]])) as UiStrings['statusDefinition'],
    };
    byLanguage.set(primary, ui);
  }
  return ui;
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
