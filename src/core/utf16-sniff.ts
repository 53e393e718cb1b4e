/**
 * Text saved as UTF-16 (Windows' "Unicode"), from its first bytes (512 are plenty): a byte order mark `FF FE` or
 * `FE FF`, or most of every other byte `00` or `06`, the high bytes of Latin and Arabic letters in UTF-16.
 */
export function looksLikeUtf16(head: Uint8Array): boolean {
  const length = Math.min(head.length, 512);
  if (length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return true;
  // The high byte of each character: 00 for Latin letters, digits and spaces, 06 for Arabic letters.
  // The other byte of each character (the letter itself) is hardly ever 00: a file padded with zeros is not UTF-16.
  const high = [0, 0];
  const nul = [0, 0];
  for (let i = 0; i < length; i++) {
    if (head[i] === 0x00 || head[i] === 0x06) high[i % 2]!++;
    if (head[i] === 0x00) nul[i % 2]!++;
  }
  const half = length / 2;
  return length >= 8 && [0, 1].some((p) => high[p]! >= half * 0.6 && nul[1 - p]! <= half * 0.1);
}
