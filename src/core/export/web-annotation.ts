import type { CaseEntry } from '../../schemas/case-entry.ts';
import type { SiteConfig } from '../../schemas/site-config.ts';
import type { ExportContext } from './case-data.ts';
import { documentOf, evidenceOf, type PassageView } from './documents.ts';
import { passagePosition } from './passage-position.ts';

/**
 * A case as a W3C Web Annotation collection (https://www.w3.org/TR/annotation-model/): each claim an
 * `assessing` annotation on its quote, each evidence passage a `linking` annotation to its claim. Targets
 * are the verbatim source text published with the case, selected by TextQuoteSelector (prefix/exact/suffix)
 * and TextPositionSelector (code points).
 */
export function caseAnnotations(entry: CaseEntry, site: SiteConfig, context: ExportContext) {
  const creator = { id: site.organization.url, type: 'Organization', name: site.organization.name };
  const target = (passage: PassageView) => {
    const doc = documentOf(entry, passage);
    const position = passagePosition(context.readSource(doc.document), passage.place, passage.source);
    return {
      source: context.urls.sourceText(entry.id, doc.id),
      ...(doc.url ? { scope: doc.url } : {}),
      selector: position
        ? [
            { type: 'TextQuoteSelector', exact: position.exact, prefix: position.prefix, suffix: position.suffix },
            { type: 'TextPositionSelector', start: position.start, end: position.end },
          ]
        : [{ type: 'TextQuoteSelector', exact: passage.source }],
    };
  };
  const items = entry.claims.flatMap((claim) => {
    const url = context.urls.claim(entry.id, claim.id);
    const label = context.statusLabel(claim.status, entry.lang);
    return [
      {
        id: url,
        type: 'Annotation',
        motivation: 'assessing',
        created: entry.reviewed,
        creator,
        body: [
          { type: 'TextualBody', purpose: 'assessing', value: `${label}: ${claim.labelText}`, format: 'text/plain', language: entry.lang },
          { type: 'TextualBody', purpose: 'tagging', value: claim.status },
          { id: url, type: 'Text', purpose: 'describing', format: 'text/html', language: entry.lang },
        ],
        target: target(claim.quote),
      },
      ...evidenceOf(claim).map((e) => ({
        id: `${context.urls.case(entry.id)}#${e.id}`,
        type: 'Annotation',
        motivation: 'linking',
        created: entry.reviewed,
        creator,
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: e.relation },
          { type: 'TextualBody', purpose: 'describing', value: e.attribution, format: 'text/plain' },
          { id: url, type: 'Text', purpose: 'linking', format: 'text/html', language: entry.lang },
        ],
        target: target(e.passage),
      })),
    ];
  });
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: context.urls.annotations(entry.id),
    type: 'AnnotationCollection',
    label: entry.title,
    total: items.length,
    first: { id: `${context.urls.annotations(entry.id)}#page-1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}
