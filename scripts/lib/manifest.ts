import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ethers } from "ethers";

/** The four contracts, in deployment order, as named in the manifest. */
export const CONTRACT_NAMES = [
  "AgencyDirectory",
  "CitizenAttestations",
  "ServiceRequests",
  "DocumentRegistry",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface ManifestContract {
  address: string;
  /** keccak256 of the runtime code at deployment: a re-run compares it with the live code. */
  codeHash: string;
  abi: unknown[];
}

/** deployments/<network>.json: what the dApp and the admin scripts read. */
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
}

/** The folder that holds the manifests: deployments/ at the project root, or LAYANAN_DEPLOYMENTS_DIR. */
export function deploymentsDir(): string {
  return process.env.LAYANAN_DEPLOYMENTS_DIR ?? path.resolve(import.meta.dirname, "../../deployments");
}

export function manifestPath(network: string, dir = deploymentsDir()): string {
  return path.join(dir, `${network}.json`);
}

export function readManifest(network: string, dir = deploymentsDir()): Manifest | undefined {
  const file = manifestPath(network, dir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

/** Reads the manifest or fails with the sentence a user needs. */
export function requireManifest(network: string, dir = deploymentsDir()): Manifest {
  const manifest = readManifest(network, dir);
  if (manifest === undefined) {
    throw new UserError(
      `No deployment manifest for network "${network}" (${path.relative(process.cwd(), manifestPath(network, dir))}). ` +
        `Deploy first: npm run layanan -- deploy --network ${network}`,
    );
  }
  return manifest;
}

export function writeManifest(manifest: Manifest, dir = deploymentsDir()): string {
  mkdirSync(dir, { recursive: true });
  const file = manifestPath(manifest.network, dir);
  writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  return file;
}

/**
 * Whether the manifest describes the code live on the chain behind `provider`: same chain id, and
 * at every address the runtime code whose hash was recorded. Returns the first mismatch in words.
 */
export async function checkLiveCode(
  provider: ethers.Provider,
  manifest: Manifest,
): Promise<{ matches: true } | { matches: false; reason: string }> {
  const { chainId } = await provider.getNetwork();
  if (Number(chainId) !== manifest.chainId) {
    return { matches: false, reason: `the manifest is for chain ${manifest.chainId}, the network is chain ${chainId}` };
  }
  for (const name of CONTRACT_NAMES) {
    const entry = manifest.contracts[name];
    if (entry === undefined) return { matches: false, reason: `the manifest has no ${name}` };
    const code = await provider.getCode(entry.address);
    if (code === "0x") return { matches: false, reason: `no contract at ${entry.address} (${name})` };
    if (ethers.keccak256(code) !== entry.codeHash) {
      return { matches: false, reason: `the code at ${entry.address} is not the ${name} of the manifest` };
    }
  }
  return { matches: true };
}

/** An error caused by the user's input or environment: printed as one line, without a stack. */
export class UserError extends Error {
  override name = "UserError";
}
