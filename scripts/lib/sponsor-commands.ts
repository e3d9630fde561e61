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
import { Contract, formatEther, parseEther } from "ethers";
import { type Address, type PublicClient } from "viem";
import { entryPoint08Abi } from "viem/account-abstraction";
import { readContract } from "viem/actions";
import { requireOption, type Args } from "./args.js";
import type { Command } from "./commands.js";
import { send, type Context } from "./context.js";
import { UserError } from "./manifest.js";

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

export const sponsorCommands: Command[] = [status, fund];
