/**
 * Per-item reads of a list (one getRequest per request of a page, …) as one eth_call through
 * Multicall3 where the client's chain declares it (`chain.contracts.multicall3`, see rpc.ts
 * layananChain), else one eth_call per item.
 */
import type { Abi, ContractFunctionArgs, ContractFunctionName, ContractFunctionReturnType, PublicClient } from "viem";

/** Calldata bytes per Multicall3 call: a page of 50 getRequest (36 bytes each) is one eth_call. */
export const MULTICALL_BATCH_BYTES = 16_384;

/** Whether the client's reads can go through Multicall3 (its chain declares one). */
export function hasMulticall(client: PublicClient): boolean {
  return Boolean(client.chain?.contracts?.multicall3?.address);
}

type ViewName<abi extends Abi> = ContractFunctionName<abi, "pure" | "view">;

/** One view function of one contract over many arguments: the results, in order. Reverts throw. */
export async function readEach<
  const abi extends Abi,
  functionName extends ViewName<abi>,
  args extends ContractFunctionArgs<abi, "pure" | "view", functionName>,
>(
  client: PublicClient,
  contract: { address: `0x${string}`; abi: abi },
  functionName: functionName,
  argsList: readonly args[],
): Promise<ContractFunctionReturnType<abi, "pure" | "view", functionName, args>[]> {
  type Result = ContractFunctionReturnType<abi, "pure" | "view", functionName, args>;
  if (argsList.length === 0) return [];
  const calls = argsList.map((args) => ({ address: contract.address, abi: contract.abi, functionName, args }));
  if (hasMulticall(client)) {
    const results = await client.multicall({
      contracts: calls as never,
      allowFailure: false,
      batchSize: MULTICALL_BATCH_BYTES,
    });
    return results as unknown as Result[];
  }
  return Promise.all(
    calls.map((call) => client.readContract(call as Parameters<typeof client.readContract>[0]) as Promise<Result>),
  );
}
