/**
 * What agencies attested about an account: every attestation with the status that
 * CitizenAttestations.isValid implies, explained; and, for the console, whether a citizen holds a
 * service's claim (levels and validity only, never the data hash).
 */
import type { Hex, PublicClient } from "viem";
import { isZeroHash } from "../commitment.ts";
import type { Layanan } from "../contracts.ts";
import { isOpenService, type Catalogue, type ClaimTypeInfo, type ServiceInfo } from "./catalogue.ts";
import { collectEvents, type ReadWindowOptions } from "./logs.ts";
import { readEach } from "./multicall.ts";

/** Why an attestation is (not) valid: superseded by its own agency, or its agency suspended or no longer trusted. */
export type ClaimStatus = "valid" | "expired" | "revoked" | "superseded" | "suspended" | "untrusted";

export interface ClaimView {
  uid: Hex;
  claimType: Hex;
  /** The salted commitment; null when read from the indexer, which does not keep data hashes. */
  dataHash: Hex | null;
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

/** What claimStatus needs of an attestation (revokedAt and expiresAt 0 = not revoked, never expires). */
export interface ClaimFields {
  claimType: Hex;
  agencyId: number;
  expiresAt: number;
  revokedAt: number;
}

/**
 * The status CitizenAttestations.isValid implies, explained: valid when current (not superseded
 * by the same agency), not revoked, not expired at chain time `now` (expiresAt 0 = never), issued
 * by an active agency trusted for the claim type; otherwise the first reason in that order of
 * revoked, superseded, expired, suspended, untrusted. Whether an agency is active and trusted comes
 * from the catalogue; `agencyActive` overrides the catalogue's `active` (a fresher reading).
 */
export function claimStatus(
  a: ClaimFields,
  current: boolean,
  now: number,
  catalogue: Pick<Catalogue, "agencies" | "claimTypes">,
  agencyActive?: ReadonlyMap<number, boolean>,
): ClaimStatus {
  if (a.revokedAt !== 0) return "revoked";
  if (!current) return "superseded";
  if (a.expiresAt !== 0 && a.expiresAt <= now) return "expired";
  const active = agencyActive?.get(a.agencyId) ?? catalogue.agencies.find((ag) => ag.id === a.agencyId)?.active;
  if (active !== true) return "suspended";
  const trusted =
    catalogue.claimTypes
      .find((ct) => ct.id.toLowerCase() === a.claimType.toLowerCase())
      ?.issuers.includes(a.agencyId) ?? false;
  return trusted ? "valid" : "untrusted";
}

/**
 * The catalogue's claim types, each with its attestations among `views`: the current ones first,
 * then the newest. Claim types nobody attested have an empty list.
 */
export function groupClaims(views: readonly ClaimView[], catalogue: Pick<Catalogue, "claimTypes">): ClaimGroup[] {
  return catalogue.claimTypes.map((claimType) => ({
    claimType,
    attestations: views
      .filter((v) => v.claimType.toLowerCase() === claimType.id.toLowerCase())
      .sort((a, b) => Number(b.current) - Number(a.current) || b.issuedAt - a.issuedAt),
  }));
}

/**
 * The claims attested about `subject`: every Attested event for the wallet, with the status that
 * CitizenAttestations.isValid implies, explained (revoked, superseded by the same agency, expired,
 * agency suspended, agency no longer trusted for the claim type). Each agency keeps its own current
 * attestation, so several can be current at once. The history is read in windows of blocks, the
 * attestations' state through Multicall3 where the client's chain declares it.
 */
export async function loadClaims(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  subject: `0x${string}`,
  catalogue: Catalogue,
  options: ReadWindowOptions = {},
): Promise<{ groups: ClaimGroup[]; now: number; scannedTo: bigint }> {
  const block = await client.getBlock({ blockTag: "latest" });
  const { logs } = await collectEvents(
    client,
    { ...c.attestations, eventName: "Attested", args: { subject } },
    { fromBlock, toBlock: block.number, ...options },
  );
  const now = Number(block.timestamp);
  const uids = [...new Set(logs.map((log) => log.args.uid))];
  // Each agency's current attestation per claim type it attested.
  const pairs = [
    ...new Map(
      logs.map((log) => [
        `${log.args.claimType}-${log.args.agencyId}`,
        [log.args.claimType, log.args.agencyId] as const,
      ]),
    ).values(),
  ];
  const agencyIds = [...new Set(logs.map((log) => Number(log.args.agencyId)))];
  const [currents, attestations, actives] = await Promise.all([
    readEach(
      client,
      c.attestations,
      "currentAttestationOf",
      pairs.map(([claimType, agencyId]) => [subject, claimType, agencyId] as const),
    ),
    readEach(
      client,
      c.attestations,
      "getAttestation",
      uids.map((uid) => [uid] as const),
    ),
    readEach(
      client,
      c.directory,
      "isAgencyActive",
      agencyIds.map((id) => [id] as const),
    ),
  ]);
  const currentSet = new Set(currents.map((uid) => uid.toLowerCase()));
  const records = uids.map((uid, i) => ({ uid, attestation: attestations[i] }));
  // The agencies' state now (the catalogue may be older).
  const agencyActive = new Map(agencyIds.map((id, i) => [id, actives[i]] as const));

  const views: ClaimView[] = records.map(({ uid, attestation: a }) => {
    const current = currentSet.has(uid.toLowerCase());
    const fields = {
      claimType: a.claimType,
      agencyId: Number(a.agencyId),
      expiresAt: Number(a.expiresAt),
      revokedAt: Number(a.revokedAt),
    };
    return {
      uid,
      dataHash: a.dataHash,
      ...fields,
      level: Number(a.level),
      issuedAt: Number(a.issuedAt),
      current,
      status: claimStatus(fields, current, now, catalogue, agencyActive),
    };
  });
  return { groups: groupClaims(views, catalogue), now, scannedTo: block.number };
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
