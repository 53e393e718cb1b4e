import type { ClaimReview, CreativeWork, Organization, WithContext } from 'schema-dts';
import type { CaseEntry, ClaimEntry } from '../../schemas/case-entry.ts';
import type { SiteConfig } from '../../schemas/site-config.ts';
import type { Status } from '../../schemas/status.ts';
import { firstPublished, lastModified } from './case-dates.ts';
import { documentOf } from './documents.ts';
import type { SiteUrls } from './site-urls.ts';

/**
 * The numeric scale of `reviewRating` (documented in docs/open-data.md): 1 = disputed (worst),
 * 2 = unconfirmed, 3 = confirmed (best). The status label is the `alternateName` readers see.
 */
export const RATING_SCALE: Record<Status, number> = { disputed: 1, unconfirmed: 2, confirmed: 3 };
export const WORST_RATING = 1;
export const BEST_RATING = 3;

export interface ClaimReviewContext {
  site: SiteConfig;
  urls: SiteUrls;
  /** The status label in the page's language, e.g. `متنازع عليه`. */
  statusLabel: (status: Status, lang: string) => string;
}

/** The publishing organisation, from the site configuration. */
export function publisherOf(site: SiteConfig): Organization {
  return {
    '@type': 'Organization',
    name: site.organization.name,
    url: site.organization.url,
    ...(site.organization.logo ? { logo: site.organization.logo } : {}),
  };
}

/** One ClaimReview (schema.org, as Google's fact-check documentation asks) for one claim, from the same entry the table renders. */
export function claimReview(entry: CaseEntry, claim: ClaimEntry, context: ClaimReviewContext): WithContext<ClaimReview> {
  const doc = documentOf(entry, claim.quote);
  const label = context.statusLabel(claim.status, entry.lang);
  const appearance: CreativeWork | undefined =
    doc.url || doc.published
      ? {
          '@type': 'CreativeWork',
          ...(doc.url ? { url: doc.url } : {}),
          ...(doc.published ? { datePublished: doc.published } : {}),
          publisher: { '@type': 'Organization', name: doc.publisher },
        }
      : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: context.urls.claim(entry.id, claim.id),
    claimReviewed: claim.labelText,
    datePublished: firstPublished(entry),
    dateModified: lastModified(entry),
    inLanguage: entry.lang,
    author: publisherOf(context.site),
    publisher: publisherOf(context.site),
    reviewRating: {
      '@type': 'Rating',
      ratingValue: RATING_SCALE[claim.status],
      worstRating: WORST_RATING,
      bestRating: BEST_RATING,
      alternateName: label,
      name: label,
    },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': claim.claimantType === 'organization' ? 'Organization' : 'Person', name: claim.claimant },
      ...(doc.published ? { datePublished: doc.published } : {}),
      ...(appearance ? { appearance, firstAppearance: appearance } : {}),
    },
  };
}

/** Every claim's ClaimReview, in table order. */
export function claimReviews(entry: CaseEntry, context: ClaimReviewContext): WithContext<ClaimReview>[] {
  return entry.claims.map((claim) => claimReview(entry, claim, context));
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
