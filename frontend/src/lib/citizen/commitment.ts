import { encodeAbiParameters, keccak256, sha256 as sha256Bytes, toHex, type Hex } from "viem";

/** Public text on chain (a summary, a note) is at most this many bytes (UTF-8). */
export const MAX_PUBLIC_TEXT_BYTES = 280;

export const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;

/** Bytes of `text` in UTF-8: what the contract counts (an "é" is 2 bytes, an emoji 4). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** 32 random bytes from the browser's cryptographic generator. */
export function randomBytes32(): Hex {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/**
 * Canonical JSON: object keys sorted at every depth, no spaces, so the same data always gives the
 * same payload string (and so the same commitment for the same salt). The agency tooling
 * (scripts/lib/commitment.ts) uses this very function.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

/** DESIGN.md's commitment: keccak256(abi.encode(bytes32 salt, string payload)). */
export function commitment(salt: Hex, payload: string): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "string" }], [salt, payload]));
}

/**
 * SHA-256 of a file's bytes, computed on the device (the file is never uploaded), so
 * `sha256sum file` gives the same value. Web Crypto where available (secure contexts), else viem's
 * pure implementation (e.g. a phone opening the dApp over plain http on a local network).
 */
export async function sha256File(file: Blob): Promise<Hex> {
  const buffer = await file.arrayBuffer();
  if (globalThis.crypto?.subtle) {
    return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", buffer)));
  }
  return sha256Bytes(new Uint8Array(buffer));
}

export interface AttachmentFingerprint {
  name: string;
  size: number;
  sha256: Hex;
}

/** The private part of a request or an answer, as committed on chain. */
export interface PrivateContent {
  details: string;
  attachments: AttachmentFingerprint[];
}

export const hasPrivateContent = (content: PrivateContent) =>
  content.details.trim().length > 0 || content.attachments.length > 0;

/**
 * Commits to the private content with `salt`: payload = canonical JSON of {details, attachments}.
 * Nothing private gives the zero hash ("none"), as the contract documents.
 */
export function commitPrivateContent(salt: Hex, content: PrivateContent): { payload: string; contentHash: Hex } {
  if (!hasPrivateContent(content)) return { payload: "", contentHash: ZERO_HASH };
  const payload = canonicalJson({
    details: content.details,
    attachments: content.attachments.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
  });
  return { payload, contentHash: commitment(salt, payload) };
}

/** 16 digits in a row, possibly grouped with spaces, dots or dashes: looks like a NIK. */
export function looksLikeNik(text: string): boolean {
  return /(?<!\d)(?:\d[\s.-]?){15}\d(?!\d)/.test(text);
}

/** An Indonesian mobile number (08… or +62 8…), possibly grouped. */
export function looksLikePhone(text: string): boolean {
  return /(?:\+62[\s.-]?|(?<!\d)0)8\d(?:[\s.-]?\d){6,11}(?!\d)/.test(text);
}
