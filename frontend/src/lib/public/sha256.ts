import { bytesToHex, sha256 as jsSha256, type Hex } from "viem";

/**
 * The document's fingerprint: SHA-256 of the file's bytes, exactly what `sha256sum` prints, as 0x-hex.
 * Computed on the device: the file is never sent anywhere. Uses the browser's Web Crypto
 * (crypto.subtle), which only exists on https:// and localhost pages; elsewhere (e.g. a test server on
 * a local network address) it falls back to viem's JavaScript SHA-256, which gives the same value.
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

/** The fingerprint of a file the user picked or dropped. */
export async function fingerprintFile(file: Blob): Promise<Hex> {
  return fingerprintOf(await file.arrayBuffer());
}
