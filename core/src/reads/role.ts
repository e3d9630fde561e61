import type { PublicClient } from "viem";
import type { Layanan } from "../contracts.ts";

/**
 * What a wallet may do, read from the AgencyDirectory: the agency it serves (as officer or admin),
 * whether it may act for it now (isOfficer is false while the agency is suspended), whether it is
 * the agency's admin, and whether it is the governor. The dApp shows each wallet only these.
 */
export interface Role {
  address: `0x${string}`;
  /** 0 = serves no agency. */
  agencyId: number;
  agencyName: string;
  agencyActive: boolean;
  /** An officer or the admin of an active agency: may work the queue, attest and issue. */
  officer: boolean;
  /** The agency's admin (even while suspended: the admin still sees the agency's page). */
  admin: boolean;
  governor: boolean;
}

export const hasAnyRole = (role: Role | undefined) => Boolean(role && (role.agencyId !== 0 || role.governor));

export async function loadRole(
  client: PublicClient,
  { contracts: { directory } }: Layanan,
  address: `0x${string}`,
): Promise<Role> {
  const [agencyId, governor] = await Promise.all([
    client.readContract({ ...directory, functionName: "agencyIdOf", args: [address] }),
    client.readContract({ ...directory, functionName: "isGovernor", args: [address] }),
  ]);
  const id = Number(agencyId);
  if (id === 0) {
    return { address, agencyId: 0, agencyName: "", agencyActive: false, officer: false, admin: false, governor };
  }
  const [agency, officer] = await Promise.all([
    client.readContract({ ...directory, functionName: "getAgency", args: [id] }),
    client.readContract({ ...directory, functionName: "isOfficer", args: [id, address] }),
  ]);
  return {
    address,
    agencyId: id,
    agencyName: agency.name,
    agencyActive: agency.active,
    officer,
    admin: agency.admin.toLowerCase() === address.toLowerCase(),
    governor,
  };
}
