/**
 * Public text on chain (a request's summary, an officer's note): at most 280 bytes of UTF-8, shown
 * as text, and checked on the device for what looks like personal data before it is sent.
 */

/** Public text on chain (a summary, a note) is at most this many bytes (UTF-8). */
export const MAX_PUBLIC_TEXT_BYTES = 280;

/** Bytes of `text` in UTF-8: what the contract counts (an "é" is 2 bytes, an emoji 4). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** 16 digits in a row, possibly grouped with spaces, dots or dashes: looks like a NIK. */
export function looksLikeNik(text: string): boolean {
  return /(?<!\d)(?:\d[\s.-]?){15}\d(?!\d)/.test(text);
}

/** An Indonesian mobile number (08… or +62 8…), possibly grouped. */
export function looksLikePhone(text: string): boolean {
  return /(?:\+62[\s.-]?|(?<!\d)0)8\d(?:[\s.-]?\d){6,11}(?!\d)/.test(text);
}
