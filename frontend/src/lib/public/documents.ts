/**
 * Pure helpers for checking a document: the receipt the agency hands over with the file
 * (scripts/lib/documents.ts writes it), the shareable link, and the revocation reason.
 */
import { hexToString, isAddressEqual, isHex, type Hex } from "viem";

export const ZERO_HASH = `0x${"0".repeat(64)}` as Hex;

/** A 32-byte value written as 0x and 64 hexadecimal digits. */
export function isBytes32(value: unknown): value is Hex {
  return typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value);
}

/** What the dApp needs from a receipt ({version, file, fingerprint, root, proof, registry, chainId, agencyId, expiresAt, transactionHash}). */
export interface DocumentReceipt {
  file?: string;
  fingerprint: Hex;
  root: Hex;
  proof: Hex[];
  registry?: Hex;
  chainId?: number;
  agencyId?: number;
  transactionHash?: Hex;
}

export type ReceiptParse = { ok: true; receipt: DocumentReceipt } | { ok: false; problem: "notJson" | "notReceipt" };

/** Reads a receipt's text. Lenient about extra fields; strict about the ones used to verify. */
export function parseReceipt(text: string): ReceiptParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: "notJson" };
  }
  if (data === null || typeof data !== "object") return { ok: false, problem: "notReceipt" };
  const r = data as Record<string, unknown>;
  const root = r.root === undefined ? ZERO_HASH : r.root;
  const proof = r.proof === undefined ? [] : r.proof;
  if (!isBytes32(r.fingerprint) || !isBytes32(root) || !Array.isArray(proof) || !proof.every(isBytes32)) {
    return { ok: false, problem: "notReceipt" };
  }
  const receipt: DocumentReceipt = {
    fingerprint: r.fingerprint.toLowerCase() as Hex,
    root: root.toLowerCase() as Hex,
    proof: proof.map((p) => p.toLowerCase() as Hex),
  };
  if (typeof r.file === "string") receipt.file = r.file;
  if (typeof r.registry === "string" && isHex(r.registry) && r.registry.length === 42) receipt.registry = r.registry;
  if (typeof r.chainId === "number" && Number.isInteger(r.chainId)) receipt.chainId = r.chainId;
  if (typeof r.agencyId === "number" && Number.isInteger(r.agencyId)) receipt.agencyId = r.agencyId;
  if (isBytes32(r.transactionHash)) receipt.transactionHash = r.transactionHash;
  return { ok: true, receipt };
}

export type ReceiptProblem = "otherFile" | "otherChain" | "otherRegistry";

/** Why a receipt does not fit this file on this chain's registry (empty when it fits). */
export function receiptProblems(
  receipt: DocumentReceipt,
  expected: { fingerprint: Hex; chainId: number; registry: Hex },
): ReceiptProblem[] {
  const problems: ReceiptProblem[] = [];
  if (receipt.fingerprint.toLowerCase() !== expected.fingerprint.toLowerCase()) problems.push("otherFile");
  if (receipt.chainId !== undefined && receipt.chainId !== expected.chainId) problems.push("otherChain");
  else if (receipt.registry !== undefined && !isAddressEqual(receipt.registry, expected.registry))
    problems.push("otherRegistry");
  return problems;
}

/** What `DocumentRegistry.verify` is asked: the fingerprint, and the batch root and proof (0 and [] when single). */
export interface VerifyQuery {
  fingerprint: Hex;
  root: Hex;
  proof: Hex[];
}

/** The query string of a shareable link: `fp=0x…` and, for a batch member, `&root=0x…&proof=0x…,0x…`. */
export function shareQuery({ fingerprint, root, proof }: VerifyQuery): string {
  let query = `fp=${fingerprint.toLowerCase()}`;
  if (root.toLowerCase() !== ZERO_HASH) {
    query += `&root=${root.toLowerCase()}`;
    if (proof.length > 0) query += `&proof=${proof.map((p) => p.toLowerCase()).join(",")}`;
  }
  return query;
}

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Reads a shareable link's query: null when it carries no fingerprint, `{ ok: false }` when it is
 * damaged (e.g. cut short when pasted), else the query to verify.
 */
export function parseShareQuery(params: Params): { ok: true; query: VerifyQuery } | { ok: false } | null {
  const fp = first(params.fp)?.trim();
  if (!fp) return null;
  const root = first(params.root)?.trim() || ZERO_HASH;
  const proofText = first(params.proof)?.trim() ?? "";
  const proof = proofText === "" ? [] : proofText.split(",").map((p) => p.trim());
  if (!isBytes32(fp) || !isBytes32(root) || !proof.every(isBytes32)) return { ok: false };
  if (root.toLowerCase() === ZERO_HASH && proof.length > 0) return { ok: false };
  return {
    ok: true,
    query: {
      fingerprint: fp.toLowerCase() as Hex,
      root: root.toLowerCase() as Hex,
      proof: proof.map((p) => p.toLowerCase() as Hex),
    },
  };
}

/**
 * A revocation reason (bytes32, a short ASCII code such as `SALAH_CETAK`) as text: the code itself,
 * and a readable form ("Salah cetak") for codes without a translation. Null for an empty reason;
 * a reason that is not printable text is shown as its hexadecimal value.
 */
export function decodeReason(reason: Hex): { code: string; readable: string } | null {
  if (!isBytes32(reason) || /^0x0*$/.test(reason)) return null;
  const text = hexToString(reason, { size: 32 }).replace(/\0+$/, "");
  if (!/^[\x20-\x7e]+$/.test(text)) return { code: reason, readable: reason };
  const words = text.replace(/[_-]+/g, " ").trim().toLowerCase();
  const readable = words ? words.charAt(0).toUpperCase() + words.slice(1) : text;
  return { code: text, readable };
}
