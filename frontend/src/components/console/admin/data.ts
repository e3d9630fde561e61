"use client";
import { useOfficersRead } from "@/lib/reads/claims";

/** An agency's current officers, from the indexer or folded from the directory's events on the chain. */
export function useOfficers(agencyId: number) {
  const query = useOfficersRead(agencyId);
  return {
    data: query.data?.officers,
    source: query.data?.source,
    fallback: query.data?.fallback ?? null,
    error: query.error,
    refetch: query.refetch,
  };
}
