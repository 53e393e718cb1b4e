/**
 * A source document saved while `npm run dev` runs: the cases quoting it are verified again and checked against the
 * source lock, as a build checks them, so the terminal says the source changed since its claims were accepted
 * (TQ600) instead of only that a quote no longer matches. On a real dev server over a copy of the project.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerOnCopy } from './helpers/dev-server.ts';

const SOURCE = 'seeds/sample-en-riverside-clinic.txt';

describe('a source document edited while the dev server runs', () => {
  const server = devServerOnCopy();

  it('is reported as changed since the claims quoting it were accepted, with the quotes that no longer match', async () => {
    const file = path.join(server.dir, SOURCE);
    writeFileSync(file, readFileSync(file, 'utf8').replace('will close on March 31', 'will close on May 31'));
    await expect.poll(() => server.dev.log(), { timeout: 90_000, interval: 500 })
      .toMatch(/content\/cases\/riverside-clinic\.md:\d+:\d+ {2}warning {2}Source `seeds\/sample-en-riverside-clinic\.txt` changed since this case's claims were last checked.*\[TQ600\]/);
    // The claim whose words changed is re-anchored as a build does: a changed passage to review, not only a quote to retype.
    await expect.poll(() => server.dev.log(), { timeout: 30_000, interval: 500 })
      .toMatch(/riverside-clinic\.md:\d+:\d+ {2}error {2}Quote of `#clinic-closes-march-31` changed in `seeds\/sample-en-riverside-clinic\.txt` \(\d+% of words shared\): was `will close on March 31.*now `will close on May 31.*\[TQ602\]/);
    expect(server.dev.log()).toMatch(/riverside-clinic\.md:\d+:\d+ {2}error {2}Quote not found in `seeds\/sample-en-riverside-clinic\.txt`.*\[TQ303\]/);
  });
});
