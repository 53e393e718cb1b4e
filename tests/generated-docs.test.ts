import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorsDoc } from '../src/cli/errors-doc.ts';
import { frontmatterJsonSchema, sourcesLockJsonSchema } from '../src/cli/json-schema.ts';
import { PROBLEMS } from '../src/core/problems.ts';

describe('the problem catalogue', () => {
  it('gives every kind a unique code', () => {
    const codes = Object.values(PROBLEMS).map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is listed in full in docs/errors.md (regenerate with `npm run docs:errors`)', () => {
    expect(readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')).toBe(errorsDoc());
  });
});

describe('the JSON Schema of the frontmatter for editors', () => {
  it('is generated from the zod schema and up to date (regenerate with `npm run docs:schema`)', () => {
    expect(readFileSync(new URL('../docs/case-frontmatter.schema.json', import.meta.url), 'utf8')).toBe(frontmatterJsonSchema());
  });

  it('has a companion schema for content/sources.lock.json, also up to date', () => {
    expect(readFileSync(new URL('../docs/sources-lock.schema.json', import.meta.url), 'utf8')).toBe(sourcesLockJsonSchema());
  });

  it('documents every frontmatter field', () => {
    const schema = JSON.parse(frontmatterJsonSchema()) as { properties: Record<string, { description?: string }> };
    for (const [name, field] of Object.entries(schema.properties)) expect(field.description, name).toBeTruthy();
  });
});
