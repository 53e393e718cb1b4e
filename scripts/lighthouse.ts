#!/usr/bin/env node
/**
 * Lighthouse (mobile, the default emulation) over the built site, served locally with no network:
 * prints the four category scores for the index page and the seed case. A report, not a test.
 * `npm run build && npm run lighthouse` (CHROME_PATH defaults to Debian's /usr/bin/chromium).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { serveStatic } from '../tests/helpers/static-server.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, pages: { type: 'string', default: '/,/cases/dumayr-raid/' } } });
const site = await serveStatic(path.resolve(values.dist));
const PORT = 9333;
const chrome = await chromium.launch({
  executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  args: [`--remote-debugging-port=${PORT}`, '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const route of values.pages.split(',')) {
    const result = await lighthouse(`${site.url}${route}`, { port: PORT, output: 'json', logLevel: 'error' });
    const categories = result?.lhr.categories ?? {};
    const scores = ['performance', 'accessibility', 'best-practices', 'seo'].map((c) => `${c} ${Math.round((categories[c]?.score ?? 0) * 100)}`);
    console.log(`${route}: ${scores.join(', ')}`);
  }
} finally {
  await chrome.close();
  await site.close();
}
