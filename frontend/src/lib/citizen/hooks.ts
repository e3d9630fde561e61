"use client";
import { type Catalogue, type Layanan, loadCatalogue, loadEligibility } from "@layanan/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { PublicClient } from "viem";
import { useBlock, useConnection } from "wagmi";
import { chain } from "@/lib/chain";
import { contracts, layanan } from "@/lib/contracts";
import { queryKey } from "@/lib/queries";
import { useClient } from "@/lib/reads/client";
import { useClaimsRead } from "@/lib/reads/claims";
import { useRequestList, useRequestRecord } from "@/lib/reads/requests";

export { useClient };

/**
 * A query over @layanan/core's reads: runs once the client and the deployment are there (and
 * `ready`), keyed by its family so that a write refreshes exactly what it affects (queries.ts).
 */
export function useLayananQuery<T>(
  key: ReturnType<typeof queryKey>,
  read: (client: PublicClient, deployment: Layanan) => Promise<T>,
  ready = true,
  options: { staleTime?: number } = {},
) {
  const client = useClient();
  return useQuery({
    queryKey: key,
    queryFn: () => read(client!, layanan!),
    enabled: Boolean(client && layanan && ready),
    ...options,
  });
}

/** True after the first client render: gates what depends on the wallet or the device. */
export function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

/** The connected wallet on the right chain, as the citizen pages need it. */
export function useCitizen() {
  const { address, status, chainId } = useConnection();
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
  return useLayananQuery(queryKey("catalogue"), loadCatalogue, true, { staleTime: 30_000 });
}

export function useEligibility(address: `0x${string}` | undefined, catalogue: Catalogue | undefined) {
  return useLayananQuery(
    queryKey("eligibility", address, catalogue?.services.length),
    (client, deployment) => loadEligibility(client, deployment, address!, catalogue!.services),
    Boolean(address && catalogue),
  );
}

/** The attestations about an account, from the indexer or the chain (lib/reads/claims.ts). */
export function useClaims(address: `0x${string}` | undefined, catalogue: Catalogue | undefined) {
  return useClaimsRead(address, catalogue);
}

/** The citizen's requests, newest first, 50 at a time (lib/reads/requests.ts). */
export function useMyRequests(address: `0x${string}` | undefined) {
  return useRequestList(address ? { citizen: address } : undefined, { sort: "newest" });
}

/** One request: its detail and timeline, checked against the chain (lib/reads/requests.ts). */
export function useRequestDetail(id: bigint | undefined) {
  return useRequestRecord(id);
}
