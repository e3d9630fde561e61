// The agencies' CLI as a user runs it (`npm run layanan -- requests list …`), timed end to end:
// npm, tsx, Hardhat's start-up and the reads.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { mnemonicToAccount } from "viem/accounts";
import { toHex } from "viem";
import { summarize } from "./bench-measure.js";
import type { Row } from "./bench-report.js";

const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export interface CliOptions {
  root: string;
  rpcUrl: string;
  deploymentsDir: string;
  localDir: string;
  agencyId: number;
  logFile: string;
  iterations: number;
  timeoutMs?: number;
}

function runOnce(
  options: CliOptions,
  args: string[],
): Promise<{ ms: number; code: number | null; lines: number; output: string }> {
  const key = mnemonicToAccount(DEV_MNEMONIC).getHdKey().privateKey!;
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn("npm", ["run", "--silent", "layanan", "--", ...args], {
      cwd: options.root,
      env: {
        ...process.env,
        PUBLIC_RPC_URL: options.rpcUrl,
        DEPLOYER_PRIVATE_KEY: toHex(key),
        LAYANAN_DEPLOYMENTS_DIR: options.deploymentsDir,
        LAYANAN_LOCAL_DIR: options.localDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const out: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => out.push(c));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // gone
      }
    }, options.timeoutMs ?? 900_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const output = Buffer.concat(out).toString("utf8");
      writeFileSync(options.logFile, `$ layanan ${args.join(" ")}\n${output.slice(0, 20_000)}\n`, { flag: "a" });
      resolve({
        ms: performance.now() - t,
        code,
        lines: output.split("\n").filter((l) => l.startsWith("#")).length,
        output,
      });
    });
  });
}

export async function runCli(options: CliOptions): Promise<Row[]> {
  const commands = ["commands.ts", "requests-commands.ts"]
    .map((file) => {
      try {
        return readFileSync(path.join(options.root, "scripts", "lib", file), "utf8");
      } catch {
        return "";
      }
    })
    .join("\n");
  const hasLimit = /requests list[^"]*--limit/.test(commands);
  const hasSource = /requests list[^"]*--source/.test(commands);
  const rows: Row[] = [];
  const time = async (read: string, args: string[], iterations: number) => {
    const samples: number[] = [];
    let last: Awaited<ReturnType<typeof runOnce>> | undefined;
    for (let i = 0; i < iterations; i++) {
      last = await runOnce(options, args);
      if (last.code !== 0) break;
      samples.push(last.ms);
      // A minutes-long run is timed once.
      if (last.ms > 60_000) break;
    }
    const failed = last !== undefined && last.code !== 0;
    rows.push({
      read,
      via: "CLI (npm run layanan)",
      latency: {
        ...summarize(samples),
        detail: last ? `${last.lines} rows printed` : undefined,
        error: failed ? `exit code ${last!.code}: ${last!.output.trim().split("\n").at(-1)?.slice(0, 160)}` : undefined,
      },
    });
  };
  const network = ["--network", "public"];
  await time("stats (start-up and a few calls: the CLI's floor)", ["stats", ...network], options.iterations);
  const list = ["requests", "list", "--agency", String(options.agencyId), ...(hasLimit ? ["--limit", "50"] : [])];
  const shown = `requests list --agency ${options.agencyId}${hasLimit ? " --limit 50" : " (no --limit in the CLI yet)"}`;
  if (hasSource) {
    await time(`${shown} --source indexer`, [...list, "--source", "indexer", ...network], options.iterations);
    await time(
      `${shown} --source chain (windows of 2,000 blocks)`,
      [...list, "--source", "chain", ...network],
      options.iterations,
    );
  } else {
    await time(shown, [...list, ...network], options.iterations);
  }
  return rows;
}
