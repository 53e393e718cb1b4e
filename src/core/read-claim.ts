import type { Blockquote, Code, Definition, Nodes, Paragraph } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { CLAIM_ATTRIBUTE_NAMES, CLAIMANT_TYPES, claimAttributesSchema, type ClaimAttributes } from '../schemas/claim.ts';
import { STATUSES } from '../schemas/status.ts';
import { hasVisibleText } from './invisible-text.ts';
import { markdownToHtml, phrasingToHtml } from './markdown-html.ts';
import { attributePlace, closest, list, plainMessage, start, TYPOGRAPHIC_MARK } from './messages.ts';
import { excerpt, type Point, type ProblemList } from './problems.ts';
import { evidenceLookup, isEvidence, readEvidence, type WrittenEvidence } from './read-evidence.ts';
import type { PassageLookup } from './report-anchor-failure.ts';

/** A claim as written in the case file, before its quote is looked up. */
export interface WrittenClaim {
  attributes: ClaimAttributes;
  /** The claim statement (directive label), as HTML and as plain text. */
  labelHtml: string;
  labelText: string;
  /** The quote as typed (blockquote text). */
  quote: string;
  quotePlace: Point;
  /** Where `occurrence=` is written (the claim's place when absent). */
  occurrencePlace: Point;
  /** Where `status=` is written: method problems point there. */
  statusPlace: Point;
  /** Where `doc=` is written (the claim's place when absent). */
  docPlace: Point;
  /** Evidence passages (`::supports`, `::contradicts`, `::context`), in the order written. */
  evidence: WrittenEvidence[];
  reasoningHtml: string;
  place: Point;
}

/**
 * What the site's method reads of a claim (method-check.ts), before attributions are resolved: its id, status,
 * `missing`, where `status=` is written and its evidence passages as written. Kept for a claim that failed a check of
 * form too, when these were read, so that fixing its form does not reveal a method problem a run could have told.
 */
export interface WrittenVerdict {
  id: string;
  status: ClaimAttributes['status'];
  missing?: string;
  statusPlace: Point;
  evidence: WrittenEvidence[];
}

/** The verdict of a claim that passed every check of form. */
export function verdictOf(claim: WrittenClaim): WrittenVerdict {
  const { id, status, missing } = claim.attributes;
  return { id, status, ...(missing ? { missing } : {}), statusPlace: claim.statusPlace, evidence: claim.evidence };
}

/**
 * The verdict of a claim that failed a check of form, when what the method reads is all there and valid: its id,
 * status and `missing` (an invalid one is reported already) and every evidence passage (one that could not be read
 * would make the method count too few sources, a second, misleading problem).
 */
function verdictOfUnchecked(node: ContainerDirective, evidence: (WrittenEvidence | undefined)[]): WrittenVerdict | undefined {
  const id = claimAttributesSchema.shape.id.safeParse(node.attributes?.['id'] ?? undefined);
  const status = claimAttributesSchema.shape.status.safeParse(node.attributes?.['status'] ?? undefined);
  const missing = claimAttributesSchema.shape.missing.safeParse(node.attributes?.['missing'] ?? undefined);
  if (!id.success || !status.success || !missing.success || evidence.some((e) => !e)) return undefined;
  return { id: id.data, status: status.data, ...(missing.data ? { missing: missing.data } : {}), statusPlace: attributePlace(node, 'status'), evidence: evidence as WrittenEvidence[] };
}

/** A claim's quote as typed (the blockquote's text) and where its words start. */
export function writtenQuote(quote: Blockquote): { text: string; place: Point } {
  return { text: quote.children.map(typedText).join(' '), place: start(quote.children[0]?.position ?? quote.position) };
}

/**
 * The text of a node as toString reads it, with a hard line break (two spaces or `\\` at the end of a line) read as
 * the space it stands for: toString drops it, and `will close␠␠` then `on March 31` became `will closeon March 31`.
 */
function typedText(node: Nodes): string {
  if (node.type === 'break') return ' ';
  if ('children' in node) return node.children.map(typedText).join('');
  return toString(node);
}

/** What looking up a claim's quote in its document needs. */
export function quoteLookup(claim: WrittenClaim): PassageLookup {
  return { noun: 'Quote', text: claim.quote, doc: claim.attributes.doc, docPlace: claim.docPlace, occurrence: claim.attributes.occurrence, place: claim.quotePlace, occurrencePlace: claim.occurrencePlace };
}

/**
 * The passages of a claim that failed a check of form, as far as they can be looked up: its quote when it has exactly
 * one and its own `doc=` and `occurrence=` are valid (an invalid one is reported already, and looking up without it
 * would report a second, misleading problem), and each evidence passage that was read.
 */
function passagesOf(node: ContainerDirective, quotes: Blockquote[], evidence: (WrittenEvidence | undefined)[]): PassageLookup[] {
  const passages: PassageLookup[] = [];
  const doc = claimAttributesSchema.shape.doc.safeParse(node.attributes?.['doc'] ?? undefined);
  const occurrence = claimAttributesSchema.shape.occurrence.safeParse(node.attributes?.['occurrence'] ?? undefined);
  const quote = quotes.length === 1 ? quotes[0]! : undefined;
  if (quote && doc.success && occurrence.success) {
    const { text, place } = writtenQuote(quote);
    passages.push({ noun: 'Quote', text, doc: doc.data, docPlace: attributePlace(node, 'doc'), occurrence: occurrence.data, place, occurrencePlace: attributePlace(node, 'occurrence') });
  }
  for (const e of evidence) if (e) passages.push(evidenceLookup(e));
  return passages;
}

/** Checks a claim directive's attributes, reporting each problem at the attribute itself. */
function readClaimAttributes(node: ContainerDirective, file: string, problems: ProblemList): ClaimAttributes | undefined {
  const raw = { ...(node.attributes ?? {}) };
  let ok = true;
  for (const name of Object.keys(raw)) {
    if ((CLAIM_ATTRIBUTE_NAMES as string[]).includes(name)) continue;
    ok = false;
    const shown = name === 'class' ? `.${raw[name]}` : name;
    // `by=` names who says an evidence passage; on a claim, who made it is `claimant=`.
    const guess = name === 'by' ? 'claimant' : closest(name, CLAIM_ATTRIBUTE_NAMES);
    problems.add('unknownAttribute', file, attributePlace(node, name),
      `Unexpected attribute \`${shown}\` on claim, expected ${list(CLAIM_ATTRIBUTE_NAMES.map((n) => (n === 'id' ? '#id' : n)))}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
    delete raw[name];
  }
  const result = claimAttributesSchema.safeParse(raw);
  if (!result.success) {
    const reported = new Set<string>();
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      // One problem an attribute: `missing=""` fails both its length and its visible-text check.
      if (reported.has(name)) continue;
      reported.add(name);
      const value = raw[name];
      if (typeof value === 'string' && TYPOGRAPHIC_MARK.test(value)) continue; // reported as typographic quotes
      const place = attributePlace(node, name);
      if (name === 'id') {
        if (value == null || value === '') problems.add('missingId', file, place, 'Missing claim id, expected `#some-id` in the braces');
        else problems.add('invalidId', file, place, `Unexpected id \`#${value}\`, ${plainMessage(issue.message)}`);
      } else if (name === 'status') {
        if (value == null) problems.add('invalidStatus', file, place, `Missing \`status\`, expected one of ${list(STATUSES)}`);
        else {
          const guess = closest(value, STATUSES);
          problems.add('invalidStatus', file, place, `Unexpected status \`${value}\`, expected one of ${list(STATUSES)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
        }
      } else if ((name === 'claimant' && typeof value === 'string' && value.trim() !== '') || (name === 'missing' && typeof value === 'string')) {
        problems.add('blankText', file, place, `Unexpected \`${name}\` with no visible text, expected ${name === 'claimant' ? 'who made the claim' : 'what evidence is missing'}`);
      } else if (name === 'claimant-type' && typeof value === 'string') {
        const guess = closest(value, CLAIMANT_TYPES);
        problems.add('invalidAttribute', file, place, `Unexpected \`claimant-type=${value}\`, ${plainMessage(issue.message)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
      } else if (name === 'claimant') {
        problems.add('missingClaimant', file, place, 'Missing `claimant`, expected who made the claim, e.g. `claimant="Family members, to AP"`');
      } else {
        problems.add('invalidAttribute', file, place, `Unexpected \`${name}=${value ?? ''}\`, ${plainMessage(issue.message)}`);
      }
    }
    return undefined;
  }
  return ok ? result.data : undefined;
}

/**
 * Reads a claim and checks its form. A claim that fails is not returned; its passages that can be looked up are added
 * to `unchecked` (passagesOf), and its verdict to `verdicts` when it can be read (for the method), so that one mistake
 * does not hide another.
 */
export function readClaim(node: ContainerDirective, file: string, problems: ProblemList, dir: 'ltr' | 'rtl', definitions: Definition[], unchecked: PassageLookup[], verdicts: WrittenVerdict[]): WrittenClaim | undefined {
  const place = start(node.position);
  const attributes = readClaimAttributes(node, file, problems);
  const children = [...node.children];
  const first = children[0];
  let label: Paragraph | undefined;
  if (first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) {
    label = first;
    children.shift();
  }
  if (!label || !hasVisibleText(toString(label))) {
    problems.add('missingLabel', file, place, 'Missing claim statement, expected `:::claim[The claim in one sentence]{…}`');
  }
  const quotes = children.filter((c): c is Blockquote => c.type === 'blockquote');
  const evidenceNodes = children.filter((c): c is LeafDirective => isEvidence(c));
  const evidence = evidenceNodes.map((e) => readEvidence(e, file, problems));
  const reasoning = children.filter((c) => c.type !== 'blockquote' && c.type !== 'definition' && !isEvidence(c));
  // `\t> words` or `    > words`: indented four columns, the quote is a code block to markdown.
  const indentedQuote = children.find((c): c is Code => c.type === 'code' && !c.lang && c.value.trimStart().startsWith('>'));
  if (quotes.length === 0 && indentedQuote) {
    problems.add('missingQuote', file, start(indentedQuote.position),
      `Unexpected indented \`${excerpt(indentedQuote.value.trim(), 30)}\` (a code block to markdown), expected the quote's \`>\` at the start of the line`);
  } else if (quotes.length === 0) problems.add('missingQuote', file, place, 'Missing quote, expected a `> …` blockquote with the exact words from the source');
  for (const extra of quotes.slice(1)) {
    problems.add('multipleQuotes', file, start(extra.position), 'Unexpected second quote in one claim, expected exactly one `> …` blockquote');
  }
  const reasoningShows = reasoning.some((r) => hasVisibleText(toString(r)));
  if (reasoning.length === 0) problems.add('missingReasoning', file, place, 'Missing reasoning, expected a paragraph after the quote explaining the status');
  else if (!reasoningShows) {
    problems.add('blankText', file, start(reasoning[0]!.position), 'Unexpected reasoning with no visible words (a rule, an image without alt text, invisible characters), expected a paragraph explaining the status');
  }
  const quote = quotes[0];
  if (!attributes || !label || !quote || quotes.length > 1 || !reasoningShows || evidence.some((e) => !e)) {
    unchecked.push(...passagesOf(node, quotes, evidence));
    const verdict = verdictOfUnchecked(node, evidence);
    if (verdict) verdicts.push(verdict);
    return undefined;
  }
  const written = writtenQuote(quote);
  return {
    attributes,
    labelHtml: phrasingToHtml(label.children, dir, definitions),
    labelText: toString(label).trim(),
    quote: written.text,
    quotePlace: written.place,
    occurrencePlace: attributePlace(node, 'occurrence'),
    docPlace: attributePlace(node, 'doc'),
    statusPlace: attributePlace(node, 'status'),
    evidence: evidence as WrittenEvidence[],
    reasoningHtml: markdownToHtml(reasoning, dir, definitions),
    place,
  };
}

