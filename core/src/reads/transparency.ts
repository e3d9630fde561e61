/**
 * The public figures: every agency with its AgencyStats (O(1) per change on chain). Read over a
 * viem public client.
 */
import type { PublicClient } from "viem";
import { decodeCode } from "../admin.ts";
import type { Layanan } from "../contracts.ts";
import type { AgencyStats } from "../stats.ts";

export interface AgencyReport {
  id: number;
  code: string;
  name: string;
  active: boolean;
  stats: AgencyStats;
}

/** Every agency with its figures (AgencyDirectory.getAgency and ServiceRequests.agencyStats). */
export async function loadTransparency(
  client: PublicClient,
  { contracts: { directory, requests } }: Layanan,
): Promise<AgencyReport[]> {
  const count = await client.readContract({
    address: directory.address,
    abi: directory.abi,
    functionName: "agencyCount",
  });
  const ids = Array.from({ length: Number(count) }, (_, i) => i + 1);
  return Promise.all(
    ids.map(async (id) => {
      const [agency, stats] = await Promise.all([
        client.readContract({
          address: directory.address,
          abi: directory.abi,
          functionName: "getAgency",
          args: [id],
        }),
        client.readContract({
          address: requests.address,
          abi: requests.abi,
          functionName: "agencyStats",
          args: [id],
        }),
      ]);
      return { id, code: decodeCode(agency.code), name: agency.name, active: agency.active, stats };
    }),
  );
}
