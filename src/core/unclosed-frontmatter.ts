import { caseFrontmatterSchema } from '../schemas/frontmatter.ts';

/** The frontmatter's own fields: a line starting with another word and a colon (`Note: …`) is the body's. */
const FIELDS = new Set(Object.keys(caseFrontmatterSchema.shape));
/** `field:` and what follows on its line. */
const FIELD_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(\S.*)?|$)/;

/**
 * A case file whose frontmatter is opened by `---` on line 1 and never closed: the blank line that ends its fields
 * turned into the closing `---`, so that the rest of the file is checked as written (its claims against the sources the
 * fields name) while the missing line is reported. The line count stays the same: every place reported stays true.
 *
 * The fields are the lines from line 2 that YAML fields are made of: a frontmatter field (`title: …`), an indented
 * line, a list item under a field with no value on its line (`reviewers:` then `- …`), with blank lines between them.
 * They must end at a blank line, before the first other line (`:::claim…`, `## Heading`, `Note: …`, a sentence).
 * Undefined otherwise, or when no line is a frontmatter field: then nothing can be said for certain of where the
 * journalist meant them to end (a file may open with `---` as a line across the page, and no frontmatter at all).
 */
export function closeFrontmatter(markdown: string): { markdown: string; line: number } | undefined {
  if (!/^---[ \t]*\r?\n/.test(markdown)) return undefined;
  const lines = markdown.split('\n');
  let lastField = 0;
  let fields = 0;
  /** Whether a top-level `- ` item may follow: after a field with no value, or after another item. */
  let listMayFollow = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const field = FIELD_LINE.exec(line);
    if (field && FIELDS.has(field[1]!)) {
      fields++;
      listMayFollow = field[2] === undefined;
    } else if (/^[ \t]+\S/.test(line)) {
      // Indented: part of the field above (a nested field, an item, a folded value).
    } else if (listMayFollow && /^-(?:[ \t]|$)/.test(line)) {
      listMayFollow = true;
    } else break;
    lastField = i;
  }
  const closing = lastField + 1;
  if (fields === 0 || closing >= lines.length || lines[closing]!.trim() !== '') return undefined;
  const closed = [...lines];
  closed[closing] = lines[closing]!.endsWith('\r') ? '---\r' : '---';
  return { markdown: closed.join('\n'), line: closing + 1 };
}
