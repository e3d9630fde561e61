"use client";
import { loadCitizenClaim, type QueueQuery, type ServiceInfo } from "@layanan/core";
import { useLayananQuery } from "@/lib/citizen/hooks";
import { queryKey } from "@/lib/queries";
import { serverQuery, useRecentAgencyRequests, useRequestList } from "@/lib/reads/requests";

/**
 * The agency's queue, 50 at a time: the view (status, overdue, escalated, text, order) applied by
 * the indexer, or, read from the chain, by the page over what is loaded (lib/reads/requests.ts).
 */
export function useAgencyQueue(agencyId: number, query: QueueQuery) {
  return useRequestList(agencyId > 0 ? { agencyId } : undefined, serverQuery(query));
}

/** An agency's latest requests (the candidates for "duplicate of"), newest first. */
export function useAgencyRequests(agencyId: number) {
  return useRecentAgencyRequests(agencyId);
}

/** Whether the citizen holds the service's claim now (levels and validity only, never the data hash). */
export function useCitizenClaim(citizen: `0x${string}` | undefined, service: ServiceInfo | undefined) {
  return useLayananQuery(
    queryKey("citizenClaim", citizen, service?.id),
    (client, deployment) => loadCitizenClaim(client, deployment, citizen!, service!),
    Boolean(citizen && service),
  );
}
