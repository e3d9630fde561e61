/**
 * The officer's queue as pure functions: which requests a view shows (status, overdue, escalated,
 * text in the summary), in which order (due date or age), the counts at a glance, the view's URL query, the note a status change
 * needs, and the candidates for "duplicate of". The pages feed it RequestSummary rows
 * (reads/requests.ts); the tests are test/ConsoleQueue.ts.
 */
import {
  allowedTransitions,
  isOpenStatus,
  isOverdueAt,
  statusNameOf,
  statusNumber,
  STATUS_NAMES as STATUS,
  type StatusName,
} from "./status.ts";

export { allowedTransitions, statusNameOf, statusNumber };

export type QueueStatusName = StatusName;

/** Every status a request can have once filed, in the contract's order. */
export const QUEUE_STATUSES = STATUS.slice(1) as readonly Exclude<QueueStatusName, "None">[];

/** What the queue needs of a request (RequestSummary has all of it). */
export interface QueueRequest {
  id: bigint;
  status: number;
  escalated: boolean;
  dueAt: number;
  /** The public summary, for the text search (a row without one matches no search text). */
  summary?: string;
}

/** Submitted, InProgress or NeedsInfo: the officer still has work to do. */
export const isOpen = isOpenStatus;

/** ServiceRequests.isOverdue at chain time `now` (see status.ts). */
export const isOverdue = (request: Pick<QueueRequest, "status" | "dueAt">, now: number | undefined) =>
  isOverdueAt(request, now);

// ---------------------------------------------------------------------------------------------
// Filters, order, counts
// ---------------------------------------------------------------------------------------------

export type StatusFilter = "all" | "open" | Exclude<QueueStatusName, "None">;
export type SortOrder = "asc" | "desc";
/** The queue's order: by due date ("asc", "desc"), or by age ("age": the oldest request first). */
export type QueueSort = SortOrder | "age";

export interface QueueQuery {
  status: StatusFilter;
  overdue: boolean;
  escalated: boolean;
  sort: QueueSort;
  /** Text the summary must contain (case ignored); "" = any. */
  q: string;
}

export const DEFAULT_QUERY: QueueQuery = { status: "all", overdue: false, escalated: false, sort: "asc", q: "" };

/** At most this many characters of search text are kept (the URL and the indexer's query stay short). */
export const MAX_QUEUE_SEARCH = 100;

const STATUS_FILTERS: readonly string[] = ["all", "open", ...QUEUE_STATUSES];

/**
 * Whether a summary contains the search text, case ignored: the indexer's rule (`q`, a
 * case-insensitive substring of the summary), so that the chain's fallback finds the same rows.
 */
export function summaryMatches(summary: string | undefined, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === "") return true;
  return (summary ?? "").toLowerCase().includes(needle);
}

/** The requests the query shows (overdue at chain time `now`; unknown time: none is overdue). */
export function filterQueue<T extends QueueRequest>(
  requests: readonly T[],
  query: QueueQuery,
  now: number | undefined,
): T[] {
  return requests.filter((r) => {
    if (query.status === "open" && !isOpen(r.status)) return false;
    if (query.status !== "all" && query.status !== "open" && statusNameOf(r.status) !== query.status) return false;
    if (query.overdue && !isOverdue(r, now)) return false;
    if (query.escalated && !r.escalated) return false;
    if (query.q && !summaryMatches(r.summary, query.q)) return false;
    return true;
  });
}

/** By due date, earliest first ("asc") or latest first ("desc"); equal due dates: the older request (lower id) first. */
export function sortByDue<T extends QueueRequest>(requests: readonly T[], order: SortOrder): T[] {
  const sign = order === "asc" ? 1 : -1;
  return [...requests].sort((a, b) => {
    if (a.dueAt !== b.dueAt) return sign * (a.dueAt - b.dueAt);
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** By age: the oldest request (lowest id: ids follow the order filed) first. */
export const sortByAge = <T extends QueueRequest>(requests: readonly T[]): T[] =>
  [...requests].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The rows in the query's order. */
export const sortQueue = <T extends QueueRequest>(requests: readonly T[], sort: QueueSort): T[] =>
  sort === "age" ? sortByAge(requests) : sortByDue(requests, sort);

/** The query's rows, filtered then sorted. */
export const queueView = <T extends QueueRequest>(requests: readonly T[], query: QueueQuery, now: number | undefined) =>
  sortQueue(filterQueue(requests, query, now), query.sort);

export type QueueCountKey = "total" | "open" | "overdue" | "escalated" | Exclude<QueueStatusName, "None">;

/**
 * The counts at a glance over the whole queue. Each equals the number of rows its filter shows on
 * its own: total (all), open, overdue, escalated (ever, open or not), and one per status.
 */
export function countQueue(requests: readonly QueueRequest[], now: number | undefined): Record<QueueCountKey, number> {
  const counts = { total: 0, open: 0, overdue: 0, escalated: 0 } as Record<QueueCountKey, number>;
  for (const name of QUEUE_STATUSES) counts[name] = 0;
  for (const r of requests) {
    counts.total++;
    if (isOpen(r.status)) counts.open++;
    if (isOverdue(r, now)) counts.overdue++;
    if (r.escalated) counts.escalated++;
    const name = statusNameOf(r.status);
    if (name !== "None") counts[name]++;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The view in the URL (?status=open&overdue=1&escalated=1&sort=desc&q=akta), so a view can be shared
// ---------------------------------------------------------------------------------------------

type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The query from the URL's parameters; anything unknown falls back to the default. */
export function parseQueueQuery(params: Params): QueueQuery {
  const status = first(params.status);
  const sort = first(params.sort);
  return {
    status: status && STATUS_FILTERS.includes(status) ? (status as StatusFilter) : DEFAULT_QUERY.status,
    overdue: first(params.overdue) === "1",
    escalated: first(params.escalated) === "1",
    sort: sort === "desc" || sort === "age" ? sort : "asc",
    q: (first(params.q) ?? "").trim().slice(0, MAX_QUEUE_SEARCH),
  };
}

/** The URL query string for a view ("" for the default view); parseQueueQuery reads it back. */
export function queueQueryString(query: QueueQuery): string {
  const params = new URLSearchParams();
  if (query.status !== DEFAULT_QUERY.status) params.set("status", query.status);
  if (query.overdue) params.set("overdue", "1");
  if (query.escalated) params.set("escalated", "1");
  if (query.sort !== DEFAULT_QUERY.sort) params.set("sort", query.sort);
  if (query.q.trim() !== "") params.set("q", query.q.trim());
  const text = params.toString();
  return text ? `?${text}` : "";
}

// ---------------------------------------------------------------------------------------------
// The officer's actions on one request
// ---------------------------------------------------------------------------------------------

/**
 * Asking for information needs a note (the citizen must know what to add), and so does a rejection
 * (the citizen is owed a reason: ServiceRequests refuses an empty one with RequestReasonRequired).
 */
export const noteRequired = (target: QueueStatusName, note: string) =>
  (target === "NeedsInfo" || target === "Rejected") && note.trim() === "";

/** What markDuplicate accepts as an original: an open or Completed request (never cancelled, rejected or a duplicate). */
export const isDuplicateOriginal = (status: number) => isOpenStatus(status) || statusNameOf(status) === "Completed";

/** A request id as typed: a positive integer (the contract decides whether it may be the original). */
export function parseRequestId(text: string): bigint | null {
  const trimmed = text.trim().replace(/^#/, "");
  if (!/^\d{1,30}$/.test(trimmed)) return null;
  const id = BigInt(trimmed);
  return id > 0n ? id : null;
}

/** Lower case, without accents, for matching typed words against summaries. */
const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

export const searchWords = (text: string) =>
  fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Requests that `request` may be a duplicate of, as the contract accepts them: of the same agency,
 * earlier (lower id), open or Completed (isDuplicateOriginal); whose summary contains every typed
 * word (case and accents ignored). Newest first, at most `limit`. No words: no candidates.
 */
export function duplicateCandidates<T extends QueueRequest & { agencyId: number; summary: string }>(
  requests: readonly T[],
  request: Pick<T, "id" | "agencyId">,
  text: string,
  limit = 8,
): T[] {
  const words = searchWords(text);
  if (words.length === 0) return [];
  return requests
    .filter((r) => r.agencyId === request.agencyId && r.id < request.id && isDuplicateOriginal(r.status))
    .filter((r) => {
      const summary = searchWords(r.summary);
      return words.every((word) => summary.some((s) => s.includes(word)));
    })
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}
