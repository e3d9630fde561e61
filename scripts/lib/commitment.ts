import { randomBytes } from "node:crypto";
import { AbiCoder, hexlify, keccak256 } from "ethers";

/**
 * Personal data as the citizen keeps it off chain. Keys are sorted so the same data always gives
 * the same payload string, and so the same commitment for the same salt.
 */
export function canonicalPayload(data: Record<string, unknown>): string {
  const sorted = Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((key) => [key, data[key]]),
  );
  return JSON.stringify(sorted);
}

export function newSalt(): string {
  return hexlify(randomBytes(32));
}

/** DESIGN.md's commitment: dataHash = keccak256(abi.encode(salt, payload)). */
export function commitment(salt: string, payload: string): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "string"], [salt, payload]));
}
