import type { ClaimEntry, EvidenceEntry } from '../schemas/case-entry.ts';
import type { Method, MethodRuleName } from '../schemas/method.ts';
import type { CaseDocument } from './case-documents.ts';
import { excerpt, type Point, type ProblemList, type ProblemName } from './problems.ts';

/** The problem each method rule reports. */
export const RULE_PROBLEMS: Record<MethodRuleName, ProblemName> = {
  'disputed-needs-contradiction': 'disputedWithoutContradiction',
  'confirmed-needs-corroboration': 'confirmedWithoutCorroboration',
  'unconfirmed-needs-missing': 'unconfirmedWithoutMissing',
  'no-missing-on-confirmed': 'missingOnConfirmed',
};

/** Two attributions are the same source when they read the same, ignoring case and spacing. */
export function sameAttribution(attribution: string): string {
  return attribution.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('und');
}

/**
 * What the method reads of a claim: its status, `missing`, and the relation, attribution and document of each
 * evidence passage as written, whether or not its quote and passages were found in the source (so that one run
 * reports every problem of a claim). `statusPlace` is where a violation is reported.
 */
export interface MethodClaim extends Pick<ClaimEntry, 'id' | 'status' | 'missing'> {
  statusPlace: Point;
  evidence: (Pick<EvidenceEntry, 'relation' | 'attribution'> & { doc: string })[];
}

/**
 * Checks every claim of a case against the site's method. A violation is reported at the claim's `status=` with
 * the rule's configured severity; `off` rules are skipped. No method, no checks.
 */
export function checkMethod(
  method: Method | undefined,
  claims: readonly MethodClaim[],
  documents: readonly CaseDocument[],
  file: string,
  problems: ProblemList,
): void {
  if (!method) return;
  const { rules } = method;
  const records = new Set(documents.filter((d) => d.record).map((d) => d.id));
  for (const claim of claims) {
    const place = claim.statusPlace;
    const report = (rule: MethodRuleName, message: string) => {
      const severity = rules[rule].severity;
      if (severity !== 'off') problems.add(RULE_PROBLEMS[rule], file, place, `${message} (method rule \`${rule}\`)`, undefined, severity);
    };
    if (claim.status === 'disputed' && !claim.evidence.some((e) => e.relation === 'contradicts')) {
      report('disputed-needs-contradiction', `Disputed claim \`#${claim.id}\` cites no contradicting passage, expected at least one \`::contradicts[…]\``);
    }
    if (claim.status === 'confirmed') {
      const rule = rules['confirmed-needs-corroboration'];
      const supports = claim.evidence.filter((e) => e.relation === 'supports');
      const distinct = new Map<string, string>();
      for (const e of supports) if (!distinct.has(sameAttribution(e.attribution))) distinct.set(sameAttribution(e.attribution), e.attribution);
      const fromRecord = rule.record && supports.some((e) => records.has(e.doc));
      if (distinct.size < rule.attributions && !fromRecord) {
        const found = distinct.size === 0
          ? 'no supporting passage'
          : `supporting passages from ${distinct.size} attribution${distinct.size === 1 ? '' : 's'} (${[...distinct.values()].map((a) => `\`${excerpt(a, 40)}\``).join(', ')})`;
        const wanted = `${rule.attributions} distinct attribution${rule.attributions === 1 ? '' : 's'}${rule.record ? ' or one passage from an official record (`record: true`)' : ''}`;
        report('confirmed-needs-corroboration', `Confirmed claim \`#${claim.id}\` cites ${found}, expected ${wanted}`);
      }
      if (claim.missing) report('no-missing-on-confirmed', `Confirmed claim \`#${claim.id}\` says \`missing="${excerpt(claim.missing, 40)}"\`, expected nothing missing on a confirmed claim`);
    }
    if (claim.status === 'unconfirmed' && !claim.missing) {
      report('unconfirmed-needs-missing', `Unconfirmed claim \`#${claim.id}\` without \`missing\`, expected \`missing="…"\` saying what evidence would settle it`);
    }
  }
}
