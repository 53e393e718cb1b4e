import path from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { basePathSchema, contactSchema, organizationSchema, publicAddressProblem, siteConfigSchema, type SiteConfig } from '../schemas/site-config.ts';
import { languageTagSchema } from '../schemas/frontmatter.ts';
import { reportYamlEscapes } from './escaped-invisible.ts';
import { reportInvisibleText } from './invisible-text.ts';
import { closest, list, offsetToPoint, plainMessage } from './messages.ts';
import { excerpt, ProblemList, type Point } from './problems.ts';
import { readConfigTextSync } from './read-config-text.ts';
import { SITE_ENV } from './site-env.ts';
import { errorOffset } from './yaml-around-errors.ts';

/** Where the site configuration lives, relative to the project root. */
export const SITE_CONFIG_FILE = 'content/site.yaml';

export interface SiteConfigResult {
  config?: SiteConfig;
  problems: ProblemList;
}

const START: Point = { line: 1, column: 1 };

/**
 * Reads and validates `content/site.yaml`, then applies the environment overrides.
 * Every problem is reported at file:line:column (the offending key), none thrown.
 */
export function readSiteConfig(root: string, env: Record<string, string | undefined> = process.env, file = SITE_CONFIG_FILE): SiteConfigResult {
  const problems = new ProblemList();
  const read = readConfigTextSync(path.resolve(root, file));
  if ('missing' in read) {
    problems.add('siteConfigMissing', file, START, `Unexpected missing file \`${file}\`, expected the site configuration`);
    return { problems };
  }
  if ('unusable' in read) {
    problems.add('siteConfigSyntax', file, START, `Unexpected \`${file}\`: ${read.unusable}`);
    return { problems };
  }
  const { text } = read;
  // The site's name and the organisation's are on every page: a bidi control there could make them read otherwise.
  reportInvisibleText(text, file, problems);
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'error' });
  reportYamlEscapes(doc, text, START, file, problems);
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.add('siteConfigSyntax', file, offsetToPoint(text, errorOffset(doc, error), START), `Invalid YAML: ${error.message.split('\n')[0]}`);
    return { problems };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    problems.add('siteConfigSyntax', file, START, `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`);
    return { problems };
  }
  const result = siteConfigSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.add('siteConfigField', file, issuePlace(doc, text, issue), issueMessage(doc, issue, data));
    return { problems };
  }
  const config = applyEnv(result.data, env, (name, key, message) => problems.add('siteConfigEnv', file, keyPlace(doc, text, [key]), `Unexpected \`${name}=${excerpt(env[name] ?? '', 40)}\`, ${message}`));
  return problems.errors.length > 0 ? { problems } : { config, problems };
}

function applyEnv(config: SiteConfig, env: Record<string, string | undefined>, report: (name: string, key: string, message: string) => void): SiteConfig {
  const out = structuredClone(config);
  const url = env[SITE_ENV.url];
  if (url) {
    const problem = /^https?:\/\/[^\s/]+/.test(url) && URL.canParse(url) ? publicAddressProblem(url) : 'expected an address starting with `https://`';
    if (problem) report(SITE_ENV.url, 'url', problem);
    else out.url = url;
  }
  const base = env[SITE_ENV.base];
  if (base) {
    const withSlashes = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
    const parsed = basePathSchema.safeParse(withSlashes);
    if (parsed.success) out.base = parsed.data;
    else report(SITE_ENV.base, 'base', plainMessage(parsed.error.issues[0]!.message));
  }
  const lang = env[SITE_ENV.lang];
  if (lang) {
    if (!languageTagSchema.safeParse(lang).success) report(SITE_ENV.lang, 'lang', 'expected a BCP 47 language tag such as `ar` or `en`');
    else if (out.name[lang] === undefined) report(SITE_ENV.lang, 'lang', `expected a language the site has a name for: ${list(Object.keys(out.name))}`);
    else out.lang = lang;
  }
  return out;
}

function issuePlace(doc: Document, text: string, issue: z.core.$ZodIssue): Point {
  const keys = issue.path as (string | number)[];
  return keyPlace(doc, text, issue.code === 'unrecognized_keys' ? [...keys, issue.keys[0]!] : keys);
}

/** Place of a YAML key, or of its nearest existing parent key, or the start of the file. */
function keyPlace(doc: Document, text: string, keys: (string | number)[]): Point {
  for (let p = keys; p.length > 0; p = p.slice(0, -1)) {
    const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(p[p.length - 1]));
      const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
      if (range) return offsetToPoint(text, range[0], START);
    }
  }
  return START;
}

function issueMessage(doc: Document, issue: z.core.$ZodIssue, data: unknown): string {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(issue.path as (string | number)[]);
    return issue.keys
      .map((k) => {
        const guess = closest(k, allowed);
        return `Unexpected field \`${field ? `${field}.` : ''}${k}\`, expected one of ${list(allowed)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`;
      })
      .join('; ');
  }
  if (issue.path.length === 0) return `Unexpected \`${excerpt(JSON.stringify(data) ?? 'nothing', 40)}\`, expected fields such as \`url: https://…\` on their own lines`;
  if (field === 'name' && issue.code === 'custom') {
    const lang = (data as { lang?: unknown }).lang;
    return `Missing \`name.${String(lang)}\`, expected a site name for the site language \`${String(lang)}\``;
  }
  const value = doc.getIn(issue.path as (string | number)[]);
  if (value === undefined) return `Missing field \`${field}\``;
  return `Unexpected \`${field}: ${excerpt(typeof value === 'object' ? JSON.stringify(value) : String(value), 40)}\`, ${plainMessage(issue.message)}`;
}

function allowedKeys(at: (string | number)[]): string[] {
  if (at[0] === 'organization') return Object.keys(organizationSchema.shape);
  if (at[0] === 'contact') return Object.keys(contactSchema.shape);
  return Object.keys(siteConfigSchema.shape);
}
