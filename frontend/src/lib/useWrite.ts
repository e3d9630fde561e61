"use client";
import { useQueryClient } from "@tanstack/react-query";
import { type DecodedError, decodeError } from "@layanan/core";
import { useRef, useState } from "react";
import {
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type TransactionReceipt,
  encodeFunctionData,
} from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { chain } from "./chain";
import { contracts, type Contracts } from "./contracts";
import { PASSKEY_CONNECTOR_ID } from "./passkey/connector";
import { decodePasskeyError, sendAsPasskey } from "./passkey/send";
import { loadSession } from "./passkey/session";
import { AFFECTED, isAffected, type QueryFamily } from "./queries";

export type TxState =
  | { phase: "idle" }
  | { phase: "simulating" }
  /** `via: "passkey"`: the biometric prompt of the citizen's passkey, not a wallet. */
  | { phase: "signing"; via?: "passkey" }
  /** A passkey account's user operation, paid by the city, taken by the bundler (not yet mined). */
  | { phase: "sponsored"; userOpHash: `0x${string}` }
  | { phase: "confirming"; hash: `0x${string}` }
  | { phase: "confirmed"; hash: `0x${string}`; receipt: TransactionReceipt }
  | { phase: "failed"; error: DecodedError };

export interface TxRequest<TAbi extends Abi, TName extends ContractFunctionName<TAbi, "nonpayable" | "payable">> {
  address: `0x${string}`;
  abi: TAbi;
  functionName: TName;
  args: ContractFunctionArgs<TAbi, "nonpayable" | "payable", TName>;
}

type AnyRequest = TxRequest<Abi, string>;

export interface SendOptions {
  /** The part of the page that started the write, where its status line shows (see WriteStatus). */
  at?: string;
  /** The query families to refetch once confirmed; by default those of the contract written (queries.ts). */
  invalidates?: readonly QueryFamily[];
}

/** The families a write to `address` affects: those of the Layanan contract at that address. */
function familiesOf(address: `0x${string}`): readonly QueryFamily[] {
  if (!contracts) return [];
  const entry = (Object.keys(contracts) as (keyof Contracts)[]).find(
    (key) => contracts![key].address.toLowerCase() === address.toLowerCase(),
  );
  return entry ? AFFECTED[entry] : [];
}

/**
 * The one write path of the dApp: check the connection and the chain, simulate (a revert is shown
 * before the wallet is asked), ask the wallet, wait for the receipt, then refetch the queries the
 * write affects. One write at a time: a second send while one runs (a double click) is ignored.
 * The state drives <TxStatus>; `retry` sends the last request again.
 */
export function useWrite() {
  const config = useConfig();
  const queryClient = useQueryClient();
  // The wallet's own chain (useChainId only ever gives a chain the dApp is configured for).
  const { address, status, chainId, connector } = useConnection();
  const [state, setState] = useState<TxState>({ phase: "idle" });
  const [at, setAt] = useState<string | null>(null);
  const running = useRef(false);
  const last = useRef<{ request: AnyRequest; options: SendOptions } | null>(null);

  async function send<TAbi extends Abi, TName extends ContractFunctionName<TAbi, "nonpayable" | "payable">>(
    request: TxRequest<TAbi, TName>,
    options: SendOptions = {},
  ): Promise<TransactionReceipt | undefined> {
    if (running.current) return undefined;
    running.current = true;
    last.current = { request: request as unknown as AnyRequest, options };
    setAt(options.at ?? null);
    try {
      if (status !== "connected" || !address) {
        setState({ phase: "failed", error: { key: "notConnected", values: {} } });
        return undefined;
      }
      if (chainId !== chain.id) {
        setState({ phase: "failed", error: { key: "wrongNetwork", values: {} } });
        return undefined;
      }
      let receipt: TransactionReceipt;
      try {
        setState({ phase: "simulating" });
        const { request: prepared } = await simulateContract(config, {
          ...(request as unknown as Record<string, unknown>),
          account: address,
          chainId: chain.id,
        } as never);
        const session = connector?.id === PASSKEY_CONNECTOR_ID ? loadSession() : null;
        if (session) {
          // A passkey account: a user operation the city pays for, one biometric prompt (lib/passkey/send.ts).
          try {
            const data = encodeFunctionData({
              abi: request.abi,
              functionName: request.functionName,
              args: request.args,
            } as never);
            const sent = await sendAsPasskey(
              session,
              { to: request.address, data },
              {
                onSigning: () => setState({ phase: "signing", via: "passkey" }),
                onSent: (userOpHash) => setState({ phase: "sponsored", userOpHash }),
              },
            );
            receipt = sent.receipt;
            setState({ phase: "confirmed", hash: receipt.transactionHash, receipt });
          } catch (error) {
            setState({ phase: "failed", error: decodePasskeyError(error) });
            return undefined;
          }
          const families = options.invalidates ?? familiesOf(request.address);
          await queryClient.invalidateQueries({ predicate: (query) => isAffected(query, families) });
          return receipt;
        }
        setState({ phase: "signing" });
        const hash = await writeContract(config, prepared as never);
        setState({ phase: "confirming", hash });
        receipt = await waitForTransactionReceipt(config, { hash, chainId: chain.id });
        if (receipt.status !== "success") throw new Error("reverted");
        setState({ phase: "confirmed", hash, receipt });
      } catch (error) {
        setState({ phase: "failed", error: decodeError(error) });
        return undefined;
      }
      const families = options.invalidates ?? familiesOf(request.address);
      await queryClient.invalidateQueries({ predicate: (query) => isAffected(query, families) });
      return receipt;
    } finally {
      running.current = false;
    }
  }

  const busy =
    state.phase === "simulating" ||
    state.phase === "signing" ||
    state.phase === "sponsored" ||
    state.phase === "confirming";
  return {
    state,
    /** The `at` of the last send (null when none was given). */
    at,
    busy,
    send,
    /** Sends the last request again (after a failure); undefined when there is nothing to retry. */
    retry: () => (last.current ? send(last.current.request, last.current.options) : Promise.resolve(undefined)),
    reset: () => setState({ phase: "idle" }),
  };
}

export type Write = ReturnType<typeof useWrite>;
