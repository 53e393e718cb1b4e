/**
 * A case file whose frontmatter is opened by `---` on line 1 and never closed: the blank line that ends its fields
 * turned into the closing `---`, so that the rest of the file is checked as written (its claims against the sources the
 * fields name) while the missing line is reported. The line count stays the same: every place reported stays true.
 * Undefined when the fields do not end at a blank line before the first line that is not YAML (`:::claim…`,
 * `## Heading`, a sentence): then nothing can be said for certain of where the journalist meant them to end.
 */
export function closeFrontmatter(markdown: string): { markdown: string; line: number } | undefined {
  if (!/^---[ \t]*\r?\n/.test(markdown)) return undefined;
  const lines = markdown.split('\n');
  let blank = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') blank = i;
    else if (!YAML_LINE.test(line)) break;
  }
  // The blank line must stand right above the first line that is not YAML, after at least one field.
  if (blank < 2 || (blank + 1 < lines.length && lines[blank + 1]!.trim() !== '' && YAML_LINE.test(lines[blank + 1]!))) return undefined;
  const closed = [...lines];
  closed[blank] = lines[blank]!.endsWith('\r') ? '---\r' : '---';
  return { markdown: closed.join('\n'), line: blank + 1 };
}

/** A line that YAML fields are made of: `field: …`, an indented line, a list item. */
const YAML_LINE = /^(?:[ \t]+\S|- |-$|[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$))/;
