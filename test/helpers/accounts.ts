// Citizen passkey accounts in the in-process Hardhat network: EntryPoint v0.8 at its canonical
// address, the factory, the paymaster with a sponsor key, and user operations signed by software
// passkeys (core's softwarePasskey) and sponsored as the sponsor service would sponsor them. The
// operations go to EntryPoint.handleOps from a bundler EOA, as a bundler would send them.
import type { Contract } from "ethers";
import {
  type AccountCall,
  type Passkey,
  ENTRY_POINT_V08,
  draftUserOperation,
  encodeAccountCalls,
  encodeCreateAccount,
  signUserOperation,
  softwarePasskey,
  sponsorUserOperation,
} from "@layanan/core";
import type { Hex } from "viem";
import { toPackedUserOperation } from "viem/account-abstraction";
import { ensureEntryPoint, entryPointArtifact, signsSponsorData } from "../../scripts/lib/entrypoint.js";

export { signsSponsorData };
import { type Deployment, cityFixture, connection, ethers } from "./fixture.js";

export interface AccountsDeployment extends Deployment {
  entryPoint: Contract;
  factory: Contract;
  paymaster: Contract;
  /** The sponsor service's key (a random wallet: tests only). */
  sponsor: InstanceType<typeof ethers.Wallet>;
  /** Sends the bundles (any funded EOA). */
  bundler: Awaited<ReturnType<typeof ethers.getSigners>>[number];
  chainId: number;
}

/** cityFixture, plus EntryPoint v0.8, CitizenAccountFactory and a LayananPaymaster with 10 ETH deposited. */
export async function accountsFixture(): Promise<AccountsDeployment> {
  const city = await cityFixture();
  const signers = await ethers.getSigners();
  const bundler = signers[12];
  await ensureEntryPoint(city.governor, connection.provider as never, () => {});
  const entryPoint = new ethers.Contract(ENTRY_POINT_V08, entryPointArtifact().abi as never, bundler);
  const factory = await ethers.deployContract("CitizenAccountFactory");
  const sponsor = ethers.Wallet.createRandom() as unknown as InstanceType<typeof ethers.Wallet>;
  const paymaster = await ethers.deployContract("LayananPaymaster", [
    await city.directory.getAddress(),
    await city.requests.getAddress(),
    await factory.getAddress(),
    sponsor.address,
  ]);
  await paymaster.getFunction("deposit")({ value: ethers.parseEther("10") });
  const { chainId } = await ethers.provider.getNetwork();
  return {
    ...city,
    entryPoint,
    factory: factory as unknown as Contract,
    paymaster: paymaster as unknown as Contract,
    sponsor,
    bundler,
    chainId: Number(chainId),
  };
}

export { softwarePasskey };

export interface OpOptions {
  /** Deploy the account in this operation (its first). Default: when it has no code yet. */
  deploy?: boolean;
  /** The factory that makes (and addresses) the account; default the one the paymaster sponsors. */
  factory?: Contract;
  /** The account's call data instead of `execute(BATCH_MODE, calls)` (for shapes outside the policy). */
  callData?: Hex;
  /** The key that signs the sponsor data instead of the sponsor service's (a wrong signer). */
  sponsorKey?: InstanceType<typeof ethers.Wallet>;
  validAfter?: number;
  nonce?: bigint;
  /** Sign with another passkey than the one the account is addressed by (an attacker's). */
  signer?: Passkey;
  /** Sponsor data to use instead of a valid sponsor signature (e.g. "0x" for none). */
  paymasterData?: Hex;
  /** Leave out the paymaster altogether. */
  noPaymaster?: boolean;
  validUntil?: number;
  verificationGasLimit?: bigint;
}

/** The account address of `passkey` (the factory's prediction). */
export async function accountOf(
  d: AccountsDeployment,
  passkey: Passkey,
  factory: Contract = d.factory,
): Promise<string> {
  return factory.getFunction("predictAddress")(passkey.x, passkey.y, passkey.credentialIdHash);
}

/** A signed, sponsored v0.8 user operation of `passkey`'s account making `calls`, packed for handleOps. */
export async function sponsoredOp(
  d: AccountsDeployment,
  passkey: Passkey,
  calls: AccountCall[],
  options: OpOptions = {},
) {
  const factory = options.factory ?? d.factory;
  const sender = (await accountOf(d, passkey, factory)) as Hex;
  const deployed = (await ethers.provider.getCode(sender)) !== "0x";
  const deploy = options.deploy ?? !deployed;
  const nonce = options.nonce ?? ((await d.entryPoint.getFunction("getNonce")(sender, 0)) as bigint);
  const paymaster = (await d.paymaster.getAddress()) as Hex;
  const block = await ethers.provider.getBlock("latest");
  let userOperation = draftUserOperation({
    sender,
    nonce,
    ...(deploy ? { factory: (await factory.getAddress()) as Hex, factoryData: encodeCreateAccount(passkey) } : {}),
    callData: options.callData ?? encodeAccountCalls(calls),
    ...(options.noPaymaster ? {} : { paymaster }),
    ...(options.verificationGasLimit === undefined
      ? {}
      : { gas: { verificationGasLimit: options.verificationGasLimit } }),
  });
  if (options.noPaymaster) {
    // The account pays (or nobody does): no paymaster fields.
  } else if (options.paymasterData !== undefined) {
    userOperation.paymasterData = options.paymasterData;
  } else {
    userOperation = await sponsorUserOperation(
      userOperation,
      {
        paymaster,
        chainId: d.chainId,
        validAfter: options.validAfter ?? 0,
        validUntil: options.validUntil ?? block!.timestamp + 600,
      },
      signsSponsorData(options.sponsorKey ?? d.sponsor),
    );
  }
  const signed = await signUserOperation(userOperation, d.chainId, options.signer ?? passkey);
  return { ...signed, sender };
}

/** Sends operations to EntryPoint.handleOps from the bundler EOA. */
export async function handleOps(d: AccountsDeployment, packed: ReturnType<typeof toPackedUserOperation>[]) {
  return d.entryPoint.getFunction("handleOps")(packed, d.bundler.address, { gasLimit: 15_000_000 });
}

/** Packs an (edited) unpacked user operation for handleOps. */
export { toPackedUserOperation };

/** The EntryPoint's UserOperationEvent of `hash` in `receipt` (throws when absent). */
export function userOperationEvent(d: AccountsDeployment, receipt: { logs: readonly unknown[] }, hash: string) {
  for (const log of receipt.logs as { topics: string[]; data: string }[]) {
    const parsed = d.entryPoint.interface.parseLog(log);
    if (parsed?.name === "UserOperationEvent" && parsed.args.userOpHash === hash) {
      return parsed.args as unknown as {
        sender: string;
        paymaster: string;
        nonce: bigint;
        success: boolean;
        actualGasCost: bigint;
        actualGasUsed: bigint;
      };
    }
  }
  throw new Error(`no UserOperationEvent for ${hash}`);
}
