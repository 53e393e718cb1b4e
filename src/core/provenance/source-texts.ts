import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lineStartsOf, pointAt } from '../source-document.ts';

/** A source document's text and fingerprint, as it is on disk now. */
export interface SourceText {
  text: string;
  sha256: string;
  /** Offset of the start of each line. */
  lineStarts: number[];
}

/** Reads source documents once per run (several cases may quote one document). Undefined when unreadable: the case check reports why. */
export class SourceTexts {
  private readonly cache = new Map<string, Promise<SourceText | undefined>>();
  private readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  get(document: string): Promise<SourceText | undefined> {
    let pending = this.cache.get(document);
    if (!pending) {
      pending = readFile(path.resolve(this.root, document)).then(
        (bytes) => {
          const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
          return { text, sha256: createHash('sha256').update(bytes).digest('hex'), lineStarts: lineStartsOf(text) };
        },
        () => undefined,
      );
      this.cache.set(document, pending);
    }
    return pending;
  }
}

/** 1-based line and column of an offset (the same lookup as a source document's). */
export const pointOf: (source: Pick<SourceText, 'lineStarts'>, offset: number) => { line: number; column: number } = pointAt;

/** Offset of a 1-based line and column. */
export function offsetOf(source: Pick<SourceText, 'lineStarts'>, point: { line: number; column: number }): number {
  return (source.lineStarts[point.line - 1] ?? 0) + point.column - 1;
}
