/**
 * Ponder's configuration, read from the deployment manifest (deployments/<network>.json, see
 * src/manifest.ts): the chain, the four contracts' addresses, and the deployment block to start
 * from; and, when the manifest has them, the citizen-account contracts: CitizenAccountFactory, the
 * CitizenAccount clones it makes (found from its AccountCreated events), LayananPaymaster, and
 * EntryPoint v0.8's UserOperationEvent for the operations LayananPaymaster paid for (filtered on
 * its indexed `paymaster`: a public chain's EntryPoint carries every other paymaster's too).
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
import { parseAbi, getAbiItem } from "viem";
import { entryPoint08Abi } from "viem/account-abstraction";
import {
  agencyDirectoryAbi,
  citizenAccountAbi,
  citizenAccountFactoryAbi,
  citizenAttestationsAbi,
  documentRegistryAbi,
  serviceRequestsAbi,
  type ContractName,
} from "@layanan/core";
import { createConfig, factory } from "ponder";
import { accountContracts, manifest } from "./src/manifest.ts";

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

/** LayananPaymaster's own events (its ABI is not among core's exports). */
const layananPaymasterEvents = parseAbi([
  "event SponsorSignerChanged(address indexed previousSigner, address indexed newSigner)",
  "event DepositAdded(address indexed from, uint256 amount)",
  "event DepositWithdrawn(address indexed to, uint256 amount)",
  "event StakeChanged(uint256 added, uint32 unstakeDelaySec, bool unlocked)",
]);

/** The citizen-account contracts, for a manifest that has them. */
function accountSources(addresses: NonNullable<typeof accountContracts>) {
  const base = { chain: "layanan" as const, startBlock: manifest.deployBlock };
  return {
    CitizenAccountFactory: { ...base, abi: citizenAccountFactoryAbi, address: addresses.factory },
    CitizenAccount: {
      ...base,
      abi: citizenAccountAbi,
      address: factory({
        address: addresses.factory,
        event: getAbiItem({ abi: citizenAccountFactoryAbi, name: "AccountCreated" }),
        parameter: "account",
      }),
    },
    LayananPaymaster: { ...base, abi: layananPaymasterEvents, address: addresses.paymaster },
    EntryPoint: {
      ...base,
      abi: entryPoint08Abi,
      address: addresses.entryPoint,
      filter: { event: "UserOperationEvent" as const, args: { paymaster: addresses.paymaster } },
    },
  };
}

// Typed as always there (the indexing functions name them); present only when the manifest has
// them, and src/index.ts registers their functions only then (Ponder refuses a function for a
// contract it does not know).
const accountsConfig = (accountContracts ? accountSources(accountContracts) : {}) as ReturnType<typeof accountSources>;

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
    ...accountsConfig,
  },
});
