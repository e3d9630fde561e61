// The local ERC-4337 bundler: Alto (@pimlico/alto) next to a Hardhat node, for `npm start` and the
// browser tests. What it needs on Hardhat's node:
// - `--safe-mode false`: safe mode traces validation with a custom JavaScript tracer
//   (debug_traceCall), which Hardhat's node does not have ("JS Tracer is not enabled"); unsafe mode
//   skips the ERC-7562 storage and opcode rules (a public chain's bundler applies them).
// - `--max-gas-per-bundle 16000000`: the node runs Osaka, which caps a transaction at 2^24 gas.
// - the deterministic deployer's code, which the deploy script puts in place on 31337 (Alto deploys
//   its simulation contracts through it at start, paid by the utility key).
// Its keys are Hardhat's development accounts #17 (executor) and #18 (utility): chain 31337 only.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ENTRY_POINT_V08 } from "@layanan/core";
import { DEV_BUNDLER_EXECUTOR_KEY, DEV_BUNDLER_UTILITY_KEY } from "./dev-keys.js";
import { pollUntil } from "./poll.js";
import { rpc } from "./services.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Alto's command line against the local node at `rpcUrl`, listening on 127.0.0.1:`port`. */
export function altoArgs(rpcUrl: string, port: number, logLevel = "warn"): string[] {
  return [
    "--entrypoints",
    ENTRY_POINT_V08,
    "--executor-private-keys",
    DEV_BUNDLER_EXECUTOR_KEY,
    "--utility-private-key",
    DEV_BUNDLER_UTILITY_KEY,
    "--rpc-url",
    rpcUrl,
    "--port",
    String(port),
    "--safe-mode",
    "false",
    "--max-gas-per-bundle",
    "16000000",
    // The dApp's pages call the bundler from the browser (passkey accounts): answer CORS preflights.
    "--enable-cors",
    "true",
    "--log-level",
    logLevel,
  ];
}

/** Starts Alto (detached, in its own process group) and returns the child. */
export function spawnAlto(rpcUrl: string, port: number, options: { logLevel?: string } = {}): ChildProcess {
  return spawn(path.join(ROOT, "node_modules", ".bin", "alto"), altoArgs(rpcUrl, port, options.logLevel), {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env },
  });
}

/** Waits until the bundler answers eth_supportedEntryPoints with EntryPoint v0.8. */
export async function waitForBundler(url: string, seconds: number): Promise<boolean> {
  const supportsV08 = async () =>
    ((await rpc(url, "eth_supportedEntryPoints")) as string[] | undefined)?.some(
      (address) => address.toLowerCase() === ENTRY_POINT_V08.toLowerCase(),
    ) ?? false;
  return (await pollUntil(supportsV08, seconds, { intervalMs: 300 })) === "ready";
}
