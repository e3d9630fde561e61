/**
 * What the test runners (scripts/indexer-tests.ts, scripts/e2e.ts) share: children in their own
 * process groups with their output in log files, stopped (whole groups, SIGKILL for the stubborn)
 * and temporary folders removed at the end or on a signal; waiting for a service to answer; free
 * ports; JSON-RPC calls (also `npm start`'s and the bundler's waits); a fresh local chain deployed
 * and seeded into a temporary folder (the developer's deployments/ and local/ untouched); the
 * indexer started on a database of its own.
 */
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pollUntil } from "./poll.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = path.join(ROOT, "node_modules", ".bin");

/** An error that is one sentence for the reader (no stack trace). */
export class Stop extends Error {}

// ---------------------------------------------------------------------------------------------
// Cleanup: children (whole process groups), closers, temporary folders. Synchronous and idempotent,
// so that it runs from `finally` and from a signal handler alike.

const children: ChildProcess[] = [];
/** Children stopped on purpose before the end: their exit is not reported as unexpected. */
const stopping = new Set<ChildProcess>();
const closers: (() => unknown)[] = [];
const temporary: string[] = [];
let cleaned = false;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a child (its whole group) before the end, e.g. the indexer between two rounds. */
export function stopChild(child: ChildProcess): void {
  stopping.add(child);
  killGroup(child, "SIGTERM");
}

/** Something to close in cleanup that is not a child process (a server in this process). */
export const onCleanup = (close: () => unknown) => closers.push(close);

/** A folder removed in cleanup (unless `keep` is given to cleanup). */
export const removeLater = (dir: string) => temporary.push(dir);

/** Stops every child (SIGTERM, then SIGKILL after 3 s), runs the closers, removes the temporary folders. */
export function cleanup(options: { keep?: boolean } = {}): void {
  if (cleaned) return;
  cleaned = true;
  for (const child of children) killGroup(child, "SIGTERM");
  for (const close of closers.splice(0)) {
    try {
      void close();
    } catch {
      // already closed
    }
  }
  const stubborn = children.filter((c) => groupAlive(c));
  if (stubborn.length > 0) {
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && stubborn.some((c) => groupAlive(c))) Atomics.wait(sleepCell, 0, 0, 100);
    for (const child of stubborn) if (groupAlive(child)) killGroup(child, "SIGKILL");
  }
  if (!options.keep) for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
}

/** Cleans up (then runs `after`, e.g. dropping a database schema) and exits 130 on SIGINT, SIGTERM and SIGHUP. */
export function cleanupOnSignals(what: string, options: { keep?: boolean } = {}, after?: () => Promise<unknown>): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping ${what}.`);
      cleanup(options);
      void Promise.resolve(after?.())
        .catch(() => undefined)
        .finally(() => process.exit(130));
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Children

/**
 * Starts a long-running child in its own process group, its output into a log file; `log` hears
 * when it stops before it was asked to.
 */
export function startService(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions,
  logFile: string,
  log: (line: string) => void = console.error,
): ChildProcess {
  const fd = openSync(logFile, "a");
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!cleaned && !stopping.has(child))
      log(`${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); its log: ${logFile}`);
  });
  return child;
}

/** Runs a command to its end (in its own process group, so that a signal handler can stop it). */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions & { logFile?: string } = {},
): Promise<number> {
  const fd = options.logFile === undefined ? undefined : openSync(options.logFile, "a");
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: fd === undefined ? "inherit" : ["ignore", fd, fd],
  });
  if (fd !== undefined) closeSync(fd);
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Polls `ready` every 250 ms for `seconds`; fails when `alive` exits first. */
export async function waitFor(what: string, seconds: number, ready: () => Promise<boolean>, alive?: ChildProcess) {
  const outcome = await pollUntil(ready, seconds, {
    alive: alive && (() => alive.exitCode === null && alive.signalCode === null),
  });
  if (outcome === "exited") throw new Stop(`${what} exited before it answered.`);
  if (outcome === "timeout") throw new Stop(`${what} did not answer within ${seconds} s.`);
}

export function portIsFree(port: number): Promise<boolean> {
  const tryHost = (host: string) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
  return tryHost("127.0.0.1").then((free) => (free ? tryHost("0.0.0.0") : false));
}

/** Fails with one sentence naming the variable to change when a port is busy. */
export async function requireFreePorts(ports: readonly (readonly [number, string, string])[]): Promise<void> {
  for (const [port, what, variable] of ports) {
    if (!(await portIsFree(port))) {
      throw new Stop(
        `Port ${port} (for ${what}) is busy: stop what uses it (another run?) or choose another port with ${variable}=<port>.`,
      );
    }
  }
}

export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Stop(`${method} failed: ${body.error.message}`);
  return body.result;
}

export const tail = (file: string, lines = 40) =>
  existsSync(file) ? readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "";

// ---------------------------------------------------------------------------------------------
// The local chain and the indexer

/** Compiles the contracts (not the Solidity tests: compiling them takes minutes). */
export async function buildContracts(): Promise<void> {
  if ((await run(path.join(BIN, "hardhat"), ["build", "--no-tests", "--quiet"], { cwd: ROOT })) !== 0) {
    throw new Stop("The contracts did not compile (see above).");
  }
}

/** A fresh `hardhat node` on `port`, answering eth_chainId. */
export async function startChain(port: number, logFile: string, log?: (line: string) => void): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${port}`;
  const node = startService(
    "The test chain",
    path.join(BIN, "hardhat"),
    ["node", "--port", String(port)],
    { cwd: ROOT },
    logFile,
    log,
  );
  await waitFor(
    `The test chain (hardhat node on port ${port})`,
    60,
    async () => {
      await rpc(url, "eth_chainId");
      return true;
    },
    node,
  );
  return node;
}

/**
 * Deploys the contracts to the chain at `url` and seeds the demo city, writing the manifest
 * (`<deploymentsDir>/<network>.json`) and the demo files (LAYANAN_LOCAL_DIR, which the caller sets).
 * `network` must not be "localhost": Ignition's journal for it (ignition/deployments/layanan-<network>)
 * is removed before and after.
 */
export async function deployAndSeed(
  url: string,
  network: string,
  deploymentsDir: string,
  logFile: string,
): Promise<{ manifestFile: string }> {
  if (network === "localhost") throw new Stop("deployAndSeed must not touch the developer's localhost journal.");
  const journal = path.join(ROOT, "ignition", "deployments", `layanan-${network}`);
  rmSync(journal, { recursive: true, force: true });
  onCleanup(() => rmSync(journal, { recursive: true, force: true }));
  const { network: networks } = await import("hardhat");
  const { deploy } = await import("./deploy.js");
  const { seed } = await import("./seed.js");
  const connection = await networks.create({ network: "localhost", override: { url } });
  const quiet = (line: string) => writeFileSync(logFile, `${line}\n`, { flag: "a" });
  try {
    const { manifest, file } = await deploy(connection, { network, dir: deploymentsDir, log: quiet });
    await seed(connection, manifest, quiet);
    return { manifestFile: file };
  } finally {
    await connection.close();
    rmSync(journal, { recursive: true, force: true });
  }
}

export interface IndexerOptions {
  manifestFile: string;
  rpcUrl: string;
  port: number;
  /** The database schema (Postgres) / namespace Ponder writes to. */
  schema: string;
  /** Postgres; otherwise PGlite in `pgliteDir`. */
  databaseUrl?: string;
  pgliteDir: string;
  logFile: string;
  pollingMs?: number;
  log?: (line: string) => void;
}

/** `ponder start` in indexer/ on a database of its own, ready once /ready answers 200. */
export async function startIndexer(options: IndexerOptions, readySeconds = 180): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    LAYANAN_MANIFEST: options.manifestFile,
    LAYANAN_RPC_URL: options.rpcUrl,
    LAYANAN_PGLITE_DIR: options.pgliteDir,
    LAYANAN_POLLING_MS: String(options.pollingMs ?? 250),
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;
  const indexer = startService(
    "The indexer",
    path.join(BIN, "ponder"),
    ["start", "--schema", options.schema, "--port", String(options.port), "--log-level", "warn"],
    { cwd: path.join(ROOT, "indexer"), env },
    options.logFile,
    options.log,
  );
  await waitFor(
    `The indexer (ponder on port ${options.port})`,
    readySeconds,
    async () => (await fetch(`http://127.0.0.1:${options.port}/ready`)).status === 200,
    indexer,
  );
  return indexer;
}

/** Drops a Postgres schema (and what is in it), e.g. a test run's; the sync cache (ponder_sync) stays. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  // pg comes with Ponder (its Postgres driver).
  const { default: pg } = (await import("pg" as string)) as {
    default: {
      Client: new (options: { connectionString: string }) => {
        connect(): Promise<void>;
        query(sql: string): Promise<unknown>;
        end(): Promise<void>;
      };
    };
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}
