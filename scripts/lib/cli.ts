import path from "node:path";
import type { NetworkConnection } from "hardhat/types/network";
import { option, parseArgs, type Args } from "./args.js";
import { COMMANDS, type Command } from "./commands.js";
import { assertReachable, createContext, shortMessage } from "./context.js";
import { deploy } from "./deploy.js";
import { UserError, requireManifest } from "./manifest.js";
import { seed } from "./seed.js";

export interface CliIo {
  /** An open connection to use instead of connecting to --network (tests pass the in-process chain). */
  connection?: NetworkConnection;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

const GLOBAL_OPTIONS = `Options everywhere:
  --network <name>   a network of hardhat.config.ts: localhost (default), hardhat, public, …
  --as <account>     who signs: an address, an account index, or a demo role (e.g. officer-disdukcapil)
  --help             this help, or a command's usage`;

const SPECIAL: Command[] = [
  {
    name: "deploy",
    usage: "deploy [--fresh] [--governor <address>] [--sponsor-signer <address>]",
    summary:
      "Deploy the four contracts, EntryPoint v0.8 (where missing), the citizen-account factory and the paymaster " +
      "(signed for by --sponsor-signer, the sponsor service's key; required but on 31337), and write " +
      "deployments/<network>.json (does nothing when they are live; --fresh redeploys).",
    run: async () => undefined,
  },
  {
    name: "seed",
    usage: "seed",
    summary: "Load the Kota Bandung demo data (local chain 31337 only; writes local/).",
    run: async () => undefined,
  },
];

const ALL = [...SPECIAL, ...COMMANDS];

function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  for (const length of [2, 1]) {
    const name = words.slice(0, length).join(" ");
    const command = ALL.find((c) => c.name === name);
    if (command) return { command, rest: words.slice(length) };
  }
  return undefined;
}

export function helpText(): string {
  const lines = ALL.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `Layanan admin commands: npm run layanan -- <command> [options]\n\n${lines.join("\n")}\n\n${GLOBAL_OPTIONS}`;
}

/** Runs one command; resolves to the process exit code. Bad input is one line on `err` and exit 1. */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  let connection = io.connection;
  let opened = false;
  try {
    const parsed = parseArgs(argv);
    const found = parsed.positional.length === 0 ? undefined : findCommand(parsed.positional);
    if (found === undefined) {
      if (parsed.positional.length === 0 || parsed.positional[0] === "help") {
        out(helpText());
        return 0;
      }
      throw new UserError(
        `Unknown command "${parsed.positional.join(" ")}". Run npm run layanan -- --help for the list.`,
      );
    }
    const { command, rest } = found;
    if (parsed.options.has("help")) {
      out(`Usage: npm run layanan -- ${command.usage}\n${command.summary}\n\n${GLOBAL_OPTIONS}`);
      return 0;
    }
    const args: Args = { positional: rest, options: parsed.options };
    const network = option(args, "network") ?? "localhost";
    if (connection === undefined) {
      const hardhat = await import("hardhat");
      try {
        connection = await hardhat.network.create({ network });
      } catch (error) {
        throw new UserError(`Cannot use network "${network}": ${shortMessage(error)}`);
      }
      opened = true;
    }

    if (command.name === "deploy") {
      await assertReachable(connection, network);
      await deploy(connection, {
        network,
        fresh: args.options.has("fresh"),
        governor: option(args, "governor"),
        sponsorSigner: option(args, "sponsor-signer"),
        log: out,
      });
      return 0;
    }
    if (command.name === "seed") {
      await assertReachable(connection, network);
      const summary = await seed(connection, requireManifest(network), out);
      out(`Demo accounts and private demo data: ${path.relative(process.cwd(), summary.localDir)}/ (git-ignored).`);
      return 0;
    }
    const ctx = await createContext(connection, network, option(args, "as"), out);
    return (await command.run(ctx, args)) ?? 0;
  } catch (error) {
    if (error instanceof UserError) {
      err(error.message);
      return 1;
    }
    err(`Unexpected error: ${shortMessage(error)}`);
    return 2;
  } finally {
    if (opened) await connection?.close();
  }
}
