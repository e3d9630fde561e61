"use client";
/**
 * Requests: the lists (a citizen's, an agency's queue) in pages of 50 with "load more", and one
 * request as the citizen or the officer acts on it.
 *
 * Lists: with an indexer, filtered, sorted, counted and paged by it (server side); without one, or
 * while it fails, read from the chain in windows of blocks, newest first (@layanan/core
 * loadRequestsPage), the page filtering, sorting and counting what is loaded so far.
 *
 * One request: its current state always from the chain (getRequest), its detail and timeline from
 * the indexer when there is one; where the two disagree (status, escalation, rating, due date) the
 * chain's values are shown and the mismatch is reported.
 */
import {
  isOpenStatus,
  type RequestQuery as IndexerRequestQuery,
  type Layanan,
  loadRequest,
  loadRequestsPage,
  type QueueQuery,
  type RequestCounts,
  type RequestPage,
  type RequestDetail,
  type RequestSummary,
  statusNameOf,
  serviceRequestsAbi,
} from "@layanan/core";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { BaseError, ContractFunctionRevertedError, type PublicClient } from "viem";
import { useClient } from "./client";
import { layanan } from "@/lib/contracts";
import { queryKey } from "@/lib/queries";
import {
  type DataSource,
  type FallbackReason,
  fromIndexerOrChain,
  indexer,
  isFallbackError,
  LOG_WINDOW_BLOCKS,
  markIndexerDown,
  markIndexerUp,
  PAGE_SIZE,
  PAGE_WINDOWS,
  useIndexerDown,
  waitForIndexer,
} from "./source";

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/** Whose requests: a citizen's or an agency's. */
export type RequestScope = { citizen: `0x${string}` } | { agencyId: number };

/** The counts at a glance, as the indexer gives them over the agency's whole queue. */
export type ServerCounts = RequestCounts;

/** What a list shows, from either source. */
export interface RequestList {
  source: DataSource;
  /** Why the chain was read although an indexer is configured. */
  fallback: FallbackReason | null;
  /** The indexer was still behind the chain's head when the list was read (its block and the head). */
  behind: { indexed: bigint; head: bigint } | null;
  /**
   * The rows loaded so far: from the indexer, already filtered and in the query's order; from the
   * chain, every request of the scope in the windows read so far, newest first (the page filters,
   * sorts and counts them).
   */
  items: RequestSummary[];
  /** From the indexer: how many rows match the query in all; null from the chain. */
  total: number | null;
  /** From the indexer (agency lists): the counts over the whole queue; null from the chain. */
  counts: ServerCounts | null;
  /** The indexer's "now" (the time of its latest block), for the overdue rule; null from the chain. */
  now: number | null;
  /** From the chain: the oldest block read so far, and whether that reached the deployment. */
  chain: { scannedFrom: bigint; deployBlock: bigint; complete: boolean } | null;
}

/** The indexer's query for the queue's view (status, overdue, escalated, text, order). */
export function serverQuery(query: QueueQuery): IndexerRequestQuery {
  return {
    ...(query.status === "all" ? {} : query.status === "open" ? { status: "open" } : { status: [query.status] }),
    ...(query.overdue ? { overdue: true } : {}),
    ...(query.escalated ? { escalated: true } : {}),
    ...(query.q.trim() ? { q: query.q.trim() } : {}),
    sort: query.sort === "asc" ? "due" : query.sort === "desc" ? "-due" : "age",
  };
}

const scopeKey = (scope: RequestScope) =>
  "citizen" in scope ? (["citizen", scope.citizen.toLowerCase()] as const) : (["agency", scope.agencyId] as const);

const scopeReady = (scope: RequestScope | undefined): scope is RequestScope =>
  scope !== undefined && ("citizen" in scope ? Boolean(scope.citizen) : scope.agencyId > 0);

/** A page of the indexer's list, and how far behind the chain the indexer still was when it was read. */
type IndexerPage = RequestPage & { behind: { indexed: bigint; head: bigint } | null };

/** Two keys of one list (the same scope and source), whatever the view. */
const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.slice(0, -1).every((part, i) => part === b[i]);
type ChainPage = Awaited<ReturnType<typeof loadRequestsPage>>;

/** One page of the indexer's list; a failure the chain can stand in for switches the lists to the chain. */
async function indexerPage(
  client: PublicClient,
  scope: RequestScope,
  query: IndexerRequestQuery,
  page: number,
): Promise<IndexerPage> {
  try {
    const behind = page === 1 ? await waitForIndexer(indexer!, client) : null;
    const answer = await indexer!.requests({ ...query, ...scope, page, pageSize: PAGE_SIZE });
    markIndexerUp();
    return { ...answer, behind };
  } catch (error) {
    if (isFallbackError(error)) markIndexerDown(error.kind);
    throw error;
  }
}

/**
 * A list of requests, a page of 50 at a time: `query` (the queue's view) goes to the indexer; on
 * the chain every request of the scope is loaded and the page applies the view itself. Keys start
 * with the "requests" family, so that a write refreshes them (queries.ts).
 */
export function useRequestList(scope: RequestScope | undefined, query: IndexerRequestQuery = {}) {
  const client = useClient();
  const down = useIndexerDown();
  const ready = Boolean(client && layanan && scopeReady(scope));
  const mode: DataSource = indexer && !down ? "indexer" : "chain";
  const key = scopeReady(scope) ? scopeKey(scope) : (["none"] as const);

  const indexerKey = queryKey("requests", ...key, "indexer", query);
  const fromIndexer = useInfiniteQuery({
    queryKey: indexerKey,
    // While another view of the same list loads, the last one stays (the filters keep their focus).
    placeholderData: (previous, previousQuery) =>
      previousQuery && sameList(previousQuery.queryKey, indexerKey) ? previous : undefined,
    queryFn: ({ pageParam }) => indexerPage(client!, scope!, query, pageParam),
    initialPageParam: 1,
    getNextPageParam: (last: IndexerPage) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled: ready && mode === "indexer",
    retry: (count, error) => !isFallbackError(error) && count < 1,
  });

  const fromChain = useInfiniteQuery({
    queryKey: queryKey("requests", ...key, "chain"),
    queryFn: ({ pageParam }) =>
      loadRequestsPage(client!, layanan!, scope!, {
        cursor: pageParam,
        limit: PAGE_SIZE,
        windowBlocks: LOG_WINDOW_BLOCKS,
        maxBlocks: LOG_WINDOW_BLOCKS * PAGE_WINDOWS,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ChainPage) => last.cursor ?? undefined,
    enabled: ready && mode === "chain",
  });

  const active = mode === "indexer" ? fromIndexer : fromChain;
  let list: RequestList | undefined;
  if (mode === "indexer" && fromIndexer.data) {
    const pages = fromIndexer.data.pages;
    const last = pages[pages.length - 1];
    list = {
      source: "indexer",
      fallback: null,
      behind: pages[0].behind,
      items: pages.flatMap((p) => p.items),
      total: last.total,
      counts: pages[0].counts ?? null,
      now: last.now,
      chain: null,
    };
  } else if (mode === "chain" && fromChain.data) {
    const pages = fromChain.data.pages;
    const last = pages[pages.length - 1];
    const seen = new Set<bigint>();
    const items: RequestSummary[] = [];
    for (const page of pages)
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        items.push(item);
      }
    list = {
      source: "chain",
      fallback: down,
      behind: null,
      items,
      total: null,
      counts: null,
      now: null,
      chain: {
        scannedFrom: last.scannedFrom,
        deployBlock: layanan!.fromBlock,
        complete: last.cursor === null,
      },
    };
  }

  return {
    list,
    error: active.error,
    /** A new view of the list is loading (the previous one is shown meanwhile). */
    updating: mode === "indexer" && fromIndexer.isPlaceholderData,
    hasMore: Boolean(active.hasNextPage),
    /** More than one page has been loaded. */
    paged: (active.data?.pages.length ?? 0) > 1,
    loadingMore: active.isFetchingNextPage,
    loadMore: () => void active.fetchNextPage(),
    refetch: () => void active.refetch(),
  };
}

export type RequestListResult = ReturnType<typeof useRequestList>;

/**
 * An agency's latest requests (at most 200 from the indexer, the newest windows' from the chain):
 * where the officer looks for the original of a duplicate.
 */
export function useRecentAgencyRequests(agencyId: number) {
  const client = useClient();
  const down = useIndexerDown();
  const mode: DataSource = indexer && !down ? "indexer" : "chain";
  return useQuery({
    queryKey: queryKey("requests", "agency", agencyId, "recent", mode),
    queryFn: async () =>
      (
        await fromIndexerOrChain(
          client!,
          async (ix) => (await ix.requests({ agencyId, sort: "newest", page: 1, pageSize: 200 })).items,
          async () =>
            (
              await loadRequestsPage(
                client!,
                layanan!,
                { agencyId },
                { limit: 200, windowBlocks: LOG_WINDOW_BLOCKS, maxBlocks: LOG_WINDOW_BLOCKS * PAGE_WINDOWS },
              )
            ).items,
        )
      ).data,
    enabled: Boolean(client && layanan && agencyId > 0),
  });
}

/** A summary as the twin check compares it: trimmed, case ignored. */
export const twinKey = (summary: string) => summary.trim().toLocaleLowerCase();

/**
 * The citizen's newest open request to `serviceId` whose summary is `summary` (trimmed, case
 * ignored), or null: what a form filed again after a reload would duplicate. From the indexer
 * (once it has caught up with the chain), else from the chain's newest windows of blocks (a twin
 * is a recent request).
 */
export async function findOpenTwin(
  client: PublicClient,
  deployment: Layanan,
  citizen: `0x${string}`,
  serviceId: number,
  summary: string,
): Promise<RequestSummary | null> {
  const key = twinKey(summary);
  const { data } = await fromIndexerOrChain(
    client,
    async (ix) =>
      (await ix.requests({ citizen, serviceId, status: "open", sort: "newest", page: 1, pageSize: 200 })).items,
    async () =>
      (
        await loadRequestsPage(
          client,
          deployment,
          { citizen },
          { limit: 200, windowBlocks: LOG_WINDOW_BLOCKS, maxBlocks: LOG_WINDOW_BLOCKS * PAGE_WINDOWS },
        )
      ).items,
  );
  return (
    data.find(
      (r) =>
        r.citizen.toLowerCase() === citizen.toLowerCase() &&
        r.serviceId === serviceId &&
        isOpenStatus(r.status) &&
        twinKey(r.summary) === key,
    ) ?? null
  );
}

// ---------------------------------------------------------------------------------------------
// One request
// ---------------------------------------------------------------------------------------------

/** What the page compares between the index and the chain ("missing": the index lacks the request). */
export type MismatchField = "status" | "escalated" | "rating" | "dueAt" | "missing";

export interface RequestRecord {
  /** The request with the chain's status, escalation, rating and due date. */
  detail: RequestDetail;
  /** Where the detail and the timeline came from. */
  source: DataSource;
  fallback: FallbackReason | null;
  /** The indexer was still behind the chain's head when read. */
  behind: { indexed: bigint; head: bigint } | null;
  /** Where the indexer's copy differs from the chain (empty: it agrees, or there is no indexer). */
  mismatch: MismatchField[];
}

function isUnknownRequest(error: unknown) {
  if (!(error instanceof BaseError)) return false;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === "RequestUnknown";
}

/** ServiceRequests.getRequest, null for an unknown id. */
async function chainState(client: PublicClient, { contracts: c }: Layanan, id: bigint) {
  try {
    const r = await client.readContract({
      address: c.requests.address,
      abi: serviceRequestsAbi,
      functionName: "getRequest",
      args: [id],
    });
    return { status: Number(r.status), escalated: r.escalated, rating: Number(r.rating), dueAt: Number(r.dueAt) };
  } catch (error) {
    if (isUnknownRequest(error)) return null;
    throw error;
  }
}

type ChainState = NonNullable<Awaited<ReturnType<typeof chainState>>>;

/** The fields where the indexer's copy differs from the chain's state. */
export function compareWithChain(indexed: Pick<RequestDetail, keyof ChainState>, chain: ChainState): MismatchField[] {
  const fields: MismatchField[] = [];
  if (indexed.status !== chain.status) fields.push("status");
  if (indexed.escalated !== chain.escalated) fields.push("escalated");
  if (indexed.rating !== chain.rating) fields.push("rating");
  if (indexed.dueAt !== chain.dueAt) fields.push("dueAt");
  return fields;
}

/** One request, its timeline from the indexer (checked against the chain) or from the chain; null when unknown. */
export async function loadRequestRecord(
  client: PublicClient,
  deployment: Layanan,
  id: bigint,
): Promise<RequestRecord | null> {
  const fromChain = async (fallback: FallbackReason | null, mismatch: MismatchField[] = []) => {
    const detail = await loadRequest(client, deployment, id, { windowBlocks: LOG_WINDOW_BLOCKS });
    return detail && { detail, source: "chain" as const, fallback, behind: null, mismatch };
  };
  // The chain's state, read at once beside the indexer's copy.
  const state = chainState(client, deployment, id);
  state.catch(() => undefined);
  const read = await fromIndexerOrChain<{ indexed: RequestDetail | null }>(
    client,
    async (ix) => ({ indexed: await ix.request(id) }),
    async () => ({ indexed: null }),
  );
  if (read.source === "chain") return fromChain(read.fallback);
  const onChain = await state;
  if (onChain === null) return null;
  const { indexed } = read.data;
  // The index does not have it yet: the chain's own timeline, and say so.
  if (!indexed) return fromChain(null, ["missing"]);
  const mismatch = compareWithChain(indexed, onChain);
  const detail: RequestDetail = {
    ...indexed,
    ...onChain,
    statusName: statusNameOf(onChain.status),
  };
  return { detail, source: "indexer", fallback: null, behind: read.behind, mismatch };
}

/** One request as its page shows it (see loadRequestRecord), keyed in the "request" family. */
export function useRequestRecord(id: bigint | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: queryKey("request", id?.toString()),
    queryFn: () => loadRequestRecord(client!, layanan!, id!),
    enabled: Boolean(client && layanan && id !== undefined),
  });
}
