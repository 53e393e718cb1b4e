/** A field of the frontmatter found by its line: where its name starts and whether a value follows it there. */
interface FieldLine {
  line: number;
  /** Column of the field name, 0-based (after a list item's `- `). */
  indent: number;
  name: string;
  /** A value on the field's own line, other than a block scalar's `|` or `>`. */
  inlineValue: boolean;
  /** Opens a block scalar (`|`, `>`): the lines indented under it are its text. */
  block: boolean;
  /** The line is a list item (`- name: …`): its name's column starts the item's fields. */
  item: boolean;
}

const FIELD = /^( *)(- +)?([^\s:#'"\-[{][^:#]*?):(?:[ \t]+(.*?))?[ \t]*$/u;

/**
 * Fields indented wrong, found by lines before YAML's own messages, which name the place where the parse failed
 * rather than the line to fix (a field indented under one that has a value reads to YAML as part of that value): a
 * field indented further than the field above it, which has a value of its own, or indented to a column no field
 * above it starts at. Called only for a frontmatter YAML refuses. Lines are 0-based indexes into the frontmatter;
 * messages name lines of the file, the frontmatter's first being `firstLine`.
 */
export function misindentedFields(yamlText: string, firstLine: number): { line: number; column: number; message: string }[] {
  const found: { line: number; column: number; message: string }[] = [];
  const fields: FieldLine[] = [];
  let blockIndent = -1;
  /** A quoted or flow value (`"…`, `[…`) left open on its field's line: the lines up to its end are part of it. */
  let openValue: OpenValue | undefined;
  yamlText.split(/\r?\n/).forEach((text, line) => {
    if (openValue) {
      openValue = stillOpen(openValue, text);
      return;
    }
    if (!text.trim() || text.trimStart().startsWith('#')) return;
    const indent = text.length - text.trimStart().length;
    if (blockIndent >= 0 && indent > blockIndent) return;
    blockIndent = -1;
    if (/\t/.test(text.slice(0, indent + 1))) return; // YAML names tabs itself
    const match = FIELD.exec(text);
    if (!match) return;
    const value = match[4] ?? '';
    const field: FieldLine = {
      line,
      indent: indent + (match[2]?.length ?? 0),
      name: match[3]!.trim(),
      inlineValue: value !== '' && !/^[|>][-+0-9]*$/.test(value),
      block: /^[|>][-+0-9]*$/.test(value),
      item: match[2] !== undefined,
    };
    if (field.block) blockIndent = field.indent;
    openValue = opened(value);
    const above = fields[fields.length - 1];
    // A field found indented wrong is not what the next one is measured against: it is where the mistake is.
    if (above && !field.item && indent > above.indent && above.inlineValue) {
      found.push({ line, column: indent, message: `\`${field.name}:\` is indented under \`${above.name}:\` (line ${firstLine + above.line}), which has a value of its own, expected the two fields in line with each other, at the same indentation` });
    } else if (above && !field.item && indent < above.indent && !fields.some((f) => f.indent === indent)) {
      const levels = [...new Set(fields.map((f) => f.indent))].filter((n) => n <= above.indent).sort((a, b) => a - b);
      found.push({ line, column: indent, message: `\`${field.name}:\` is indented ${indent} space${indent === 1 ? '' : 's'}, where no field above it starts, expected ${levels.join(' or ')} spaces, in line with the fields it belongs with` });
    } else fields.push(field);
  });
  return found;
}

/** A value still open at the end of a line: a quoted one waiting for its closing quote, or a flow one for its brackets. */
type OpenValue = { quote: '"' | "'" } | { depth: number };

/** The value a field's line leaves open, if any. */
function opened(value: string): OpenValue | undefined {
  if (value.startsWith('"')) return /^"(?:[^"\\]|\\.)*"/.test(value) ? undefined : { quote: '"' };
  if (value.startsWith("'")) return /^'(?:[^']|'')*'/.test(value) ? undefined : { quote: "'" };
  if (value.startsWith('[') || value.startsWith('{')) return stillOpen({ depth: 0 }, value);
  return undefined;
}

/** What is still open after one more line of a value. */
function stillOpen(open: OpenValue, text: string): OpenValue | undefined {
  if ('quote' in open) return (open.quote === '"' ? /(?:^|[^\\])"/ : /'(?!')/).test(text) ? undefined : open;
  const depth = open.depth + (text.match(/[[{]/g)?.length ?? 0) - (text.match(/[\]}]/g)?.length ?? 0);
  return depth > 0 ? { depth } : undefined;
}
