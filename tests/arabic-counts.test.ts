import { describe, expect, it } from 'vitest';
import ar from '../src/i18n/ar.ts';

/** Arabic number agreement, by the last two digits: 3–10 plural, 11–99 singular accusative, 100, 101, 102… singular genitive. */
describe('Arabic counts', () => {
  it('agrees the counted noun with the number, past 100 too', () => {
    const claims = [0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 200].map((n) => ar.claimsCount(n));
    expect(claims).toEqual(['لا ادعاءات', 'ادعاء واحد', 'ادعاءان', '3 ادعاءات', '10 ادعاءات', '11 ادعاءً', '99 ادعاءً', '100 ادعاء', '101 ادعاء', '102 ادعاء', '103 ادعاءات', '111 ادعاءً', '200 ادعاء']);
    expect([1, 2, 7, 25, 300].map((n) => ar.historyRevisions(n))).toEqual(['تعديل واحد', 'تعديلان', '7 تعديلات', '25 تعديلاً', '300 تعديل']);
    expect([1, 2, 3, 11].map((n) => ar.historyClaimRevisions(n))).toEqual(['أحدها غيّر ادعاءات (مدرج أدناه)', 'اثنان منها غيّرا ادعاءات (مدرجان أدناه)', '3 منها غيّرت ادعاءات (مدرجة أدناه)', '11 منها غيّرت ادعاءات (مدرجة أدناه)']);
    expect([1, 2, 7, 25, 300].map((n) => ar.sourceSentences(n))).toEqual(['جملة واحدة', 'جملتان', '7 جمل', '25 جملةً', '300 جملة']);
  });

  it('refers to one claim, two or more as Arabic does in the table caption', () => {
    expect(ar.tableCaption(1)).toBe('ادعاء واحد مربوط بالجملة التي ورد فيها في المصدر');
    expect(ar.tableCaption(2)).toBe('ادعاءان، كل منهما مربوط بالجملة التي ورد فيها في المصدر');
    expect(ar.tableCaption(33)).toBe('33 ادعاءً، كل منها مربوط بالجملة التي ورد فيها في المصدر');
  });

  it('counts the sources a confirmed claim needs in the method rule, whatever the setting', () => {
    const needs = (n: number) => /تسنده من (.+) على الأقل/.exec(ar.methodRule['confirmed-needs-corroboration'](n, false))![1];
    expect([1, 2, 3, 11, 100].map(needs)).toEqual(['مصدر واحد', 'مصدرين مختلفين', '3 مصادر مختلفة', '11 مصدراً مختلفاً', '100 مصدر مختلف']);
  });
});
