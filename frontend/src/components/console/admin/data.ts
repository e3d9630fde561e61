"use client";
import { useQuery } from "@tanstack/react-query";
import type { Hex, PublicClient } from "viem";
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

export interface AgencyRecord {
  id: number;
  code: Hex;
  name: string;
  admin: `0x${string}`;
  active: boolean;
}

/** Every agency with its admin (the catalogue's agencies lack the admin). */
export async function loadAgencies(client: PublicClient): Promise<AgencyRecord[]> {
  const { directory } = deployed();
  const count = Number(await client.readContract({ ...directory, functionName: "agencyCount" }));
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const id = i + 1;
      const a = await client.readContract({ ...directory, functionName: "getAgency", args: [id] });
      return { id, code: a.code, name: a.name, admin: a.admin, active: a.active };
    }),
  );
}

export function useAgencies() {
  const client = useConsoleClient();
  return useQuery({
    queryKey: [...CONSOLE_KEY, "agencies", chain.id],
    queryFn: () => loadAgencies(client!),
    enabled: Boolean(client && contracts),
  });
}

/** One agency with its admin (for the agency admin's page). */
export function useAgency(agencyId: number) {
  const client = useConsoleClient();
  return useQuery({
    queryKey: [...CONSOLE_KEY, "agency", chain.id, agencyId],
    queryFn: async (): Promise<AgencyRecord> => {
      const { directory } = deployed();
      const a = await client!.readContract({ ...directory, functionName: "getAgency", args: [agencyId] });
      return { id: agencyId, code: a.code, name: a.name, admin: a.admin, active: a.active };
    },
    enabled: Boolean(client && contracts && agencyId > 0),
  });
}
