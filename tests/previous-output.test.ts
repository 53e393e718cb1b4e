import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cspHash } from '../src/core/csp-hash.ts';
import { build, directOutputs, editReasoning, keptCopies, keptDir, projectCopy, tree } from './helpers/rebuild.ts';

/** An inline style added to a published page in place, after its build (its hash is then in no policy). */
const ADDED_STYLE = '.added-in-place{color:red}';

/** The Content-Security-Policy `_headers` gives a route. */
function headerPolicy(headers: string, route: string): string {
  const lines = headers.split('\n');
  return lines[lines.indexOf(route) + 1] ?? '';
}

/** A page the project publishes as it is, from its public folder (a search engine's site verification, say). */
const PUBLIC_PAGE = `<!doctype html><html lang="en"><head><meta http-equiv="content-security-policy" content="default-src 'none'; style-src 'self'"><title>Site verification</title><style>p{margin:0}</style></head><body><p>verification</p></body></html>`;

function addPublicPage(dir: string): void {
  writeFileSync(path.join(dir, 'public/site-verification.html'), PUBLIC_PAGE);
}

describe('rebuilding into the same output folder', () => {
  let project: string;
  let first: string;
  let again: string;
  let afterEdit: string;
  let headersAfterEdit: string;
  let pagesAfterEdit: string[];
  let afterDelete: string;
  let keptBeforeDelete: Record<string, string>;
  beforeAll(() => {
    project = projectCopy();
    first = build(project);
    again = build(project);
    // A page changed in place: the next build links it back as it is, and must read its policy again.
    const page = path.join(project, 'dist/cases/riverside-clinic/index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace('</head>', `<style>${ADDED_STYLE}</style></head>`));
    editReasoning(project);
    addPublicPage(project);
    afterEdit = build(project);
    headersAfterEdit = readFileSync(path.join(project, 'dist/_headers'), 'utf8');
    pagesAfterEdit = [...tree(path.join(project, 'dist')).keys()].filter((file) => file.endsWith('.html'));
    keptBeforeDelete = keptCopies(project);
    rmSync(path.join(project, 'content/cases/riverside-clinic.md'));
    afterDelete = build(project);
  }, 300_000);

  it('reuses the unchanged case pages of the last build in place (no copy from the cache)', () => {
    const reused = /(\d+) unchanged pages of the last build reused in place/.exec(again)?.[1];
    expect(Number(reused)).toBeGreaterThanOrEqual(2); // each case's page
  });

  it('reads again only the pages written since the last build for their policies, and a page changed in place', () => {
    const policies = (log: string) => /_headers: (\d+) page policies \((\d+) pages completed, (\d+) unchanged since the last build, (\d+) of them read again\)/.exec(log)!.slice(1).map(Number);
    const [pages, , firstUnchanged] = policies(first);
    expect(firstUnchanged).toBe(0);
    // Every case page is the last build's file (the home page, which lists cases, is rendered again by every build), and
    // known by its identity: nothing since the last build, not even the search index reading it, changed the file.
    expect(policies(again)[2]).toBeGreaterThanOrEqual(2);
    expect(policies(again)[3]).toBe(0);
    expect(policies(again)[0]).toBe(pages);
    expect(headerPolicy(headersAfterEdit, '/cases/riverside-clinic/')).toContain(`'${cspHash(ADDED_STYLE)}'`);
    expect(headerPolicy(headersAfterEdit, '/cases/dumayr-raid/')).not.toContain(`'${cspHash(ADDED_STYLE)}'`);
  });

  it('gives every page on disk its policy: rendered again, reused in place, or copied from the public folder', () => {
    expect(pagesAfterEdit).toContain('site-verification.html');
    expect(headerPolicy(headersAfterEdit, '/site-verification.html')).toContain(`'${cspHash('p{margin:0}')}'`);
    for (const file of pagesAfterEdit) {
      const route = `/${file.split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1')}`;
      expect(headerPolicy(headersAfterEdit, route), route).toMatch(/^  Content-Security-Policy: default-src/);
    }
  });

  it('writes the non-page outputs once, then links the unchanged ones from the last build', () => {
    // Each case: JSON, annotations, card and one source text at least; and /claims.json.
    expect(directOutputs(first).written).toBeGreaterThanOrEqual(2 * 4 + 1);
    expect(directOutputs(first).kept).toBe(0);
    expect(directOutputs(again)).toMatchObject({ written: 0, kept: directOutputs(first).written });
    // Linked, not copied: the published file is the kept copy.
    for (const [file, copy] of Object.entries(keptCopies(project)).filter(([f]) => f.startsWith('cases/dumayr-raid/sources/'))) {
      expect(statSync(path.join(project, 'dist', file)).ino).toBe(statSync(path.join(keptDir(project), 'files', copy)).ino);
    }
  });

  it('makes again only the outputs of an edited case, and the export of every claim', () => {
    const { written, kinds } = directOutputs(afterEdit);
    // The case's JSON, annotations and card, and /claims.json; its source text is unchanged.
    expect(written).toBe(4);
    expect(kinds).toMatch(/claims\.json/);
    expect(kinds).not.toMatch(/sources/);
    expect(readFileSync(path.join(project, 'dist/cases/dumayr-raid.json'), 'utf8')).toContain('ملاحظة للاختبار.');
    expect(readFileSync(path.join(project, 'dist/claims.json'), 'utf8')).toContain('ملاحظة للاختبار.');
  });

  it('removes the kept copies of a deleted case', () => {
    const deleted = Object.entries(keptBeforeDelete).filter(([file]) => file.startsWith('cases/riverside-clinic'));
    expect(deleted.length).toBeGreaterThanOrEqual(4);
    for (const [file, copy] of deleted) {
      expect(keptCopies(project)[file]).toBeUndefined();
      expect(existsSync(path.join(keptDir(project), 'files', copy))).toBe(false);
    }
  });

  it('removes every output of a deleted case, folders included, and gives exactly what a build from nothing gives', () => {
    expect(afterDelete).toMatch(/\d+ no longer built removed/);
    const dist = path.join(project, 'dist');
    expect(existsSync(path.join(dist, 'cases/riverside-clinic'))).toBe(false);
    expect(existsSync(path.join(dist, 'cases/riverside-clinic.json'))).toBe(false);
    const fresh = projectCopy();
    editReasoning(fresh);
    addPublicPage(fresh);
    rmSync(path.join(fresh, 'content/cases/riverside-clinic.md'));
    build(fresh);
    expect(tree(dist)).toEqual(tree(path.join(fresh, 'dist')));
  }, 120_000);
});
