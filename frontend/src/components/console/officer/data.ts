"use client";
import { loadAgencyRequests, loadCitizenClaim, type ServiceInfo } from "@layanan/core";
import { useLayananQuery } from "@/lib/citizen/hooks";
import { queryKey } from "@/lib/queries";

/** An agency's requests, in the order filed (the queue sorts them). */
export function useAgencyRequests(agencyId: number) {
  return useLayananQuery(
    queryKey("requests", "agency", agencyId),
    (client, deployment) => loadAgencyRequests(client, deployment, agencyId),
    agencyId > 0,
  );
}

/** Whether the citizen holds the service's claim now (levels and validity only, never the data hash). */
export function useCitizenClaim(citizen: `0x${string}` | undefined, service: ServiceInfo | undefined) {
  return useLayananQuery(
    queryKey("citizenClaim", citizen, service?.id),
    (client, deployment) => loadCitizenClaim(client, deployment, citizen!, service!),
    Boolean(citizen && service),
  );
}
