/**
 * Documents: the fingerprint of a file (SHA-256, computed on the device), one file issued singly or
 * several as one Merkle batch (OpenZeppelin StandardMerkleTree, leaf encoding ["bytes32"], as
 * DESIGN.md sets out), the receipt each holder keeps beside the file, the shareable link, and
 * revocation reasons. The console, the admin commands, the seed and /verify all use these.
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { renderSVG } from "uqr";
import {
  bytesToHex,
  encodeAbiParameters,
  hexToString,
  isAddressEqual,
  isHex,
  keccak256,
  sha256 as jsSha256,
  stringToHex,
  type Hex,
} from "viem";
import { isZeroHash, randomBytes32, ZERO_HASH } from "./commitment.ts";

/** DocumentRegistry.verify's statuses, by their on-chain number. */
export const DOCUMENT_STATUS = ["Unknown", "Valid", "Revoked", "Expired"] as const;
export type DocumentStatusName = (typeof DOCUMENT_STATUS)[number];

// ---------------------------------------------------------------------------------------------
// Fingerprints
// ---------------------------------------------------------------------------------------------

/**
 * The document's fingerprint: SHA-256 of the file's bytes, exactly what `sha256sum` prints, as 0x-hex.
 * Computed on the device: the file is never sent anywhere. Uses Web Crypto (crypto.subtle), which
 * browsers only offer on https:// and localhost pages; elsewhere (e.g. a phone opening the dApp
 * over plain http on a local network) viem's JavaScript SHA-256, which gives the same value.
 */
export async function fingerprintOf(data: ArrayBuffer | Uint8Array): Promise<Hex> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const subtle = typeof globalThis.crypto !== "undefined" ? globalThis.crypto.subtle : undefined;
  if (subtle) {
    const digest = await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
    return bytesToHex(new Uint8Array(digest));
  }
  return jsSha256(bytes);
}

/** The fingerprint of a file the user picked or dropped (or an attachment of a request). */
export async function fingerprintBlob(file: Blob): Promise<Hex> {
  return fingerprintOf(await file.arrayBuffer());
}

// ---------------------------------------------------------------------------------------------
// Anchors: what goes on chain for a file
// ---------------------------------------------------------------------------------------------

/**
 * The anchor of a document: `sha256(file)` for a public document (the file alone verifies, and
 * `sha256sum` gives the anchor), `keccak256(abi.encode(sha256(file), salt))` with a random 32-byte
 * salt for a document that carries personal data, so that the chain alone never confirms a guess of
 * its content. The salt travels in the receipt, the share link and the QR code.
 */
export function anchorOf(fingerprint: Hex, salt?: Hex | null): Hex {
  const fp = fingerprint.toLowerCase() as Hex;
  if (!salt || isZeroHash(salt)) return fp;
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [fp, salt.toLowerCase() as Hex]));
}

// ---------------------------------------------------------------------------------------------
// Issuing: single or batch, and the receipts
// ---------------------------------------------------------------------------------------------

export interface FingerprintedFile {
  name: string;
  /** SHA-256 of the file's bytes. */
  fingerprint: Hex;
  /** The salt of a personal document (null or absent for a public one). */
  salt?: Hex | null;
}

/** The files with a fresh random salt each when they carry personal data, unchanged when public. */
export function withSalts<T extends FingerprintedFile>(
  files: readonly T[],
  personal: boolean,
): (T & { salt: Hex | null })[] {
  return files.map((file) => ({ ...file, salt: personal ? randomBytes32() : null }));
}

/** The anchor a file is issued under. */
export const fileAnchor = (file: FingerprintedFile) => anchorOf(file.fingerprint, file.salt);

export type IssuePlan =
  { kind: "single"; anchor: Hex } | { kind: "batch"; root: Hex; count: number; proofs: Map<string, Hex[]> };

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

/** The StandardMerkleTree (leaf encoding ["bytes32"]) of a batch of anchors. */
export function batchTree(anchors: readonly string[]): StandardMerkleTree<[string]> {
  return StandardMerkleTree.of(
    anchors.map((a) => [a.toLowerCase()] as [string]),
    ["bytes32"],
  );
}

/**
 * One file: `issue(anchor)`. Several: `issueBatch(root, count)` with a proof per anchor (the keys
 * of `proofs`). `batch: true` makes a batch even of one file (the CLI issues a folder as a batch,
 * whatever its size).
 */
export function planIssue(files: readonly FingerprintedFile[], options: { batch?: boolean } = {}): IssuePlan {
  const problem = issueProblem(files);
  if (problem) throw new Error(problem.kind);
  if (files.length === 1 && !options.batch) return { kind: "single", anchor: fileAnchor(files[0]) };
  const tree = batchTree(files.map(fileAnchor));
  const proofs = new Map<string, Hex[]>();
  for (const [index, [value]] of tree.entries()) proofs.set(String(value).toLowerCase(), tree.getProof(index) as Hex[]);
  return { kind: "batch", root: tree.root as Hex, count: files.length, proofs };
}

/**
 * What the holder keeps beside the file (as OpenAttestation and Blockcerts do): enough to verify it
 * on chain without asking the issuing office. `root` is the zero hash for a singly issued document;
 * `salt` is null for a public document, whose anchor is then its fingerprint. It holds a salt, so
 * it is written with owner-only permissions and handed to the document's holder only. The console
 * and the admin commands write the same receipt; `link` is the share link its QR code carries.
 */
export interface DocumentReceipt {
  version: 2;
  file: string;
  fingerprint: Hex;
  salt: Hex | null;
  anchor: Hex;
  docType: Hex;
  root: Hex;
  proof: Hex[];
  registry: string;
  chainId: number;
  agencyId: number;
  expiresAt: number;
  transactionHash: Hex;
  /** The verify page's link for this document (carries fingerprint, salt, root and proof), when known. */
  link?: string;
}

/** What every receipt of one issuing transaction shares; `verifyUrl` is the dApp's /verify page. */
export type IssueContext = Pick<
  DocumentReceipt,
  "docType" | "registry" | "chainId" | "agencyId" | "expiresAt" | "transactionHash"
> & { verifyUrl?: string };

/** A receipt per file, in the order the files were given. */
export function documentReceipts(
  files: readonly FingerprintedFile[],
  plan: IssuePlan,
  context: IssueContext,
): DocumentReceipt[] {
  const { verifyUrl, ...shared } = context;
  return files.map((file) => {
    const anchor = fileAnchor(file);
    const batch = plan.kind === "batch";
    const receipt: DocumentReceipt = {
      version: 2,
      file: file.name,
      fingerprint: file.fingerprint.toLowerCase() as Hex,
      salt: file.salt ? (file.salt.toLowerCase() as Hex) : null,
      anchor,
      ...shared,
      root: batch ? plan.root : ZERO_HASH,
      proof: batch ? (plan.proofs.get(anchor) ?? []) : [],
    };
    if (verifyUrl !== undefined) receipt.link = shareLink(verifyUrl, receipt);
    return receipt;
  });
}

/** The receipt's file name, as the CLI names it: beside the file, `<file>.receipt.json`. */
export const receiptFileName = (file: string) => `${file}.receipt.json`;

/** The QR code's file name, beside the file: `<file>.qr.svg` (print it on the document). */
export const qrFileName = (file: string) => `${file}.qr.svg`;

/**
 * A QR code (SVG) for a share link: printed on the document or shown on screen, it opens the verify
 * page with everything needed, no upload and no wallet. Error correction M survives a worn print.
 */
export function qrSvg(text: string): string {
  return renderSVG(text, { ecc: "M", border: 2, pixelSize: 6 });
}

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

// ---------------------------------------------------------------------------------------------
// Verifying: receipts and share links
// ---------------------------------------------------------------------------------------------

/** A 32-byte value written as 0x and 64 hexadecimal digits. */
export function isBytes32(value: unknown): value is Hex {
  return typeof value === "string" && /^0x[0-9a-fA-F]{64}$/.test(value);
}

/** What a verifier reads from a receipt: the fields used to verify, and the rest when present. */
export interface ParsedReceipt {
  file?: string;
  fingerprint: Hex;
  salt: Hex | null;
  anchor: Hex;
  root: Hex;
  proof: Hex[];
  docType?: Hex;
  registry?: Hex;
  chainId?: number;
  agencyId?: number;
  transactionHash?: Hex;
}

export type ReceiptParse = { ok: true; receipt: ParsedReceipt } | { ok: false; problem: "notJson" | "notReceipt" };

/**
 * Reads a receipt's text (version 2, or a version 1 receipt of a public document, whose anchor is
 * its fingerprint). Lenient about extra fields; strict about the ones used to verify, and about
 * the anchor: it must be what the fingerprint and the salt give.
 */
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
  const salt = r.salt === undefined || r.salt === null ? null : r.salt;
  if (!isBytes32(r.fingerprint) || !isBytes32(root) || !Array.isArray(proof) || !proof.every(isBytes32)) {
    return { ok: false, problem: "notReceipt" };
  }
  if (salt !== null && !isBytes32(salt)) return { ok: false, problem: "notReceipt" };
  const anchor = anchorOf(r.fingerprint, salt);
  if (r.anchor !== undefined && (!isBytes32(r.anchor) || r.anchor.toLowerCase() !== anchor)) {
    return { ok: false, problem: "notReceipt" };
  }
  const receipt: ParsedReceipt = {
    fingerprint: r.fingerprint.toLowerCase() as Hex,
    salt: salt === null ? null : (salt.toLowerCase() as Hex),
    anchor,
    root: root.toLowerCase() as Hex,
    proof: proof.map((p) => p.toLowerCase() as Hex),
  };
  if (typeof r.file === "string") receipt.file = r.file;
  if (isBytes32(r.docType)) receipt.docType = r.docType.toLowerCase() as Hex;
  if (typeof r.registry === "string" && isHex(r.registry) && r.registry.length === 42) receipt.registry = r.registry;
  if (typeof r.chainId === "number" && Number.isInteger(r.chainId)) receipt.chainId = r.chainId;
  if (typeof r.agencyId === "number" && Number.isInteger(r.agencyId)) receipt.agencyId = r.agencyId;
  if (isBytes32(r.transactionHash)) receipt.transactionHash = r.transactionHash;
  return { ok: true, receipt };
}

export type ReceiptProblem = "otherFile" | "otherChain" | "otherRegistry";

/** Why a receipt does not fit this file on this chain's registry (empty when it fits). */
export function receiptProblems(
  receipt: Pick<ParsedReceipt, "fingerprint" | "chainId" | "registry">,
  expected: { fingerprint: Hex; chainId: number; registry: Hex },
): ReceiptProblem[] {
  const problems: ReceiptProblem[] = [];
  if (receipt.fingerprint.toLowerCase() !== expected.fingerprint.toLowerCase()) problems.push("otherFile");
  if (receipt.chainId !== undefined && receipt.chainId !== expected.chainId) problems.push("otherChain");
  else if (receipt.registry !== undefined && !isAddressEqual(receipt.registry, expected.registry))
    problems.push("otherRegistry");
  return problems;
}

/** What `DocumentRegistry.verify` is asked: the anchor, and the batch root and proof (0 and [] when single). */
export interface VerifyQuery {
  anchor: Hex;
  root: Hex;
  proof: Hex[];
}

/**
 * What a share link (and the QR code) carries: the file's fingerprint, the salt of a personal
 * document (null for a public one), and the batch root and proof.
 */
export interface DocumentLink {
  fingerprint: Hex;
  salt: Hex | null;
  root: Hex;
  proof: Hex[];
}

/** The on-chain question of a link or a receipt. */
export const verifyQueryOf = (link: DocumentLink): VerifyQuery => ({
  anchor: anchorOf(link.fingerprint, link.salt),
  root: link.root,
  proof: link.proof,
});

/** The query string of a share link: `fp=0x…` and `&salt=0x…`, and for a batch member `&root=0x…&proof=0x…,0x…`. */
export function shareQuery({ fingerprint, salt, root, proof }: DocumentLink): string {
  let query = `fp=${fingerprint.toLowerCase()}`;
  if (salt && !isZeroHash(salt)) query += `&salt=${salt.toLowerCase()}`;
  if (root.toLowerCase() !== ZERO_HASH) {
    query += `&root=${root.toLowerCase()}`;
    if (proof.length > 0) query += `&proof=${proof.map((p) => p.toLowerCase()).join(",")}`;
  }
  return query;
}

/** The verify page's link for a document: `<verifyUrl>?fp=…` (what the QR code carries). */
export const shareLink = (verifyUrl: string, link: DocumentLink) =>
  `${verifyUrl}${verifyUrl.includes("?") ? "&" : "?"}${shareQuery(link)}`;

type Params = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Reads a shareable link's query: null when it carries no fingerprint, `{ ok: false }` when it is
 * damaged (e.g. cut short when pasted), else the document's link.
 */
export function parseShareQuery(params: Params): { ok: true; link: DocumentLink } | { ok: false } | null {
  const fp = first(params.fp)?.trim();
  if (!fp) return null;
  const saltText = first(params.salt)?.trim() || null;
  const root = first(params.root)?.trim() || ZERO_HASH;
  const proofText = first(params.proof)?.trim() ?? "";
  const proof = proofText === "" ? [] : proofText.split(",").map((p) => p.trim());
  if (!isBytes32(fp) || !isBytes32(root) || !proof.every(isBytes32)) return { ok: false };
  if (saltText !== null && !isBytes32(saltText)) return { ok: false };
  if (root.toLowerCase() === ZERO_HASH && proof.length > 0) return { ok: false };
  return {
    ok: true,
    link: {
      fingerprint: fp.toLowerCase() as Hex,
      salt: saltText === null ? null : (saltText.toLowerCase() as Hex),
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
