/**
 * The one catalogue of problems tahqiq reports. Each kind has a stable code
 * (used in docs and tests), a severity, a title, and a hint telling the fix.
 * `docs/errors.md` lists every kind; a test keeps the two in step.
 */
import { escapeForTerminal } from './invisible-text.ts';

export type Severity = 'error' | 'warning';

export interface ProblemKind {
  /** Stable identifier, e.g. `TQ301`. */
  code: string;
  /** `error` fails the build; `warning` is printed but publishes. */
  severity: Severity;
  /** Short title used in docs. */
  title: string;
  /** What to do about it. */
  hint: string;
}

function kind(code: string, severity: Severity, title: string, hint: string): ProblemKind {
  return { code, severity, title, hint };
}

export const PROBLEMS = {
  // 1xx: the case file and its frontmatter
  frontmatterMissing: kind('TQ101', 'error', 'Case file has no frontmatter',
    'Start the file with a `---` line, the YAML fields (title, lang, source, reviewed, summary), and a closing `---`.'),
  frontmatterSyntax: kind('TQ102', 'error', 'Frontmatter is not valid YAML',
    'Check indentation and quoting; values containing `:` or `#` need straight quotes (`"…"`, not a word processor\'s `“…”` or `«…»`).'),
  frontmatterField: kind('TQ103', 'error', 'Frontmatter field is missing or invalid',
    'See the field list in docs/case-format.md#frontmatter.'),
  caseFileName: kind('TQ104', 'error', 'Case file name is not a usable id',
    'Rename the file to lowercase ASCII words joined by `-`, e.g. `dumayr-raid.md`; the name becomes the page URL.'),
  rawHtml: kind('TQ105', 'error', 'Raw HTML in a case file',
    'Write it in markdown instead; raw HTML is never published. To show `<` literally, escape it as `\\<`.'),
  noClaims: kind('TQ106', 'warning', 'Case has no claims',
    'Add `:::claim` blocks; the page will show an empty table until you do.'),
  unsafeLink: kind('TQ107', 'error', 'Link with an unsafe or unknown scheme',
    'Links may be `https:`, `http:`, `mailto:`, relative, or `#claim-id`; anything else (e.g. `javascript:`) is never published.'),
  casesFolder: kind('TQ108', 'error', 'No case files found',
    'Check the folder name (`content/cases` by default, or `TAHQIQ_CASES_DIR`); each case is a `.md` file in it.'),
  caseEncoding: kind('TQ109', 'error', 'Case file is not valid UTF-8',
    'Save the file as UTF-8 in your editor (e.g. "Save with encoding → UTF-8").'),
  unparsedClaim: kind('TQ110', 'error', 'A `:::claim` line could not be read as a claim',
    'Check the opening line: `:::claim[Statement]{#id status=confirmed claimant="Who"}`; quote values with spaces in straight quotes (`"…"`, not a word processor\'s `“…”`), close every quote and bracket, no space after `:::`.'),
  // 111–129 (robustness): what the loader could not read, and text that cannot be trusted
  notACaseFile: kind('TQ111', 'error', 'File in the cases folder is not a case file',
    'Only `<id>.md` files directly in the cases folder are published. Rename it to end in lowercase `.md`, move it out of the folder (or out of the subfolder), or delete it.'),

  bidiControl: kind('TQ114', 'error', 'Invisible bidi control character',
    'Delete it (most editors show it only with "show invisibles"): bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) can make text read differently from what it says (Trojan Source). The page isolates text direction by itself.'),
  controlCharacter: kind('TQ115', 'error', 'Control character in a case file',
    'Delete it: control characters (NUL, ESC…) are not text; they usually come from a copy and paste out of a terminal or a binary file.'),
  invisibleCharacter: kind('TQ116', 'warning', 'Invisible character',
    'Delete it unless you mean it: zero-width spaces, word joiners, bidi marks and soft hyphens are invisible and can make two words that look the same differ. ZWJ and ZWNJ (used in Arabic, Persian and emoji) are allowed.'),
  blankText: kind('TQ117', 'error', 'Required text is blank or invisible',
    'Write the text: a value made only of spaces, invisible characters, a horizontal rule or an image without alt text shows nothing to readers.'),
  noUiStrings: kind('TQ118', 'warning', 'No interface strings for the case\'s language',
    'The case is published with an English interface around its text. Add `src/i18n/<lang>.ts` (copy `en.ts`) and list it in `src/i18n/ui.ts` to translate it.'),
  brokenFragment: kind('TQ119', 'error', 'Link to a claim that does not exist',
    'Link to an existing claim id (`[see](#claim-id)`), or fix the spelling; broken links are never published.'),
  frontmatterComment: kind('TQ120', 'error', 'Frontmatter value cut short by a `#`',
    'In YAML a space and `#` start a comment, so the rest of the line is not part of the value. Put the value in quotes (`summary: "… #… …"`); a comment by intent takes a space after its `#` (`lang: ar # Arabic`).'),
  addressWithoutScheme: kind('TQ121', 'error', 'Link to a web address without `https://`',
    'Write the whole address, `https://www.example.org/…`: without its scheme a link is read as a page of this site, which leads readers nowhere, and `//…` takes the scheme of the page it is on.'),
  undefinedReference: kind('TQ122', 'error', 'Link by reference with no address',
    'Add a line `[label]: https://…` anywhere in the file (outside the claims is clearest), or write the address in the link: `[text](https://…)`. Without it the brackets are published as typed.'),
  imageNotShown: kind('TQ124', 'error', 'Image the page cannot show',
    'Save the image in the site itself, under `public/` (e.g. `public/images/chart.png`), and write its path from the site\'s root: `![what it shows](/images/chart.png)`. The pages do not load images from other sites (their Content-Security-Policy), and asking for one would tell that site who reads the fact-check: link to it instead, `[chart](https://…)`. A claim\'s statement is text only.'),
  missingImage: kind('TQ125', 'error', 'Image with no file under `public/`',
    'Save the image at the path its address names, from the site\'s root under `public/` (`/images/chart.png` is `public/images/chart.png`), or correct the address: letter case counts, as it does on most web servers. A page with a missing image is not published.'),
  unrenderedMarkdown: kind('TQ123', 'warning', 'Markdown the case page shows as typed',
    'Tables, footnotes and strikethrough (GitHub\'s extensions) are not part of the case format: write the table as a list, the footnote in the text, and leave corrections to the case history.'),
  markupTooDeep: kind('TQ112', 'error', 'Blocks nested too deeply',
    'Quotes, list items and `:::` blocks may nest up to 16 deep; a longer run of `>`, `-` or `*` markers on one line, or lists indented under lists that deep, is left out. Flatten it, or escape the markers (`\\>`, `\\-`) to show them as text.'),
  markupTooDense: kind('TQ113', 'error', 'Too many emphasis or link markers in one paragraph',
    'A paragraph may hold up to 400 `*`, `_` and `[` markers; split it into paragraphs, or escape the markers (`\\*`, `\\_`) to show them as text.'),

  // 2xx: directives and claim attributes
  unknownDirective: kind('TQ201', 'error', 'Unknown directive',
    'The directives are `:::claim` and `:::note` at the top level, and `::supports`, `::contradicts`, `::context` inside a claim. A literal colon before a word needs escaping: `\\:`.'),
  unknownAttribute: kind('TQ202', 'error', 'Unknown claim attribute',
    'A claim accepts `#id`, `status`, `claimant`, `claimant-type`, `missing`, `doc` and `occurrence`.'),
  invalidStatus: kind('TQ203', 'error', 'Unknown status',
    'Use one of `confirmed`, `unconfirmed`, `disputed` (see docs/case-format.md#statuses).'),
  missingId: kind('TQ204', 'error', 'Claim has no id',
    'Add a permalink id: `:::claim[…]{#short-readable-id status=…}`.'),
  invalidId: kind('TQ205', 'error', 'Claim id is not usable',
    'Ids are lowercase ASCII words joined by `-`, e.g. `#khaled-killed-in-raid`; they become permalinks, so keep them once published.'),
  duplicateId: kind('TQ206', 'error', 'Claim id used twice',
    'Each claim needs its own id; rename one of them.'),
  missingLabel: kind('TQ207', 'error', 'Claim has no statement',
    'Write the claim as the directive label: `:::claim[The claim in one sentence]{…}`.'),
  missingQuote: kind('TQ208', 'error', 'Claim has no quote',
    'Add one blockquote (`> …`) with the exact words from the source document.'),
  multipleQuotes: kind('TQ209', 'error', 'Claim has more than one quote',
    'Keep one blockquote per claim; split into two claims if they rest on different passages.'),
  missingClaimant: kind('TQ210', 'error', 'Claim has no claimant',
    'Say who made the claim: `claimant="…"`.'),
  missingReasoning: kind('TQ212', 'error', 'Claim has no reasoning',
    'After the quote, explain why this status, with links to the evidence.'),
  invalidAttribute: kind('TQ213', 'error', 'Claim attribute has an invalid value',
    'See docs/case-format.md#claims for the accepted values; quote values in straight quotes (`"…"`).'),
  strayContent: kind('TQ214', 'error', 'Content between claims after the first claim',
    'Put notes before the first claim, or inside a claim block.'),
  nestedClaim: kind('TQ215', 'error', 'Claim inside another block',
    'Close each claim with `:::` on a line of its own before the next `:::claim`, and start claims at the beginning of a line, outside lists and quotes.'),

  // 216–239 (robustness)
  duplicateAttribute: kind('TQ216', 'error', 'Attribute given twice',
    'Give each attribute once: with `status=disputed status=confirmed` or two `#id`s, which one did you mean? Delete the other.'),
  unclosedBlock: kind('TQ217', 'error', 'Claim or note not closed',
    'End every `:::claim` and `:::note` with a line holding only `:::`. Without it the block runs to the end of the file, and any text after it would be published as part of it.'),
  unparsedNote: kind('TQ218', 'error', 'A `:::note` line could not be read as a note',
    'Start the note at the beginning of its line, as `:::note` (four spaces or a tab before it make it a code block to markdown), then its `> …` passage and the note, and close it with `:::`.'),

  // 3xx: source documents and anchoring
  sourceNotFound: kind('TQ301', 'error', 'Source document not found',
    'Check the path (from the project root, letter case included), or copy the document byte for byte into `seeds/` and point `source.document` at it.'),
  sourceEncoding: kind('TQ302', 'error', 'Source document is not valid UTF-8',
    'Convert the file to UTF-8 (e.g. `iconv -f WINDOWS-1256 -t UTF-8`), keeping the original alongside.'),
  sourceControls: kind('TQ312', 'error', 'Source document holds control characters',
    'The file looks binary or carries invisible bidi controls (Trojan Source), which are never published. Keep the original alongside for the record, point `source.document` at a copy without them, and say so in the case notes.'),
  sourceEmpty: kind('TQ313', 'error', 'Source document holds no text',
    'Copy the document into the file, byte for byte, as it was published: a file saved empty, or before its text was pasted, holds nothing to quote.'),
  sourceOutsideSeeds: kind('TQ311', 'error', 'Source document is outside `seeds/`',
    'Keep source documents inside `seeds/` (no `..`, no links pointing elsewhere), so only evidence is ever published.'),
  quoteNotFound: kind('TQ303', 'error', 'Quote not found in the source',
    'Copy the words exactly from the source document; spelling, letters and word order must match.'),
  quoteAmbiguous: kind('TQ304', 'error', 'Quote found more than once',
    'Quote more words so it is unique, or add `occurrence=N` to pick one.'),
  occurrenceOutOfRange: kind('TQ305', 'error', 'Occurrence out of range',
    'Lower `occurrence` to one that exists, or remove it.'),
  quoteCrossesParagraph: kind('TQ306', 'error', 'Quote crosses a paragraph break',
    'Quote within one paragraph, or make one claim per paragraph.'),
  quoteTooShort: kind('TQ308', 'error', 'Quote too short to verify',
    'Quote at least two words so the passage can be found and checked.'),
  mangledTag: kind('TQ309', 'warning', 'Source text looks like a mangled tag',
    'It is shown literally, as text. Leave the source as it is (it is evidence); mention it in the case notes if it matters.'),
  unnecessaryOccurrence: kind('TQ310', 'warning', 'Occurrence given for a unique quote',
    'Remove `occurrence`; the quote is found only once.'),

  // 4xx: several documents, evidence passages, source notes, the method (content/method.yaml)
  sourceAndSources: kind('TQ401', 'error', 'Both `source` and `sources` in the frontmatter',
    'Keep one: `source:` for a single document, or `sources:` (a list, each with an `id`) for several.'),
  duplicateDocumentId: kind('TQ402', 'error', 'Document id used twice',
    'Give each entry of `sources:` its own `id`.'),
  unknownDocument: kind('TQ403', 'error', 'Unknown document id in `doc=`',
    'Use the `id` of one of the case\'s `sources:` (a single `source:` has the id `source`); without `doc=` the first document is meant.'),
  evidenceOutsideClaim: kind('TQ404', 'error', 'Evidence passage outside a claim',
    'Put `::supports[…]`, `::contradicts[…]` and `::context[…]` directly inside a `:::claim` block, each on a line of its own after the quote (not in a list item or a `>` quote).'),
  evidenceAttribute: kind('TQ405', 'error', 'Unknown or invalid attribute on an evidence passage or note',
    'Evidence passages accept `by`, `doc` and `occurrence`; notes accept `doc` and `occurrence`; quote values in straight quotes (`"…"`).'),
  unparsedEvidence: kind('TQ414', 'error', 'An evidence line could not be read as a passage',
    'An evidence passage stands alone on its line: `::supports[words from the source]{by="Who"}`, nothing after its closing `}` or `]`, one passage a line, values in straight quotes. Say more in the reasoning paragraph under the passages.'),
  evidenceEmpty: kind('TQ406', 'error', 'Evidence passage without words',
    'Write the exact words from the source in the brackets: `::supports[words from the source]`.'),
  noteWithoutQuote: kind('TQ407', 'error', 'Source note without a quoted passage',
    'Start the note with one `> …` blockquote holding the exact words it is about, then the note itself.'),
  noteWithoutBody: kind('TQ408', 'error', 'Source note without text',
    'After the `> …` passage, write the note: what is odd about the passage and why it matters.'),
  nestedNote: kind('TQ409', 'error', 'Source note inside another block',
    'Write `:::note` at the top level of the case file (before, between or after claims), not inside a claim, list or quote.'),
  disputedWithoutContradiction: kind('TQ410', 'error', 'Disputed claim cites no contradicting passage',
    'Cite the words that contradict it: `::contradicts[…]{by="…"}` inside the claim, or change the status (see the ratings page).'),
  confirmedWithoutCorroboration: kind('TQ411', 'error', 'Confirmed claim lacks independent support',
    'Cite supporting passages from enough distinct sources (`::supports[…]{by="…"}`), or one from an official record (`record: true`), or rate it `unconfirmed` with `missing="…"`.'),
  unconfirmedWithoutMissing: kind('TQ412', 'error', 'Unconfirmed claim does not say what is missing',
    'Add `missing="…"`: the evidence that would confirm or refute it.'),
  missingOnConfirmed: kind('TQ413', 'error', 'Confirmed claim says evidence is missing',
    'A confirmed claim lacks nothing: remove `missing`, or rate the claim `unconfirmed`.'),
  methodFile: kind('TQ420', 'error', 'The method configuration is invalid',
    'Fix `content/method.yaml` at the place shown; docs/case-format.md#the-method lists its fields.'),
  // 5xx: site configuration (content/site.yaml)
  siteConfigMissing: kind('TQ501', 'error', 'Site configuration file not found',
    'Create `content/site.yaml` with the site name, organisation, public URL, language and contact (see docs/configuration.md).'),
  siteConfigSyntax: kind('TQ502', 'error', 'Site configuration is not valid YAML',
    'Check indentation and quoting in `content/site.yaml`; values containing `:` or `#` need quotes.'),
  siteConfigField: kind('TQ503', 'error', 'Site configuration field is missing or invalid',
    'See the field list in docs/configuration.md.'),
  siteConfigEnv: kind('TQ504', 'error', 'Environment override of the site configuration is invalid',
    'Fix or unset the variable (`TAHQIQ_SITE`: an `https://` address; `TAHQIQ_BASE`: `/` or `/sub-path/`; `TAHQIQ_SITE_LANG`: a language the site has a name for).'),
  // 505+: links between cases (`translations:`)
  translationUnknown: kind('TQ505', 'error', 'Translation names no case',
    'Write the id of another case file in the cases folder (its file name without `.md`), or remove it from `translations`.'),
  translationSameLanguage: kind('TQ506', 'error', 'Translation is in the same language',
    'List only cases in another `lang` under `translations` (the same fact-check, translated); a related case in the same language is not a translation.'),
  translationNotReciprocal: kind('TQ507', 'error', 'Translation does not link back',
    'Add this case\'s id to the other case\'s `translations` as well, so each page names the other (hreflang links must go both ways), or remove the link.'),
  // 51x: editorial pages (content/pages/<page>/<lang>.mdx)
  publicBrokenLink: kind('TQ513', 'error', 'Link under `public/` that leads to nothing',
    'Every file under `public/` is published as it is, and a symbolic link whose file was moved, renamed or is outside this clone stops the build. Remove the link, point it at the file where it is now, or copy the file into `public/`.'),
  outsideBase: kind('TQ514', 'error', 'Address on an editorial page outside the site\'s sub-path',
    'The site is served under a sub-path (`base` in content/site.yaml, or `TAHQIQ_BASE`), and an editorial page publishes its addresses as written: start an address from the domain\'s root with the sub-path (`/tahqiq/images/chart.png`, `/tahqiq/cases/<id>/`), or write it relative to the page. Case files add the sub-path themselves.'),
  editorialSyntax: kind('TQ510', 'error', 'Editorial page is not valid MDX',
    'MDX reads `<` as the start of a component and `{` as the start of code: write `&lt;` and `\\{` for the characters themselves, and close every tag.'),
  editorialUnsafe: kind('TQ511', 'error', 'Editorial page holds code or an unsafe link',
    'Editorial pages are text: links are `https:`, `mailto:`, relative or `#`, and the one component is `<StatusDefinitions lang="…" />`; no script, style, frame, event attribute, `import`, `export` or `{…}` expression.'),
  editorialField: kind('TQ512', 'error', 'Editorial page frontmatter field is missing or invalid',
    'Start the page with a `---` line, `title: …`, `lang: …` and `description: …` on lines of their own, and a closing `---`.'),
  // 9xx: not the content's fault
  internalError: kind('TQ900', 'error', 'Internal error while checking a file',
    'This is a bug in tahqiq, not in your file: please report it with the file (or a copy of it) and the command you ran. The other files were still checked.'),
  // 6xx: provenance (source fingerprints, re-anchoring) and the `tahqiq` command line (workflow, issue 9)
  sourceChanged: kind('TQ600', 'warning', 'Source document changed since the claims were last checked',
    'Source documents are evidence: make sure the change is intended. Each claim quoting it is re-anchored and listed; once the report is right, record it with `npx tahqiq check --accept`.'),
  quoteMoved: kind('TQ601', 'warning', 'Quoted passage moved in a changed source',
    'Same words at a new place; nothing to fix. `npx tahqiq check --accept` records the new place.'),
  quoteFuzzy: kind('TQ602', 'error', 'Quoted passage changed in the source',
    'Compare the old and new passage, make sure the claim and its status still hold (edit the quote if needed), then run `npx tahqiq check --accept`.'),
  quoteOrphaned: kind('TQ603', 'error', 'Quoted passage no longer in the source',
    'The words the claim quoted are gone from the source: quote the passage that replaces them, or remove the claim (and say so in the case notes), then run `npx tahqiq check --accept`.'),
  caseNotFingerprinted: kind('TQ604', 'warning', 'Case has no source fingerprint yet',
    'Run `npx tahqiq check --accept` to record the SHA-256 of its source documents and its quoted passages in `content/sources.lock.json`, and commit that file.'),
  lockInvalid: kind('TQ605', 'error', 'Source lock file cannot be read',
    'Restore `content/sources.lock.json` from git (`git checkout content/sources.lock.json`), or delete it and run `npx tahqiq check --accept` to write it again.'),
  exampleClaim: kind('TQ606', 'warning', 'Text from `tahqiq new` left in the case',
    'Replace what `tahqiq new` wrote for you to replace (the example claim `#example`, the draft `summary`, the placeholder `publisher`) with your own, or delete the example claim; it would be published as written.'),
  unusedRevision: kind('TQ607', 'warning', 'Reason given for a commit the page does not list',
    'Copy the hash from `git log --oneline -- <case file>` (a rebase or a squash merge gives commits new hashes; a commit from before the file was renamed is not in its history, which starts at the rename). Only a commit that changed a claim\'s status, statement or quote is listed under "Updates and corrections", so only its reason is shown; remove the line for any other. The build reports this, as it reads the history from git; `tahqiq check` does not.'),
  unexplainedRevision: kind('TQ608', 'warning', 'Commit that changed claims has no message',
    'Give readers the reason under `revisions:` in the frontmatter, keyed by the commit\'s hash (`git log --oneline -- <case file>`): `revisions:` then `  abc1234: The closure date was corrected`. A commit\'s message is its reason on the page; this one has none. The build reports this, as it reads the history from git; `tahqiq check` does not.'),
  unknownCommand: kind('TQ620', 'error', 'Unknown command',
    'Commands are `check`, `new` and `sentences`; `npx tahqiq --help` lists them.'),
  unknownOption: kind('TQ621', 'error', 'Unknown or invalid option',
    'Run the command with `--help` to see its options.'),
  missingArgument: kind('TQ622', 'error', 'Missing argument',
    'Run the command with `--help` to see what it needs.'),
  caseExists: kind('TQ623', 'error', 'Case file already exists',
    '`tahqiq new` never overwrites a case: pick another id, or edit the existing file.'),
  notACasePath: kind('TQ624', 'error', 'Not a case file',
    'Give `tahqiq check` case files (`content/cases/<id>.md`) or no path at all to check every case.'),
} as const satisfies Record<string, ProblemKind>;

export type ProblemName = keyof typeof PROBLEMS;

/** Codes no longer reported, kept out of reuse and listed in docs/errors.md. */
export const RETIRED: readonly { code: string; title: string; instead: string }[] = [
  { code: 'TQ211', title: 'Unconfirmed claim does not say what is missing', instead: 'a method rule now: `TQ412`, its severity set in `content/method.yaml`' },
  { code: 'TQ307', title: 'Quotes overlap partly', instead: 'overlapping passages are rendered as segments that carry every claim they belong to' },
];

/** A point in a file, 1-based like editors show it. */
export interface Point {
  line: number;
  column: number;
}

/** One reported problem: which kind, where, and the exact words. */
export interface Problem {
  name: ProblemName;
  code: string;
  severity: Severity;
  /** File path relative to the project root. */
  file: string;
  place: Point;
  /** The specific message, e.g. "Unexpected status `confimed`, expected …". */
  message: string;
  hint: string;
  /** Where a related thing is, e.g. the first definition of a duplicate id. */
  related?: { file: string; place: Point; message: string };
}

/** Collects problems for one run, across every file. */
export class ProblemList {
  readonly items: Problem[] = [];
  /** Problems by what makes them the same, so adding stays constant-time with thousands of problems. */
  private readonly seen = new Map<string, Problem>();

  /** `severity` overrides the catalogue's, for problems whose severity is configuration (the method rules). */
  add(name: ProblemName, file: string, place: Point, message: string, related?: Problem['related'], severity?: Severity): Problem {
    const k = PROBLEMS[name];
    const key = `${name}\u0000${file}\u0000${place.line}:${place.column}\u0000${message}`;
    const same = this.seen.get(key);
    if (same) return same; // e.g. one source document shared by two cases
    const problem: Problem = { name, code: k.code, severity: severity ?? k.severity, file, place, message, hint: k.hint };
    if (related) problem.related = related;
    this.items.push(problem);
    this.seen.set(key, problem);
    return problem;
  }

  get errors(): Problem[] {
    return this.items.filter((p) => p.severity === 'error');
  }

  get warnings(): Problem[] {
    return this.items.filter((p) => p.severity === 'warning');
  }
}

/**
 * `file:line:column  error  message  [TQ303]` then an indented hint, like compilers print.
 * Messages quote what the user wrote: terminal escapes, controls and invisible characters are shown
 * as `<U+XXXX>` here, the one place every message passes, so a value can never rewrite the terminal.
 */
export function formatProblem(p: Problem): string {
  const lines = [`${p.file}:${p.place.line}:${p.place.column}  ${p.severity}  ${p.message}  [${p.code}]`];
  if (p.related) lines.push(`  ${p.related.file}:${p.related.place.line}:${p.related.place.column}  ${p.related.message}`);
  lines.push(`  hint: ${p.hint}`);
  return escapeForTerminal(lines.join('\n'));
}

/** How many warnings of one kind in one file are printed before the rest are counted instead. */
export const REPEATED_WARNINGS_SHOWN = 10;

/**
 * Sorted by file and position, with repeated warnings grouped: after the first few of one kind
 * in one file, a single line counts the rest (a source with thousands of `->` arrows gives eleven
 * lines, not thousands). Errors are never grouped.
 */
export function groupRepeated(problems: readonly Problem[]): Problem[] {
  const sorted = [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.place.line - b.place.line || a.place.column - b.place.column,
  );
  const seen = new Map<string, Problem[]>();
  const out: Problem[] = [];
  for (const p of sorted) {
    if (p.severity !== 'warning') {
      out.push(p);
      continue;
    }
    const key = `${p.file}\u0000${p.code}`;
    const group = seen.get(key) ?? [];
    seen.set(key, group);
    group.push(p);
    if (group.length <= REPEATED_WARNINGS_SHOWN) out.push(p);
  }
  for (const group of seen.values()) {
    const rest = group.slice(REPEATED_WARNINGS_SHOWN);
    if (rest.length === 0) continue;
    const first = rest[0]!;
    out.splice(out.indexOf(group[REPEATED_WARNINGS_SHOWN - 1]!) + 1, 0, {
      ...first,
      message: `${rest.length} more warning${rest.length === 1 ? '' : 's'} like the above in this file (${
        first.place.line === rest[rest.length - 1]!.place.line ? `line ${first.place.line}` : `lines ${first.place.line}–${rest[rest.length - 1]!.place.line}`
      })`,
    });
  }
  return out;
}

/** All problems sorted by file and position (repeated warnings grouped), then a count line. */
export function formatReport(problems: readonly Problem[]): string {
  const sorted = groupRepeated(problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const body = sorted.map(formatProblem).join('\n\n');
  const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return body ? `${body}\n\n${summary}` : summary;
}

/** Shortens text for messages, keeping it on one line. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
