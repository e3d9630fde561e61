// A JSON-RPC proxy in front of a node that answers like a public RPC: eth_getLogs over more than
// `maxBlocks` blocks is refused ("query exceeds max block range 2000"), and so is one that matches
// more than `maxResults` logs ("query returned more than 10000 results. Try with this block range
// [0x…, 0x…]."), with the codes and the words public RPCs use (Ponder and @layanan/core recognise
// them). Everything else, batches included, passes through. It counts the calls by method, so that
// tests and benchmarks see what a reader asked for.
//
// In code: startCappingProxy({ target, port, maxBlocks, maxResults }) → { url, counts, close() }.
// CLI:     npx tsx scripts/lib/capping-proxy.ts --target http://127.0.0.1:8545 --port 8549
//          [--max-blocks 2000] [--max-results 10000] [--max-response-bytes N] [--host 127.0.0.1]
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";

/** An EIP-1193 provider (an in-process Hardhat network's `connection.provider`). */
export interface Eip1193Like {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

export interface CappingProxyOptions {
  /** The node: its HTTP URL, or an EIP-1193 provider. */
  target: string | Eip1193Like;
  /** 0 (the default): any free port. */
  port?: number;
  host?: string;
  /** Blocks one eth_getLogs may span (2000). */
  maxBlocks?: number;
  /** Logs one eth_getLogs may return (10000). */
  maxResults?: number;
  /** Bytes one eth_getLogs response may have (no limit by default), refused as Alchemy does. */
  maxResponseBytes?: number;
}

/** One eth_getLogs the proxy saw: its range (null for a blockHash query) and what it answered. */
export interface LogQuery {
  fromBlock: bigint | null;
  toBlock: bigint | null;
  outcome: "served" | "range" | "results" | "size" | "error";
  logs: number;
}

export interface CappingProxy {
  url: string;
  port: number;
  /** Calls by JSON-RPC method (each element of a batch counted), since start or the last reset(). */
  counts: Record<string, number>;
  /** HTTP requests received (a batch is one), since start or the last reset(). */
  httpRequests: number;
  /** Every eth_getLogs, in the order received. */
  logQueries: LogQuery[];
  /** How many eth_getLogs were refused, by reason. */
  refused: { range: number; results: number; size: number };
  reset(): void;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  jsonrpc?: string;
  id?: unknown;
  method: string;
  params?: unknown[];
}

interface JsonRpcResponse {
  jsonrpc: "2.0";
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

const hex = (n: bigint) => `0x${n.toString(16)}`;

function forwarder(target: string | Eip1193Like): (request: JsonRpcRequest) => Promise<JsonRpcResponse> {
  if (typeof target === "string") {
    return async (request) => {
      const response = await fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: request.id ?? 1,
          method: request.method,
          params: request.params ?? [],
        }),
      });
      const body = (await response.json()) as JsonRpcResponse;
      return { ...body, jsonrpc: "2.0", id: request.id ?? null };
    };
  }
  return async (request) => {
    try {
      const result = await target.request({ method: request.method, params: request.params ?? [] });
      return { jsonrpc: "2.0", id: request.id ?? null, result: result ?? null };
    } catch (error) {
      const e = error as { code?: unknown; message?: unknown; data?: unknown };
      return {
        jsonrpc: "2.0",
        id: request.id ?? null,
        error: {
          code: typeof e.code === "number" ? e.code : -32603,
          message: typeof e.message === "string" ? e.message : String(error),
          ...(e.data !== undefined ? { data: e.data } : {}),
        },
      };
    }
  };
}

/** Starts the proxy; resolves once it listens. */
export async function startCappingProxy(options: CappingProxyOptions): Promise<CappingProxy> {
  const maxBlocks = BigInt(options.maxBlocks ?? 2000);
  const maxResults = options.maxResults ?? 10_000;
  const forward = forwarder(options.target);
  const host = options.host ?? "127.0.0.1";

  const state = {
    counts: {} as Record<string, number>,
    httpRequests: 0,
    logQueries: [] as LogQuery[],
    refused: { range: 0, results: 0, size: 0 },
  };

  async function blockNumber(): Promise<bigint> {
    const response = await forward({ id: 0, method: "eth_blockNumber", params: [] });
    if (response.error) throw new Error(response.error.message);
    return BigInt(response.result as string);
  }

  async function resolveTag(tag: unknown, latest: () => Promise<bigint>): Promise<bigint> {
    if (
      tag === undefined ||
      tag === null ||
      tag === "latest" ||
      tag === "pending" ||
      tag === "safe" ||
      tag === "finalized"
    )
      return latest();
    if (tag === "earliest") return 0n;
    if (typeof tag === "string" && /^0x[0-9a-fA-F]+$/.test(tag)) return BigInt(tag);
    if (typeof tag === "number") return BigInt(tag);
    throw new Error(`invalid block tag ${JSON.stringify(tag)}`);
  }

  async function getLogs(request: JsonRpcRequest): Promise<JsonRpcResponse> {
    const filter = (request.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown };
    const id = request.id ?? null;
    let fromBlock: bigint | null = null;
    let toBlock: bigint | null = null;
    if (filter.blockHash === undefined) {
      let head: Promise<bigint> | undefined;
      const latest = () => (head ??= blockNumber());
      try {
        fromBlock = await resolveTag(filter.fromBlock, latest);
        toBlock = await resolveTag(filter.toBlock, latest);
      } catch (error) {
        state.logQueries.push({ fromBlock, toBlock, outcome: "error", logs: 0 });
        return { jsonrpc: "2.0", id, error: { code: -32602, message: (error as Error).message } };
      }
      if (toBlock >= fromBlock && toBlock - fromBlock + 1n > maxBlocks) {
        state.refused.range += 1;
        state.logQueries.push({ fromBlock, toBlock, outcome: "range", logs: 0 });
        return { jsonrpc: "2.0", id, error: { code: -32600, message: `query exceeds max block range ${maxBlocks}` } };
      }
    }
    const response = await forward(request);
    if (response.error || !Array.isArray(response.result)) {
      state.logQueries.push({ fromBlock, toBlock, outcome: response.error ? "error" : "served", logs: 0 });
      return response;
    }
    const logs = response.result as { blockNumber?: string }[];
    if (logs.length > maxResults) {
      state.refused.results += 1;
      state.logQueries.push({ fromBlock, toBlock, outcome: "results", logs: logs.length });
      // As Infura does: a range that would have fitted, from the query's start to just before the
      // block of the first log over the cap.
      const start = fromBlock ?? BigInt(logs[0]?.blockNumber ?? "0x0");
      const over = BigInt(logs[maxResults]?.blockNumber ?? hex(start));
      const end = over > start ? over - 1n : start;
      return {
        jsonrpc: "2.0",
        id,
        error: {
          code: -32005,
          message: `query returned more than ${maxResults} results. Try with this block range [${hex(start)}, ${hex(end)}].`,
        },
      };
    }
    if (options.maxResponseBytes !== undefined && JSON.stringify(logs).length > options.maxResponseBytes) {
      state.refused.size += 1;
      state.logQueries.push({ fromBlock, toBlock, outcome: "size", logs: logs.length });
      return {
        jsonrpc: "2.0",
        id,
        error: {
          code: -32602,
          message:
            `Log response size exceeded. You can make eth_getLogs requests with up to a ${maxBlocks} block range ` +
            `and no limit on the response size, or you can request any block range with a cap of ${maxResults} logs in the response.`,
        },
      };
    }
    state.logQueries.push({ fromBlock, toBlock, outcome: "served", logs: logs.length });
    return response;
  }

  async function handle(request: JsonRpcRequest): Promise<JsonRpcResponse> {
    if (request === null || typeof request !== "object" || typeof request.method !== "string") {
      return { jsonrpc: "2.0", id: null, error: { code: -32600, message: "invalid request" } };
    }
    state.counts[request.method] = (state.counts[request.method] ?? 0) + 1;
    try {
      return request.method === "eth_getLogs" ? await getLogs(request) : await forward(request);
    } catch (error) {
      // The node did not answer: as a gateway would.
      return { jsonrpc: "2.0", id: request.id ?? null, error: { code: -32603, message: (error as Error).message } };
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "POST, OPTIONS",
        "access-control-allow-headers": "content-type",
      });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    state.httpRequests += 1;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } }));
      return;
    }
    const answer = Array.isArray(body)
      ? await Promise.all(body.map((request) => handle(request as JsonRpcRequest)))
      : await handle(body as JsonRpcRequest);
    res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
    res.end(JSON.stringify(answer));
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    get counts() {
      return state.counts;
    },
    get httpRequests() {
      return state.httpRequests;
    },
    get logQueries() {
      return state.logQueries;
    },
    get refused() {
      return state.refused;
    },
    reset() {
      state.counts = {};
      state.httpRequests = 0;
      state.logQueries = [];
      state.refused = { range: 0, results: 0, size: 0 };
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      target: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      "max-blocks": { type: "string" },
      "max-results": { type: "string" },
      "max-response-bytes": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const usage =
    "Usage: npx tsx scripts/lib/capping-proxy.ts --target <node URL> [--port 8549] [--host 127.0.0.1] " +
    "[--max-blocks 2000] [--max-results 10000] [--max-response-bytes N]";
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.target) {
    console.error(`--target is required.\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const int = (value: string | undefined, name: string): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}".`);
    return n;
  };
  const proxy = await startCappingProxy({
    target: values.target,
    port: int(values.port, "port") ?? 8549,
    host: values.host,
    maxBlocks: int(values["max-blocks"], "max-blocks"),
    maxResults: int(values["max-results"], "max-results"),
    maxResponseBytes: int(values["max-response-bytes"], "max-response-bytes"),
  });
  console.log(
    `Capping proxy on ${proxy.url} → ${values.target} (eth_getLogs ≤ ${values["max-blocks"] ?? 2000} blocks, ` +
      `≤ ${values["max-results"] ?? 10_000} results). Ctrl-C stops it.`,
  );
  const stop = () => {
    const calls = Object.entries(proxy.counts)
      .map(([method, n]) => `${method} ${n}`)
      .join(", ");
    console.log(`Calls: ${calls || "none"}; refused: ${JSON.stringify(proxy.refused)}.`);
    void proxy.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
