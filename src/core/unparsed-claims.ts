import type { Root, RootContent } from 'mdast';
import { writtenQuote } from './read-claim.ts';
import { evidenceLookup, isEvidence, readEvidence } from './read-evidence.ts';
import type { ProblemList } from './problems.ts';
import type { PassageLookup } from './report-anchor-failure.ts';

/** A `:::claim` opening that markdown read as text (TQ110): at the start of a top-level paragraph. */
const UNPARSED_OPENING = /^:{3,}\s*claim\b/u;
/** A line that closes a `:::` block (a paragraph that is only `:::` when the block's opening was not read). */
export const CLOSING_FENCE = /^[ \t]*:{3,}\s*$/u;

/**
 * The top-level blocks of each claim whose opening line could not be read (`{… claimant="x}`, `claimant=“A B”`): from
 * that line's paragraph to the `:::` that would close it (a paragraph of its own, or the last line of one). The line
 * is reported once (TQ110, report-unpublishable.ts); its quote, passages and reasoning are not reported again as
 * content outside a claim (TQ214, TQ404).
 */
export function unparsedClaimBlocks(root: Root, lines: string[]): Set<RootContent> {
  const blocks = new Set<RootContent>();
  let open = false;
  for (const node of root.children) {
    const line = node.type === 'paragraph' && node.position ? (lines[node.position.start.line - 1] ?? '') : '';
    if (node.type === 'paragraph' && UNPARSED_OPENING.test(line)) open = true;
    else if (node.type === 'containerDirective' && node.name === 'claim') open = false;
    if (!open) continue;
    blocks.add(node);
    // The `:::` may be the paragraph's own line, or its last: written right under the reasoning, it continues it.
    if (node.type === 'paragraph' && node.position && CLOSING_FENCE.test(lines[node.position.end.line - 1] ?? '')) open = false;
  }
  return blocks;
}

/**
 * The passages of an unreadable claim that can still be looked up, so that one run reports their problems too: its
 * quote (only when its line names no `doc=` or `occurrence=`, which cannot be read from it) and its evidence passages.
 */
export function passagesOfUnparsedClaims(blocks: Set<RootContent>, lines: string[], file: string, problems: ProblemList): PassageLookup[] {
  const passages: PassageLookup[] = [];
  let opening = '';
  let quoted = false;
  for (const node of blocks) {
    const line = node.type === 'paragraph' && node.position ? (lines[node.position.start.line - 1] ?? '') : '';
    if (UNPARSED_OPENING.test(line)) {
      opening = line;
      quoted = false;
    } else if (node.type === 'blockquote' && !quoted && !/\b(?:doc|occurrence)\s*=/u.test(opening)) {
      quoted = true;
      const { text, place } = writtenQuote(node);
      passages.push({ noun: 'Quote', text, doc: undefined, docPlace: place, occurrence: undefined, place, occurrencePlace: place });
    } else if (isEvidence(node) && node.type === 'leafDirective') {
      const evidence = readEvidence(node, file, problems);
      if (evidence) passages.push(evidenceLookup(evidence));
    }
  }
  return passages;
}
