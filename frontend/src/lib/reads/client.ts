"use client";
import type { PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { chain } from "@/lib/chain";

/** The chain's public client (wagmi's, which batches per-item reads through Multicall3), for @layanan/core's reads. */
export function useClient(): PublicClient | undefined {
  return usePublicClient({ chainId: chain.id }) as PublicClient | undefined;
}
