import type { Position } from 'unist';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import type { Point } from './problems.ts';

/** Helpers shared by the readers of a case file: places of nodes and attributes, and message wording. */

export function start(position: Position | undefined): Point {
  return { line: position?.start.line ?? 1, column: position?.start.column ?? 1 };
}

export function offsetToPoint(text: string, offset: number, base: Point): Point {
  const before = text.slice(0, offset).split('\n');
  const line = base.line + before.length - 1;
  const column = before.length === 1 ? base.column + offset : before[before.length - 1]!.length + 1;
  return { line, column };
}

/** Levenshtein distance, for "did you mean" on statuses and attribute names. */
export function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function closest(value: string, options: readonly string[]): string | undefined {
  const best = [...options].sort((x, y) => distance(value, x) - distance(value, y))[0];
  if (best === undefined) return undefined;
  const d = distance(value, best);
  // Close for its length, and not most of either word changed (`by` is not a misspelt `id`, nor `foo` of `doc`).
  return d <= Math.max(2, Math.floor(best.length / 3)) && d <= Math.floor(Math.max(value.length, best.length) / 2) ? best : undefined;
}

/** zod's wording without its prefixes ("Invalid input: ", "Too small: "), lower-cased to follow "Unexpected `x`, ". */
export function plainMessage(message: string): string {
  const text = message.replace(/^(Invalid input|Too small|Too big|Invalid string|Invalid option): /i, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function list(options: readonly string[]): string {
  return options.map((o) => `\`${o}\``).join(', ');
}

export function attributePlace(node: ContainerDirective | LeafDirective, name: string): Point {
  const positions = (node.data as { position?: { attributes?: Record<string, Position | undefined> } } | undefined)?.position?.attributes;
  return start(positions?.[name] ?? node.position);
}

/** An attribute value opening with a typographic quote mark (a word processor's “…”, ‘…’, „…“ or «…»). */
export const TYPOGRAPHIC_VALUE = /=\s*[“”„‟‘’‚‛«»]/u;
/** A value that opens or ends with one (reported by report-unpublishable.ts; the attribute readers report nothing more of it). */
export const TYPOGRAPHIC_MARK = /^[“”„‟‘’‚‛«»]|[“”„‟‘’‚‛«»]$/u;
