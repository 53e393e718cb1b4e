import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseEntry } from '../../schemas/case-entry.ts';
import type { LockedSource, SourcesLock } from '../../schemas/sources-lock.ts';
import { excerpt, type Point, type ProblemList } from '../problems.ts';
import { provenanceFacts, type CurrentPassage, type ProvenanceFacts } from './case-passages.ts';
import { reanchor, wordsOf, type Reanchoring } from './reanchor.ts';
import { offsetOf, pointOf, SourceTexts } from './source-texts.ts';

/**
 * A case file as the check saw it: its path from the root, and, when it built without errors, its entry or
 * just the facts the provenance checks read of it (a case the content loader kept from an earlier build).
 */
export interface CheckedCase {
  file: string;
  entry?: CaseEntry | undefined;
  facts?: ProvenanceFacts | undefined;
}

/** The provenance facts of a case that built, from its facts or its entry; undefined when it did not build. */
export function factsOf(checked: CheckedCase): ProvenanceFacts | undefined {
  return checked.facts ?? (checked.entry ? provenanceFacts(checked.entry) : undefined);
}

/** One claim's passage re-anchored in a changed source. */
export interface ClaimReanchoring {
  claim: string;
  kind: Reanchoring['kind'];
  old: { passage: string; line: number; column: number };
  new?: { passage: string; line: number; column: number };
  /** Word overlap of old and new passage (fuzzy, orphaned), 0..1. */
  similarity?: number;
}

/** The re-anchoring report of one case against one changed source. */
export interface SourceChange {
  file: string;
  document: string;
  oldSha256: string;
  newSha256: string;
  claims: ClaimReanchoring[];
}

export interface ProvenanceResult {
  changes: SourceChange[];
  /** Cases built without errors whose source is unchanged but whose quoted passages differ from the lock: `--accept` records them. */
  stale: { file: string; claims: string[] }[];
  /** Cases built without errors that have no lock entry (TQ604). */
  unfingerprinted: string[];
}

/** Where `#id` is written in a case file (for cases that did not build, whose entries are unknown). */
function claimPlaceIn(markdown: string | undefined, id: string): Point {
  if (markdown) {
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const column = lines[i]!.search(new RegExp(`\\{#${id.replace(/[-]/g, '\\-')}(?=[\\s}])`));
      if (column !== -1 && /^\s*:::claim/.test(lines[i]!)) return { line: i + 1, column: column + 2 };
    }
  }
  return { line: 1, column: 1 };
}

/** Where `document: <path>` is written in a case file. */
function documentPlaceIn(markdown: string | undefined, document: string): Point {
  const lines = markdown?.split('\n') ?? [];
  for (let i = 0; i < lines.length; i++) {
    const column = lines[i]!.indexOf(document);
    if (column !== -1 && /document:/.test(lines[i]!)) return { line: i + 1, column: column + 1 };
  }
  return { line: 1, column: 1 };
}

/** `Quote of \`#id\`` for a claim's quote, `Evidence passage 2 of \`#id\`` for its evidence (keys `<claim>/<n>`). */
export function describePassage(key: string): string {
  const [claim, n] = key.split('/');
  return n ? `Evidence passage ${n} of \`#${claim}\`` : `Quote of \`#${claim}\``;
}

function percent(similarity: number): string {
  return `${Math.round(similarity * 100)}% of words shared`;
}

/**
 * Compares every checked case with the lock. A source whose SHA-256 differs is reported (TQ600) and every
 * passage recorded for it is re-anchored in the new text: moved (TQ601, warning), fuzzy (TQ602, error until
 * accepted), orphaned (TQ603, error). Buildable cases without a lock entry get TQ604.
 */
export async function checkProvenance(options: {
  root: string;
  lock: SourcesLock;
  cases: readonly CheckedCase[];
  problems: ProblemList;
  sources?: SourceTexts;
}): Promise<ProvenanceResult> {
  const { root, lock, cases, problems } = options;
  const sources = options.sources ?? new SourceTexts(root);
  const result: ProvenanceResult = { changes: [], stale: [], unfingerprinted: [] };
  const markdownOf = new Map<string, Promise<string | undefined>>();
  const markdown = (file: string) => {
    if (!markdownOf.has(file)) markdownOf.set(file, readFile(path.resolve(root, file), 'utf8').catch(() => undefined));
    return markdownOf.get(file)!;
  };

  for (const checked of cases) {
    const locked = lock.cases[checked.file];
    const facts = factsOf(checked);
    const current = facts ? new Map(facts.passages) : undefined;
    if (!locked) {
      if (facts) {
        result.unfingerprinted.push(checked.file);
        problems.add('caseNotFingerprinted', checked.file, { line: 1, column: 1 },
          `Case \`${checked.file}\` has no entry in the source lock: a later change to its source could not be detected`);
      }
      continue;
    }
    const staleClaims: string[] = [];
    for (const [document, lockedSource] of Object.entries(locked.sources)) {
      const now = current?.get(document);
      // The case was verified against the source as recorded: nothing to read (at thousands of cases, every source
      // text held at once). Otherwise the source as it is on disk now, to compare and re-anchor.
      if (now?.sha256 === lockedSource.sha256) {
        staleClaims.push(...staleKeys(lockedSource, now.passages));
        continue;
      }
      const source = await sources.get(document);
      if (!source) continue; // Missing or unreadable: the case check reports it (TQ301, TQ302).
      if (source.sha256 === lockedSource.sha256) {
        if (now) staleClaims.push(...staleKeys(lockedSource, now.passages));
        continue;
      }
      const text = await markdown(checked.file);
      problems.add('sourceChanged', checked.file, documentPlaceIn(text, document),
        `Source \`${document}\` changed since this case's claims were last checked: SHA-256 was \`${lockedSource.sha256}\`, now \`${source.sha256}\``);
      const change: SourceChange = { file: checked.file, document, oldSha256: lockedSource.sha256, newSha256: source.sha256, claims: [] };
      const stillThere = now ? new Map(now.passages.map((p) => [p.key, p])) : undefined;
      const textWords = wordsOf(source.text);
      for (const [key, old] of Object.entries(lockedSource.claims)) {
        // A claim deleted from the case no longer needs its passage.
        if (stillThere && !stillThere.has(key)) continue;
        const live = stillThere?.get(key);
        const currentRange = live ? rangeOf(source, live) : undefined;
        const outcome = reanchor(old.passage, { start: old.start, end: old.end }, source.text, currentRange, textWords);
        const item: ClaimReanchoring = { claim: key, kind: outcome.kind, old: { passage: old.passage, line: old.line, column: old.column } };
        const place = live?.claimPlace ?? claimPlaceIn(text, key.split('/')[0]!);
        const was = `\`${excerpt(old.passage, 100)}\` at ${old.line}:${old.column}`;
        if (outcome.kind === 'orphaned') {
          if (outcome.best) item.similarity = outcome.best.similarity;
          problems.add('quoteOrphaned', checked.file, place,
            `${describePassage(key)} no longer found in \`${document}\`: it was ${was}${outcome.best ? `; closest now \`${excerpt(outcome.best.passage, 60)}\` (${percent(outcome.best.similarity)})` : ''}`);
        } else {
          const to = pointOf(source, outcome.to.start);
          item.new = { passage: source.text.slice(outcome.to.start, outcome.to.end), ...to };
          // Same words at the same line and column (text earlier in the file changed length): unchanged to a reader.
          if (outcome.kind === 'moved' && to.line === old.line && to.column === old.column) item.kind = 'unchanged';
          else if (outcome.kind === 'moved') {
            problems.add('quoteMoved', checked.file, place, `${describePassage(key)} moved in \`${document}\`: same words, now at ${to.line}:${to.column} (was ${old.line}:${old.column})`);
          } else if (outcome.kind === 'fuzzy') {
            item.similarity = outcome.similarity;
            problems.add('quoteFuzzy', checked.file, place,
              `${describePassage(key)} changed in \`${document}\` (${percent(outcome.similarity)}): was ${was}, now \`${excerpt(outcome.passage, 100)}\` at ${to.line}:${to.column}`);
          }
        }
        change.claims.push(item);
      }
      result.changes.push(change);
    }
    if (current) {
      for (const document of current.keys()) if (!locked.sources[document]) staleClaims.push(...current.get(document)!.passages.map((p) => p.key));
    }
    if (staleClaims.length) result.stale.push({ file: checked.file, claims: [...new Set(staleClaims)] });
  }
  return result;
}

/** Where a claim's passage is in the source now (from its line and column, checked against the text). */
function rangeOf(source: { text: string; lineStarts: number[] }, passage: CurrentPassage): { start: number; end: number } | undefined {
  const start = offsetOf(source, passage.place);
  if (source.text.slice(start, start + passage.passage.length) === passage.passage) return { start, end: start + passage.passage.length };
  const at = source.text.indexOf(passage.passage);
  return at === -1 ? undefined : { start: at, end: at + passage.passage.length };
}

/** Claims whose passage (or place) differs from the lock, or that the lock lacks. */
function staleKeys(locked: LockedSource, passages: readonly CurrentPassage[]): string[] {
  const keys = passages
    .filter((p) => {
      const l = locked.claims[p.key];
      return !l || l.passage !== p.passage || l.line !== p.place.line || l.column !== p.place.column;
    })
    .map((p) => p.key);
  const live = new Set(passages.map((p) => p.key));
  return [...keys, ...Object.keys(locked.claims).filter((k) => !live.has(k))];
}

/**
 * The lock after `--accept`: every case that built without errors gets its current fingerprints and passages;
 * cases with errors keep their old entry (they cannot be accepted until fixed). With `prune`, entries of case
 * files that no longer exist are dropped.
 */
export async function acceptIntoLock(options: {
  root: string;
  lock: SourcesLock;
  cases: readonly CheckedCase[];
  prune?: boolean;
  sources?: SourceTexts;
}): Promise<{ lock: SourcesLock; accepted: string[]; refused: string[] }> {
  const sources = options.sources ?? new SourceTexts(options.root);
  const next: SourcesLock = { version: 1, cases: { ...options.lock.cases } };
  const accepted: string[] = [];
  const refused: string[] = [];
  if (options.prune) {
    const present = new Set(options.cases.map((c) => c.file));
    for (const file of Object.keys(next.cases)) if (!present.has(file)) delete next.cases[file];
  }
  for (const checked of options.cases) {
    const facts = factsOf(checked);
    if (!facts) {
      refused.push(checked.file);
      continue;
    }
    const entrySources: Record<string, LockedSource> = {};
    for (const [document, { sha256, passages }] of facts.passages) {
      const source = await sources.get(document);
      const claims: LockedSource['claims'] = {};
      for (const p of passages) {
        const start = source ? (rangeOf(source, p)?.start ?? offsetOf(source, p.place)) : 0;
        claims[p.key] = { passage: p.passage, start, end: start + p.passage.length, line: p.place.line, column: p.place.column };
      }
      entrySources[document] = { sha256, claims };
    }
    next.cases[checked.file] = { sources: entrySources };
    accepted.push(checked.file);
  }
  return { lock: next, accepted, refused };
}
