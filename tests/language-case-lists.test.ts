import { describe, expect, it } from 'vitest';
import { caseListPages } from '../src/core/case-list-pages.ts';
import { caseListLanguages, casesInLanguage, firstListPages, languageListPath, listOfPageLanguage, listPagePath, primaryLanguage } from '../src/core/language-case-lists.ts';
import { hasUiStrings } from '../src/i18n/ui.ts';

const cases = [
  { id: 'raid', lang: 'ar', reviewed: '2026-11-28' },
  { id: 'raid-sy', lang: 'ar-SY', reviewed: '2026-11-20' },
  { id: 'clinic', lang: 'en', reviewed: '2026-11-25' },
  { id: 'clinic-uk', lang: 'en-GB', reviewed: '2026-11-27' },
  { id: 'marche', lang: 'fr', reviewed: '2026-11-26' },
];

describe('caseListLanguages', () => {
  it('gives a list to each language of the cases other than the site\'s that has UI strings, by primary language', () => {
    expect(caseListLanguages(cases, 'ar', hasUiStrings)).toEqual(['en']);
    expect(caseListLanguages(cases, 'en', hasUiStrings)).toEqual(['ar']);
    expect(caseListLanguages(cases, 'ar-SY', hasUiStrings)).toEqual(['en']);
  });

  it('gives no list to a language without UI strings, nor to the site\'s own, nor when no case is in another language', () => {
    expect(caseListLanguages(cases, 'ar', (lang) => lang !== 'en')).toEqual(['fr']);
    expect(caseListLanguages(cases.filter((c) => c.lang.startsWith('ar')), 'ar', hasUiStrings)).toEqual([]);
    expect(caseListLanguages([], 'ar', hasUiStrings)).toEqual([]);
  });

  it('orders the languages alphabetically, whatever the order of the cases', () => {
    const all = () => true;
    expect(caseListLanguages([...cases].reverse(), 'ar', all)).toEqual(['en', 'fr']);
    expect(caseListLanguages(cases, 'de', all)).toEqual(['ar', 'en', 'fr']);
  });
});

describe('casesInLanguage', () => {
  it('keeps the cases whose primary language is the list\'s, paginated newest first like the home page', () => {
    expect(casesInLanguage(cases, 'en').map((c) => c.id)).toEqual(['clinic', 'clinic-uk']);
    expect(caseListPages(casesInLanguage(cases, 'en'), 1).map((p) => p.cases.map((c) => c.id))).toEqual([['clinic-uk'], ['clinic']]);
    expect(casesInLanguage(cases, 'ar').map((c) => c.id)).toEqual(['raid', 'raid-sy']);
    expect(casesInLanguage(cases, 'de')).toEqual([]);
  });
});

describe('list paths', () => {
  it('puts a language list under its language, its later pages under page/<n>/, and the home page\'s list at the base', () => {
    expect([1, 2, 3].map((n) => languageListPath('en', n))).toEqual(['en/', 'en/page/2/', 'en/page/3/']);
    expect([1, 2].map((n) => listPagePath('en', n))).toEqual(['en/', 'en/page/2/']);
    expect([1, 2].map((n) => listPagePath(undefined, n))).toEqual(['', 'page/2/']);
  });

  it('names the first page of every list, the home page\'s first in the site language', () => {
    expect(firstListPages('ar', ['en'])).toEqual([{ lang: 'ar', path: '' }, { lang: 'en', path: 'en/' }]);
    expect(firstListPages('ar', [])).toEqual([{ lang: 'ar', path: '' }]);
  });
});

describe('listOfPageLanguage', () => {
  it('leads a page to the list in its primary language when there is one, else to the home page\'s', () => {
    expect(listOfPageLanguage('en', ['en'])).toBe('en');
    expect(listOfPageLanguage('en-GB', ['en'])).toBe('en');
    expect(listOfPageLanguage('EN-us', ['en'])).toBe('en');
    expect(listOfPageLanguage('ar', ['en'])).toBeUndefined();
    expect(listOfPageLanguage('en', [])).toBeUndefined();
  });

  it('reads the primary language of a tag in lower case', () => {
    expect(['en', 'en-GB', 'AR-sy', 'zh-Hant-TW'].map(primaryLanguage)).toEqual(['en', 'en', 'ar', 'zh']);
  });
});
