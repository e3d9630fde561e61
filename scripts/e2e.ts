// The dApp's browser tests, end to end: a fresh local chain on its own port, deployed and seeded
// into a temporary folder (the developer's deployments/ and local/ are untouched), a capping proxy
// in front of it that answers like a public RPC (eth_getLogs at most 2,000 blocks and 10,000
// results), the indexer (Ponder on PGlite) behind that proxy, the dApp built into
// frontend/.next-e2e and served, then Playwright with Debian's chromium, in two rounds: every test
// but those tagged @fallback with the indexer; then the indexer is stopped, 10,000 empty blocks are
// mined (so that one log query can no longer cover the chain) and the @fallback tests run on the
// windowed chain reads alone.
// Usage: npx tsx scripts/e2e.ts [playwright test arguments, e.g. --grep verify]
// Environment: LAYANAN_REQUIRE_E2E=1 fails when chromium is missing (CI); LAYANAN_E2E_CHAIN_PORT
// (8546) and LAYANAN_E2E_APP_PORT (3100) choose the ports; LAYANAN_E2E_REUSE_BUILD=1 skips the
// build when frontend/.next-e2e holds one (a developer's shortcut while editing tests only);
// LAYANAN_E2E_KEEP=1 keeps the temporary folder (chain, build, seed and app logs);
// LAYANAN_E2E_TRACE=1 keeps a Playwright trace of each failed test; LAYANAN_E2E_DIST_DIR (.next-e2e)
// names the build folder, so that two runs on other ports do not share one; LAYANAN_E2E_PROXY_PORT
// (8549) and LAYANAN_E2E_INDEXER_PORT (42110) the proxy's and the indexer's ports. Arguments given to
// the script (e.g. --grep verify) run one round with the indexer.
// Screenshots: frontend/test-output/screenshots/; failures: frontend/test-output/playwright/.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Stop, rpc, tail, waitFor } from "./lib/services.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const FRONTEND = path.join(ROOT, "frontend");
const BIN = path.join(ROOT, "node_modules", ".bin");
const CHROMIUM = process.env.LAYANAN_E2E_CHROMIUM ?? "/usr/bin/chromium";
const CHAIN_PORT = Number(process.env.LAYANAN_E2E_CHAIN_PORT ?? 8546);
const APP_PORT = Number(process.env.LAYANAN_E2E_APP_PORT ?? 3100);
const PROXY_PORT = Number(process.env.LAYANAN_E2E_PROXY_PORT ?? 8549);
const INDEXER_PORT = Number(process.env.LAYANAN_E2E_INDEXER_PORT ?? 42110);
const BUNDLER_PORT = Number(process.env.LAYANAN_E2E_BUNDLER_PORT ?? 4437);
const BUNDLER_URL = `http://127.0.0.1:${BUNDLER_PORT}`;
/** Operations a citizen account may have sponsored a day in the tests (small, so that a test spends it). */
const SPONSOR_DAILY_QUOTA = "8";
/** The node itself (the runner's own calls) and the capped public-RPC look-alike the dApp and the indexer use. */
const NODE_URL = `http://127.0.0.1:${CHAIN_PORT}`;
const RPC_URL = `http://127.0.0.1:${PROXY_PORT}`;
const INDEXER_URL = `http://127.0.0.1:${INDEXER_PORT}`;
/** What the proxy allows, as public RPCs commonly do. */
const CAP = { maxBlocks: 2000, maxResults: 10_000 };
// "localhost", not 127.0.0.1: with `next start -H 127.0.0.1` the locale middleware's rewrite of "/"
// to "/id" becomes an absolute URL on another host name and "/" redirects to itself forever.
const APP_URL = `http://localhost:${APP_PORT}`;
const DIST_DIR = process.env.LAYANAN_E2E_DIST_DIR ?? ".next-e2e";
/** The manifest's name: not "localhost", so the developer's Ignition journal is never touched. */
const NETWORK = "e2e";
const JOURNAL = path.join(ROOT, "ignition", "deployments", `layanan-${NETWORK}`);
const DEPLOYMENT_MODULE = path.join(FRONTEND, "src", "generated", "deployment.ts");
/**
 * Files `next build` rewrites for its own dist folder (tsconfig.json's includes, next-env.d.ts's
 * imports): put back afterwards, but only when the change names that folder (so an edit someone
 * else made meanwhile is kept).
 */
const BUILD_TOUCHED = [path.join(FRONTEND, "tsconfig.json"), path.join(FRONTEND, "next-env.d.ts")];

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(`[e2e ${seconds().padStart(5)}] ${line}`);

// ---------------------------------------------------------------------------------------------
// Cleanup: children (whole process groups), restored files, temporary folders. Synchronous and
// idempotent, so it runs from `finally` and from a signal handler alike.

const children: ChildProcess[] = [];
/** Files to put back: their previous content (null: did not exist) and whether to restore only our own change. */
const saved = new Map<string, { content: string | null; onlyIfMentions?: string }>();
const temporary: string[] = [];
let cleaned = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
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

function restoreFiles(): void {
  for (const [file, { content, onlyIfMentions }] of saved) {
    try {
      const now = existsSync(file) ? readFileSync(file, "utf8") : null;
      if (now === content || (onlyIfMentions !== undefined && !(now ?? "").includes(onlyIfMentions))) continue;
      if (content === null) rmSync(file, { force: true });
      else writeFileSync(file, content);
    } catch (error) {
      console.error(`Could not restore ${path.relative(ROOT, file)}: ${String(error)}`);
    }
  }
  saved.clear();
}

function cleanup(): void {
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
  restoreFiles();
  rmSync(JOURNAL, { recursive: true, force: true });
  if (process.env.LAYANAN_E2E_KEEP !== "1") {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
  // Whatever ignored SIGTERM: SIGKILL shortly after (the timer must not keep us alive).
  const stubborn = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (stubborn.length > 0) {
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && stubborn.some((c) => groupAlive(c))) Atomics.wait(sleepCell, 0, 0, 100);
    for (const child of stubborn) if (groupAlive(child)) killGroup(child, "SIGKILL");
  }
}
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the chain and the dApp, restoring files.`);
    cleanup();
    process.exit(130);
  });
}

function saveFile(file: string, onlyIfMentions?: string): void {
  if (!saved.has(file))
    saved.set(file, { content: existsSync(file) ? readFileSync(file, "utf8") : null, onlyIfMentions });
}

// ---------------------------------------------------------------------------------------------

function chromiumMissing(): number {
  const required = process.env.LAYANAN_REQUIRE_E2E === "1";
  const bar = "!".repeat(100);
  console.error(
    [
      "",
      bar,
      "!!",
      "!!   THE BROWSER TESTS DID NOT RUN.",
      "!!",
      `!!   Chromium is missing (${CHROMIUM} does not exist), so the dApp's end-to-end tests were`,
      "!!   skipped: nothing about the pages, the wallet flow, the screenshots or accessibility",
      "!!   was checked.",
      "!!",
      "!!   Install it (Debian/Ubuntu), then run the tests again:",
      "!!       sudo apt-get update && sudo apt-get install -y chromium",
      "!!       npx tsx scripts/e2e.ts",
      "!!",
      required
        ? "!!   LAYANAN_REQUIRE_E2E=1 is set (CI): this is a failure."
        : "!!   (Exit code 0 because LAYANAN_REQUIRE_E2E is not set; CI sets it and fails here.)",
      "!!",
      bar,
      "",
    ].join("\n"),
  );
  return required ? 1 : 0;
}

function portIsFree(port: number): Promise<boolean> {
  const tryHost = (host: string) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
  return tryHost("127.0.0.1").then((free) => (free ? tryHost("0.0.0.0") : false));
}

/** Starts a long-running child in its own process group, its output into a log file. */
function startService(name: string, command: string, args: string[], options: SpawnOptions, logFile: string) {
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

/** Runs a command to its end (in its own process group, so a signal handler can stop it). */
function run(command: string, args: string[], options: SpawnOptions & { logFile?: string } = {}): Promise<number> {
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

/** Children stopped on purpose before the end (the indexer, for the fallback round). */
const stopping = new Set<ChildProcess>();

/** Closes what is not a child process (the proxy), in cleanup. */
const closers: (() => unknown)[] = [];

/** The indexer against the proxy, on a database of its own (PGlite: the e2e never uses DATABASE_URL). */
function startIndexer(manifestFile: string, pgliteDir: string, logFile: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PONDER_TELEMETRY_DISABLED: "true",
    LAYANAN_MANIFEST: manifestFile,
    LAYANAN_RPC_URL: RPC_URL,
    LAYANAN_PGLITE_DIR: pgliteDir,
    LAYANAN_POLLING_MS: "250",
  };
  delete env.DATABASE_URL;
  return startService(
    "The indexer",
    path.join(BIN, "ponder"),
    // Info: the log shows the sync's progress when the indexer does not come up.
    ["start", "--schema", "e2e", "--port", String(INDEXER_PORT), "--log-level", "info"],
    { cwd: path.join(ROOT, "indexer"), env },
    logFile,
  );
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) return chromiumMissing();

  for (const [port, what, variable] of [
    [CHAIN_PORT, "the test chain", "LAYANAN_E2E_CHAIN_PORT"],
    [APP_PORT, "the test dApp", "LAYANAN_E2E_APP_PORT"],
    [PROXY_PORT, "the capping RPC proxy", "LAYANAN_E2E_PROXY_PORT"],
    [INDEXER_PORT, "the test indexer", "LAYANAN_E2E_INDEXER_PORT"],
    [BUNDLER_PORT, "the test bundler", "LAYANAN_E2E_BUNDLER_PORT"],
  ] as const) {
    if (!(await portIsFree(port))) {
      throw new Stop(
        `Port ${port} (for ${what}) is busy: stop what uses it (another e2e run?) or choose another port with ${variable}=<port>.`,
      );
    }
  }

  const work = mkdtempSync(path.join(os.tmpdir(), "layanan-e2e-"));
  temporary.push(work);
  const deploymentsDir = path.join(work, "deployments");
  const localDir = path.join(work, "local");
  process.env.LAYANAN_DEPLOYMENTS_DIR = deploymentsDir;
  process.env.LAYANAN_LOCAL_DIR = localDir;
  const logs = (name: string) => path.join(work, `${name}.log`);

  log("Compiling the contracts…");
  // --no-tests: the Solidity tests are not deployed, and compiling them (viaIR, wasm) takes minutes.
  if ((await run(path.join(BIN, "hardhat"), ["build", "--no-tests", "--quiet"], { cwd: ROOT })) !== 0) {
    throw new Stop("The contracts did not compile (see above).");
  }

  log(`Starting a fresh chain on ${NODE_URL} …`);
  const node = startService(
    "The test chain",
    path.join(BIN, "hardhat"),
    ["node", "--port", String(CHAIN_PORT)],
    { cwd: ROOT },
    logs("chain"),
  );
  await waitFor(
    `The test chain (hardhat node on port ${CHAIN_PORT})`,
    60,
    async () => {
      const response = await fetch(NODE_URL, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      return response.ok;
    },
    node,
  );

  log("Deploying and seeding the demo city…");
  rmSync(JOURNAL, { recursive: true, force: true });
  const { network } = await import("hardhat");
  const { deploy } = await import("./lib/deploy.js");
  const { seed } = await import("./lib/seed.js");
  const { deploymentModule } = await import("./frontend-modules.js");
  const connection = await network.create({ network: "localhost", override: { url: NODE_URL } });
  const quiet = (line: string) => writeFileSync(logs("seed"), `${line}\n`, { flag: "a" });
  let manifestFile: string;
  try {
    const { manifest, file } = await deploy(connection, { network: NETWORK, dir: deploymentsDir, log: quiet });
    manifestFile = file;
    await seed(connection, manifest, quiet);
  } finally {
    await connection.close();
  }
  rmSync(JOURNAL, { recursive: true, force: true });

  log(`Capping proxy on ${RPC_URL} (eth_getLogs ≤ ${CAP.maxBlocks} blocks, ≤ ${CAP.maxResults} results)…`);
  const { startCappingProxy } = await import("./lib/capping-proxy.js");
  const proxy = await startCappingProxy({ target: NODE_URL, port: PROXY_PORT, ...CAP });
  closers.push(() => proxy.close());

  log(`Starting the indexer on ${INDEXER_URL} (behind the proxy)…`);
  const indexer = startIndexer(manifestFile, path.join(work, "indexer-pglite"), logs("indexer"));
  await waitFor(
    `The indexer (ponder on port ${INDEXER_PORT})`,
    180,
    async () => (await fetch(`${INDEXER_URL}/ready`)).status === 200,
    indexer,
  ).catch((error: unknown) => {
    console.error(`The indexer's log (last lines):\n${tail(logs("indexer"))}`);
    throw error;
  });
  log(`Starting the bundler on ${BUNDLER_URL} (Alto, unsafe mode)…`);
  const { altoArgs, waitForBundler } = await import("./lib/bundler.js");
  startService(
    "The bundler",
    path.join(BIN, "alto"),
    altoArgs(NODE_URL, BUNDLER_PORT, "info"),
    { cwd: ROOT },
    logs("bundler"),
  );
  if (!(await waitForBundler(BUNDLER_URL, 60))) {
    console.error(tail(logs("bundler")));
    throw new Stop(`The bundler did not answer on ${BUNDLER_URL} within 60 s.`);
  }
  const manifestJson = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, unknown>;
  writeFileSync(
    manifestFile,
    JSON.stringify(
      { ...manifestJson, services: { indexer: INDEXER_URL, bundler: BUNDLER_URL, sponsor: `${APP_URL}/api/sponsor` } },
      null,
      2,
    ) + "\n",
  );

  const buildEnv = {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    NEXT_PUBLIC_RPC_URL: RPC_URL,
    NEXT_PUBLIC_INDEXER_URL: INDEXER_URL,
    LAYANAN_NETWORK: NETWORK,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const buildId = path.join(FRONTEND, DIST_DIR, "BUILD_ID");
  if (process.env.LAYANAN_E2E_REUSE_BUILD === "1" && existsSync(buildId)) {
    log(`LAYANAN_E2E_REUSE_BUILD=1: serving the existing build in frontend/${DIST_DIR} (not rebuilt).`);
  } else {
    // The dApp is built for this chain: its generated deployment module is written for the build
    // only (the frontend's prebuild step regenerates the same content from the variables above) and
    // the developer's file is put back as soon as the build is done.
    log(`Building the dApp into frontend/${DIST_DIR} (waits for other builds: flock /tmp/next-build.lock)…`);
    const buildStarted = Date.now();
    const lock = existsSync("/usr/bin/flock") ? ["/usr/bin/flock", "/tmp/next-build.lock"] : [];
    let status: number;
    try {
      saveFile(DEPLOYMENT_MODULE);
      for (const file of BUILD_TOUCHED) saveFile(file, DIST_DIR);
      // frontend/src/generated/ holds only git-ignored files now (the ABIs live in core/): make it.
      mkdirSync(path.dirname(DEPLOYMENT_MODULE), { recursive: true });
      writeFileSync(DEPLOYMENT_MODULE, deploymentModule(NETWORK));
      const [command, ...args] = [...lock, "npm", "run", "-w", "frontend", "build"];
      status = await run(command, args, { cwd: ROOT, env: buildEnv, logFile: logs("build") });
    } finally {
      restoreFiles();
    }
    if (status !== 0) {
      console.error(tail(logs("build"), 80));
      throw new Stop(`The dApp did not build (exit code ${status}); the end of its output is above.`);
    }
    log(`Built in ${((Date.now() - buildStarted) / 1000).toFixed(0)} s.`);
  }

  log(`Serving the dApp on ${APP_URL} …`);
  const app = startService(
    "The dApp",
    path.join(BIN, "next"),
    ["start", "-p", String(APP_PORT), "-H", "localhost"],
    {
      cwd: FRONTEND,
      env: {
        ...buildEnv,
        // The sponsor service (the dApp's route handler): its own PGlite, the node directly, a small quota.
        LAYANAN_SPONSOR_PGLITE_DIR: path.join(work, "sponsor-pglite"),
        LAYANAN_SPONSOR_DAILY_QUOTA: SPONSOR_DAILY_QUOTA,
        LAYANAN_RPC_URL: NODE_URL,
      },
    },
    logs("app"),
  );
  await waitFor(`The dApp (next start on port ${APP_PORT})`, 60, async () => (await fetch(APP_URL)).status < 500, app);

  const playwright = (args: string[], indexerUp: boolean) =>
    run(path.join(BIN, "playwright"), ["test", "-c", path.join("frontend", "playwright.config.ts"), ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        LAYANAN_E2E_BASE_URL: APP_URL,
        LAYANAN_E2E_RPC_URL: RPC_URL,
        LAYANAN_E2E_NODE_URL: NODE_URL,
        LAYANAN_E2E_INDEXER_URL: INDEXER_URL,
        LAYANAN_E2E_BUNDLER_URL: BUNDLER_URL,
        LAYANAN_E2E_SPONSOR_QUOTA: SPONSOR_DAILY_QUOTA,
        LAYANAN_E2E_INDEXER_UP: indexerUp ? "1" : "0",
        LAYANAN_E2E_LOCAL_DIR: localDir,
        LAYANAN_E2E_MANIFEST: manifestFile,
        LAYANAN_E2E_CHROMIUM: CHROMIUM,
      },
    });

  const given = process.argv.slice(2);
  let status: number;
  if (given.length > 0) {
    log("Running the browser tests (Playwright, chromium) with the arguments given…");
    status = await playwright(given, true);
  } else {
    log("Round 1: the browser tests with the indexer (Playwright, chromium)…");
    status = await playwright(["--grep-invert", "@fallback"], true);
    log("Round 2: the indexer stopped, 10,000 blocks mined; the @fallback tests on the windowed chain reads…");
    stopping.add(indexer);
    killGroup(indexer, "SIGTERM");
    await rpc(NODE_URL, "hardhat_mine", ["0x2710"]);
    const fallback = await playwright(["--grep", "@fallback"], false);
    status = status !== 0 ? status : fallback;
  }
  if (status !== 0 && existsSync(logs("app"))) {
    console.error(`\nThe dApp's server log (last lines):\n${tail(logs("app"), 30)}`);
  }
  return status;
}

let exitCode = 1;
let ran = false;
try {
  ran = existsSync(CHROMIUM);
  exitCode = await main();
} catch (error) {
  const oneLine = error instanceof Stop || (error instanceof Error && error.name === "UserError");
  console.error(oneLine ? (error as Error).message : error);
  exitCode = 1;
} finally {
  cleanup();
  const outcome = !ran ? "NOT RUN (no chromium)" : exitCode === 0 ? "passed" : `FAILED (exit code ${exitCode})`;
  console.log(`Browser tests: ${outcome}; total time ${seconds()}.`);
}
process.exit(exitCode);
