import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArchive } from '../bench/synthetic.ts';
import { readCachedCase } from '../src/core/case-cache.ts';
import { toolDigest } from '../src/core/case-digest.ts';
import { FileDigests } from '../src/core/file-digests.ts';
import { loadCases, verifyCaseFile } from '../src/core/load-cases.ts';
import type { SourceCache } from '../src/core/build-case.ts';
import { defaultIndexDir } from '../src/core/provenance/lock-index.ts';
import { MIN_FILES_FOR_WORKERS } from '../src/core/verify-pool.ts';
import { ROOT } from './helpers/seed.ts';

/**
 * How many of an archive's case files and sources a run would read again, after the runs so far: those whose digest
 * is not remembered under their identity (file-digests.ts). `settledNs` 0: every file counts as settled.
 */
function unknownFiles(dir: string, ids: string[]): number {
  const digests = new FileDigests(dir, path.join(defaultIndexDir(dir), 'file-digests.json'), { settledNs: 0n });
  for (const id of ids) {
    digests.sha256(`content/cases/${id}.md`);
    digests.sha256(`seeds/bench/${id}.txt`);
  }
  return digests.read;
}

describe('verifying only what changed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-incremental-'));
  const archive = writeArchive(ROOT, dir, 12);
  const tool = 'test-tool';

  it('keeps every case of an unchanged archive without verifying it again, and reports its warnings again', async () => {
    const first = await loadCases(dir, undefined, { tool, workers: 1 });
    expect(first.problems.errors).toEqual([]);
    expect(first.cases).toHaveLength(12);
    const again = await loadCases(dir, undefined, { tool, previous: first.records, workers: 1 });
    expect(again.cases).toEqual([]);
    expect(again.kept).toEqual(archive.ids);
    expect(again.problems.items).toEqual(first.problems.items);
  });

  it('remembers the digest of every file it verified, so the run after a cold one reads no file to compare', async () => {
    const cold = mkdtempSync(path.join(tmpdir(), 'tahqiq-incremental-cold-'));
    const { ids } = writeArchive(ROOT, cold, 3);
    expect(unknownFiles(cold, ids)).toBe(6);
    // A file is remembered only if it had settled when it was read: here none had (an hour, as if just written).
    await loadCases(cold, undefined, { tool, workers: 1, settledNs: 3600n * 1_000_000_000n });
    expect(unknownFiles(cold, ids)).toBe(6);
    await loadCases(cold, undefined, { tool, workers: 1, settledNs: 0n });
    expect(unknownFiles(cold, ids)).toBe(0);
  });

  it('records a source by the bytes the case was verified against, not by the file as it is after', async () => {
    const run = mkdtempSync(path.join(tmpdir(), 'tahqiq-incremental-race-'));
    const { ids, editSource } = writeArchive(ROOT, run, 1);
    const file = `content/cases/${ids[0]}.md`;
    const source = `seeds/bench/${ids[0]}.txt`;
    const sha256 = (f: string) => createHash('sha256').update(readFileSync(path.join(run, f))).digest('hex');
    const read = sha256(source);
    // One run's source cache: the document is read once, then edited on disk while the run goes on.
    const sources: SourceCache = new Map();
    await verifyCaseFile(run, file, { sources, tool, settledNs: 0n });
    editSource(0, 'تعديل');
    const verified = await verifyCaseFile(run, file, { sources, tool, settledNs: 0n });
    expect(verified.record?.sources).toEqual({ [source]: read });
    // The next run, knowing what this one read, does not take the file as it is now for the bytes verified.
    const store = path.join(run, 'file-digests.json');
    const learned = new FileDigests(run, store, { settledNs: 0n });
    for (const [f, identity, digest] of verified.seen ?? []) learned.learn(f, identity, digest);
    learned.save();
    expect(sha256(source)).not.toBe(read);
    expect(new FileDigests(run, store, { settledNs: 0n }).sha256(source)).toBe(sha256(source));
  });

  it('verifies again only the edited case', async () => {
    const first = await loadCases(dir, undefined, { tool, workers: 1 });
    archive.editCase(3, 'تعديل.');
    const again = await loadCases(dir, undefined, { tool, previous: first.records, workers: 1 });
    expect(again.cases.map((c) => c.id)).toEqual([archive.ids[3]]);
    expect(again.kept).toHaveLength(11);
    expect(again.cases[0]!.claims[0]!.reasoningHtml).toContain('تعديل.');
  });

  it('verifies again only the cases that read an edited source document', async () => {
    const first = await loadCases(dir, undefined, { tool, workers: 1 });
    archive.editSource(5, 'تعديل');
    const again = await loadCases(dir, undefined, { tool, previous: first.records, workers: 1 });
    expect(again.cases.map((c) => c.id)).toEqual([archive.ids[5]]);
    expect(again.cases[0]!.source.sha256).not.toBe(first.cases[5]!.source.sha256);
  });

  it('verifies everything again under another tool digest (changed core code or configuration)', async () => {
    const first = await loadCases(dir, undefined, { tool, workers: 1 });
    const again = await loadCases(dir, undefined, { tool: 'another-tool', previous: first.records, workers: 1 });
    expect(again.kept).toEqual([]);
    expect(again.cases).toHaveLength(12);
  });

  it('verifies again a case moved to another folder, so its page and messages name the file where it is now', async () => {
    const moving = mkdtempSync(path.join(tmpdir(), 'tahqiq-incremental-moved-'));
    const { ids } = writeArchive(ROOT, moving, 2);
    const first = await loadCases(moving, undefined, { tool, workers: 1 });
    renameSync(path.join(moving, 'content/cases'), path.join(moving, 'content/desk'));
    const again = await loadCases(moving, 'content/desk', { tool, previous: first.records, workers: 1 });
    expect(again.kept).toEqual([]);
    expect(again.cases.map((c) => c.file)).toEqual(ids.map((id) => `content/desk/${id}.md`));
  });

  it('verifies a broken case again on every run, so its errors are never hidden', async () => {
    const file = path.join(dir, 'content/cases', `${archive.ids[7]}.md`);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('status=confirmed', 'status=confimed'));
    const first = await loadCases(dir, undefined, { tool, workers: 1 });
    expect(first.problems.errors.map((p) => p.code)).toEqual(['TQ203']);
    const again = await loadCases(dir, undefined, { tool, previous: first.records, workers: 1 });
    expect(again.problems.errors.map((p) => p.code)).toEqual(['TQ203']);
    writeFileSync(file, good);
  });

  it('verifies a kept case again when an image it shows is gone from public/, and reports it there (TQ125)', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'tahqiq-incremental-image-'));
    const { ids } = writeArchive(ROOT, site, 2);
    const file = path.join(site, `content/cases/${ids[1]}.md`);
    const about = 'ملف مولَّد آلياً لقياس سرعة البناء';
    writeFileSync(file, readFileSync(file, 'utf8').replace(about, `مخطط الميزانية كما نشره المجلس: ![مخطط الميزانية](/images/budget.png)\n\n${about}`));
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('budget.png')) + 1;
    const image = path.join(site, 'public/images/budget.png');
    mkdirSync(path.dirname(image), { recursive: true });
    writeFileSync(image, 'png');
    const first = await loadCases(site, undefined, { tool, workers: 1 });
    expect(first.problems.errors).toEqual([]);
    expect(first.records.get(ids[1]!)?.images).toEqual([{ url: '/images/budget.png', place: expect.objectContaining({ line }) }]);
    // The case file is unchanged, but its image was renamed: the case is not kept, and the run fails at the image.
    renameSync(image, path.join(site, 'public/images/Budget.png'));
    const gone = await loadCases(site, undefined, { tool, previous: first.records, workers: 1 });
    expect(gone.kept).toEqual([ids[0]]);
    expect(gone.problems.errors.map((p) => [p.file, p.name, p.place.line])).toEqual([[`content/cases/${ids[1]}.md`, 'missingImage', line]]);
    expect(gone.cases).toEqual([]);
    expect(gone.records.has(ids[1]!)).toBe(false);
    // Back under its name: published again.
    renameSync(path.join(site, 'public/images/Budget.png'), image);
    const back = await loadCases(site, undefined, { tool, previous: gone.records, workers: 1 });
    expect(back.problems.errors).toEqual([]);
    expect(back.cases.map((c) => c.id)).toEqual([ids[1]]);
  });

  it('changes the tool digest when the configuration at the top of content/ changes', () => {
    const before = toolDigest(dir);
    writeFileSync(path.join(dir, 'content/method.yaml'), 'rules: {}\n');
    expect(toolDigest(dir)).not.toBe(before);
  });

  it('changes the tool digest when an environment variable overrides the site configuration', () => {
    const set = process.env['TAHQIQ_SITE_LANG'];
    const before = toolDigest(dir);
    process.env['TAHQIQ_SITE_LANG'] = set === 'en' ? 'ar' : 'en';
    try {
      expect(toolDigest(dir)).not.toBe(before);
    } finally {
      if (set === undefined) delete process.env['TAHQIQ_SITE_LANG'];
      else process.env['TAHQIQ_SITE_LANG'] = set;
    }
    expect(toolDigest(dir)).toBe(before);
  });

  it('changes the tool digest when a dependency changes in the lockfile alone', () => {
    const before = toolDigest(dir);
    writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'archive', lockfileVersion: 3, packages: { 'node_modules/hast-util-to-html': { version: '9.0.6' } } })}\n`);
    const locked = toolDigest(dir);
    expect(locked).not.toBe(before);
    writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'archive', lockfileVersion: 3, packages: { 'node_modules/hast-util-to-html': { version: '9.0.7' } } })}\n`);
    expect(toolDigest(dir)).not.toBe(locked);
  });
});

describe('verifying a large archive in worker processes', () => {
  it('gives the same entries and problems as verifying in one thread', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-workers-'));
    const { ids } = writeArchive(ROOT, dir, MIN_FILES_FOR_WORKERS);
    const one = await loadCases(dir, undefined, { workers: 1 });
    const two = await loadCases(dir, undefined, { workers: 2 });
    expect(one.problems.errors).toEqual([]);
    expect(two.cases).toEqual(one.cases);
    expect(two.problems.items).toEqual(one.problems.items);
    expect([...two.records.keys()]).toEqual([...one.records.keys()]);
    // With the verified-case cache, each worker writes its cases there and sends back only summaries and facts.
    const cacheDir = path.join(dir, 'cache');
    const cached = await loadCases(dir, undefined, { workers: 2, cacheDir });
    expect(cached.workers).toBe(2);
    expect(cached.cases).toEqual([]);
    expect(cached.published.map((p) => readCachedCase(cacheDir, p.summary))).toEqual(one.cases);
    expect(cached.problems.items).toEqual(one.problems.items);
    // Each worker sends back the identity and digest of every file it read: a cold run leaves nothing to read again,
    // except files that had not settled when read (an hour here: none).
    expect(unknownFiles(dir, ids)).toBe(2 * ids.length);
    await loadCases(dir, undefined, { tool: 'test-tool', workers: 2, settledNs: 3600n * 1_000_000_000n });
    expect(unknownFiles(dir, ids)).toBe(2 * ids.length);
    await loadCases(dir, undefined, { tool: 'test-tool', workers: 2, settledNs: 0n });
    expect(unknownFiles(dir, ids)).toBe(0);
  }, 180_000);

  it('stops its workers when the build that started them is stopped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-workers-stopped-'));
    const cache = path.join(dir, 'cache');
    // Enough cases that each worker has seconds of work left when its build is stopped.
    writeArchive(ROOT, dir, 1000);
    // A build verifying in two workers, each writing a case to the cache as it verifies it, stopped 1.5 s in (as by
    // Ctrl-C or a CI timeout): it lists its workers first.
    const build = [
      `import { execFileSync } from 'node:child_process';`,
      `import { loadCases } from ${JSON.stringify(path.join(ROOT, 'src/core/load-cases.ts'))};`,
      `void loadCases(${JSON.stringify(dir)}, undefined, { workers: 2, cacheDir: ${JSON.stringify(cache)} });`,
      `setTimeout(() => { console.log(execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })); process.kill(process.pid, 'SIGKILL'); }, 1500);`,
    ].join('\n');
    // Until the build itself exits (its workers share its output, which stays open while they run).
    const stdout = await new Promise<string>((resolve) => {
      const run = spawn(process.execPath, ['--input-type=module', '-e', build], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      run.once('exit', () => resolve(out));
    });
    const workers = stdout.split(/\s+/).filter(Boolean).map(Number);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    const running = (pid: number) => {
      try {
        process.kill(pid, 0);
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    };
    // A worker notices within a case once it runs; one still loading its modules on a busy machine, once loaded.
    for (let waited = 0; waited < 40_000 && workers.some(running); waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(workers.filter(running)).toEqual([]);
    // Gone because they stopped, not because they verified their whole slices for no one.
    const cached = existsSync(cache) ? readdirSync(cache).filter((name) => name.endsWith('.case.json')).length : 0;
    expect(cached).toBeLessThan(1000);
  }, 90_000);
});
