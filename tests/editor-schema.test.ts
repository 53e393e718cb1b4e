import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/seed.ts';

/** VS Code settings are JSON with comments. */
function readJsonc(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, file), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
}

async function lint(markdown: string): Promise<string[]> {
  const { default: config } = (await import(path.join(ROOT, '.remarkrc.mjs'))) as { default: { plugins: PluggableList } };
  const processor = unified().use(remarkParse).use(config.plugins);
  const file = new VFile({ path: path.join(ROOT, 'content/cases/riverside-clinic.md'), value: markdown, cwd: ROOT });
  const cwd = process.cwd();
  process.chdir(ROOT); // the rule resolves schema paths from the workspace, as the editor runs it
  try {
    await processor.run(processor.parse(file), file);
  } finally {
    process.chdir(cwd);
  }
  return file.messages.map((m) => `${m.line ?? '-'}:${m.column ?? '-'} ${m.reason.split(' • ')[0]}`);
}

describe('frontmatter checking in the editor (.vscode + .remarkrc.mjs)', () => {
  const good = readFileSync(path.join(ROOT, 'content/cases/riverside-clinic.md'), 'utf8');

  it('finds nothing wrong with a valid case', async () => {
    expect(await lint(good)).toEqual([]);
  });

  it('underlines a malformed date and an unknown field, as the schema generated from zod says', async () => {
    const bad = good.replace(/^reviewed: .*$/m, 'reviewed: 28/11/2026').replace('lang: en', 'lang: en\nlangauge: en');
    const line = bad.split('\n').findIndex((l) => l.startsWith('reviewed: ')) + 1;
    const messages = await lint(bad);
    expect(messages).toContain(`${line}:11 Must match pattern "^\\d{4}-\\d{2}-\\d{2}$"`);
    expect(messages.some((m) => m.includes('additional properties'))).toBe(true);
  });

  it('wires the schemas and recommends the extensions that read them', () => {
    const settings = readJsonc('.vscode/settings.json');
    const yamlSchemas = settings['yaml.schemas'] as Record<string, string[]>;
    for (const schema of Object.keys(yamlSchemas)) expect(existsSync(path.join(ROOT, schema))).toBe(true);
    const jsonSchemas = settings['json.schemas'] as { fileMatch: string[]; url: string }[];
    expect(jsonSchemas[0]!.fileMatch).toContain('content/sources.lock.json');
    expect(existsSync(path.join(ROOT, jsonSchemas[0]!.url))).toBe(true);
    const { recommendations } = readJsonc('.vscode/extensions.json') as { recommendations: string[] };
    expect(recommendations).toEqual(expect.arrayContaining(['unifiedjs.vscode-remark', 'redhat.vscode-yaml']));
  });
});
