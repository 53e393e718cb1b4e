import type { LeafDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { EVIDENCE_ATTRIBUTE_NAMES, EVIDENCE_RELATIONS, evidenceAttributesSchema, type EvidenceRelation } from '../schemas/evidence.ts';
import { attributePlace, start } from './messages.ts';
import type { Point, ProblemList } from './problems.ts';
import type { PassageLookup } from './report-anchor-failure.ts';
import { readDirectiveAttributes } from './read-directive-attributes.ts';

/** An evidence passage as written inside a claim, before it is looked up in its document. */
export interface WrittenEvidence {
  relation: EvidenceRelation;
  /** The passage as typed (the directive's label). */
  passage: string;
  passagePlace: Point;
  /** Who says it, when not the document's publisher. */
  by?: string;
  /** Document id as written (`doc=`); undefined means the first document. */
  doc?: string;
  docPlace: Point;
  occurrence?: number;
  occurrencePlace: Point;
  place: Point;
}

/** What looking up an evidence passage in its document needs. */
export function evidenceLookup(evidence: WrittenEvidence): PassageLookup {
  return { noun: 'Evidence passage', text: evidence.passage, doc: evidence.doc, docPlace: evidence.docPlace, occurrence: evidence.occurrence, place: evidence.passagePlace, occurrencePlace: evidence.occurrencePlace };
}

/** Is this node an evidence passage (`::supports`, `::contradicts`, `::context`)? */
export function isEvidence(node: { type: string; name?: string | null }): boolean {
  return node.type === 'leafDirective' && (EVIDENCE_RELATIONS as readonly string[]).includes(node.name ?? '');
}

/** Reads one evidence passage: its relation, words and attributes, each problem at its place. */
export function readEvidence(node: LeafDirective, file: string, problems: ProblemList): WrittenEvidence | undefined {
  const relation = node.name as EvidenceRelation;
  const place = start(node.position);
  const attributes = readDirectiveAttributes(node, evidenceAttributesSchema, EVIDENCE_ATTRIBUTE_NAMES, `\`::${relation}\``, file, problems);
  const passage = node.children.map((c) => toString(c)).join('').trim();
  if (!passage) {
    problems.add('evidenceEmpty', file, place, `Unexpected \`::${relation}\` without a passage, expected \`::${relation}[exact words from the source]\``);
    return undefined;
  }
  if (!attributes) return undefined;
  const evidence: WrittenEvidence = {
    relation,
    passage,
    passagePlace: start(node.children[0]?.position ?? node.position),
    docPlace: attributePlace(node, 'doc'),
    occurrencePlace: attributePlace(node, 'occurrence'),
    place,
  };
  if (attributes.by) evidence.by = attributes.by;
  if (attributes.doc) evidence.doc = attributes.doc;
  if (attributes.occurrence !== undefined) evidence.occurrence = attributes.occurrence;
  return evidence;
}
