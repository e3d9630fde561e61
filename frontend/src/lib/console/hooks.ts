"use client";
import { useQuery } from "@tanstack/react-query";
import type { PublicClient } from "viem";
import { usePublicClient } from "wagmi";
import { CITIZEN_KEY, useCitizen } from "@/lib/citizen/hooks";
import { chain } from "@/lib/chain";
import { contracts } from "@/lib/contracts";
import { loadRole } from "./role";

/**
 * Console query keys start with CITIZEN_KEY too, so useRefresh() after any write refreshes them.
 */
export const CONSOLE_KEY = [CITIZEN_KEY, "console"] as const;

export function useConsoleClient(): PublicClient | undefined {
  return usePublicClient({ chainId: chain.id }) as PublicClient | undefined;
}

/** The connected wallet's role (see role.ts), refreshed after every write. */
export function useRole() {
  const { address } = useCitizen();
  const client = useConsoleClient();
  return useQuery({
    queryKey: [...CONSOLE_KEY, "role", chain.id, address],
    queryFn: () => loadRole(client!, address!),
    enabled: Boolean(client && address && contracts),
  });
}
