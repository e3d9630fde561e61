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

/**
 * Terminal escape sequences: CSI (`ESC [` or U+009B, parameters, intermediates, a final byte, e.g.
 * the colour `ESC [31m`), OSC, DCS, SOS, PM and APC strings (`ESC ]` … up to BEL or ST, e.g. a
 * window title; to the end of the text when not terminated), and the other two-byte escapes.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;

/** Tabs and line breaks (a run of them becomes one space). */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** C0 and C1 controls, DEL, and the bidi controls (embeddings, overrides, isolates, marks, ALM). */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Chain-supplied text (a summary, a note, a name) made safe to print on a terminal, one record per
 * line: escape sequences removed whole (no `[31m` left behind), tabs and line breaks turned into a
 * single space, and every other control and bidi control character removed. Ordinary text
 * (Indonesian, accents, emoji) is kept as it is.
 */
export function plainText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "").replace(LINE_BREAKS, " ").replace(CONTROLS, "");
}
