// The scale benchmark's report: one markdown table (and the raw numbers as JSON).
import type { Latency } from "./bench-measure.js";
import type { ExpectedStats } from "./bench-seed.js";

export interface Row {
  read: string;
  via: string;
  latency?: Latency;
  /** Target for p95, milliseconds. */
  target?: number;
  note?: string;
}

export interface BenchReport {
  date: string;
  machine: { cores: number; cpu: string; memoryGb: number; node: string; platform: string };
  requests: number;
  citizens: number;
  heaviestCitizen: number;
  transactions: number;
  events: number;
  blocks: { first: number; last: number; spanned: number };
  chainDays: number;
  seeding: {
    seconds: number;
    txPerSecond: number;
    phases: { sign: number; send: number; mine: number; logs: number; gap: number };
  };
  indexing: {
    seconds: number;
    events: number;
    eventsPerSecond: number;
    peakRssMb: number;
    peakRssWhileIndexingMb: number;
    tables?: Record<string, number>;
    /** The indexer's JSON-RPC calls until /ready, by method. */
    rpc?: Record<string, { calls: number; ms: number; blocks?: number }>;
  };
  chainPeakRssMb: number;
  expected: ExpectedStats;
  fallback: string;
  /** The lists' SQL under EXPLAIN ANALYZE in the indexer's database: as indexed, and after ANALYZE. */
  plans?: { read: string; ms: number; msAfterAnalyze: number }[];
  rows: Row[];
  notes?: string[];
  totalSeconds: number;
}

const n = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
const ms = (x: number) => (Number.isNaN(x) ? "–" : x < 10 ? x.toFixed(1) : n(x));

export function verdict(row: Row): string {
  if (row.target === undefined) return "";
  if (row.latency === undefined || row.latency.error !== undefined || row.latency.n === 0) return "FAIL";
  return row.latency.p95 <= row.target ? "PASS" : "FAIL";
}

export function markdownReport(r: BenchReport): string {
  const e = r.expected;
  const p = r.seeding.phases;
  const lines = [
    `# Layanan at scale: ${n(r.requests)} requests`,
    "",
    `\`npm run bench:scale -- --requests ${r.requests}\` on ${r.date.slice(0, 10)}: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.platform}. Total run ${n(r.totalSeconds)} s.`,
    "",
    "| | |",
    "| --- | --- |",
    `| requests | ${n(r.requests)} in one agency, from ${n(r.citizens)} citizens (the busiest filed ${n(r.heaviestCitizen)}) |`,
    `| their state | open ${n(e.open)}, completed ${n(e.completed)}, rejected ${n(e.rejected)}, cancelled ${n(e.cancelled)}, duplicates ${n(e.duplicates)}; escalated ${n(e.escalated)}, rated ${n(e.ratingCount)} |`,
    `| chain | ${n(r.blocks.spanned)} blocks (${n(r.blocks.first)}..${n(r.blocks.last)}), ${r.chainDays.toFixed(0)} days of chain time at 2 s a block |`,
    `| seeding | ${n(r.transactions)} transactions, ${n(r.events)} events in ${n(r.seeding.seconds)} s (${n(r.seeding.txPerSecond)} tx/s; signing ${n(p.sign)} s, sending ${n(p.send)} s, mining ${n(p.mine)} s, reading logs ${n(p.logs)} s, empty blocks ${n(p.gap)} s) |`,
    `| indexing | ${n(r.indexing.seconds)} s from \`ponder start\` to /ready: ${n(r.indexing.events)} events, ${n(r.indexing.eventsPerSecond)} events/s |`,
    `| indexer's RPC calls | ${rpcLine(r.indexing.rpc)} |`,
    `| indexer memory | peak RSS ${n(r.indexing.peakRssMb)} MB (process group; ${n(r.indexing.peakRssWhileIndexingMb)} MB while indexing) |`,
    `| chain memory | peak RSS ${n(r.chainPeakRssMb)} MB (Hardhat node, after seeding) |`,
    "",
    "| read | via | p50 ms | p95 ms | n | target p95 | result | answer |",
    "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ...r.rows.map((row) => {
      const l = row.latency;
      const answer = l?.error ? `error: ${l.error}` : (l?.detail ?? row.note ?? "");
      return `| ${row.read} | ${row.via} | ${l ? ms(l.p50) : "–"} | ${l ? ms(l.p95) : "–"} | ${l ? l.n : "–"} | ${row.target === undefined ? "" : `≤ ${n(row.target)}`} | ${verdict(row)} | ${answer.replace(/\|/g, "\\|")} |`;
    }),
    "",
    ...(r.plans
      ? [
          `The lists' SQL in the indexer's database (\`EXPLAIN ANALYZE\`, warm; plans in scale-${r.requests}-plans.md): as Ponder left it, and after \`VACUUM ANALYZE\`.`,
          "",
          "| query | ms as indexed | ms after ANALYZE |",
          "| --- | ---: | ---: |",
          ...r.plans.map((p) => `| ${p.read} | ${p.ms.toFixed(1)} | ${p.msAfterAnalyze.toFixed(1)} |`),
          "",
        ]
      : []),
    "Legend: p50 and p95 by nearest rank over n timed calls, after warm-up calls; the targets are the issue's, for",
    "100,000 requests in one agency (at other sizes they are shown for comparison). Indexer reads go over HTTP through",
    "core's indexerClient; the fallback reads are core's windowed log reads (loadRequestsPage, loadRequest) over a viem",
    "client with the deployment's chain (Multicall3) behind scripts/lib/capping-proxy.ts; CLI rows time the whole",
    "command (npm, tsx, Hardhat's start-up, the reads). The machine is shared: repeated runs differ by up to a third.",
    "",
    ...(r.notes ?? []).map((note) => `- ${note}`),
  ];
  return lines.join("\n") + "\n";
}

function rpcLine(rpc: BenchReport["indexing"]["rpc"]): string {
  if (rpc === undefined) return "";
  return Object.entries(rpc)
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([method, s]) => `${method} ${n(s.calls)}× ${n(s.ms / 1000)} s${s.blocks ? ` (${n(s.blocks)} blocks)` : ""}`)
    .join(", ");
}
