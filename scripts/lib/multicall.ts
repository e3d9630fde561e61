// Multicall3 for the manifest: where the chain has it at its canonical address, it is recorded under
// contracts.Multicall3 (so that the dApp and the CLI batch per-item reads through it); on the local
// chain 31337 without it, this build of contracts/utils/Multicall3.sol is put there with
// hardhat_setCode; on any other chain without it nothing is recorded, and the deploy says so.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ethers } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { MULTICALL3_ADDRESS, type ManifestMulticall3 } from "@layanan/core";

export { MULTICALL3_ADDRESS };

/** The local development chain: the only one where the scripts may write code to an address. */
const LOCAL_CHAIN_ID = 31337;

const ARTIFACT = path.resolve(import.meta.dirname, "../../artifacts/contracts/utils/Multicall3.sol/Multicall3.json");

/** The compiled Multicall3 (contracts/utils/Multicall3.sol): its ABI and runtime code. */
export function multicall3Artifact(): { abi: unknown[]; deployedBytecode: string } {
  if (!existsSync(ARTIFACT)) throw new Error(`${ARTIFACT} is missing: run npm run build first.`);
  const { abi, deployedBytecode } = JSON.parse(readFileSync(ARTIFACT, "utf8")) as {
    abi: unknown[];
    deployedBytecode: string;
  };
  return { abi, deployedBytecode };
}

/**
 * Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11 as the manifest records it, or null when
 * the chain has none and is not 31337 (said through `log`). On chain 31337 without it, the code is
 * put there first (hardhat_setCode: no transaction, no block).
 */
export async function ensureMulticall3(
  connection: NetworkConnection,
  log: (line: string) => void = console.log,
): Promise<ManifestMulticall3 | null> {
  const provider = connection.ethers.provider;
  const { chainId } = await provider.getNetwork();
  const { abi, deployedBytecode } = multicall3Artifact();
  let code = await provider.getCode(MULTICALL3_ADDRESS);
  let blockCreated: number | undefined;
  if (code === "0x") {
    if (Number(chainId) !== LOCAL_CHAIN_ID) {
      log(
        `Chain ${chainId} has no Multicall3 at ${MULTICALL3_ADDRESS}: it is not recorded in the manifest, and ` +
          "the dApp and the CLI read list items one call each there. Deploy it first with its presigned " +
          "transaction (github.com/mds1/multicall3) to batch them.",
      );
      return null;
    }
    await connection.provider.request({ method: "hardhat_setCode", params: [MULTICALL3_ADDRESS, deployedBytecode] });
    code = await provider.getCode(MULTICALL3_ADDRESS);
    if (code === "0x") throw new Error(`hardhat_setCode did not put Multicall3 at ${MULTICALL3_ADDRESS}.`);
    blockCreated = await provider.getBlockNumber();
    log(`Multicall3 put at ${MULTICALL3_ADDRESS} (local chain ${chainId}, from block ${blockCreated}).`);
  }
  return {
    address: MULTICALL3_ADDRESS,
    codeHash: ethers.keccak256(code),
    abi,
    ...(blockCreated !== undefined ? { blockCreated } : {}),
  };
}
