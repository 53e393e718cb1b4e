import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../src/core/problems.ts';
import { readSiteConfig } from '../src/core/site-config.ts';
import { ROOT } from './helpers/seed.ts';

const FIXTURES = 'tests/fixtures/site-config';

/** Reads one fixture's site.yaml (with optional env overrides) and renders the outcome as text. */
function outcome(name: string, env: Record<string, string> = {}): string {
  const { config, problems } = readSiteConfig(ROOT, env, `${FIXTURES}/${name}/site.yaml`);
  return config ? `${JSON.stringify(config, null, 2)}\n${formatReport(problems.items)}\n` : `${formatReport(problems.items)}\n`;
}

describe('the site configuration (content/site.yaml)', () => {
  for (const name of readdirSync(path.join(ROOT, FIXTURES)).sort()) {
    it(`reads fixture \`${name}\` as expected.txt says`, () => {
      const expectedFile = path.join(ROOT, FIXTURES, name, 'expected.txt');
      const actual = outcome(name);
      if (process.env['UPDATE_FIXTURES'] || !existsSync(expectedFile)) writeFileSync(expectedFile, actual);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }

  it('says what is wrong with a site file that is a folder or not UTF-8, rather than reading YAML errors into it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tahqiq-site-'));
    mkdirSync(path.join(root, 'content/site.yaml'), { recursive: true });
    expect(formatReport(readSiteConfig(root, {}).problems.items)).toContain('content/site.yaml:1:1  error  Unexpected `content/site.yaml`: a folder, expected a YAML file  [TQ502]');
    writeFileSync(path.join(root, 'latin1.yaml'), Buffer.from('name:\n  ar: caf\xe9\n', 'latin1'));
    expect(readSiteConfig(root, {}, 'latin1.yaml').problems.items.map((p) => p.message)).toEqual(['Unexpected `latin1.yaml`: bytes that are not UTF-8 text, expected the file saved as UTF-8']);
  });

  it('validates the project\'s own content/site.yaml', () => {
    const { config, problems } = readSiteConfig(ROOT, {});
    expect(problems.items).toEqual([]);
    expect(config?.name[config.lang]).toBeTruthy();
  });

  it('takes the public URL, the sub-path and the language from the environment when set, normalising the sub-path', () => {
    const { config } = readSiteConfig(ROOT, { TAHQIQ_SITE: 'https://checks.example.net/', TAHQIQ_BASE: 'tahqiq', TAHQIQ_SITE_LANG: 'en' }, `${FIXTURES}/valid/site.yaml`);
    expect(config).toMatchObject({ url: 'https://checks.example.net/', base: '/tahqiq/', lang: 'en' });
  });

  it('reports an invalid override at the key it overrides, naming the variable', () => {
    const { config, problems } = readSiteConfig(ROOT, { TAHQIQ_BASE: '/a b/', TAHQIQ_SITE_LANG: 'fr' }, `${FIXTURES}/valid/site.yaml`);
    expect(config).toBeUndefined();
    expect(formatReport(problems.items)).toMatchInlineSnapshot(`
      "tests/fixtures/site-config/valid/site.yaml:22:1  error  Unexpected \`TAHQIQ_BASE=/a b/\`, expected \`/\` or a sub-path between slashes such as \`/tahqiq/\`  [TQ504]
        hint: Fix or unset the variable (\`TAHQIQ_SITE\`: an \`https://\` address; \`TAHQIQ_BASE\`: \`/\` or \`/sub-path/\`; \`TAHQIQ_SITE_LANG\`: a language the site has a name for).

      tests/fixtures/site-config/valid/site.yaml:25:1  error  Unexpected \`TAHQIQ_SITE_LANG=fr\`, expected a language the site has a name for: \`ar\`, \`en\`  [TQ504]
        hint: Fix or unset the variable (\`TAHQIQ_SITE\`: an \`https://\` address; \`TAHQIQ_BASE\`: \`/\` or \`/sub-path/\`; \`TAHQIQ_SITE_LANG\`: a language the site has a name for).

      2 errors, 0 warnings"
    `);
  });

  it('refuses a TAHQIQ_SITE with a path, which every link would leave out, naming the `base` it needs', () => {
    const { config, problems } = readSiteConfig(ROOT, { TAHQIQ_SITE: 'https://user.github.io/tahqiq/' }, `${FIXTURES}/valid/site.yaml`);
    expect(config).toBeUndefined();
    expect(problems.items.map((p) => `${p.code} ${p.message}`)).toEqual(['TQ504 Unexpected `TAHQIQ_SITE=https://user.github.io/tahqiq/`, expected the address of the site\'s host alone, `https://user.github.io/`: a sub-path goes in `base: /tahqiq/` (or `TAHQIQ_BASE`); here it would be left out of every link']);
  });

  it('reports a missing file with its code instead of throwing', () => {
    const { problems } = readSiteConfig(ROOT, {}, `${FIXTURES}/nowhere.yaml`);
    expect(problems.items.map((p) => `${p.file}:${p.place.line}:${p.place.column} ${p.code}`)).toEqual([`${FIXTURES}/nowhere.yaml:1:1 TQ501`]);
  });
});
