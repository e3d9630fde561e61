import {
  BaseError,
  ChainMismatchError,
  ContractFunctionRevertedError,
  HttpRequestError,
  InsufficientFundsError,
  UserRejectedRequestError,
  decodeErrorResult,
  type Hex,
} from "viem";
import { allErrorsAbi } from "./contracts.ts";
import { RPC_ERROR_KEYS, classifyRpcError } from "./rpc.ts";

/**
 * A revert as the name of the contract's custom error and its arguments (the sentences in both
 * languages stay with the dApp, keyed by these names), or what else went wrong: a rejected
 * signature, an unreachable RPC, a wrong network.
 */

/** An error as a message key of the `errors` namespace and the values its sentence uses. */
export interface DecodedError {
  key: string;
  values: Record<string, string>;
}

const stringify = (value: unknown): string => {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return `${value.slice(0, 6)}…${value.slice(-4)}`;
  return String(value);
};

/** A custom error of the suite from raw revert data (`0x` + selector + arguments); null when it is not one. */
export function decodeRevertData(data: Hex): { errorName: string; args: readonly unknown[] } | null {
  try {
    const decoded = decodeErrorResult({ abi: allErrorsAbi, data });
    return { errorName: decoded.errorName, args: (decoded.args ?? []) as readonly unknown[] };
  } catch {
    return null;
  }
}

function named(errorName: string, args: readonly unknown[] | undefined): DecodedError {
  const item = allErrorsAbi.find((entry) => entry.type === "error" && entry.name === errorName);
  const inputs = item && item.type === "error" ? item.inputs : [];
  const values: Record<string, string> = {};
  inputs.forEach((input, i) => {
    if (input.name) values[input.name] = stringify(args?.[i]);
  });
  return { key: errorName, values };
}

/**
 * Turns what a wallet, the RPC or a contract threw into a sentence key: the contract's custom
 * error by name, a rejected signature, a wrong network, what the RPC refused or failed to do (see
 * rpc.ts: `rpcRange`, `rpcTooManyResults`, `rpcTooLarge`, `rpcRateLimited`, `rpcTimeout`, `rpcDown`),
 * or `unknown`.
 */
export function decodeError(error: unknown): DecodedError {
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (reverted instanceof ContractFunctionRevertedError) {
      if (reverted.data?.errorName) return named(reverted.data.errorName, reverted.data.args);
      const raw = (reverted as unknown as { raw?: Hex }).raw;
      const decoded = raw ? decodeRevertData(raw) : null;
      if (decoded) return named(decoded.errorName, decoded.args);
    }
    if (error.walk((e) => e instanceof UserRejectedRequestError || (e as { code?: number }).code === 4001)) {
      return { key: "userRejected", values: {} };
    }
    if (error.walk((e) => e instanceof ChainMismatchError)) return { key: "wrongNetwork", values: {} };
    if (error.walk((e) => e instanceof InsufficientFundsError)) return { key: "insufficientFunds", values: {} };
  }
  if ((error as { code?: number })?.code === 4001) return { key: "userRejected", values: {} };
  const kind = classifyRpcError(error);
  if (kind !== null) return { key: RPC_ERROR_KEYS[kind], values: {} };
  if (error instanceof BaseError && error.walk((e) => e instanceof HttpRequestError))
    return { key: "rpcDown", values: {} };
  if (error instanceof TypeError && /fetch/i.test(error.message)) return { key: "rpcDown", values: {} };
  return { key: "unknown", values: {} };
}
