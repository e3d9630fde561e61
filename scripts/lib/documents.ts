import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** The document's fingerprint: SHA-256 of its bytes, as `sha256sum` prints it (0x-prefixed). */
export function fingerprint(bytes: Uint8Array): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

export function fingerprintFile(file: string): string {
  return fingerprint(readFileSync(file));
}

/**
 * What the holder keeps beside the file (as OpenAttestation and Blockcerts do): enough to verify it
 * on chain without asking the issuing office. `root` is the zero hash for a singly issued document.
 */
export interface DocumentReceipt {
  version: 1;
  file: string;
  fingerprint: string;
  root: string;
  proof: string[];
  registry: string;
  chainId: number;
  agencyId: number;
  expiresAt: number;
  transactionHash: string;
}

export const ZERO_ROOT = `0x${"0".repeat(64)}`;

/** The batch tree: the dApp's own function, so a batch issued from either gives the same root and proofs. */
export { batchTree } from "../../frontend/src/lib/console/documents.js";

export const DOCUMENT_STATUS = ["Unknown", "Valid", "Revoked", "Expired"] as const;
