import { defineChain } from "viem";
import { deployment } from "@/generated/deployment";

/** The chain and RPC come from the environment; the default is the local chain 31337. */
export const RPC_URL = process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545";
export const CHAIN_ID = deployment?.chainId ?? Number(process.env.NEXT_PUBLIC_CHAIN_ID ?? 31337);
export const IS_LOCAL_CHAIN = CHAIN_ID === 31337;

export const chain = defineChain({
  id: CHAIN_ID,
  name: IS_LOCAL_CHAIN ? "Layanan (local 31337)" : `Layanan (${CHAIN_ID})`,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [RPC_URL] } },
  // Declared so that viem batches the per-item reads of a list into one Multicall3 call.
  ...(deployment?.multicall3 ? { contracts: { multicall3: { address: deployment.multicall3 } } } : {}),
});
