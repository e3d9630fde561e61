import type { Hex } from "viem";
import type { AttachmentFingerprint } from "./commitment";

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

/** The bundles kept on this device for `requestId` on `chainId`, oldest first. */
export function bundlesForRequest(chainId: number, contract: string, requestId: string): PrivateBundle[] {
  const found: PrivateBundle[] = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (!key?.startsWith(`${PREFIX}${chainId}.`)) continue;
      const bundle = JSON.parse(window.localStorage.getItem(key) ?? "null") as PrivateBundle | null;
      if (
        bundle?.kind === "layanan.private-bundle" &&
        bundle.requestId === requestId &&
        bundle.contract.toLowerCase() === contract.toLowerCase()
      ) {
        found.push(bundle);
      }
    }
  } catch {
    // storage unavailable: nothing kept
  }
  return found.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function bundleFileName(bundle: PrivateBundle): string {
  const id = bundle.requestId ? `permohonan-${bundle.requestId}` : `permohonan-baru-${bundle.contentHash.slice(2, 10)}`;
  return `layanan-${id}${bundle.purpose === "respond" ? `-jawaban-${bundle.contentHash.slice(2, 10)}` : ""}.json`;
}

/** Offers the bundle as a JSON file download. */
export function downloadBundle(bundle: PrivateBundle) {
  const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = bundleFileName(bundle);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
