/** Absolute addresses of everything the site publishes, from its public URL and base path (content/site.yaml). */
export interface SiteUrls {
  /** The home page, e.g. `https://example.org/tahqiq/`. */
  home: string;
  /** Any path below the base, made absolute: `page('feed.xml')`. */
  page(path: string): string;
  /** A case page. */
  case(caseId: string): string;
  /** A claim's permalink: its row on the case page. */
  claim(caseId: string, claimId: string): string;
  /** A case's open data (`/cases/<id>.json`). */
  caseData(caseId: string): string;
  /** A case's W3C Web Annotation export. */
  annotations(caseId: string): string;
  /** The verbatim text of a case's source document, as published with the case. */
  sourceText(caseId: string, docId: string): string;
  /** A case's share card (PNG). */
  shareCard(caseId: string): string;
}

export function siteUrls(url: string, base: string): SiteUrls {
  const home = new URL(base, url).href;
  const page = (path: string) => new URL(path, home).href;
  return {
    home,
    page,
    case: (id) => page(`cases/${id}/`),
    claim: (id, claim) => page(`cases/${id}/#${claim}`),
    caseData: (id) => page(`cases/${id}.json`),
    annotations: (id) => page(`cases/${id}/annotations.jsonld`),
    sourceText: (id, doc) => page(`cases/${id}/sources/${doc}.txt`),
    shareCard: (id) => page(`cases/${id}/card.png`),
  };
}
