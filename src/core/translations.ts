import path from 'node:path';
import type { CaseEntry } from '../schemas/case-entry.ts';
import type { ProblemList } from './problems.ts';

/**
 * Build-wide check of `translations:` (cases that are the same fact-check in another language):
 * each id must name a case file, in another language, that lists this case back. `ids` are every
 * case file of the run (a case with errors still exists); `entryOf` gives the cases whose data is known.
 * Returns the files that got an error here.
 */
/** What the check reads of a case: a whole entry or the content store's summary of one. */
export type TranslatedCase = Pick<CaseEntry, 'id' | 'file' | 'lang' | 'translations'>;

export function checkTranslations(ids: ReadonlySet<string>, entries: readonly TranslatedCase[], entryOf: (id: string) => TranslatedCase | undefined, problems: ProblemList): Set<string> {
  const failed = new Set<string>();
  for (const entry of entries) {
    for (const { id, place } of entry.translations ?? []) {
      if (id === entry.id || !ids.has(id)) {
        problems.add('translationUnknown', entry.file, place, id === entry.id
          ? `Unexpected \`${id}\` in \`translations\`, expected another case (this is the case itself)`
          : `Unexpected \`${id}\` in \`translations\`, expected the id of a case file (no \`${id}.md\` in ${path.posix.dirname(entry.file)})`);
        failed.add(entry.file);
        continue;
      }
      const other = entryOf(id);
      if (!other) continue; // a case with errors of its own: reported there
      if (other.lang === entry.lang) {
        problems.add('translationSameLanguage', entry.file, place, `Unexpected \`${id}\` in \`translations\`, expected a case in another language (both are \`lang: ${entry.lang}\`)`);
        failed.add(entry.file);
      } else if (!(other.translations ?? []).some((t) => t.id === entry.id)) {
        problems.add('translationNotReciprocal', entry.file, place, `Unexpected one-way link to \`${id}\` in \`translations\`, expected \`${other.file}\` to list \`${entry.id}\` in its \`translations\` too`);
        failed.add(entry.file);
      }
    }
  }
  return failed;
}
