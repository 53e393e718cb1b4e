import type { Root } from 'mdast';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { caseFrontmatterSchema, sourceSchema, sourcesItemSchema, type CaseFrontmatter } from '../schemas/frontmatter.ts';
import { hasUiStrings } from '../i18n/ui.ts';
import { reportYamlEscapes } from './escaped-invisible.ts';
import { misindentedFields } from './frontmatter-indentation.ts';
import { closest, list, offsetToPoint, plainMessage } from './messages.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { isRecord, salvageDocuments, type SalvagedFields } from './salvage-frontmatter.ts';
import { dataAroundErrors, errorOffset, selfReference } from './yaml-around-errors.ts';

/** Reads the YAML frontmatter and checks it against the schema, pointing at the offending key. */
export function readFrontmatter(root: Root, file: string, problems: ProblemList): {
  data?: CaseFrontmatter;
  place: Point;
  documentPlace?: Point;
  /** Place of any key, e.g. `['sources', 1, 'id']` (its nearest existing parent when absent). */
  placeOf?: (path: (string | number)[]) => Point;
  /** When the fields fail their schema (`data` undefined): what the claims can still be checked against. */
  salvaged?: SalvagedFields;
} {
  const node = root.children[0];
  if (node?.type !== 'yaml') {
    // A `---` on the first line with no `---` line after the fields is a line across the page to markdown.
    const unclosed = node?.type === 'thematicBreak' && node.position?.start.line === 1;
    problems.add('frontmatterMissing', file, { line: 1, column: 1 }, unclosed
      ? 'Unexpected end of frontmatter: the `---` on line 1 opens it and no `---` line closes it, expected a `---` line after its last field (`summary: …`)'
      : 'Unexpected start of case file, expected frontmatter opening with `---`');
    return { place: { line: 1, column: 1 } };
  }
  const base: Point = { line: (node.position?.start.line ?? 1) + 1, column: 1 };
  const doc: Document = parseDocument(node.value, { prettyErrors: false, logLevel: 'error' });
  hashesAsWritten(doc);
  reportYamlEscapes(doc, node.value, base, file, problems);
  const placeOf = (path: (string | number)[]) => keyPlace(doc, node.value, path, base);
  if (doc.errors.length > 0) {
    // A field indented wrong is named at its own line; YAML's messages about the lines around it say the same less clearly.
    const misindented = misindentedFields(node.value, base.line);
    for (const field of misindented) {
      problems.add('frontmatterSyntax', file, { line: base.line + field.line, column: field.column + 1 }, `Invalid YAML in frontmatter: ${field.message}`);
    }
    // YAML's errors on a misindented line, and on the line above it when that line alone is valid YAML.
    const yamlLines = node.value.split(/\r?\n/);
    const explained = new Set(misindented.flatMap((f) => {
      const above = yamlLines[f.line - 1];
      const aboveValid = above !== undefined && parseDocument(above.trim(), { logLevel: 'error' }).errors.length === 0;
      return aboveValid ? [base.line + f.line - 1, base.line + f.line] : [base.line + f.line];
    }));
    /** Lines whose value in typographic quotes is reported: YAML's other errors there come of it. */
    const typographicLines = new Set<number>();
    /** Lines reported as nested too deep, once each. */
    const deepLines = new Set<number>();
    for (const error of doc.errors) {
      const line = offsetToPoint(node.value, errorOffset(doc, error), base).line;
      if (explained.has(line) || typographicLines.has(line)) continue;
      const yamlMessage = error.message.split('\n')[0] ?? error.message;
      // A `: ` inside a value in typographic quotes is what YAML then reads as a new field (and nothing else is).
      const typographic = COLON_IN_VALUE.has(error.code) ? typographicValue(node.value, errorOffset(doc, error)) : undefined;
      if (typographic) typographicLines.add(line);
      const plain = typographic
        ? `a value in typographic quotes (\`${typographic}\`), which YAML does not read as quotes, expected straight ones: \`"…"\``
        : plainYamlError(error.code, yamlMessage);
      const point = offsetToPoint(node.value, errorOffset(doc, error), base);
      if (TOO_DEEP.test(yamlMessage)) {
        // Where the reader gave up inside the nesting changes from run to run: the line's first character does not.
        if (deepLines.has(line)) continue;
        deepLines.add(line);
        point.column = (/^\s*/.exec(yamlLines[line - base.line] ?? '')?.[0].length ?? 0) + 1;
      }
      problems.add('frontmatterSyntax', file, point, `Invalid YAML in frontmatter: ${plain ? `${plain} (YAML: ${yamlMessage})` : yamlMessage}`);
    }
    // What YAML reads with the wrong lines left out may still name the documents: the claims are checked against
    // them. (Only when it finds a `source` or `sources`: one left out with a wrong line is not missing.)
    const data = dataAroundErrors(node.value, doc, misindented.map((field) => field.line));
    const salvaged = isRecord(data) && (data['source'] !== undefined || data['sources'] !== undefined) ? salvageDocuments(data) : undefined;
    return { place: base, placeOf, ...(salvaged ? { salvaged } : {}) };
  }
  // `!foo bar` or `!!js/function …`: YAML keeps the text and drops a tag it does not know, unseen.
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = node.value.slice(warning.pos[0]).split(/\s/, 1)[0] || warning.message.replace(/^Unresolved tag: /, '');
    problems.add('frontmatterSyntax', file, offsetToPoint(node.value, warning.pos[0], base),
      `Invalid YAML in frontmatter: a tag \`${excerpt(tag, 30)}\` YAML does not know (it would keep only the text after it), expected a plain value without it`);
  }
  // Walked only when some line could hold one: most frontmatters have no ` #` joined to a word at all.
  if (/[ \t]#[^\s#]/.test(node.value)) reportTrailingComments(doc, node.value, base, file, problems);
  const cycle = selfReference(doc);
  if (cycle) {
    problems.add('frontmatterSyntax', file, offsetToPoint(node.value, cycle.offset, base),
      `Invalid YAML in frontmatter: alias \`*${cycle.name}\` refers to the value that contains it, expected a value that ends`);
    return { place: base };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    problems.add('frontmatterSyntax', file, base, `Invalid YAML in frontmatter: ${error instanceof Error ? error.message : String(error)}`);
    return { place: base };
  }
  const result = caseFrontmatterSchema.safeParse(data);
  if (result.success) {
    if (!hasUiStrings(result.data.lang)) {
      problems.add('noUiStrings', file, placeOf(['lang']),
        `No interface strings for \`lang: ${result.data.lang}\`: the page's headings, table and buttons will be in English`);
    }
    return { data: result.data, place: base, documentPlace: placeOf(['source', 'document']), placeOf };
  }
  // A misspelt field is one problem (`sumary`, did you mean `summary`?), not a second one for the field it misses.
  const misspelt = new Set(result.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys'
    ? issue.keys.flatMap((k) => closest(k, allowedKeys(issue.path.join('.'))) ?? []).map((guess) => [...issue.path, guess].join('.'))
    : [])));
  // Each unknown field where it is written: `sumary:` on one line, `foo:` on another, are two problems.
  const issues = result.error.issues.flatMap((issue): z.core.$ZodIssue[] => (issue.code === 'unrecognized_keys' ? issue.keys.map((key) => ({ ...issue, keys: [key] })) : [issue]));
  for (const issue of issues) {
    if (misspelt.has(issue.path.join('.')) && doc.getIn(issue.path as (string | number)[]) === undefined) continue;
    problems.add('frontmatterField', file, frontmatterPlace(doc, node.value, issue, base), frontmatterMessage(doc, issue));
  }
  const salvaged = misspelt.has('source') || misspelt.has('sources') ? undefined : salvageDocuments(data);
  return { place: base, placeOf, ...(salvaged ? { salvaged } : {}) };
}

/**
 * The typographic quotes (`“…”`, `«…»`) around the value of the field whose line holds the error, if any: a word
 * processor's quotes are text to YAML, so a `: ` inside such a value starts a new field.
 */
function typographicValue(yamlText: string, offset: number): string | undefined {
  const lineStart = yamlText.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const lineEnd = yamlText.indexOf('\n', lineStart);
  const line = yamlText.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const quoted = /^\s*(?:-\s+)?[^\s:]+:\s*([“„‟‘‚‛«»”])(.*)([”“‟’‛»«])\s*$/u.exec(line);
  return quoted && /:\s/u.test(quoted[2]!) ? `${quoted[1]}…${quoted[3]}` : undefined;
}

/** The engine's own words when YAML's reader runs out of stack on values nested thousands deep. */
const TOO_DEEP = /Maximum call stack size exceeded/;

/** A YAML error in the words of the file: what was typed, and what YAML expected instead (undefined: YAML's words will do). */
function plainYamlError(code: YAMLError['code'], yamlMessage: string): string | undefined {
  if (/^Implicit map keys need to be followed by map values/.test(yamlMessage)) return 'a line with no `: ` after a field name, expected `field: value`, or a long value in quotes on one line';
  if (code === 'MISSING_CHAR' && /quote/i.test(yamlMessage)) return 'a value that opens a quote and never closes it, expected the same quote mark at the end of the value (until then, YAML reads the lines below as part of it)';
  if (code === 'BAD_INDENT' && /^Flow (?:sequence|map)\b.*end with/.test(yamlMessage)) {
    const [open, close] = yamlMessage.startsWith('Flow map') ? ['{', '}'] : ['[', ']'];
    return `a value that opens with \`${open}\` and never closes it, expected the closing \`${close}\` at the end of the value, with any line it runs onto indented under the field`;
  }
  if (TOO_DEEP.test(yamlMessage)) return 'values nested too deep (lists or groups inside each other, thousands of levels), expected a few levels at most';
  return PLAIN_YAML_ERRORS[code];
}

/** YAML's errors for a `: ` inside an unquoted value, read as the start of a new field. */
const COLON_IN_VALUE = new Set<YAMLError['code']>(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/** The YAML errors a journalist meets most, in their words: what was typed, and what YAML expected instead. */
const PLAIN_YAML_ERRORS: Partial<Record<YAMLError['code'], string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'a `: ` inside an unquoted value (on its line, or on a line indented under it) reads as a new field to YAML, expected the value in quotes (`title: "…: …"`), or each field on a line of its own at its own indentation',
  MULTILINE_IMPLICIT_KEY: 'a line that is neither a field nor part of the value above, expected `field: value` on one line, or a long value in quotes',
};

/**
 * `summary: Raid kills 3 #breaking`: YAML ends an unquoted value at ` #`, and the rest of the line is a comment, never
 * published. A `#` joined to what follows it, after an unquoted value on its line, is reported where it starts; `# `
 * with a space, a comment on a line of its own, or one after a quoted value is a comment by intent.
 */
function reportTrailingComments(doc: Document, yamlText: string, base: Point, file: string, problems: ProblemList): void {
  visit(doc, {
    Scalar(key, scalar) {
      if (key === 'key' || scalar.type !== 'PLAIN' || !scalar.range) return;
      const rest = yamlText.slice(scalar.range[1]).split('\n', 1)[0]!;
      // `# ` with a space is a comment by intent (`lang: ar # Arabic`); `#` joined to a word or number (`#breaking`,
      // `#4`) is text the journalist meant to keep.
      const comment = /^[ \t]+#(?=[^\s#])/.exec(rest);
      if (!comment) return;
      const at = scalar.range[1] + comment[0].length - 1;
      problems.add('frontmatterComment', file, offsetToPoint(yamlText, at, base),
        `Unexpected comment \`${excerpt(rest.trim(), 40)}\` after \`${excerpt(String(scalar.source ?? scalar.value), 30)}\`: YAML leaves it out of the value, expected the whole value in quotes`);
    },
  });
}

function frontmatterPlace(doc: Document, yamlText: string, issue: z.core.$ZodIssue, base: Point): Point {
  const path = issue.path as (string | number)[];
  return keyPlace(doc, yamlText, issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path, base);
}

/** Place of a YAML key, or of its nearest existing parent key, or the frontmatter start. */
function keyPlace(doc: Document, yamlText: string, path: (string | number)[], base: Point): Point {
  for (let p = path; p.length > 0; p = p.slice(0, -1)) {
    const parent = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((item) => String((item.key as { value?: unknown })?.value) === String(p[p.length - 1]));
      const range = (pair?.key as { range?: [number, number] } | undefined)?.range;
      if (range) return offsetToPoint(yamlText, range[0], base);
    }
    if (isSeq(parent) && typeof p[p.length - 1] === 'number') { // a list item: asked for, or holding the field that is missing
      const range = (parent.items[p[p.length - 1] as number] as { range?: [number, number] } | undefined)?.range;
      if (range) return offsetToPoint(yamlText, range[0], base);
    }
  }
  return base;
}

/** The fields allowed at a place of the frontmatter (`''` the top, `source`, `sources.0`…). */
function allowedKeys(field: string): string[] {
  return Object.keys(field === 'source' ? sourceSchema.shape : /^sources\.\d+$/.test(field) ? sourcesItemSchema.shape : caseFrontmatterSchema.shape);
}

/**
 * A field named as the journalist finds it in the file: `source.url` as it is, but a field of a list item by the
 * item's number from 1 and its `id`, never by index: `sources.0.url` is `url` in `sources` item 1 (`id: report`).
 * `within` is empty for a field outside any list; `name` is empty for the item of a list of values (`reviewers`).
 */
function fieldName(doc: Document, path: readonly PropertyKey[]): { name: string; within: string } {
  const at = path.findIndex((p) => typeof p === 'number');
  if (at < 0) return { name: path.join('.'), within: '' };
  const item = doc.getIn(path.slice(0, at + 1) as (string | number)[], true);
  const id = isMap(item) ? item.get('id') : undefined;
  const within = `\`${path.slice(0, at).join('.')}\` item ${(path[at] as number) + 1}${typeof id === 'string' ? ` (\`id: ${id}\`)` : ''}`;
  return { name: path.slice(at + 1).join('.'), within };
}

function frontmatterMessage(doc: Document, issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.');
  if (issue.path.length === 0 && issue.code === 'invalid_type' && (doc.contents === null || doc.toJS() == null)) {
    return 'Missing frontmatter fields: nothing between the `---` lines, expected `title: …`, `lang: …`, `source: …`, `reviewed: …` and `summary: …` on their own lines';
  }
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return `Unexpected frontmatter \`${excerpt(JSON.stringify(doc.toJS()), 40)}\`, expected fields such as \`title: …\` on their own lines`;
  }
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(field);
    return issue.keys
      .map((k) => {
        const guess = closest(k, allowed);
        const { name, within } = fieldName(doc, [...issue.path, k]);
        return `Unexpected frontmatter field \`${name}\`${within && ` in ${within}`}, expected one of ${list(allowed)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_key') {
    // A key of a map whose keys follow a rule (`revisions`: commit hashes): the rule's own words, not zod's.
    const rule = issue.issues[0]?.message;
    return `Unexpected \`${excerpt(String(issue.path[issue.path.length - 1]), 40)}:\` in \`${issue.path.slice(0, -1).join('.')}\`, ${rule ? plainMessage(rule) : 'expected another key'}`;
  }
  const value = doc.getIn(issue.path as (string | number)[]);
  const { name, within } = fieldName(doc, issue.path);
  if (value === undefined) return `Missing frontmatter field \`${name}\`${within && ` in ${within}`}`;
  // As written where YAML changed it (`1e400` is read as Infinity, `0x1F` as 31, `!!binary aGk=` as bytes).
  const node = doc.getIn(issue.path as (string | number)[], true);
  const source = isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  const written = source === undefined ? undefined : typeof value === 'number' ? source : value instanceof Uint8Array ? `!!binary ${source}` : undefined;
  const shown = excerpt(written ?? String(value instanceof Date ? value.toISOString().slice(0, 10) : value), 40);
  // Only where the schema gives no words of its own (`url` says what an address looks like).
  const expected = issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected') ? expectedShape(issue.expected, issue.path, shown, value) : undefined;
  if (!name) return `Unexpected ${within}: \`${shown}\`, ${expected ?? plainMessage(issue.message)}`;
  return `Unexpected \`${name}: ${shown}\`${within && ` in ${within}`}, ${expected ?? plainMessage(issue.message)}`;
}

/** Fields holding a `YYYY-MM-DD` date: quoting a number there would not make it one. */
const DATE_FIELDS = new Set(['reviewed', 'published']);

/**
 * A value of the wrong shape, in the words of the file rather than the schema's ("expected object, received string"):
 * what to write instead, for a group of fields, a list, or text YAML read as a number or `true`.
 */
function expectedShape(expected: string, path: readonly PropertyKey[], shown: string, value: unknown): string | undefined {
  const field = String(path[path.length - 1] ?? '');
  if (expected === 'object' && field === 'source') {
    return 'expected the document\'s fields on lines of their own under `source:`, each indented two spaces: `document: seeds/report.txt`, `publisher: Associated Press`';
  }
  if (expected === 'object') return `expected fields (\`name: value\`) on lines indented under it`;
  if (expected === 'array' && field === 'sources') {
    return 'expected a list of documents under `sources:`, each starting with a `- id: …` line and its `document:` and `publisher:` indented under it';
  }
  if (expected === 'array') return `expected a list: \`${field}: [${shown}]\`, or one \`- …\` line for each item under \`${field}:\``;
  if (expected === 'boolean') return 'expected `true` or `false` (YAML reads only these as yes or no)';
  if (expected === 'string' && isSeq(value)) return 'expected text on the field\'s own line, not a list under it';
  if (expected === 'string' && isMap(value)) return 'expected text on the field\'s own line, not fields under it';
  if (expected === 'string') {
    const read = value instanceof Uint8Array ? 'binary data (its `!!binary` tag)' : typeof value === 'boolean' ? '`true` or `false`' : value instanceof Date ? 'a timestamp' : 'a number';
    if (DATE_FIELDS.has(field)) return `YAML reads it as ${read}, expected a date written \`YYYY-MM-DD\``;
    if (value instanceof Uint8Array) return `YAML reads it as ${read}, expected text: remove the tag`;
    return `YAML reads it as ${read}, expected text: put it in quotes, \`"${shown}"\``;
  }
  return undefined;
}

/**
 * The keys of `revisions` as written: YAML reads a commit hash of digits as a number (`0123456` as 123456, `12345e7`
 * as 123450000000), which would name another commit, or none.
 */
function hashesAsWritten(doc: Document): void {
  const revisions = isMap(doc.contents) ? doc.contents.get('revisions', true) : undefined;
  if (!isMap(revisions)) return;
  for (const pair of revisions.items) {
    if (isScalar(pair.key) && pair.key.type === 'PLAIN' && typeof pair.key.source === 'string') pair.key.value = pair.key.source;
  }
}

