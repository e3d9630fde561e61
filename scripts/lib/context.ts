import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  CONTRACT_NAMES,
  claimTypeOf as coreClaimTypeOf,
  codeProblem,
  decodeRevertData,
  encodeCode,
  layananChain,
  layananOf,
  MAX_CODE_BYTES,
  type Layanan,
  type Manifest,
} from "@layanan/core";
import { Contract, isAddress, isHexString, getAddress, type ContractTransactionReceipt } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import { createPublicClient, custom, type EIP1193Provider, type PublicClient } from "viem";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type {
  AgencyDirectory,
  CitizenAttestations,
  DocumentRegistry,
  ServiceRequests,
} from "../../types/ethers-contracts/index.js";
import { UserError, requireManifest } from "./manifest.js";

/** Git-ignored folder for what must never be committed or sent: salts, personal data, receipts, demo files. */
export function localDir(): string {
  return process.env.LAYANAN_LOCAL_DIR ?? path.resolve(import.meta.dirname, "../../local");
}

export interface Contracts {
  directory: AgencyDirectory;
  attestations: CitizenAttestations;
  requests: ServiceRequests;
  documents: DocumentRegistry;
}

export interface Context {
  network: string;
  connection: NetworkConnection;
  manifest: Manifest;
  /** Writes go through ethers contracts bound to the signer. */
  contracts: Contracts;
  signer: HardhatEthersSigner;
  /** Reads go through @layanan/core's functions, over a viem client on the same connection. */
  client: PublicClient;
  layanan: Layanan;
  out: (line: string) => void;
}

/**
 * A viem public client over a Hardhat connection's EIP-1193 provider (in-process or over HTTP).
 * With a manifest, its chain declares the deployment's Multicall3, so per-item reads are batched.
 */
export function viemClient(connection: NetworkConnection, manifest?: Manifest): PublicClient {
  const chain = manifest ? layananChain(manifest) : undefined;
  return createPublicClient({
    chain,
    transport: custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 }),
    batch: { multicall: Boolean(chain?.contracts?.multicall3) },
  }) as PublicClient;
}

/** A demo account written by `seed` (development keys of chain 31337 only). */
export interface DemoAccount {
  role: string;
  label: string;
  address: string;
  privateKey: string;
  agency?: string;
}

export function readDemoAccounts(): DemoAccount[] {
  const file = path.join(localDir(), "demo-accounts.json");
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, "utf8")) as { accounts: DemoAccount[] }).accounts;
}

/** Fails with one sentence when the network's RPC does not answer. */
export async function assertReachable(connection: NetworkConnection, network: string): Promise<void> {
  try {
    await connection.ethers.provider.getBlockNumber();
  } catch (error) {
    const url = "url" in connection.networkConfig ? ` at ${String(await resolveUrl(connection))}` : "";
    throw new UserError(
      `Cannot reach network "${network}"${url} (${shortMessage(error)}). Is the node running? (npm start runs a local one.)`,
    );
  }
}

/** The network's RPC URL (a configuration variable resolved), undefined for the in-process network. */
export async function networkUrl(connection: NetworkConnection): Promise<string | undefined> {
  const config = connection.networkConfig as { url?: { get?: () => Promise<string> } | string };
  return typeof config.url === "string" ? config.url : await config.url?.get?.();
}

async function resolveUrl(connection: NetworkConnection): Promise<string> {
  try {
    return (await networkUrl(connection)) ?? "?";
  } catch {
    return "?";
  }
}

export function contractsFor(manifest: Manifest, runner: HardhatEthersSigner): Contracts {
  const at = (name: (typeof CONTRACT_NAMES)[number]) =>
    new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, runner);
  return {
    directory: at("AgencyDirectory") as unknown as AgencyDirectory,
    attestations: at("CitizenAttestations") as unknown as CitizenAttestations,
    requests: at("ServiceRequests") as unknown as ServiceRequests,
    documents: at("DocumentRegistry") as unknown as DocumentRegistry,
  };
}

/** `--as`: an address, an account index, or a demo role written by seed (e.g. officer-disdukcapil). */
export async function resolveSigner(
  connection: NetworkConnection,
  as: string | undefined,
): Promise<HardhatEthersSigner> {
  const signers = await connection.ethers.getSigners();
  if (signers.length === 0) throw new UserError("This network has no account configured to sign with.");
  if (as === undefined) return signers[0];
  let address: string | undefined;
  if (isAddress(as)) address = getAddress(as);
  else if (/^\d+$/.test(as)) {
    const signer = signers[Number(as)];
    if (signer === undefined) throw new UserError(`There is no account #${as} (this network has ${signers.length}).`);
    return signer;
  } else {
    const account = readDemoAccounts().find((a) => a.role === as);
    if (account === undefined) {
      const roles = readDemoAccounts().map((a) => a.role);
      throw new UserError(
        `Unknown account "${as}". Use an address, an account index` +
          (roles.length > 0
            ? `, or a demo role: ${roles.join(", ")}.`
            : " (demo roles exist after npm start or seed)."),
      );
    }
    address = getAddress(account.address);
  }
  const signer = signers.find((s) => getAddress(s.address) === address);
  if (signer === undefined) throw new UserError(`This network has no key for ${address}.`);
  return signer;
}

export async function createContext(
  connection: NetworkConnection,
  network: string,
  as: string | undefined,
  out: (line: string) => void,
): Promise<Context> {
  await assertReachable(connection, network);
  const manifest = requireManifest(network);
  const { chainId } = await connection.ethers.provider.getNetwork();
  if (Number(chainId) !== manifest.chainId) {
    throw new UserError(
      `deployments/${network}.json is for chain ${manifest.chainId} but the network is chain ${chainId}. Redeploy: npm run layanan -- deploy --network ${network}`,
    );
  }
  const signer = await resolveSigner(connection, as);
  return {
    network,
    connection,
    manifest,
    contracts: contractsFor(manifest, signer),
    signer,
    client: viemClient(connection, manifest),
    layanan: layananOf(manifest),
    out,
  };
}

/** The revert of a failed call or simulation, as `ErrorName(arg, …)`, or the provider's message. */
export function describeRevert(error: unknown): string {
  const data = findRevertData(error);
  const decoded = data !== undefined && data !== "0x" ? decodeRevertData(data as `0x${string}`) : null;
  if (decoded) return `${decoded.errorName}(${decoded.args.map((a) => String(a)).join(", ")})`;
  return shortMessage(error);
}

function findRevertData(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    const candidate = (current as { data?: unknown }).data;
    if (typeof candidate === "string" && isHexString(candidate)) return candidate;
    if (
      candidate !== null &&
      typeof candidate === "object" &&
      typeof (candidate as { data?: unknown }).data === "string"
    ) {
      return (candidate as { data: string }).data;
    }
    current = (current as { error?: unknown; cause?: unknown }).error ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function shortMessage(error: unknown): string {
  if (error instanceof Error) {
    const short = (error as { shortMessage?: string }).shortMessage;
    return (short ?? error.message).split("\n")[0];
  }
  return String(error);
}

/**
 * Simulates the call first (nothing is sent when it would revert), then sends it and waits.
 * A revert becomes a UserError naming the custom error and its arguments.
 */
export async function send(
  ctx: Context,
  contract: {
    getFunction(name: string): {
      staticCall(...a: unknown[]): Promise<unknown>;
      send(...a: unknown[]): Promise<{ wait(): Promise<ContractTransactionReceipt | null> }>;
    };
  },
  method: string,
  args: unknown[],
): Promise<{ result: unknown; receipt: ContractTransactionReceipt }> {
  let result: unknown;
  try {
    result = await contract.getFunction(method).staticCall(...args);
  } catch (error) {
    throw new UserError(`Refused, nothing was sent: ${method} would revert with ${describeRevert(error)}.`);
  }
  const tx = await contract.getFunction(method).send(...args);
  const receipt = await tx.wait();
  if (receipt === null || receipt.status !== 1) throw new UserError(`${method} failed on chain.`);
  return { result, receipt };
}

/** A claim type given as its name (hashed with keccak256, e.g. KTP_VERIFIED) or as a 32-byte hex value. */
export function claimTypeOf(text: string): `0x${string}` {
  if (isHexString(text, 32)) return text as `0x${string}`;
  try {
    return coreClaimTypeOf(text);
  } catch {
    throw new UserError(
      `"${text}" is not a claim type name (UPPER_SNAKE_CASE, e.g. KTP_VERIFIED) or a 32-byte hex value.`,
    );
  }
}

/** An agency given as its id or its code (e.g. DISDUKCAPIL). */
export async function agencyIdOf(ctx: Context, text: string): Promise<number> {
  if (/^\d+$/.test(text)) {
    const agencyId = Number(text);
    if (agencyId === 0 || agencyId > Number(await ctx.contracts.directory.agencyCount())) {
      throw new UserError(`There is no agency ${text}.`);
    }
    return agencyId;
  }
  const agencyId = Number(await ctx.contracts.directory.agencyIdByCode(bytes32Code(text)));
  if (agencyId === 0) throw new UserError(`There is no agency with code "${text}".`);
  return agencyId;
}

/** A short code (agency, service, reason) as bytes32: at most 31 bytes of text, surrounding spaces dropped (as the console does). */
export function bytes32Code(text: string): `0x${string}` {
  if (codeProblem(text) !== null) {
    throw new UserError(`A code must be 1 to ${MAX_CODE_BYTES} bytes, got "${text}".`);
  }
  return encodeCode(text);
}

export async function requireOfficer(ctx: Context): Promise<number> {
  const agencyId = Number(await ctx.contracts.directory.activeAgencyOf(ctx.signer.address));
  if (agencyId === 0) {
    throw new UserError(
      `${ctx.signer.address} is not an officer of an active agency; nothing was sent. Choose one with --as.`,
    );
  }
  return agencyId;
}
