import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { toolDigest, type VerifiedRecord } from '../core/case-digest.ts';
import { caseCacheDir, caseKey, entryKey, hasCachedCase, pruneCaseCacheIfDue, publishCase, readCachedFacts, readCachedSummary, type PublishedCase } from '../core/case-cache.ts';
import type { ProvenanceFacts } from '../core/provenance/case-passages.ts';
import { setCardsDrawing } from '../core/share-card/cards-drawing.ts';
import { drawCards } from '../core/share-card/draw-cards.ts';
import { cardCacheDir } from '../core/share-card/render-card.ts';
import { caseCardSvg } from '../case-card.ts';
import { failedCase } from '../core/internal-error.ts';
import { caseIds, recheckTranslations } from '../core/dev-translations.ts';
import { TRANSLATION_PROBLEMS } from '../core/translations.ts';
import { DEFAULT_CASES_DIR, loadCases, verifyCaseFile } from '../core/load-cases.ts';
import { workerCount } from '../core/verify-pool.ts';
import { formatProblem, formatReport, groupRepeated, ProblemList, type Problem } from '../core/problems.ts';
import { brokenCases, setBrokenCases } from '../core/dev-problems.ts';
import { dropFreshCaseKey, reloadBrowsers, setFreshCaseKey } from '../core/dev-fresh-cases.ts';
import { checkForBuild } from '../core/provenance/for-build.ts';
import { defaultIndexDir } from '../core/provenance/lock-index.ts';
import { readJsonStore, writeJsonStore } from '../core/json-store.ts';
import { settledChanges } from '../core/settled-changes.ts';
import { caseSummarySchema, type CaseSummary } from '../schemas/case-summary.ts';

export interface CaseLoaderOptions {
  /** Folder of case files, from the project root. Default `content/cases` (or `$TAHQIQ_CASES_DIR`). */
  cases?: string;
  /** Folder of source documents, watched in dev. Default `seeds`. */
  seeds?: string;
}

/**
 * The records of the cases verified or kept (what each depended on), with the tool digest they were made with: a
 * file in the project's cache, not the collection's meta store. Astro writes its whole store again after every
 * change in dev, and the dev server reads and parses it again: the records were 0.86 of its 3.0 MB at 4,000 cases.
 */
const RECORDS_FILE = 'verified-records.json';

/** Keys of the collection's meta store where earlier versions kept the records: removed from the store when seen. */
const OLD_META_KEYS = ['tahqiq-tool', 'tahqiq-records'];

/** Stops a build on content errors. The problems are already printed with their places; no stack trace is shown. */
function contentError(errors: number, warnings: number): AstroError {
  const error = new AstroError(
    `tahqiq: ${errors} content error${errors === 1 ? '' : 's'} (and ${warnings} warning${warnings === 1 ? '' : 's'}) in case files; nothing was published.`,
    'Fix each problem listed above at its file:line:column. `npm run check` lists them again without building; docs/errors.md explains every code.',
  );
  error.stack = '';
  return error;
}

/** The records of the last run that can be kept, and the summary each kept case is published with. */
interface PreviousRun {
  records: Map<string, VerifiedRecord>;
  summaries: Map<string, CaseSummary>;
  /** Cases whose summary was read from the verified-case cache: the store did not hold it. */
  restored: Set<string>;
}

/**
 * The records of the last run, each kept only while the cache holds the whole case it was made with (the same key).
 * A kept case is published with the store's summary when the store holds the one made with that key, else with the
 * summary of its cached case. Astro clears its store whenever its configuration changes: an edit to astro.config.mjs,
 * and every dev server started after a build. And the records file and the store are written apart: a build or dev
 * server stopped between the two, or another build of the same project, leaves them out of step. At 4,000 cases, the
 * loader took 1.6 s restoring every case from the cache, where verifying them all again took 55 s.
 */
function readPreviousRun(context: LoaderContext, file: string, tool: string, cacheDir: string): PreviousRun | undefined {
  const saved = readJsonStore(file) as { tool?: unknown; records?: unknown } | undefined;
  if (saved?.tool !== tool || !Array.isArray(saved.records)) return undefined;
  try {
    const records = new Map(saved.records as [string, VerifiedRecord][]);
    const summaries = new Map<string, CaseSummary>();
    const restored = new Set<string>();
    for (const [id, record] of records) {
      const key = caseKey(record);
      const stored = storedSummary(context, id);
      if (stored?.key === key && hasCachedCase(cacheDir, stored)) {
        summaries.set(id, stored);
        continue;
      }
      // Astro's store lost it, or holds another version, or the cache holds files of other sizes than the store's
      // summary says (damaged outside the build): the cached case's own summary, when the cache holds it whole.
      const cached = readCachedSummary(cacheDir, id, key);
      if (!cached) {
        records.delete(id);
        continue;
      }
      summaries.set(id, cached);
      restored.add(id);
    }
    return { records, summaries, restored };
  } catch {
    return undefined; // not records as this version writes them: every case is verified
  }
}

/**
 * Astro content loader for case files. Each case is verified once per build, by
 * this loader (`npm run build` is `astro build`); a case whose file, source
 * documents and tool are unchanged since the last build keeps its stored entry
 * and is not verified again (RECORDS_FILE in the project's cache says what each
 * case depended on). Every problem is printed with its place; in a build any
 * error stops the build. In dev, an edit re-verifies only the edited case, or
 * only the cases that read the edited source; a broken case is left out until fixed.
 */
export function caseLoader(options: CaseLoaderOptions = {}): Loader {
  const casesDir = options.cases ?? process.env['TAHQIQ_CASES_DIR'] ?? DEFAULT_CASES_DIR;
  const seedsDir = options.seeds ?? 'seeds';
  return {
    name: 'tahqiq-case-loader',
    schema: caseSummarySchema,
    async load(context: LoaderContext) {
      const root = fileURLToPath(context.config.root);
      const tool = toolDigest(root);
      const cacheDir = caseCacheDir(root);
      const started = performance.now();
      const recordsFile = path.join(defaultIndexDir(root), RECORDS_FILE);
      const saveRecords = (records: Map<string, VerifiedRecord>) => writeJsonStore(recordsFile, { tool, records: [...records] });
      for (const key of OLD_META_KEYS) context.meta.delete(key);
      const last = readPreviousRun(context, recordsFile, tool, cacheDir);
      const previous = last?.records;
      // Each case verified now is written whole to the verified-case cache by the thread that verified it;
      // the store gets its summary (below), and the provenance checks its facts.
      const loaded = await loadCases(root, casesDir, { previous, tool, cacheDir, keptEntry: (id) => last?.summaries.get(id) });
      const { kept, records, files } = loaded;
      /** Each case that built, with its provenance facts (read from the cache only if the lock check needs them). */
      const published = new Map<string, { summary: CaseSummary; facts: () => ProvenanceFacts }>();
      const withFacts = ({ summary, facts }: PublishedCase) => ({ summary, facts: () => facts });
      for (const p of loaded.published) published.set(p.summary.id, withFacts(p));
      for (const entry of loaded.cases) published.set(entry.id, withFacts(publishCase(cacheDir, entry, entryKey(entry))));
      const verifiedCount = published.size;
      const claims = [...published.values()].reduce((n, c) => n + c.summary.claimCount, 0);
      // A kept case's summary is in the store (or restored from the cache), and its provenance facts in the cache.
      for (const id of kept) {
        const summary = last?.summaries.get(id);
        if (summary) published.set(id, { summary, facts: () => readCachedFacts(cacheDir, summary) });
      }
      const restored = kept.filter((id) => last?.restored.has(id)).length;
      const problems = new ProblemList();
      for (const p of loaded.problems.items) problems.add(p.name, p.file, p.place, p.message, p.related, p.severity);
      // Beyond each case on its own, as `tahqiq check` does (issue 9): source fingerprints against the lock, example
      // claims left in, verdict history from git (cached by HEAD), the dev list of broken cases.
      const { histories, lock } = await checkForBuild({
        root, casesDir, files, problems, log: (m) => context.logger.info(m), tool, fresh: previous === undefined,
        cases: [...published.values()].map(({ summary, facts }) => ({
          id: summary.id,
          key: summary.key,
          documents: Object.fromEntries(summary.documents.map((d) => [d.document, d.sha256])),
          facts,
        })),
      });
      if (!context.watcher) {
        if (problems.items.length > 0) process.stderr.write(`${formatReport(problems.items)}\n`);
        if (problems.errors.length > 0) throw contentError(problems.errors.length, problems.warnings.length);
      } else {
        for (const problem of groupRepeated(problems.items)) log(context, problem);
      }
      for (const id of context.store.keys()) if (!published.has(id)) context.store.delete(id);
      // Kept summaries are stored again only when their history changed (a new commit); the store skips equal digests.
      for (const { summary } of published.values()) {
        const { history: _old, ...rest } = summary;
        const history = histories.get(summary.id);
        await store(context, history ? { ...rest, history } : rest);
      }
      saveRecords(records);
      // Share cards: drawn in child processes while Astro bundles and renders (the card endpoint waits for its own),
      // one core fewer than the machine has: Astro renders the pages on the one left.
      if (!context.watcher) {
        const cards = [...published.values()].map((p) => caseCardSvg(p.summary));
        const drawing = drawCards(cards, cardCacheDir(root), Math.max(1, workerCount() - 1), { offThread: true });
        setCardsDrawing(drawing);
        drawing.then(
          (d) => d.drawn > 0 && context.logger.info(`${d.drawn} share card${d.drawn === 1 ? '' : 's'} drawn (${d.cached} cached, ${d.processes} process${d.processes === 1 ? '' : 'es'}) in ${Math.round(d.ms)} ms`),
          (error: unknown) => context.logger.warn(`share cards were not drawn ahead (${String(error)}); each is drawn by its page`),
        );
      }
      pruneCaseCacheIfDue(cacheDir, new Map([...published.values()].map((p) => [p.summary.id, p.summary.key])));
      context.logger.info(`${verifiedCount} case${verifiedCount === 1 ? '' : 's'} verified (${claims} claims${loaded.workers ? `, ${loaded.workers} worker processes` : ''}), ${kept.length} unchanged kept${restored ? ` (${restored} restored from the verified-case cache: Astro's store did not hold them)` : ''}, ${lock.checked} checked against the source lock (${lock.remembered} clean and unchanged since the last build), in ${Math.round(performance.now() - started)} ms`);

      if (!context.watcher) return;
      const casesPath = path.resolve(root, casesDir);
      const seedsPath = path.resolve(root, seedsDir);
      /** Case files with errors: no record says which sources they read, so any source edit re-verifies them. */
      const broken = new Set(files.filter((f) => !records.has(path.basename(f, '.md'))));
      /** Cases that build on their own but fail the check between cases (`translations`): withheld until it passes. */
      const withheld = new Map<string, BuiltCase>();
      /** Case files withheld for their links when the server started: what they link to is known once verified again. */
      const linksUnknown = new Set(problems.items.filter((p) => TRANSLATION_PROBLEMS.has(p.name)).map((p) => p.file));
      /** Takes a case off the site and out of the records (verified again next run), listing its problems if any. */
      const unpublish = (id: string, file: string, listed?: Problem[]) => {
        // The dev server's list of broken cases (their pages show the problems): replace this file's line.
        setBrokenCases([...brokenCases().filter((b) => b.file !== file), ...(listed ? [{ id, file, problems: listed }] : [])]);
        records.delete(id);
        withheld.delete(id);
        dropFreshCaseKey(id);
        context.store.delete(id);
      };
      /** Verifies one case file again; a case that builds on its own is returned, published once its links pass. */
      const reverify = async (file: string): Promise<BuiltCase | undefined> => {
        // A file deleted meanwhile is dropped by its own `unlink`, queued after this.
        if (!existsSync(path.join(root, file))) return undefined;
        const id = path.basename(file, '.md');
        // A bug while re-verifying one file is reported at that file (TQ900), like in a build.
        const verified = await verifyCaseFile(root, file, { tool }).catch((error: unknown) => ({ entry: undefined, problems: failedCase(error, file).own, record: undefined }));
        for (const problem of verified?.problems.items ?? []) log(context, problem);
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
        const verified = (await Promise.all(again.map(reverify))).filter((b): b is BuiltCase => b !== undefined);
        const stored = new Map<string, BuiltCase>();
        for (const id of context.store.keys()) {
          const summary = storedSummary(context, id);
          const record = records.get(id);
          if (summary && record) stored.set(id, { summary, record });
        }
        const changed = new Set([...again, ...deleted].map((f) => path.basename(f, '.md')));
        const checked = recheckTranslations(changed, await caseIds(casesPath), stored, [...withheld.values(), ...verified]);
        for (const problem of checked.problems) log(context, problem);
        for (const [built, linkProblems] of checked.failed) withhold(built, linkProblems);
        for (const built of checked.passed) await publish(built);
        saveRecords(records);
      };
      context.watcher.add([casesPath, seedsPath]);
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
          work = [file];
        } else if (changed.startsWith(seedsPath + path.sep)) {
          const document = path.relative(root, changed).split(path.sep).join('/');
          const citing = [...records].filter(([, r]) => document in r.sources).map(([id]) => files.find((f) => path.basename(f, '.md') === id) ?? `${path.relative(root, casesPath).split(path.sep).join('/')}/${id}.md`);
          work = [...new Set([...citing, ...broken])];
        }
        if (work.length === 0) return;
        afterChange(changed, async () => {
          const t = performance.now();
          await update(work);
          context.logger.info(`re-verified ${work.length} case${work.length === 1 ? '' : 's'} in ${Math.round(performance.now() - t)} ms`);
        }).catch((error: unknown) => context.logger.error(String(error)));
      });
    },
  };
}

/** A case that builds on its own (dev), with its record: published while its links pass the check between cases. */
type BuiltCase = { summary: CaseSummary; record: VerifiedRecord };

function log(context: LoaderContext, problem: Problem): void {
  (problem.severity === 'error' ? context.logger.error : context.logger.warn).call(context.logger, formatProblem(problem));
}

/** A case's summary as stored (by an earlier build, or earlier in this dev session). */
function storedSummary(context: LoaderContext, id: string): CaseSummary | undefined {
  const data = context.store.get(id)?.data as CaseSummary | undefined;
  // A store written by an older version holds whole entries, without a key: those are verified again.
  return data && typeof data.key === 'string' ? data : undefined;
}

/** Whether two summaries of a case differ in their key alone: what lists, feeds and cards show is the same. */
function sameButKey(a: CaseSummary, b: CaseSummary): boolean {
  return isDeepStrictEqual({ ...a, key: '', sizes: undefined }, { ...b, key: '', sizes: undefined });
}

/**
 * Stores a case's summary. The core builds it of the schema's own type (CaseSummary is inferred from
 * caseSummarySchema), so it is not parsed again here. The store skips a summary whose digest it already
 * has: the key covers the case file, every source it read and the tool; the history changes with git.
 */
async function store(context: LoaderContext, summary: CaseSummary): Promise<void> {
  const digest = context.generateDigest(`${summary.key} ${JSON.stringify(summary.history ?? null)}`);
  context.store.set({ id: summary.id, data: summary as unknown as Record<string, unknown>, digest, filePath: summary.file });
}
