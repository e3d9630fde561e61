/**
 * What the city sponsors, shared by the sponsor service (ERC-7677), the CLI and the tests: the
 * policy over a user operation's calls (the same rules LayananPaymaster enforces on chain), and the
 * EIP-712 data the sponsor signs for OpenZeppelin's PaymasterSigner. Browser-safe; no keys here.
 */
import {
  type Address,
  type Hex,
  concat,
  decodeFunctionData,
  encodePacked,
  hexToBigInt,
  numberToHex,
  pad,
  slice,
  size,
  toFunctionSelector,
} from "viem";
import { decodeAccountCalls, citizenAccountAbi } from "./account.ts";
import { layananPaymasterAbi, serviceRequestsAbi } from "./generated/abis.ts";

export { layananPaymasterAbi };

/** The citizen functions of ServiceRequests a sponsored operation may call. */
export const SPONSORED_REQUEST_FUNCTIONS = ["submit", "respond", "cancel", "escalate", "rate"] as const;
/** The account's own setup a sponsored operation may call (on the account itself). */
export const SPONSORED_ACCOUNT_FUNCTIONS = ["addPasskey", "removePasskey"] as const;
/** As LayananPaymaster.MAX_CALLS. */
export const MAX_SPONSORED_CALLS = 4;

/** Why an operation is not sponsored: a rule, with what the dApp needs to say it in id and en. */
export type SponsorRefusal =
  | { rule: "notCitizenAccount"; sender: Address }
  | { rule: "invalidCallData" }
  | { rule: "tooManyCalls"; count: number; max: number }
  | { rule: "callNotAllowed"; index: number; target: Address; selector: Hex }
  | { rule: "valueAttached"; index: number }
  | { rule: "quotaExhausted"; used: number; quota: number; resetsAt: string }
  | { rule: "cityQuotaExhausted"; quota: number; resetsAt: string }
  | { rule: "gasTooHigh"; gas: string; max: string }
  | { rule: "wrongEntryPoint"; entryPoint: Address }
  | { rule: "wrongChain"; chainId: number };

/** An ISO instant as Jakarta's wall clock, "2026-12-03 00:00 WIB" (the quotas' days are Jakarta days). */
export function jakartaTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const wib = new Date(time + 7 * 3_600_000).toISOString();
  return `${wib.slice(0, 10)} ${wib.slice(11, 16)} WIB`;
}

/**
 * A refusal's values as its sentence (messages sponsor.json) takes them: every value a string, the
 * instant the quota starts again in Jakarta time. Unknown fields pass through, `rule` is dropped.
 */
export function refusalValues(refusal: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(refusal)
      .filter(([key]) => key !== "rule")
      .map(([key, value]) => [key, key === "resetsAt" ? jakartaTime(String(value)) : String(value)]),
  );
}

/** A call a sponsored operation makes, as the policy names it. */
export interface SponsoredCall {
  target: "ServiceRequests" | "account";
  functionName: string;
}

/**
 * Checks a user operation's call data against the policy (the sender being a factory-made account
 * is checked on chain: `factory.isAccount(sender)`). Returns the calls, or the broken rule.
 */
export function checkSponsorPolicy(
  sender: Address,
  callData: Hex,
  serviceRequests: Address,
): { ok: true; calls: SponsoredCall[] } | { ok: false; refusal: SponsorRefusal } {
  let calls;
  try {
    calls = decodeAccountCalls(callData);
  } catch {
    return { ok: false, refusal: { rule: "invalidCallData" } };
  }
  if (calls.length === 0) return { ok: false, refusal: { rule: "invalidCallData" } };
  if (calls.length > MAX_SPONSORED_CALLS) {
    return { ok: false, refusal: { rule: "tooManyCalls", count: calls.length, max: MAX_SPONSORED_CALLS } };
  }
  const named: SponsoredCall[] = [];
  for (const [index, call] of calls.entries()) {
    if ((call.value ?? 0n) !== 0n) return { ok: false, refusal: { rule: "valueAttached", index } };
    const selector = size(call.data) >= 4 ? slice(call.data, 0, 4) : ("0x00000000" as Hex);
    const name =
      call.to.toLowerCase() === serviceRequests.toLowerCase()
        ? functionIn(serviceRequestsAbi, SPONSORED_REQUEST_FUNCTIONS, call.data)
        : call.to.toLowerCase() === sender.toLowerCase()
          ? functionIn(citizenAccountAbi, SPONSORED_ACCOUNT_FUNCTIONS, call.data)
          : undefined;
    if (name === undefined) {
      return { ok: false, refusal: { rule: "callNotAllowed", index, target: call.to, selector } };
    }
    named.push({
      target: call.to.toLowerCase() === sender.toLowerCase() ? "account" : "ServiceRequests",
      functionName: name,
    });
  }
  return { ok: true, calls: named };
}

function functionIn(abi: readonly unknown[], allowed: readonly string[], data: Hex): string | undefined {
  try {
    const { functionName } = decodeFunctionData({ abi: abi as never, data });
    return allowed.includes(functionName as string) ? (functionName as string) : undefined;
  } catch {
    return undefined;
  }
}

/** The selectors the policy allows (for the CLI and the docs). */
export const SPONSORED_SELECTORS = {
  ServiceRequests: SPONSORED_REQUEST_FUNCTIONS.map((name) => selectorOf(serviceRequestsAbi, name)),
  account: SPONSORED_ACCOUNT_FUNCTIONS.map((name) => selectorOf(citizenAccountAbi, name)),
};

function selectorOf(abi: readonly unknown[], name: string): Hex {
  const item = (abi as { type: string; name?: string; inputs?: { type: string }[] }[]).find(
    (entry) => entry.type === "function" && entry.name === name,
  );
  if (!item) throw new Error(`no function ${name}`);
  return toFunctionSelector(`${name}(${(item.inputs ?? []).map((input) => input.type).join(",")})`);
}

/** The user operation fields PaymasterSigner signs over (v0.8, unpacked as viem has them). */
export interface SponsorableUserOperation {
  sender: Address;
  nonce: bigint;
  factory?: Address | null;
  factoryData?: Hex | null;
  callData: Hex;
  callGasLimit: bigint;
  verificationGasLimit: bigint;
  preVerificationGas: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  paymasterVerificationGasLimit: bigint;
  paymasterPostOpGasLimit: bigint;
}

/** EIP-712 typed data of OpenZeppelin's PaymasterSigner (name "LayananPaymaster", version "1"). */
export function sponsorTypedData(
  userOperation: SponsorableUserOperation,
  options: { paymaster: Address; chainId: number; validAfter: number; validUntil: number },
) {
  const initCode =
    userOperation.factory && userOperation.factory !== "0x7702"
      ? concat([userOperation.factory, userOperation.factoryData ?? "0x"])
      : ("0x" as Hex);
  return {
    domain: { name: "LayananPaymaster", version: "1", chainId: options.chainId, verifyingContract: options.paymaster },
    types: {
      UserOperationRequest: [
        { name: "sender", type: "address" },
        { name: "nonce", type: "uint256" },
        { name: "initCode", type: "bytes" },
        { name: "callData", type: "bytes" },
        { name: "accountGasLimits", type: "bytes32" },
        { name: "preVerificationGas", type: "uint256" },
        { name: "gasFees", type: "bytes32" },
        { name: "paymasterVerificationGasLimit", type: "uint256" },
        { name: "paymasterPostOpGasLimit", type: "uint256" },
        { name: "validAfter", type: "uint48" },
        { name: "validUntil", type: "uint48" },
      ],
    },
    primaryType: "UserOperationRequest" as const,
    message: {
      sender: userOperation.sender,
      nonce: userOperation.nonce,
      initCode,
      callData: userOperation.callData,
      accountGasLimits: packUints(userOperation.verificationGasLimit, userOperation.callGasLimit),
      preVerificationGas: userOperation.preVerificationGas,
      gasFees: packUints(userOperation.maxPriorityFeePerGas, userOperation.maxFeePerGas),
      paymasterVerificationGasLimit: userOperation.paymasterVerificationGasLimit,
      paymasterPostOpGasLimit: userOperation.paymasterPostOpGasLimit,
      validAfter: options.validAfter,
      validUntil: options.validUntil,
    },
  };
}

/** Two uint128 in one bytes32 (high ‖ low), as a packed user operation holds its gas limits and fees. */
function packUints(high: bigint, low: bigint): Hex {
  return concat([numberToHex(high, { size: 16 }), numberToHex(low, { size: 16 })]);
}

/** `paymasterData` as PaymasterSigner reads it: validAfter (6 bytes) ‖ validUntil (6 bytes) ‖ signature. */
export function encodeSponsorData(validAfter: number, validUntil: number, signature: Hex): Hex {
  return encodePacked(["uint48", "uint48", "bytes"], [validAfter, validUntil, signature]);
}

/** A stub `paymasterData` of the right length (for gas estimates; it never validates). */
export function stubSponsorData(validUntil: number): Hex {
  return encodeSponsorData(0, validUntil, pad("0x01", { size: 65 }));
}

/** validAfter and validUntil of a `paymasterData`. */
export function decodeSponsorWindow(paymasterData: Hex): { validAfter: number; validUntil: number } {
  return {
    validAfter: Number(hexToBigInt(slice(paymasterData, 0, 6))),
    validUntil: Number(hexToBigInt(slice(paymasterData, 6, 12))),
  };
}
