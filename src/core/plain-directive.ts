import type { PhrasingContent } from 'mdast';
import type { Position } from 'unist';
import { plainPhrasing, UNREADABLE, type Place } from './plain-inline.ts';
import type { WrittenAttribute } from './remark-directive-positions.ts';

/** What the line opening a directive says (`::name[label]{…}` or `:::name[label]{…}`), read as micromark reads it. */
export interface PlainDirectiveOpening {
  name: string;
  attributes: Record<string, string>;
  /** The label's inline nodes and its place, brackets included (none when it has no `[label]`). */
  label?: { children: PhrasingContent[]; position: Position };
  /** mdast-util-directive's places (`opening`, `attributes`) and remark-directive-positions' written attributes. */
  data: { position: { opening: Position; attributes?: Record<string, Position> }; writtenAttributes?: WrittenAttribute[] };
}

/** A directive's name as read here (ASCII letters and digits, `-` and `_` within), then `[`, `{` or the end. */
const NAME = { 2: /^::([A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)(?=[[{]|$)/, 3: /^:::([A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)(?=[[{]|$)/ } as const;
/** One attribute: `#id`, or `name`, `name=value`, `name="value"`; then a space or the end. */
const ATTRIBUTE = /#([^\s"#'.<=>`}&]+)|([A-Za-z][A-Za-z0-9_-]*)(?:=(?:"([^"&\\]*)"|([^\s"'<=>`}&\\]+)))?(?=[ }])/y;

/**
 * The line opening a leaf (`::`) or container (`:::`) directive, written whole on that line: a name, a label of plain
 * inline text or none, and attributes `#id`, `name`, `name=value` or `name="value"` (each once) or none; undefined for
 * anything else (a class, single quotes, a character reference, text after the braces…). `place` takes offsets in
 * `line`.
 */
export function readDirectiveOpening(line: string, colons: 2 | 3, place: Place): PlainDirectiveOpening | undefined {
  const name = NAME[colons].exec(line);
  if (!name || UNREADABLE.test(line)) return undefined;
  const opening: PlainDirectiveOpening = { name: name[1]!, attributes: {}, data: { position: { opening: place(0, line.length) } } };
  // The last character of the name, or of the label when there is one: the attributes' brace may follow it.
  let last = name[0].length - 1;
  if (line[last + 1] === '[') {
    const labelFrom = last + 2;
    const labelTo = line.indexOf(']', labelFrom);
    if (labelTo <= labelFrom || line.slice(labelFrom, labelTo).includes('[')) return undefined;
    const label = plainPhrasing(line, [[labelFrom, labelTo]], place);
    if (!label) return undefined;
    opening.label = { children: label, position: place(labelFrom - 1, labelTo + 1) };
    last = labelTo;
  }
  if (last === line.length - 1) return opening;
  if (line[last + 1] !== '{' || !line.endsWith('}')) return undefined;
  const places: Record<string, Position> = {};
  const written: WrittenAttribute[] = [];
  let i = last + 2;
  while (line[i] === ' ') i++;
  while (i < line.length - 1) {
    ATTRIBUTE.lastIndex = i;
    const found = ATTRIBUTE.exec(line);
    if (!found) return undefined;
    const [all, id, key, quoted, unquoted] = found;
    const attribute = id !== undefined ? 'id' : key!;
    if (Object.hasOwn(opening.attributes, attribute)) return undefined;
    opening.attributes[attribute] = id ?? quoted ?? unquoted ?? '';
    places[attribute] = place(i, i + all.length);
    written.push({ name: attribute, position: place(i, i + (id !== undefined ? all.length : key!.length)) });
    i += all.length;
    while (line[i] === ' ') i++;
  }
  opening.data.position.attributes = places;
  opening.data.writtenAttributes = written;
  return opening;
}

/** Offsets in one line of a text to places, the line being `line` (1-based) and starting at `offset`. */
export function linePlace(line: number, offset: number): Place {
  return (from, to) => ({ start: { line, column: from + 1, offset: offset + from }, end: { line, column: to + 1, offset: offset + to } });
}
