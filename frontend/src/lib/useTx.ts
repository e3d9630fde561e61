"use client";
import { useState } from "react";
import type { Abi, ContractFunctionArgs, ContractFunctionName, TransactionReceipt } from "viem";
import { useChainId, useConfig, useConnection } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { chain } from "./chain";
import { decodeError, type DecodedError } from "./errors";

export type TxState =
  | { phase: "idle" }
  | { phase: "simulating" }
  | { phase: "signing" }
  | { phase: "confirming"; hash: `0x${string}` }
  | { phase: "confirmed"; hash: `0x${string}`; receipt: TransactionReceipt }
  | { phase: "failed"; error: DecodedError };

export interface TxRequest<TAbi extends Abi, TName extends ContractFunctionName<TAbi, "nonpayable" | "payable">> {
  address: `0x${string}`;
  abi: TAbi;
  functionName: TName;
  args: ContractFunctionArgs<TAbi, "nonpayable" | "payable", TName>;
}

/**
 * Every write: check the connection and the chain, simulate (a revert is shown before the wallet
 * is asked), ask the wallet, wait for the receipt. The state drives <TxStatus>.
 */
export function useTx() {
  const config = useConfig();
  const { address, status } = useConnection();
  const chainId = useChainId();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  async function send<TAbi extends Abi, TName extends ContractFunctionName<TAbi, "nonpayable" | "payable">>(
    request: TxRequest<TAbi, TName>,
  ): Promise<TransactionReceipt | undefined> {
    if (state.phase === "simulating" || state.phase === "signing" || state.phase === "confirming") return undefined;
    if (status !== "connected" || !address) {
      setState({ phase: "failed", error: { key: "notConnected", values: {} } });
      return undefined;
    }
    if (chainId !== chain.id) {
      setState({ phase: "failed", error: { key: "wrongNetwork", values: {} } });
      return undefined;
    }
    try {
      setState({ phase: "simulating" });
      const { request: prepared } = await simulateContract(config, {
        ...(request as unknown as Record<string, unknown>),
        account: address,
        chainId: chain.id,
      } as never);
      setState({ phase: "signing" });
      const hash = await writeContract(config, prepared as never);
      setState({ phase: "confirming", hash });
      const receipt = await waitForTransactionReceipt(config, { hash, chainId: chain.id });
      if (receipt.status !== "success") throw new Error("reverted");
      setState({ phase: "confirmed", hash, receipt });
      return receipt;
    } catch (error) {
      setState({ phase: "failed", error: decodeError(error) });
      return undefined;
    }
  }

  const busy = state.phase === "simulating" || state.phase === "signing" || state.phase === "confirming";
  return { state, send, busy, reset: () => setState({ phase: "idle" }) };
}
