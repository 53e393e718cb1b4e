import { describe, expect, it } from 'vitest';
import { directionOf } from '../src/core/direction.ts';

describe('directionOf', () => {
  it('reads right-to-left for languages written in a right-to-left script, a script subtag included', () => {
    for (const lang of ['ar', 'ar-EG', 'fa', 'he', 'ur', 'ckb', 'az-Arab', 'ku-Arab']) expect([lang, directionOf(lang)]).toEqual([lang, 'rtl']);
  });

  it('reads left-to-right for the others, and for an undetermined language', () => {
    for (const lang of ['en', 'fr', 'tr', 'az', 'zh-Hant', 'und']) expect([lang, directionOf(lang)]).toEqual([lang, 'ltr']);
  });

  it('gives the same answer when asked again (it is remembered by tag)', () => {
    expect([directionOf('ar'), directionOf('ar'), directionOf('en'), directionOf('en')]).toEqual(['rtl', 'rtl', 'ltr', 'ltr']);
  });
});
