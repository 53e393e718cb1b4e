/**
 * Synthetic archives for the benchmarks: N cases, each quoting its own ~800-word
 * Arabic source recombined from the seed's sentences (shuffled, regrouped into
 * paragraphs), 15 claims per case across all three statuses, each citing its
 * evidence passages as the method requires. Deterministic: the
 * same N gives the same files. Every quote is checked with the core's own
 * matcher while generating, so every generated case verifies.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { anchorQuote } from '../src/core/anchor.ts';
import { ProblemList } from '../src/core/problems.ts';
import { splitParagraph } from '../src/core/segment.ts';
import { parseSourceText } from '../src/core/source-document.ts';

export const SEED = 'seeds/000_1433950eee1a8d90.txt';
const STATUSES = ['confirmed', 'unconfirmed', 'disputed'] as const;
const CLAIMS_PER_CASE = 15;

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The seed's sentences (the body lines, not the headline), each as the source writes it. */
export function seedSentences(root: string): string[] {
  const lines = readFileSync(path.join(root, SEED), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const sentences: string[] = [];
  for (const line of lines.slice(1)) {
    if (line.split(/\s+/).length < 8 || line.includes('<')) continue; // subheadings, and the paragraph with a mangled tag (a warning in every case)
    for (const r of splitParagraph(line, 'ar')) sentences.push(line.slice(r.start, r.end));
  }
  return [...new Set(sentences)];
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A ~`targetWords`-word source: a headline, then paragraphs of 2–4 seed sentences in a shuffled order. */
export function sourceText(sentences: readonly string[], index: number, targetWords = 800): string {
  const rand = random(index + 1);
  const picked: string[] = [];
  let count = 0;
  // Longer sources (the 10× case) repeat the seed's sentences in new orders, each repeat with a numbered lead so quotes stay unique.
  for (let round = 0; count < targetWords; round++) {
    for (const s of shuffle(sentences, rand)) {
      if (count >= targetWords) break;
      picked.push(round === 0 ? s : `في الرواية رقم ${round}، ${s}`);
      count += words(s);
    }
  }
  const paragraphs: string[] = [];
  for (let i = 0; i < picked.length;) {
    const n = 2 + Math.floor(rand() * 3);
    paragraphs.push(picked.slice(i, i + n).join(' '));
    i += n;
  }
  return `تقرير تجريبي رقم ${index + 1} عن الغارة\n${paragraphs.join('\n')}\n`;
}

/** 15 quotes from distinct sentences of `text`, each anchoring once (checked with the core's matcher). */
function pickQuotes(text: string, index: number): string[] {
  const doc = parseSourceText('seeds/x.txt', text, 'ar', new ProblemList());
  const rand = random(index + 7919);
  const quotes: string[] = [];
  for (const sentence of shuffle(doc.sentences, rand)) {
    if (quotes.length === CLAIMS_PER_CASE) break;
    const w = sentence.text.split(/\s+/);
    const middle = Math.floor(rand() * Math.max(1, w.length - 8));
    search: for (const from of [middle, 0]) {
      for (let len = 5; len <= Math.min(12, w.length - from); len++) {
        const quote = w.slice(from, from + len).join(' ');
        if (anchorQuote(doc, quote).ok) {
          quotes.push(quote);
          break search;
        }
      }
    }
  }
  if (quotes.length < CLAIMS_PER_CASE) throw new Error(`synthetic case ${index}: only ${quotes.length} unique quotes`);
  return quotes;
}

export function caseId(index: number): string {
  return `case-${String(index + 1).padStart(5, '0')}`;
}

/** The case file for source `document`, with 15 claims cycling through the statuses. */
export function caseFile(index: number, document: string, quotes: readonly string[], edit = ''): string {
  const claims = quotes.map((quote, k) => {
    const status = STATUSES[k % 3]!;
    const missing = status === 'unconfirmed' ? ` missing="وثيقة رسمية أو شاهد ثانٍ مستقل"` : '';
    const other = `claim-${((k + 1) % quotes.length) + 1}`;
    const next = quotes[(k + 1) % quotes.length]!;
    // Evidence as the method requires (content/method.yaml): confirmed by two attributions, disputed by a contradicting passage.
    const evidence = {
      confirmed: `::supports[${quote}]{by="مصدر رقم ${k + 1}"}\n::supports[${next}]{by="مصدر مستقل رقم ${k + 2}"}`,
      unconfirmed: `::supports[${quote}]{by="مصدر رقم ${k + 1}"}`,
      disputed: `::contradicts[${next}]{by="مصدر مخالف رقم ${k + 2}"}`,
    }[status];
    return `:::claim[ادعاء رقم ${k + 1} في الملف ${index + 1}: ${quote.split(' ').slice(0, 4).join(' ')}]{#claim-${k + 1} status=${status} claimant="مصدر رقم ${k + 1}"${missing}}
> ${quote}

${evidence}

يستند هذا الحكم إلى ما ينسبه التقرير إلى **مصادره** في الفقرة نفسها، ويقارنه بما يرد في [ادعاء آخر](#${other}) من الملف. لا يذكر التقرير مصدراً ثانياً مستقلاً لهذه الرواية، ولذلك نبني الحكم على نص التقرير وحده.${edit && k === 0 ? ` ${edit}` : ''}
:::
`;
  });
  return `---
title: "ملف تجريبي رقم ${index + 1}"
lang: ar
source:
  document: ${document}
  publisher: "وكالة تجريبية"
reviewed: 2026-11-28
summary: "ملف مولَّد للقياس: خمسة عشر ادعاءً من تقرير مركّب من جمل النص الأصلي."
---
## عن هذا الملف

ملف مولَّد آلياً لقياس سرعة البناء، يفحص تقريراً مركّباً من جمل التقرير الأصلي.

${claims.join('\n')}`;
}

export interface Archive {
  /** Case ids, in order. */
  ids: string[];
  /** Source text per case id (the texts the plain-Astro baseline publishes too). */
  sources: Map<string, string>;
  /** Rewrites case `index` with a changed reasoning sentence. */
  editCase(index: number, mark: string): void;
  /** Rewrites the source of case `index` (a changed word, same quotes). */
  editSource(index: number, mark: string): void;
}

/** Writes N cases and their sources into `dir` (its `content/cases` and `seeds/bench`). */
export function writeArchive(root: string, dir: string, n: number, targetWords = 800): Archive {
  const sentences = seedSentences(root);
  mkdirSync(path.join(dir, 'content/cases'), { recursive: true });
  mkdirSync(path.join(dir, 'seeds/bench'), { recursive: true });
  const ids: string[] = [];
  const sources = new Map<string, string>();
  const quotesOf = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const id = caseId(i);
    const text = sourceText(sentences, i, targetWords);
    const quotes = pickQuotes(text, i);
    quotesOf.set(i, quotes);
    ids.push(id);
    sources.set(id, text);
    writeFileSync(path.join(dir, `seeds/bench/${id}.txt`), text);
    writeFileSync(path.join(dir, `content/cases/${id}.md`), caseFile(i, `seeds/bench/${id}.txt`, quotes));
  }
  return {
    ids,
    sources,
    editCase(index, mark) {
      writeFileSync(path.join(dir, `content/cases/${ids[index]}.md`), caseFile(index, `seeds/bench/${ids[index]}.txt`, quotesOf.get(index)!, mark));
    },
    editSource(index, mark) {
      const text = sources.get(ids[index]!)!.replace(/\n/, ` ${mark}\n`);
      writeFileSync(path.join(dir, `seeds/bench/${ids[index]}.txt`), text);
    },
  };
}

/**
 * A copy of the project at `dir` without its cases: sources, config and content
 * pages copied, each installed package linked (so `node_modules/.astro` and
 * `node_modules/.cache` belong to the copy, not to the project).
 */
export function copyProject(root: string, dir: string): void {
  const skip = new Set(['node_modules', 'dist', '.astro', '.git', 'tests', 'bench', 'seeds', 'docs']);
  for (const name of readdirSync(root)) {
    if (skip.has(name)) continue;
    cpSync(path.join(root, name), path.join(dir, name), {
      recursive: true,
      filter: (src) => !src.startsWith(path.join(root, 'content/cases')),
    });
  }
  linkPackages(root, dir);
}

/** `dir/node_modules` with a link to each package of `root/node_modules`. */
export function linkPackages(root: string, dir: string): void {
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  for (const name of readdirSync(path.join(root, 'node_modules'))) {
    if (name === '.astro' || name === '.cache' || name === '.vite') continue;
    symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
}
