import { createPublicClient, http } from "viem";
import { RPC_URL, chain } from "./chain";

/**
 * A read-only client: what the public pages use. No wallet code. Reads made in the same tick go
 * out as one Multicall3 call where the chain declares it (chain.ts), as wagmi's client does.
 */
export const publicClient = createPublicClient({
  chain,
  transport: http(RPC_URL, { retryCount: 1 }),
  batch: { multicall: Boolean(chain.contracts?.multicall3) },
});
