import { documentIdSchema, languageTagSchema, sourceSchema, type CaseFrontmatter } from '../schemas/frontmatter.ts';

/** What a frontmatter that failed its schema still gives: its documents and the case's language, where usable. */
export interface SalvagedFields {
  lang?: string;
  documents: Pick<CaseFrontmatter, 'source' | 'sources'>;
  /** Whether every document's publisher and `record` were valid: the method counts sources by them. */
  complete: boolean;
}

/**
 * The documents of a frontmatter that failed its schema (`summary` missing, a `url` without its scheme…), so that the
 * quotes, evidence, notes and method are checked in the same run and every problem of the file is reported at once.
 * A document counts when its `document` path is valid (and, in `sources`, its `id`); an invalid publisher, address or
 * date is reported by the schema and left out here. Undefined when a `source` or `sources` is written but unusable:
 * its own problem says why, and nothing can be anchored.
 */
export function salvageDocuments(data: unknown): SalvagedFields | undefined {
  if (!isRecord(data)) return undefined;
  const lang = languageTagSchema.safeParse(data['lang']).success ? (data['lang'] as string) : undefined;
  let complete = true;
  const source = (raw: unknown) => {
    if (!isRecord(raw)) return undefined;
    const document = sourceSchema.shape.document.safeParse(raw['document']);
    if (!document.success) return undefined;
    if (!sourceSchema.shape.publisher.safeParse(raw['publisher']).success || !sourceSchema.shape.record.safeParse(raw['record']).success) complete = false;
    const sourceLang = languageTagSchema.safeParse(raw['lang']);
    return {
      document: document.data,
      publisher: typeof raw['publisher'] === 'string' ? raw['publisher'] : '',
      ...(raw['record'] === true ? { record: true } : {}),
      ...(sourceLang.success ? { lang: sourceLang.data } : {}),
    };
  };
  const documents: SalvagedFields['documents'] = {};
  if (data['source'] !== undefined) {
    const single = source(data['source']);
    if (!single) return undefined;
    documents.source = single;
  }
  if (data['sources'] !== undefined) {
    if (!Array.isArray(data['sources']) || data['sources'].length === 0) return undefined;
    const items = data['sources'].map((item: unknown) => {
      const id = documentIdSchema.safeParse(isRecord(item) ? item['id'] : undefined);
      const read = source(item);
      return id.success && read ? { id: id.data, ...read } : undefined;
    });
    if (items.some((item) => item === undefined)) return undefined;
    documents.sources = items as NonNullable<SalvagedFields['documents']['sources']>;
  }
  return { ...(lang ? { lang } : {}), documents, complete };
}

/** A YAML mapping read as data. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
