/**
 * The search box: Pagefind's static index (built into `<base>pagefind/` after `astro build`, in shards on a
 * large site), queried in the browser; no server. Each language of the site is searched with its own stemmer, over
 * every shard, so an Arabic reader finds English cases too and an English reader finds Arabic ones, and a word with
 * an ending or an article (`clinics`, `المسعود`) finds the pages holding its stem in either language. Results are
 * built as DOM nodes (text and `<mark>` only).
 */
interface PagefindResult {
  score: number;
  data: () => Promise<{ url: string; excerpt: string; content: string; locations: number[]; meta: { title?: string } }>;
}
interface PagefindInstance {
  options: (o: { baseUrl: string }) => Promise<void>;
  mergeIndex: (url: string, o: { language: string }) => Promise<void>;
  search: (q: string) => Promise<{ results: PagefindResult[] }>;
}
interface PagefindModule {
  createInstance: (o: { basePath: string }) => PagefindInstance;
}

interface Manifest {
  shards: { path: string; languages: Record<string, number> }[];
}

/**
 * The languages of an index and, for each, the shard folders holding it (the first one first): one Pagefind instance
 * a language runs from its first folder, and merges the others.
 */
export function languageFolders(shards: Manifest['shards']): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const shard of shards) {
    for (const language of Object.keys(shard.languages)) {
      const list = folders.get(language) ?? [];
      list.push(shard.path);
      folders.set(language, list);
    }
  }
  return folders;
}

/**
 * A Pagefind instance that searches `language`'s index with that language's stemmer, from its own copy of Pagefind's
 * module (`pagefind.js?<language>`): the module keeps the WebAssembly it loaded in one variable, so a second language
 * loaded into the same module runs the first one's searches on its own memory (they found nothing). Pagefind reads the
 * language of an instance from `<html lang>` when the instance is made, and has no option for it: the attribute is set
 * for that one synchronous call and put back before anything can render or read it.
 */
async function instanceFor(doc: Document, base: string, language: string, basePath: string): Promise<PagefindInstance> {
  const pagefind = (await import(/* @vite-ignore */ `${base}pagefind/pagefind.js?${encodeURIComponent(language)}`)) as PagefindModule;
  const html = doc.documentElement;
  const lang = html.getAttribute('lang');
  html.setAttribute('lang', language);
  try {
    return pagefind.createInstance({ basePath });
  } finally {
    if (lang === null) html.removeAttribute('lang');
    else html.setAttribute('lang', lang);
  }
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

/** A word as compared with a query's: lower case, without marks (diacritics, tatweel) or punctuation. */
function folded(word: string): string {
  return word.normalize('NFD').replace(/[\p{M}\u0640]|[^\p{L}\p{N}]/gu, '').toLocaleLowerCase();
}

/** Results whose data is read to tell real matches from Pagefind's stand-ins (below); the rest are counted as found. */
const CHECKED_RESULTS = 50;

/**
 * Whether a result matched a word of the query, rather than a short word the typed one starts with: for a word no
 * page holds, Pagefind answers with pages holding its first letters (`abcdef` finds every `a`, `Soufan` every `so`).
 * A page counts when one of its matched words is at least 40% as long as the shortest word of the query: a stem
 * (`nation` for `nationalities`, `غارة` for `والغارات`) is, a first letter or two is not.
 */
export function matchesQuery(query: string, content: string, locations: readonly number[]): boolean {
  const queryWords = query.split(/\s+/).map(folded).filter(Boolean);
  if (queryWords.length === 0) return true;
  const shortest = Math.min(...queryWords.map((w) => w.length));
  const words = content.split(/\s+/);
  return locations.some((at) => folded(words[at] ?? '').length >= 0.4 * shortest);
}

export function enhanceSearch(doc: Document): void {
  const form = doc.querySelector<HTMLFormElement>('form[data-search]');
  const input = form?.querySelector<HTMLInputElement>('input[type="search"]');
  const list = doc.querySelector<HTMLOListElement>('[data-search-results]');
  const status = doc.querySelector<HTMLElement>('[data-search-status]');
  if (!form || !input || !list || !status) return;
  const base = form.dataset['base'] ?? '/';
  const languages = (form.dataset['languages'] ?? '').split(' ').filter(Boolean);
  let instances: Promise<{ language: string; instance: PagefindInstance }[]> | undefined;
  const load = () =>
    (instances ??= (async () => {
      // Every shard of the index with its languages (src/integrations/pagefind.ts); without the list, the one bundle.
      // Revalidated on each page (`no-cache`: a conditional request): a copy kept from before a deploy may name a shard
      // that is gone, and Pagefind stops searching when it cannot load one.
      const manifest = (await fetch(`${base}pagefind/shards.json`, { cache: 'no-cache' })
        .then((r) => (r.ok ? r.json() : undefined))
        .catch(() => undefined)) as Manifest | undefined;
      const shards = manifest?.shards ?? [{ path: '', languages: Object.fromEntries(languages.map((l) => [l, 0])) }];
      return Promise.all(
        [...languageFolders(shards)].map(async ([language, [first, ...others]]) => {
          const instance = await instanceFor(doc, base, language, `${base}pagefind/${first}`);
          await instance.options({ baseUrl: base });
          // Each other folder spelled with `./` so Pagefind never takes it for the one it runs from (it skips any
          // index whose address starts the same); merged indexes use the instance's WebAssembly (its stemmer).
          await Promise.all(others.map((folder) => instance.mergeIndex(`${base}pagefind/./${folder}`, { language })));
          return { language, instance };
        }),
      );
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
    const searched = await Promise.all((await load()).map(async ({ language, instance }) => ({ language, search: await instance.search(query) })));
    // Each language's results, in one list by score, as Pagefind ranks the indexes it merges. A page is in the index of
    // its own language (its `<html lang>`): its result is marked in that language, as the case lists mark each card.
    const found = searched.flatMap((s) => s.search.results.map((result) => ({ result, language: s.language }))).sort((a, b) => b.result.score - a.result.score);
    const checked = await Promise.all(found.slice(0, CHECKED_RESULTS).map(async ({ result, language }) => ({ ...(await result.data()), language })));
    if (ticket !== latest) return;
    const matching = checked.filter((r) => matchesQuery(query, r.content, r.locations));
    const results = matching.slice(0, 10);
    const count = matching.length + Math.max(0, found.length - CHECKED_RESULTS);
    list.replaceChildren(
      ...results.map((r) => {
        const li = doc.createElement('li');
        li.lang = r.language;
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
    const template = (count === 1 ? form.dataset['countOne'] : undefined) ?? form.dataset['count'] ?? '{n}';
    status.textContent = template.replace('{n}', String(count));
  };
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  input.addEventListener('focus', () => void load(), { once: true });
}
