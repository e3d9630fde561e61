// `npm start`: a local Hardhat node, the four contracts deployed with EntryPoint v0.8, the citizen
// account factory and a funded paymaster, the Kota Bandung demo data, the ERC-4337 bundler (Alto,
// recorded in the manifest's services.bundler), the indexer (Ponder on embedded PGlite, its URL
// recorded in services.indexer), and the dApp with its sponsor service (services.sponsor).
// Ctrl-C stops everything this started.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { network } from "hardhat";
import { writeManifest } from "@layanan/core/node";
import { localDir } from "./lib/context.js";
import { deploy } from "./lib/deploy.js";
import { UserError } from "./lib/manifest.js";
import { seed } from "./lib/seed.js";
import { spawnAlto, waitForBundler } from "./lib/bundler.js";
import { pollUntil } from "./lib/poll.js";
import { rpc } from "./lib/services.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const RPC_PORT = 8545;
const DAPP_PORT = Number(process.env.PORT ?? 3000);
const INDEXER_PORT = Number(process.env.LAYANAN_INDEXER_PORT ?? 42069);
const INDEXER_URL = `http://127.0.0.1:${INDEXER_PORT}`;
const BUNDLER_PORT = Number(process.env.LAYANAN_BUNDLER_PORT ?? 4337);
const BUNDLER_URL = `http://127.0.0.1:${BUNDLER_PORT}`;
/** The dApp's own route handler (ERC-7677); "localhost" because passkeys need a domain, not an IP. */
const SPONSOR_URL = `http://localhost:${DAPP_PORT}/api/sponsor`;
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        child.kill("SIGTERM");
      }
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function start(
  command: string,
  args: string[],
  name: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (signal === null) {
      console.error(`${name} stopped (exit code ${code}); stopping everything.`);
      stopAll(code === 0 ? 1 : (code ?? 1));
    }
  });
  return child;
}

async function waitForRpc(url: string, seconds: number): Promise<void> {
  if ((await pollUntil(async () => (await rpc(url, "eth_chainId")) !== undefined, seconds)) !== "ready")
    throw new UserError(`The local node did not answer on ${url} within ${seconds} s.`);
}

/** Waits until the indexer has caught up with the chain (Ponder's /ready answers 200). */
async function waitForIndexer(url: string, seconds: number): Promise<boolean> {
  const ready = async () => (await fetch(`${url}/ready`)).status === 200;
  return (await pollUntil(ready, seconds, { intervalMs: 500 })) === "ready";
}

async function main(): Promise<void> {
  if (!(await portIsFree(RPC_PORT))) {
    throw new UserError(
      `Port ${RPC_PORT} is busy (another node or program is using it); stop it and run npm start again.`,
    );
  }
  const hasDapp = existsSync(path.join(ROOT, "frontend", "src", "app"));
  if (hasDapp && !(await portIsFree(DAPP_PORT))) {
    throw new UserError(`Port ${DAPP_PORT} is busy; stop what uses it, or run PORT=3001 npm start.`);
  }
  if (!(await portIsFree(BUNDLER_PORT))) {
    throw new UserError(
      `Port ${BUNDLER_PORT} (the bundler) is busy; stop what uses it, or run LAYANAN_BUNDLER_PORT=4338 npm start.`,
    );
  }
  if (!(await portIsFree(INDEXER_PORT))) {
    throw new UserError(
      `Port ${INDEXER_PORT} (the indexer) is busy; stop what uses it, or run LAYANAN_INDEXER_PORT=42070 npm start.`,
    );
  }

  console.log("Compiling the contracts…");
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/hardhat"), ["build", "--quiet"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new UserError("The contracts did not compile (see above).");

  console.log(`Starting a local chain on http://127.0.0.1:${RPC_PORT} …`);
  const node = start(
    path.join(ROOT, "node_modules/.bin/hardhat"),
    ["node", "--port", String(RPC_PORT)],
    "The local node",
  );
  node.stderr?.pipe(process.stderr);
  node.stdout?.resume();
  await waitForRpc(`http://127.0.0.1:${RPC_PORT}`, 60);

  const connection = await network.create({ network: "localhost" });
  const log = (line: string) => console.log(line);
  const { manifest } = await deploy(connection, { network: "localhost", log });
  const summary = await seed(connection, manifest, log);
  await connection.close();

  // The indexer: a fresh database every time, because the local chain is fresh every time (same
  // chain id, same addresses: an old database would describe a chain that no longer exists).
  console.log(`Starting the indexer on ${INDEXER_URL} (Ponder, embedded PGlite)…`);
  // Recorded first: the indexer reads the same manifest as it starts, the dApp and the CLI find it there.
  writeManifest({
    ...manifest,
    services: { ...manifest.services, indexer: INDEXER_URL, bundler: BUNDLER_URL, sponsor: SPONSOR_URL },
  });

  // The bundler: Alto in unsafe mode (Hardhat's node has no JavaScript tracer; see scripts/lib/bundler.ts).
  console.log(`Starting the bundler on ${BUNDLER_URL} (Alto, EntryPoint v0.8)…`);
  const bundler = spawnAlto(`http://127.0.0.1:${RPC_PORT}`, BUNDLER_PORT);
  children.push(bundler);
  bundler.on("exit", (code, signal) => {
    if (signal === null) {
      console.error(`The bundler stopped (exit code ${code}); stopping everything.`);
      stopAll(code === 0 ? 1 : (code ?? 1));
    }
  });
  bundler.stdout?.resume();
  bundler.stderr?.pipe(process.stderr);
  if (!(await waitForBundler(BUNDLER_URL, 60)))
    throw new UserError(`The bundler did not answer on ${BUNDLER_URL} within 60 s.`);
  const pglite = path.join(localDir(), "indexer-pglite");
  rmSync(pglite, { recursive: true, force: true });
  const indexer = start(
    path.join(ROOT, "node_modules/.bin/ponder"),
    ["start", "--schema", "layanan", "--port", String(INDEXER_PORT), "--log-level", "warn"],
    "The indexer",
    {
      cwd: path.join(ROOT, "indexer"),
      // PGlite always: the local chain is new on every start, and a Postgres schema in DATABASE_URL
      // would still hold the last one's rows.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL")),
        PONDER_TELEMETRY_DISABLED: "true",
        LAYANAN_NETWORK: "localhost",
        LAYANAN_RPC_URL: `http://127.0.0.1:${RPC_PORT}`,
        LAYANAN_PGLITE_DIR: pglite,
      },
    },
  );
  indexer.stdout?.pipe(process.stdout);
  indexer.stderr?.pipe(process.stderr);
  const ready = await waitForIndexer(INDEXER_URL, 180);
  if (!ready) console.error(`The indexer has not caught up after 180 s; the dApp reads the chain until it has.`);

  const line = "-".repeat(100);
  console.log(`\n${line}`);
  console.log(
    hasDapp
      ? `Layanan dApp:   http://localhost:${DAPP_PORT}`
      : "Layanan dApp:   not built yet (frontend/ arrives with the dApp); the chain keeps running.",
  );
  console.log(`Local chain:    http://127.0.0.1:${RPC_PORT}   chain id ${manifest.chainId}`);
  console.log(`Indexer:        ${INDEXER_URL}/api/requests   GraphQL ${INDEXER_URL}/graphql`);
  console.log(`Bundler:        ${BUNDLER_URL}   (Alto, ERC-4337 v0.8; sponsor: ${SPONSOR_URL})`);
  console.log(`Open311:        ${INDEXER_URL}/open311/v2/services.json   ${INDEXER_URL}/open311/v2/requests.json`);
  for (const [name, { address }] of Object.entries(manifest.contracts)) console.log(`  ${name.padEnd(20)} ${address}`);
  console.log("\nDemo accounts: DEVELOPMENT ONLY. These are Hardhat's public test keys, valid on chain 31337 alone;");
  console.log("anyone can spend from them anywhere else. Never send real funds to them.");
  for (const account of summary.accounts) {
    console.log(`  ${account.role.padEnd(22)} ${account.address}  ${account.privateKey}  ${account.label}`);
  }
  console.log(`\nDemo files to verify: ${path.relative(process.cwd(), path.join(summary.localDir, "documents"))}/`);
  console.log(`Try, in another terminal: npm run layanan -- stats --network localhost`);
  console.log(`${line}\nCtrl-C stops everything.`);

  if (hasDapp) {
    const dapp = start("npm", ["run", "-w", "frontend", "dev", "--", "--port", String(DAPP_PORT)], "The dApp");
    dapp.stdout?.pipe(process.stdout);
    dapp.stderr?.pipe(process.stderr);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UserError ? error.message : error);
  stopAll(1);
});
