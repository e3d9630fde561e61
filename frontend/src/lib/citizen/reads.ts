import { BaseError, ContractFunctionRevertedError, type Hex, type PublicClient } from "viem";
import { contracts, FROM_BLOCK, STATUS_NAMES, type StatusName } from "@/lib/contracts";
import { ZERO_HASH } from "./commitment";

/**
 * The citizen pages' reads: composite loaders over a viem public client (from wagmi's
 * usePublicClient), run inside TanStack queries (see hooks.ts). Logs are read since FROM_BLOCK.
 */

const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

function deployed() {
  if (!contracts) throw new Error("notDeployed");
  return contracts;
}

export interface ServiceInfo {
  id: number;
  agencyId: number;
  code: Hex;
  name: string;
  slaSeconds: number;
  requiredClaim: Hex;
  minLevel: number;
  active: boolean;
}

export interface AgencyInfo {
  id: number;
  code: Hex;
  name: string;
  admin: `0x${string}`;
  active: boolean;
}

export interface ClaimTypeInfo {
  id: Hex;
  description: string;
  /** Agencies trusted to issue this claim type. */
  issuers: number[];
}

export interface Catalogue {
  services: ServiceInfo[];
  agencies: AgencyInfo[];
  claimTypes: ClaimTypeInfo[];
}

export const isOpenService = (service: ServiceInfo) =>
  service.requiredClaim === ZERO_HASH || /^0x0+$/.test(service.requiredClaim);

/** Every service, agency and claim type (with its trusted issuers). */
export async function loadCatalogue(client: PublicClient): Promise<Catalogue> {
  const c = deployed();
  const [serviceCount, agencyCount, claimTypeIds] = await Promise.all([
    client.readContract({ ...c.requests, functionName: "serviceCount" }),
    client.readContract({ ...c.directory, functionName: "agencyCount" }),
    client.readContract({ ...c.attestations, functionName: "claimTypes" }),
  ]);
  const [services, agencies, claimTypes] = await Promise.all([
    Promise.all(
      range(Number(serviceCount)).map(async (id): Promise<ServiceInfo> => {
        const s = await client.readContract({ ...c.requests, functionName: "getService", args: [id] });
        return {
          id,
          agencyId: Number(s.agencyId),
          code: s.code,
          name: s.name,
          slaSeconds: Number(s.slaSeconds),
          requiredClaim: s.requiredClaim,
          minLevel: Number(s.minLevel),
          active: s.active,
        };
      }),
    ),
    Promise.all(
      range(Number(agencyCount)).map(async (id): Promise<AgencyInfo> => {
        const a = await client.readContract({ ...c.directory, functionName: "getAgency", args: [id] });
        return { id, code: a.code, name: a.name, admin: a.admin, active: a.active };
      }),
    ),
    Promise.all(
      claimTypeIds.map(async (id): Promise<ClaimTypeInfo> => {
        const [description, trusted] = await Promise.all([
          client.readContract({ ...c.attestations, functionName: "claimTypeDescription", args: [id] }),
          Promise.all(
            range(Number(agencyCount)).map((agencyId) =>
              client.readContract({ ...c.attestations, functionName: "isTrustedIssuer", args: [id, agencyId] }),
            ),
          ),
        ]);
        return { id, description, issuers: trusted.flatMap((isTrusted, i) => (isTrusted ? [i + 1] : [])) };
      }),
    ),
  ]);
  return { services, agencies, claimTypes };
}

export const findAgency = (catalogue: Catalogue | undefined, id: number) =>
  catalogue?.agencies.find((a) => a.id === id);
export const findService = (catalogue: Catalogue | undefined, id: number) =>
  catalogue?.services.find((s) => s.id === id);
export const findClaimType = (catalogue: Catalogue | undefined, id: Hex) =>
  catalogue?.claimTypes.find((ct) => ct.id.toLowerCase() === id.toLowerCase());

/** For each service that needs a claim: whether `citizen` holds it at the service's level now. */
export async function loadEligibility(
  client: PublicClient,
  citizen: `0x${string}`,
  services: ServiceInfo[],
): Promise<Record<number, boolean>> {
  const c = deployed();
  const entries = await Promise.all(
    services.map(async (service): Promise<[number, boolean]> => {
      if (isOpenService(service)) return [service.id, true];
      const ok = await client.readContract({
        ...c.attestations,
        functionName: "hasValidClaim",
        args: [citizen, service.requiredClaim, service.minLevel],
      });
      return [service.id, ok];
    }),
  );
  return Object.fromEntries(entries);
}

// ---------------------------------------------------------------------------------------------
// Claims
// ---------------------------------------------------------------------------------------------

export type ClaimStatus = "valid" | "expired" | "revoked" | "superseded" | "suspended";

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
 * CitizenAttestations.isValid implies, explained (revoked, superseded, expired, agency suspended).
 */
export async function loadClaims(
  client: PublicClient,
  subject: `0x${string}`,
  catalogue: Catalogue,
): Promise<{ groups: ClaimGroup[]; now: number }> {
  const c = deployed();
  const [logs, block, currents] = await Promise.all([
    client.getContractEvents({ ...c.attestations, eventName: "Attested", args: { subject }, fromBlock: FROM_BLOCK }),
    client.getBlock({ blockTag: "latest" }),
    Promise.all(
      catalogue.claimTypes.map((ct) =>
        client.readContract({ ...c.attestations, functionName: "currentAttestation", args: [subject, ct.id] }),
      ),
    ),
  ]);
  const now = Number(block.timestamp);
  const uids = [...new Set(logs.map((log) => log.args.uid).filter((uid): uid is Hex => Boolean(uid)))];
  const currentSet = new Set(currents.map((uid) => uid.toLowerCase()));
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

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export interface RequestSummary {
  id: bigint;
  citizen: `0x${string}`;
  serviceId: number;
  agencyId: number;
  summary: string;
  status: number;
  statusName: StatusName;
  escalated: boolean;
  rating: number;
  submittedAt: number;
  dueAt: number;
}

export { isOpenStatus, isOverdueAt } from "@/lib/status";

/** A request as the dApp lists it, from getRequest and its RequestSubmitted log (agency, summary). */
export function toSummary(
  id: bigint,
  r: {
    citizen: `0x${string}`;
    serviceId: number;
    status: number;
    escalated: boolean;
    rating: number;
    submittedAt: bigint;
    dueAt: bigint;
  },
  agencyId: number,
  summary: string,
): RequestSummary {
  const status = Number(r.status);
  return {
    id,
    citizen: r.citizen,
    serviceId: Number(r.serviceId),
    agencyId,
    summary,
    status,
    statusName: STATUS_NAMES[status] ?? "None",
    escalated: r.escalated,
    rating: Number(r.rating),
    submittedAt: Number(r.submittedAt),
    dueAt: Number(r.dueAt),
  };
}

/** The requests `citizen` filed (RequestSubmitted filtered by citizen), newest first, with their current state. */
export async function loadMyRequests(client: PublicClient, citizen: `0x${string}`): Promise<RequestSummary[]> {
  const c = deployed();
  const logs = await client.getContractEvents({
    ...c.requests,
    eventName: "RequestSubmitted",
    args: { citizen },
    fromBlock: FROM_BLOCK,
  });
  const rows = await Promise.all(
    logs.map(async (log) => {
      const id = log.args.requestId!;
      const r = await client.readContract({ ...c.requests, functionName: "getRequest", args: [id] });
      return toSummary(id, r, Number(log.args.agencyId), log.args.summary ?? "");
    }),
  );
  return rows.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

export type TimelineEntry = { blockNumber: bigint; logIndex: number; time: number; txHash: Hex } & (
  | { kind: "submitted"; summary: string; dueAt: number; contentHash: Hex }
  | { kind: "status"; from: number; to: number; by: `0x${string}`; noteHash: Hex; note: string }
  | { kind: "duplicate"; originalId: bigint; by: `0x${string}` }
  | { kind: "escalated"; dueAt: number }
  | { kind: "rated"; score: number; commentHash: Hex }
);

export interface RequestDetail extends RequestSummary {
  contentHash: Hex;
  duplicateOf: bigint | null;
  timeline: TimelineEntry[];
  now: number;
}

function isUnknownRequest(error: unknown) {
  if (!(error instanceof BaseError)) return false;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === "RequestUnknown";
}

/** One request with its timeline built from its events and their block times; null when it does not exist. */
export async function loadRequest(client: PublicClient, id: bigint): Promise<RequestDetail | null> {
  const c = deployed();
  let request;
  try {
    request = await client.readContract({ ...c.requests, functionName: "getRequest", args: [id] });
  } catch (error) {
    if (isUnknownRequest(error)) return null;
    throw error;
  }
  const filter = { args: { requestId: id }, fromBlock: FROM_BLOCK } as const;
  const [submitted, changes, duplicates, escalations, ratings, latest] = await Promise.all([
    client.getContractEvents({ ...c.requests, eventName: "RequestSubmitted", ...filter }),
    client.getContractEvents({ ...c.requests, eventName: "RequestStatusChanged", ...filter }),
    client.getContractEvents({ ...c.requests, eventName: "RequestMarkedDuplicate", ...filter }),
    client.getContractEvents({ ...c.requests, eventName: "RequestEscalated", ...filter }),
    client.getContractEvents({ ...c.requests, eventName: "RequestRated", ...filter }),
    client.getBlock({ blockTag: "latest" }),
  ]);

  const blockNumbers = [
    ...new Set([...submitted, ...changes, ...duplicates, ...escalations, ...ratings].map((log) => log.blockNumber)),
  ];
  const blocks = await Promise.all(blockNumbers.map((blockNumber) => client.getBlock({ blockNumber })));
  const timeOf = new Map(blocks.map((block) => [block.number, Number(block.timestamp)]));
  const base = (log: { blockNumber: bigint; logIndex: number; transactionHash: Hex }) => ({
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    time: timeOf.get(log.blockNumber) ?? 0,
    txHash: log.transactionHash,
  });

  const timeline: TimelineEntry[] = [
    ...submitted.map((log) => ({
      ...base(log),
      kind: "submitted" as const,
      summary: log.args.summary ?? "",
      dueAt: Number(log.args.dueAt),
      contentHash: log.args.contentHash ?? ZERO_HASH,
    })),
    ...changes.map((log) => ({
      ...base(log),
      kind: "status" as const,
      from: Number(log.args.from),
      to: Number(log.args.to),
      by: log.args.by!,
      noteHash: log.args.noteHash ?? ZERO_HASH,
      note: log.args.note ?? "",
    })),
    ...duplicates.map((log) => ({
      ...base(log),
      kind: "duplicate" as const,
      originalId: log.args.originalId!,
      by: log.args.by!,
    })),
    ...escalations.map((log) => ({ ...base(log), kind: "escalated" as const, dueAt: Number(log.args.dueAt) })),
    ...ratings.map((log) => ({
      ...base(log),
      kind: "rated" as const,
      score: Number(log.args.score),
      commentHash: log.args.commentHash ?? ZERO_HASH,
    })),
  ].sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );

  const first = submitted[0];
  const summary = toSummary(id, request, Number(first?.args.agencyId ?? 0), first?.args.summary ?? "");
  const duplicate = duplicates.at(-1);
  return {
    ...summary,
    contentHash: first?.args.contentHash ?? ZERO_HASH,
    duplicateOf: duplicate ? duplicate.args.originalId! : null,
    timeline,
    now: Number(latest.timestamp),
  };
}
