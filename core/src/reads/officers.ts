import type { PublicClient } from "viem";
import { foldOfficers, type Officer, type OfficerEvent } from "../admin.ts";
import type { Layanan } from "../contracts.ts";

/**
 * An agency's current officers: its OfficerAdded, OfficerRemoved and AgencyAdminChanged events
 * (all indexed by agencyId) folded in chain order (admin.ts foldOfficers).
 */
export async function loadOfficers(
  client: PublicClient,
  { contracts: { directory }, fromBlock }: Layanan,
  agencyId: number,
): Promise<Officer[]> {
  const query = { ...directory, args: { agencyId }, fromBlock } as const;
  const [added, removed, adminChanged] = await Promise.all([
    client.getContractEvents({ ...query, eventName: "OfficerAdded" }),
    client.getContractEvents({ ...query, eventName: "OfficerRemoved" }),
    client.getContractEvents({ ...query, eventName: "AgencyAdminChanged" }),
  ]);
  return foldOfficers([...added, ...removed, ...adminChanged] as OfficerEvent[], agencyId);
}
