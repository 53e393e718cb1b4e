/**
 * Routes whose outputs are files, not pages (a case's open data, annotations, source texts and share card, and
 * `/claims.json`). In `astro dev` they are ordinary routes. In `astro build` each route hands its outputs to the
 * direct-outputs integration (src/integrations/direct-outputs.ts), which writes them after the pages without Astro's
 * per-route cost, and gives Astro no paths. Both make the same bytes with the route's one `make`.
 */
import type { GetStaticPathsResult } from 'astro';
import { pieceBytes, type OutputBody } from './core/output-pieces.ts';
import { handOver } from './integrations/direct-outputs.ts';

export interface OutputPath<P extends Record<string, unknown>> {
  params: Record<string, string>;
  props: P;
  /** The output's path under the output folder, as Astro would write it (`cases/<id>.json`). */
  file: string;
  /** Changes whenever the output's bytes would (the case's key, and what else the output shows). */
  key: string;
}

export function outputPaths<P extends Record<string, unknown>>(paths: readonly OutputPath<P>[], make: (props: P) => OutputBody | Promise<OutputBody>): GetStaticPathsResult {
  if (import.meta.env.DEV) return paths.map(({ params, props }) => ({ params, props }));
  for (const { file, key, props } of paths) handOver(file, { key, make: () => make(props) });
  return [];
}

/** The dev server's response for an output: pieces are streamed, never joined. */
export async function outputResponse(body: OutputBody | Promise<OutputBody>, type: string): Promise<Response> {
  const made = await body;
  const headers = { 'content-type': type };
  if (typeof made === 'string' || made instanceof Uint8Array) return new Response(typeof made === 'string' ? made : new Uint8Array(made), { headers });
  const pieces = made[Symbol.iterator]();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(pieceBytes(next.value));
    },
  });
  return new Response(stream, { headers });
}
