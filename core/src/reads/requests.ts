/**
 * Service requests: lists (a citizen's, an agency's queue) and one request with its timeline built
 * from its events and their block times. Read over a viem public client.
 */
import { BaseError, ContractFunctionRevertedError, type Hex, type PublicClient } from "viem";
import { ZERO_HASH } from "../commitment.ts";
import type { Layanan } from "../contracts.ts";
import { STATUS_NAMES, type StatusName } from "../status.ts";

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

/**
 * Requests found through RequestSubmitted (filtered by its indexed citizen and agencyId), each with
 * its current state from getRequest, in the order filed.
 */
export async function loadRequests(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  filter: RequestFilter = {},
): Promise<RequestSummary[]> {
  const logs = await client.getContractEvents({
    ...c.requests,
    eventName: "RequestSubmitted",
    args: { citizen: filter.citizen, agencyId: filter.agencyId },
    fromBlock,
  });
  return Promise.all(
    logs.map(async (log) => {
      const id = log.args.requestId!;
      const r = await client.readContract({ ...c.requests, functionName: "getRequest", args: [id] });
      return toSummary(id, r, Number(log.args.agencyId), log.args.summary ?? "");
    }),
  );
}

const newestFirst = (a: RequestSummary, b: RequestSummary) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The requests `citizen` filed, newest first, with their current state. */
export async function loadCitizenRequests(
  client: PublicClient,
  layanan: Layanan,
  citizen: `0x${string}`,
): Promise<RequestSummary[]> {
  return (await loadRequests(client, layanan, { citizen })).sort(newestFirst);
}

/** An agency's requests, in the order filed (the queue sorts them, see queue.ts). */
export async function loadAgencyRequests(
  client: PublicClient,
  layanan: Layanan,
  agencyId: number,
): Promise<RequestSummary[]> {
  return loadRequests(client, layanan, { agencyId });
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
export async function loadRequest(
  client: PublicClient,
  { contracts: c, fromBlock }: Layanan,
  id: bigint,
): Promise<RequestDetail | null> {
  let request;
  try {
    request = await client.readContract({ ...c.requests, functionName: "getRequest", args: [id] });
  } catch (error) {
    if (isUnknownRequest(error)) return null;
    throw error;
  }
  const filter = { args: { requestId: id }, fromBlock } as const;
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
