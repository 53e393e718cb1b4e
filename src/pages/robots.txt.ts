import type { APIRoute } from 'astro';
import { urls } from '../exports.ts';

/** `/robots.txt`: everything may be crawled; points at the sitemap. (Under a sub-path, a host serves its own robots.txt at the domain root.) */
export const GET: APIRoute = () => new Response(`User-agent: *\nAllow: /\n\nSitemap: ${urls.page('sitemap.xml')}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
