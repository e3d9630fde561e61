import type { PublicClient } from "viem";
import { foldOfficers, type Officer, type OfficerEvent } from "../admin.ts";
import type { Layanan } from "../contracts.ts";
import { collectEvents, type ReadWindowOptions } from "./logs.ts";

/**
 * An agency's current officers: its OfficerAdded, OfficerRemoved and AgencyAdminChanged events
 * (all indexed by agencyId, so one eth_getLogs per window for the three) folded in chain order
 * (admin.ts foldOfficers). The whole history is needed, read in windows of blocks.
 */
export async function loadOfficers(
  client: PublicClient,
  { contracts: { directory }, fromBlock }: Layanan,
  agencyId: number,
  options: ReadWindowOptions = {},
): Promise<Officer[]> {
  const { logs } = await collectEvents(
    client,
    {
      ...directory,
      eventName: ["OfficerAdded", "OfficerRemoved", "AgencyAdminChanged"] as const,
      args: { agencyId },
    },
    { fromBlock, ...options },
  );
  return foldOfficers(logs as unknown as OfficerEvent[], agencyId);
}
