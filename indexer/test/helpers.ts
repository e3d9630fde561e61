/**
 * What the indexer's tests share: the chain, the indexer and the seeded city that
 * scripts/indexer-tests.ts started (LAYANAN_TEST_*), wallets for the demo roles and for spare
 * development accounts, transactions that wait for their receipt, and waiting until the indexer has
 * indexed a block.
 *
 * Keys: Hardhat's well-known development mnemonic, public, for chain 31337 only (checked).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Abi,
  type Account,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { layananOf, parseManifest, type Manifest } from "@layanan/core";

function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run these tests with npm run test:indexer (scripts/indexer-tests.ts).`);
  return value;
}

export const INDEXER_URL = env("LAYANAN_TEST_INDEXER_URL");
export const RPC_URL = env("LAYANAN_TEST_RPC_URL");
export const LOCAL_DIR = env("LAYANAN_TEST_LOCAL_DIR");
export const manifest: Manifest = parseManifest(JSON.parse(readFileSync(env("LAYANAN_TEST_MANIFEST"), "utf8")));
assert.equal(
  manifest.chainId,
  31337,
  "the indexer tests send transactions with public development keys: chain 31337 only",
);
export const layanan = layananOf(manifest);
export const contracts = layanan.contracts;

const chain = defineChain({
  id: 31337,
  name: "Hardhat (indexer tests)",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [RPC_URL] } },
});
const transport = http(RPC_URL, { retryCount: 0 });
export const client = createPublicClient({ chain, transport, pollingInterval: 50, cacheTime: 0 });

// ---------------------------------------------------------------------------------------------
// Accounts

interface DemoAccount {
  role: string;
  address: `0x${string}`;
  privateKey: Hex;
  agency?: string;
}
const demo: DemoAccount[] = (
  JSON.parse(readFileSync(path.join(LOCAL_DIR, "demo-accounts.json"), "utf8")) as { accounts: DemoAccount[] }
).accounts;

/** The seeded roles: governor, admin-disdukcapil, officer-disdukcapil, officer2-disdukcapil, citizen-siti, … */
export function role(name: string): Account {
  const account = demo.find((a) => a.role === name);
  if (!account?.privateKey) throw new Error(`No demo account "${name}" with a key in demo-accounts.json.`);
  return privateKeyToAccount(account.privateKey);
}

const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** The seed uses development accounts 0..11; each test file takes spare ones of its own (12..19). */
export const spare = (index: number): Account => {
  assert.ok(index >= 12 && index <= 19, "spare development accounts are 12..19");
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
};

/** A fresh address nobody holds the key of: a subject, an officer or an admin that never signs. */
export const randomAddress = () => privateKeyToAccount(generatePrivateKey()).address;

export const lower = (address: string) => address.toLowerCase() as `0x${string}`;

// ---------------------------------------------------------------------------------------------
// Transactions

const wallets = new Map<string, ReturnType<typeof createWalletClient>>();
const walletOf = (account: Account) => {
  let wallet = wallets.get(account.address);
  if (!wallet) {
    wallet = createWalletClient({ account, chain, transport });
    wallets.set(account.address, wallet);
  }
  return wallet;
};

/** Sends a contract call as `account` without waiting for it to be mined (automine off: several per block). */
export async function write<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
  const args extends ContractFunctionArgs<abi, "nonpayable" | "payable", name>,
>(account: Account, contract: { address: `0x${string}`; abi: abi }, functionName: name, args: args): Promise<Hex> {
  return walletOf(account).writeContract({
    address: contract.address,
    abi: contract.abi,
    functionName,
    args,
    account,
    chain,
  } as never);
}

/** Sends a contract call as `account` and waits for its receipt (a revert fails the test). */
export async function send<
  const abi extends Abi,
  name extends ContractFunctionName<abi, "nonpayable" | "payable">,
  const args extends ContractFunctionArgs<abi, "nonpayable" | "payable", name>,
>(
  account: Account,
  contract: { address: `0x${string}`; abi: abi },
  functionName: name,
  args: args,
): Promise<TransactionReceipt> {
  const hash = await write(account, contract, functionName, args);
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  assert.equal(receipt.status, "success", `${functionName} reverted`);
  return receipt;
}

/** A JSON-RPC call to the node itself (evm_snapshot, evm_increaseTime, hardhat_mine, …). */
export async function nodeRpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Moves the chain's clock forward and mines a block at the new time. */
export async function travel(seconds: number): Promise<void> {
  await nodeRpc("evm_increaseTime", [seconds]);
  await nodeRpc("evm_mine");
}

export const latestBlock = () => client.getBlock({ blockTag: "latest" });

// ---------------------------------------------------------------------------------------------
// The indexer

export interface Answer<T = any> {
  status: number;
  body: T;
  contentType: string | null;
}

/** GET a path of the indexer; the body parsed as JSON when it is JSON. */
export async function api<T = any>(pathAndQuery: string): Promise<Answer<T>> {
  const response = await fetch(`${INDEXER_URL}${pathAndQuery}`);
  const text = await response.text();
  const contentType = response.headers.get("content-type");
  let body: unknown = text;
  if (contentType?.includes("json")) body = JSON.parse(text);
  return { status: response.status, body: body as T, contentType };
}

/** GET that must answer 200. */
export async function ok<T = any>(pathAndQuery: string): Promise<T> {
  const answer = await api<T>(pathAndQuery);
  assert.equal(answer.status, 200, `${pathAndQuery}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A GraphQL query against /graphql; fails on errors. */
export async function graphql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${INDEXER_URL}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  assert.equal(body.errors, undefined, `GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the indexer has indexed block `block` (the chain's latest by default); returns its status. */
export async function indexed(block?: bigint, timeoutMs = 30_000): Promise<{ block: string; time: number }> {
  const target = block ?? (await client.getBlockNumber({ cacheTime: 0 }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await api<{ block: string; time: number }>("/api/status");
    if (answer.status === 200 && BigInt(answer.body.block) >= target) return answer.body;
    if (Date.now() > deadline)
      throw new Error(`The indexer did not reach block ${target} within ${timeoutMs} ms (at ${answer.body.block}).`);
    await sleep(50);
  }
}

/** Polls `check` until it stops throwing (the indexer catching up after a reorg), then returns its value. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/** A 32-byte reference (clientRef, a reason code) from text. */
export const bytes32 = (text: string) => `0x${Buffer.from(text).toString("hex").padEnd(64, "0")}` as Hex;

/** Unique text for this run and test, so that searches find only what a test made. */
let counter = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;
