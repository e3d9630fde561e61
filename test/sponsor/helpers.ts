// The sponsor service (frontend/src/lib/server/sponsor) on the in-process chain of accountsFixture:
// a sponsor over PGlite with the fixture's sponsor key and a movable clock, user operations in the
// RPC form viem sends to an ERC-7677 service, and what the EntryPoint does with them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type AccountCall,
  type Passkey,
  ENTRY_POINT_V08,
  draftUserOperation,
  encodeAccountCalls,
  encodeCreateAccount,
  layananPaymasterAbi,
  signUserOperation,
  sponsorUserOperation,
} from "@layanan/core";
import {
  type Address,
  type EIP1193Provider,
  type Hex,
  type PublicClient,
  createPublicClient,
  custom,
  decodeErrorResult,
  defineChain,
  numberToHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type UserOperation, entryPoint08Abi, type toPackedUserOperation } from "viem/account-abstraction";
import {
  type Sponsor,
  type SponsorConfig,
  type SponsorDb,
  DEFAULT_PAYMASTER_VERIFICATION_GAS,
  chainReads,
  createSponsor,
  openPglite,
} from "../../frontend/src/lib/server/sponsor/index.ts";
import { type AccountsDeployment, accountOf, handleOps, signsSponsorData } from "../helpers/accounts.js";
import { connection, ethers } from "../helpers/fixture.js";

export const chain = defineChain({
  id: 31337,
  name: "hardhat",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
});

/** A viem client over the in-process chain. */
export function publicClient(): PublicClient {
  return createPublicClient({
    chain,
    transport: custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 }),
  }) as PublicClient;
}

export async function addressesOf(d: AccountsDeployment) {
  return {
    paymaster: (await d.paymaster.getAddress()) as Address,
    factory: (await d.factory.getAddress()) as Address,
    serviceRequests: (await d.requests.getAddress()) as Address,
  };
}

export async function sponsorConfig(d: AccountsDeployment, overrides: Partial<SponsorConfig> = {}) {
  const a = await addressesOf(d);
  return {
    chainId: d.chainId,
    entryPoint: ENTRY_POINT_V08,
    paymaster: a.paymaster,
    factory: a.factory,
    serviceRequests: a.serviceRequests,
    dailyQuota: 20,
    cityDailyQuota: 5_000,
    maxOperationGas: 3_000_000n,
    sponsorName: "Pemerintah Kota Bandung",
    validForSeconds: 600,
    paymasterVerificationGasLimit: DEFAULT_PAYMASTER_VERIFICATION_GAS,
    paymasterPostOpGasLimit: 0n,
    ...overrides,
  } satisfies SponsorConfig;
}

/** The chain's time, in ms: the clock the tests start the sponsor's at (the chain must accept validUntil). */
export async function chainNowMs(): Promise<number> {
  const block = await ethers.provider.getBlock("latest");
  return block!.timestamp * 1000;
}

export interface TestSponsor {
  sponsor: Sponsor;
  db: SponsorDb;
  clock: { ms: number };
  logs: string[];
}

/** A sponsor for the fixture (PGlite in memory unless `db` is given), its clock at the chain's time. */
export async function testSponsor(
  d: AccountsDeployment,
  options: { db?: SponsorDb; config?: Partial<SponsorConfig>; clockMs?: number } = {},
): Promise<TestSponsor> {
  const db = options.db ?? (await openPglite());
  const clock = { ms: options.clockMs ?? (await chainNowMs()) };
  const logs: string[] = [];
  const config = await sponsorConfig(d, options.config);
  const sponsor = createSponsor({
    db,
    signer: privateKeyToAccount(d.sponsor.privateKey as Hex),
    chain: chainReads(publicClient(), config.factory),
    config,
    now: () => clock.ms,
    log: (line) => logs.push(line),
  });
  return { sponsor, db, clock, logs };
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface OpParts {
  /** Call data as given (else the batch of `calls`). */
  callData?: Hex;
  /** Deploy the account in this operation (default: when it has no code). */
  deploy?: boolean;
  /** Another factory than the fixture's. */
  factory?: Address;
  factoryData?: Hex;
  sender?: Address;
  nonce?: bigint;
}

/** An unsigned v0.8 user operation of `passkey`'s account (no paymaster fields yet). */
export async function unsignedOp(
  d: AccountsDeployment,
  passkey: Passkey,
  calls: AccountCall[],
  parts: OpParts = {},
): Promise<UserOperation<"0.8">> {
  const sender = parts.sender ?? ((await accountOf(d, passkey)) as Address);
  const deployed = (await ethers.provider.getCode(sender)) !== "0x";
  const deploy = parts.deploy ?? !deployed;
  const nonce = parts.nonce ?? ((await d.entryPoint.getFunction("getNonce")(sender, 0)) as bigint);
  return draftUserOperation({
    sender,
    nonce,
    ...(deploy
      ? {
          factory: parts.factory ?? ((await d.factory.getAddress()) as Address),
          factoryData: parts.factoryData ?? encodeCreateAccount(passkey),
        }
      : {}),
    callData: parts.callData ?? encodeAccountCalls(calls),
  });
}

/** The RPC form of a user operation (hex quantities), as viem's paymaster actions send it. */
export function rpcOp(op: Partial<UserOperation<"0.8">>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(op)) {
    if (value === undefined) continue;
    out[key] = typeof value === "bigint" ? numberToHex(value) : value;
  }
  return out;
}

let rpcId = 0;
/** One JSON-RPC call to the sponsor: the result, or the error object. */
export async function call(sponsor: Sponsor, method: string, params: unknown) {
  const answer = (await sponsor.handleRpc({ jsonrpc: "2.0", id: ++rpcId, method, params })) as {
    result?: Record<string, unknown>;
    error?: { code: number; message: string; data?: Record<string, unknown> };
  };
  return answer;
}

export const params = (op: Partial<UserOperation<"0.8">>, entryPoint: Address = ENTRY_POINT_V08, chainId = 31337) => [
  rpcOp(op),
  entryPoint,
  numberToHex(chainId),
  null,
];

/** The operation with the sponsor's stub and then its data (as viem's prepareUserOperation does), signed by the passkey. */
export async function sponsorAndSign(
  s: TestSponsor,
  d: AccountsDeployment,
  passkey: Passkey,
  op: UserOperation<"0.8">,
): Promise<{ userOperation: UserOperation<"0.8">; hash: Hex; packed: ReturnType<typeof toPackedUserOperation> }> {
  const stub = await call(s.sponsor, "pm_getPaymasterStubData", params(op));
  if (stub.error) throw Object.assign(new Error(stub.error.message), stub.error);
  const withStub = { ...op, ...fromRpc(stub.result!) };
  const data = await call(s.sponsor, "pm_getPaymasterData", params(withStub));
  if (data.error) throw Object.assign(new Error(data.error.message), data.error);
  const userOperation: UserOperation<"0.8"> = { ...withStub, ...fromRpc(data.result!) };
  return signByPasskey(d, passkey, userOperation);
}

function fromRpc(result: Record<string, unknown>) {
  return {
    paymaster: result.paymaster as Address,
    paymasterData: result.paymasterData as Hex,
    paymasterVerificationGasLimit: BigInt(result.paymasterVerificationGasLimit as string),
    paymasterPostOpGasLimit: BigInt(result.paymasterPostOpGasLimit as string),
  };
}

export const signByPasskey = (d: AccountsDeployment, passkey: Passkey, op: UserOperation<"0.8">) =>
  signUserOperation(op, d.chainId, passkey);

/**
 * The operation signed by the sponsor's key directly, as a rogue or mistaken sponsor would sign
 * anything: what the on-chain policy must still refuse.
 */
export async function rogueSponsored(
  d: AccountsDeployment,
  passkey: Passkey,
  op: UserOperation<"0.8">,
  paymasterVerificationGasLimit = 200_000n,
) {
  const { paymaster } = await addressesOf(d);
  const validUntil = (await chainNowMs()) / 1000 + 600;
  const sponsored = await sponsorUserOperation(
    { ...op, paymasterVerificationGasLimit },
    { paymaster, chainId: d.chainId, validAfter: 0, validUntil },
    signsSponsorData(d.sponsor),
  );
  return signByPasskey(d, passkey, sponsored);
}

/** The paymaster's custom error that made handleOps revert (inside FailedOpWithRevert), or the EntryPoint's reason. */
export async function onChainRefusal(d: AccountsDeployment, packed: ReturnType<typeof toPackedUserOperation>) {
  try {
    await d.entryPoint.getFunction("handleOps").staticCall([packed], d.bundler.address, { gasLimit: 15_000_000 });
  } catch (error) {
    const data = findData(error);
    if (!data) throw error;
    const outer = decodeErrorResult({ abi: entryPoint08Abi, data });
    if (outer.errorName === "FailedOpWithRevert") {
      const inner = outer.args[2] as Hex;
      try {
        return decodeErrorResult({ abi: layananPaymasterAbi, data: inner }).errorName;
      } catch {
        return `${outer.args[1] as string}: ${inner}`;
      }
    }
    if (outer.errorName === "FailedOp") return outer.args[1] as string;
    return outer.errorName;
  }
  return null;
}

function findData(error: unknown): Hex | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const data = (current as { data?: unknown }).data;
    if (typeof data === "string" && data.startsWith("0x") && data.length > 2) return data as Hex;
    current = (current as { error?: unknown; cause?: unknown }).error ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export { handleOps };
