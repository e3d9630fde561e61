// `npm run bench:scale [-- --requests 100000] [--keep] [--skip-fallback] [--skip-cli]`
//
// How Layanan holds up with a city's history: a fresh local chain (Hardhat node on port 8554),
// the demo city deployed and seeded into a temporary folder, then N requests in one agency filed
// by many citizens over millions of blocks (see lib/bench-seed.ts), part of them worked through
// their statuses. The indexer (Ponder, PGlite) indexes it all; then the reads the dApp and the CLI
// make are timed through the indexer and through the windowed log reads behind an RPC that caps
// eth_getLogs as public RPCs do. One table is printed and written to bench/scale-<N>.md, the raw
// numbers to bench/scale-<N>.json.
//
// After the reads, the lists' SQL is run under EXPLAIN ANALYZE in the indexer's database, as Ponder
// left it and after VACUUM ANALYZE (bench/scale-<N>-plans.md).
//
// Other options: --batch <requests per block> (250), --blocks-per-request <n> (80: 8M blocks for
// 100,000), --iterations <n> (40), --seed <n>; --explain-dir <pglite folder> --requests <N> only
// explains a database kept by an earlier run (--keep) and adds the plans to its report; --render
// --requests <N> writes bench/scale-<N>.md again from its .json. Ports: 8554
// (chain), 8555 (capping proxy), 42090 (indexer); LAYANAN_BENCH_PORT_BASE moves all three (chain =
// base, proxy = base + 1, indexer = base + 33536). LAYANAN_BENCH_PONDER_LOG=info shows Ponder's log
// (in the temporary folder's indexer.log); the indexer's JSON-RPC calls are in indexer-rpc.log.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Manifest } from "@layanan/core";
import type { PublicClient } from "viem";
import { runCli } from "./lib/bench-cli-run.js";
import { measure } from "./lib/bench-measure.js";
import {
  portIsFree,
  sampleRss,
  startService,
  stopAllServices,
  stopService,
  waitFor,
  type Service,
} from "./lib/bench-process.js";
import { markdownReport, type BenchReport, type Row } from "./lib/bench-report.js";
import { rpcClient } from "./lib/bench-rpc.js";
import { startRpcMeter } from "./lib/bench-rpc-meter.js";
import { seedScale } from "./lib/bench-seed.js";
import { fallbackReads } from "./lib/bench-fallback.js";
import { explainLists, plansMarkdown } from "./lib/bench-explain.js";
import { indexerReads } from "./lib/bench-indexer.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const NETWORK = "bench";
const JOURNAL = path.join(ROOT, "ignition", "deployments", `layanan-${NETWORK}`);

// ---------------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string, fallback: number) => {
  const at = argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const n = Number(argv[at + 1]?.replace(/[_,]/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive integer.`);
  return n;
};
const known = new Set([
  "requests",
  "keep",
  "skip-fallback",
  "skip-cli",
  "batch",
  "blocks-per-request",
  "iterations",
  "seed",
  "explain-dir",
  "render",
]);
for (const word of argv) {
  if (word.startsWith("--") && !known.has(word.slice(2))) {
    console.error(`Unknown option ${word}. Options: ${[...known].map((k) => `--${k}`).join(" ")}`);
    process.exit(1);
  }
}
const REQUESTS = value("requests", 10_000);
const BATCH = value("batch", 250);
const BLOCKS_PER_REQUEST = value("blocks-per-request", 80);
const ITERATIONS = value("iterations", 40);
const SEED = value("seed", 20_260_101);
const BASE = Number(process.env.LAYANAN_BENCH_PORT_BASE ?? 8554);
const CHAIN_PORT = BASE;
const PROXY_PORT = BASE + 1;
const INDEXER_PORT = BASE + 33_536;
const RPC_URL = `http://127.0.0.1:${CHAIN_PORT}`;
const PROXY_URL = `http://127.0.0.1:${PROXY_PORT}`;
const INDEXER_URL = `http://127.0.0.1:${INDEXER_PORT}`;
/** The capping proxy's limits: what public RPCs allow per eth_getLogs. */
const CAP_BLOCKS = 2_000;
const CAP_RESULTS = 10_000;

const started = performance.now();
const clock = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s`;
const log = (line: string) => console.log(`[bench ${clock()}] ${line}`);

const work = mkdtempSync(path.join(os.tmpdir(), "layanan-bench-"));
const logFile = (name: string) => path.join(work, `${name}.log`);
let cleaned = false;
/** Whether this run deployed (and so owns the Ignition journal of the "bench" network). */
let deploying = false;
function cleanup(): void {
  if (cleaned) return;
  cleaned = true;
  stopAllServices();
  if (deploying) rmSync(JOURNAL, { recursive: true, force: true });
  if (!flag("keep")) rmSync(work, { recursive: true, force: true });
  else console.log(`Kept ${work} (chain, indexer and CLI logs, the PGlite database).`);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the chain and the indexer.`);
    cleanup();
    process.exit(130);
  });
}

/** Runs a command to its end, quietly into a log; resolves with its exit code. */
function run(command: string, args: string[], cwd: string, logName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = logFile(logName);
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("exit", (code) => {
      writeFileSync(out, Buffer.concat(chunks));
      resolve(code ?? 1);
    });
  });
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function main(): Promise<BenchReport> {
  for (const [port, what] of [
    [CHAIN_PORT, "the chain"],
    [PROXY_PORT, "the capping proxy"],
    [INDEXER_PORT, "the indexer"],
  ] as const) {
    if (!(await portIsFree(port))) {
      throw new Error(
        `Port ${port} (for ${what}) is busy: another bench run? (LAYANAN_BENCH_PORT_BASE moves the ports.)`,
      );
    }
  }
  const deploymentsDir = path.join(work, "deployments");
  const localDir = path.join(work, "local");
  process.env.LAYANAN_DEPLOYMENTS_DIR = deploymentsDir;
  process.env.LAYANAN_LOCAL_DIR = localDir;

  log("Compiling the contracts…");
  if ((await run(path.join(BIN, "hardhat"), ["build", "--no-tests", "--quiet"], ROOT, "build")) !== 0) {
    throw new Error(`The contracts did not compile; see ${logFile("build")}.`);
  }

  log(`Starting a fresh chain on ${RPC_URL} …`);
  const chain = startService(
    "The chain",
    path.join(BIN, "hardhat"),
    ["node", "--port", String(CHAIN_PORT)],
    { cwd: ROOT },
    logFile("chain"),
  );
  const rpc = rpcClient(RPC_URL);
  await waitFor("The chain (hardhat node)", 90, async () => (await rpc.call("eth_chainId")) !== undefined, chain);

  log("Deploying and seeding the demo city…");
  deploying = true;
  rmSync(JOURNAL, { recursive: true, force: true });
  const { network } = await import("hardhat");
  const { deploy } = await import("./lib/deploy.js");
  const { seed } = await import("./lib/seed.js");
  const connection = await network.create({ network: "localhost", override: { url: RPC_URL } });
  const quiet = (line: string) => writeFileSync(logFile("seed"), `${line}\n`, { flag: "a" });
  let manifest: Manifest;
  let manifestFile: string;
  try {
    const deployed = await deploy(connection, { network: NETWORK, dir: deploymentsDir, log: quiet });
    manifest = deployed.manifest;
    manifestFile = deployed.file;
    await seed(connection, manifest, quiet);
  } finally {
    await connection.close();
  }
  rmSync(JOURNAL, { recursive: true, force: true });

  log(
    `Seeding ${REQUESTS.toLocaleString("en")} requests (batches of ${BATCH}, ${BLOCKS_PER_REQUEST} blocks per request)…`,
  );
  const seeded = await seedScale(rpc, manifest, {
    requests: REQUESTS,
    batchSize: BATCH,
    blocksPerRequest: BLOCKS_PER_REQUEST,
    seed: SEED,
    log,
  });
  log(
    `Seeded ${seeded.requests} requests, ${seeded.transactions} transactions, ${seeded.events} events in ${seeded.seconds.toFixed(0)} s; blocks ${seeded.firstBlock}..${seeded.lastBlock}.`,
  );
  const chainRss = sampleRss(chain);

  // The on-chain figures must be what the seeding meant: no transaction was lost or reverted.
  const { createPublicClient, http } = await import("viem");
  const { layananChain, layananOf, loadTransparency } = await import("@layanan/core");
  const layanan = layananOf(manifest);
  const direct = createPublicClient({
    chain: layananChain(manifest, { rpcUrl: RPC_URL }),
    transport: http(RPC_URL, { retryCount: 0 }),
  }) as PublicClient;
  const figures = (await loadTransparency(direct, layanan)).find((a) => a.id === seeded.agencyId)!;
  const checks: string[] = [];
  for (const [name, want] of Object.entries(seeded.expected)) {
    const got = Number(figures.stats[name as keyof typeof figures.stats]);
    // The demo seed filed a few requests to this agency before: on-chain counts may exceed by those.
    if (got < want || got > want + 10) checks.push(`${name}: chain ${got}, seeded ${want}`);
  }
  if (checks.length > 0) throw new Error(`The chain's figures differ from what was seeded: ${checks.join("; ")}`);

  // --- the indexer ---------------------------------------------------------------------------
  log(`Starting the indexer on ${INDEXER_URL} (ponder start, PGlite)…`);
  const pglite = path.join(work, "pglite");
  // The indexer reaches the chain through a meter: what it asked, how often, how long it waited.
  const meter = await startRpcMeter(RPC_URL, logFile("indexer-rpc"));
  const indexerStarted = performance.now();
  const indexer: Service = startService(
    "The indexer",
    path.join(BIN, "ponder"),
    [
      "start",
      "--schema",
      "bench",
      "--port",
      String(INDEXER_PORT),
      "--log-level",
      process.env.LAYANAN_BENCH_PONDER_LOG ?? "warn",
    ],
    {
      cwd: path.join(ROOT, "indexer"),
      env: {
        ...process.env,
        PONDER_TELEMETRY_DISABLED: "true",
        LAYANAN_MANIFEST: manifestFile,
        LAYANAN_RPC_URL: meter.url,
        LAYANAN_PGLITE_DIR: pglite,
      },
    },
    logFile("indexer"),
  );
  const indexerRss = sampleRss(indexer);
  await waitFor(
    "The indexer (/ready)",
    7200,
    async () => (await fetch(`${INDEXER_URL}/ready`)).status === 200,
    indexer,
  );
  const indexingSeconds = (performance.now() - indexerStarted) / 1000;
  const indexingPeak = indexerRss.peak();
  const indexerRpc = meter.stats();
  log(`Indexer ready after ${indexingSeconds.toFixed(1)} s (peak RSS so far ${mb(indexingPeak)} MB).`);

  const reads = indexerReads(INDEXER_URL, seeded, ITERATIONS);
  // Every event of the four contracts up to the end of the seeding: the demo city's and the benchmark's.
  const demoLogs = await rpc.call<unknown[]>("eth_getLogs", [
    {
      address: Object.values(manifest.contracts).map((c) => c.address),
      fromBlock: `0x${manifest.deployBlock.toString(16)}`,
      toBlock: `0x${(seeded.firstBlock - 1).toString(16)}`,
    },
  ]);
  const indexed = demoLogs.length + seeded.events;
  const indexedRequests = await reads.indexedRequests();
  if (indexedRequests < seeded.requests) {
    throw new Error(`The indexer holds ${indexedRequests} of the agency's ${seeded.requests}+ requests after /ready.`);
  }
  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    const l = row.latency;
    log(
      `  ${row.read} [${row.via}]: ${l ? `p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms (n=${l.n})${l.error ? `, ERROR ${l.error}` : ""}` : row.note}`,
    );
  };
  log("Timing reads through the indexer…");
  for (const row of await reads.rows(add)) void row;

  log("Timing the figures on chain…");
  add({
    read: "transparency figures (loadTransparency)",
    via: "chain RPC",
    latency: await measure(async () => `${(await loadTransparency(direct, layanan)).length} agencies`, {
      iterations: ITERATIONS,
    }),
  });

  // --- the windowed fallback behind a capping RPC --------------------------------------------
  let fallback: { note: string } = { note: "skipped (--skip-fallback)" };
  if (!flag("skip-fallback")) {
    log(`Timing the windowed log reads behind a capping proxy (${CAP_BLOCKS} blocks, ${CAP_RESULTS} results)…`);
    fallback = await fallbackReads({
      target: RPC_URL,
      port: PROXY_PORT,
      proxyUrl: PROXY_URL,
      maxBlocks: CAP_BLOCKS,
      maxResults: CAP_RESULTS,
      manifest,
      seeded,
      iterations: Math.min(ITERATIONS, 10),
      add,
    });
  }

  // --- the CLI -------------------------------------------------------------------------------
  if (!flag("skip-cli")) {
    log("Timing the CLI's requests list…");
    // The CLI names networks after hardhat.config.ts: "public" reads its URL and key from the
    // environment, and deployments/public.json from LAYANAN_DEPLOYMENTS_DIR.
    const cliDir = path.join(work, "cli-deployments");
    mkdirSync(cliDir, { recursive: true });
    const forCli = { ...manifest, network: "public", services: { indexer: INDEXER_URL } };
    writeFileSync(path.join(cliDir, "public.json"), JSON.stringify(forCli, null, 2) + "\n");
    cpSync(localDir, path.join(work, "cli-local"), { recursive: true });
    for (const row of await runCli({
      root: ROOT,
      rpcUrl: RPC_URL,
      deploymentsDir: cliDir,
      localDir: path.join(work, "cli-local"),
      agencyId: seeded.agencyId,
      logFile: logFile("cli"),
      iterations: 3,
    })) {
      add(row);
    }
  }

  const peakIndexer = indexerRss.stop();
  const peakChain = chainRss.stop();
  await stopService(indexer);
  await meter.close();

  // Why a list read costs what it does: its query plans, as indexed and after ANALYZE.
  log("Explaining the lists' queries in the indexer's database…");
  const plans = await explainLists({
    dir: pglite,
    schema: "bench",
    agencyId: seeded.agencyId,
    citizen: seeded.citizens[0]?.address,
    requestId: seeded.richRequests[0],
    now: seeded.lastTime,
  });
  writeFileSync(
    path.join(ROOT, "bench", `scale-${seeded.requests}-plans.md`),
    plansMarkdown(`Query plans at ${seeded.requests.toLocaleString("en-US")} requests`, plans),
  );

  return {
    date: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? "?",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    requests: seeded.requests,
    citizens: seeded.citizens.length,
    heaviestCitizen: seeded.citizens[0]?.requests ?? 0,
    transactions: seeded.transactions,
    events: seeded.events,
    blocks: { first: seeded.firstBlock, last: seeded.lastBlock, spanned: seeded.lastBlock - seeded.firstBlock + 1 },
    chainDays: (seeded.lastTime - seeded.firstTime) / 86_400,
    seeding: { seconds: seeded.seconds, txPerSecond: seeded.transactions / seeded.seconds, phases: seeded.phases },
    indexing: {
      seconds: indexingSeconds,
      events: indexed,
      eventsPerSecond: indexed / indexingSeconds,
      peakRssMb: mb(peakIndexer),
      peakRssWhileIndexingMb: mb(indexingPeak),
      rpc: indexerRpc,
    },
    chainPeakRssMb: mb(peakChain),
    expected: seeded.expected,
    fallback: fallback.note,
    plans: plans.asIndexed.map((plan, i) => ({ read: plan.read, ms: plan.ms, msAfterAnalyze: plans.analyzed[i].ms })),
    rows,
    totalSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * `--explain-dir <pglite folder>`: only the query plans of a database kept by an earlier run
 * (--keep), added to that run's report (bench/scale-<N>.json and .md) when there is one.
 */
async function explainOnly(dir: string): Promise<void> {
  const plans = await explainLists({ dir, schema: "bench" });
  const file = path.join(ROOT, "bench", `scale-${REQUESTS}-plans.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, plansMarkdown(`Query plans at ${REQUESTS.toLocaleString("en-US")} requests`, plans));
  console.log(`Wrote ${path.relative(ROOT, file)}.`);
  const json = path.join(ROOT, "bench", `scale-${REQUESTS}.json`);
  if (existsSync(json)) {
    const report = JSON.parse(readFileSync(json, "utf8")) as BenchReport;
    report.plans = plans.asIndexed.map((plan, i) => ({
      read: plan.read,
      ms: plan.ms,
      msAfterAnalyze: plans.analyzed[i].ms,
    }));
    writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
    writeFileSync(json.replace(/\.json$/, ".md"), markdownReport(report));
    console.log(`Added the plans to ${path.relative(ROOT, json)} and its .md.`);
  }
}

let exitCode = 1;
if (flag("render")) {
  // `--render --requests <N>`: bench/scale-<N>.md again from its .json (after a change to the table).
  const json = path.join(ROOT, "bench", `scale-${REQUESTS}.json`);
  writeFileSync(json.replace(/\.json$/, ".md"), markdownReport(JSON.parse(readFileSync(json, "utf8")) as BenchReport));
  console.log(`Wrote ${path.relative(ROOT, json.replace(/\.json$/, ".md"))}.`);
  cleanup();
  process.exit(0);
}
const explainDir = argv.includes("--explain-dir") ? argv[argv.indexOf("--explain-dir") + 1] : undefined;
if (explainDir !== undefined) {
  try {
    await explainOnly(explainDir);
    exitCode = 0;
  } finally {
    cleanup();
  }
  process.exit(exitCode);
}
try {
  mkdirSync(path.join(ROOT, "bench"), { recursive: true });
  const report = await main();
  const markdown = markdownReport(report);
  const dir = path.join(ROOT, "bench");
  mkdirSync(dir, { recursive: true });
  const name = `scale-${report.requests}`;
  writeFileSync(path.join(dir, `${name}.md`), markdown);
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(report, null, 2) + "\n");
  console.log(`\n${markdown}`);
  console.log(`Wrote bench/${name}.md and bench/${name}.json.`);
  exitCode = 0;
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  console.error(`Logs: ${work} (kept).`);
  argv.push("--keep");
} finally {
  cleanup();
}
process.exit(exitCode);
