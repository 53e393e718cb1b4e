import type { CaseFrontmatter } from '../schemas/frontmatter.ts';
import { closest, list } from './messages.ts';
import type { Point, ProblemList } from './problems.ts';

/** One source document of a case, as the frontmatter names it (`source:` or an entry of `sources:`). */
export interface CaseDocument {
  /** Short id (`doc=`); a single `source:` has the id `source`. */
  id: string;
  document: string;
  publisher: string;
  url?: string;
  published?: string;
  /** Language of the document, when it differs from the case's. */
  lang?: string;
  /** An official record: one supporting passage from it can confirm a claim, if the method says so. */
  record: boolean;
  /** Where `document:` is written, for source errors. */
  documentPlace: Point;
}

/** The id a single `source:` document takes. */
export const SINGLE_SOURCE_ID = 'source';

/**
 * The case's documents in order, from `source:` or `sources:`. Reports both together,
 * neither, and duplicate ids. Returns undefined when the case has no usable document list.
 */
export function caseDocuments(
  frontmatter: Pick<CaseFrontmatter, 'source' | 'sources'>,
  placeOf: (path: (string | number)[]) => Point,
  file: string,
  problems: ProblemList,
): CaseDocument[] | undefined {
  const { source, sources } = frontmatter;
  if (source && sources) {
    problems.add('sourceAndSources', file, placeOf(['sources']), 'Unexpected `sources` together with `source`, expected one of them',
      { file, place: placeOf(['source']), message: '`source` is written here' });
    return undefined;
  }
  if (!source && !sources) {
    problems.add('frontmatterField', file, placeOf([]), 'Missing frontmatter field `source` (or `sources`, a list, for several documents)');
    return undefined;
  }
  if (source) {
    const single: CaseDocument = { id: SINGLE_SOURCE_ID, document: source.document, publisher: source.publisher, record: source.record ?? false, documentPlace: placeOf(['source', 'document']) };
    if (source.url) single.url = source.url;
    if (source.published) single.published = source.published;
    if (source.lang) single.lang = source.lang;
    return [single];
  }
  const seen = new Map<string, Point>();
  const documents: CaseDocument[] = [];
  let ok = true;
  sources!.forEach((item, index) => {
    const idPlace = placeOf(['sources', index, 'id']);
    const first = seen.get(item.id);
    if (first) {
      ok = false;
      problems.add('duplicateDocumentId', file, idPlace, `Unexpected duplicate document id \`${item.id}\``, { file, place: first, message: 'first defined here' });
      return;
    }
    seen.set(item.id, idPlace);
    const doc: CaseDocument = { id: item.id, document: item.document, publisher: item.publisher, record: item.record ?? false, documentPlace: placeOf(['sources', index, 'document']) };
    if (item.url) doc.url = item.url;
    if (item.published) doc.published = item.published;
    if (item.lang) doc.lang = item.lang;
    documents.push(doc);
  });
  return ok ? documents : undefined;
}

/**
 * Resolves `doc=` to one of the case's documents (default: the first), reporting an unknown id
 * at the attribute with the ids there are and a "did you mean".
 */
export function resolveDocument(
  documents: readonly CaseDocument[],
  id: string | undefined,
  file: string,
  place: Point,
  problems: ProblemList,
): CaseDocument | undefined {
  if (id === undefined) return documents[0];
  const found = documents.find((d) => d.id === id);
  if (found) return found;
  const ids = documents.map((d) => d.id);
  const guess = closest(id, ids);
  problems.add('unknownDocument', file, place,
    `Unexpected \`doc=${id}\`, expected ${ids.length === 1 ? `\`${ids[0]}\` (the case's only document)` : `one of ${list(ids)}`}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
  return undefined;
}
