#!/usr/bin/env node
/**
 * `npm run bench:cards`: the share card (1200×630 PNG) drawn the way it was before (resvg renders, resvg's
 * `asPng()` encodes) beside the way it is drawn now (`drawCard`: resvg renders without its final full-picture
 * copy, `encodePng` writes a palette PNG with node:zlib), card by card in turn so both see the same load;
 * then `drawCards` filling an empty cache with N cards in this process and in two child processes. Prints wall
 * and CPU ms per card (CPU: every thread; for drawCards also its child processes, from GNU time) and PNG sizes.
 * Asserts nothing.
 *
 *   npm run bench:cards -- --sample 200 --cards 1000 --processes 1,2
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cardSvg, CARD_WIDTH, type CardInput } from '../src/core/share-card/card-svg.ts';
import { drawCards, yieldToEventLoop } from '../src/core/share-card/draw-cards.ts';
import { encodePng } from '../src/core/share-card/encode-png.ts';
import { type RenderedImage, Resvg } from '../src/core/share-card/load-resvg.ts';
import { CARD_FONTS, CARD_RESVG_OPTIONS, drawCard } from '../src/core/share-card/render-card.ts';

const { values } = parseArgs({
  options: { sample: { type: 'string', default: '200' }, cards: { type: 'string', default: '1000' }, processes: { type: 'string', default: '1,2' }, part: { type: 'string' } },
});
const sample = Number(values.sample);
const cardCount = Number(values.cards);
const processCounts = values.processes.split(',').map(Number);

const AR_WORDS = 'غارة الضمير ما الذي حدث في الليلة وفق شهود العيان والمصادر الرسمية تقرير وزارة الصحة عن المستشفى الميداني بيانات الأمم المتحدة حول النازحين في 2024 تصريحات المتحدث باسم الجيش'.split(' ');
const EN_WORDS = 'Riverside clinic closure what the records say about funding council minutes and the 2023 budget show who decided when the ward would shut and why'.split(' ');
const AR_LABELS = { confirmed: 'مؤكد', unconfirmed: 'غير مؤكد', disputed: 'متنازع عليه' };
const EN_LABELS = { confirmed: 'Confirmed', unconfirmed: 'Unconfirmed', disputed: 'Disputed' };

/** Card i: Arabic for two of three, titles of 3 to 30 words (some wrap to three lines and are cut), varied tallies. */
function benchCard(i: number): CardInput {
  const ar = i % 3 !== 2;
  const words = ar ? AR_WORDS : EN_WORDS;
  const length = 3 + ((i * 7) % 28);
  const title = Array.from({ length }, (_, k) => words[(i + k * 5) % words.length]).join(' ') + ` ${i}`;
  return {
    title,
    lang: ar ? 'ar' : 'en',
    dir: ar ? 'rtl' : 'ltr',
    siteName: ar ? 'تحقيق' : 'Tahqiq',
    tally: { confirmed: i % 7, unconfirmed: (i * 3) % 5, disputed: i % 4 === 0 ? 0 : (i % 3) + 1 },
    labels: ar ? AR_LABELS : EN_LABELS,
  };
}

/** What render-card.ts did before this change: resvg's default render path and its own PNG encoder. */
const BEFORE = { fitTo: { mode: 'width' as const, value: CARD_WIDTH }, font: { loadSystemFonts: false, fontFiles: CARD_FONTS, defaultFontFamily: 'Noto Sans' } };
const before = (svg: string) => new Resvg(svg, BEFORE).render().asPng();

interface Tally {
  wall: number;
  cpu: number;
  bytes: number;
}
const zero = (): Tally => ({ wall: 0, cpu: 0, bytes: 0 });
function timed(into: Tally, fn: () => Buffer | number): void {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const out = fn();
  into.wall += performance.now() - wall;
  const used = process.cpuUsage(cpu);
  into.cpu += (used.user + used.system) / 1000;
  into.bytes += typeof out === 'number' ? out : out.length;
}


/** One side of the comparison, in a process of its own (`--part`): mimalloc reads its page setting when resvg loads. */
async function part(kind: string): Promise<void> {
  const svgs = Array.from({ length: Math.max(sample, cardCount) }, (_, i) => cardSvg(benchCard(i)));
  if (kind === 'compare') {
    // Warm up both paths (font files, JIT).
    for (const svg of svgs.slice(0, 5)) {
      before(svg);
      drawCard(svg);
    }
    const steps = { oldRender: zero(), oldPng: zero(), newParse: zero(), newRender: zero(), newEncode: zero() };
    const whole = { before: zero(), after: zero() };
    for (const svg of svgs.slice(0, sample)) {
      timed(whole.before, () => before(svg));
      timed(whole.after, () => drawCard(svg));
      // The same work in steps: where the time goes.
      let image!: RenderedImage;
      timed(steps.oldRender, () => ((image = new Resvg(svg, BEFORE).render()), 0));
      timed(steps.oldPng, () => image.asPng());
      let resvg!: Resvg;
      timed(steps.newParse, () => ((resvg = new Resvg(svg, CARD_RESVG_OPTIONS)), 0));
      timed(steps.newRender, () => ((image = resvg.render()), 0));
      timed(steps.newEncode, () => encodePng(image.pixels, image.width, image.height));
      // Let Node run resvg's finalizers (see yieldToEventLoop), as a build does between routes.
      await yieldToEventLoop();
    }
    const per = (t: Tally) => `${(t.wall / sample).toFixed(1).padStart(7)} ${(t.cpu / sample).toFixed(1).padStart(7)}`;
    const bytes = (t: Tally) => Math.round(t.bytes / sample).toString().padStart(9);
    console.log(`  before: resvg render + asPng()     ${per(whole.before)}   ${bytes(whole.before)}`);
    console.log(`  after:  drawCard                   ${per(whole.after)}   ${bytes(whole.after)}`);
    console.log(`  ratio (before / after)              ${(whole.before.wall / whole.after.wall).toFixed(1).padStart(6)}×${(whole.before.cpu / whole.after.cpu).toFixed(1).padStart(7)}×  ${(whole.before.bytes / whole.after.bytes).toFixed(1).padStart(8)}×`);
    console.log(`    before: parse + text + render    ${per(steps.oldRender)}`);
    console.log(`    before: asPng()                  ${per(steps.oldPng)}`);
    console.log(`    after:  parse + text             ${per(steps.newParse)}`);
    console.log(`    after:  render (no final copy)   ${per(steps.newRender)}`);
    console.log(`    after:  pixels + encodePng       ${per(steps.newEncode)}`);
    return;
  }
  const processes = Number(kind);
  const dir = mkdtempSync(path.join(tmpdir(), 'tahqiq-cards-bench-'));
  try {
    const result = await drawCards(svgs.slice(0, cardCount), dir, processes);
    console.log(`${String(result.processes).padStart(11)}   ${(result.ms / 1000).toFixed(2).padStart(7)}   ${(result.ms / result.drawn).toFixed(1).padStart(7)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.part) {
  await part(values.part);
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (kind: string, pages: string, cpu = false) => {
    const args = [self, '--part', kind, '--sample', String(sample), '--cards', String(cardCount)];
    // GNU time counts the child processes drawCards starts, which process.cpuUsage() cannot see.
    const time = cpu && existsSync('/usr/bin/time');
    const child = spawnSync(time ? '/usr/bin/time' : process.execPath, time ? ['-f', '%U %S', process.execPath, ...args] : args, {
      env: { ...process.env, MIMALLOC_ALLOW_LARGE_OS_PAGES: pages },
      stdio: ['ignore', time ? 'pipe' : 'inherit', time ? 'pipe' : 'inherit'],
      encoding: 'utf8',
    });
    if (child.status !== 0) {
      process.stderr.write(child.stderr ?? '');
      process.exit(child.status ?? 1);
    }
    if (time) {
      const [user, system] = child.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
      console.log(`${child.stdout.trimEnd()}   ${(user! + system!).toFixed(2).padStart(7)}`);
    }
  };
  console.log(`Share cards (1200×630): ${sample} cards (2 in 3 Arabic) drawn both ways in turn, per card`);
  console.log('                                       wall ms  CPU ms   PNG bytes');
  for (const pages of ['0', '1']) {
    console.log(pages === '0' ? 'resvg with 4 kB pages (as before)' : 'resvg with transparent huge pages (as now: load-resvg.ts)');
    run('compare', pages);
  }
  console.log(`\ndrawCards: ${cardCount} cards into an empty cache (huge pages)`);
  console.log('  processes     wall s   wall ms per card   CPU s (all processes)');
  for (const processes of processCounts) run(String(processes), '1', true);
}
