const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** By language tag: a case asks once per block of text, and `Intl.Locale` is slow to build. */
const directions = new Map<string, 'ltr' | 'rtl'>();

/** Text direction of a BCP 47 language, from Intl (with a script fallback for older runtimes). */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  let direction = directions.get(lang);
  if (direction === undefined) directions.set(lang, (direction = readDirection(lang)));
  return direction;
}

function readDirection(lang: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(lang);
  const info = (locale as Intl.Locale & { getTextInfo?: () => { direction?: string } }).getTextInfo?.();
  if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  const script = locale.maximize().script;
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
