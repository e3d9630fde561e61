"use client";
/**
 * The attestations about an account, and an agency's officers: from the indexer, else the chain
 * (read in windows of blocks, @layanan/core loadClaims and loadOfficers).
 */
import { type Catalogue, type ClaimGroup, loadClaims, loadOfficers, type Officer } from "@layanan/core";
import { useQuery } from "@tanstack/react-query";
import { layanan } from "@/lib/contracts";
import { queryKey } from "@/lib/queries";
import { useClient } from "./client";
import { type DataSource, type FallbackReason, fromIndexerOrChain } from "./source";

/** An account's claims, grouped by claim type, with where they were read from. */
export interface ClaimsRead {
  groups: ClaimGroup[];
  now: number;
  source: DataSource;
  fallback: FallbackReason | null;
}

/** The claims attested about `address` (statuses as CitizenAttestations.isValid implies them). */
export function useClaimsRead(address: `0x${string}` | undefined, catalogue: Catalogue | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: queryKey("claims", address),
    queryFn: async (): Promise<ClaimsRead> => {
      const read = await fromIndexerOrChain(
        client!,
        (ix) => ix.claims(address!, catalogue!),
        () => loadClaims(client!, layanan!, address!, catalogue!),
      );
      return { ...read.data, source: read.source, fallback: read.fallback };
    },
    enabled: Boolean(client && layanan && address && catalogue),
  });
}

/** An agency's current officers, with where they were read from. */
export function useOfficersRead(agencyId: number) {
  const client = useClient();
  return useQuery({
    queryKey: queryKey("officers", agencyId),
    queryFn: async (): Promise<{ officers: Officer[]; source: DataSource; fallback: FallbackReason | null }> => {
      const read = await fromIndexerOrChain(
        client!,
        (ix) => ix.officers(agencyId),
        () => loadOfficers(client!, layanan!, agencyId),
      );
      return { officers: read.data, source: read.source, fallback: read.fallback };
    },
    enabled: Boolean(client && layanan && agencyId > 0),
  });
}
