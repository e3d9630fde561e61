/**
 * Service requests: lists (a citizen's, an agency's queue), whole or a page at a time, and one
 * request with its timeline built from its events and their block times. Read over a viem public
 * client, in windows of blocks (reads/logs.ts), so that an RPC that caps eth_getLogs serves them.
 */
import { BaseError, ContractFunctionRevertedError, type Hex, type PublicClient } from "viem";
import { ZERO_HASH } from "../commitment.ts";
import type { Layanan, serviceRequestsAbi } from "../contracts.ts";
import { STATUS_NAMES, type StatusName } from "../status.ts";
import {
  collectEvents,
  compareChainOrder,
  eventsOldestFirst,
  logsOf,
  pageOfEvents,
  windowOptionsOf,
  type EventLog,
  type LogPage,
  type LogPageOptions,
  type ReadWindowOptions,
} from "./logs.ts";
import { readEach } from "./multicall.ts";

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

/** Which requests to list: a citizen's, an agency's, or both filters at once (none: every request). */
export interface RequestFilter {
  citizen?: `0x${string}`;
  agencyId?: number;
}

const submittedQuery = (c: Layanan["contracts"], filter: RequestFilter) => ({
  ...c.requests,
  eventName: "RequestSubmitted" as const,
  args: { citizen: filter.citizen, agencyId: filter.agencyId },
});

type SubmittedLog = EventLog<typeof serviceRequestsAbi, "RequestSubmitted">;

/** Each submission's request with its current state (getRequest, through Multicall3 where the chain has it). */
async function summariesOf(client: PublicClient, c: Layanan["contracts"], logs: readonly SubmittedLog[]) {
  const states = await readEach(
    client,
    c.requests,
    "getRequest",
    logs.map((log) => [log.args.requestId] as const),
  );
  return logs.map((log, i) => toSummary(log.args.requestId, states[i], Number(log.args.agencyId), log.args.summary));
}

/**
 * Requests found through RequestSubmitted (filtered by its indexed citizen and agencyId), each with
 * its current state from getRequest, in the order filed. Reads the whole history in windows of
 * blocks (see loadRequestsPage for a page of the newest).
 */
export async function loadRequests(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  filter: RequestFilter = {},
  options: ReadWindowOptions = {},
): Promise<RequestSummary[]> {
  const { logs } = await collectEvents(client, submittedQuery(c, filter), { fromBlock, ...windowOptionsOf(options) });
  return summariesOf(client, c, logs);
}

const newestFirst = (a: RequestSummary, b: RequestSummary) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The requests `citizen` filed, newest first, with their current state. */
export async function loadCitizenRequests(
  client: PublicClient,
  layanan: Layanan,
  citizen: `0x${string}`,
  options: ReadWindowOptions = {},
): Promise<RequestSummary[]> {
  return (await loadRequests(client, layanan, { citizen }, options)).sort(newestFirst);
}

/** An agency's requests, in the order filed (the queue sorts them, see queue.ts). */
export async function loadAgencyRequests(
  client: PublicClient,
  layanan: Layanan,
  agencyId: number,
  options: ReadWindowOptions = {},
): Promise<RequestSummary[]> {
  return loadRequests(client, layanan, { agencyId }, options);
}

/**
 * A page of requests, newest first (a citizen's, an agency's, or every request): RequestSubmitted
 * read in windows of blocks from the cursor down, each request's state read through Multicall3 (one
 * eth_call per page where the client's chain declares it). `cursor` null: no older requests.
 */
export async function loadRequestsPage(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  filter: RequestFilter = {},
  options: LogPageOptions = {},
): Promise<LogPage<RequestSummary>> {
  const page = await pageOfEvents(client, submittedQuery(c, filter), fromBlock, options);
  return { ...page, items: await summariesOf(client, c, page.items) };
}

/** A page of the requests `citizen` filed, newest first. */
export function loadCitizenRequestsPage(
  client: PublicClient,
  layanan: Layanan,
  citizen: `0x${string}`,
  options: LogPageOptions = {},
): Promise<LogPage<RequestSummary>> {
  return loadRequestsPage(client, layanan, { citizen }, options);
}

/** A page of an agency's requests, newest first. */
export function loadAgencyRequestsPage(
  client: PublicClient,
  layanan: Layanan,
  agencyId: number,
  options: LogPageOptions = {},
): Promise<LogPage<RequestSummary>> {
  return loadRequestsPage(client, layanan, { agencyId }, options);
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
  /** The block the history was read from (the submission block, found by its timestamp); absent from the indexer. */
  fromBlock?: bigint;
  /** The last block read; absent from the indexer. */
  scannedTo?: bigint;
  /** Whether the timeline explains the request's current state (or was read to the latest block); absent from the indexer. */
  complete?: boolean;
}

function isUnknownRequest(error: unknown) {
  if (!(error instanceof BaseError)) return false;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === "RequestUnknown";
}

const TIMELINE_EVENTS = [
  "RequestSubmitted",
  "RequestStatusChanged",
  "RequestMarkedDuplicate",
  "RequestEscalated",
  "RequestRated",
] as const;
type TimelineEvent = (typeof TIMELINE_EVENTS)[number];
type TimelineLog = EventLog<typeof serviceRequestsAbi, TimelineEvent>;

/** Final statuses: once one is reached, no later status change can come. */
const FINAL_STATUSES = new Set([4, 5, 6, 7]);

/**
 * Whether the logs seen so far explain what getRequest reports: the submission, the escalation and
 * the rating if any, and the change to a final status. An open request in progress or waiting for
 * information may still change, so its history is read to the latest block.
 */
function explains(
  request: { status: number; escalated: boolean; rating: number },
  logs: readonly TimelineLog[],
): boolean {
  const seen = (name: TimelineEvent) => logs.some((log) => log.eventName === name);
  if (!seen("RequestSubmitted")) return false;
  if (request.escalated && !seen("RequestEscalated")) return false;
  if (Number(request.rating) !== 0 && !seen("RequestRated")) return false;
  const status = Number(request.status);
  if (status === 1) return true; // Submitted: nothing ever leads back to it.
  if (!FINAL_STATUSES.has(status)) return false;
  if (status === 7) return seen("RequestMarkedDuplicate");
  return logsOf(logs, "RequestStatusChanged").some((log) => Number(log.args.to) === status);
}

/**
 * The first block in [low, high] whose timestamp is `timestamp` or later (high when none is):
 * interpolation steps alternating with halving over block timestamps, so O(log n) getBlock calls at
 * worst and a few on chains with a steady block time.
 */
export async function blockAtOrAfter(
  client: PublicClient,
  timestamp: bigint,
  low: bigint,
  high: bigint,
  cache: Map<bigint, bigint> = new Map(),
): Promise<bigint> {
  const timeOf = async (blockNumber: bigint) => {
    let time = cache.get(blockNumber);
    if (time === undefined) {
      time = (await client.getBlock({ blockNumber })).timestamp;
      cache.set(blockNumber, time);
    }
    return time;
  };
  if (high <= low) return high < low ? low : high;
  let [lo, hi] = [low, high];
  let [tLo, tHi] = await Promise.all([timeOf(lo), timeOf(hi)]);
  if (tLo >= timestamp) return lo;
  if (tHi < timestamp) return hi;
  // Now time(lo) < timestamp <= time(hi): the answer is in (lo, hi].
  for (let step = 0; hi - lo > 1n; step++) {
    let mid = (lo + hi) / 2n;
    if (step % 2 === 0 && tHi > tLo) {
      mid = lo + ((hi - lo) * (timestamp - tLo)) / (tHi - tLo);
      if (mid <= lo) mid = lo + 1n;
      if (mid >= hi) mid = hi - 1n;
    }
    const tMid = await timeOf(mid);
    if (tMid >= timestamp) [hi, tHi] = [mid, tMid];
    else [lo, tLo] = [mid, tMid];
  }
  return hi;
}

export interface RequestReadOptions extends ReadWindowOptions {
  /** Stop reading history after this many blocks from the submission (the detail says `complete: false`). */
  maxBlocks?: number;
}

/**
 * One request with its timeline built from its events and their block times; null when it does not
 * exist. Does not scan from the deployment block: getRequest's `submittedAt` gives the submission
 * block (a search over block timestamps), the history is read forward from there in windows, and
 * reading stops once it explains the state getRequest reports (a final status, its rating), else at
 * the latest block.
 */
export async function loadRequest(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  id: bigint,
  options: RequestReadOptions = {},
): Promise<RequestDetail | null> {
  let request;
  try {
    request = await client.readContract({ ...c.requests, functionName: "getRequest", args: [id] });
  } catch (error) {
    if (isUnknownRequest(error)) return null;
    throw error;
  }
  const latest = await client.getBlock({ blockTag: "latest" });
  const times = new Map<bigint, bigint>([[latest.number, latest.timestamp]]);
  const start = await blockAtOrAfter(client, request.submittedAt, fromBlock, latest.number, times);

  const logs: TimelineLog[] = [];
  let scannedTo = start - 1n;
  let complete = false;
  for await (const window of eventsOldestFirst(
    client,
    { ...c.requests, eventName: TIMELINE_EVENTS, args: { requestId: id } },
    { fromBlock: start, toBlock: latest.number, ...windowOptionsOf(options) },
  )) {
    logs.push(...window.logs);
    scannedTo = window.toBlock;
    if (explains(request, logs)) {
      complete = true;
      break;
    }
    if (options.maxBlocks !== undefined && scannedTo - start + 1n >= BigInt(options.maxBlocks)) break;
  }
  if (scannedTo >= latest.number) complete = true;

  const submitted = logsOf(logs, "RequestSubmitted");
  const changes = logsOf(logs, "RequestStatusChanged");
  const duplicates = logsOf(logs, "RequestMarkedDuplicate");
  const escalations = logsOf(logs, "RequestEscalated");
  const ratings = logsOf(logs, "RequestRated");

  const blockNumbers = [...new Set(logs.map((log) => log.blockNumber))].filter((n) => !times.has(n));
  const blocks = await Promise.all(blockNumbers.map((blockNumber) => client.getBlock({ blockNumber })));
  for (const block of blocks) times.set(block.number, block.timestamp);
  const base = (log: { blockNumber: bigint; logIndex: number; transactionHash: Hex }) => ({
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    time: Number(times.get(log.blockNumber) ?? 0n),
    txHash: log.transactionHash,
  });

  const timeline: TimelineEntry[] = [
    ...submitted.map((log) => ({
      ...base(log),
      kind: "submitted" as const,
      summary: log.args.summary,
      dueAt: Number(log.args.dueAt),
      contentHash: log.args.contentHash,
    })),
    ...changes.map((log) => ({
      ...base(log),
      kind: "status" as const,
      from: Number(log.args.from),
      to: Number(log.args.to),
      by: log.args.by,
      noteHash: log.args.noteHash,
      note: log.args.note,
    })),
    ...duplicates.map((log) => ({
      ...base(log),
      kind: "duplicate" as const,
      originalId: log.args.originalId,
      by: log.args.by,
    })),
    ...escalations.map((log) => ({ ...base(log), kind: "escalated" as const, dueAt: Number(log.args.dueAt) })),
    ...ratings.map((log) => ({
      ...base(log),
      kind: "rated" as const,
      score: Number(log.args.score),
      commentHash: log.args.commentHash,
    })),
  ].sort(compareChainOrder);

  const first = submitted[0];
  const summary = toSummary(id, request, Number(first?.args.agencyId ?? 0), first?.args.summary ?? "");
  const duplicate = duplicates.at(-1);
  return {
    ...summary,
    contentHash: first?.args.contentHash ?? ZERO_HASH,
    duplicateOf: duplicate ? duplicate.args.originalId : null,
    timeline,
    now: Number(latest.timestamp),
    fromBlock: start,
    scannedTo,
    complete,
  };
}
