/**
 * Optional enhancement of the status filter. Each filter link is a fragment of
 * the case page (`#status-disputed`) and CSS filters the table on `:target`, so
 * filtering needs no JavaScript, the URL is shareable and Back/Forward work.
 * With JavaScript the filter also updates the caption, the current link and a
 * live announcement, and stays on while the reader follows links to claims and
 * quotes (a link to a filtered-out row still shows that row, through `:target`).
 */
import { STATUSES } from '../schemas/status-names.ts';

/**
 * The filter a URL fragment asks for: `#status-<status>` → that status; no fragment or
 * `#claims` → `all`; any other fragment (a claim, a quote) → undefined, the filter stays as it is.
 */
export function statusOfHash(hash: string): string | undefined {
  const name = decodeURIComponent(hash.replace(/^#/, ''));
  if (name === '' || name === 'claims') return 'all';
  const status = name.startsWith('status-') ? name.slice('status-'.length) : '';
  return (STATUSES as readonly string[]).includes(status) ? status : undefined;
}

export function enhanceStatusFilter(doc: Document): void {
  const nav = doc.querySelector<HTMLElement>('nav[data-filter]');
  const table = doc.querySelector<HTMLTableElement>('table.claims');
  if (!nav || !table) return;
  const captions = JSON.parse(nav.dataset['captions'] ?? '{}') as Record<string, string>;
  const caption = table.querySelector<HTMLElement>('[data-caption-count]');
  const announce = doc.querySelector<HTMLElement>('[data-filter-announce]');
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-status]')];
  const links = [...nav.querySelectorAll<HTMLAnchorElement>('a[data-filter-status]')];
  const apply = (status: string, initial = false) => {
    // A filtered-out row still shows when a link targets it (CSS `:target`).
    for (const row of rows) row.classList.toggle('filtered-out', status !== 'all' && row.dataset['status'] !== status);
    for (const link of links) {
      if (link.dataset['filterStatus'] === status) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (caption && captions[status]) caption.textContent = captions[status];
    if (announce && captions[status] && !initial) announce.textContent = captions[status];
    doc.documentElement.dataset['filter'] = status;
  };
  // The links navigate to their fragment as they would without JavaScript; hashchange covers clicks, Back and Forward.
  window.addEventListener('hashchange', () => {
    const status = statusOfHash(location.hash);
    if (status) apply(status);
  });
  apply(statusOfHash(location.hash) ?? 'all', true);
}
