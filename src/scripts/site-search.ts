/**
 * The search box: Pagefind's static index (built into `<base>pagefind/` after `astro build`), queried
 * in the browser; no server. Searches the page language's index and merges the other languages', so
 * an Arabic reader finds English cases too. Results are built as DOM nodes (text and `<mark>` only).
 */
interface PagefindResult {
  data: () => Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  options: (o: { baseUrl: string }) => Promise<void>;
  mergeIndex: (url: string, o: { language: string }) => Promise<void>;
  search: (q: string) => Promise<{ results: PagefindResult[] }>;
}

/** Pagefind's excerpt (escaped text with `<mark>`) as safe nodes. */
function excerptNodes(doc: Document, excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html').body.firstChild!;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = doc.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return doc.createTextNode(node.textContent ?? '');
  });
}

export function enhanceSearch(doc: Document): void {
  const form = doc.querySelector<HTMLFormElement>('form[data-search]');
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const list = doc.querySelector<HTMLOListElement>('[data-search-results]');
  const status = doc.querySelector<HTMLElement>('[data-search-status]');
  if (!form || !input || !list || !status) return;
  const base = form.dataset['base'] ?? '/';
  const others = (form.dataset['languages'] ?? '').split(' ').filter((l) => l && l !== doc.documentElement.lang);
  let pagefind: Promise<Pagefind> | undefined;
  const load = () =>
    (pagefind ??= (async () => {
      const pf = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)) as Pagefind;
      await pf.options({ baseUrl: base });
      // The same bundle, spelled so Pagefind does not skip it as "the primary index": it then loads that language's index too.
      for (const language of others) await pf.mergeIndex(`${base}./pagefind/`, { language });
      return pf;
    })());
  let latest = 0;
  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    const pf = await load();
    const found = await pf.search(query);
    const results = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    if (ticket !== latest) return;
    list.replaceChildren(
      ...results.map((r) => {
        const li = doc.createElement('li');
        const a = doc.createElement('a');
        a.href = new URL(r.url, doc.baseURI).href;
        a.textContent = r.meta.title ?? r.url;
        a.dir = 'auto';
        const p = doc.createElement('p');
        p.dir = 'auto';
        p.append(...excerptNodes(doc, r.excerpt));
        li.append(a, p);
        return li;
      }),
    );
    status.textContent = (form.dataset['count'] ?? '{n}').replace('{n}', String(found.results.length));
  };
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  input.addEventListener('focus', () => void load(), { once: true });
}
