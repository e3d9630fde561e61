/**
 * Where each read comes from: the indexer when the deployment names one (services.ts), the chain
 * otherwise, and the chain again when the indexer fails (unreachable, too slow, a garbled answer).
 * One small store remembers that the indexer failed, so that the lists switch to their chain form
 * at once and stay there instead of waiting on a dead indexer at every read; any later read that
 * reaches the indexer again switches them back.
 */
import { IndexerError, indexerClient, logsWindowFrom } from "@layanan/core";
import { useSyncExternalStore } from "react";
import type { PublicClient } from "viem";
import { CHAIN_ID } from "@/lib/chain";
import { INDEXER_URL } from "@/lib/services";

/** Where a read came from: the `data-source` of the list that shows it. */
export type DataSource = "indexer" | "chain";

/** Why the chain was read although an indexer is configured (null: the read was not a fallback). */
export type FallbackReason = "unreachable" | "timeout" | "bad-response";

/** A read and where it came from. */
export interface Sourced<T> {
  data: T;
  source: DataSource;
  fallback: FallbackReason | null;
  /** The indexer was behind the chain's head when read (its block and the head), else null. */
  behind: { indexed: bigint; head: bigint } | null;
}

/** The indexer's answers within this time, or the chain is read instead. */
const INDEXER_TIMEOUT_MS = 8_000;

/** The indexer's client, or null when the deployment has none (the dApp then reads the chain only). */
export const indexer = INDEXER_URL ? indexerClient(INDEXER_URL, { timeoutMs: INDEXER_TIMEOUT_MS }) : null;

export type Indexer = NonNullable<typeof indexer>;

/**
 * Blocks per eth_getLogs call when the chain is read: public RPCs cap it, 2,000 is a common limit
 * (NEXT_PUBLIC_LOGS_WINDOW, read at build time). The window shrinks by itself when the RPC refuses it.
 */
export const LOG_WINDOW_BLOCKS = logsWindowFrom(process.env.NEXT_PUBLIC_LOGS_WINDOW);

/**
 * Windows a page of a list reads at most (NEXT_PUBLIC_LOGS_PAGE_WINDOWS, 5: 10,000 blocks by
 * default), so that "load more" costs a few calls however sparse the history; a page also stops
 * at 50 rows.
 */
export const PAGE_WINDOWS = logsWindowFrom(process.env.NEXT_PUBLIC_LOGS_PAGE_WINDOWS, 5);

/** Rows per page of a list, from the indexer or the chain. */
export const PAGE_SIZE = 50;

const FALLBACK_KINDS: readonly string[] = ["unreachable", "timeout", "bad-response"];

/** An indexer failure the chain can stand in for (a "not-found" is an answer, not a failure). */
export function isFallbackError(error: unknown): error is IndexerError & { kind: FallbackReason } {
  return error instanceof IndexerError && FALLBACK_KINDS.includes(error.kind);
}

// ---------------------------------------------------------------------------------------------
// The indexer's health, shared by every read of the page
// ---------------------------------------------------------------------------------------------

/** After a failure, reads skip the indexer this long before trying it again. */
const RETRY_AFTER_MS = 30_000;

let down: { reason: FallbackReason; at: number } | null = null;
const listeners = new Set<() => void>();

function setDown(next: typeof down) {
  if ((down === null) === (next === null) && down?.reason === next?.reason) return;
  down = next;
  for (const listener of listeners) listener();
}

/** Records an indexer failure: the lists read the chain from now on. */
export const markIndexerDown = (reason: FallbackReason) => setDown({ reason, at: Date.now() });

/** Records that the indexer answered: the lists read it again. */
export const markIndexerUp = () => setDown(null);

/** Whether a read should try the indexer now (configured, and not failed in the last 30 s). */
export const shouldTryIndexer = () => indexer !== null && (down === null || Date.now() - down.at > RETRY_AFTER_MS);

/** Why the lists read the chain although an indexer is configured; null while it answers. */
export function useIndexerDown(): FallbackReason | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => (indexer ? (down?.reason ?? null) : null),
    () => null,
  );
}

// ---------------------------------------------------------------------------------------------
// Freshness: the indexer must have seen the chain's head before its lists are believed
// ---------------------------------------------------------------------------------------------

/** How long a read waits for the indexer to reach the chain's head (e.g. just after a write). */
const CATCH_UP_MS = 4_000;
const POLL_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last head the indexer was seen at or past: later reads at the same head need not ask again. */
let caughtUpTo = -1n;

/**
 * Waits (a few seconds at most) until the indexer has indexed the chain's current head, so that a
 * list read right after a write shows it. Returns null when it has, else how far behind it still
 * is. Throws IndexerError when the indexer does not answer, and a "bad-response" one when it
 * indexes another chain.
 */
export async function waitForIndexer(
  ix: Indexer,
  client: PublicClient,
): Promise<{ indexed: bigint; head: bigint } | null> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  if (head <= caughtUpTo) return null;
  const deadline = Date.now() + CATCH_UP_MS;
  for (;;) {
    const status = await ix.status().catch((error: unknown) => {
      // No status route at that URL: not the indexer's API.
      if (error instanceof IndexerError && error.kind === "not-found")
        throw new IndexerError("bad-response", error.message, error.status);
      throw error;
    });
    if (status.chainId !== CHAIN_ID)
      throw new IndexerError("bad-response", `the indexer indexes chain ${status.chainId}, not ${CHAIN_ID}`);
    const indexed = status.block;
    if (indexed >= head) {
      if (head > caughtUpTo) caughtUpTo = head;
      return null;
    }
    if (Date.now() >= deadline) return { indexed, head };
    await sleep(POLL_MS);
  }
}

/**
 * A read from the indexer (once it has caught up with the chain), or from the chain when there is
 * no indexer, it failed recently, or it fails now with a failure the chain can stand in for. Any
 * other error (the chain's own, a bad query) is thrown.
 */
export async function fromIndexerOrChain<T>(
  client: PublicClient,
  viaIndexer: (ix: Indexer) => Promise<T>,
  viaChain: () => Promise<T>,
): Promise<Sourced<T>> {
  if (indexer && shouldTryIndexer()) {
    try {
      const behind = await waitForIndexer(indexer, client);
      const data = await viaIndexer(indexer);
      markIndexerUp();
      return { data, source: "indexer", fallback: null, behind };
    } catch (error) {
      if (!isFallbackError(error)) throw error;
      markIndexerDown(error.kind);
      return { data: await viaChain(), source: "chain", fallback: error.kind, behind: null };
    }
  }
  return {
    data: await viaChain(),
    source: "chain",
    fallback: indexer ? (down?.reason ?? "unreachable") : null,
    behind: null,
  };
}
