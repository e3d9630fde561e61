/**
 * The deployment manifest the indexer follows (deployments/<network>.json), read once and shared
 * by ponder.config.ts (which contracts to index) and the indexing functions (whether the citizen
 * account contracts are indexed, and their addresses).
 *
 * Environment: LAYANAN_NETWORK (default "localhost") names the manifest; LAYANAN_MANIFEST gives a
 * file instead; LAYANAN_DEPLOYMENTS_DIR another folder of manifests.
 */
import { readFileSync } from "node:fs";
import { manifestPath } from "@layanan/core/node";
import { manifestAccounts, parseManifest, type Manifest } from "@layanan/core";

const network = process.env.LAYANAN_NETWORK ?? "localhost";
const file = process.env.LAYANAN_MANIFEST ?? manifestPath(network);
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch {
  throw new Error(
    `The indexer needs a deployment manifest and ${file} does not exist: deploy first (npm start does), or set LAYANAN_NETWORK or LAYANAN_MANIFEST.`,
  );
}

export const manifest: Manifest = parseManifest(JSON.parse(text));

type Address = `0x${string}`;

/**
 * The citizen-account contracts (EntryPoint v0.8, CitizenAccountFactory, LayananPaymaster), lower
 * case, or null when the manifest lacks any of them (a deployment made before they existed): then
 * none of them is indexed.
 */
export const accountContracts: { entryPoint: Address; factory: Address; paymaster: Address } | null = (() => {
  const found = manifestAccounts(manifest);
  if (found === null) return null;
  return {
    entryPoint: found.entryPoint.toLowerCase() as Address,
    factory: found.factory.toLowerCase() as Address,
    paymaster: found.paymaster.toLowerCase() as Address,
  };
})();

/** ServiceRequests' address, lower case (the calls of a sponsored operation name it). */
export const serviceRequestsAddress = manifest.contracts.ServiceRequests.address.toLowerCase() as Address;
