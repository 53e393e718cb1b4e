import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultIndexDir } from '../src/core/provenance/lock-index.ts';
import { build, projectCopy } from './helpers/rebuild.ts';

/**
 * The case loader's line in a build log: cases verified in this build, cases kept from the last one, and how many of
 * those were published with the summary of their cached case (Astro's store did not hold theirs).
 */
function loaderLine(log: string): { verified: number; kept: number; restored: number } {
  const line = /(\d+) cases? verified \([^)]*\), (\d+) unchanged kept(?: \((\d+) restored from the verified-case cache)?/.exec(log);
  if (!line) throw new Error(`no case-loader line in the build log:\n${log}`);
  return { verified: Number(line[1]), kept: Number(line[2]), restored: Number(line[3] ?? 0) };
}

const CASE = 'content/cases/dumayr-raid.md';
const EDIT = 'ملاحظة للاختبار عن السجلات.';

describe('the records of verified cases, kept between builds', () => {
  let project: string;
  let first: string;
  let again: string;
  let recordsFile: string;
  beforeAll(() => {
    project = projectCopy();
    recordsFile = path.join(defaultIndexDir(project), 'verified-records.json');
    first = build(project);
    again = build(project);
  }, 300_000);

  it('keep every unchanged case in the next build, and live in the project cache, not in Astro\'s store', () => {
    expect(loaderLine(first)).toEqual({ verified: 2, kept: 0, restored: 0 });
    expect(loaderLine(again)).toEqual({ verified: 0, kept: 2, restored: 0 });
    const saved = JSON.parse(readFileSync(recordsFile, 'utf8')) as { records: [string, { digest: string; sources: Record<string, string> }][] };
    expect(saved.records.map(([id]) => id).sort()).toEqual(['dumayr-raid', 'riverside-clinic']);
    // Astro writes its whole store again after every change in dev, and the dev server parses it again: the store
    // holds each case's summary, not its record (the digest of its file under the tool's).
    const store = readFileSync(path.join(project, 'node_modules/.astro/data-store.json'), 'utf8');
    expect(store).toContain('dumayr-raid');
    for (const [, record] of saved.records) expect(store).not.toContain(record.digest);
  });

  it('never keep a case under a summary the store got from other bytes of its file', () => {
    // Records from before an edit, put back after it, with the case file as it was: the file matches its old
    // record, but the store holds the edited case's summary. The case must not be published with that summary: it
    // is published with the summary of the case verified under its old record, which the cache still holds.
    const oldRecords = `${recordsFile}.before-edit`;
    copyFileSync(recordsFile, oldRecords);
    const file = path.join(project, CASE);
    const original = readFileSync(file);
    writeFileSync(file, original.toString('utf8').replace('ينسب التقرير خبر المقتل', `${EDIT} ينسب التقرير خبر المقتل`));
    expect(loaderLine(build(project))).toEqual({ verified: 1, kept: 1, restored: 0 });
    const page = () => readFileSync(path.join(project, 'dist/cases/dumayr-raid/index.html'), 'utf8');
    expect(page()).toContain(EDIT);
    writeFileSync(file, original);
    copyFileSync(oldRecords, recordsFile);
    expect(loaderLine(build(project))).toEqual({ verified: 0, kept: 2, restored: 1 });
    expect(page()).not.toContain(EDIT);
  }, 300_000);

  it('publish every unchanged case from the verified-case cache, unverified, when Astro\'s store was cleared', () => {
    // Astro clears its store when its configuration changes (an edit to astro.config.mjs, every `npm run dev` after
    // `npm run build`): the cache still holds every verified case under its key, so nothing is verified again.
    const pages = ['dumayr-raid', 'riverside-clinic'].map((id) => path.join(project, `dist/cases/${id}/index.html`));
    const before = pages.map((p) => readFileSync(p, 'utf8'));
    rmSync(path.join(project, 'node_modules/.astro/data-store.json'));
    expect(loaderLine(build(project))).toEqual({ verified: 0, kept: 2, restored: 2 });
    expect(pages.map((p) => readFileSync(p, 'utf8'))).toEqual(before);
    expect(loaderLine(build(project))).toEqual({ verified: 0, kept: 2, restored: 0 });
  }, 300_000);
});
