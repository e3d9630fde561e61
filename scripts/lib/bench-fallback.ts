// The dApp's fallback without the indexer: windowed log reads (core/src/reads/logs.ts) over an RPC
// that caps eth_getLogs as public RPCs do (scripts/lib/capping-proxy.ts), timed.
import { createPublicClient, http, type PublicClient } from "viem";
import { layananChain, layananOf, loadRequest, loadRequestsPage, loadTransparency, type Manifest } from "@layanan/core";
import { measure, oneLine, type Latency } from "./bench-measure.js";
import { startCappingProxy, type CappingProxy } from "./capping-proxy.js";
import type { Row } from "./bench-report.js";
import type { ScaleSeedResult } from "./bench-seed.js";

/** Target: the queue's first page behind a 2,000-block cap (milliseconds). */
export const FALLBACK_FIRST_PAGE_MS = 3000;

export interface FallbackOptions {
  target: string;
  port: number;
  proxyUrl: string;
  maxBlocks: number;
  maxResults: number;
  manifest: Manifest;
  seeded: ScaleSeedResult;
  iterations: number;
  add: (row: Row) => void;
}

export async function fallbackReads(options: FallbackOptions): Promise<{ note: string }> {
  const { seeded } = options;
  const via = `capped RPC (${options.maxBlocks} blocks)`;
  const proxy = await startCappingProxy({
    target: options.target,
    port: options.port,
    maxBlocks: options.maxBlocks,
    maxResults: options.maxResults,
  });
  try {
    // Each row says what one read cost the RPC: calls per read, and refusals (which the reads retry smaller).
    const add = (row: Row) => options.add(row.latency ? { ...row, latency: withCalls(row.latency) } : row);
    // As the dApp builds its client: the deployment's chain, which declares its Multicall3.
    const client = createPublicClient({
      chain: layananChain(options.manifest, { rpcUrl: options.proxyUrl }),
      transport: http(options.proxyUrl, { retryCount: 0 }),
    }) as PublicClient;
    const layanan = layananOf(options.manifest);
    const page =
      (filter: { agencyId?: number; citizen?: `0x${string}` }, pages = 1) =>
      async () => {
        let cursor: string | null = null;
        let items = 0;
        for (let i = 0; i < pages; i++) {
          const result = await loadRequestsPage(client, layanan, filter, {
            cursor,
            limit: 50,
            windowBlocks: options.maxBlocks,
          });
          items += result.items.length;
          cursor = result.cursor;
          if (cursor === null) break;
        }
        return `${items} requests`;
      };
    const iterations = { iterations: options.iterations, warmup: 1 };
    add({
      read: "officer queue: first page of 50 (agency)",
      via,
      latency: await measured(proxy, page({ agencyId: seeded.agencyId }), iterations),
      target: FALLBACK_FIRST_PAGE_MS,
    });
    add({
      read: "officer queue: first 3 pages (load more twice)",
      via,
      latency: await measured(proxy, page({ agencyId: seeded.agencyId }, 3), iterations),
    });
    const typical = seeded.citizens[Math.floor(seeded.citizens.length / 2)];
    add({
      read: `a citizen's requests: first page (${typical.requests} requests in all)`,
      via,
      latency: await measured(proxy, page({ citizen: typical.address }), { ...iterations, budgetMs: 60_000 }),
    });
    const id = seeded.richRequests[0] ?? 1n;
    add({
      read: "a request's timeline (loadRequest)",
      via,
      latency: await measured(
        proxy,
        async () => {
          const detail = await loadRequest(client, layanan, id);
          return `${detail?.timeline.length ?? 0} entries`;
        },
        iterations,
      ),
    });
    add({
      read: "transparency figures (loadTransparency)",
      via,
      latency: await measured(
        proxy,
        async () => `${(await loadTransparency(client, layanan)).length} agencies`,
        iterations,
      ),
    });
    return { note: "measured" };
  } catch (error) {
    const note = `failed: ${oneLine(error)}`;
    options.add({ read: "windowed fallback", via, note });
    return { note };
  } finally {
    await proxy.close();
  }
}

interface Calls {
  total: number;
  getLogs: number;
  refused: number;
  reads: number;
}

/** Times a read as `measure` does, counting the proxy's calls from the first timed call on. */
async function measured(
  proxy: CappingProxy,
  call: (i: number) => Promise<string | void>,
  options: Parameters<typeof measure>[1],
): Promise<Latency & { calls?: Calls }> {
  const warmup = options?.warmup ?? 3;
  let reads = 0;
  const latency = await measure(async (i) => {
    if (i === warmup) proxy.reset();
    if (i >= warmup) reads++;
    return call(i);
  }, options);
  const total = Object.values(proxy.counts).reduce((a, b) => a + b, 0);
  const refused = proxy.refused.range + proxy.refused.results + proxy.refused.size;
  return { ...latency, calls: { total, getLogs: proxy.counts.eth_getLogs ?? 0, refused, reads } };
}

function withCalls(latency: Latency & { calls?: Calls }): Latency {
  const c = latency.calls;
  if (c === undefined || c.reads === 0) return latency;
  const per = (n: number) => (n / c.reads).toFixed(0);
  const note = `${per(c.total)} RPC calls a read (${per(c.getLogs)} eth_getLogs${c.refused > 0 ? `, ${per(c.refused)} refused` : ""})`;
  return { ...latency, detail: [latency.detail, note].filter(Boolean).join("; ") };
}
