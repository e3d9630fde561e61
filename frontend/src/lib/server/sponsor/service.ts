/**
 * The city's sponsor service (ERC-7677 paymaster web service): `pm_getPaymasterStubData` and
 * `pm_getPaymasterData` for the citizens' passkey accounts (EntryPoint v0.8), with the policy of
 * DESIGN.md — the right chain and EntryPoint, a CitizenAccountFactory account (or its first
 * operation through that factory), only Layanan citizen calls (core's checkSponsorPolicy, the rules
 * LayananPaymaster enforces on chain too), and a daily quota per account counted when an operation
 * is signed. Plain functions over a database, a signer and two chain reads: no Next.js here.
 */
import {
  type SponsorRefusal,
  type SponsorableUserOperation,
  checkSponsorPolicy,
  citizenAccountFactoryAbi,
  encodeSponsorData,
  sponsorTypedData,
  stubSponsorData,
} from "@layanan/core";
import {
  type Address,
  type Hex,
  type LocalAccount,
  type PublicClient,
  decodeFunctionData,
  hexToBigInt,
  isAddress,
  isAddressEqual,
  isHex,
  numberToHex,
} from "viem";
import { type UserOperation, getUserOperationHash } from "viem/account-abstraction";
import { getBlock, readContract } from "viem/actions";
import { CITY_ACCOUNT, type SponsorDb, recordSigned, usageOf } from "./db.ts";
import { jakartaDay, nextJakartaMidnight } from "./day.ts";
import { RPC_CODES, RpcError, handleJsonRpc, handleJsonRpcText, type RpcResponse } from "./rpc.ts";

/** What the sponsor needs to know about the deployment and its own limits. */
export interface SponsorConfig {
  chainId: number;
  entryPoint: Address;
  paymaster: Address;
  factory: Address;
  serviceRequests: Address;
  /** Signed operations per account per Jakarta day (20). */
  dailyQuota: number;
  /**
   * Signed operations for all accounts together per Jakarta day (5,000): anyone can make accounts
   * from new passkeys, so the per-account quota alone does not bound what the city pays.
   */
  cityDailyQuota: number;
  /** The most gas one operation may reserve (its gas limits together, 3,000,000). */
  maxOperationGas: bigint;
  /** Shown by wallets as who pays ("Pemerintah Kota Bandung"). */
  sponsorName: string;
  /** How long a signature stays valid, in seconds (600). */
  validForSeconds: number;
  /** The paymaster's validation gas (signature check and on-chain policy), given with the stub. */
  paymasterVerificationGasLimit: bigint;
  /** LayananPaymaster has no postOp. */
  paymasterPostOpGasLimit: bigint;
}

export const DEFAULT_DAILY_QUOTA = 20;
export const DEFAULT_CITY_DAILY_QUOTA = 5_000;
/** A first operation without the P-256 precompile uses about 624,000 gas; its limits stay far below this. */
export const DEFAULT_MAX_OPERATION_GAS = 3_000_000n;
export const DEFAULT_SPONSOR_NAME = "Pemerintah Kota Bandung";
export const DEFAULT_VALID_FOR_SECONDS = 600;
/**
 * Measured in test/sponsor on the in-process chain: the largest operation the policy allows (four
 * submits with 280-byte summaries) needs about 34,000 gas of paymaster validation (signature,
 * EIP-712 hash of the call data, the on-chain policy decoding the batch, factory.isAccount); 80,000
 * leaves a margin for chains whose storage and calls cost more.
 */
export const DEFAULT_PAYMASTER_VERIFICATION_GAS = 80_000n;

/** The two chain reads of the policy. */
export interface SponsorChainReads {
  /** CitizenAccountFactory.isAccount(sender). */
  isAccount(sender: Address): Promise<boolean>;
  /** CitizenAccountFactory.predictAddress(x, y, salt). */
  predictAddress(x: Hex, y: Hex, salt: Hex): Promise<Address>;
  /** The latest block's timestamp, in seconds: the paymaster checks validUntil against chain time. */
  latestTimestamp?(): Promise<number>;
}

/** The reads through a viem client (the factory's address from the config). */
export function chainReads(client: PublicClient, factory: Address): SponsorChainReads {
  return {
    isAccount: (sender) =>
      readContract(client, {
        address: factory,
        abi: citizenAccountFactoryAbi,
        functionName: "isAccount",
        args: [sender],
      }),
    predictAddress: (x, y, salt) =>
      readContract(client, {
        address: factory,
        abi: citizenAccountFactoryAbi,
        functionName: "predictAddress",
        args: [x, y, salt],
      }),
    latestTimestamp: async () => Number((await getBlock(client, { blockTag: "latest" })).timestamp),
  };
}

export interface SponsorOptions {
  db: SponsorDb;
  /** The sponsor's key: the paymaster's signer. */
  signer: LocalAccount;
  chain: SponsorChainReads;
  config: SponsorConfig;
  /** The clock, in ms since the epoch (tests move it). */
  now?: () => number;
  log?: (line: string) => void;
}

/** ERC-7677's answer, in RPC form (hex quantities). */
export interface PaymasterAnswer {
  paymaster: Address;
  paymasterData: Hex;
  paymasterVerificationGasLimit: Hex;
  paymasterPostOpGasLimit: Hex;
}

export interface PaymasterStubAnswer extends PaymasterAnswer {
  isFinal: false;
  sponsor: { name: string };
}

/** What the dApp gets in a JSON-RPC error's `data`: a policy rule, or the sponsor being unavailable. */
export type SponsorErrorData = SponsorRefusal | { rule: "sponsorUnavailable" };

/** A refusal as a JSON-RPC error: code -32501, `data` the SponsorRefusal, and a plain English sentence. */
export class SponsorRefused extends RpcError {
  constructor(readonly refusal: SponsorRefusal) {
    super(RPC_CODES.refused, refusalSentence(refusal), refusal);
  }
}

/** The English sentence of a refusal (the dApp says it in id and en from `data.rule`). */
export function refusalSentence(refusal: SponsorRefusal): string {
  switch (refusal.rule) {
    case "notCitizenAccount":
      return `The city pays only for Layanan citizen accounts, and ${refusal.sender} is not one.`;
    case "invalidCallData":
      return "The operation is not a batch of calls of a Layanan citizen account.";
    case "tooManyCalls":
      return `The operation makes ${refusal.count} calls; the city pays for at most ${refusal.max} in one operation.`;
    case "callNotAllowed":
      return `Call ${refusal.index + 1} (${refusal.selector} on ${refusal.target}) is not a Layanan citizen action the city pays for.`;
    case "valueAttached":
      return `Call ${refusal.index + 1} sends ETH; the city pays only for calls that send none.`;
    case "quotaExhausted":
      return `This account has used its ${refusal.quota} sponsored operations for today (${refusal.used} used); the quota starts again at ${refusal.resetsAt}.`;
    case "cityQuotaExhausted":
      return `The city has sponsored its ${refusal.quota} operations for today; sponsoring starts again at ${refusal.resetsAt}.`;
    case "gasTooHigh":
      return `The operation asks for ${refusal.gas} gas; the city pays for at most ${refusal.max} in one operation.`;
    case "wrongEntryPoint":
      return `The city sponsors operations for EntryPoint v0.8 only, not for ${refusal.entryPoint}.`;
    case "wrongChain":
      return `The sponsor serves another chain than chain ${refusal.chainId}.`;
  }
}

/** The operation in a request's params, decoded (the RPC form: hex quantities). */
interface ParsedOperation extends SponsorableUserOperation {
  paymaster?: Address;
}

function invalidParams(message: string): RpcError {
  return new RpcError(RPC_CODES.invalidParams, `Invalid params: ${message}`);
}

function quantity(op: Record<string, unknown>, field: string, required: boolean): bigint {
  const value = op[field];
  if (value === undefined || value === null) {
    if (required) throw invalidParams(`the user operation has no ${field}.`);
    return 0n;
  }
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) {
    throw invalidParams(`the user operation's ${field} is not a hex quantity.`);
  }
  return hexToBigInt(value as Hex);
}

function bytes(op: Record<string, unknown>, field: string, required: boolean): Hex | undefined {
  const value = op[field];
  if (value === undefined || value === null) {
    if (required) throw invalidParams(`the user operation has no ${field}.`);
    return undefined;
  }
  if (typeof value !== "string" || !isHex(value) || value.length % 2 !== 0) {
    throw invalidParams(`the user operation's ${field} is not hex bytes.`);
  }
  return value;
}

function address(value: unknown, what: string): Address {
  if (typeof value !== "string" || !isAddress(value, { strict: false }))
    throw invalidParams(`${what} is not an address.`);
  return value as Address;
}

/** `[userOperation, entryPoint, chainId, context?]`, as viem's paymaster actions send them. */
function parseParams(params: unknown, final: boolean) {
  if (!Array.isArray(params) || params.length < 3 || params.length > 4) {
    throw invalidParams("expected [userOperation, entryPoint, chainId, context].");
  }
  const [rawOp, rawEntryPoint, rawChainId] = params as unknown[];
  if (rawOp === null || typeof rawOp !== "object" || Array.isArray(rawOp)) {
    throw invalidParams("the user operation is not an object.");
  }
  const op = rawOp as Record<string, unknown>;
  if ("initCode" in op && op.initCode !== undefined && !("factory" in op)) {
    throw invalidParams(
      "the user operation is in the EntryPoint v0.6 form (initCode); v0.8 has factory and factoryData.",
    );
  }
  const entryPoint = address(rawEntryPoint, "the EntryPoint");
  if (typeof rawChainId !== "string" || !/^0x[0-9a-fA-F]{1,16}$/.test(rawChainId)) {
    throw invalidParams("the chain id is not a hex quantity.");
  }
  const factory = op.factory === undefined || op.factory === null ? undefined : op.factory;
  if (
    factory !== undefined &&
    factory !== "0x7702" &&
    !(typeof factory === "string" && isAddress(factory, { strict: false }))
  ) {
    throw invalidParams("the user operation's factory is not an address.");
  }
  const userOperation: ParsedOperation = {
    sender: address(op.sender, "the user operation's sender"),
    nonce: quantity(op, "nonce", true),
    factory: factory as Address | undefined,
    factoryData: bytes(op, "factoryData", false),
    callData: bytes(op, "callData", true)!,
    callGasLimit: quantity(op, "callGasLimit", final),
    verificationGasLimit: quantity(op, "verificationGasLimit", final),
    preVerificationGas: quantity(op, "preVerificationGas", final),
    maxFeePerGas: quantity(op, "maxFeePerGas", final),
    maxPriorityFeePerGas: quantity(op, "maxPriorityFeePerGas", final),
    paymasterVerificationGasLimit: 0n,
    paymasterPostOpGasLimit: 0n,
  };
  return { userOperation, entryPoint, chainId: Number(hexToBigInt(rawChainId as Hex)) };
}

export interface Sponsor {
  /** pm_getPaymasterStubData: the policy without counting, and a stub of the right size. */
  getPaymasterStubData(params: unknown): Promise<PaymasterStubAnswer>;
  /** pm_getPaymasterData: the policy, then the signature, recorded and counted. */
  getPaymasterData(params: unknown): Promise<PaymasterAnswer>;
  /** Signed operations of `account` today (Jakarta) and the quota. */
  usage(account: Address): Promise<{ day: string; used: number; quota: number; resetsAt: string }>;
  /** A parsed JSON-RPC body (a request or a batch). */
  handleRpc(body: unknown): Promise<RpcResponse | RpcResponse[] | undefined>;
  /** A raw JSON-RPC body. */
  handleRpcText(text: string): Promise<RpcResponse | RpcResponse[] | undefined>;
  close(): Promise<void>;
}

export const SPONSOR_METHODS = ["pm_getPaymasterStubData", "pm_getPaymasterData"] as const;

export function createSponsor(options: SponsorOptions): Sponsor {
  const { db, signer, chain, config } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.info(line));

  const gas = {
    paymasterVerificationGasLimit: numberToHex(config.paymasterVerificationGasLimit),
    paymasterPostOpGasLimit: numberToHex(config.paymasterPostOpGasLimit),
  };

  /** The rules that need no database: chain, EntryPoint, sender, calls. */
  async function checkOperation(op: ParsedOperation, entryPoint: Address, chainId: number) {
    if (chainId !== config.chainId) throw new SponsorRefused({ rule: "wrongChain", chainId: config.chainId });
    if (!isAddressEqual(entryPoint, config.entryPoint))
      throw new SponsorRefused({ rule: "wrongEntryPoint", entryPoint });
    const gas =
      op.callGasLimit + op.verificationGasLimit + op.preVerificationGas + config.paymasterVerificationGasLimit;
    if (gas > config.maxOperationGas) {
      throw new SponsorRefused({ rule: "gasTooHigh", gas: gas.toString(), max: config.maxOperationGas.toString() });
    }
    await checkSender(op);
    const policy = checkSponsorPolicy(op.sender, op.callData, config.serviceRequests);
    if (!policy.ok) throw new SponsorRefused(policy.refusal);
    return policy.calls;
  }

  /** A factory account, or the first operation of one: the factory's createAccount for this very address. */
  async function checkSender(op: ParsedOperation) {
    const refused = () => new SponsorRefused({ rule: "notCitizenAccount", sender: op.sender });
    if (op.factory === undefined || op.factory === null) {
      if (!(await chain.isAccount(op.sender))) throw refused();
      return;
    }
    if (op.factory === "0x7702" || !isAddressEqual(op.factory, config.factory) || !op.factoryData) throw refused();
    let args: readonly unknown[];
    try {
      const decoded = decodeFunctionData({ abi: citizenAccountFactoryAbi, data: op.factoryData });
      if (decoded.functionName !== "createAccount") throw refused();
      args = decoded.args as readonly unknown[];
    } catch {
      throw refused();
    }
    const [x, y, salt] = args as [Hex, Hex, Hex];
    const predicted = await chain.predictAddress(x, y, salt);
    if (!isAddressEqual(predicted, op.sender)) throw refused();
  }

  function quotaRefusal(used: number, at: number): SponsorRefused {
    return new SponsorRefused({
      rule: "quotaExhausted",
      used,
      quota: config.dailyQuota,
      resetsAt: nextJakartaMidnight(at),
    });
  }

  /** The city-wide cap (checked before signing; counted with each signed operation, so a race may pass it by a few). */
  async function checkCityQuota(at: number) {
    const used = await usageOf(db, CITY_ACCOUNT, jakartaDay(at));
    if (used >= config.cityDailyQuota) {
      throw new SponsorRefused({
        rule: "cityQuotaExhausted",
        quota: config.cityDailyQuota,
        resetsAt: nextJakartaMidnight(at),
      });
    }
  }

  /**
   * Where a signature's validity window starts: the later of the server's clock and the chain's
   * (a chain whose time runs ahead, as the local one after the demo seed, would see a window
   * counted from the server's clock as already expired: AA32).
   */
  async function validFrom(at: number): Promise<number> {
    const server = Math.floor(at / 1000);
    return chain.latestTimestamp ? Math.max(server, await chain.latestTimestamp()) : server;
  }

  const sponsor: Sponsor = {
    async getPaymasterStubData(params) {
      const { userOperation, entryPoint, chainId } = parseParams(params, false);
      await checkOperation(userOperation, entryPoint, chainId);
      const at = now();
      const used = await usageOf(db, userOperation.sender, jakartaDay(at));
      if (used >= config.dailyQuota) throw quotaRefusal(used, at);
      await checkCityQuota(at);
      return {
        paymaster: config.paymaster,
        paymasterData: stubSponsorData((await validFrom(at)) + config.validForSeconds),
        ...gas,
        isFinal: false,
        sponsor: { name: config.sponsorName },
      };
    },

    async getPaymasterData(params) {
      const { userOperation, entryPoint, chainId } = parseParams(params, true);
      const calls = await checkOperation(userOperation, entryPoint, chainId);
      const at = now();
      const day = jakartaDay(at);
      // Refused early (no signature made) when the quota is already spent; counted atomically below.
      const before = await usageOf(db, userOperation.sender, day);
      if (before >= config.dailyQuota) throw quotaRefusal(before, at);
      await checkCityQuota(at);
      const validAfter = 0;
      const validUntil = (await validFrom(at)) + config.validForSeconds;
      const signed: SponsorableUserOperation = {
        ...userOperation,
        paymasterVerificationGasLimit: config.paymasterVerificationGasLimit,
        paymasterPostOpGasLimit: config.paymasterPostOpGasLimit,
      };
      const typed = sponsorTypedData(signed, { paymaster: config.paymaster, chainId, validAfter, validUntil });
      const signature = await signer.signTypedData(typed as never);
      const paymasterData = encodeSponsorData(validAfter, validUntil, signature);
      const userOpHash = getUserOperationHash({
        chainId,
        entryPointAddress: config.entryPoint,
        entryPointVersion: "0.8",
        userOperation: {
          ...signed,
          factory: signed.factory ?? undefined,
          factoryData: signed.factoryData ?? undefined,
          paymaster: config.paymaster,
          paymasterData,
          signature: "0x",
        } as UserOperation<"0.8">,
      });
      const used = await recordSigned(
        db,
        { userOpHash, sender: userOperation.sender, calls, validUntil, day },
        config.dailyQuota,
      );
      if (used === null) throw quotaRefusal(config.dailyQuota, at);
      log(
        `sponsor: signed ${userOpHash} for ${userOperation.sender} (${calls.map((c) => c.functionName).join(", ")}; ${used}/${config.dailyQuota} today)`,
      );
      return { paymaster: config.paymaster, paymasterData, ...gas };
    },

    async usage(account) {
      const at = now();
      const day = jakartaDay(at);
      return {
        day,
        used: await usageOf(db, account, day),
        quota: config.dailyQuota,
        resetsAt: nextJakartaMidnight(at),
      };
    },

    handleRpc: (body) => handleJsonRpc(body, dispatch, onError),
    handleRpcText: (text) => handleJsonRpcText(text, dispatch, onError),
    close: () => db.close(),
  };

  async function dispatch(method: string, params: unknown): Promise<unknown> {
    switch (method) {
      case "pm_getPaymasterStubData":
        return sponsor.getPaymasterStubData(params);
      case "pm_getPaymasterData":
        return sponsor.getPaymasterData(params);
      default:
        throw new RpcError(
          RPC_CODES.methodNotFound,
          `Method not found: the sponsor answers ${SPONSOR_METHODS.join(" and ")} (ERC-7677).`,
        );
    }
  }

  function onError(error: unknown) {
    log(`sponsor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  return sponsor;
}

/**
 * A sponsor that cannot sponsor (no key on a public chain, no deployment of the accounts): every
 * request gets the same configuration error, code -32002 with data `{ rule: "sponsorUnavailable" }`.
 */
export function unavailableSponsor(reason: string, log: (line: string) => void = console.error) {
  let told = false;
  const dispatch = async (): Promise<never> => {
    if (!told) {
      log(`sponsor: not configured: ${reason}`);
      told = true;
    }
    throw new RpcError(RPC_CODES.unavailable, `The sponsor service is not configured: ${reason}`, {
      rule: "sponsorUnavailable",
    } satisfies SponsorErrorData);
  };
  return {
    reason,
    handleRpc: (body: unknown) => handleJsonRpc(body, dispatch),
    handleRpcText: (text: string) => handleJsonRpcText(text, dispatch),
    close: async () => {},
  };
}

export type SponsorEndpoint = Pick<Sponsor, "handleRpc" | "handleRpcText" | "close">;
