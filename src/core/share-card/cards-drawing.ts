// A build draws every case's share card in child processes while Astro bundles and renders pages (the content
// loader starts it and does not wait); the card endpoint waits for it only when its card is not drawn yet.
// The loader and the pages may hold separate copies of this module (Vite), so the promise lives on globalThis.
const KEY = Symbol.for('tahqiq.cardsDrawing');

type Registry = { drawing?: Promise<unknown> | undefined };

function registry(): Registry {
  const store = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (store[KEY] ??= {});
}

/** Records the drawing under way (settles when every card is in the cache or failed). */
export function setCardsDrawing(drawing: Promise<unknown>): void {
  registry().drawing = drawing.catch(() => undefined);
}

/** The drawing under way in this process, if any. */
export function cardsDrawing(): Promise<unknown> | undefined {
  return registry().drawing;
}
