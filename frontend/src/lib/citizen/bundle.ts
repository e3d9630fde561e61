import type { Hex } from "viem";
import type { AttachmentFingerprint } from "@layanan/core";
import { downloadJson } from "../download";

/**
 * The citizen's private bundle: what stays off chain behind a request's `contentHash` (or an
 * answer's). The citizen keeps it (on this device and as a downloaded file) and brings it to the
 * office; anyone can check it against the chain with keccak256(abi.encode(salt, payload)).
 */
export interface PrivateBundle {
  kind: "layanan.private-bundle";
  version: 1;
  purpose: "submit" | "respond";
  chainId: number;
  contract: `0x${string}`;
  citizen: `0x${string}`;
  serviceId: number;
  /** Known once the transaction is confirmed (submit), or from the start (respond). */
  requestId: string | null;
  clientRef: Hex | null;
  details: string;
  attachments: AttachmentFingerprint[];
  salt: Hex;
  /** The exact string committed to. */
  payload: string;
  contentHash: Hex;
  howToCheck: string;
  createdAt: string;
}

export const HOW_TO_CHECK =
  "contentHash = keccak256(abi.encode(bytes32 salt, string payload)); attachments[].sha256 = SHA-256 of each file";

const PREFIX = "layanan.bundle.";
const keyOf = (bundle: Pick<PrivateBundle, "chainId" | "contentHash">) =>
  `${PREFIX}${bundle.chainId}.${bundle.contentHash}`;

/** Keeps the bundle on this device (localStorage). Returns false when the browser refuses. */
export function saveBundle(bundle: PrivateBundle): boolean {
  try {
    window.localStorage.setItem(keyOf(bundle), JSON.stringify(bundle));
    return true;
  } catch {
    return false;
  }
}

/** The bundle kept on this device for `contentHash` on `chainId`, if any. */
export function loadBundle(chainId: number, contentHash: string): PrivateBundle | null {
  try {
    const bundle = JSON.parse(
      window.localStorage.getItem(`${PREFIX}${chainId}.${contentHash}`) ?? "null",
    ) as PrivateBundle | null;
    return bundle?.kind === "layanan.private-bundle" ? bundle : null;
  } catch {
    return null;
  }
}

/** The bundles kept on this device for these commitments (a request's and its answers'), in that order. */
export function bundlesFor(chainId: number, contract: string, contentHashes: string[]): PrivateBundle[] {
  return contentHashes
    .map((hash) => loadBundle(chainId, hash))
    .filter(
      (bundle): bundle is PrivateBundle => bundle !== null && bundle.contract.toLowerCase() === contract.toLowerCase(),
    );
}

export function bundleFileName(bundle: PrivateBundle): string {
  const id = bundle.requestId ? `permohonan-${bundle.requestId}` : `permohonan-baru-${bundle.contentHash.slice(2, 10)}`;
  return `layanan-${id}${bundle.purpose === "respond" ? `-jawaban-${bundle.contentHash.slice(2, 10)}` : ""}.json`;
}

/** Offers the bundle as a JSON file download. */
export function downloadBundle(bundle: PrivateBundle) {
  downloadJson(bundleFileName(bundle), bundle);
}
