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

/**
 * Multicall3 (github.com/mds1/multicall3) at its canonical address, where the chain has it: the reads
 * batch per-item eth_calls through it. On the local chain 31337 the deploy scripts put it there.
 */
export interface ManifestMulticall3 extends ManifestContract {
  /** The block from which it exists, when known (viem refuses a multicall at an older block). */
  blockCreated?: number;
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
  /**
   * The four contracts, Multicall3 where the chain has it, and the citizen-account contracts
   * (EntryPoint v0.8, CitizenAccountFactory, LayananPaymaster) once deployed (recorded by the deploy scripts).
   */
  contracts: Record<ContractName, ManifestContract> & { Multicall3?: ManifestMulticall3 } & Partial<
      Record<AccountContractName, ManifestContract>
    >;
  /** URLs of the off-chain pieces for this network, where they run (npm start writes the local ones). */
  services?: ManifestServices;
}

/** The citizen-account contracts as the manifest names them (DESIGN.md, "Citizen accounts"). */
export const ACCOUNT_CONTRACT_NAMES = ["EntryPoint", "CitizenAccountFactory", "LayananPaymaster"] as const;
export type AccountContractName = (typeof ACCOUNT_CONTRACT_NAMES)[number];

/** The citizen-account contracts' addresses, or null when the manifest has not all three. */
export function manifestAccounts(
  manifest: Manifest,
): { entryPoint: `0x${string}`; factory: `0x${string}`; paymaster: `0x${string}` } | null {
  const { EntryPoint, CitizenAccountFactory, LayananPaymaster } = manifest.contracts;
  if (!EntryPoint || !CitizenAccountFactory || !LayananPaymaster) return null;
  return {
    entryPoint: EntryPoint.address as `0x${string}`,
    factory: CitizenAccountFactory.address as `0x${string}`,
    paymaster: LayananPaymaster.address as `0x${string}`,
  };
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
  // Optional; checked only when present.
  const multicall3 = (m.contracts as { Multicall3?: Partial<ManifestMulticall3> }).Multicall3;
  if (multicall3 !== undefined) {
    if (
      multicall3 === null ||
      typeof multicall3.address !== "string" ||
      !isAddress(multicall3.address, { strict: false })
    )
      throw new ManifestError("contracts.Multicall3.address is not an address");
    if (
      multicall3.blockCreated !== undefined &&
      (!Number.isInteger(multicall3.blockCreated) || (multicall3.blockCreated as number) < 0)
    )
      throw new ManifestError("contracts.Multicall3.blockCreated is not a block number");
  }
  for (const name of ACCOUNT_CONTRACT_NAMES) {
    const entry = (m.contracts as Partial<Record<string, Partial<ManifestContract> | null>>)[name];
    if (
      entry !== undefined &&
      (entry === null || typeof entry.address !== "string" || !isAddress(entry.address, { strict: false }))
    )
      throw new ManifestError(`contracts.${name}.address is not an address`);
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
