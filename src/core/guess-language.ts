/** `ar` when Arabic letters outnumber Latin ones in the text, else `en`: a default for `tahqiq new` and `sentences` when `--lang` is not given. */
export function guessLanguage(text: string): string {
  const arabic = text.match(/[\u0600-\u06FF]/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return arabic > latin ? 'ar' : 'en';
}
