/**
 * Ponder's configuration, read from the deployment manifest (deployments/<network>.json): the
 * chain, the four contracts' addresses, and the deployment block to start from.
 *
 * Environment:
 * - LAYANAN_NETWORK (default "localhost") names the manifest; LAYANAN_MANIFEST gives a file instead;
 *   LAYANAN_DEPLOYMENTS_DIR another folder of manifests.
 * - LAYANAN_RPC_URL: the chain's RPC (default http://127.0.0.1:8545 on chain 31337; required elsewhere).
 * - LAYANAN_GETLOGS_BLOCK_RANGE: the RPC's eth_getLogs block cap, when Ponder should not find it out.
 * - LAYANAN_POLLING_MS: how often to poll for new blocks (default 1000).
 * - DATABASE_URL: a Postgres server (production); otherwise embedded PGlite in LAYANAN_PGLITE_DIR
 *   (default indexer/.ponder/pglite).
 */
import { readFileSync } from "node:fs";
import { manifestPath } from "@layanan/core/node";
import { parseManifest, type ContractName } from "@layanan/core";
import { agencyDirectoryAbi, citizenAttestationsAbi, documentRegistryAbi, serviceRequestsAbi } from "@layanan/core";
import { createConfig } from "ponder";

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
const manifest = parseManifest(JSON.parse(text));
const local = manifest.chainId === 31337;
const rpc = process.env.LAYANAN_RPC_URL ?? (local ? "http://127.0.0.1:8545" : undefined);
if (rpc === undefined) {
  throw new Error(`LAYANAN_RPC_URL is not set: the indexer needs an RPC of chain ${manifest.chainId}.`);
}
const blockRange = process.env.LAYANAN_GETLOGS_BLOCK_RANGE;

const contract = <const A>(name: ContractName, abi: A) => ({
  chain: "layanan" as const,
  abi,
  address: manifest.contracts[name].address as `0x${string}`,
  startBlock: manifest.deployBlock,
});

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.LAYANAN_PGLITE_DIR ?? ".ponder/pglite" },
  chains: {
    layanan: {
      id: manifest.chainId,
      rpc,
      pollingInterval: Number(process.env.LAYANAN_POLLING_MS ?? 1000),
      // A local chain restarts from scratch with the same id and addresses: never trust a cached answer.
      disableCache: local,
      ...(blockRange ? { ethGetLogsBlockRange: Number(blockRange) } : {}),
    },
  },
  contracts: {
    AgencyDirectory: contract("AgencyDirectory", agencyDirectoryAbi),
    CitizenAttestations: contract("CitizenAttestations", citizenAttestationsAbi),
    ServiceRequests: contract("ServiceRequests", serviceRequestsAbi),
    DocumentRegistry: contract("DocumentRegistry", documentRegistryAbi),
  },
});
