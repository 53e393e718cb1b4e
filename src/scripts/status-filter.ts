/**
 * Optional enhancement of the status filter. Without JavaScript each filter link
 * loads a per-status page (`/cases/<id>/<status>/`). With it, the same links
 * filter the table in place and push that same URL, so the view stays shareable
 * and Back/Forward work.
 */
import { STATUSES } from '../schemas/status-names.ts';

/** The status in a case URL: `/cases/<id>/<status>/` → status; the case page itself → `all`. */
export function statusOfPath(pathname: string, caseUrl: string): string {
  const rest = pathname.startsWith(caseUrl) ? pathname.slice(caseUrl.length).replace(/\/$/, '') : '';
  return (STATUSES as readonly string[]).includes(rest) ? rest : 'all';
}

export function enhanceStatusFilter(doc: Document): void {
  const nav = doc.querySelector<HTMLElement>('nav[data-filter]');
  const table = doc.querySelector<HTMLTableElement>('table.claims');
  if (!nav || !table) return;
  const caseUrl = nav.dataset['caseUrl'] ?? '';
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

  nav.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('a[data-filter-status]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    const status = link.dataset['filterStatus'] ?? 'all';
    history.pushState({ status }, '', link.href.replace(/#.*$/, ''));
    apply(status);
  });
  window.addEventListener('popstate', () => apply(statusOfPath(location.pathname, caseUrl)));
  apply(statusOfPath(location.pathname, caseUrl), true);
}
