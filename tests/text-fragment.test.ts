import { describe, expect, it } from 'vitest';
import { encodeTextTerm, textDirective, textFragmentUrl } from '../src/core/export/text-fragment.ts';

describe('text-fragment deep links to the live source', () => {
  it('percent-encodes the characters the syntax reserves: `-`, `&` and `,`', () => {
    expect(encodeTextTerm('a-b & c, d')).toBe('a%2Db%20%26%20c%2C%20d');
  });

  it('links a short quote as one term, whitespace collapsed', () => {
    expect(textFragmentUrl('https://example.org/story', 'will close\n on  March 31')).toBe('https://example.org/story#:~:text=will%20close%20on%20March%2031');
  });

  it('links a long quote as `start,end`, its first and last words', () => {
    const quote = 'one two three four five six seven eight nine ten eleven twelve';
    expect(textDirective(quote)).toBe('text=one%20two%20three%20four,nine%20ten%20eleven%20twelve');
  });

  it('encodes Arabic words as UTF-8', () => {
    expect(textDirective('أدت الغارة')).toBe(`text=${encodeURIComponent('أدت')}%20${encodeURIComponent('الغارة')}`);
  });

  it('keeps an existing fragment of the URL before the directive and replaces an old directive', () => {
    expect(textFragmentUrl('https://example.org/a#top', 'x y')).toBe('https://example.org/a#top:~:text=x%20y');
    expect(textFragmentUrl('https://example.org/a#:~:text=old', 'x y')).toBe('https://example.org/a#:~:text=x%20y');
  });

  it('gives no link for an empty quote', () => {
    expect(textFragmentUrl('https://example.org/a', '  ')).toBeUndefined();
  });
});
