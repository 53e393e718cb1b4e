import { beforeAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/link-check.ts';
import { runBuild, type BuildRun } from './helpers/build.ts';
import { formatVnu, runVnu } from './helpers/vnu.ts';

const SITE = 'https://example.org/';

describe('the built site, at the root of its domain', () => {
  let build: BuildRun;
  beforeAll(() => {
    build = runBuild({ command: 'astro' });
  });

  it('builds', () => {
    expect(build.status, build.output).toBe(0);
  });

  it('passes the W3C Nu HTML Checker with 0 errors on every page (markup and inline CSS)', () => {
    const messages = runVnu(build.outDir);
    const errors = messages.filter((m) => m.type !== 'info');
    const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    console.log(`Nu HTML Checker: ${errors.length} errors, ${warnings.length} warnings`);
    expect(errors.map(formatVnu)).toEqual([]);
  });

  it('has no broken internal link, asset or #fragment on any page', () => {
    const report = checkLinks(build.outDir, { base: '/', site: SITE });
    console.log(`link check at /: ${report.pages} pages, ${report.checked} references, ${report.broken.length} broken`);
    expect(report.pages).toBeGreaterThan(10);
    expect(report.broken).toEqual([]);
  });
});

describe('the built site under a sub-path (a GitHub Pages project site)', () => {
  let build: BuildRun;
  beforeAll(() => {
    build = runBuild({ command: 'astro', env: { TAHQIQ_BASE: '/tahqiq/' } });
  });

  it('resolves every internal link, asset and #fragment under `/tahqiq/`, none escaping to the domain root', () => {
    expect(build.status, build.output).toBe(0);
    const report = checkLinks(build.outDir, { base: '/tahqiq/', site: SITE });
    console.log(`link check at /tahqiq/: ${report.pages} pages, ${report.checked} references, ${report.broken.length} broken`);
    expect(report.checked).toBeGreaterThan(100);
    expect(report.broken).toEqual([]);
  });

  it('would catch a root-relative link: the same build checked as if served at the root fails', () => {
    const report = checkLinks(build.outDir, { base: '/', site: SITE });
    expect(report.broken.length).toBeGreaterThan(0);
  });
});
