/**
 * Which citizen accounts a passkey signs for, and the passkeys of an account: the indexer first
 * (GET /api/passkeys/:credentialIdHash, /api/accounts/:address), the chain when the indexer is
 * absent, down or behind (PasskeyAdded logs read in windows with no address filter, each candidate
 * checked with factory.isAccount(account) and account.passkey(hash)).
 */
import { citizenAccountAbi, citizenAccountFactoryAbi, latestBlockNumber } from "@layanan/core";
import { type Address, type Hex, getAbiItem, getAddress, isAddressEqual, zeroHash } from "viem";
import { deployment } from "@/generated/deployment";
import { publicClient } from "../publicClient";
import { LOG_WINDOW_BLOCKS } from "../reads/source";
import { INDEXER_URL } from "../services";

export interface AccountKey {
  account: Address;
  credentialIdHash: Hex;
  x: Hex;
  y: Hex;
}

const INDEXER_TIMEOUT_MS = 6_000;
const PASSKEY_ADDED = getAbiItem({ abi: citizenAccountAbi, name: "PasskeyAdded" });
const PASSKEY_REMOVED = getAbiItem({ abi: citizenAccountAbi, name: "PasskeyRemoved" });

async function indexerGet<T>(path: string): Promise<T | null> {
  if (!INDEXER_URL) return null;
  try {
    const response = await fetch(`${INDEXER_URL.replace(/\/+$/, "")}${path}`, {
      signal: AbortSignal.timeout(INDEXER_TIMEOUT_MS),
    });
    if (response.status === 404) return null;
    if (!response.ok) return null;
    return (await response.json()) as T;
  } catch {
    return null;
  }
}

/** The first block worth reading: the Layanan deployment block. */
const fromBlock = () => BigInt(deployment?.deployBlock ?? 0);

/** Reads the logs of `event` matching `args` (no address filter) in windows, oldest first. */
async function windowedLogs(
  event: typeof PASSKEY_ADDED | typeof PASSKEY_REMOVED,
  args: Record<string, unknown>,
  address?: Address,
) {
  const high = await latestBlockNumber(publicClient);
  const logs = [];
  let window = BigInt(LOG_WINDOW_BLOCKS);
  for (let low = fromBlock(); low <= high;) {
    const to = low + window - 1n < high ? low + window - 1n : high;
    try {
      logs.push(
        ...(await publicClient.getLogs({
          event: event as typeof PASSKEY_ADDED,
          args,
          address,
          fromBlock: low,
          toBlock: to,
        })),
      );
      low = to + 1n;
    } catch (error) {
      if (window <= 1n) throw error;
      window = window / 2n;
    }
  }
  return logs;
}

/** Is `key` still a passkey of `account` (a factory-made CitizenAccount)? */
async function stillActive(factory: Address, key: AccountKey): Promise<boolean> {
  try {
    const [isAccount, [x, y]] = await Promise.all([
      publicClient.readContract({
        address: factory,
        abi: citizenAccountFactoryAbi,
        functionName: "isAccount",
        args: [key.account],
      }),
      publicClient.readContract({
        address: key.account,
        abi: citizenAccountAbi,
        functionName: "passkey",
        args: [key.credentialIdHash],
      }),
    ]);
    return (
      isAccount && x.toLowerCase() === key.x.toLowerCase() && y.toLowerCase() === key.y.toLowerCase() && x !== zeroHash
    );
  } catch {
    return false;
  }
}

/** The accounts where a passkey of this credential id hash may sign now. */
export async function accountsForPasskey(credentialIdHash: Hex): Promise<AccountKey[]> {
  const factory = deployment?.accounts?.factory;
  const fromIndexer = await indexerGet<{ items: AccountKey[] }>(`/api/passkeys/${credentialIdHash}`);
  if (fromIndexer && fromIndexer.items.length > 0) {
    return fromIndexer.items.map((i) => ({ ...i, account: getAddress(i.account) }));
  }
  // None indexed (or no indexer, or it is down or behind): ask the chain.
  if (!factory) return [];
  const logs = await windowedLogs(PASSKEY_ADDED, { credentialIdHash });
  const candidates: AccountKey[] = [];
  for (const log of logs) {
    const key = {
      account: getAddress(log.address),
      credentialIdHash,
      x: (log.args as { x: Hex }).x,
      y: (log.args as { y: Hex }).y,
    };
    if (!candidates.some((c) => isAddressEqual(c.account, key.account))) candidates.push(key);
  }
  const checked = await Promise.all(candidates.map((key) => stillActive(factory, key)));
  return candidates.filter((_, i) => checked[i]);
}

/** The passkeys that may sign for `account` now. */
export async function passkeysOf(account: Address): Promise<AccountKey[]> {
  const fromIndexer = await indexerGet<{ passkeys: (Omit<AccountKey, "account"> & { active: boolean })[] }>(
    `/api/accounts/${account.toLowerCase()}`,
  );
  if (fromIndexer) {
    return fromIndexer.passkeys
      .filter((p) => p.active)
      .map((p) => ({ account, credentialIdHash: p.credentialIdHash, x: p.x, y: p.y }));
  }
  const factory = deployment?.accounts?.factory;
  if (!factory) return [];
  const [added, removed] = await Promise.all([
    windowedLogs(PASSKEY_ADDED, {}, account),
    windowedLogs(PASSKEY_REMOVED, {}, account),
  ]);
  const keys = new Map<string, AccountKey>();
  const events = [...added.map((l) => ({ l, add: true })), ...removed.map((l) => ({ l, add: false }))].sort((a, b) =>
    a.l.blockNumber === b.l.blockNumber ? a.l.logIndex - b.l.logIndex : a.l.blockNumber < b.l.blockNumber ? -1 : 1,
  );
  for (const { l, add } of events) {
    const args = l.args as { credentialIdHash: Hex; x?: Hex; y?: Hex };
    if (add)
      keys.set(args.credentialIdHash, { account, credentialIdHash: args.credentialIdHash, x: args.x!, y: args.y! });
    else keys.delete(args.credentialIdHash);
  }
  return [...keys.values()];
}
