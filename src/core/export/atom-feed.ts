import type { CaseEntry } from '../../schemas/case-entry.ts';
import type { SiteConfig } from '../../schemas/site-config.ts';
import type { SiteUrls } from './site-urls.ts';
import { CASES_PER_PAGE, newestFirst } from '../case-list-pages.ts';
import { lastModified } from './case-dates.ts';

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** What the feed reads of a case (a whole entry or the content store's summary). */
export type FeedCase = Pick<CaseEntry, 'id' | 'lang' | 'title' | 'reviewed' | 'summary' | 'tally' | 'history'>;

const day = (date: string) => `${date}T00:00:00Z`;

export interface FeedContext {
  site: SiteConfig;
  urls: SiteUrls;
  /** The site's name and the tally line, in a language. */
  name: (lang: string) => string;
  tallyLine: (entry: FeedCase) => string;
}

/** How many cases the feed carries: the newest, as the home page does (a feed is polled often; the archive is on the site). */
export const FEED_ENTRIES = CASES_PER_PAGE;

/**
 * An Atom feed (RFC 4287) of the newest `FEED_ENTRIES` cases, newest review first. Each entry is dated by its last
 * change (its review or a later correction committed to its file, `lastModified`), the feed by its newest entry,
 * never by the clock, so a rebuild of the same content gives the same bytes.
 */
export function atomFeed(entries: readonly FeedCase[], context: FeedContext): string {
  const { site, urls } = context;
  const cases = newestFirst(entries).slice(0, FEED_ENTRIES);
  const updated = day(cases.map(lastModified).sort().at(-1) ?? '1970-01-01');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(site.lang)}">`,
    `  <title>${xmlEscape(context.name(site.lang))}</title>`,
    `  <id>${xmlEscape(urls.home)}</id>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(urls.home)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(urls.page('feed.xml'))}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlEscape(site.organization.name)}</name><uri>${xmlEscape(site.organization.url)}</uri></author>`,
    `  <generator>tahqiq</generator>`,
    ...cases.flatMap((entry) => [
      `  <entry xml:lang="${xmlEscape(entry.lang)}">`,
      `    <title>${xmlEscape(entry.title)}</title>`,
      `    <id>${xmlEscape(urls.case(entry.id))}</id>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(urls.case(entry.id))}"/>`,
      `    <link rel="alternate" type="application/json" href="${xmlEscape(urls.caseData(entry.id))}"/>`,
      `    <updated>${day(lastModified(entry))}</updated>`,
      `    <summary>${xmlEscape(`${entry.summary} (${context.tallyLine(entry)})`)}</summary>`,
      ...(['confirmed', 'unconfirmed', 'disputed'] as const).filter((s) => entry.tally[s] > 0).map((s) => `    <category term="${s}"/>`),
      '  </entry>',
    ]),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}
