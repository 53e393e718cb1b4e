import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';
import type { Loader, LoaderContext } from 'astro/loaders';
import { toolDigest, type VerifiedRecord } from '../core/case-digest.ts';
import { caseCacheDir, caseKey, entryKey, hasCachedCase, pruneCaseCacheIfDue, publishCase, readCachedFacts, readCachedSummary, type PublishedCase } from '../core/case-cache.ts';
import type { ProvenanceFacts } from '../core/provenance/case-passages.ts';
import { setCardsDrawing } from '../core/share-card/cards-drawing.ts';
import { drawCards } from '../core/share-card/draw-cards.ts';
import { cardCacheDir } from '../core/share-card/render-card.ts';
import { caseCardSvg } from '../case-card.ts';
import { DEFAULT_CASES_DIR, loadCases } from '../core/load-cases.ts';
import { workerCount } from '../core/verify-pool.ts';
import { formatReport, groupRepeated, ProblemList } from '../core/problems.ts';
import { checkForBuild } from '../core/provenance/for-build.ts';
import { defaultIndexDir } from '../core/provenance/lock-index.ts';
import { readJsonStore, writeJsonStore } from '../core/json-store.ts';
import { checkPublicFolder } from '../core/check-public-folder.ts';
import { checkEditorialPages } from '../core/check-editorial-pages.ts';
import { caseSummarySchema, type CaseSummary } from '../schemas/case-summary.ts';
import { logProblem, store, storedSummary } from './case-store.ts';
import { watchCases } from './dev-watch.ts';

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
    `tahqiq: ${errors} content error${errors === 1 ? '' : 's'} (and ${warnings} warning${warnings === 1 ? '' : 's'}); nothing was published.`,
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
          ...(summary.revisions ? { revisions: Object.keys(summary.revisions) } : {}),
        })),
      });
      // The editorial pages, before Astro compiles them: what would stop it with a stack trace is reported here.
      checkEditorialPages(root, problems);
      // And public/, before Vite copies it: a link to nothing would stop it with a stack trace.
      checkPublicFolder(root, problems);
      if (!context.watcher) {
        if (problems.items.length > 0) process.stderr.write(`${formatReport(problems.items)}\n`);
        if (problems.errors.length > 0) throw contentError(problems.errors.length, problems.warnings.length);
      } else {
        for (const problem of groupRepeated(problems.items)) logProblem(context, problem);
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

      if (context.watcher) watchCases(context, { root, casesDir, seedsDir, tool, cacheDir, records, files, withheld: loaded.withheld, saveRecords });
    },
  };
}
