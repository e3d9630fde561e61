// EntryPoint v0.8 at its canonical address 0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108, as the
// citizen accounts and the paymaster expect it (they name it as a constant). Where the chain has it,
// nothing is sent. Otherwise it is made with CREATE2 through the deterministic deployer
// (0x4e59b44847b379578588920ca78fbf26c0b4956c) from the compiled bytecode that
// @account-abstraction/contracts@0.8.0 ships, with the salt the canonical deployment used; on the
// local chain 31337 the deployer's code is put in place first with hardhat_setCode (Hardhat's node
// has none).
import { createRequire } from "node:module";
import { ethers } from "ethers";
import type { Signer } from "ethers";
import type { EIP1193Provider } from "viem";
import { ENTRY_POINT_V08, type SponsorTypedData } from "@layanan/core";
import { UserError } from "./manifest.js";

const require = createRequire(import.meta.url);

export { ENTRY_POINT_V08 };

/**
 * An ethers signer as core's sponsorUserOperation wants one: the sponsor's EIP-712 data, signed
 * (the sponsor service's key in the tests and the gas benchmark, or another: a wrong signer).
 */
export const signsSponsorData =
  (signer: Pick<Signer, "signTypedData">) =>
  async (typed: SponsorTypedData): Promise<`0x${string}`> =>
    (await signer.signTypedData(
      typed.domain,
      { UserOperationRequest: typed.types.UserOperationRequest },
      typed.message,
    )) as `0x${string}`;

/** The local development chain: the only one where the scripts may write code to an address. */
const LOCAL_CHAIN_ID = 31337n;

/** Arachnid's deterministic deployment proxy (CREATE2 of calldata[32:] with salt calldata[0:32]). */
export const DETERMINISTIC_DEPLOYER = "0x4e59b44847b379578588920ca78fbf26c0b4956c";
export const DETERMINISTIC_DEPLOYER_CODE =
  "0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3";
/** The salt of EntryPoint v0.8's canonical deployment. */
const ENTRY_POINT_SALT = "0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9";

/** EntryPoint v0.8 as @account-abstraction/contracts compiled it. */
export function entryPointArtifact(): { abi: unknown[]; bytecode: string } {
  const { abi, bytecode } = require("@account-abstraction/contracts/artifacts/EntryPoint.json") as {
    abi: unknown[];
    bytecode: string;
  };
  return { abi, bytecode };
}

/** Puts the deterministic deployer's code in place on chain 31337 when missing; throws elsewhere. */
export async function ensureDeterministicDeployer(provider: ethers.Provider, raw: EIP1193Provider): Promise<void> {
  if ((await provider.getCode(DETERMINISTIC_DEPLOYER)) !== "0x") return;
  const { chainId } = await provider.getNetwork();
  if (chainId !== LOCAL_CHAIN_ID) {
    throw new UserError(
      `Chain ${chainId} has neither EntryPoint v0.8 at ${ENTRY_POINT_V08} nor the deterministic deployer at ` +
        `${DETERMINISTIC_DEPLOYER} to make it. Deploy the deployer with its presigned transaction ` +
        "(github.com/Arachnid/deterministic-deployment-proxy), then run the deploy again.",
    );
  }
  await raw.request({
    method: "hardhat_setCode" as never,
    params: [DETERMINISTIC_DEPLOYER, DETERMINISTIC_DEPLOYER_CODE] as never,
  });
}

/**
 * EntryPoint v0.8 at its canonical address: returns its code hash, and whether this call made it.
 * `raw` is the connection's EIP-1193 provider (for hardhat_setCode on chain 31337).
 */
export async function ensureEntryPoint(
  signer: Signer,
  raw: EIP1193Provider,
  log: (line: string) => void = console.log,
): Promise<{ address: string; codeHash: string; deployed: boolean }> {
  const provider = signer.provider;
  if (provider === null) throw new Error("the signer has no provider");
  let code = await provider.getCode(ENTRY_POINT_V08);
  let deployed = false;
  if (code === "0x") {
    await ensureDeterministicDeployer(provider, raw);
    const { bytecode } = entryPointArtifact();
    const tx = await signer.sendTransaction({
      to: DETERMINISTIC_DEPLOYER,
      data: ethers.concat([ENTRY_POINT_SALT, bytecode]),
    });
    await tx.wait();
    code = await provider.getCode(ENTRY_POINT_V08);
    if (code === "0x") {
      throw new UserError(
        `The deterministic deployer did not put EntryPoint v0.8 at ${ENTRY_POINT_V08} (transaction ${tx.hash}).`,
      );
    }
    deployed = true;
    log(`EntryPoint v0.8 deployed at its canonical address ${ENTRY_POINT_V08}.`);
  }
  return { address: ENTRY_POINT_V08, codeHash: ethers.keccak256(code), deployed };
}
