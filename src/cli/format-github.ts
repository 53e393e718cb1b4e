import type { Problem } from '../core/problems.ts';

/** Escapes a workflow command's message (GitHub Actions: `%`, CR and LF are encoded). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, plus `:` and `,`, which separate properties. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub Actions annotation per problem (`::error file=…,line=…,col=…,title=TQ303::message`), so problems
 * show inline on the pull request's changed files. The hint (and a related place) follows the message on new lines.
 */
export function githubAnnotation(p: Problem): string {
  const lines = [p.message];
  if (p.related) lines.push(`${p.related.file}:${p.related.place.line}:${p.related.place.column}: ${p.related.message}`);
  lines.push(`hint: ${p.hint}`);
  const properties = [`file=${escapeProperty(p.file)}`, `line=${p.place.line}`, `col=${p.place.column}`, `title=${escapeProperty(p.code)}`].join(',');
  return `::${p.severity === 'error' ? 'error' : 'warning'} ${properties}::${escapeData(lines.join('\n'))}`;
}

/** A notice with no place, e.g. "the lock is out of date". */
export function githubNotice(message: string): string {
  return `::notice::${escapeData(message)}`;
}
