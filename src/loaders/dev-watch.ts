import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { LoaderContext } from 'astro/loaders';
import { caseKey, publishCase } from '../core/case-cache.ts';
import type { VerifiedRecord } from '../core/case-digest.ts';
import { brokenCases, setBrokenCases } from '../core/dev-problems.ts';
import { dropFreshCaseKey, reloadBrowsers, setFreshCaseKey } from '../core/dev-fresh-cases.ts';
import { caseIds, recheckTranslations } from '../core/dev-translations.ts';
import { listCaseFiles } from '../core/case-files.ts';
import { failedCase } from '../core/internal-error.ts';
import { verifyCaseFile } from '../core/load-cases.ts';
import { forgetSiteMethod, METHOD_FILE } from '../core/read-method.ts';
import { reloadSiteConfig } from '../core/live-site-config.ts';
import { SITE_CONFIG_FILE } from '../core/site-config.ts';
import { toolDigest } from '../core/case-digest.ts';
import { formatProblem, ProblemList, type Problem } from '../core/problems.ts';
import { provenanceFacts, type ProvenanceFacts } from '../core/provenance/case-passages.ts';
import { DEFAULT_LOCK_FILE } from '../core/provenance/lock-file.ts';
import { verifyProvenance } from '../core/provenance/verify.ts';
import { settledChanges } from '../core/settled-changes.ts';
import { PUBLIC_DIR, publicFileOf } from '../core/site-images.ts';
import { checkEditorialPages, EDITORIAL_DIR } from '../core/check-editorial-pages.ts';
import { siteBase } from '../core/site-base.ts';
import type { CaseSummary } from '../schemas/case-summary.ts';
import { logProblem, store, storedSummary } from './case-store.ts';

/** What the dev server's watcher starts from: the loader's first run. */
export interface FirstLoad {
  root: string;
  casesDir: string;
  seedsDir: string;
  tool: string;
  cacheDir: string;
  /** The records of the cases published (kept up to date here, and saved after each change). */
  records: Map<string, VerifiedRecord>;
  /** Every case file, from the project root. */
  files: string[];
  /** Case files the first run withheld for their links (`translations`). */
  withheld: ReadonlySet<string>;
  saveRecords: (records: Map<string, VerifiedRecord>) => void;
}

/**
 * In `astro dev`: re-verifies a case the moment its file is saved, or the cases that read a source when it is saved,
 * or every case when the method (`content/method.yaml`) is saved, and checks `translations` between them as a build
 * does; a broken case is left out (its page lists its problems) until fixed.
 */
export function watchCases(context: LoaderContext, { root, casesDir, seedsDir, tool: toolAtStart, cacheDir, records, files, withheld: withheldAtStart, saveRecords }: FirstLoad): void {
  if (!context.watcher) return;
  /** The tool's digest: it covers the method, which may be saved while the server runs. */
  let tool = toolAtStart;
  const methodPath = path.resolve(root, METHOD_FILE);
  const sitePath = path.resolve(root, SITE_CONFIG_FILE);
  const casesPath = path.resolve(root, casesDir);
  /** The cases folder as messages and records name it: from the project root, with `/`. */
  const casesFolder = path.relative(root, casesPath).split(path.sep).join('/') || '.';
  const seedsPath = path.resolve(root, seedsDir);
  /** The site's own files (images among them), served as they are. */
  const publicPath = path.resolve(root, PUBLIC_DIR);
  const pagesPath = path.resolve(root, EDITORIAL_DIR);
  /**
   * The editorial pages checked as a build checks them (Astro reloads them on its own): each problem is printed, so
   * a page the build would refuse (a missing image, an address outside the base path) does not pass for fine here.
   */
  const checkPages = (only?: string) => {
    const problems = new ProblemList();
    checkEditorialPages(root, problems);
    for (const problem of problems.items) if (only === undefined || problem.file === only) logProblem(context, problem);
  };
  /** A case's file by its id: as listed when the server started, else where a new one would be. */
  const caseFileOf = (id: string) => files.find((f) => path.basename(f, '.md') === id) ?? `${casesFolder}/${id}.md`;
  /** Case files with errors: no record says which sources they read, so any source edit re-verifies them. */
  const broken = new Set(files.filter((f) => !records.has(path.basename(f, '.md'))));
  /** Cases that build on their own but fail the check between cases (`translations`): withheld until it passes. */
  const withheld = new Map<string, BuiltCase>();
  /** Case files withheld for their links when the server started: what they link to is known once verified again. */
  const linksUnknown = new Set(withheldAtStart);
  /** Takes a case off the site and out of the records (verified again next run), listing its problems if any. */
  const unpublish = (id: string, file: string, listed?: Problem[]) => {
    // The dev server's list of broken cases (their pages show the problems): replace this file's line.
    setBrokenCases([...brokenCases().filter((b) => b.file !== file), ...(listed ? [{ id, file, problems: listed }] : [])]);
    records.delete(id);
    withheld.delete(id);
    dropFreshCaseKey(id);
    context.store.delete(id);
  };
  /** What the source lock is checked against, per case file verified last (none for a case that failed). */
  const lastFacts = new Map<string, ProvenanceFacts | undefined>();
  /**
   * Checks the cases verified again against the source lock, as a build does (TQ600–TQ606), and logs what it finds:
   * a source saved with other words is reported as changed since its claims were accepted, not only as quotes that
   * no longer match. The case stays on the dev site; `npm run build` and `tahqiq check` refuse it until accepted.
   */
  const checkLock = async (work: readonly string[]) => {
    const problems = new ProblemList();
    await verifyProvenance({
      root, lockFile: process.env['TAHQIQ_LOCK_FILE'] ?? DEFAULT_LOCK_FILE, problems, entriesOnly: true,
      cases: work.filter((file) => existsSync(path.join(root, file))).map((file) => ({ file, facts: lastFacts.get(file) })),
    });
    for (const problem of problems.items) logProblem(context, problem);
  };
  /** Verifies one case file again; a case that builds on its own is returned, published once its links pass. */
  const reverify = async (file: string, logProblem: (problem: Problem) => void): Promise<BuiltCase | undefined> => {
    // A file deleted meanwhile is dropped by its own `unlink`, queued after this.
    if (!existsSync(path.join(root, file))) return undefined;
    const id = path.basename(file, '.md');
    // A bug while re-verifying one file is reported at that file (TQ900), like in a build.
    const verified = await verifyCaseFile(root, file, { tool }).catch((error: unknown) => ({ entry: undefined, problems: failedCase(error, file).own, record: undefined }));
    for (const problem of verified?.problems.items ?? []) logProblem(problem);
    lastFacts.set(file, verified?.entry ? provenanceFacts(verified.entry) : undefined);
    if (verified?.entry && verified.record) {
      const before = storedSummary(context, id) ?? withheld.get(id)?.summary;
      if (before?.history) verified.entry.history = before.history;
      return { summary: publishCase(cacheDir, verified.entry, caseKey(verified.record)).summary, record: verified.record };
    }
    unpublish(id, file, verified?.problems.items ?? []);
    broken.add(file);
    return undefined;
  };
  /** Publishes a case that passed every check: verified just now, or withheld for its links until now. */
  const publish = async ({ summary, record }: BuiltCase) => {
    const before = storedSummary(context, summary.id);
    records.set(summary.id, record);
    broken.delete(summary.file);
    withheld.delete(summary.id);
    setBrokenCases(brokenCases().filter((b) => b.file !== summary.file));
    setFreshCaseKey(summary.id, summary.key);
    // Only the key changed: the pages read the case under its fresh key, and Astro would write and reload its
    // store of every case for it (at 4,000 cases an edit showed in 405–1,277 ms with that, 235–609 ms without).
    if (before && sameButKey(before, summary)) reloadBrowsers(path.join(root, summary.file));
    else await store(context, summary);
  };
  /** Not published, as a build would not publish it: listed with its problems, like a case with errors. */
  const withhold = (built: BuiltCase, linkProblems: Problem[]) => {
    const { id, file } = built.summary;
    unpublish(id, file, [...built.record.problems, ...linkProblems]);
    broken.add(file);
    withheld.set(id, built);
  };
  /**
   * Re-verifies `work`, then checks `translations` as a build would (dev-translations.ts) for the cases verified or
   * `deleted` and the cases linked with them: a case failing it is not published, whatever its own checks say.
   */
  const update = async (work: string[], deleted: string[] = []) => {
    const again = [...new Set([...work, ...linksUnknown])];
    linksUnknown.clear();
    // A problem of every case (in the method they all read) is logged once.
    const logged = new Set<string>();
    const logOnce = (problem: Problem) => {
      const line = formatProblem(problem);
      if (!logged.has(line)) logProblem(context, problem);
      logged.add(line);
    };
    const verified = (await Promise.all(again.map((file) => reverify(file, logOnce)))).filter((b): b is BuiltCase => b !== undefined);
    const stored = new Map<string, BuiltCase>();
    for (const id of context.store.keys()) {
      const summary = storedSummary(context, id);
      const record = records.get(id);
      if (summary && record) stored.set(id, { summary, record });
    }
    const changed = new Set([...again, ...deleted].map((f) => path.basename(f, '.md')));
    const checked = recheckTranslations(changed, await caseIds(casesPath), stored, [...withheld.values(), ...verified]);
    // A case saved gets all its problems in the log again, as a build reports them; a case withheld for its links,
    // checked again only because a case linked with it was saved, only the problems it did not have before.
    const listed = new Set(brokenCases().flatMap((b) => (changed.has(b.id) ? [] : b.problems.map(formatProblem))));
    for (const problem of checked.problems) if (!listed.has(formatProblem(problem))) logOnce(problem);
    for (const [built, linkProblems] of checked.failed) withhold(built, linkProblems);
    for (const built of checked.passed) await publish(built);
    saveRecords(records);
    await checkLock(again);
  };
  context.watcher.add([casesPath, seedsPath, methodPath, sitePath, publicPath, pagesPath]);
  const afterChange = settledChanges();
  context.watcher.on('all', (event, changed) => {
    let work: string[] = [];
    if (changed.startsWith(casesPath + path.sep) && changed.endsWith('.md')) {
      const file = path.relative(root, changed).split(path.sep).join('/');
      if (event === 'unlink') {
        // Queued like the edits: an edit's re-verification still running must not bring the case back.
        const id = path.basename(file, '.md');
        afterChange(changed, async () => {
          unpublish(id, file);
          broken.delete(file);
          // The cases linking to it fail now (TQ505), as in a build.
          await update([], [file]);
        }).catch((error: unknown) => context.logger.error(String(error)));
        return;
      }
      if (isLink(changed)) {
        // A link to another case file of the folder is not a case of its own (case-files.ts), as in a build.
        afterChange(changed, async () => {
          const problems = new ProblemList();
          const names = await listCaseFiles(casesPath, casesFolder, problems);
          if (names?.includes(path.basename(changed))) return update([file]);
          const own = problems.items.filter((p) => p.file === file);
          for (const problem of own) logProblem(context, problem);
          unpublish(path.basename(file, '.md'), file, own);
        }).catch((error: unknown) => context.logger.error(String(error)));
        return;
      }
      work = [file];
    } else if (changed.startsWith(seedsPath + path.sep)) {
      const document = path.relative(root, changed).split(path.sep).join('/');
      const citing = [...records].filter(([, r]) => document in r.sources).map(([id]) => caseFileOf(id));
      work = [...new Set([...citing, ...broken])];
    } else if (changed.startsWith(publicPath + path.sep)) {
      // A file saved, renamed or deleted under public/: the cases showing it as an image are verified again (one gone
      // fails, TQ125), and the cases with errors (the one it was missing from is published once it is there).
      const touched = path.relative(root, changed).split(path.sep).join('/');
      const base = siteBase(root);
      const showing = [...records].filter(([, r]) => r.images?.some((image) => publicFileOf(image.url, base) === touched)).map(([id]) => caseFileOf(id));
      work = [...new Set([...showing, ...broken])];
      afterChange(changed, async () => checkPages()).catch((error: unknown) => context.logger.error(String(error)));
    } else if (changed.startsWith(pagesPath + path.sep) && changed.endsWith('.mdx')) {
      const page = path.relative(root, changed).split(path.sep).join('/');
      afterChange(changed, async () => checkPages(page)).catch((error: unknown) => context.logger.error(String(error)));
      return;
    } else if (changed === sitePath) {
      // The pages read the site configuration anew; a mistake is reported and the last good one kept.
      afterChange(changed, async () => {
        tool = toolDigest(root);
        const problems = reloadSiteConfig(root);
        for (const problem of problems) logProblem(context, problem);
        if (problems.some((p) => p.severity === 'error')) return;
        context.logger.info(`${SITE_CONFIG_FILE} saved: the pages read it again (a new \`url\` or \`base\` takes a restart of the dev server)`);
        reloadBrowsers(changed);
      }).catch((error: unknown) => context.logger.error(String(error)));
      return;
    } else if (changed === methodPath) {
      // Every case is checked against the method: all of them are verified again, under the tool's new digest, and
      // the pages read its labels anew. Both when the file has settled: read half-written, they would stay so.
      afterChange(changed, async () => {
        tool = toolDigest(root);
        forgetSiteMethod(root);
        const all = [...(await caseIds(casesPath))].map((id) => `${casesFolder}/${id}.md`);
        const t = performance.now();
        await update(all);
        // A page served meanwhile may have read the method as it was while being written.
        forgetSiteMethod(root);
        reloadBrowsers(changed);
        context.logger.info(`${METHOD_FILE} saved: re-verified ${all.length} case${all.length === 1 ? '' : 's'} in ${Math.round(performance.now() - t)} ms`);
      }).catch((error: unknown) => context.logger.error(String(error)));
      return;
    }
    if (work.length === 0) return;
    afterChange(changed, async () => {
      const t = performance.now();
      await update(work);
      context.logger.info(`re-verified ${work.length} case${work.length === 1 ? '' : 's'} in ${Math.round(performance.now() - t)} ms`);
    }).catch((error: unknown) => context.logger.error(String(error)));
  });
}

/** A case that builds on its own (dev), with its record: published while its links pass the check between cases. */
type BuiltCase = { summary: CaseSummary; record: VerifiedRecord };

/** Whether two summaries of a case differ in their key alone: what lists, feeds and cards show is the same. */
function sameButKey(a: CaseSummary, b: CaseSummary): boolean {
  return isDeepStrictEqual({ ...a, key: '', sizes: undefined }, { ...b, key: '', sizes: undefined });
}

/** Whether a path is a symbolic link (not when it is gone). */
function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
