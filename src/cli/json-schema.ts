#!/usr/bin/env node
/**
 * Writes docs/case-frontmatter.schema.json from the zod schema, for editors that
 * validate YAML frontmatter (e.g. VS Code's YAML extension). `npm run docs:schema`;
 * a test fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { caseFrontmatterSchema } from '../schemas/frontmatter.ts';

export function frontmatterJsonSchema(): string {
  const schema = z.toJSONSchema(caseFrontmatterSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'tahqiq case frontmatter', ...schema }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../docs/case-frontmatter.schema.json', import.meta.url), frontmatterJsonSchema());
  console.log('wrote docs/case-frontmatter.schema.json');
}
