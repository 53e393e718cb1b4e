import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packageVersion } from '../package-version.ts';

const require = createRequire(import.meta.url);

/** HarfBuzz's subsetter (hb-subset), as harfbuzzjs builds it to WebAssembly: its exports this file uses. */
interface HbSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(bytes: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** harfbuzzjs's version: a new one may cut fonts differently. */
export const HARFBUZZJS = `harfbuzzjs@${packageVersion('harfbuzzjs')}`;

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
/** Keep the outline of glyph 0 (.notdef): a character no font has is drawn as that box, as with the whole font. */
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;

let loading: Promise<HbSubset> | undefined;
function harfbuzz(): Promise<HbSubset> {
  loading ??= WebAssembly.instantiate(readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'))).then(({ instance }) => {
    const hb = instance.exports as unknown as HbSubset;
    hb._initialize();
    return hb;
  });
  return loading;
}

/**
 * A TrueType font cut down to the glyphs `text`'s characters map to, and every glyph the font's layout rules reach
 * from them (ligatures, contextual forms, marks: every layout feature is kept), with the .notdef box: text drawn
 * with it looks as it does with the whole font. HarfBuzz's subsetter, the one web font services use.
 */
export async function cutFont(font: Uint8Array, text: string): Promise<Buffer> {
  const hb = await harfbuzz();
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('HarfBuzz could not start a subset');
  const bytes = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, bytes);
  const blob = hb.hb_blob_create(bytes, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  let subset = 0;
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const character of text) hb.hb_set_add(unicodes, character.codePointAt(0)!);
    subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('HarfBuzz could not cut the font (is it a TrueType font?)');
    const result = hb.hb_face_reference_blob(subset);
    try {
      const length = hb.hb_blob_get_length(result);
      if (length === 0) throw new Error('HarfBuzz cut the font to nothing');
      const data = hb.hb_blob_get_data(result, 0);
      return Buffer.from(new Uint8Array(hb.memory.buffer, data, length));
    } finally {
      hb.hb_blob_destroy(result);
    }
  } finally {
    if (subset !== 0) hb.hb_face_destroy(subset);
    hb.hb_face_destroy(face);
    hb.hb_subset_input_destroy(input);
    hb.free(bytes);
  }
}
