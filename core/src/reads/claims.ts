/**
 * What agencies attested about an account: every attestation with the status that
 * CitizenAttestations.isValid implies, explained; and, for the console, whether a citizen holds a
 * service's claim (levels and validity only, never the data hash).
 */
import type { Hex, PublicClient } from "viem";
import { isZeroHash } from "../commitment.ts";
import type { Layanan } from "../contracts.ts";
import { isOpenService, type Catalogue, type ClaimTypeInfo, type ServiceInfo } from "./catalogue.ts";

/** Why an attestation is (not) valid: superseded by its own agency, or its agency suspended or no longer trusted. */
export type ClaimStatus = "valid" | "expired" | "revoked" | "superseded" | "suspended" | "untrusted";

export interface ClaimView {
  uid: Hex;
  claimType: Hex;
  dataHash: Hex;
  agencyId: number;
  level: number;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number;
  current: boolean;
  status: ClaimStatus;
}

export interface ClaimGroup {
  claimType: ClaimTypeInfo;
  /** The current attestation first, then older ones, newest first. */
  attestations: ClaimView[];
}

/**
 * The claims attested about `subject`: every Attested event for the wallet, with the status that
 * CitizenAttestations.isValid implies, explained (revoked, superseded by the same agency, expired,
 * agency suspended, agency no longer trusted for the claim type). Each agency keeps its own current
 * attestation, so several can be current at once.
 */
export async function loadClaims(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  subject: `0x${string}`,
  catalogue: Catalogue,
): Promise<{ groups: ClaimGroup[]; now: number }> {
  const [logs, block] = await Promise.all([
    client.getContractEvents({ ...c.attestations, eventName: "Attested", args: { subject }, fromBlock }),
    client.getBlock({ blockTag: "latest" }),
  ]);
  const now = Number(block.timestamp);
  const uids = [...new Set(logs.map((log) => log.args.uid).filter((uid): uid is Hex => Boolean(uid)))];
  // Each agency's current attestation per claim type it attested.
  const pairs = [
    ...new Map(
      logs.map((log) => [
        `${log.args.claimType}-${log.args.agencyId}`,
        [log.args.claimType!, log.args.agencyId!] as const,
      ]),
    ).values(),
  ];
  const currents = await Promise.all(
    pairs.map(([claimType, agencyId]) =>
      client.readContract({
        ...c.attestations,
        functionName: "currentAttestationOf",
        args: [subject, claimType, agencyId],
      }),
    ),
  );
  const currentSet = new Set(currents.map((uid) => uid.toLowerCase()));
  const trusted = (claimType: Hex, agencyId: number) =>
    catalogue.claimTypes.find((ct) => ct.id.toLowerCase() === claimType.toLowerCase())?.issuers.includes(agencyId) ??
    false;
  const records = await Promise.all(
    uids.map(async (uid) => {
      const [attestation, valid] = await Promise.all([
        client.readContract({ ...c.attestations, functionName: "getAttestation", args: [uid] }),
        client.readContract({ ...c.attestations, functionName: "isValid", args: [uid] }),
      ]);
      return { uid, attestation, valid };
    }),
  );
  const agencyIds = [...new Set(records.map((r) => Number(r.attestation.agencyId)))];
  const activeEntries = await Promise.all(
    agencyIds.map(
      async (id) =>
        [id, await client.readContract({ ...c.directory, functionName: "isAgencyActive", args: [id] })] as const,
    ),
  );
  const agencyActive = new Map(activeEntries);

  const views: ClaimView[] = records.map(({ uid, attestation: a, valid }) => {
    const current = currentSet.has(uid.toLowerCase());
    const expiresAt = Number(a.expiresAt);
    const revokedAt = Number(a.revokedAt);
    let status: ClaimStatus;
    if (valid) status = "valid";
    else if (revokedAt !== 0) status = "revoked";
    else if (!current) status = "superseded";
    else if (expiresAt !== 0 && expiresAt <= now) status = "expired";
    else if (agencyActive.get(Number(a.agencyId)) === false) status = "suspended";
    else if (!trusted(a.claimType, Number(a.agencyId))) status = "untrusted";
    else status = "expired";
    return {
      uid,
      claimType: a.claimType,
      dataHash: a.dataHash,
      agencyId: Number(a.agencyId),
      level: Number(a.level),
      issuedAt: Number(a.issuedAt),
      expiresAt,
      revokedAt,
      current,
      status,
    };
  });

  const groups = catalogue.claimTypes.map((claimType) => ({
    claimType,
    attestations: views
      .filter((v) => v.claimType.toLowerCase() === claimType.id.toLowerCase())
      .sort((a, b) => Number(b.current) - Number(a.current) || b.issuedAt - a.issuedAt),
  }));
  return { groups, now };
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

/** Reads only levels and validity: never the attestation's dataHash. */
export async function loadCitizenClaim(
  client: PublicClient,
  { contracts: c }: Layanan,
  citizen: `0x${string}`,
  service: ServiceInfo,
): Promise<CitizenClaim> {
  if (isOpenService(service)) return { open: true, eligible: true };
  const { requiredClaim: claimType, minLevel } = service;
  const [eligible, uid] = await Promise.all([
    client.readContract({ ...c.attestations, functionName: "hasValidClaim", args: [citizen, claimType, minLevel] }),
    client.readContract({ ...c.attestations, functionName: "currentAttestation", args: [citizen, claimType] }),
  ]);
  if (isZeroHash(uid)) return { open: false, claimType, minLevel, eligible, current: null };
  const [attestation, valid] = await Promise.all([
    client.readContract({ ...c.attestations, functionName: "getAttestation", args: [uid] }),
    client.readContract({ ...c.attestations, functionName: "isValid", args: [uid] }),
  ]);
  return { open: false, claimType, minLevel, eligible, current: { level: Number(attestation.level), valid } };
}
