import { normalizeForMatching } from '../normalize.ts';

/** A range of a source text, in UTF-16 offsets. */
export interface Range {
  start: number;
  end: number;
}

/**
 * What became of a quoted passage when its source changed:
 * - `unchanged`: the same words at the same offsets;
 * - `moved`: the same words elsewhere (the nearest occurrence to the old place);
 * - `fuzzy`: close words (`similarity` in 0..1, word overlap after folding), which a journalist must accept;
 * - `orphaned`: nothing close enough.
 */
export type Reanchoring =
  | { kind: 'unchanged'; to: Range }
  | { kind: 'moved'; to: Range }
  | { kind: 'fuzzy'; to: Range; passage: string; similarity: number }
  | { kind: 'orphaned'; best?: { passage: string; similarity: number } };

/** Below this word overlap, a passage is not "the same passage, reworded" but gone. */
export const FUZZY_THRESHOLD = 0.6;

interface Word {
  folded: string;
  start: number;
  end: number;
}

/** Words of a text (runs of letters, digits and marks), folded as quotes are, with their original offsets. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const folded = normalizeForMatching(m[0]).text;
    if (folded) words.push({ folded, start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/** Dice coefficient of two bags of words: 1 when the same words, 0 when none shared. */
function dice(a: Map<string, number>, aSize: number, b: Map<string, number>, bSize: number): number {
  let shared = 0;
  for (const [w, n] of a) shared += Math.min(n, b.get(w) ?? 0);
  return (2 * shared) / Math.max(1, aSize + bSize);
}

function bag(words: readonly Word[], from = 0, to = words.length): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = from; i < to; i++) m.set(words[i]!.folded, (m.get(words[i]!.folded) ?? 0) + 1);
  return m;
}

/**
 * The window of `text` whose words best match `passage`: windows of the passage's word count
 * and a few more or fewer, slid over the text with running counts (linear per window size).
 * Ties go to the window nearest `near`.
 */
export function closestPassage(passage: string, text: string, near: number, textWords: Word[] = wordsOf(text)): { range: Range; similarity: number } | undefined {
  const wanted = wordsOf(passage);
  if (wanted.length === 0 || textWords.length === 0) return undefined;
  const want = bag(wanted);
  let best: { range: Range; similarity: number; distance: number } | undefined;
  const spread = Math.max(2, Math.ceil(wanted.length * 0.25));
  for (let size = Math.max(1, wanted.length - spread); size <= wanted.length + spread; size++) {
    if (size > textWords.length) break;
    const have = bag(textWords, 0, size);
    for (let i = 0; i + size <= textWords.length; i++) {
      if (i > 0) {
        const out = textWords[i - 1]!.folded;
        const n = have.get(out)! - 1;
        if (n === 0) have.delete(out);
        else have.set(out, n);
        const inn = textWords[i + size - 1]!.folded;
        have.set(inn, (have.get(inn) ?? 0) + 1);
      }
      const similarity = dice(want, wanted.length, have, size);
      const range = { start: textWords[i]!.start, end: textWords[i + size - 1]!.end };
      const distance = Math.abs(range.start - near);
      if (!best || similarity > best.similarity + 1e-9 || (Math.abs(similarity - best.similarity) <= 1e-9 && distance < best.distance)) {
        best = { range, similarity, distance };
      }
    }
  }
  return best && { range: best.range, similarity: best.similarity };
}

/**
 * Re-anchors a passage last accepted at `old` in a source that has changed to `text`.
 * `current` is where the claim's quote anchors now, if it does: when the old words are
 * gone but the journalist's quote still finds its passage, that passage is the fuzzy match.
 */
export function reanchor(passage: string, old: Range, text: string, current?: Range, textWords?: Word[]): Reanchoring {
  if (text.slice(old.start, old.end) === passage) return { kind: 'unchanged', to: { ...old } };
  let nearest: number | undefined;
  for (let at = text.indexOf(passage); at !== -1; at = text.indexOf(passage, at + 1)) {
    if (nearest === undefined || Math.abs(at - old.start) < Math.abs(nearest - old.start)) nearest = at;
  }
  if (nearest !== undefined) return { kind: 'moved', to: { start: nearest, end: nearest + passage.length } };
  const oldWords = wordsOf(passage);
  if (current) {
    const now = text.slice(current.start, current.end);
    return { kind: 'fuzzy', to: { ...current }, passage: now, similarity: dice(bag(oldWords), oldWords.length, bag(wordsOf(now)), wordsOf(now).length) };
  }
  const best = closestPassage(passage, text, old.start, textWords);
  if (best && best.similarity >= FUZZY_THRESHOLD) {
    return { kind: 'fuzzy', to: best.range, passage: text.slice(best.range.start, best.range.end), similarity: best.similarity };
  }
  return best ? { kind: 'orphaned', best: { passage: text.slice(best.range.start, best.range.end), similarity: best.similarity } } : { kind: 'orphaned' };
}
