import { z } from 'zod';
import { languageTagSchema } from './frontmatter.ts';

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `expected ${what} starting with \`https://\`` });

/** Who publishes the fact-checks. */
export const organizationSchema = z.strictObject({
  name: z.string().trim().min(1, 'expected the organisation\'s name, found an empty value').describe('Name of the publishing organisation, e.g. `Example Fact Check`.'),
  url: httpUrl('an address').describe('Home page of the organisation.'),
  logo: httpUrl('an image address').optional().describe('Address of the organisation\'s logo (for structured data); optional.'),
});

/** How readers reach the newsroom to report an error. */
export const contactSchema = z.strictObject({
  email: z.email({ error: 'expected an e-mail address such as `corrections@example.org`' }).describe('Address for corrections and error reports.'),
  url: httpUrl('an address').optional().describe('A web form for error reports; optional.'),
});

/** A sub-path: `/`, or `/name/` (lowercase letters, digits, `-`, `_`, `.`, one or more segments). */
export const basePathSchema = z
  .string()
  .regex(/^\/([A-Za-z0-9._~-]+\/)*$/, 'expected `/` or a sub-path between slashes such as `/tahqiq/`')
  // `.` and `..` are not names: a browser resolves them away, and the pages would be written where no link points.
  .refine((base) => !base.split('/').some((segment) => segment === '.' || segment === '..'), 'expected folder names between the slashes, not `.` or `..`');

/**
 * What is wrong with a public address beyond its scheme, or undefined: the pages' addresses are made from its host
 * alone (the sub-path is `base`), so a path, a query or a fragment would be dropped unseen, and a user name or
 * password would be published in every canonical link.
 */
export function publicAddressProblem(address: string): string | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  if (url.username || url.password) return 'expected an address without a user name or password (it would be published in every link)';
  if (url.pathname !== '/') {
    const sub = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    return `expected the address of the site's host alone, \`${url.origin}/\`: a sub-path goes in \`base: ${sub}\` (or \`TAHQIQ_BASE\`); here it would be left out of every link`;
  }
  if (url.search || url.hash) return `expected the address of the site's host alone, \`${url.origin}/\`, without \`${url.search}${url.hash}\` (it would be left out of every link)`;
  return undefined;
}

/** `content/site.yaml`: what the whole site says about itself. Each field's `.describe()` is its documentation. */
export const siteConfigSchema = z
  .strictObject({
    name: z
      .record(languageTagSchema, z.string().trim().min(1, 'expected a name, found an empty value'))
      .describe('The site\'s name per interface language, e.g. `ar: تحقيق` and `en: tahqiq`; a name for `lang` is required.'),
    organization: organizationSchema.describe('The publishing organisation: author of every ClaimReview and of the feed.'),
    url: httpUrl('the public address').superRefine((address, ctx) => {
      const problem = publicAddressProblem(address);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }).describe('Public address of the site, e.g. `https://factcheck.example.org/` (canonical links, sitemap, feed). Env override: `TAHQIQ_SITE`.'),
    base: basePathSchema.default('/').describe('Sub-path the site is served under, e.g. `/tahqiq/`; `/` at the root of a domain. Env override: `TAHQIQ_BASE`.'),
    lang: languageTagSchema.describe('Language of the site chrome (index page, feed): `ar` or `en`. Env override: `TAHQIQ_SITE_LANG`.'),
    contact: contactSchema.describe('Where readers report an error.'),
  })
  .refine((c) => c.name[c.lang] !== undefined, { path: ['name'], message: 'expected a name for the site language `lang`' });

export type SiteConfig = z.infer<typeof siteConfigSchema>;
