/**
 * Event history read in windows of blocks, as a public RPC allows it: at most a few thousand blocks
 * (or 10,000 logs) per eth_getLogs. Newest first, so that a list can stop after a page and "load
 * more" from a cursor; or oldest first, from a block. Adaptive: when the RPC refuses a window (range
 * too long, too many results, response too big, timeout) the window is halved (or cut to the range
 * the RPC names) and the same blocks are asked again, down to one block; then the error is thrown.
 */
import {
  encodeEventTopics,
  formatLog,
  numberToHex,
  parseEventLogs,
  type Abi,
  type Address,
  type ContractEventName,
  type Hex,
  type Log,
  type PublicClient,
  type RpcLog,
} from "viem";
import { SHRINKABLE_KINDS, rpcErrorInfo, type RpcErrorKind } from "../rpc.ts";

/** Blocks per eth_getLogs unless told otherwise: what the strictest public RPCs allow. */
export const DEFAULT_LOGS_WINDOW = 2000;

/**
 * A window size from configuration (NEXT_PUBLIC_LOGS_WINDOW, LAYANAN_LOGS_WINDOW): a positive
 * integer, else the default.
 */
export function logsWindowFrom(value: string | number | undefined | null, fallback = DEFAULT_LOGS_WINDOW): number {
  const n = typeof value === "number" ? value : value === undefined || value === null ? NaN : Number(value.trim());
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}

/** One event and the values of its indexed arguments to match (an array: any of its values). */
export interface EventFilter<eventName extends string = string> {
  eventName: eventName;
  args?: Record<string, unknown>;
}

/**
 * What to read: one contract's events. `eventName` (one or several) with shared `args`, or
 * `filters`, one per event with its own args. All are fetched by one eth_getLogs per window
 * (topics OR-ed position by position) and each log is then checked against its own event's args.
 */
export type EventQuery<abi extends Abi, eventName extends ContractEventName<abi>> = {
  address: Address;
  abi: abi;
} & (
  | { eventName: eventName | readonly eventName[]; args?: Record<string, unknown>; filters?: undefined }
  | { filters: readonly EventFilter<eventName>[]; eventName?: undefined; args?: undefined }
);

/** A decoded log of the query's events. */
export type EventLog<abi extends Abi, eventName extends ContractEventName<abi>> = Log<
  bigint,
  number,
  false,
  undefined,
  true,
  abi,
  eventName
>;

/** The logs of one window of blocks, both ends included, in the order the generator goes. */
export interface LogWindow<L> {
  fromBlock: bigint;
  toBlock: bigint;
  logs: L[];
}

/** What happened when the RPC refused a window: the range it refused, why, and the next window size. */
export interface WindowRefusal {
  fromBlock: bigint;
  toBlock: bigint;
  kind: RpcErrorKind;
  nextWindowBlocks: number;
  error: unknown;
}

export interface WindowOptions {
  /** The first block to read (the deployment block). */
  fromBlock: bigint;
  /** The last block to read; the latest block when absent. */
  toBlock?: bigint;
  /** Blocks per eth_getLogs (DEFAULT_LOGS_WINDOW); shrinks on refusals. */
  windowBlocks?: number;
  /** Retries of a rate-limited window, with a growing pause (3). */
  rateLimitRetries?: number;
  /** Pause before the first retry of a rate-limited window, in ms (doubles each time; 250). */
  rateLimitDelayMs?: number;
  /** Told of every refused window (for logs and tests). */
  onRefusal?: (refusal: WindowRefusal) => void;
}

/** The latest block number, never cached (viem caches it for a few seconds by default). */
export function latestBlockNumber(client: PublicClient): Promise<bigint> {
  return client.getBlockNumber({ cacheTime: 0 });
}

const filtersOf = <eventName extends string>(query: {
  eventName?: eventName | readonly eventName[];
  args?: Record<string, unknown>;
  filters?: readonly EventFilter<eventName>[];
}): EventFilter<eventName>[] => {
  if (query.filters) return [...query.filters];
  const names = (Array.isArray(query.eventName) ? query.eventName : [query.eventName]) as eventName[];
  return names.map((eventName) => ({ eventName, args: query.args }));
};

type Topic = Hex | Hex[] | null;

/** The topics of several events' filters OR-ed position by position (null where any filter leaves a position open). */
function mergeTopics(abi: Abi, filters: readonly EventFilter[]): Topic[] {
  const perFilter = filters.map(
    (filter) =>
      encodeEventTopics({
        abi,
        eventName: filter.eventName,
        args: filter.args ?? {},
      } as Parameters<typeof encodeEventTopics>[0]) as Topic[],
  );
  const length = Math.max(...perFilter.map((topics) => topics.length));
  const merged: Topic[] = [];
  for (let i = 0; i < length; i++) {
    const values = new Set<Hex>();
    let open = false;
    for (const topics of perFilter) {
      const topic = topics[i] ?? null;
      if (topic === null) open = true;
      else for (const value of Array.isArray(topic) ? topic : [topic]) values.add(value.toLowerCase() as Hex);
    }
    merged.push(open ? null : values.size === 1 ? [...values][0] : [...values]);
  }
  while (merged.length > 1 && merged.at(-1) === null) merged.pop();
  return merged;
}

const same = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : String(a) === String(b);

/** Whether a decoded log matches its event's filter (the merged topics may match more than each filter). */
function matches(log: { eventName: string; args: unknown }, filters: readonly EventFilter[]): boolean {
  return filters.some((filter) => {
    if (filter.eventName !== log.eventName) return false;
    const args = (log.args ?? {}) as Record<string, unknown>;
    return Object.entries(filter.args ?? {}).every(([name, wanted]) => {
      if (wanted === undefined || wanted === null) return true;
      return Array.isArray(wanted) ? wanted.some((value) => same(args[name], value)) : same(args[name], wanted);
    });
  });
}

/** A prepared query: its eth_getLogs filter and how to decode and check the logs it returns. */
function prepare<abi extends Abi, eventName extends ContractEventName<abi>>(query: EventQuery<abi, eventName>) {
  const filters = filtersOf(query as Parameters<typeof filtersOf<eventName>>[0]);
  if (filters.length === 0) throw new Error("an event query needs at least one event");
  const topics = mergeTopics(query.abi, filters);
  const names = [...new Set(filters.map((filter) => filter.eventName))];
  return {
    async fetch(client: PublicClient, fromBlock: bigint, toBlock: bigint): Promise<EventLog<abi, eventName>[]> {
      const raw = (await client.request(
        {
          method: "eth_getLogs",
          params: [
            { address: query.address, topics, fromBlock: numberToHex(fromBlock), toBlock: numberToHex(toBlock) },
          ],
        },
        // The refusals are handled here (a smaller window), not by retrying the same request.
        { retryCount: 0 },
      )) as RpcLog[];
      const decoded = parseEventLogs({
        abi: query.abi,
        logs: raw.map((log) => formatLog(log)) as Log[],
        eventName: names as ContractEventName<abi>[],
        strict: true,
      }) as unknown as EventLog<abi, eventName>[];
      return decoded.filter((log) => matches(log, filters));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The window size of one scan and how it adapts: `read` asks for the range `range(size)` gives
 * (the newest or the oldest `size` blocks still to read), shrinking the size on refusals and
 * retrying, and returns the logs with the range actually read.
 */
class Windows {
  size: bigint;
  /** The largest window the RPC has not refused for its range (a range cap is permanent). */
  ceiling: bigint;
  constructor(
    windowBlocks: number,
    private readonly options: WindowOptions,
  ) {
    this.size = BigInt(Math.max(1, Math.floor(windowBlocks)));
    this.ceiling = this.size;
  }

  async read<L>(
    fetch: (from: bigint, to: bigint) => Promise<L[]>,
    range: (size: bigint) => { from: bigint; to: bigint },
  ): Promise<{ from: bigint; to: bigint; logs: L[] }> {
    let rateLimited = 0;
    for (;;) {
      const { from, to } = range(this.size);
      try {
        const logs = await fetch(from, to);
        // Dense history made the window small; sparse history lets it grow back to the ceiling.
        if (this.size < this.ceiling) this.size = this.size * 2n > this.ceiling ? this.ceiling : this.size * 2n;
        return { from, to, logs };
      } catch (error) {
        const info = rpcErrorInfo(error);
        if (info && SHRINKABLE_KINDS.has(info.kind)) {
          const width = to - from + 1n;
          if (width <= 1n) throw error;
          const hinted = info.maxBlocks !== undefined ? BigInt(info.maxBlocks) : undefined;
          // A range cap the RPC names is the window to use; any other hint (a range that would
          // have fitted, at the oldest end) only ever makes the halved window smaller.
          let next =
            info.kind === "rpc-range" && hinted !== undefined && hinted < width
              ? hinted
              : hinted !== undefined && hinted < width / 2n
                ? hinted
                : width / 2n;
          if (next < 1n) next = 1n;
          this.size = next;
          if (info.kind === "rpc-range" && next < this.ceiling) this.ceiling = next;
          this.options.onRefusal?.({
            fromBlock: from,
            toBlock: to,
            kind: info.kind,
            nextWindowBlocks: Number(next),
            error,
          });
          continue;
        }
        if (info?.kind === "rpc-rate-limited" && rateLimited < (this.options.rateLimitRetries ?? 3)) {
          await sleep((this.options.rateLimitDelayMs ?? 250) * 2 ** rateLimited);
          rateLimited += 1;
          continue;
        }
        throw error;
      }
    }
  }
}

/**
 * The query's logs in windows of blocks from `toBlock` (the latest block) down to `fromBlock`, each
 * window's logs newest first. Every window is yielded, empty ones too, so a caller knows how far it
 * has read; stop iterating to stop reading.
 */
export async function* eventsNewestFirst<abi extends Abi, eventName extends ContractEventName<abi>>(
  client: PublicClient,
  query: EventQuery<abi, eventName>,
  options: WindowOptions,
): AsyncGenerator<LogWindow<EventLog<abi, eventName>>, void, undefined> {
  const prepared = prepare(query);
  const windows = new Windows(options.windowBlocks ?? DEFAULT_LOGS_WINDOW, options);
  let high = options.toBlock ?? (await latestBlockNumber(client));
  const low = options.fromBlock;
  while (high >= low) {
    const top = high;
    const { from, to, logs } = await windows.read(
      (a, b) => prepared.fetch(client, a, b),
      (size) => ({ from: top - size + 1n > low ? top - size + 1n : low, to: top }),
    );
    yield { fromBlock: from, toBlock: to, logs: logs.reverse() };
    high = from - 1n;
  }
}

/** The query's logs in windows from `fromBlock` up to `toBlock` (the latest block), oldest first. */
export async function* eventsOldestFirst<abi extends Abi, eventName extends ContractEventName<abi>>(
  client: PublicClient,
  query: EventQuery<abi, eventName>,
  options: WindowOptions,
): AsyncGenerator<LogWindow<EventLog<abi, eventName>>, void, undefined> {
  const prepared = prepare(query);
  const windows = new Windows(options.windowBlocks ?? DEFAULT_LOGS_WINDOW, options);
  const high = options.toBlock ?? (await latestBlockNumber(client));
  let low = options.fromBlock;
  while (low <= high) {
    const bottom = low;
    const { from, to, logs } = await windows.read(
      (a, b) => prepared.fetch(client, a, b),
      (size) => ({ from: bottom, to: bottom + size - 1n < high ? bottom + size - 1n : high }),
    );
    yield { fromBlock: from, toBlock: to, logs };
    low = to + 1n;
  }
}

/** Every log of the query from `fromBlock` to `toBlock` (the latest block), in chain order, read in windows. */
export async function collectEvents<abi extends Abi, eventName extends ContractEventName<abi>>(
  client: PublicClient,
  query: EventQuery<abi, eventName>,
  options: WindowOptions,
): Promise<{ logs: EventLog<abi, eventName>[]; toBlock: bigint }> {
  const toBlock = options.toBlock ?? (await latestBlockNumber(client));
  const logs: EventLog<abi, eventName>[] = [];
  for await (const window of eventsOldestFirst(client, query, { ...options, toBlock })) logs.push(...window.logs);
  return { logs, toBlock };
}

/** Chain order: block, then log index. */
export function compareChainOrder(
  a: { blockNumber: bigint; logIndex: number },
  b: { blockNumber: bigint; logIndex: number },
): number {
  return a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;
}

/** The logs of one event among a query's several. */
export function logsOf<L extends { eventName: string }, name extends L["eventName"]>(
  logs: readonly L[],
  eventName: name,
): Extract<L, { eventName: name }>[] {
  return logs.filter((log): log is Extract<L, { eventName: name }> => log.eventName === eventName);
}

/** How the list reads use the RPC: what they pass on to the window generators. */
export type ReadWindowOptions = Pick<
  WindowOptions,
  "windowBlocks" | "rateLimitRetries" | "rateLimitDelayMs" | "onRefusal"
>;

/** The window options among a read's options. */
export function windowOptionsOf(options: ReadWindowOptions): ReadWindowOptions {
  return {
    windowBlocks: options.windowBlocks,
    rateLimitRetries: options.rateLimitRetries,
    rateLimitDelayMs: options.rateLimitDelayMs,
    onRefusal: options.onRefusal,
  };
}

/** Where the next page starts: opaque to callers (the head of the list, then a block and a log index). */
export type LogCursor = string;

export interface LogPageOptions extends ReadWindowOptions {
  /** From a previous page's `cursor`; absent (or null) for the first page. */
  cursor?: LogCursor | null;
  /** Items per page (50). */
  limit?: number;
  /**
   * Stop after reading this many blocks even with fewer than `limit` items (the cursor goes on from
   * there), so that a sparse history shows what was found so far; unlimited by default.
   */
  maxBlocks?: number;
}

export interface LogPage<T> {
  /** Newest first. */
  items: T[];
  /** Where "load more" continues; null once the deployment block was reached. */
  cursor: LogCursor | null;
  /** Every item from this block up to `head` has been returned (this page and the ones before). */
  scannedFrom: bigint;
  /** The newest block the list covers: the latest block when its first page was read. */
  head: bigint;
}

export const DEFAULT_LOG_PAGE_SIZE = 50;

function encodeCursor(head: bigint, block: bigint, logIndex: number | null): LogCursor {
  return `${head}:${block}:${logIndex ?? ""}`;
}

function decodeCursor(cursor: LogCursor): { head: bigint; block: bigint; logIndex: number | null } {
  const match = /^(\d+):(\d+):(\d*)$/.exec(cursor);
  if (!match) throw new Error(`not a page cursor: "${cursor}"`);
  return { head: BigInt(match[1]), block: BigInt(match[2]), logIndex: match[3] === "" ? null : Number(match[3]) };
}

/**
 * The newest logs of a query, a page at a time: from the cursor (or the latest block) down to
 * `fromBlock`, in windows of blocks, stopping once `limit` logs are found.
 */
export async function pageOfEvents<abi extends Abi, eventName extends ContractEventName<abi>>(
  client: PublicClient,
  query: EventQuery<abi, eventName>,
  fromBlock: bigint,
  options: LogPageOptions = {},
): Promise<LogPage<EventLog<abi, eventName>>> {
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_LOG_PAGE_SIZE));
  const position = options.cursor ? decodeCursor(options.cursor) : null;
  const head = position?.head ?? (await latestBlockNumber(client));
  const toBlock = position?.block ?? head;
  const before = position?.logIndex ?? null;
  const items: EventLog<abi, eventName>[] = [];
  if (toBlock < fromBlock) return { items, cursor: null, scannedFrom: fromBlock, head };

  let scanned = 0n;
  for await (const window of eventsNewestFirst(client, query, { fromBlock, toBlock, ...windowOptionsOf(options) })) {
    const logs =
      before === null ? window.logs : window.logs.filter((log) => log.blockNumber < toBlock || log.logIndex < before);
    for (const log of logs) {
      if (items.length === limit) {
        // More in this window: go on from just before the last one returned.
        const last = items[items.length - 1];
        return {
          items,
          cursor: encodeCursor(head, last.blockNumber, last.logIndex),
          scannedFrom: log.blockNumber === last.blockNumber ? last.blockNumber + 1n : last.blockNumber,
          head,
        };
      }
      items.push(log);
    }
    scanned += window.toBlock - window.fromBlock + 1n;
    const budgetSpent = options.maxBlocks !== undefined && scanned >= BigInt(options.maxBlocks);
    if (items.length === limit || budgetSpent) {
      return {
        items,
        cursor: window.fromBlock > fromBlock ? encodeCursor(head, window.fromBlock - 1n, null) : null,
        scannedFrom: window.fromBlock,
        head,
      };
    }
  }
  return { items, cursor: null, scannedFrom: fromBlock, head };
}
