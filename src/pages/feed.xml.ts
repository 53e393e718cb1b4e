import type { APIRoute } from 'astro';
import { caseSummaries } from '../cases.ts';
import { atomFeed } from '../core/export/atom-feed.ts';
import { urls } from '../exports.ts';
import { uiFor } from '../i18n/ui.ts';
import { site, siteName } from '../site.ts';

/** `/feed.xml`: an Atom feed of the cases, newest review first. */
export const GET: APIRoute = async () => {
  const cases = await caseSummaries();
  const xml = atomFeed(cases, {
    site,
    urls,
    name: siteName,
    tallyLine: (entry) => uiFor(entry.lang).tallyChartLabel(entry.tally.confirmed, entry.tally.unconfirmed, entry.tally.disputed),
  });
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
};
