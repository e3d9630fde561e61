import { randomBytes } from "node:crypto";
import { hexlify } from "ethers";
import { canonicalJson, commitment as browserCommitment } from "../../frontend/src/lib/citizen/commitment.js";

/**
 * One commitment scheme for the dApp and the agency tooling: the dApp's module is the source
 * (pure, viem only), so a receipt made by `attest` and a bundle made in the browser agree.
 */

/** Personal data as the citizen keeps it off chain: canonical JSON, keys sorted at every depth. */
export function canonicalPayload(data: Record<string, unknown>): string {
  return canonicalJson(data);
}

export function newSalt(): string {
  return hexlify(randomBytes(32));
}

/** DESIGN.md's commitment: dataHash = keccak256(abi.encode(salt, payload)). */
export function commitment(salt: string, payload: string): string {
  return browserCommitment(salt as `0x${string}`, payload);
}
