import type { Blockquote, Definition } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { NOTE_ATTRIBUTE_NAMES, noteAttributesSchema } from '../schemas/evidence.ts';
import { markdownToHtml } from './markdown-html.ts';
import { writtenQuote } from './read-claim.ts';
import { attributePlace, start } from './messages.ts';
import type { Point, ProblemList } from './problems.ts';
import { readDirectiveAttributes } from './read-directive-attributes.ts';

/** An editor's note anchored to a source passage (`:::note`), before the passage is looked up. */
export interface WrittenNote {
  /** The passage as typed (the note's blockquote). */
  passage: string;
  passagePlace: Point;
  doc?: string;
  docPlace: Point;
  occurrence?: number;
  occurrencePlace: Point;
  /** The note itself, rendered from markdown (safe HTML). */
  bodyHtml: string;
  place: Point;
}

/** Reads a `:::note`: one blockquote with the passage, then the note's text. */
export function readSourceNote(node: ContainerDirective, file: string, problems: ProblemList, dir: 'ltr' | 'rtl', definitions: Definition[]): WrittenNote | undefined {
  const place = start(node.position);
  const attributes = readDirectiveAttributes(node, noteAttributesSchema, NOTE_ATTRIBUTE_NAMES, '`:::note`', file, problems);
  const children = node.children.filter((c) => !(c.type === 'paragraph' && (c.data as { directiveLabel?: boolean } | undefined)?.directiveLabel));
  const quotes = children.filter((c): c is Blockquote => c.type === 'blockquote');
  const body = children.filter((c) => c.type !== 'blockquote' && c.type !== 'definition');
  if (quotes.length === 0) problems.add('noteWithoutQuote', file, place, 'Missing passage in `:::note`, expected a `> …` blockquote with the exact words the note is about');
  for (const extra of quotes.slice(1)) {
    problems.add('noteWithoutQuote', file, start(extra.position), 'Unexpected second quote in one note, expected exactly one `> …` blockquote (write one note per passage)');
  }
  if (body.length === 0) problems.add('noteWithoutBody', file, place, 'Missing note text, expected a paragraph after the `> …` passage');
  const quote = quotes[0];
  if (!attributes || !quote || quotes.length > 1 || body.length === 0) return undefined;
  const note: WrittenNote = {
    passage: writtenQuote(quote).text,
    passagePlace: writtenQuote(quote).place,
    docPlace: attributePlace(node, 'doc'),
    occurrencePlace: attributePlace(node, 'occurrence'),
    bodyHtml: markdownToHtml(body, dir, definitions),
    place,
  };
  if (attributes.doc) note.doc = attributes.doc;
  if (attributes.occurrence !== undefined) note.occurrence = attributes.occurrence;
  return note;
}
