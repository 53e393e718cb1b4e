import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import type { z } from 'zod';
import { attributePlace, closest, list, plainMessage, TYPOGRAPHIC_MARK } from './messages.ts';
import type { ProblemList } from './problems.ts';

/**
 * Checks the attributes of an evidence or note directive against its schema, reporting
 * each unknown or invalid attribute at the attribute itself (TQ405).
 */
export function readDirectiveAttributes<T>(
  node: ContainerDirective | LeafDirective,
  schema: z.ZodType<T>,
  names: readonly string[],
  what: string,
  file: string,
  problems: ProblemList,
): T | undefined {
  const raw = { ...(node.attributes ?? {}) };
  let ok = true;
  for (const name of Object.keys(raw)) {
    if (names.includes(name)) continue;
    ok = false;
    const shown = name === 'id' ? `#${raw[name]}` : name === 'class' ? `.${raw[name]}` : name;
    // `claimant=` names who made a claim; on an evidence passage, who says it is `by=`.
    const guess = name === 'claimant' && names.includes('by') ? 'by' : closest(name, names);
    problems.add('evidenceAttribute', file, attributePlace(node, name),
      `Unexpected attribute \`${shown}\` on ${what}, expected ${list(names)}${guess ? ` (did you mean \`${guess}\`?)` : ''}`);
    delete raw[name];
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (typeof raw[name] === 'string' && TYPOGRAPHIC_MARK.test(raw[name])) continue; // reported as typographic quotes
      problems.add('evidenceAttribute', file, attributePlace(node, name), `Unexpected \`${name}=${raw[name] ?? ''}\` on ${what}, ${plainMessage(issue.message)}`);
    }
    return undefined;
  }
  return ok ? result.data : undefined;
}
