import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { ROOT } from './helpers/seed.ts';

let build: BuildRun;
const read = (file: string) => readFileSync(path.join(build.outDir, file), 'utf8');
const json = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;
const caseIds = () => readdirSync(path.join(build.outDir, 'cases')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  for (const name of ['case', 'claims', 'annotations']) ajv.addSchema(JSON.parse(readFileSync(path.join(ROOT, 'docs', `${name}.schema.json`), 'utf8')), `${name}.schema.json`);
  return (name: string, data: unknown) => {
    const validate = ajv.getSchema(`${name}.schema.json`)!;
    return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

beforeAll(() => {
  build = runBuild({ command: 'astro' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.output}`);
});

describe('open data exports', () => {
  it('publishes /cases/<id>.json for every case, valid against docs/case.schema.json', () => {
    const validate = validator();
    expect(caseIds()).toEqual(expect.arrayContaining(['dumayr-raid', 'riverside-clinic']));
    for (const id of caseIds()) {
      expect(validate('case', json(`cases/${id}.json`)), id).toEqual([]);
      console.log(`cases/${id}.json: ${read(`cases/${id}.json`).length} bytes; annotations: ${read(`cases/${id}/annotations.jsonld`).length} bytes`);
    }
  });

  it('publishes /claims.json with every claim of every case, valid against docs/claims.schema.json', () => {
    const claims = json('claims.json');
    expect(validator()('claims', claims)).toEqual([]);
    const total = caseIds().reduce((n, id) => n + (json(`cases/${id}.json`)['claims'] as unknown[]).length, 0);
    expect((claims['claims'] as unknown[]).length).toBe(total);
    console.log(`claims.json: ${read('claims.json').length} bytes, ${total} claims`);
  });

  it('publishes a W3C Web Annotation collection per case, valid against docs/annotations.schema.json', () => {
    for (const id of caseIds()) expect(validator()('annotations', json(`cases/${id}/annotations.jsonld`)), id).toEqual([]);
  });

  it('points every annotation selector at the exact words of the published source text (code points), with matching prefix and suffix', () => {
    for (const id of caseIds()) {
      const collection = json(`cases/${id}/annotations.jsonld`) as { first: { items: { target: { source: string; selector: Record<string, unknown>[] } }[] } };
      expect(collection.first.items.length).toBeGreaterThan(0);
      for (const annotation of collection.first.items) {
        const file = new URL(annotation.target.source).pathname.slice(1);
        const text = [...read(file)];
        const quote = annotation.target.selector.find((s) => s['type'] === 'TextQuoteSelector') as { exact: string; prefix: string; suffix: string };
        const position = annotation.target.selector.find((s) => s['type'] === 'TextPositionSelector') as { start: number; end: number };
        expect(text.slice(position.start, position.end).join('')).toBe(quote.exact);
        expect(text.slice(position.start - [...quote.prefix].length, position.end + [...quote.suffix].length).join('')).toBe(quote.prefix + quote.exact + quote.suffix);
      }
    }
  });

  it('gives each claim its sentence ids, and the same status and statement as the table row', () => {
    const data = json('cases/dumayr-raid.json') as { claims: { id: string; status: string; sentenceIds?: string[]; quote: { sentenceIds: string[] } }[] };
    const page = fromHtml(read('cases/dumayr-raid/index.html'));
    for (const claim of data.claims) {
      const row = select(`tr[id="${claim.id}"]`, page);
      expect(row?.properties['dataStatus'], claim.id).toBe(claim.status);
      for (const sentence of claim.quote.sentenceIds) expect(select(`[id="${sentence}"]`, page), sentence).toBeDefined();
    }
  });
});

/**
 * Google's ClaimReview documentation (developers.google.com/search/docs/appearance/structured-data/factcheck):
 * required claimReviewed, reviewRating (with alternateName), url; recommended author (name, url), itemReviewed
 * (Claim with author, appearance or firstAppearance, datePublished), datePublished; Rating's bestRating,
 * worstRating, ratingValue and name are recommended when a numeric scale is used.
 */
describe('ClaimReview structured data', () => {
  function reviewsOf(route: string) {
    const page = fromHtml(read(`${route}index.html`));
    const scripts = selectAll('script[type="application/ld+json"]', page);
    return { page, reviews: scripts.map((s) => JSON.parse(toString(s)) as Record<string, any>).filter((r) => r['@type'] === 'ClaimReview') };
  }

  for (const id of ['dumayr-raid', 'riverside-clinic']) {
    it(`emits one ClaimReview per claim of ${id}, each with Google's required and recommended fields, agreeing with its row`, () => {
      const { page, reviews } = reviewsOf(`cases/${id}/`);
      const rows = selectAll('table.claims tbody tr[data-status]', page);
      expect(reviews).toHaveLength(rows.length);
      const lang = String(select('html', page)!.properties['lang']);
      for (const [i, review] of reviews.entries()) {
        const row = rows[i] as Element;
        expect(review['@context']).toBe('https://schema.org');
        expect(review['claimReviewed']).toBe(toString(select('.claim-label', row)!).trim());
        expect(new URL(review['url']).hash).toBe(`#${row.properties['id']}`);
        expect(review['datePublished']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(review['inLanguage']).toBe(lang);
        expect(review['author']).toMatchObject({ '@type': 'Organization', name: expect.any(String), url: expect.stringMatching(/^https:/) });
        const rating = review['reviewRating'];
        expect(rating['@type']).toBe('Rating');
        expect(rating['alternateName']).toBe(toString(select('.badge-text', row)!).trim());
        expect(rating).toMatchObject({ worstRating: 1, bestRating: 3, name: rating['alternateName'] });
        expect(rating['ratingValue']).toBe({ disputed: 1, unconfirmed: 2, confirmed: 3 }[String(row.properties['dataStatus'])]);
        const item = review['itemReviewed'];
        expect(item['@type']).toBe('Claim');
        expect(item['author']['name']).toBe(toString(select('.cell-claimant', row)!).trim());
      }
    });

    it(`gives each claim's author in ${id} the type its case file says (\`claimant-type\`), as the open data does`, () => {
      const { reviews } = reviewsOf(`cases/${id}/`);
      const claims = json(`cases/${id}.json`)['claims'] as { claimantType: string }[];
      expect(reviews.map((review) => review['itemReviewed']['author']['@type'])).toEqual(claims.map((c) => ({ person: 'Person', organization: 'Organization' })[c.claimantType]));
      // Each case has claims of both kinds: AP's own text, the US military, a council beside named people.
      expect(new Set(claims.map((c) => c.claimantType))).toEqual(new Set(['person', 'organization']));
    });
  }

  it('gives the claims of a source that is online its appearance (URL and date)', () => {
    const { reviews } = reviewsOf('cases/riverside-clinic/');
    for (const review of reviews) {
      expect(review['itemReviewed']['appearance']).toMatchObject({ '@type': 'CreativeWork', url: expect.stringMatching(/^https:/) });
      expect(review['itemReviewed']['firstAppearance']).toEqual(review['itemReviewed']['appearance']);
    }
  });

  it('publishes each ClaimReview once: status views are fragments of the case page, not pages of their own', () => {
    for (const status of ['confirmed', 'unconfirmed', 'disputed']) expect(readdirSync(path.join(build.outDir, 'cases/dumayr-raid'))).not.toContain(status);
    expect(reviewsOf('cases/dumayr-raid/').reviews.length).toBeGreaterThan(0);
  });
});
