"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { PublicClient } from "viem";
import { useBlock, useChainId, useConnection, usePublicClient } from "wagmi";
import { chain } from "@/lib/chain";
import { contracts } from "@/lib/contracts";
import { loadCatalogue, loadClaims, loadEligibility, loadMyRequests, loadRequest, type Catalogue } from "./reads";

/** Every citizen query key starts with this, so a write can refresh them all. */
export const CITIZEN_KEY = "citizen";

function useClient(): PublicClient | undefined {
  return usePublicClient({ chainId: chain.id }) as PublicClient | undefined;
}

/** True after the first client render: gates what depends on the wallet or the device. */
export function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** The connected wallet on the right chain, as the citizen pages need it. */
export function useCitizen() {
  const { address, status } = useConnection();
  const chainId = useChainId();
  const mounted = useMounted();
  return {
    mounted,
    address: status === "connected" ? address : undefined,
    connecting: !mounted || status === "connecting" || status === "reconnecting",
    wrongChain: status === "connected" && chainId !== chain.id,
    deployed: contracts !== null,
  };
}

/**
 * "Now" as the chain sees it: the latest block's timestamp (the local chain's clock may run ahead
 * of the browser's), refreshed every 15 s and after every write.
 */
export function useChainNow(): number | undefined {
  const { data } = useBlock({ chainId: chain.id, query: { refetchInterval: 15_000 } });
  return data ? Number(data.timestamp) : undefined;
}

export function useCatalogue() {
  const client = useClient();
  return useQuery({
    queryKey: [CITIZEN_KEY, "catalogue", chain.id],
    queryFn: () => loadCatalogue(client!),
    enabled: Boolean(client && contracts),
    staleTime: 30_000,
  });
}

export function useEligibility(address: `0x${string}` | undefined, catalogue: Catalogue | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: [CITIZEN_KEY, "eligibility", chain.id, address, catalogue?.services.length],
    queryFn: () => loadEligibility(client!, address!, catalogue!.services),
    enabled: Boolean(client && address && catalogue),
  });
}

export function useClaims(address: `0x${string}` | undefined, catalogue: Catalogue | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: [CITIZEN_KEY, "claims", chain.id, address],
    queryFn: () => loadClaims(client!, address!, catalogue!),
    enabled: Boolean(client && address && catalogue),
  });
}

export function useMyRequests(address: `0x${string}` | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: [CITIZEN_KEY, "requests", chain.id, address],
    queryFn: () => loadMyRequests(client!, address!),
    enabled: Boolean(client && address && contracts),
  });
}

export function useRequestDetail(id: bigint | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: [CITIZEN_KEY, "request", chain.id, id?.toString()],
    queryFn: () => loadRequest(client!, id!),
    enabled: Boolean(client && id !== undefined && contracts),
  });
}

/** Refreshes every citizen query and the chain's "now" (after a write). */
export function useRefresh() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries(), [queryClient]);
}
