"use client";
import { useQuery } from "@tanstack/react-query";
import type { Hex, PublicClient } from "viem";
import { chain } from "@/lib/chain";
import { isOpenService, toSummary, type RequestSummary, type ServiceInfo } from "@/lib/citizen/reads";
import { CONSOLE_KEY, useConsoleClient } from "@/lib/console/hooks";
import { contracts, FROM_BLOCK } from "@/lib/contracts";

function deployed() {
  if (!contracts) throw new Error("notDeployed");
  return contracts;
}

/**
 * An agency's requests: RequestSubmitted filtered by the indexed agencyId, each with its current
 * state from getRequest (in the order filed; the queue sorts them).
 */
export async function loadAgencyRequests(client: PublicClient, agencyId: number): Promise<RequestSummary[]> {
  const c = deployed();
  const logs = await client.getContractEvents({
    ...c.requests,
    eventName: "RequestSubmitted",
    args: { agencyId },
    fromBlock: FROM_BLOCK,
  });
  return Promise.all(
    logs.map(async (log) => {
      const id = log.args.requestId!;
      const r = await client.readContract({ ...c.requests, functionName: "getRequest", args: [id] });
      return toSummary(id, r, Number(log.args.agencyId), log.args.summary ?? "");
    }),
  );
}

export function useAgencyRequests(agencyId: number) {
  const client = useConsoleClient();
  return useQuery({
    queryKey: [...CONSOLE_KEY, "agency-requests", chain.id, agencyId],
    queryFn: () => loadAgencyRequests(client!, agencyId),
    enabled: Boolean(client && contracts && agencyId > 0),
  });
}

/** Whether a citizen may use a service now: the claim it needs and the citizen's current attestation of it. */
export type CitizenClaim =
  | { open: true; eligible: true }
  | {
      open: false;
      claimType: Hex;
      minLevel: number;
      /** CitizenAttestations.hasValidClaim(citizen, claimType, minLevel). */
      eligible: boolean;
      /** The current attestation's level and validity; null when the citizen was never attested. */
      current: { level: number; valid: boolean } | null;
    };

const ZERO_UID = /^0x0+$/;

/** Reads only levels and validity: never the attestation's dataHash. */
export async function loadCitizenClaim(client: PublicClient, citizen: `0x${string}`, service: ServiceInfo): Promise<CitizenClaim> {
  if (isOpenService(service)) return { open: true, eligible: true };
  const c = deployed();
  const { requiredClaim: claimType, minLevel } = service;
  const [eligible, uid] = await Promise.all([
    client.readContract({ ...c.attestations, functionName: "hasValidClaim", args: [citizen, claimType, minLevel] }),
    client.readContract({ ...c.attestations, functionName: "currentAttestation", args: [citizen, claimType] }),
  ]);
  if (ZERO_UID.test(uid)) return { open: false, claimType, minLevel, eligible, current: null };
  const [attestation, valid] = await Promise.all([
    client.readContract({ ...c.attestations, functionName: "getAttestation", args: [uid] }),
    client.readContract({ ...c.attestations, functionName: "isValid", args: [uid] }),
  ]);
  return { open: false, claimType, minLevel, eligible, current: { level: Number(attestation.level), valid } };
}

export function useCitizenClaim(citizen: `0x${string}` | undefined, service: ServiceInfo | undefined) {
  const client = useConsoleClient();
  return useQuery({
    queryKey: [...CONSOLE_KEY, "citizen-claim", chain.id, citizen, service?.id],
    queryFn: () => loadCitizenClaim(client!, citizen!, service!),
    enabled: Boolean(client && contracts && citizen && service),
  });
}
