import { z } from 'zod';

/**
 * The site's rating method (content/method.yaml): what each status is called and means,
 * per language, and the rules a verdict must meet. The build enforces the rules and the
 * ratings pages are generated from the same file, so the published method and the
 * enforced method cannot disagree.
 */

/** What a broken rule does: fail the build, print a warning, or nothing. */
export const ruleSeveritySchema = z.enum(['error', 'warning', 'off']);
export type RuleSeverity = z.infer<typeof ruleSeveritySchema>;

/** Languages the method must be written in: the languages the site's UI ships. */
export const METHOD_LANGUAGES = ['ar', 'en'] as const;

const textSchema = z.string().trim().min(1, 'expected text, found an empty value');
/** A text in every method language. */
const localizedSchema = z.strictObject({ ar: textSchema, en: textSchema });

const statusMethodSchema = z.strictObject({
  /** The status as readers see it, e.g. `مؤكد` / `Confirmed`. */
  label: localizedSchema,
  /** The one definition of the status, shown on the ratings page and as the badge's title. */
  definition: localizedSchema,
});

const severityOnly = z.strictObject({ severity: ruleSeveritySchema.default('error') });

export const methodRulesSchema = z.strictObject({
  /** `disputed` needs at least one `::contradicts` passage. */
  'disputed-needs-contradiction': severityOnly.default({ severity: 'error' }),
  /** `confirmed` needs `::supports` passages from `attributions` distinct attributions, or (when `record`) one from an official record. */
  'confirmed-needs-corroboration': z
    .strictObject({
      severity: ruleSeveritySchema.default('error'),
      attributions: z.number().int().min(1).default(2),
      record: z.boolean().default(true),
    })
    .default({ severity: 'error', attributions: 2, record: true }),
  /** `unconfirmed` needs `missing="…"`: what would settle it. */
  'unconfirmed-needs-missing': severityOnly.default({ severity: 'error' }),
  /** `missing` on a `confirmed` claim contradicts the verdict. */
  'no-missing-on-confirmed': severityOnly.default({ severity: 'error' }),
});

/** How sources are counted (who counts as a source, relatives, the report's own voice…): editorial principles, shown on the ratings page. */
const countingSchema = z.strictObject({
  heading: localizedSchema,
  principles: z.array(localizedSchema).min(1, 'expected at least one principle'),
});

export const methodSchema = z.strictObject({
  statuses: z.strictObject({ confirmed: statusMethodSchema, unconfirmed: statusMethodSchema, disputed: statusMethodSchema }),
  counting: countingSchema.optional(),
  rules: methodRulesSchema.default(methodRulesSchema.parse({})),
});

export type Method = z.infer<typeof methodSchema>;
export type MethodRules = z.infer<typeof methodRulesSchema>;
export type MethodRuleName = keyof MethodRules;
export const METHOD_RULE_NAMES = Object.keys(methodRulesSchema.shape) as MethodRuleName[];
