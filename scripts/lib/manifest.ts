import path from "node:path";
import { ethers } from "ethers";
import { CONTRACT_NAMES, ManifestError, type Manifest } from "@layanan/core";
import { manifestPath, readManifest } from "@layanan/core/node";

/** An error caused by the user's input or environment: printed as one line, without a stack. */
export class UserError extends Error {
  override name = "UserError";
}

/** Reads the manifest or fails with the sentence a user needs. */
export function requireManifest(network: string, dir?: string): Manifest {
  let manifest: Manifest | undefined;
  try {
    manifest = readManifest(network, dir);
  } catch (error) {
    if (error instanceof ManifestError) throw new UserError(`The deployment manifest is damaged: ${error.message}.`);
    throw error;
  }
  if (manifest === undefined) {
    throw new UserError(
      `No deployment manifest for network "${network}" (${path.relative(process.cwd(), manifestPath(network, dir))}). ` +
        `Deploy first: npm run layanan -- deploy --network ${network}`,
    );
  }
  return manifest;
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
