import { AbiCoder, keccak256 } from "ethers";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { runCli } from "../../scripts/lib/cli.js";

/**
 * A fresh in-process chain plus temporary deployments/ and local/ folders, so the scripts' tests
 * never touch the repository's files. Restores the environment when disposed.
 */
export async function scriptsSandbox() {
  const connection = await network.create({ network: "hardhat" });
  const root = mkdtempSync(path.join(tmpdir(), "layanan-scripts-"));
  const previous = { deployments: process.env.LAYANAN_DEPLOYMENTS_DIR, local: process.env.LAYANAN_LOCAL_DIR };
  process.env.LAYANAN_DEPLOYMENTS_DIR = path.join(root, "deployments");
  process.env.LAYANAN_LOCAL_DIR = path.join(root, "local");

  /** Runs the CLI in-process on this chain; returns the exit code and what it printed. */
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, "--network", "hardhat"], {
      connection,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  async function dispose() {
    await connection.close();
    if (previous.deployments === undefined) delete process.env.LAYANAN_DEPLOYMENTS_DIR;
    else process.env.LAYANAN_DEPLOYMENTS_DIR = previous.deployments;
    if (previous.local === undefined) delete process.env.LAYANAN_LOCAL_DIR;
    else process.env.LAYANAN_LOCAL_DIR = previous.local;
    rmSync(root, { recursive: true, force: true });
  }

  return { connection, ethers: connection.ethers, root, cli, dispose, localDir: path.join(root, "local") };
}

export type Sandbox = Awaited<ReturnType<typeof scriptsSandbox>>;

/**
 * DESIGN.md's commitment, keccak256(abi.encode(bytes32 salt, string payload)), computed with ethers
 * alone: what the tests check @layanan/core's receipts against.
 */
export function expectedCommitment(salt: string, payload: string): string {
  return keccak256(AbiCoder.defaultAbiCoder().encode(["bytes32", "string"], [salt, payload]));
}
