/**
 * A citizen account's v0.8 user operation built, sponsored and signed by hand, for code that calls
 * `EntryPoint.handleOps` without a bundler's estimates: the contract and sponsor tests, the gas
 * benchmark and the indexer's tests. The dApp goes through viem's bundler client instead
 * (`toCitizenAccount` and `passkeyPaymaster`).
 */
import type { Address, Hex } from "viem";
import { type UserOperation, getUserOperationHash, toPackedUserOperation } from "viem/account-abstraction";
import { ENTRY_POINT_V08, type Passkey, encodePasskeySignature } from "./account.ts";
import { encodeSponsorData, sponsorTypedData } from "./sponsor.ts";

/** Gas limits and fees that cover any citizen operation on a local chain (no estimate is made). */
export const DIRECT_GAS = {
  callGasLimit: 500_000n,
  verificationGasLimit: 1_000_000n,
  preVerificationGas: 60_000n,
  maxFeePerGas: 2_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
  paymasterVerificationGasLimit: 200_000n,
  paymasterPostOpGasLimit: 0n,
} as const;

export interface DraftParts {
  sender: Address;
  nonce: bigint;
  callData: Hex;
  /** The account's first operation: the factory and its `createAccount` call. */
  factory?: Address;
  factoryData?: Hex;
  /** The paymaster that pays (its data left empty for `sponsorUserOperation`); none: the account pays. */
  paymaster?: Address;
  gas?: Partial<Record<keyof typeof DIRECT_GAS, bigint>>;
}

/** An unsigned user operation: `DIRECT_GAS` unless overridden, the paymaster's fields when one pays. */
export function draftUserOperation(parts: DraftParts): UserOperation<"0.8"> {
  const gas = { ...DIRECT_GAS, ...parts.gas };
  return {
    sender: parts.sender,
    nonce: parts.nonce,
    ...(parts.factory ? { factory: parts.factory, factoryData: parts.factoryData ?? "0x" } : {}),
    callData: parts.callData,
    callGasLimit: gas.callGasLimit,
    verificationGasLimit: gas.verificationGasLimit,
    preVerificationGas: gas.preVerificationGas,
    maxFeePerGas: gas.maxFeePerGas,
    maxPriorityFeePerGas: gas.maxPriorityFeePerGas,
    signature: "0x",
    ...(parts.paymaster
      ? {
          paymaster: parts.paymaster,
          paymasterVerificationGasLimit: gas.paymasterVerificationGasLimit,
          paymasterPostOpGasLimit: gas.paymasterPostOpGasLimit,
          paymasterData: "0x" as Hex,
        }
      : {}),
  };
}

/** The sponsor's EIP-712 data, for whichever key signs it (viem's account, an ethers wallet). */
export type SponsorTypedData = ReturnType<typeof sponsorTypedData>;

/**
 * The operation with `paymasterData` = the window ‖ `sign`'s signature over the sponsor's typed
 * data, as the sponsor service would give it (or a rogue sponsor: nothing here checks the policy).
 */
export async function sponsorUserOperation(
  op: UserOperation<"0.8">,
  window: { paymaster: Address; chainId: number; validAfter: number; validUntil: number },
  sign: (typed: SponsorTypedData) => Promise<Hex>,
): Promise<UserOperation<"0.8">> {
  const withPaymaster: UserOperation<"0.8"> = {
    ...op,
    paymaster: window.paymaster,
    paymasterVerificationGasLimit: op.paymasterVerificationGasLimit ?? DIRECT_GAS.paymasterVerificationGasLimit,
    paymasterPostOpGasLimit: op.paymasterPostOpGasLimit ?? DIRECT_GAS.paymasterPostOpGasLimit,
    paymasterData: "0x",
  };
  const signature = await sign(sponsorTypedData(withPaymaster as never, window));
  return { ...withPaymaster, paymasterData: encodeSponsorData(window.validAfter, window.validUntil, signature) };
}

/** The operation signed by `passkey` (its hash on `chainId`'s canonical EntryPoint v0.8), and packed. */
export async function signUserOperation(op: UserOperation<"0.8">, chainId: number, passkey: Passkey) {
  const hash = getUserOperationHash({
    chainId,
    entryPointAddress: ENTRY_POINT_V08,
    entryPointVersion: "0.8",
    userOperation: op,
  });
  const userOperation: UserOperation<"0.8"> = {
    ...op,
    signature: encodePasskeySignature(passkey.credentialIdHash, await passkey.sign(hash)),
  };
  return { userOperation, hash, packed: toPackedUserOperation(userOperation) };
}
