"use client";
import { loadOfficers } from "@layanan/core";
import { useLayananQuery } from "@/lib/citizen/hooks";
import { queryKey } from "@/lib/queries";

/** An agency's current officers, folded from the directory's events. */
export function useOfficers(agencyId: number) {
  return useLayananQuery(
    queryKey("officers", agencyId),
    (client, deployment) => loadOfficers(client, deployment, agencyId),
    agencyId > 0,
  );
}
