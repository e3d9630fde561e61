/**
 * The sponsor service from its environment: the deployment (chain, EntryPoint, factory, paymaster,
 * ServiceRequests), the key, the database and the limits.
 *
 * - LAYANAN_SPONSOR_PRIVATE_KEY: the sponsor's key (server only; never a NEXT_PUBLIC_ variable). Unset
 *   on chain 31337, Hardhat's public development account #19 is used; unset on any other chain,
 *   every request is answered with a configuration error.
 * - LAYANAN_SPONSOR_DAILY_QUOTA: signed operations per account per Jakarta day (20).
 * - DATABASE_URL: a Postgres server (schema layanan_sponsor); else embedded PGlite in
 *   LAYANAN_SPONSOR_PGLITE_DIR (default <repo>/local/sponsor-pglite).
 * - LAYANAN_SPONSOR_NAME: who pays, as wallets show it ("Pemerintah Kota Bandung").
 * - LAYANAN_RPC_URL: the chain's RPC for the policy's reads (else the dApp's RPC).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Address, type Hex, createPublicClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { type SponsorDb, openPglite, openPostgres } from "./db.ts";
import {
  DEFAULT_CITY_DAILY_QUOTA,
  DEFAULT_DAILY_QUOTA,
  DEFAULT_MAX_OPERATION_GAS,
  DEFAULT_PAYMASTER_VERIFICATION_GAS,
  DEFAULT_SPONSOR_NAME,
  DEFAULT_VALID_FOR_SECONDS,
  type SponsorConfig,
  type SponsorEndpoint,
  chainReads,
  createSponsor,
  unavailableSponsor,
} from "./service.ts";

/**
 * Hardhat's development account #19: its key is published with Hardhat and known to everyone. A
 * PUBLIC DEVELOPMENT KEY, VALID ON THE LOCAL CHAIN 31337 ONLY; the deploy script makes its address
 * the paymaster's signer there.
 */
export const DEVELOPMENT_SPONSOR_KEY: Hex = "0xdf57089febbacf7ba0bc227dafbffa9fc08a93fdc68e1e42411a14efcf23656e";
export const LOCAL_CHAIN_ID = 31337;

export type Env = Record<string, string | undefined>;

/** The sponsor's key, or why there is none. */
export function sponsorKey(env: Env, chainId: number): { key: Hex; development: boolean } | { error: string } {
  const given = env.LAYANAN_SPONSOR_PRIVATE_KEY?.trim();
  if (given) {
    const key = (given.startsWith("0x") ? given : `0x${given}`) as Hex;
    if (!/^0x[0-9a-fA-F]{64}$/.test(key)) {
      return { error: "LAYANAN_SPONSOR_PRIVATE_KEY is not a 32-byte hex private key." };
    }
    return { key, development: false };
  }
  if (chainId === LOCAL_CHAIN_ID) return { key: DEVELOPMENT_SPONSOR_KEY, development: true };
  return {
    error: `LAYANAN_SPONSOR_PRIVATE_KEY is not set, and chain ${chainId} is not the local chain 31337 (the public development key works there only). Set it on the server to the key of the paymaster's sponsor signer.`,
  };
}

/** A positive integer from the environment, or the default. */
export function dailyQuotaFrom(
  value: string | undefined,
  fallback = DEFAULT_DAILY_QUOTA,
  name = "LAYANAN_SPONSOR_DAILY_QUOTA",
): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${name} must be a whole number, got "${value}".`);
  }
  return n;
}

/** The repository's root: the nearest folder above `start` whose package.json declares workspaces. */
export function repoRoot(start = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      try {
        if ((JSON.parse(readFileSync(file, "utf8")) as { workspaces?: unknown }).workspaces) return dir;
      } catch {
        // not JSON: keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** The PGlite folder: LAYANAN_SPONSOR_PGLITE_DIR, else local/sponsor-pglite (LAYANAN_LOCAL_DIR moves local/). */
export function pgliteDir(env: Env): string {
  if (env.LAYANAN_SPONSOR_PGLITE_DIR?.trim()) return path.resolve(env.LAYANAN_SPONSOR_PGLITE_DIR.trim());
  return path.join(env.LAYANAN_LOCAL_DIR?.trim() || path.join(repoRoot(), "local"), "sponsor-pglite");
}

/** DATABASE_URL's Postgres server, else PGlite in its folder. */
export function openSponsorDb(env: Env, log: (line: string) => void): Promise<SponsorDb> {
  const url = env.DATABASE_URL?.trim();
  if (url) return openPostgres(url, log);
  return openPglite(pgliteDir(env));
}

/** The deployment as the sponsor needs it (the dApp's generated module has these fields). */
export interface SponsorDeployment {
  chainId: number;
  addresses: { serviceRequests: Address };
  accounts: { entryPoint: Address; factory: Address; paymaster: Address } | null;
}

/**
 * The sponsor of this server: a working one, or one that answers every request with the reason it
 * cannot sponsor (logged once at start).
 */
export async function sponsorFromEnvironment(options: {
  env: Env;
  deployment: SponsorDeployment | null;
  rpcUrl: string;
  log?: (line: string) => void;
  now?: () => number;
}): Promise<SponsorEndpoint> {
  const { env, deployment } = options;
  const log = options.log ?? ((line: string) => console.info(line));
  const logError = options.log ?? ((line: string) => console.error(line));
  const unavailable = (reason: string) => {
    logError(`sponsor: not configured: ${reason}`);
    return unavailableSponsor(reason, logError);
  };
  if (deployment === null) return unavailable("the dApp has no deployment (deployments/<network>.json).");
  if (deployment.accounts === null || deployment.accounts === undefined) {
    return unavailable(
      `the citizen accounts (EntryPoint, CitizenAccountFactory, LayananPaymaster) are not deployed on chain ${deployment.chainId}.`,
    );
  }
  const key = sponsorKey(env, deployment.chainId);
  if ("error" in key) return unavailable(key.error);
  let dailyQuota: number;
  let cityDailyQuota: number;
  let maxOperationGas: bigint;
  try {
    dailyQuota = dailyQuotaFrom(env.LAYANAN_SPONSOR_DAILY_QUOTA);
    cityDailyQuota = dailyQuotaFrom(
      env.LAYANAN_SPONSOR_CITY_DAILY_QUOTA,
      DEFAULT_CITY_DAILY_QUOTA,
      "LAYANAN_SPONSOR_CITY_DAILY_QUOTA",
    );
    maxOperationGas = BigInt(
      dailyQuotaFrom(
        env.LAYANAN_SPONSOR_MAX_OPERATION_GAS,
        Number(DEFAULT_MAX_OPERATION_GAS),
        "LAYANAN_SPONSOR_MAX_OPERATION_GAS",
      ),
    );
  } catch (error) {
    return unavailable((error as Error).message);
  }
  const signer = privateKeyToAccount(key.key);
  if (key.development) {
    log(
      `sponsor: signing with ${signer.address}, Hardhat's PUBLIC DEVELOPMENT KEY (account #19), valid on the local chain 31337 only. Set LAYANAN_SPONSOR_PRIVATE_KEY anywhere else.`,
    );
  }
  const config: SponsorConfig = {
    chainId: deployment.chainId,
    entryPoint: deployment.accounts.entryPoint,
    paymaster: deployment.accounts.paymaster,
    factory: deployment.accounts.factory,
    serviceRequests: deployment.addresses.serviceRequests,
    dailyQuota,
    cityDailyQuota,
    maxOperationGas,
    sponsorName: env.LAYANAN_SPONSOR_NAME?.trim() || DEFAULT_SPONSOR_NAME,
    validForSeconds: DEFAULT_VALID_FOR_SECONDS,
    paymasterVerificationGasLimit: DEFAULT_PAYMASTER_VERIFICATION_GAS,
    paymasterPostOpGasLimit: 0n,
  };
  const db = await openSponsorDb(env, logError);
  log(
    `sponsor: ${config.sponsorName} pays for paymaster ${config.paymaster} on chain ${config.chainId}; ${dailyQuota} operations per account per day; state in ${db.kind}.`,
  );
  const client = createPublicClient({ transport: http(options.rpcUrl) });
  return createSponsor({
    db,
    signer,
    chain: chainReads(client as never, config.factory),
    config,
    log,
    now: options.now,
  });
}
