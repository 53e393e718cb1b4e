import { describe, expect, it } from 'vitest';
import { languageFolders } from '../src/scripts/site-search.ts';

describe('languageFolders (one Pagefind instance a language, over every shard that holds it)', () => {
  it('lists each language with the shard folders holding it, in the order of the shards', () => {
    const shards = [
      { path: '', languages: { ar: 300, en: 200 } },
      { path: 's1/', languages: { ar: 500 } },
      { path: 's2/', languages: { en: 10, ar: 490 } },
    ];
    expect([...languageFolders(shards)]).toEqual([
      ['ar', ['', 's1/', 's2/']],
      ['en', ['', 's2/']],
    ]);
  });

  it('lists a language first found past the first shard from that shard', () => {
    expect([...languageFolders([{ path: '', languages: { ar: 1 } }, { path: 's1/', languages: { en: 1 } }])]).toEqual([
      ['ar', ['']],
      ['en', ['s1/']],
    ]);
  });
});
