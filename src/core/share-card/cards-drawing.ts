import { processShared } from '../process-shared.ts';
// A build draws every case's share card in child processes while Astro bundles and renders pages (the content
// loader starts it and does not wait); the card endpoint waits for it only when its card is not drawn yet.
// The loader and the pages share it through processShared.

type Registry = { drawing?: Promise<unknown> | undefined };

function registry(): Registry {
  return processShared<Registry>('cardsDrawing', () => ({}));
}

/** Records the drawing under way (settles when every card is in the cache or failed). */
export function setCardsDrawing(drawing: Promise<unknown>): void {
  registry().drawing = drawing.catch(() => undefined);
}

/** The drawing under way in this process, if any. */
export function cardsDrawing(): Promise<unknown> | undefined {
  return registry().drawing;
}
