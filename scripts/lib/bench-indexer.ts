// The reads the dApp and the CLI make through the indexer's HTTP API (indexer/API.md), timed.
import { indexerClient, type RequestQuery } from "@layanan/core";
import { measure, type Latency } from "./bench-measure.js";
import type { Row } from "./bench-report.js";
import type { ScaleSeedResult } from "./bench-seed.js";

/** Targets at 100,000 requests in one agency, through the indexer (milliseconds, p95). */
export const TARGETS = { queue: 200, citizen: 100, timeline: 100 } as const;

export function indexerReads(url: string, seeded: ScaleSeedResult, iterations: number) {
  const client = indexerClient(url, { timeoutMs: 60_000 });
  const agencyId = seeded.agencyId;
  const queue = (query: RequestQuery) => async () => {
    const page = await client.requests({ agencyId, pageSize: 50, ...query });
    return `${page.items.length} of ${page.total}`;
  };
  // Citizens sampled across the distribution (every k-th by rank), the heaviest on its own row.
  const ranked = seeded.citizens;
  const sample = Array.from({ length: 50 }, (_, i) => ranked[Math.floor(((i + 0.5) / 50) * ranked.length)]).filter(
    (c) => c !== undefined,
  );
  const requestIds: bigint[] = [
    ...seeded.richRequests,
    ...Array.from({ length: 50 }, (_, i) => BigInt(1 + Math.floor(((i + 0.5) / 50) * seeded.requests))),
  ];

  const row = (read: string, latency: Latency, target?: number): Row => ({
    read,
    via: "indexer HTTP",
    latency,
    target,
  });

  return {
    /** Requests the indexer holds for the agency (all of them once it is ready). */
    async indexedRequests(): Promise<number> {
      return (await client.requests({ agencyId, pageSize: 1 })).total;
    },
    async rows(add: (row: Row) => void): Promise<Row[]> {
      const rows: Row[] = [];
      const push = (r: Row) => {
        rows.push(r);
        add(r);
      };
      const options = { iterations };
      push(
        row(
          "officer queue: open, by due date, first 50",
          await measure(queue({ status: "open", sort: "due" }), options),
          TARGETS.queue,
        ),
      );
      push(
        row(
          'officer queue: open, text search "lampu", by due date',
          await measure(queue({ status: "open", sort: "due", q: "lampu" }), options),
          TARGETS.queue,
        ),
      );
      push(
        row(
          "officer queue: overdue, by due date",
          await measure(queue({ overdue: true, sort: "due" }), options),
          TARGETS.queue,
        ),
      );
      push(
        row(
          "officer queue: all, newest first, page 20",
          await measure(queue({ sort: "newest", page: 20 }), options),
          TARGETS.queue,
        ),
      );
      push(
        row(
          `a citizen's requests (50 citizens across the distribution)`,
          await measure(async (i) => {
            const c = sample[i % sample.length];
            const page = await client.requests({ citizen: c.address });
            return `${page.items.length} of ${page.total}`;
          }, options),
          TARGETS.citizen,
        ),
      );
      const heaviest = ranked[0];
      push(
        row(
          `the busiest citizen's requests (${heaviest.requests})`,
          await measure(async () => {
            const page = await client.requests({ citizen: heaviest.address });
            return `${page.items.length} of ${page.total}`;
          }, options),
          TARGETS.citizen,
        ),
      );
      push(
        row(
          "a request's timeline",
          await measure(async (i) => {
            const id = requestIds[i % requestIds.length];
            const detail = await client.request(id);
            return `${detail?.timeline.length ?? "no"} entries`;
          }, options),
          TARGETS.timeline,
        ),
      );
      push(
        row(
          "agency figures by day (last 30 days)",
          await measure(async () => {
            const today = Math.floor(seeded.lastTime / 86_400);
            const days = await client.agencyDays(agencyId, { from: today - 29, to: today });
            return `${days.length} days`;
          }, options),
        ),
      );
      return rows;
    },
  };
}
