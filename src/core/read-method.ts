import path from 'node:path';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { methodSchema, type Method } from '../schemas/method.ts';
import { reportYamlEscapes } from './escaped-invisible.ts';
import { reportInvisibleText } from './invisible-text.ts';
import { offsetToPoint, plainMessage } from './messages.ts';
import { processShared } from './process-shared.ts';
import { ProblemList, type Point, type Problem } from './problems.ts';
import { readConfigText, readConfigTextSync, type ConfigText } from './read-config-text.ts';
import { errorOffset } from './yaml-around-errors.ts';

/** Where a project keeps its method, from the project root. */
export const METHOD_FILE = 'content/method.yaml';

/** A method read from its file: the method when valid, and the problems found in it. */
export interface ReadMethod {
  method?: Method;
  problems: Problem[];
}

function keyPlace(doc: Document, text: string, keys: (string | number)[]): Point {
  for (let p = keys; p.length > 0; p = p.slice(0, -1)) {
    const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === String(p[p.length - 1]));
      const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
      if (range) return offsetToPoint(text, range[0], { line: 1, column: 1 });
    }
  }
  return { line: 1, column: 1 };
}

/** Parses and checks the text of a method file; every problem at its line and column (TQ420). */
export function parseMethod(text: string, file = METHOD_FILE): ReadMethod {
  const problems = new ProblemList();
  // Its definitions and rules are published on the ratings pages: no bidi control may make them read otherwise.
  reportInvisibleText(text, file, problems);
  const doc = parseDocument(text, { prettyErrors: false, logLevel: 'error' });
  reportYamlEscapes(doc, text, { line: 1, column: 1 }, file, problems);
  for (const error of doc.errors) problems.add('methodFile', file, offsetToPoint(text, errorOffset(doc, error), { line: 1, column: 1 }), `Invalid YAML in the method: ${error.message.split('\n')[0]}`);
  if (doc.errors.length) return { problems: problems.items };
  const result = methodSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (result.success) return { method: result.data, problems: problems.items };
  for (const issue of result.error.issues) {
    const keys = issue.path as (string | number)[];
    const field = keys.join('.');
    const value = doc.getIn(keys);
    const quotedNumber = issue.code === 'invalid_type' && issue.expected === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
    const message = issue.code === 'unrecognized_keys'
      ? `Unexpected field \`${field ? `${field}.` : ''}${issue.keys.join('`, `')}\` in the method`
      : value === undefined
        ? `Missing field \`${field}\` in the method`
        : `Unexpected \`${field}: ${shownValue(doc.getIn(keys, true), value)}\` in the method, ${quotedNumber ? 'expected a number: remove the quotes' : plainMessage(issue.message)}`;
    problems.add('methodFile', file, keyPlace(doc, text, issue.code === 'unrecognized_keys' ? [...keys, issue.keys[0]!] : keys), message);
  }
  return { problems: problems.items };
}

/** A value as written: text in quotes keeps them, so `"2"` where a number is expected shows why it is refused. */
function shownValue(node: unknown, value: unknown): string {
  if (isScalar(node) && typeof node.value === 'string' && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
    return node.type === 'QUOTE_DOUBLE' ? JSON.stringify(node.value) : `'${node.value}'`;
  }
  return String(value);
}

/** Reads `content/method.yaml` of a project. A project without one has no method checks (and no ratings pages). */
export async function readMethod(root: string): Promise<ReadMethod | undefined> {
  return methodOf(await readConfigText(path.join(root, METHOD_FILE)));
}

/** The same, synchronously, for pages rendered at build time (ratings pages, status labels). */
export function readMethodSync(root: string): ReadMethod | undefined {
  return methodOf(readConfigTextSync(path.join(root, METHOD_FILE)));
}

/** The method of a file's text; none when there is no file; a problem when the file is there but unusable. */
function methodOf(read: ConfigText): ReadMethod | undefined {
  if ('missing' in read) return undefined;
  if ('unusable' in read) {
    const problems = new ProblemList();
    problems.add('methodFile', METHOD_FILE, { line: 1, column: 1 }, `Unexpected \`${METHOD_FILE}\`: ${read.unusable}`);
    return { problems: problems.items };
  }
  return parseMethod(read.text);
}

/** One read per run: keyed by the run's source cache, which every case of a run shares. */
const perRun = new WeakMap<object, Promise<ReadMethod | undefined>>();

/**
 * The method for a case of this run. Its problems are added to every case's list, so a
 * broken method stops every case (and, merged, is printed once).
 */
export async function methodFor(root: string, run: object, problems: ProblemList): Promise<Method | undefined> {
  let pending = perRun.get(run);
  if (!pending) {
    pending = readMethod(root);
    perRun.set(run, pending);
  }
  const read = await pending;
  for (const p of read?.problems ?? []) problems.add(p.name, p.file, p.place, p.message, p.related, p.severity);
  return read?.method;
}

/** The site's method by project root, one per process: the pages and the content loader may hold separate copies of this module. */
const siteMethods = () => processShared('siteMethods', () => new Map<string, { method: Method | undefined }>());

/**
 * The method of the site being built (`content/method.yaml` under the working directory, where
 * `npm run build` and `astro dev` run), for pages: the ratings pages and the status labels.
 * The case loader has already reported any problem in it; an invalid or absent file gives undefined.
 */
export function siteMethod(root = process.cwd()): Method | undefined {
  const key = path.resolve(root);
  let read = siteMethods().get(key);
  if (!read) siteMethods().set(key, (read = { method: readMethodSync(root)?.method }));
  return read.method;
}

/** Makes the pages read the method again (the dev server, after `content/method.yaml` was saved). */
export function forgetSiteMethod(root: string): void {
  siteMethods().delete(path.resolve(root));
}
