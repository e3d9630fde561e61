"use client";
import { useQuery } from "@tanstack/react-query";
import type { PublicClient } from "viem";
import { chain } from "@/lib/chain";
import { foldOfficers, type Officer, type OfficerEvent } from "@/lib/console/admin";
import { CONSOLE_KEY, useConsoleClient } from "@/lib/console/hooks";
import { contracts, FROM_BLOCK } from "@/lib/contracts";

function deployed() {
  if (!contracts) throw new Error("notDeployed");
  return contracts;
}

/**
 * An agency's current officers: its OfficerAdded, OfficerRemoved and AgencyAdminChanged events
 * (all indexed by agencyId) folded in chain order (lib/console/admin.ts foldOfficers).
 */
export async function loadOfficers(client: PublicClient, agencyId: number): Promise<Officer[]> {
  const { directory } = deployed();
  const query = { ...directory, args: { agencyId }, fromBlock: FROM_BLOCK } as const;
  const [added, removed, adminChanged] = await Promise.all([
    client.getContractEvents({ ...query, eventName: "OfficerAdded" }),
    client.getContractEvents({ ...query, eventName: "OfficerRemoved" }),
    client.getContractEvents({ ...query, eventName: "AgencyAdminChanged" }),
  ]);
  return foldOfficers([...added, ...removed, ...adminChanged] as OfficerEvent[], agencyId);
}

export function useOfficers(agencyId: number) {
  const client = useConsoleClient();
  return useQuery({
    queryKey: [...CONSOLE_KEY, "officers", chain.id, agencyId],
    queryFn: () => loadOfficers(client!, agencyId),
    enabled: Boolean(client && contracts && agencyId > 0),
  });
}
