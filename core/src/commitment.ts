/**
 * DESIGN.md's commitments: dataHash = keccak256(abi.encode(bytes32 salt, string payload)), with a
 * random 32-byte salt that stays off chain and the payload as canonical JSON. The dApp (a request's
 * private details), the console and the admin commands (a citizen's attested data) all commit here.
 */
import { encodeAbiParameters, keccak256, toHex, type Hex } from "viem";

export const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;

/** True for the zero hash ("none"), in any case. */
export const isZeroHash = (value: string) => /^0x0{64}$/i.test(value);

/** 32 random bytes from the platform's cryptographic generator (Web Crypto, in browsers and Node alike). */
export function randomBytes32(): Hex {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return toHex(bytes);
}

/**
 * Canonical JSON: object keys sorted at every depth, no spaces, so the same data always gives the
 * same payload string (and so the same commitment for the same salt).
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
