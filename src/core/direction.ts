const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** Text direction of a BCP 47 language, from Intl (with a script fallback for older runtimes). */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(lang);
  const info = (locale as Intl.Locale & { getTextInfo?: () => { direction?: string } }).getTextInfo?.();
  if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
  const script = locale.maximize().script;
  return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
