/**
 * The indexer's list API (indexer/API.md) as typed calls that answer with core's own types, as the
 * chain reads do: RequestSummary and RequestDetail (bigint ids), Officer, ClaimGroup (statuses by
 * claimStatus, as loadClaims gives them), Revocation. Browser-safe: fetch only.
 *
 * Failures are IndexerError, whose `kind` says what the reader is told: the indexer did not answer
 * ("unreachable"), answered too late ("timeout"), answered something that is not the API
 * ("bad-response": another service on that port, another version, a parameter it refused), or does
 * not know the id asked ("not-found"; a request that does not exist is null instead, as loadRequest
 * gives it).
 */
import { getAddress, type Hex } from "viem";
import type { Officer } from "./admin.ts";
import { ZERO_HASH } from "./commitment.ts";
import { decodeReason, type VerifyQuery } from "./documents.ts";
import type { Catalogue } from "./reads/catalogue.ts";
import { claimStatus, groupClaims, type ClaimGroup, type ClaimView } from "./reads/claims.ts";
import type { Revocation } from "./reads/documents.ts";
import type { RequestDetail, RequestSummary, TimelineEntry } from "./reads/requests.ts";
import { statusNameOf, type StatusName } from "./status.ts";

export type IndexerErrorKind = "unreachable" | "timeout" | "bad-response" | "not-found";

export class IndexerError extends Error {
  override name = "IndexerError";
  constructor(
    readonly kind: IndexerErrorKind,
    message: string,
    /** The HTTP status, when the indexer answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A status a filed request can have (every one but None). */
export type RequestStatusName = Exclude<StatusName, "None">;

export interface RequestQuery {
  agencyId?: number;
  citizen?: `0x${string}`;
  serviceId?: number;
  /** Some statuses (a non-empty list), or every open one (Submitted, InProgress, NeedsInfo), or every closed one. */
  status?: readonly RequestStatusName[] | "open" | "closed";
  /** Open and past the due date at `now`. */
  overdue?: boolean;
  escalated?: boolean;
  /** A case-insensitive substring of the summary. */
  q?: string;
  /** Due date ascending or descending, oldest first, or newest first (the default). Ties: by id. */
  sort?: "due" | "-due" | "age" | "newest";
  /** 1-based. */
  page?: number;
  /** At most 200; 50 by default. */
  pageSize?: number;
  /** The chain time (unix seconds) that decides "overdue"; the latest indexed block's by default. */
  now?: number;
}

/** An agency's requests at a glance, whatever the other filters (only when the query names the agency). */
export interface RequestCounts {
  all: number;
  open: number;
  overdue: number;
  escalated: number;
  byStatus: Record<RequestStatusName, number>;
}

export interface RequestPage {
  items: RequestSummary[];
  /** How many requests match the query, over every page. */
  total: number;
  page: number;
  pageSize: number;
  /** The time "overdue" was decided at. */
  now: number;
  counts?: RequestCounts;
}

/** The latest block the indexer has indexed. */
export interface IndexerStatus {
  chainId: number;
  block: bigint;
  /** Its timestamp (unix seconds). */
  time: number;
}

/** One agency's figures for one UTC day (`day` = floor(unix / 86400)), as ServiceRequests.agencyStats counts them. */
export interface AgencyDay {
  day: number;
  submitted: number;
  completed: number;
  completedOnTime: number;
  rejected: number;
  cancelled: number;
  duplicates: number;
  escalated: number;
  totalResolutionSeconds: bigint;
  ratingSum: number;
  ratingCount: number;
}

/** An account naming a passkey by its credential id hash (GET /api/passkeys/:credentialIdHash). */
export interface PasskeyAccount {
  account: `0x${string}`;
  credentialIdHash: Hex;
  x: Hex;
  y: Hex;
  addedAt: number;
  addedAtBlock: bigint;
}

/** A citizen account with every passkey it had (GET /api/accounts/:address). */
export interface CitizenAccountRecord {
  address: `0x${string}`;
  /** The first passkey (the factory's salt is its credential id hash). */
  credentialIdHash: Hex;
  x: Hex;
  y: Hex;
  createdAt: number;
  createdAtBlock: bigint;
  txHash: Hex;
  /** The sponsored operation that made it, null when it was made otherwise. */
  userOpHash: Hex | null;
  passkeys: {
    credentialIdHash: Hex;
    x: Hex;
    y: Hex;
    active: boolean;
    addedAt: number;
    addedAtBlock: bigint;
    removedAt: number | null;
  }[];
}

/** What the city's paymaster paid for: sponsored operations, the failed among them, wei, gas, accounts they made. */
export interface SponsorshipFigures {
  operations: number;
  failed: number;
  paidWei: bigint;
  gasUsed: bigint;
  accountsCreated: number;
}

/** One Jakarta day (`day` = floor((unix + 7 h) / 86400), `date` its YYYY-MM-DD) and its services' figures. */
export interface SponsorshipDay extends SponsorshipFigures {
  day: number;
  date: string;
  /** Service and agency 0: operations that touched no request (passkey changes). */
  services: (SponsorshipFigures & { serviceId: number; agencyId: number })[];
}

export interface SponsorshipQuery {
  /** Jakarta days, inclusive. */
  from?: number;
  to?: number;
  agencyId?: number;
  serviceId?: number;
  page?: number;
  /** At most 200; 50 by default. */
  pageSize?: number;
}

export interface SponsorshipPage {
  /** Newest day first. */
  items: SponsorshipDay[];
  page: number;
  pageSize: number;
  /** Days with figures over every page. */
  total: number;
  /** Over the query's filters, every page. */
  totals: SponsorshipFigures;
  /** The paymaster indexed, null when the deployment has no citizen accounts. */
  paymaster: `0x${string}` | null;
}

export interface IndexerClient {
  status(): Promise<IndexerStatus>;
  requests(query?: RequestQuery): Promise<RequestPage>;
  /** One request with its timeline; null when the indexer has no such request. */
  request(id: bigint): Promise<RequestDetail | null>;
  /** The agency's current officers, in the order they joined. */
  officers(agencyId: number): Promise<Officer[]>;
  /** As loadClaims: every attestation about `subject`, grouped by the catalogue's claim types. */
  claims(subject: `0x${string}`, catalogue: Catalogue): Promise<{ groups: ClaimGroup[]; now: number }>;
  /** As findRevocation: why and when a document was revoked, null when no revocation is indexed. */
  revocation(query: VerifyQuery): Promise<Revocation | null>;
  /** The agency's figures per day, ascending; days without an event are left out. */
  agencyDays(agencyId: number, range?: { from?: number; to?: number }): Promise<AgencyDay[]>;
  /** Every account where a passkey with this credential id hash may sign now (the browser keeps the one with its key). */
  passkeyAccounts(credentialIdHash: Hex): Promise<PasskeyAccount[]>;
  /** A citizen account and its passkeys; null when the indexer has no such account. */
  citizenAccount(address: `0x${string}`): Promise<CitizenAccountRecord | null>;
  /** The sponsorship figures per Jakarta day, newest first, and their totals. */
  sponsorship(query?: SponsorshipQuery): Promise<SponsorshipPage>;
}

// ---------------------------------------------------------------------------------------------
// The answers' JSON (API.md)
// ---------------------------------------------------------------------------------------------

interface SummaryJson {
  id: string;
  citizen: `0x${string}`;
  serviceId: number;
  agencyId: number;
  summary: string;
  status: number;
  escalated: boolean;
  rating: number;
  submittedAt: number;
  dueAt: number;
}

type TimelineJson = { blockNumber: string; logIndex: number; time: number; txHash: Hex } & (
  | { kind: "submitted"; summary: string; dueAt: number; contentHash: Hex }
  | { kind: "status"; from: number; to: number; by: `0x${string}`; noteHash: Hex; note: string }
  | { kind: "duplicate"; originalId: string; by: `0x${string}` }
  | { kind: "escalated"; dueAt: number }
  | { kind: "rated"; score: number; commentHash: Hex }
);

interface DetailJson extends SummaryJson {
  contentHash: Hex;
  duplicateOf: string | null;
  now: number;
  timeline: TimelineJson[];
}

interface AttestationJson {
  uid: Hex;
  claimType: Hex;
  agencyId: number;
  officer: `0x${string}`;
  level: number;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number;
  current: boolean;
}

type AgencyDayJson = Omit<AgencyDay, "totalResolutionSeconds"> & { totalResolutionSeconds: string };

type FiguresJson = Omit<SponsorshipFigures, "paidWei" | "gasUsed"> & { paidWei: string; gasUsed: string };

function toFigures(f: FiguresJson): SponsorshipFigures {
  return {
    operations: numberOf(f.operations),
    failed: numberOf(f.failed),
    paidWei: bigintOf(f.paidWei),
    gasUsed: bigintOf(f.gasUsed),
    accountsCreated: numberOf(f.accountsCreated),
  };
}

class Malformed extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function list<T>(body: unknown, key: string): T[] {
  const value = isObject(body) ? body[key] : undefined;
  if (!Array.isArray(value)) throw new Malformed(`no "${key}" list`);
  return value as T[];
}

function bigintOf(text: unknown): bigint {
  if (typeof text !== "string" || !/^\d+$/.test(text)) throw new Malformed(`"${String(text)}" is not a decimal string`);
  return BigInt(text);
}

function numberOf(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Malformed(`"${String(value)}" is not a number`);
  return value;
}

const checksum = (address: `0x${string}`) => getAddress(address);

function toSummary(r: SummaryJson): RequestSummary {
  return {
    id: bigintOf(r.id),
    citizen: checksum(r.citizen),
    serviceId: numberOf(r.serviceId),
    agencyId: numberOf(r.agencyId),
    summary: r.summary,
    status: numberOf(r.status),
    statusName: statusNameOf(r.status),
    escalated: r.escalated === true,
    rating: numberOf(r.rating),
    submittedAt: numberOf(r.submittedAt),
    dueAt: numberOf(r.dueAt),
  };
}

function toTimelineEntry(e: TimelineJson): TimelineEntry {
  const base = { blockNumber: bigintOf(e.blockNumber), logIndex: e.logIndex, time: e.time, txHash: e.txHash };
  switch (e.kind) {
    case "submitted":
      return { ...base, kind: e.kind, summary: e.summary, dueAt: e.dueAt, contentHash: e.contentHash };
    case "status":
      return { ...base, kind: e.kind, from: e.from, to: e.to, by: checksum(e.by), noteHash: e.noteHash, note: e.note };
    case "duplicate":
      return { ...base, kind: e.kind, originalId: bigintOf(e.originalId), by: checksum(e.by) };
    case "escalated":
      return { ...base, kind: e.kind, dueAt: e.dueAt };
    case "rated":
      return { ...base, kind: e.kind, score: e.score, commentHash: e.commentHash };
    default:
      throw new Malformed(`unknown timeline entry "${(e as { kind: string }).kind}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

type Params = Record<string, string | number | undefined>;

/**
 * A client of the indexer at `baseUrl` (e.g. http://127.0.0.1:42069, the manifest's
 * services.indexer). `timeoutMs` (default 10 s) bounds each call; `fetch` replaces the global one.
 */
export function indexerClient(
  baseUrl: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): IndexerClient {
  const base = baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 10_000;

  /** GET a JSON answer; null for a NotFound answer when `missing` is "null". */
  async function get<T>(path: string, params: Params = {}, missing: "throw" | "null" = "throw"): Promise<T | null> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, String(value));
    const url = `${base}${path}${query.size > 0 ? `?${query}` : ""}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { signal: controller.signal, headers: { accept: "application/json" } });
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted)
        throw new IndexerError("timeout", `The indexer at ${base} did not answer within ${timeoutMs} ms.`, undefined, {
          cause: error,
        });
      throw new IndexerError("unreachable", `The indexer at ${base} cannot be reached.`, undefined, { cause: error });
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new IndexerError(
        "bad-response",
        `The indexer at ${base} answered ${path} with something else than JSON (HTTP ${response.status}).`,
        response.status,
      );
    }
    if (response.ok) return body as T;
    const message = isObject(body) && typeof body.message === "string" ? body.message : `HTTP ${response.status}`;
    if (response.status === 404 && isObject(body) && body.error === "NotFound") {
      if (missing === "null") return null;
      throw new IndexerError("not-found", message, 404);
    }
    throw new IndexerError("bad-response", `The indexer refused ${path}: ${message}`, response.status);
  }

  /** Runs a conversion, turning a malformed answer into a bad-response error. */
  function read<T>(path: string, convert: () => T): T {
    try {
      return convert();
    } catch (error) {
      if (error instanceof Malformed || error instanceof TypeError)
        throw new IndexerError("bad-response", `The indexer's answer to ${path} is not the API's: ${error.message}.`);
      throw error;
    }
  }

  return {
    async status() {
      const body = (await get<{ chainId: number; block: string; time: number }>("/api/status"))!;
      return read("/api/status", () => ({
        chainId: numberOf(body.chainId),
        block: bigintOf(body.block),
        time: numberOf(body.time),
      }));
    },

    async requests(query = {}) {
      const status =
        query.status === undefined
          ? undefined
          : typeof query.status === "string"
            ? query.status
            : query.status.join(",");
      const body = (await get<Record<string, unknown>>("/api/requests", {
        agency: query.agencyId,
        citizen: query.citizen,
        service: query.serviceId,
        status,
        overdue: query.overdue ? 1 : undefined,
        escalated: query.escalated ? 1 : undefined,
        q: query.q?.trim() ? query.q.trim() : undefined,
        sort: query.sort,
        page: query.page,
        pageSize: query.pageSize,
        now: query.now,
      }))!;
      return read("/api/requests", () => ({
        items: list<SummaryJson>(body, "items").map(toSummary),
        total: numberOf(body.total),
        page: numberOf(body.page),
        pageSize: numberOf(body.pageSize),
        now: numberOf(body.now),
        ...(isObject(body.counts) ? { counts: body.counts as unknown as RequestCounts } : {}),
      }));
    },

    async request(id) {
      const path = `/api/requests/${id}`;
      const body = await get<DetailJson>(path, {}, "null");
      if (body === null) return null;
      return read(path, () => ({
        ...toSummary(body),
        contentHash: body.contentHash,
        duplicateOf: body.duplicateOf === null ? null : bigintOf(body.duplicateOf),
        now: numberOf(body.now),
        timeline: list<TimelineJson>(body, "timeline").map(toTimelineEntry),
      }));
    },

    async officers(agencyId) {
      const path = `/api/agencies/${agencyId}/officers`;
      const body = await get<unknown>(path);
      return read(path, () =>
        list<{ address: `0x${string}`; addedAtBlock: string }>(body, "items").map((o) => ({
          address: checksum(o.address),
          addedAtBlock: bigintOf(o.addedAtBlock),
        })),
      );
    },

    async claims(subject, catalogue) {
      const path = `/api/citizens/${subject.toLowerCase()}/claims`;
      const body = (await get<Record<string, unknown>>(path))!;
      return read(path, () => {
        const now = numberOf(body.now);
        const views: ClaimView[] = list<AttestationJson>(body, "items").map((a) => ({
          uid: a.uid,
          claimType: a.claimType,
          dataHash: null,
          agencyId: numberOf(a.agencyId),
          level: numberOf(a.level),
          issuedAt: numberOf(a.issuedAt),
          expiresAt: numberOf(a.expiresAt),
          revokedAt: numberOf(a.revokedAt),
          current: a.current === true,
          status: claimStatus(a, a.current === true, now, catalogue),
        }));
        return { groups: groupClaims(views, catalogue), now };
      });
    },

    async revocation({ anchor, root }) {
      const path = `/api/documents/${anchor.toLowerCase()}/revocation`;
      const body = (await get<{ revocation: { reason: Hex; at: number; wholeBatch: boolean } | null }>(path, {
        root: root.toLowerCase() === ZERO_HASH ? undefined : root.toLowerCase(),
      }))!;
      return read(path, () => {
        if (!isObject(body) || !("revocation" in body)) throw new Malformed(`no "revocation"`);
        const r = body.revocation;
        return r === null
          ? null
          : { reason: decodeReason(r.reason), at: numberOf(r.at), wholeBatch: r.wholeBatch === true };
      });
    },

    async agencyDays(agencyId, range = {}) {
      const path = `/api/agencies/${agencyId}/days`;
      const body = await get<unknown>(path, { from: range.from, to: range.to });
      return read(path, () =>
        list<AgencyDayJson>(body, "items").map((d) => ({
          ...d,
          totalResolutionSeconds: bigintOf(d.totalResolutionSeconds),
        })),
      );
    },

    async passkeyAccounts(credentialIdHash) {
      const path = `/api/passkeys/${credentialIdHash.toLowerCase()}`;
      const body = await get<unknown>(path);
      return read(path, () =>
        list<Omit<PasskeyAccount, "addedAtBlock"> & { addedAtBlock: string }>(body, "items").map((p) => ({
          ...p,
          account: checksum(p.account),
          addedAt: numberOf(p.addedAt),
          addedAtBlock: bigintOf(p.addedAtBlock),
        })),
      );
    },

    async citizenAccount(address) {
      const path = `/api/accounts/${address.toLowerCase()}`;
      type Json = Omit<CitizenAccountRecord, "createdAtBlock" | "passkeys"> & {
        createdAtBlock: string;
        passkeys: (Omit<CitizenAccountRecord["passkeys"][number], "addedAtBlock"> & { addedAtBlock: string })[];
      };
      const body = await get<Json>(path, {}, "null");
      if (body === null) return null;
      return read(path, () => ({
        ...body,
        address: checksum(body.address),
        createdAt: numberOf(body.createdAt),
        createdAtBlock: bigintOf(body.createdAtBlock),
        passkeys: list<Json["passkeys"][number]>(body, "passkeys").map((p) => ({
          ...p,
          active: p.active === true,
          addedAt: numberOf(p.addedAt),
          addedAtBlock: bigintOf(p.addedAtBlock),
        })),
      }));
    },

    async sponsorship(query = {}) {
      const path = "/api/sponsorship";
      const body = (await get<Record<string, unknown>>(path, {
        from: query.from,
        to: query.to,
        agency: query.agencyId,
        service: query.serviceId,
        page: query.page,
        pageSize: query.pageSize,
      }))!;
      return read(path, () => ({
        items: list<
          FiguresJson & {
            day: number;
            date: string;
            services: (FiguresJson & { serviceId: number; agencyId: number })[];
          }
        >(body, "items").map((d) => ({
          day: numberOf(d.day),
          date: d.date,
          ...toFigures(d),
          services: list<FiguresJson & { serviceId: number; agencyId: number }>(d, "services").map((s) => ({
            serviceId: numberOf(s.serviceId),
            agencyId: numberOf(s.agencyId),
            ...toFigures(s),
          })),
        })),
        page: numberOf(body.page),
        pageSize: numberOf(body.pageSize),
        total: numberOf(body.total),
        totals: toFigures(body.totals as FiguresJson),
        paymaster: typeof body.paymaster === "string" ? checksum(body.paymaster as `0x${string}`) : null,
      }));
    },
  };
}
