/**
 * Issuing and revoking documents, as pure functions: one file is issued singly, several as one
 * Merkle batch (OpenZeppelin StandardMerkleTree, leaf encoding ["bytes32"], as DESIGN.md and the
 * CLI do), with a receipt per file in the CLI's format (scripts/lib/documents.ts); revocation
 * reasons as short codes. Relative imports only, so the mocha tests load it as is.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { stringToHex, type Hex } from "viem";
import { ZERO_HASH } from "../citizen/commitment.ts";

export interface FingerprintedFile {
  name: string;
  fingerprint: Hex;
}

export type IssuePlan =
  { kind: "single"; fingerprint: Hex } | { kind: "batch"; root: Hex; count: number; proofs: Map<string, Hex[]> };

export type IssueProblem = { kind: "empty" } | { kind: "sameContent"; first: string; second: string };

/** Files with the very same bytes (so the same fingerprint) cannot be issued together. */
export function issueProblem(files: readonly FingerprintedFile[]): IssueProblem | null {
  if (files.length === 0) return { kind: "empty" };
  const seen = new Map<string, string>();
  for (const file of files) {
    const key = file.fingerprint.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) return { kind: "sameContent", first, second: file.name };
    seen.set(key, file.name);
  }
  return null;
}

/** The StandardMerkleTree (leaf encoding ["bytes32"]) of a batch of fingerprints; the CLI uses it too. */
export function batchTree(fingerprints: readonly string[]): StandardMerkleTree<[string]> {
  return StandardMerkleTree.of(
    fingerprints.map((f) => [f.toLowerCase()] as [string]),
    ["bytes32"],
  );
}

/** One file: `issue(fingerprint)`. Several: `issueBatch(root, count)` with a proof per fingerprint. */
export function planIssue(files: readonly FingerprintedFile[]): IssuePlan {
  const problem = issueProblem(files);
  if (problem) throw new Error(problem.kind);
  if (files.length === 1) return { kind: "single", fingerprint: files[0].fingerprint.toLowerCase() as Hex };
  const tree = batchTree(files.map((f) => f.fingerprint));
  const proofs = new Map<string, Hex[]>();
  for (const [index, [value]] of tree.entries()) proofs.set(String(value).toLowerCase(), tree.getProof(index) as Hex[]);
  return { kind: "batch", root: tree.root as Hex, count: files.length, proofs };
}

/** What the holder keeps beside the file: the fields of scripts/lib/documents.ts's DocumentReceipt. */
export interface IssuedReceipt {
  version: 1;
  file: string;
  fingerprint: Hex;
  root: Hex;
  proof: Hex[];
  registry: string;
  chainId: number;
  agencyId: number;
  expiresAt: number;
  transactionHash: Hex;
}

export interface IssueContext {
  registry: string;
  chainId: number;
  agencyId: number;
  expiresAt: number;
  transactionHash: Hex;
}

/** A receipt per file, in the order the files were given. */
export function issuedReceipts(
  files: readonly FingerprintedFile[],
  plan: IssuePlan,
  context: IssueContext,
): IssuedReceipt[] {
  return files.map((file) => {
    const fingerprint = file.fingerprint.toLowerCase() as Hex;
    const batch = plan.kind === "batch";
    return {
      version: 1,
      file: file.name,
      fingerprint,
      root: batch ? plan.root : ZERO_HASH,
      proof: batch ? (plan.proofs.get(fingerprint) ?? []) : [],
      ...context,
    };
  });
}

/** The receipt's file name, as the CLI names it: beside the file, `<file>.receipt.json`. */
export const receiptFileName = (file: string) => `${file}.receipt.json`;

/**
 * Reasons an officer can pick when revoking (each has a sentence in both languages under
 * verify.reasons, so whoever checks the document reads why).
 */
export const REVOKE_REASONS = [
  "SALAH_CETAK",
  "SALAH_DATA",
  "DIGANTI",
  "DIBATALKAN",
  "DUPLIKAT",
  "PERMINTAAN_PEMILIK",
  "ISSUED_IN_ERROR",
] as const;
export type RevokeReason = (typeof REVOKE_REASONS)[number];

/** A reason code as bytes32 (the text, right-padded with zeros, as ethers' encodeBytes32String). */
export function reasonCode(code: string): Hex {
  if (!/^[A-Z0-9_]{1,31}$/.test(code)) throw new Error(`not a reason code: ${code}`);
  return stringToHex(code, { size: 32 });
}
