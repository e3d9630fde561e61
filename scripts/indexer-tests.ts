// The indexer's tests, against a real chain and a real Ponder: a fresh local chain on its own port,
// deployed and seeded into a temporary folder (the developer's deployments/ and local/ are
// untouched), `ponder start` on a database of its own (PGlite in the temporary folder, or, when
// DATABASE_URL is set, that Postgres under a schema of its own, dropped afterwards), then
// indexer/test/*.test.ts with node's test runner (tsx as the loader), one file after the other
// (they share the chain).
// Usage: npx tsx scripts/indexer-tests.ts [test file names or paths, e.g. lists reorg]
// Environment: LAYANAN_INDEXER_TEST_CHAIN_PORT (8547) and LAYANAN_INDEXER_TEST_PORT (42100) choose
// the ports; DATABASE_URL a Postgres server; LAYANAN_INDEXER_TEST_KEEP=1 keeps the temporary folder
// (chain, seed and indexer logs, the PGlite database).
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  buildContracts,
  cleanup,
  cleanupOnSignals,
  deployAndSeed,
  dropSchema,
  removeLater,
  requireFreePorts,
  ROOT,
  run,
  startChain,
  startIndexer,
  Stop,
  tail,
} from "./lib/services.js";

const CHAIN_PORT = Number(process.env.LAYANAN_INDEXER_TEST_CHAIN_PORT ?? 8547);
const INDEXER_PORT = Number(process.env.LAYANAN_INDEXER_TEST_PORT ?? 42100);
const CHAIN_URL = `http://127.0.0.1:${CHAIN_PORT}`;
const INDEXER_URL = `http://127.0.0.1:${INDEXER_PORT}`;
const TEST_DIR = path.join(ROOT, "indexer", "test");
/** The manifest's name: not "localhost", so that the developer's Ignition journal is never touched. */
const NETWORK = "indexer-test";
const DATABASE_URL = process.env.DATABASE_URL || undefined;
/** A schema of its own on a shared Postgres: two runs (or a developer's indexer) never meet. */
const SCHEMA = `layanan_test_${process.pid}_${Date.now().toString(36)}`;
const KEEP = process.env.LAYANAN_INDEXER_TEST_KEEP === "1";

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(`[indexer-tests ${seconds().padStart(5)}] ${line}`);

let schemaCreated = false;
async function dropTestSchema() {
  if (!DATABASE_URL || !schemaCreated) return;
  schemaCreated = false;
  try {
    await dropSchema(DATABASE_URL, SCHEMA);
  } catch (error) {
    console.error(`Could not drop the test schema ${SCHEMA}: ${(error as Error).message}`);
  }
}
cleanupOnSignals("the chain and the indexer", { keep: KEEP }, dropTestSchema);

/** The test files to run: every indexer/test/*.test.ts, or those named on the command line. */
function testFiles(): string[] {
  const all = readdirSync(TEST_DIR)
    .filter((name) => name.endsWith(".test.ts"))
    .sort();
  const given = process.argv.slice(2);
  if (given.length === 0) return all.map((name) => path.join(TEST_DIR, name));
  return given.map((arg) => {
    const base = path.basename(arg).replace(/(\.test)?\.ts$/, "");
    if (!all.includes(`${base}.test.ts`))
      throw new Stop(`No test file indexer/test/${base}.test.ts (there are: ${all.join(", ")}).`);
    return path.join(TEST_DIR, `${base}.test.ts`);
  });
}

interface Summary {
  tests: number;
  pass: number;
  fail: number;
  skipped: number;
}

/** The counts at the end of a TAP report ("# tests 12", "# pass 12", …). */
function tapSummary(file: string): Summary | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(text)?.[1] ?? NaN);
  const summary = { tests: count("tests"), pass: count("pass"), fail: count("fail"), skipped: count("skipped") };
  return Number.isNaN(summary.tests) ? null : summary;
}

/** The test report's counts, once the tests ran. */
const report: { summary: Summary | null } = { summary: null };

async function main(): Promise<number> {
  const files = testFiles();
  await requireFreePorts([
    [CHAIN_PORT, "the test chain", "LAYANAN_INDEXER_TEST_CHAIN_PORT"],
    [INDEXER_PORT, "the test indexer", "LAYANAN_INDEXER_TEST_PORT"],
  ]);
  const work = mkdtempSync(path.join(os.tmpdir(), "layanan-indexer-tests-"));
  removeLater(work);
  const deploymentsDir = path.join(work, "deployments");
  const localDir = path.join(work, "local");
  process.env.LAYANAN_DEPLOYMENTS_DIR = deploymentsDir;
  process.env.LAYANAN_LOCAL_DIR = localDir;
  const logs = (name: string) => path.join(work, `${name}.log`);

  log("Compiling the contracts…");
  await buildContracts();
  log(`Starting a fresh chain on ${CHAIN_URL} …`);
  await startChain(CHAIN_PORT, logs("chain"), log);
  log("Deploying and seeding the demo city…");
  const { manifestFile } = await deployAndSeed(CHAIN_URL, NETWORK, deploymentsDir, logs("seed"));

  log(
    `Starting the indexer on ${INDEXER_URL} (${DATABASE_URL ? `Postgres, schema ${SCHEMA}` : "PGlite"}) and waiting until it is ready…`,
  );
  schemaCreated = DATABASE_URL !== undefined;
  const indexerStarted = Date.now();
  try {
    await startIndexer({
      manifestFile,
      rpcUrl: CHAIN_URL,
      port: INDEXER_PORT,
      schema: SCHEMA,
      databaseUrl: DATABASE_URL,
      pgliteDir: path.join(work, "pglite"),
      logFile: logs("indexer"),
      // Quick polling: each test waits for the block of its last transaction.
      pollingMs: 100,
      log,
    });
  } catch (error) {
    console.error(tail(logs("indexer")));
    throw error;
  }
  log(`Ready in ${((Date.now() - indexerStarted) / 1000).toFixed(1)} s. Running ${files.length} test files…`);

  const tap = path.join(work, "report.tap");
  const status = await run(
    process.execPath,
    [
      "--import",
      "tsx",
      "--test",
      "--test-concurrency=1",
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=tap",
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LAYANAN_TEST_INDEXER_URL: INDEXER_URL,
        LAYANAN_TEST_RPC_URL: CHAIN_URL,
        LAYANAN_TEST_MANIFEST: manifestFile,
        LAYANAN_TEST_LOCAL_DIR: localDir,
      },
    },
  );
  report.summary = tapSummary(tap);
  if (status !== 0) console.error(`\nThe indexer's log (last lines):\n${tail(logs("indexer"), 30)}`);
  if (KEEP) log(`Kept ${work} (LAYANAN_INDEXER_TEST_KEEP=1).`);
  return status;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error instanceof Stop ? error.message : error);
  exitCode = 1;
} finally {
  cleanup({ keep: KEEP });
  await dropTestSchema();
  const { summary } = report;
  const counts = summary
    ? `${summary.pass}/${summary.tests} passed${summary.fail ? `, ${summary.fail} failed` : ""}${summary.skipped ? `, ${summary.skipped} skipped` : ""}`
    : "no test report";
  const database = DATABASE_URL ? "Postgres" : "PGlite";
  console.log(
    `Indexer tests (${database}): ${exitCode === 0 ? "passed" : `FAILED (exit code ${exitCode})`}; ${counts}; total time ${seconds()}.`,
  );
}
process.exit(exitCode);
