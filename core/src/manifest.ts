/**
 * deployments/<network>.json: chain id, deploy block, governor, and each contract by its name with
 * address, code hash and ABI. Written by the deploy scripts, read by the dApp, the admin commands
 * and, later, the indexer. Reading and writing the file is in ./node.ts (Node only).
 */
import { isAddress } from "viem";
import {
  CONTRACT_NAMES,
  addressKey,
  layanan,
  type ContractName,
  type Layanan,
  type LayananAddresses,
} from "./contracts.ts";

export interface ManifestContract {
  address: string;
  /** keccak256 of the runtime code at deployment: a re-run compares it with the live code. */
  codeHash: string;
  abi: unknown[];
}

export interface Manifest {
  network: string;
  chainId: number;
  deployBlock: number;
  deployer: string;
  /** The governor the deployment was made for. While `pendingGovernor` is set, the deployer still governs. */
  governor: string;
  pendingGovernor: string | null;
  deployedAt: string;
  contracts: Record<ContractName, ManifestContract>;
  /** URLs of the off-chain pieces for this network, where they run (npm start writes the local ones). */
  services?: ManifestServices;
}

export interface ManifestServices {
  /** The indexer's base URL (its /api, /graphql and /open311/v2). */
  indexer?: string;
  /** The ERC-4337 bundler's RPC URL. */
  bundler?: string;
  /** The sponsor service (ERC-7677 paymaster RPC). */
  sponsor?: string;
}

/** Thrown for a manifest file that is not one (hand-edited, cut short, another tool's JSON). */
export class ManifestError extends Error {
  override name = "ManifestError";
}

/**
 * Checks what the readers rely on (chain id, deploy block, an address for each contract) and
 * returns the manifest; throws a ManifestError naming the first field that is wrong.
 */
export function parseManifest(value: unknown): Manifest {
  if (value === null || typeof value !== "object") throw new ManifestError("the manifest is not a JSON object");
  const m = value as Partial<Manifest>;
  if (!Number.isInteger(m.chainId) || (m.chainId as number) <= 0)
    throw new ManifestError("chainId is missing or not a positive integer");
  if (!Number.isInteger(m.deployBlock) || (m.deployBlock as number) < 0)
    throw new ManifestError("deployBlock is missing or negative");
  if (m.contracts === null || typeof m.contracts !== "object") throw new ManifestError("contracts is missing");
  for (const name of CONTRACT_NAMES) {
    const entry = (m.contracts as Partial<Record<ContractName, ManifestContract>>)[name];
    if (!entry || typeof entry.address !== "string" || !isAddress(entry.address, { strict: false }))
      throw new ManifestError(`contracts.${name}.address is missing or not an address`);
  }
  return m as Manifest;
}

/** The contracts' addresses from a manifest. */
export function manifestAddresses(manifest: Manifest): LayananAddresses {
  return Object.fromEntries(
    CONTRACT_NAMES.map((name) => [addressKey(name), manifest.contracts[name].address as `0x${string}`]),
  ) as unknown as LayananAddresses;
}

/** The deployment a manifest describes, as the read functions take it. */
export function layananOf(manifest: Manifest): Layanan {
  return layanan({
    chainId: manifest.chainId,
    deployBlock: manifest.deployBlock,
    addresses: manifestAddresses(manifest),
  });
}
