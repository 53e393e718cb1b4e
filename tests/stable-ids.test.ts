import { describe, expect, it } from 'vitest';
import { lineOf, parse, seedText } from './helpers/seed.ts';

function idsByLine(text: string): Map<number, string[]> {
  const { doc } = parse(text);
  const map = new Map<number, string[]>();
  for (const s of doc.sentences) map.set(lineOf(doc, s.start), [...(map.get(lineOf(doc, s.start)) ?? []), s.id]);
  return map;
}

describe('stable sentence ids', () => {
  const original = seedText();
  const before = idsByLine(original);

  it('gives every sentence a unique id of the form s-<7 hex>', () => {
    const ids = [...before.values()].flat();
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^s-[0-9a-f]{7}(-\d+)?$/);
  });

  it('keeps the ids of every other paragraph when one paragraph is edited', () => {
    const lines = original.split('\n');
    lines[15] = lines[15]!.replace('واقتادوه مصابًا', 'واقتادوه وهو مصاب');
    const after = idsByLine(lines.join('\n'));
    for (const [line, ids] of before) {
      if (line === 16) expect(after.get(line)?.[0]).not.toBe(ids[0]);
      else expect(after.get(line)).toEqual(ids);
    }
    // The untouched sentences of the edited paragraph keep theirs too.
    expect(after.get(16)?.slice(1)).toEqual(before.get(16)?.slice(1));
  });

  it('keeps every id when a paragraph is inserted (ids do not depend on position)', () => {
    const lines = original.split('\n');
    lines.splice(3, 0, 'فقرة جديدة أضيفت هنا. وجملة ثانية.');
    const after = [...idsByLine(lines.join('\n')).values()].flat();
    for (const id of [...before.values()].flat()) expect(after).toContain(id);
  });

  it('keeps an id when only diacritics of its sentence change', () => {
    const edited = original.replace('صنفت المجموعة المسعود كمدني.', 'صَنَّفَت المجموعة المسعود كمدني.');
    expect(idsByLine(edited).get(32)).toEqual(before.get(32));
  });
});
