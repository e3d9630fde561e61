/**
 * The Node-only part of the domain: the deployment manifest on disk and fingerprints of files.
 * Imported as "@layanan/core/node" by the admin commands, the deploy scripts and the tests; never by the dApp.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";
import { ManifestError, parseManifest, type Manifest } from "./manifest.ts";

/** The folder that holds the manifests: deployments/ at the project root, or LAYANAN_DEPLOYMENTS_DIR. */
export function deploymentsDir(): string {
  return process.env.LAYANAN_DEPLOYMENTS_DIR ?? fileURLToPath(new URL("../../deployments", import.meta.url));
}

export function manifestPath(network: string, dir = deploymentsDir()): string {
  return path.join(dir, `${network}.json`);
}

/** deployments/<network>.json, checked (see parseManifest); undefined when there is none. */
export function readManifest(network: string, dir = deploymentsDir()): Manifest | undefined {
  const file = manifestPath(network, dir);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ManifestError(`${file} is not valid JSON (${(error as Error).message})`);
  }
  try {
    return parseManifest(json);
  } catch (error) {
    throw new ManifestError(`${file}: ${(error as Error).message}`);
  }
}

export function writeManifest(manifest: Manifest, dir = deploymentsDir()): string {
  mkdirSync(dir, { recursive: true });
  const file = manifestPath(manifest.network, dir);
  writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  return file;
}

/**
 * The fingerprint of a file on disk: SHA-256 of its bytes, as `sha256sum` prints it (0x-prefixed);
 * the same value as the browser's fingerprintOf (documents.ts), with Node's native hash.
 */
export function fingerprintFile(file: string): Hex {
  return `0x${createHash("sha256").update(readFileSync(file)).digest("hex")}`;
}
