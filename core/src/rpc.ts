/**
 * The RPC as the reads meet it: what a public RPC's refusals mean (a block range too long, too many
 * logs, a response too big, a rate limit, a timeout, no answer at all), and the viem chain of a
 * deployment, with Multicall3 declared so that viem batches per-item reads into one eth_call.
 */
import {
  HttpRequestError,
  ResponseBodyTooLargeError,
  TimeoutError,
  defineChain,
  getAddress,
  type Address,
  type Chain,
} from "viem";
import type { Manifest } from "./manifest.ts";

/**
 * What went wrong between the reader and the RPC:
 * - `rpc-range`: the RPC caps the block range of one eth_getLogs ("block range too large",
 *   "query exceeds max block range 2000", "exceed maximum block range: 5000");
 * - `rpc-too-many-results`: one eth_getLogs matched more logs than the RPC returns
 *   ("query returned more than 10000 results", Alchemy's "Log response size exceeded");
 * - `rpc-too-large`: the response (or the request) is too big: viem's "HTTP response body exceeded
 *   the size limit", HTTP 413;
 * - `rpc-rate-limited`: HTTP 429, "rate limit", "too many requests", a spent quota;
 * - `rpc-timeout`: the request timed out (viem's TimeoutError, HTTP 408/504, "timeout");
 * - `rpc-unreachable`: no answer (connection refused, DNS, HTTP 502/503, fetch failed).
 */
export type RpcErrorKind =
  "rpc-range" | "rpc-too-many-results" | "rpc-too-large" | "rpc-rate-limited" | "rpc-timeout" | "rpc-unreachable";

export const RPC_ERROR_KINDS: readonly RpcErrorKind[] = [
  "rpc-range",
  "rpc-too-many-results",
  "rpc-too-large",
  "rpc-rate-limited",
  "rpc-timeout",
  "rpc-unreachable",
];

/** The `errors` message key of each kind (the dApp's sentences, in Bahasa Indonesia and English). */
export const RPC_ERROR_KEYS: Record<RpcErrorKind, string> = {
  "rpc-range": "rpcRange",
  "rpc-too-many-results": "rpcTooManyResults",
  "rpc-too-large": "rpcTooLarge",
  "rpc-rate-limited": "rpcRateLimited",
  "rpc-timeout": "rpcTimeout",
  "rpc-unreachable": "rpcDown",
};

/** The kinds a smaller eth_getLogs window can get past (reads/logs.ts halves the window on them). */
export const SHRINKABLE_KINDS: ReadonlySet<RpcErrorKind> = new Set([
  "rpc-range",
  "rpc-too-many-results",
  "rpc-too-large",
  "rpc-timeout",
]);

export interface RpcErrorInfo {
  kind: RpcErrorKind;
  /** The block range the RPC said it allows ("max block range 2000", "up to a 2K block range"), when it said so. */
  maxBlocks?: number;
}

interface Link {
  message: string;
  code?: number;
  status?: number;
  error: unknown;
}

/** Every error in the cause chain (viem's BaseError and plain errors alike), with its texts, codes and HTTP status. */
function chain(error: unknown): Link[] {
  const links: Link[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 12 && current !== null && current !== undefined; depth++) {
    if (typeof current === "string") {
      links.push({ message: current, error: current });
      break;
    }
    if (typeof current !== "object") break;
    const e = current as {
      message?: unknown;
      shortMessage?: unknown;
      details?: unknown;
      code?: unknown;
      status?: unknown;
      cause?: unknown;
      error?: unknown;
    };
    const texts = [e.message, e.shortMessage, e.details].filter((t): t is string => typeof t === "string");
    links.push({
      message: texts.join(" \n "),
      code: typeof e.code === "number" ? e.code : undefined,
      status: typeof e.status === "number" ? e.status : undefined,
      error: current,
    });
    // A JSON-RPC response's error object sometimes arrives nested as `error`.
    current = e.cause ?? (typeof e.error === "object" ? e.error : undefined);
  }
  return links;
}

const TOO_MANY_RESULTS = [
  /more than [\d,]+ (results|logs)/i,
  /too many (results|logs)/i,
  /log response size exceeded/i,
  /(results|logs)( matched)?( by query)? exceeds? (the )?(limit|max)/i,
  /exceeds? (the )?(max(imum)?|limit)( of)? [\d,]+ (results|logs)/i,
  /response contains more than/i,
];
const TOO_LARGE = [
  /response body exceeded the size limit/i,
  /response (is |was )?too (large|big)/i,
  /payload too large/i,
  /entity too large/i,
  /response size (limit|exceed)/i,
  /exceeds? (the )?(max(imum)? )?response size/i,
];
const RANGE = [
  /block range/i,
  /range (is )?too (large|wide|big|long)/i,
  /exceed(s|ed)? (the )?max(imum)? (block )?range/i,
  /max(imum)? (block )?range/i,
  /range limit/i,
  /blocks? range/i,
  /too many blocks/i,
  /limited to a [\d,]+ (block )?range/i,
  /range of blocks/i,
];
const RATE_LIMITED = [
  /rate[- ]?limit/i,
  /rate exceeded/i,
  /too many requests/i,
  /request limit/i,
  /requests per second/i,
  /exceeded .*(quota|capacity|compute units|throughput|credits)/i,
  /daily request count/i,
];
const TIMEOUT = [/time[sd]?[- ]?out/i, /timeout/i, /deadline exceeded/i];
const UNREACHABLE = [
  /fetch failed/i,
  /failed to fetch/i,
  /network ?error/i,
  /econnrefused/i,
  /econnreset/i,
  /enotfound/i,
  /eai_again/i,
  /socket hang up/i,
  /load failed/i,
];

/** The range an RPC names in its refusal, as a number of blocks. */
export function maxBlocksHint(message: string): number | undefined {
  const number = (text: string, k?: string) => Number(text.replace(/,/g, "")) * (k ? 1000 : 1);
  const patterns: RegExp[] = [
    /max(?:imum)? (?:block )?range(?: is| of| allowed)?:?\s*(\d[\d,]*)(k?)/i,
    /up to an? (\d[\d,]*)(k?) block range/i,
    /limited to an? (\d[\d,]*)(k?) (?:block )?range/i,
    /range (?:greater|larger|more|bigger) than (\d[\d,]*)(k?)/i,
    /block range .*\bmax(?:imum)?:?\s*(\d[\d,]*)(k?)/i,
    /(\d[\d,]*)(k?) blocks? (?:range )?(?:limit|max)/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match) {
      const value = number(match[1], match[2] || undefined);
      if (Number.isFinite(value) && value >= 1) return Math.floor(value);
    }
  }
  const suggested = /\[(0x[0-9a-f]+),\s*(0x[0-9a-f]+)\]/i.exec(message);
  if (suggested) {
    const size = Number(BigInt(suggested[2]) - BigInt(suggested[1]) + 1n);
    if (Number.isFinite(size) && size >= 1) return size;
  }
  return undefined;
}

/** What an error thrown by an RPC read means, with the range the RPC named; null when it is none of the kinds. */
export function rpcErrorInfo(error: unknown): RpcErrorInfo | null {
  const links = chain(error);
  if (links.length === 0) return null;
  const text = links.map((link) => link.message).join(" \n ");
  const matches = (patterns: RegExp[]) => patterns.some((pattern) => pattern.test(text));

  if (links.some((link) => link.error instanceof ResponseBodyTooLargeError)) return { kind: "rpc-too-large" };
  if (links.some((link) => link.error instanceof TimeoutError)) return { kind: "rpc-timeout" };
  if (matches(TOO_MANY_RESULTS)) {
    const hint = maxBlocksHint(text);
    return hint === undefined ? { kind: "rpc-too-many-results" } : { kind: "rpc-too-many-results", maxBlocks: hint };
  }
  if (matches(TOO_LARGE)) return { kind: "rpc-too-large" };
  if (matches(RANGE)) {
    const hint = maxBlocksHint(text);
    return hint === undefined ? { kind: "rpc-range" } : { kind: "rpc-range", maxBlocks: hint };
  }
  if (matches(RATE_LIMITED)) return { kind: "rpc-rate-limited" };

  const statuses = links.map((link) => link.status).filter((s): s is number => s !== undefined);
  const codes = links.map((link) => link.code).filter((c): c is number => c !== undefined);
  if (statuses.includes(413)) return { kind: "rpc-too-large" };
  if (statuses.includes(429) || codes.includes(429) || codes.includes(-32007)) return { kind: "rpc-rate-limited" };
  if (matches(TIMEOUT) || statuses.includes(408) || statuses.includes(504)) return { kind: "rpc-timeout" };
  if (statuses.includes(502) || statuses.includes(503)) return { kind: "rpc-unreachable" };
  if (matches(UNREACHABLE)) return { kind: "rpc-unreachable" };
  // An HTTP request that got no HTTP answer at all.
  if (links.some((link) => link.error instanceof HttpRequestError && link.status === undefined))
    return { kind: "rpc-unreachable" };
  return null;
}

/** The kind of an RPC error (see RpcErrorKind); null when it is none of them (a revert, a rejected signature…). */
export function classifyRpcError(error: unknown): RpcErrorKind | null {
  return rpcErrorInfo(error)?.kind ?? null;
}

/** Multicall3's address on (almost) every EVM chain, and where the deploy scripts put it on chain 31337. */
export const MULTICALL3_ADDRESS: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

export interface Multicall3Info {
  address: Address;
  /** The block from which it exists (viem refuses multicalls at older blocks), when known. */
  blockCreated?: number;
}

export interface LayananChainOptions {
  chainId: number;
  rpcUrl?: string;
  /** Multicall3 on this chain: its address (or address and creation block); null or absent when it has none. */
  multicall3?: Address | Multicall3Info | null;
  name?: string;
}

/** The Multicall3 a manifest records (contracts.Multicall3), null when it has none. */
export function manifestMulticall3(manifest: Manifest): Multicall3Info | null {
  const entry = manifest.contracts.Multicall3;
  if (!entry) return null;
  return {
    address: getAddress(entry.address),
    ...(entry.blockCreated !== undefined ? { blockCreated: entry.blockCreated } : {}),
  };
}

/**
 * The viem chain of a deployment (a manifest, or a chain id with its RPC URL and Multicall3), with
 * `contracts.multicall3` declared when the chain has one, so that `client.multicall` and a client
 * created with `batch: { multicall: true }` put per-item reads into one eth_call.
 */
export function layananChain(
  source: Manifest | LayananChainOptions,
  options: { rpcUrl?: string; name?: string } = {},
): Chain {
  const isManifest = "contracts" in source;
  const chainId = source.chainId;
  const rpcUrl = options.rpcUrl ?? (isManifest ? undefined : source.rpcUrl);
  const name = options.name ?? (isManifest ? undefined : source.name);
  const given = isManifest ? manifestMulticall3(source) : source.multicall3;
  const multicall3: Multicall3Info | null =
    given === null || given === undefined
      ? null
      : typeof given === "string"
        ? { address: getAddress(given) }
        : { ...given, address: getAddress(given.address) };
  return defineChain({
    id: chainId,
    name: name ?? (chainId === 31337 ? "Layanan (local 31337)" : `Layanan (${chainId})`),
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: rpcUrl ? [rpcUrl] : [] } },
    ...(multicall3 ? { contracts: { multicall3 } } : {}),
  });
}
