/**
 * Splits text into runs, marking the runs written in the script opposite to the
 * surrounding direction (Latin words inside Arabic, Arabic words inside English),
 * so they can be wrapped in `<bdi>` and never scramble the order around them.
 */
export interface BidiRun {
  text: string;
  isolate: boolean;
  /**
   * For an isolated run, the language its script is taken for, so that a screen reader reads it with the right voice
   * (`<bdi lang>`): Latin script is English, Hebrew script Hebrew, Arabic script Arabic. A case file does not say which
   * language a quoted word is in; these are the languages of this site's readers and sources.
   */
  lang?: string;
}

const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/u;

function scriptLanguage(word: string, dir: 'ltr' | 'rtl'): string {
  if (dir === 'rtl') return 'en';
  return HEBREW.test(word) ? 'he' : 'ar';
}

/** Latin words (with inner `.-_/:@&'’` and digits), possibly several separated by spaces: `SFA`, `U.S.`, `https://x.org/a`. */
const LATIN_RUN = /[A-Za-z][\w.\-/:@&'’]*(?:[ \u00A0]+[A-Za-z][\w.\-/:@&'’]*)*/gu;
/** Words in right-to-left scripts, possibly several separated by spaces. */
const RTL_RUN = /[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+(?:[ \u00A0]+[\u0590-\u05FF\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+)*/gu;

/** Quotation marks, which close one quoted item and open the next. */
const QUOTES = /["«»“”„‟‹›]/u;

/** Text with no letter of any script: punctuation, spaces, digits, symbols. */
const NO_LETTER = /^[^\p{L}]*$/u;

export function bidiRuns(text: string, dir: 'ltr' | 'rtl'): BidiRun[] {
  const pattern = dir === 'rtl' ? LATIN_RUN : RTL_RUN;
  const runs: BidiRun[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    // Trailing sentence punctuation stays outside the isolate (it belongs to the surrounding sentence).
    const word = match[0].replace(/[.:\-/']+$/u, '');
    if (!word) continue;
    const between = text.slice(last, match.index);
    const previous = runs.at(-1);
    // Two runs of the other direction with no letter between them (`Seed case: every verdict`, `(SFA, FSA)`) are one
    // run, as the bidi algorithm reads them: apart, each would be isolated and laid out in the surrounding direction,
    // which reverses the order of the pieces.
    // Words each in quotes of their own (`the words «وفاة», «بنصه»`) are items apart: one isolate would hold the
    // first one's closing mark and the next one's opening mark, and show them swapped.
    if (previous?.isolate && NO_LETTER.test(between) && !QUOTES.test(between)) previous.text += between + word;
    else {
      if (between) runs.push({ text: between, isolate: false });
      runs.push({ text: word, isolate: true, lang: scriptLanguage(word, dir) });
    }
    last = match.index + word.length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), isolate: false });
  return runs;
}

/**
 * A piece of one part of a paragraph (a text node, a mark's text): plain text (no `lang`), a whole run of the other
 * direction (`whole`: isolated in `<bdi lang>`), or a piece of a run cut by the parts' edges (`<span lang>`, not
 * isolated: isolated apart, the pieces of `[Airwars](…) report` would be laid out in the paragraph's direction and
 * read backwards; left in the flow, the bidi algorithm keeps them in order).
 */
export interface BidiPiece {
  text: string;
  lang?: string;
  whole?: boolean;
}

/** The runs of a paragraph whose text is `parts` joined, worked out over the whole paragraph and cut back into its parts. */
export function bidiPieces(parts: readonly string[], dir: 'ltr' | 'rtl'): BidiPiece[][] {
  const text = parts.join('');
  const runs = bidiRuns(text, dir);
  if (!runs.some((r) => r.isolate)) return parts.map((part) => [{ text: part }]);
  let at = 0;
  const spans = runs.map((run) => ({ run, start: at, end: (at += run.text.length) }));
  let start = 0;
  return parts.map((part) => {
    const end = start + part.length;
    const pieces = spans
      .filter((s) => s.end > start && s.start < end)
      .map(({ run, start: from, end: to }): BidiPiece => {
        const piece = text.slice(Math.max(from, start), Math.min(to, end));
        if (!run.isolate) return { text: piece };
        return from >= start && to <= end ? { text: piece, lang: run.lang!, whole: true } : { text: piece, lang: run.lang! };
      });
    start = end;
    return pieces;
  });
}
