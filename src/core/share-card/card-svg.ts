import type { Status } from '../../schemas/status.ts';
import { xmlEscape } from '../export/atom-feed.ts';

/** Size of a link-preview image (Open Graph, Twitter large card). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface CardInput {
  title: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Site name in the case language. */
  siteName: string;
  tally: Record<Status, number>;
  /** Status labels in the case language. */
  labels: Record<Status, string>;
}

const ORDER: Status[] = ['confirmed', 'unconfirmed', 'disputed'];
const COLOURS: Record<Status, string> = { confirmed: '#0b6b3f', unconfirmed: '#b07a00', disputed: '#a3202a' };
const MARGIN = 80;
const TITLE_SIZE = 60;
const TITLE_LINE = 84;
const MAX_LINES = 3;

/**
 * Greedy word wrap by an estimated advance (Arabic and Latin glyphs of Noto Sans Bold average under
 * 0.6 em). Wraps early rather than late: a line never runs past the margin; the last line gets `…`.
 */
export function wrapTitle(title: string, maxWidth: number, size: number, maxLines = MAX_LINES): string[] {
  const advance = (s: string) => [...s].length * size * 0.6;
  const lines: string[] = [];
  let line = '';
  const words = title.split(/\s+/u).filter(Boolean);
  for (const [i, word] of words.entries()) {
    const candidate = line ? `${line} ${word}` : word;
    if (advance(candidate) <= maxWidth || !line) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines - 1 && advance(words.slice(i).join(' ')) > maxWidth) {
      let rest = words.slice(i).join(' ');
      while (advance(`${rest}…`) > maxWidth && rest.includes(' ')) rest = rest.slice(0, rest.lastIndexOf(' '));
      lines.push(`${rest}…`);
      return lines;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The card as SVG: site name, the title (shaped and laid out right to left for Arabic), the tally bar and its counts. */
export function cardSvg(input: CardInput): string {
  const rtl = input.dir === 'rtl';
  const startX = rtl ? CARD_WIDTH - MARGIN : MARGIN;
  // resvg anchors by the drawn box, not by the inline direction: an Arabic line ends at the right margin.
  const anchor = rtl ? 'end' : 'start';
  // resvg lays every line out with a left-to-right base direction: embed right-to-left text (RLE … PDF) so
  // numbers and Latin words inside an Arabic line take their places in right-to-left order.
  const embed = (value: string) => (rtl ? `\u202B${value}\u202C` : value);
  const text = (x: number, y: number, size: number, weight: number, fill: string, value: string) =>
    `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" direction="${input.dir}" text-anchor="${anchor}">${xmlEscape(embed(value))}</text>`;
  const lines = wrapTitle(input.title, CARD_WIDTH - 2 * MARGIN, TITLE_SIZE);
  const total = ORDER.reduce((n, s) => n + input.tally[s], 0);
  const barY = 470;
  const barWidth = CARD_WIDTH - 2 * MARGIN;
  let offset = 0;
  const bars = ORDER.filter((s) => input.tally[s] > 0).map((s) => {
    const width = total ? (input.tally[s] / total) * barWidth : 0;
    // The bar starts at the reading start: from the right in Arabic.
    const x = rtl ? CARD_WIDTH - MARGIN - offset - width : MARGIN + offset;
    offset += width;
    return `<rect x="${x.toFixed(2)}" y="${barY}" width="${width.toFixed(2)}" height="36" fill="${COLOURS[s]}"/>`;
  });
  const counts = ORDER.map((s) => `${input.tally[s]} ${input.labels[s]}`).join('   ·   ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}" font-family="Noto Sans Arabic, Noto Sans">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#fdfcfa"/>`,
    `<rect x="0" y="0" width="${CARD_WIDTH}" height="12" fill="#1b1b1b"/>`,
    text(startX, 110, 36, 700, '#0a4f8f', input.siteName),
    ...lines.map((line, i) => text(startX, 210 + i * TITLE_LINE, TITLE_SIZE, 700, '#1b1b1b', line)),
    `<rect x="${MARGIN}" y="${barY}" width="${barWidth}" height="36" fill="#d6d3cd"/>`,
    ...bars,
    text(startX, 560, 34, 400, '#1b1b1b', counts),
    '</svg>',
  ].join('\n');
}
