import { createHash } from 'node:crypto';

/** `sha256-<base64>` of an inline script or style, as a Content-Security-Policy source lists it (without quotes). */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}
