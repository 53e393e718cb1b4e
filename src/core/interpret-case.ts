import type { Definition, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import type { CaseFrontmatter } from '../schemas/frontmatter.ts';
import { directionOf } from './direction.ts';
import { eachNode } from './each-node.ts';
import { literalRanges, reportCharacterReferences } from './escaped-invisible.ts';
import { markdownToHtml } from './markdown-html.ts';
import { attributePlace, start } from './messages.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { caseDocuments, type CaseDocument } from './case-documents.ts';
import { quoteLookup, readClaim, verdictOf, type WrittenClaim, type WrittenVerdict } from './read-claim.ts';
import { evidenceLookup } from './read-evidence.ts';
import type { PassageLookup } from './report-anchor-failure.ts';
import { caseParser, parseCaseMarkdown } from './parse-case-markdown.ts';
import { prepareMarkdown } from './prepare-markdown.ts';
import { readSourceNote, type WrittenNote } from './read-source-note.ts';
import { readFrontmatter } from './read-frontmatter.ts';
import { NODE_NAMES, reportUnpublishable } from './report-unpublishable.ts';
import { reportUnrenderedMarkdown } from './report-unrendered-markdown.ts';
import { passagesOfUnparsedClaims, unparsedClaimBlocks } from './unparsed-claims.ts';
import type { SiteImage } from './site-images.ts';
import { putUnderBase } from './site-base.ts';
import { closeFrontmatter } from './unclosed-frontmatter.ts';

export type { WrittenClaim, WrittenNote };

/** A case file read and checked for form; quotes not yet anchored. */
export interface WrittenCase {
  /** Undefined when the frontmatter has errors: the case is then checked, against its documents, but never published. */
  frontmatter?: CaseFrontmatter;
  /** The case's language (`und` when not given or invalid): the default language of its documents. */
  lang: string;
  /** Whether the claims can be checked against the method: every document's publisher and `record` are valid. */
  methodCheckable: boolean;
  frontmatterPlace: Point;
  /** Where each `translations` id is written, in order. */
  translationPlaces: Point[];
  /** The source documents, in order (the first is the default for `doc=`). */
  documents: CaseDocument[];
  notesHtml: string;
  /** Source notes (`:::note`), in the order written. */
  sourceNotes: WrittenNote[];
  /** Claims that passed every check of form. */
  claims: WrittenClaim[];
  /** The quotes and evidence of claims that did not (and of claims inside claims), to look up for their problems only. */
  uncheckedPassages: PassageLookup[];
  /** The verdicts of claims that failed a check of form or stand inside another claim, where readable: checked against the method only. */
  uncheckedVerdicts: WrittenVerdict[];
  /** How many `:::claim` blocks the file has, valid or not. */
  claimBlocks: number;
  /** The images shown from the site itself (`/images/…`), in the order written. */
  images: SiteImage[];
}

/** The language of a case whose `lang` is missing or invalid (BCP 47 "undetermined"). */
const UNDETERMINED = 'und';

/** Parses a case file and checks its form: frontmatter, claims, attributes. */
export function interpretCase(text: string, file: string, problems: ProblemList, base = '/'): WrittenCase | undefined {
  const prepared = prepareMarkdown(text, file, problems);
  const { markdown, root } = withFrontmatterClosed(prepared, file, problems);
  reportCharacterReferences(markdown, literalRanges(root), file, problems);
  const { data: frontmatter, place: frontmatterPlace, placeOf, salvaged } = readFrontmatter(root, file, problems);
  // A frontmatter with errors still names its documents: the claims are checked against them in the same run.
  const fields = frontmatter ?? salvaged?.documents;
  const documents = fields && placeOf ? caseDocuments(fields, placeOf, file, problems) : undefined;
  const lang = frontmatter?.lang ?? salvaged?.lang;
  const lines = markdown.split(/\r?\n/);
  const unparsedClaims = unparsedClaimBlocks(root, lines);
  const images = reportUnpublishable(root, lines, file, problems, unparsedClaims);
  // Checked as written; published under the site's base path (`/images/x.png` is `/tahqiq/images/x.png` there).
  putUnderBase(root, base);
  const dir = lang ? directionOf(lang) : 'ltr';

  // Link reference definitions (`[src]: https://…`) may stand anywhere and serve every block.
  const definitions: Definition[] = [];
  eachNode(root, (node) => {
    if (node.type === 'definition') definitions.push(node);
  });
  reportUnrenderedMarkdown(root, lines, definitions, file, problems);
  const notes: RootContent[] = [];
  const sourceNotes: WrittenNote[] = [];
  const claims: WrittenClaim[] = [];
  const uncheckedPassages: PassageLookup[] = passagesOfUnparsedClaims(unparsedClaims, lines, file, problems);
  const uncheckedVerdicts: WrittenVerdict[] = [];
  const firstSeen = new Map<string, Point>();
  let claimBlocks = 0;
  for (const node of root.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'containerDirective' && node.name === 'claim') {
      claimBlocks++;
      const claim = readClaim(node, file, problems, dir, definitions, uncheckedPassages, uncheckedVerdicts);
      const id = node.attributes?.['id'];
      if (id) {
        const first = firstSeen.get(id);
        if (first) {
          problems.add('duplicateId', file, attributePlace(node, 'id'), `Unexpected duplicate claim id \`#${id}\``,
            { file, place: first, message: 'first defined here' });
          continue;
        }
        firstSeen.set(id, attributePlace(node, 'id'));
      }
      if (claim) claims.push(claim);
    } else if (node.type === 'containerDirective' && node.name === 'note') {
      // Source notes may stand anywhere at the top level: before, between or after claims.
      const note = readSourceNote(node, file, problems, dir, definitions);
      if (note) sourceNotes.push(note);
    } else if (unparsedClaims.has(node)) {
      // Part of a claim whose opening line could not be read: reported there (TQ110), its passages looked up below.
    } else if (claimBlocks > 0) {
      // Directives and raw HTML are reported by reportUnpublishable already.
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'html') {
        const text = excerpt(toString(node), 30);
        problems.add('strayContent', file, start(node.position),
          `Unexpected ${NODE_NAMES[node.type] ?? node.type}${text ? ` \`${text}\`` : ''} after the first claim, expected only \`:::claim\` blocks`);
      }
    } else if (node.type !== 'containerDirective') {
      notes.push(node);
    }
  }
  // A claim inside a claim (the one before it left open) is reported as such (TQ215) and never published; its own
  // problems are reported too, so that closing the outer claim does not reveal new ones.
  const readNested = (claim: ContainerDirective): void => {
    for (const child of claim.children) {
      if (child.type !== 'containerDirective' || child.name !== 'claim') continue;
      const nested = readClaim(child, file, problems, dir, definitions, uncheckedPassages, uncheckedVerdicts);
      if (nested) {
        uncheckedPassages.push(quoteLookup(nested), ...nested.evidence.map(evidenceLookup));
        uncheckedVerdicts.push(verdictOf(nested));
      }
      readNested(child);
    }
  };
  for (const node of root.children) if (node.type === 'containerDirective' && node.name === 'claim') readNested(node);
  if (!documents) return undefined;
  const translationPlaces = (frontmatter?.translations ?? []).map((_, i) => placeOf?.(['translations', i]) ?? frontmatterPlace);
  return { ...(frontmatter ? { frontmatter } : {}), lang: lang ?? UNDETERMINED, methodCheckable: frontmatter !== undefined || salvaged?.complete === true, frontmatterPlace, translationPlaces, documents, notesHtml: markdownToHtml(notes, dir, definitions), sourceNotes, claims, uncheckedPassages, uncheckedVerdicts, claimBlocks, images };
}

/**
 * The file parsed; when its frontmatter is never closed, reported (TQ101) and, where the blank line ending its fields
 * can be told (unclosed-frontmatter.ts), parsed as if that line were the closing `---`: every other problem of the
 * file is then reported in the same run, its claims checked against the sources its fields name.
 */
function withFrontmatterClosed(markdown: string, file: string, problems: ProblemList): { markdown: string; root: Root } {
  const root = parseCaseMarkdown(markdown);
  caseParser.runSync(root);
  const first = root.children[0];
  const closed = first?.type === 'thematicBreak' && first.position?.start.line === 1 ? closeFrontmatter(markdown) : undefined;
  if (!closed) return { markdown, root };
  problems.add('frontmatterMissing', file, { line: 1, column: 1 },
    `Unexpected end of frontmatter: the \`---\` on line 1 opens it and no \`---\` line closes it, expected a \`---\` line after its last field, on line ${closed.line} (the rest of the file is checked as if one stood there)`);
  const closedRoot = parseCaseMarkdown(closed.markdown);
  caseParser.runSync(closedRoot);
  return { markdown: closed.markdown, root: closedRoot };
}

