import { isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';

/** At most this many rounds of leaving out lines: each round leaves out at least one more, or the reading stops. */
const MAX_ROUNDS = 20;

/**
 * What YAML still reads of a frontmatter with errors, with the lines where the errors are left out. A colon in an
 * unquoted value (`title: Raid: 3 dead`) makes YAML read every field after it as part of that value, so the `source`
 * written below it is not where a reader of the data looks; left out, the line no longer takes the rest with it.
 * `leaveOut` holds lines known to be wrong before YAML says so (0-based: fields indented wrong), left out first: the
 * errors YAML finds around them come of them. Then the lines where YAML still finds errors are left out in turn, until
 * it finds none or no new line is left to leave out. Undefined when
 * nothing can be read safely (an alias into itself, an alias bomb).
 */
export function dataAroundErrors(yamlText: string, doc: Document, leaveOut: Iterable<number>): unknown {
  const lines = yamlText.split('\n');
  const left = new Set(leaveOut);
  let text = left.size > 0 ? textWithout(lines, left) : yamlText;
  let read = left.size > 0 ? parseDocument(text, { prettyErrors: false, logLevel: 'error' }) : doc;
  for (let round = 0; round < MAX_ROUNDS && read.errors.length > 0; round++) {
    const more = read.errors.map((error) => lineAt(text, errorOffset(read, error))).filter((line) => !left.has(line));
    if (more.length === 0) break;
    for (const line of more) left.add(line);
    text = textWithout(lines, left);
    read = parseDocument(text, { prettyErrors: false, logLevel: 'error' });
  }
  return readableData(read);
}

/** The text with these lines left empty: every other line keeps its number. */
function textWithout(lines: readonly string[], left: ReadonlySet<number>): string {
  return lines.map((line, i) => (left.has(i) ? '' : line)).join('\n');
}

/** The 0-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The data of YAML, as far as it can be read safely (no alias into itself, no alias bomb). */
function readableData(doc: Document): unknown {
  if (selfReference(doc)) return undefined;
  try {
    return doc.toJS({ maxAliasCount: 50 });
  } catch {
    return undefined;
  }
}

/**
 * Where a YAML error really is. A quote or a flow list (`[…`) or map (`{…`) left open is noticed where YAML gives up
 * on it, lines below; the journalist needs the line where it opens.
 */
export function errorOffset(doc: Document, error: YAMLError): number {
  const at = error.pos[0];
  const quote = error.code === 'MISSING_CHAR' && /quote/i.test(error.message);
  const flow = error.code === 'BAD_INDENT' && /^Flow (?:sequence|map)\b.*end with/.test(error.message);
  if (!quote && !flow) return at;
  let opened: number | undefined;
  const open = (node: { range?: [number, number, number] | null }) => {
    const range = node.range;
    if (range && range[0] < at && range[1] >= at) opened = range[0];
  };
  visit(doc, {
    Scalar(_key, scalar) {
      if (quote && (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE')) open(scalar);
    },
    Seq(_key, seq) {
      if (flow && seq.flow) open(seq);
    },
    Map(_key, map) {
      if (flow && map.flow) open(map);
    },
  });
  return opened ?? at;
}

/** An alias inside the very node its anchor names (`&a [*a]`): its value would never end. */
export function selfReference(doc: Document): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined;
  visit(doc, {
    Alias(_key, alias) {
      const target = alias.resolve(doc);
      const at = alias.range?.[0];
      const range = target && !isScalar(target) ? target.range : undefined;
      if (at !== undefined && range && at >= range[0] && at < range[1]) {
        found = { name: alias.source, offset: at };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
