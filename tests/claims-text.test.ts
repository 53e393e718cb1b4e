import { describe, expect, it, onTestFinished } from 'vitest';
import { caseClaimsText, claimsData, claimsDataChunks, type ClaimsCase } from '../src/core/export/claims-data.ts';
import { siteUrls } from '../src/core/export/site-urls.ts';
import { loadCases } from '../src/core/load-cases.ts';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writePiece, type OutputPiece } from '../src/core/output-pieces.ts';
import { ROOT } from './helpers/seed.ts';

/** `/claims.json` as one text: the route's pieces written to a file one after the other, as a build writes them. */
function claimsDataText<S extends ClaimsCase>(summaries: readonly S[], caseClaims: (summary: S) => OutputPiece, ctx: typeof context): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-claims-text-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'claims.json');
  const fd = openSync(file, 'w');
  try {
    for (const piece of claimsDataChunks(summaries, caseClaims, ctx)) writePiece(fd, piece);
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, 'utf8');
}

const context = {
  urls: siteUrls('https://example.org/', '/'),
  statusLabel: (status: string) => status.toUpperCase(),
  readSource: (document: string) => readFileSync(path.join(ROOT, document), 'utf8'),
};

describe('/claims.json made one case at a time', () => {
  it('is exactly the pretty-printed claimsData of every whole case, reading each case once', async () => {
    const { cases } = await loadCases(ROOT, undefined, { workers: 1 });
    expect(cases.length).toBeGreaterThan(1);
    const read: string[] = [];
    const text = claimsDataText(cases, (c) => (read.push(c.id), caseClaimsText(c, context)), context);
    expect(text).toBe(`${JSON.stringify(claimsData(cases, context), null, 2)}\n`);
    expect(read.sort()).toEqual(cases.map((c) => c.id).sort());
  });

  it('joins parts given as UTF-8 bytes (kept from an earlier build) to the same text', async () => {
    const { cases } = await loadCases(ROOT, undefined, { workers: 1 });
    expect(claimsDataText(cases, (c) => Buffer.from(caseClaimsText(c, context)), context)).toBe(`${JSON.stringify(claimsData(cases, context), null, 2)}\n`);
  });

  it('joins parts given as the files that keep them (empty ones too) to the same text', async () => {
    const { cases } = await loadCases(ROOT, undefined, { workers: 1 });
    const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-claims-parts-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const emptied = cases.map((c, i) => (i % 2 === 0 ? { ...c, claims: [] } : c));
    const kept = (c: (typeof emptied)[number]) => {
      const bytes = Buffer.from(caseClaimsText(c, context));
      const file = path.join(dir, `${c.id}.json`);
      writeFileSync(file, bytes);
      return { file, size: bytes.length };
    };
    expect(claimsDataText(emptied, kept, context)).toBe(`${JSON.stringify(claimsData(emptied, context), null, 2)}\n`);
    expect(claimsDataText(cases, kept, context)).toBe(`${JSON.stringify(claimsData(cases, context), null, 2)}\n`);
  });

  it('leaves out a case without claims, wherever it stands, as claimsData does', async () => {
    const { cases } = await loadCases(ROOT, undefined, { workers: 1 });
    const emptied = cases.map((c, i) => (i % 2 === 0 ? { ...c, claims: [] } : c));
    expect(claimsDataText(emptied, (c) => caseClaimsText(c, context), context)).toBe(`${JSON.stringify(claimsData(emptied, context), null, 2)}\n`);
    const none = cases.map((c) => ({ ...c, claims: [] }));
    expect(claimsDataText(none, (c) => caseClaimsText(c, context), context)).toBe(`${JSON.stringify(claimsData(none, context), null, 2)}\n`);
  });

  it('gives an empty list, as claimsData does, when there is no case', () => {
    expect(claimsDataText([], () => { throw new Error('no case to read'); }, context)).toBe(`${JSON.stringify(claimsData([], context), null, 2)}\n`);
  });
});
