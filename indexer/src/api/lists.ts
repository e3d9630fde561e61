/**
 * The dApp's and the CLI's lists (API.md, "Lists"): requests with filters, search, order, pages and
 * counts; one request with its timeline; an agency's officers and daily figures; a citizen's
 * attestations; a document's revocation. Every query is answered from an index of ponder.schema.ts
 * (see the comments there). An agency's counts are its agencyStatus rows (kept by the indexing
 * functions) and one range count of the overdue ones; a list's total comes from them when the
 * filters allow, else from a count over the same index as the page.
 */
import { db } from "ponder:api";
import {
  agency,
  agencyDay,
  agencyStatus,
  attestation,
  officer,
  request,
  requestEvent,
  revocation,
} from "ponder:schema";
import { and, asc, count, desc, eq, gte, inArray, isNull, like, lt, lte, sql } from "ponder";
import { Hono, type Context } from "hono";
import { isOpenStatus, STATUS_NAMES, statusNameOf, ZERO_HASH, type StatusName } from "@layanan/core";

type SQL = NonNullable<ReturnType<typeof and>>;

/** A parameter that is not what API.md allows: 400 with a one-line message. */
export class BadQuery extends Error {}
/** An id nothing is indexed under: 404. */
export class NotFound extends Error {}

export const lists = new Hono();

/** 400 for a BadQuery, 404 for a NotFound, 500 (logged, no stack trace in the answer) for the rest. */
export function answerError(error: Error, c: Context) {
  if (error instanceof BadQuery) return c.json({ error: "BadQuery", message: error.message }, 400);
  if (error instanceof NotFound) return c.json({ error: "NotFound", message: error.message }, 404);
  console.error(`${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: "Internal", message: "The indexer could not answer (see its log)." }, 500);
}

lists.onError(answerError);

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

export const UINT32_MAX = 2 ** 32 - 1;
const UINT256_MAX = 2n ** 256n - 1n;
export const MAX_PAGE_SIZE = 200;
/** Summaries are at most 280 bytes: a longer search cannot match. */
const MAX_SEARCH_LENGTH = 280;
const QUEUE_STATUSES = STATUS_NAMES.slice(1);

/** Only the parameters a route knows: a misspelt one would otherwise be silently ignored. */
export function knownParameters(c: Context, allowed: readonly string[]): Record<string, string> {
  const given = c.req.queries();
  for (const [name, values] of Object.entries(given)) {
    if (!allowed.includes(name)) throw new BadQuery(`Unknown parameter "${name}" (allowed: ${allowed.join(", ")}).`);
    if (values.length > 1) throw new BadQuery(`Parameter "${name}" is given more than once.`);
  }
  return Object.fromEntries(Object.entries(given).map(([name, values]) => [name, values[0]]));
}

export function integer(text: string, what: string, min: number, max: number): number {
  if (!/^\d{1,16}$/.test(text)) throw new BadQuery(`${what} must be a whole number, got "${text}".`);
  const value = Number(text);
  if (value < min || value > max) throw new BadQuery(`${what} must be between ${min} and ${max}, got ${value}.`);
  return value;
}

const agencyIdOf = (text: string) => integer(text, "The agency id", 1, UINT32_MAX);

function requestIdOf(text: string): bigint {
  if (!/^\d{1,78}$/.test(text)) throw new BadQuery(`A request id must be a whole number, got "${text}".`);
  const id = BigInt(text);
  if (id < 1n || id > UINT256_MAX) throw new BadQuery(`A request id must be between 1 and 2^256-1, got ${text}.`);
  return id;
}

export function address(text: string, what: string): `0x${string}` {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) throw new BadQuery(`${what} must be an address (0x and 40 hex digits).`);
  return text.toLowerCase() as `0x${string}`;
}

export function bytes32(text: string, what: string): `0x${string}` {
  if (!/^0x[0-9a-fA-F]{64}$/.test(text)) throw new BadQuery(`${what} must be 0x and 64 hex digits.`);
  return text.toLowerCase() as `0x${string}`;
}

function flag(text: string | undefined, what: string): boolean {
  if (text === undefined || text === "0" || text === "false") return false;
  if (text === "1" || text === "true") return true;
  throw new BadQuery(`${what} must be 1 or 0, got "${text}".`);
}

/** `status=`: names, or `open` / `closed`, as the status numbers they keep. */
function statusesOf(text: string): { open: boolean; statuses: number[] } | { open?: undefined; statuses: number[] } {
  if (text === "open") return { open: true, statuses: [1, 2, 3] };
  if (text === "closed") return { open: false, statuses: [4, 5, 6, 7] };
  const names = text.split(",").map((name) => name.trim());
  const statuses = names.map((name) => {
    const index = QUEUE_STATUSES.indexOf(name as (typeof QUEUE_STATUSES)[number]);
    if (index === -1)
      throw new BadQuery(`Unknown status "${name}" (one of ${QUEUE_STATUSES.join(", ")}, or open, or closed).`);
    return index + 1;
  });
  const unique = [...new Set(statuses)].sort();
  // The open set as a whole is the `open` column (the (agencyId, open, dueAt) index).
  if (unique.length === 3 && unique.every(isOpenStatus)) return { open: true, statuses: unique };
  if (unique.length === 4 && !unique.some(isOpenStatus)) return { open: false, statuses: unique };
  return { statuses: unique };
}

// ---------------------------------------------------------------------------------------------
// The indexed chain's head
// ---------------------------------------------------------------------------------------------

interface Head {
  chainId: number;
  block: bigint;
  time: number;
}

/**
 * Ponder's checkpoint of the chain (`_ponder_checkpoint`, in the schema the API reads): the latest
 * indexed block and its time. A checkpoint is the block time (10 digits), chain id (16) and block
 * number (16), then the position within the block.
 */
export async function head(): Promise<Head> {
  const result = await db.execute(sql`select chain_id, latest_checkpoint from _ponder_checkpoint`);
  const row = (result as unknown as { rows: { chain_id: number | string; latest_checkpoint: string }[] }).rows[0];
  if (!row) return { chainId: 0, block: 0n, time: 0 };
  const checkpoint = row.latest_checkpoint;
  return {
    chainId: Number(row.chain_id),
    time: Number(checkpoint.slice(0, 10)),
    block: BigInt(checkpoint.slice(26, 42)),
  };
}

lists.get("/status", async (c) => {
  knownParameters(c, []);
  const { chainId, block, time } = await head();
  return c.json({ chainId, block: block.toString(), time });
});

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

type RequestRow = Pick<
  typeof request.$inferSelect,
  "id" | "citizen" | "serviceId" | "agencyId" | "summary" | "status" | "escalated" | "rating" | "submittedAt" | "dueAt"
>;

const summaryColumns = {
  id: request.id,
  citizen: request.citizen,
  serviceId: request.serviceId,
  agencyId: request.agencyId,
  summary: request.summary,
  status: request.status,
  escalated: request.escalated,
  rating: request.rating,
  submittedAt: request.submittedAt,
  dueAt: request.dueAt,
};

/** API.md's RequestSummaryJson. */
const summaryJson = (r: RequestRow) => ({
  id: r.id.toString(),
  citizen: r.citizen,
  serviceId: r.serviceId,
  agencyId: r.agencyId,
  summary: r.summary,
  status: r.status,
  statusName: statusNameOf(r.status),
  escalated: r.escalated,
  rating: r.rating,
  submittedAt: Number(r.submittedAt),
  dueAt: Number(r.dueAt),
});

const ORDERS = {
  due: [asc(request.dueAt), asc(request.id)],
  "-due": [desc(request.dueAt), asc(request.id)],
  age: [asc(request.id)],
  "-age": [desc(request.id)],
  newest: [desc(request.id)],
} as const;

/**
 * The column the WHERE clause fixes (the agency, else the citizen), first in ORDER BY in the sort's
 * direction. It changes no result, but it lets Postgres read the page straight off the matching
 * (agency_id, id) or (agency_id, due_at, id) index even without table statistics (PGlite has no
 * autovacuum to ANALYZE): measured at 100,000 requests, page 20 newest first took 203 ms with a
 * bitmap scan and a sort, and 0.6 ms off the index.
 */
function leadingOrder(sort: keyof typeof ORDERS, agencyId: number | undefined, citizen: string | undefined) {
  const direction = sort === "-due" || sort === "-age" || sort === "newest" ? desc : asc;
  if (agencyId !== undefined) return [direction(request.agencyId)];
  if (citizen !== undefined) return [direction(request.citizen)];
  return [];
}

/** A `%…%` LIKE pattern matching `text` literally (in the lower-cased summary: `text` is lower-cased too). */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const REQUEST_PARAMETERS = [
  "agency",
  "citizen",
  "service",
  "status",
  "overdue",
  "escalated",
  "q",
  "sort",
  "page",
  "pageSize",
  "now",
] as const;

lists.get("/requests", async (c) => {
  const p = knownParameters(c, REQUEST_PARAMETERS);
  const agencyId = p.agency === undefined ? undefined : agencyIdOf(p.agency);
  const citizen = p.citizen === undefined ? undefined : address(p.citizen, "citizen");
  const serviceId = p.service === undefined ? undefined : integer(p.service, "The service id", 1, UINT32_MAX);
  const statuses = p.status === undefined ? undefined : statusesOf(p.status);
  const overdue = flag(p.overdue, "overdue");
  const escalated = flag(p.escalated, "escalated");
  const q = p.q?.trim() ?? "";
  if (q.length > MAX_SEARCH_LENGTH) throw new BadQuery(`q is at most ${MAX_SEARCH_LENGTH} characters.`);
  const sort = (p.sort ?? "newest") as keyof typeof ORDERS;
  if (!Object.hasOwn(ORDERS, sort))
    throw new BadQuery(`sort must be one of ${Object.keys(ORDERS).join(", ")}, got "${p.sort}".`);
  const page = p.page === undefined ? 1 : integer(p.page, "page", 1, 1_000_000);
  const pageSize = p.pageSize === undefined ? 50 : integer(p.pageSize, "pageSize", 1, MAX_PAGE_SIZE);
  const now = p.now === undefined ? (await head()).time : integer(p.now, "now", 0, Number.MAX_SAFE_INTEGER);

  const where: SQL[] = [];
  if (agencyId !== undefined) where.push(eq(request.agencyId, agencyId));
  if (citizen !== undefined) where.push(eq(request.citizen, citizen));
  if (serviceId !== undefined) where.push(eq(request.serviceId, serviceId));
  if (statuses !== undefined)
    where.push(
      statuses.open !== undefined ? eq(request.open, statuses.open) : inArray(request.status, statuses.statuses),
    );
  if (overdue) where.push(eq(request.open, true), lt(request.dueAt, BigInt(now)));
  if (escalated) where.push(eq(request.escalated, true));
  if (q !== "") where.push(like(request.summaryLower, containing(q)));
  const condition = where.length > 0 ? and(...where) : undefined;

  const offset = (page - 1) * pageSize;
  const [items, counts] = await Promise.all([
    db
      .select(summaryColumns)
      .from(request)
      .where(condition)
      .orderBy(...leadingOrder(sort, agencyId, citizen), ...ORDERS[sort])
      .limit(pageSize)
      .offset(offset),
    agencyId === undefined ? undefined : agencyCounts(agencyId, now),
  ]);
  // The total without a count where it is known: a short page is the last one; the counts by
  // status (the agency's, or every agency's) hold it when nothing else filters.
  let total: number | undefined;
  if (items.length < pageSize && (items.length > 0 || page === 1)) total = offset + items.length;
  else if (citizen === undefined && serviceId === undefined && q === "") {
    const rows = counts?.rows ?? (overdue ? [] : await statusCounts(undefined));
    const selected = statuses?.statuses ?? [1, 2, 3, 4, 5, 6, 7];
    const inSelected = (pick: (s: StatusCount) => number) =>
      rows.filter((row) => selected.includes(row.status)).reduce((sum, row) => sum + pick(row), 0);
    // Overdue requests are open: with a status filter, only its open statuses can be overdue.
    const allOpen = [1, 2, 3].every((status) => selected.includes(status));
    if (!overdue && !escalated) total = inSelected((row) => row.requests);
    else if (!overdue && escalated) total = inSelected((row) => row.escalated);
    else if (counts && overdue && !escalated && allOpen) total = counts.json.overdue;
  }
  if (total === undefined) {
    const [{ n }] = await db.select({ n: count() }).from(request).where(condition);
    total = Number(n);
  }
  return c.json({
    items: items.map(summaryJson),
    page,
    pageSize,
    total,
    now,
    ...(counts ? { counts: counts.json } : {}),
  });
});

type StatusCount = { status: number; requests: number; escalated: number };

/** Requests and escalations by status (agencyStatus): one agency's, or every agency's summed. */
async function statusCounts(agencyId: number | undefined): Promise<StatusCount[]> {
  const rows = await db
    .select({
      status: agencyStatus.status,
      requests: sql<number>`sum(${agencyStatus.requests})`.mapWith(Number),
      escalated: sql<number>`sum(${agencyStatus.escalated})`.mapWith(Number),
    })
    .from(agencyStatus)
    .where(agencyId === undefined ? undefined : eq(agencyStatus.agencyId, agencyId))
    .groupBy(agencyStatus.status);
  return rows;
}

/**
 * An agency's requests at a glance, whatever the list shows: its agencyStatus rows (requests and
 * escalations by status), and the overdue ones counted over the (agencyId, open, dueAt, …) index.
 */
async function agencyCounts(agencyId: number, now: number) {
  const [rows, [{ overdue }]] = await Promise.all([
    statusCounts(agencyId),
    db
      .select({ overdue: count() })
      .from(request)
      .where(and(eq(request.agencyId, agencyId), eq(request.open, true), lt(request.dueAt, BigInt(now)))),
  ]);
  const byStatus = Object.fromEntries(QUEUE_STATUSES.map((name) => [name, 0])) as Record<
    Exclude<StatusName, "None">,
    number
  >;
  let all = 0;
  let open = 0;
  let escalated = 0;
  for (const row of rows) {
    all += row.requests;
    if (isOpenStatus(row.status)) open += row.requests;
    escalated += row.escalated;
    const name = statusNameOf(row.status);
    if (name !== "None") byStatus[name] += row.requests;
  }
  return { rows, json: { all, open, overdue: Number(overdue), escalated, byStatus } };
}

type EventRow = typeof requestEvent.$inferSelect;

/** core's TimelineEntry, with blockNumber and originalId as strings. */
function timelineJson(e: EventRow) {
  const base = { blockNumber: e.blockNumber.toString(), logIndex: e.logIndex, time: Number(e.time), txHash: e.txHash };
  switch (e.kind) {
    case "submitted":
      return {
        ...base,
        kind: e.kind,
        summary: e.summary ?? "",
        dueAt: Number(e.dueAt ?? 0n),
        contentHash: e.contentHash ?? ZERO_HASH,
      };
    case "status":
      return {
        ...base,
        kind: e.kind,
        from: e.fromStatus ?? 0,
        to: e.toStatus ?? 0,
        by: e.by,
        noteHash: e.noteHash ?? ZERO_HASH,
        note: e.note ?? "",
      };
    case "duplicate":
      return { ...base, kind: e.kind, originalId: (e.originalId ?? 0n).toString(), by: e.by };
    case "escalated":
      return { ...base, kind: e.kind, dueAt: Number(e.dueAt ?? 0n) };
    default:
      return { ...base, kind: "rated", score: e.score ?? 0, commentHash: e.commentHash ?? ZERO_HASH };
  }
}

lists.get("/requests/:id", async (c) => {
  knownParameters(c, []);
  const id = requestIdOf(c.req.param("id"));
  const [rows, events, { time }] = await Promise.all([
    db
      .select({ ...summaryColumns, contentHash: request.contentHash, duplicateOf: request.duplicateOf })
      .from(request)
      .where(eq(request.id, id)),
    db
      .select()
      .from(requestEvent)
      .where(eq(requestEvent.requestId, id))
      .orderBy(asc(requestEvent.blockNumber), asc(requestEvent.logIndex)),
    head(),
  ]);
  const row = rows[0];
  if (!row) throw new NotFound(`No request ${id} is indexed.`);
  return c.json({
    ...summaryJson(row),
    contentHash: row.contentHash,
    duplicateOf: row.duplicateOf === null ? null : row.duplicateOf.toString(),
    now: time,
    timeline: events.map(timelineJson),
  });
});

// ---------------------------------------------------------------------------------------------
// Agencies
// ---------------------------------------------------------------------------------------------

async function requireAgency(id: number) {
  const rows = await db.select({ id: agency.id }).from(agency).where(eq(agency.id, id));
  if (rows.length === 0) throw new NotFound(`No agency ${id} is indexed.`);
}

lists.get("/agencies/:id/officers", async (c) => {
  knownParameters(c, []);
  const agencyId = agencyIdOf(c.req.param("id"));
  const [rows] = await Promise.all([
    db
      .select({ address: officer.address, addedAtBlock: officer.addedAtBlock })
      .from(officer)
      .where(and(eq(officer.agencyId, agencyId), eq(officer.active, true)))
      .orderBy(asc(officer.addedAtBlock), asc(officer.addedAtLogIndex)),
    requireAgency(agencyId),
  ]);
  return c.json({ items: rows.map((r) => ({ address: r.address, addedAtBlock: r.addedAtBlock.toString() })) });
});

/** The widest range of days one answer covers (ten years). */
export const MAX_DAYS = 3660;

lists.get("/agencies/:id/days", async (c) => {
  const p = knownParameters(c, ["from", "to"]);
  const agencyId = agencyIdOf(c.req.param("id"));
  const to = p.to === undefined ? Math.floor((await head()).time / 86_400) : integer(p.to, "to", 0, 1_000_000_000);
  const from = p.from === undefined ? Math.max(0, to - MAX_DAYS + 1) : integer(p.from, "from", 0, 1_000_000_000);
  if (from > to) throw new BadQuery(`from (${from}) is after to (${to}).`);
  if (to - from + 1 > MAX_DAYS) throw new BadQuery(`At most ${MAX_DAYS} days at once, asked ${to - from + 1}.`);
  const [rows] = await Promise.all([
    db
      .select()
      .from(agencyDay)
      .where(and(eq(agencyDay.agencyId, agencyId), gte(agencyDay.day, from), lte(agencyDay.day, to)))
      .orderBy(asc(agencyDay.day)),
    requireAgency(agencyId),
  ]);
  return c.json({
    items: rows.map(({ agencyId: _, totalResolutionSeconds, ...day }) => ({
      ...day,
      totalResolutionSeconds: totalResolutionSeconds.toString(),
    })),
  });
});

// ---------------------------------------------------------------------------------------------
// Citizens and documents
// ---------------------------------------------------------------------------------------------

lists.get("/citizens/:address/claims", async (c) => {
  knownParameters(c, []);
  const subject = address(c.req.param("address"), "The citizen");
  const [rows, { time }] = await Promise.all([
    db
      .select()
      .from(attestation)
      .where(eq(attestation.subject, subject))
      .orderBy(desc(attestation.issuedAt), asc(attestation.uid)),
    head(),
  ]);
  return c.json({
    items: rows.map((a) => ({
      uid: a.uid,
      claimType: a.claimType,
      agencyId: a.agencyId,
      officer: a.officer,
      level: a.level,
      issuedAt: Number(a.issuedAt),
      expiresAt: Number(a.expiresAt),
      revokedAt: Number(a.revokedAt ?? 0n),
      current: a.supersededBy === null,
    })),
    now: time,
  });
});

/**
 * As core's findRevocation: the anchor's latest DocumentRevoked (under whichever root: a revoked
 * anchor is revoked everywhere), else, for a batch member, the batch's latest BatchRevoked.
 */
lists.get("/documents/:anchor/revocation", async (c) => {
  const p = knownParameters(c, ["root"]);
  const anchor = bytes32(c.req.param("anchor"), "The anchor");
  const root = p.root === undefined ? ZERO_HASH : bytes32(p.root, "root");
  const latest = [desc(revocation.blockNumber), desc(revocation.logIndex)];
  const columns = { reason: revocation.reason, time: revocation.time, wholeBatch: revocation.wholeBatch };
  let [found] = await db
    .select(columns)
    .from(revocation)
    .where(eq(revocation.anchor, anchor))
    .orderBy(...latest)
    .limit(1);
  if (!found && root !== ZERO_HASH) {
    [found] = await db
      .select(columns)
      .from(revocation)
      .where(and(eq(revocation.root, root), isNull(revocation.anchor)))
      .orderBy(...latest)
      .limit(1);
  }
  return c.json({
    revocation: found ? { reason: found.reason, at: Number(found.time), wholeBatch: found.wholeBatch } : null,
  });
});
