import { excerpt } from '../problems.ts';
import type { ProvenanceResult } from './check-provenance.ts';

/** The re-anchoring report, one block per changed source of a case, one line per claim (plus old/new passages when they differ). */
export function formatReanchoring(result: ProvenanceResult): string {
  const blocks = result.changes.map((change) => {
    const lines = [
      `re-anchoring ${change.file} in ${change.document}`,
      `  source changed: sha256 ${change.oldSha256}`,
      `               → sha256 ${change.newSha256}`,
    ];
    const width = Math.max(...change.claims.map((c) => c.claim.length + 1), 4);
    for (const c of change.claims) {
      const was = `${c.old.line}:${c.old.column}`;
      const head = `  ${`#${c.claim}`.padEnd(width)}  ${c.kind.padEnd(9)}`;
      if (c.kind === 'unchanged') lines.push(`${head}  ${was}`);
      else if (c.kind === 'moved') lines.push(`${head}  ${was} → ${c.new!.line}:${c.new!.column}`);
      else if (c.kind === 'fuzzy') {
        lines.push(`${head}  ${was} → ${c.new!.line}:${c.new!.column}  (${Math.round((c.similarity ?? 0) * 100)}% of words shared; accept with --accept)`);
        lines.push(`      old: ${excerpt(c.old.passage, 160)}`, `      new: ${excerpt(c.new!.passage, 160)}`);
      } else {
        lines.push(`${head}  ${was} → not found`, `      old: ${excerpt(c.old.passage, 160)}`);
      }
    }
    if (change.claims.length === 0) lines.push('  (no claims recorded for this source)');
    return lines.join('\n');
  });
  return blocks.join('\n\n');
}

/** One-line notices: lock entries out of date (not an error; `--accept` records them). */
export function staleNotices(result: ProvenanceResult, lockFile: string): string[] {
  return result.stale.map(
    (s) => `${lockFile} is out of date for ${s.file}: ${s.claims.length} quoted passage${s.claims.length === 1 ? '' : 's'} changed since last accepted (${s.claims.slice(0, 5).map((c) => `#${c}`).join(', ')}${s.claims.length > 5 ? ', …' : ''}); \`npx tahqiq check --accept\` records them`,
  );
}
