import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { directionOf } from './direction.ts';
import rehypeIsolateBidi from './rehype-isolate-bidi.ts';

/** Where Astro keeps an MDX page's frontmatter while it compiles it. */
interface AstroFileData {
  astro?: { frontmatter?: { lang?: unknown } };
}

/**
 * rehypeIsolateBidi for the editorial pages (MDX), each in the direction of its own frontmatter `lang`: runs of the
 * other direction (`JSON`, `SHA-256` on an Arabic page) get the language of their script, as on the case pages, so a
 * screen reader reads them with the right voice. A page without a valid `lang` is left as written (its check,
 * TQ512, refuses it).
 */
export default function rehypeIsolateBidiByLang() {
  const isolate = { ltr: rehypeIsolateBidi({ dir: 'ltr' }), rtl: rehypeIsolateBidi({ dir: 'rtl' }) };
  return (tree: Root, file: VFile) => {
    const lang = (file.data as AstroFileData).astro?.frontmatter?.lang;
    if (typeof lang !== 'string') return;
    let dir: 'ltr' | 'rtl';
    try {
      dir = directionOf(lang);
    } catch {
      return;
    }
    isolate[dir](tree);
  };
}
