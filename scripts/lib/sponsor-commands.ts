// `sponsor status` and `sponsor fund`: the city's paymaster (LayananPaymaster) as the sponsor
// service uses it. Status reads the chain only: the deposit, the sponsor's signer, and today's
// sponsored operations (EntryPoint UserOperationEvent logs naming the paymaster, since 00:00 in
// Asia/Jakarta, read in windows of blocks).
import {
  ENTRY_POINT_V08,
  collectEvents,
  layananPaymasterAbi,
  logsWindowFrom,
  type ManifestContract,
} from "@layanan/core";
import { spawn } from "node:child_process";
import path from "node:path";
import { Contract, Wallet, formatEther, parseEther } from "ethers";
import { type Address, type PublicClient } from "viem";
import { entryPoint08Abi } from "viem/account-abstraction";
import { readContract } from "viem/actions";
import { option, parseInteger, requireOption, type Args } from "./args.js";
import type { Command } from "./commands.js";
import { networkUrl, send, type Context } from "./context.js";
import { DEV_SPONSOR_ADDRESS } from "./dev-keys.js";
import { UserError } from "./manifest.js";
import { BIN, ROOT } from "./services.js";

/** Western Indonesia Time, UTC+7 all year. */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The first second of today in Asia/Jakarta. */
export function startOfJakartaToday(nowMs = Date.now()): number {
  return (Math.floor((nowMs + JAKARTA_OFFSET_MS) / DAY_MS) * DAY_MS - JAKARTA_OFFSET_MS) / 1000;
}

function accountContract(ctx: Context, name: "LayananPaymaster" | "CitizenAccountFactory" | "EntryPoint") {
  return (ctx.manifest.contracts as unknown as Record<string, ManifestContract | undefined>)[name];
}

function paymasterOf(ctx: Context): Address {
  const entry = accountContract(ctx, "LayananPaymaster");
  if (entry === undefined) {
    throw new UserError(
      `deployments/${ctx.network}.json has no LayananPaymaster: the citizen accounts are not deployed on network "${ctx.network}". Deploy them first: npm run layanan -- deploy --network ${ctx.network}`,
    );
  }
  return entry.address as Address;
}

/** The first block whose timestamp is at or after `timestamp` (binary search from `low`). */
export async function firstBlockAtOrAfter(client: PublicClient, timestamp: number, low: bigint): Promise<bigint> {
  const latest = await client.getBlock({ blockTag: "latest" });
  if (Number(latest.timestamp) < timestamp) return latest.number + 1n;
  let lo = low;
  let hi = latest.number;
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    const block = await client.getBlock({ blockNumber: mid });
    if (Number(block.timestamp) < timestamp) lo = mid + 1n;
    else hi = mid;
  }
  return lo;
}

const eth = (wei: bigint) => `${formatEther(wei)} ETH`;

/** How to top the deposit up: the command, and on a public chain the governor's multisig transaction. */
export function fundHint(network: string, chainId: number, governor: string, paymaster: string): string[] {
  const lines = [`Top it up: npm run layanan -- sponsor fund --amount <eth> --network ${network}`];
  if (chainId !== 31337) {
    lines.push(
      `On a public chain the city pays from the governor's multisig (${governor}): a transaction to ${paymaster} calling deposit() (data 0xd0e30db0) with the ETH as its value.`,
    );
  }
  return lines;
}

const status: Command = {
  name: "sponsor status",
  usage: "sponsor status [--window <blocks>]",
  summary:
    "The paymaster of citizens' sponsored operations: its deposit, the sponsor's signer, today's operations (since 00:00 WIB) and how to top it up.",
  async run(ctx, args) {
    const paymaster = paymasterOf(ctx);
    const client = ctx.client;
    if ((await client.getCode({ address: paymaster })) === undefined) {
      throw new UserError(
        `There is no contract at ${paymaster} (LayananPaymaster of deployments/${ctx.network}.json).`,
      );
    }
    const read = <T>(functionName: "getDeposit" | "signer" | "entryPoint") =>
      readContract(client, { address: paymaster, abi: layananPaymasterAbi, functionName }) as Promise<T>;
    const [deposit, signer] = await Promise.all([read<bigint>("getDeposit"), read<Address>("signer")]);
    const entryPoint =
      (accountContract(ctx, "EntryPoint")?.address as Address | undefined) ??
      ((await read<Address>("entryPoint").catch(() => ENTRY_POINT_V08)) as Address);
    ctx.out(`Paymaster: ${paymaster} (EntryPoint ${entryPoint})`);
    ctx.out(`Deposit: ${eth(deposit)}`);
    ctx.out(`Sponsor signer: ${signer}`);

    const since = startOfJakartaToday();
    const fromBlock = await firstBlockAtOrAfter(client, since, BigInt(ctx.manifest.deployBlock));
    const window = args.options.get("window");
    const { logs, toBlock } =
      fromBlock > (await client.getBlockNumber({ cacheTime: 0 }))
        ? { logs: [], toBlock: fromBlock - 1n }
        : await collectEvents(
            client,
            { address: entryPoint, abi: entryPoint08Abi, eventName: "UserOperationEvent", args: { paymaster } },
            {
              fromBlock,
              windowBlocks: logsWindowFrom(typeof window === "string" ? window : process.env.LAYANAN_LOGS_WINDOW),
            },
          );
    const total = logs.reduce((sum, log) => sum + (log.args.actualGasCost ?? 0n), 0n);
    const failed = logs.filter((log) => log.args.success === false).length;
    const accounts = new Set(logs.map((log) => String(log.args.sender).toLowerCase()));
    const day = new Date(since * 1000 + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
    ctx.out(
      `Today (${day}, since 00:00 WIB, blocks ${fromBlock}–${toBlock}): ${logs.length} sponsored operation${logs.length === 1 ? "" : "s"}` +
        `${failed > 0 ? ` (${failed} with failed calls)` : ""}, ${eth(total)} paid, ${accounts.size} account${accounts.size === 1 ? "" : "s"}.`,
    );
    if (logs.length > 0) ctx.out(`Average cost: ${eth(total / BigInt(logs.length))} per operation.`);
    for (const line of fundHint(ctx.network, ctx.manifest.chainId, ctx.manifest.governor, paymaster)) ctx.out(line);
  },
};

const fund: Command = {
  name: "sponsor fund",
  usage: "sponsor fund --amount <eth>",
  summary: "Add ETH to the paymaster's deposit at the EntryPoint (paid by --as; anyone may top it up).",
  async run(ctx, args: Args) {
    const paymaster = paymasterOf(ctx);
    const text = requireOption(args, "amount", "the amount of ETH (e.g. --amount 0.5)");
    let amount: bigint;
    try {
      amount = parseEther(text);
    } catch {
      throw new UserError(`--amount must be an amount of ETH such as 0.5, got "${text}".`);
    }
    if (amount <= 0n) throw new UserError(`--amount must be more than 0 ETH, got "${text}".`);
    const balance = await ctx.connection.ethers.provider.getBalance(ctx.signer.address);
    if (balance < amount) {
      throw new UserError(`${ctx.signer.address} has ${eth(balance)}, less than ${eth(amount)}; nothing was sent.`);
    }
    const contract = new Contract(paymaster, layananPaymasterAbi as never, ctx.signer);
    const { receipt } = await send(ctx, contract as never, "deposit", [{ value: amount }]);
    const deposit = (await contract.getFunction("getDeposit")()) as bigint;
    ctx.out(`Deposited ${eth(amount)} from ${ctx.signer.address} (transaction ${receipt.hash}).`);
    ctx.out(`Deposit: ${eth(deposit)}`);
  },
};

/** The sponsor's key variable: the dApp's server reads it from its environment. */
export const SPONSOR_KEY_VARIABLE = "LAYANAN_SPONSOR_PRIVATE_KEY";

/**
 * The sponsor's key as Hardhat resolves a configuration variable: the environment first, then
 * Hardhat's keystore (`npx hardhat keystore set LAYANAN_SPONSOR_PRIVATE_KEY`, which asks for the
 * keystore's password), else undefined.
 */
export async function sponsorKeyFromHardhat(): Promise<string | undefined> {
  const fromEnv = process.env[SPONSOR_KEY_VARIABLE]?.trim();
  if (fromEnv) return fromEnv;
  const { default: hre } = await import("hardhat");
  const { configVariable } = await import("hardhat/config");
  return hre.hooks.runHandlerChain(
    "configurationVariables",
    "fetchValue",
    [configVariable(SPONSOR_KEY_VARIABLE)],
    async () => undefined as unknown as string,
  ) as Promise<string | undefined>;
}

/**
 * Checks the sponsor's key against the paymaster on chain: the key must be the paymaster's signer,
 * or every operation the service signs fails at the EntryPoint. Returns the key (undefined on the
 * local chain without one: the server then signs with Hardhat's development account #19).
 */
async function checkedSponsorKey(ctx: Context, key: string | undefined): Promise<string | undefined> {
  const paymaster = paymasterOf(ctx);
  const signer = (await readContract(ctx.client, {
    address: paymaster,
    abi: layananPaymasterAbi,
    functionName: "signer",
  })) as Address;
  if (key === undefined) {
    if (ctx.manifest.chainId !== 31337) {
      throw new UserError(
        `${SPONSOR_KEY_VARIABLE} is not set. Give the sponsor service the key of the paymaster's signer ${signer}: in the environment, or in Hardhat's keystore (npx hardhat keystore set ${SPONSOR_KEY_VARIABLE}).`,
      );
    }
    if (signer.toLowerCase() !== DEV_SPONSOR_ADDRESS.toLowerCase()) {
      throw new UserError(
        `The paymaster's signer is ${signer}, not Hardhat's development account #19: set ${SPONSOR_KEY_VARIABLE} to its key.`,
      );
    }
    ctx.out(`Sponsor key: Hardhat's public development account #19 (${signer}), chain 31337 only.`);
    return undefined;
  }
  let address: string;
  try {
    address = new Wallet(key.startsWith("0x") ? key : `0x${key}`).address;
  } catch {
    throw new UserError(`${SPONSOR_KEY_VARIABLE} is not a 32-byte hex private key.`);
  }
  if (address.toLowerCase() !== signer.toLowerCase()) {
    throw new UserError(
      `${SPONSOR_KEY_VARIABLE} is the key of ${address}, but the paymaster ${paymaster} accepts signatures of ${signer} only: every sponsored operation would fail. Use that signer's key, or have the governor call setSponsorSigner(${address}).`,
    );
  }
  ctx.out(`Sponsor key: ${address}, the paymaster's signer.`);
  return key;
}

const serve: Command = {
  name: "sponsor serve",
  usage: "sponsor serve [--port <port>] [--check]",
  summary: `Runs the dApp's built server (next start: the pages and the sponsor service, /api/sponsor) for this network, the sponsor's key from ${SPONSOR_KEY_VARIABLE} or Hardhat's keystore, checked against the paymaster's signer first. --check stops after the checks. Build the dApp first: LAYANAN_NETWORK=<network> npm run build --workspace frontend.`,
  async run(ctx, args) {
    const key = await checkedSponsorKey(ctx, await sponsorKeyFromHardhat());
    const port = option(args, "port") ?? "3000";
    parseInteger(port, "--port", 1, 65_535);
    const rpcUrl = await networkUrl(ctx.connection);
    if (args.options.has("check")) {
      ctx.out(
        `Ready: next start --port ${port} on network "${ctx.network}"${rpcUrl ? ` (RPC ${new URL(rpcUrl).origin})` : ""}.`,
      );
      return 0;
    }
    if (!rpcUrl) throw new UserError(`Network "${ctx.network}" has no URL: the sponsor service needs the chain's RPC.`);
    const env = {
      ...process.env,
      LAYANAN_NETWORK: ctx.network,
      LAYANAN_RPC_URL: rpcUrl,
      ...(key === undefined ? {} : { [SPONSOR_KEY_VARIABLE]: key }),
    };
    // In the terminal's process group (not services.ts's detached `run`): Ctrl-C stops the server too.
    const child = spawn(path.join(BIN, "next"), ["start", "--port", port], {
      cwd: path.join(ROOT, "frontend"),
      env,
      stdio: "inherit",
    });
    return new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  },
};

export const sponsorCommands: Command[] = [status, fund, serve];
