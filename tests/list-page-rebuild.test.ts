import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES_PER_PAGE } from '../src/core/case-list-pages.ts';
import { build, projectCopy } from './helpers/rebuild.ts';

/** 2 × CASES_PER_PAGE + 7 copies of the English sample case, reviewed on successive days, beside the project's own cases. */
const COUNT = 2 * CASES_PER_PAGE + 7;

/** Whether a build restored `/page/<n>/` (`/<lang>/page/<n>/` with `lang`) from the last build instead of rendering it (Astro logs such a page as cached). */
const restored = (log: string, n: number, lang?: string) => new RegExp(`(?<![\\w-])${lang ? `/${lang}` : ''}/page/${n}/index\\.html \\(cached\\)`).test(log);

describe('rebuilding the pages that list cases', () => {
  let project: string;
  let onPage2: string[];
  let onPage3: string[];
  let afterNote: string;
  let afterTitle: string;
  const caseFile = (id: string) => path.join(project, 'content/cases', `${id}.md`);
  const listed = (n: number) =>
    selectAll('li.case-card', fromHtml(readFileSync(path.join(project, 'dist/page', String(n), 'index.html'), 'utf8'))).map((li) => String(li.properties['dataCase']));
  const edit = (id: string, from: string, to: string) => {
    const text = readFileSync(caseFile(id), 'utf8');
    if (!text.includes(from)) throw new Error(`${id}: no \`${from}\` to edit`);
    writeFileSync(caseFile(id), text.replace(from, to));
  };

  beforeAll(() => {
    project = projectCopy();
    const sample = readFileSync(caseFile('riverside-clinic'), 'utf8');
    for (let i = 0; i < COUNT; i++) {
      const id = `clinic-${String(i).padStart(3, '0')}`;
      const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      writeFileSync(caseFile(id), sample.replace(/^reviewed: .*$/m, `reviewed: ${day}`).replace(/^title: "/m, `title: "${id}: `));
    }
    build(project);
    onPage2 = listed(2);
    onPage3 = listed(3);
    // A note changes the case's key (its page and data are made again) and nothing a list shows.
    edit(onPage2[0]!, '**This is a fictional sample.**', '**This is a fictional sample, edited.**');
    afterNote = build(project);
    edit(onPage2[0]!, `title: "${onPage2[0]}: `, `title: "${onPage2[0]} (retitled): `);
    afterTitle = build(project);
  }, 300_000);

  it('restores every list page after an edit that changes nothing they show', () => {
    expect(onPage2).toHaveLength(CASES_PER_PAGE);
    expect(onPage3.length).toBeGreaterThan(0);
    expect([restored(afterNote, 2), restored(afterNote, 3)]).toEqual([true, true]);
    // So are the later pages of the list of English cases (/en/page/<n>/).
    expect([restored(afterNote, 2, 'en'), restored(afterNote, 3, 'en')]).toEqual([true, true]);
    // The edited case's own page is made again.
    expect(afterNote).not.toMatch(new RegExp(`/cases/${onPage2[0]}/index\\.html \\(cached\\)`));
    expect(readFileSync(path.join(project, 'dist/cases', onPage2[0]!, 'index.html'), 'utf8')).toContain('This is a fictional sample, edited.');
  });

  it('renders again the list page of a case whose title changed, and only that one', () => {
    expect([restored(afterTitle, 2), restored(afterTitle, 3)]).toEqual([false, true]);
    expect(readFileSync(path.join(project, 'dist/page/2/index.html'), 'utf8')).toContain(`${onPage2[0]} (retitled): `);
    expect(listed(2)).toEqual(onPage2);
    expect(listed(3)).toEqual(onPage3);
  });
});
