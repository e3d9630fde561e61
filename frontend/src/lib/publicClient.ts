import { createPublicClient, http } from "viem";
import { RPC_URL, chain } from "./chain";

/** A read-only client: what the public pages use. No wallet code. */
export const publicClient = createPublicClient({ chain, transport: http(RPC_URL, { retryCount: 1 }) });
