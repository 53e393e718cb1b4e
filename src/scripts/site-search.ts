/**
 * The search box: Pagefind's static index (built into `<base>pagefind/` after `astro build`, in shards on a
 * large site), queried in the browser; no server. Searches the page language's index and merges the other
 * languages' and the other shards', so an Arabic reader finds English cases too. Results are built as DOM nodes (text and `<mark>` only).
 */
interface PagefindResult {
  data: () => Promise<{ url: string; excerpt: string; content: string; locations: number[]; meta: { title?: string } }>;
}
interface Pagefind {
  options: (o: { baseUrl: string }) => Promise<void>;
  mergeIndex: (url: string, o: { language: string }) => Promise<void>;
  search: (q: string) => Promise<{ results: PagefindResult[] }>;
}

interface Manifest {
  shards: { path: string; languages: Record<string, number> }[];
}

/**
 * The language whose index Pagefind loads for a page in `lang` (its own rule: the language, its primary subtag,
 * else the language with the most pages), so that index is not merged a second time.
 */
export function pagefindLanguage(languages: Record<string, number>, lang: string): string | undefined {
  if (lang in languages) return lang;
  const primary = lang.split('-')[0]!;
  if (primary in languages) return primary;
  return Object.entries(languages).sort((a, b) => b[1] - a[1])[0]?.[0];
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
  let pagefind: Promise<Pagefind> | undefined;
  const load = () =>
    (pagefind ??= (async () => {
      // Every shard of the index with its languages (src/integrations/pagefind.ts); without the list, the one bundle.
      // Revalidated on each page (`no-cache`: a conditional request): a copy kept from before a deploy may name a shard
      // that is gone, and Pagefind stops searching when it cannot load one.
      const manifest = (await fetch(`${base}pagefind/shards.json`, { cache: 'no-cache' })
        .then((r) => (r.ok ? r.json() : undefined))
        .catch(() => undefined)) as Manifest | undefined;
      const shards = manifest?.shards ?? [{ path: '', languages: Object.fromEntries(languages.map((l) => [l, 0])) }];
      // The page's language is searched with its own WebAssembly (its stemming): Pagefind runs there from a shard that has it.
      const lang = doc.documentElement.lang.toLocaleLowerCase();
      const home = shards.find((shard) => lang in shard.languages || lang.split('-')[0]! in shard.languages) ?? shards[0]!;
      const pf = (await import(/* @vite-ignore */ `${base}pagefind/${home.path}pagefind.js`)) as Pagefind;
      await pf.options({ baseUrl: base });
      const loaded = pagefindLanguage(home.languages, lang);
      // Every other language of every shard, merged; each folder spelled with `./` so Pagefind never takes it for
      // the one it runs from (it skips any index whose address starts the same). Merged indexes use that WebAssembly.
      await Promise.all(
        shards.flatMap((shard) =>
          Object.keys(shard.languages)
            .filter((language) => !(shard === home && language === loaded))
            .map((language) => pf.mergeIndex(`${base}pagefind/./${shard.path}`, { language })),
        ),
      );
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
    const checked = await Promise.all(found.results.slice(0, CHECKED_RESULTS).map((r) => r.data()));
    if (ticket !== latest) return;
    const matching = checked.filter((r) => matchesQuery(query, r.content, r.locations));
    const results = matching.slice(0, 10);
    const count = matching.length + Math.max(0, found.results.length - CHECKED_RESULTS);
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
    status.textContent = (form.dataset['count'] ?? '{n}').replace('{n}', String(count));
  };
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  input.addEventListener('focus', () => void load(), { once: true });
}
