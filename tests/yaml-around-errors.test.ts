import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { dataAroundErrors } from '../src/core/yaml-around-errors.ts';

const read = (text: string, leaveOut: number[] = []) => dataAroundErrors(text, parseDocument(text, { prettyErrors: false }), leaveOut);

describe('dataAroundErrors', () => {
  it('leaves out a line whose colon would take the fields below it into its value', () => {
    expect(read('title: Raid: 3 dead\nlang: en\nsource:\n  document: seeds/a.txt\n  publisher: AP')).toEqual({
      lang: 'en',
      source: { document: 'seeds/a.txt', publisher: 'AP' },
    });
  });

  it('leaves out the line a quote opens on and never closes, not the lines the quote ran over', () => {
    expect(read('summary: "Two hurt\nsource:\n  document: seeds/a.txt\nlang: ar')).toEqual({
      source: { document: 'seeds/a.txt' },
      lang: 'ar',
    });
  });

  it('leaves out the lines it is given first, so the line above a misindented field stays', () => {
    const text = 'source:\n  document: seeds/a.txt\n   publisher: AP\nlang: en';
    expect(read(text, [2])).toEqual({ source: { document: 'seeds/a.txt' }, lang: 'en' });
  });

  it('keeps every line of a frontmatter with errors it can leave out one by one', () => {
    expect(read('a: b: c\nd: [1\ne: {f\ng: ok')).toEqual({ g: 'ok' });
  });

  it('reads nothing from an alias into the value that holds it', () => {
    expect(read('a: &x [*x]\nb: c: d')).toBeUndefined();
  });
});
