#!/usr/bin/env node
/**
 * Lighthouse (mobile, the default emulation) over the built site, served locally with no network and gzip-compressed
 * as a CDN serves it: prints the four category scores for the index page and the seed case, with the metrics behind
 * the performance score. A report, not a test. Lighthouse's scores move from run to run on a busy or slow machine:
 * `--runs 5` runs each page five times and prints the median performance score beside each run.
 * `npm run build && npm run lighthouse` (CHROME_PATH defaults to Debian's /usr/bin/chromium).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { serveStatic } from '../tests/helpers/static-server.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, pages: { type: 'string', default: '/,/cases/dumayr-raid/' }, runs: { type: 'string', default: '1' } },
});
const runs = Math.max(1, Number.parseInt(values.runs, 10) || 1);
/** The metrics the performance score is made of (Lighthouse 12), by audit id. */
const METRICS: Record<string, string> = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
};
const site = await serveStatic(path.resolve(values.dist), { gzip: true });
const PORT = 9333;
const chrome = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  args: [`--remote-debugging-port=${PORT}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const route of values.pages.split(',')) {
    const performance: number[] = [];
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(`${site.url}${route}`, { port: PORT, output: 'json', logLevel: 'error' });
      const categories = result?.lhr.categories ?? {};
      const audits = result?.lhr.audits ?? {};
      const score = (c: string) => Math.round((categories[c]?.score ?? 0) * 100);
      performance.push(score('performance'));
      const scores = ['performance', 'accessibility', 'best-practices', 'seo'].map((c) => `${c} ${score(c)}`);
      const metrics = Object.entries(METRICS).map(([id, name]) => `${name} ${audits[id]?.displayValue ?? '?'}`);
      console.log(`${route}: ${scores.join(', ')} (${metrics.join(', ')})`);
    }
    if (runs > 1) console.log(`${route}: performance median ${performance.toSorted((a, b) => a - b)[Math.floor(runs / 2)]} of ${runs} runs (${Math.min(...performance)}–${Math.max(...performance)})`);
  }
} finally {
  await chrome.close();
  await site.close();
}
