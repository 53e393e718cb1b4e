#!/usr/bin/env node
/**
 * Writes the JSON Schemas editors use, from the zod schemas (`npm run docs:schema`; a test fails when one is stale):
 * - docs/case-frontmatter.schema.json: case frontmatter (VS Code's remark and YAML extensions, see .vscode/);
 * - docs/sources-lock.schema.json: content/sources.lock.json (VS Code's built-in JSON support).
 * Draft-07, which both extensions understand.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { caseFrontmatterSchema } from '../schemas/frontmatter.ts';
import { sourcesLockSchema } from '../schemas/sources-lock.ts';

function toJsonSchema(title: string, schema: z.ZodType): string {
  return `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) }, null, 2)}\n`;
}

export function frontmatterJsonSchema(): string {
  return toJsonSchema('tahqiq case frontmatter', caseFrontmatterSchema);
}

export function sourcesLockJsonSchema(): string {
  return toJsonSchema('tahqiq source lock (content/sources.lock.json)', sourcesLockSchema);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../docs/case-frontmatter.schema.json', import.meta.url), frontmatterJsonSchema());
  writeFileSync(new URL('../../docs/sources-lock.schema.json', import.meta.url), sourcesLockJsonSchema());
  console.log('wrote docs/case-frontmatter.schema.json, docs/sources-lock.schema.json');
}
