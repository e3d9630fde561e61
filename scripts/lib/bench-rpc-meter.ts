// A pass-through JSON-RPC proxy that counts and times what a client (the indexer) asks of the
// chain, by method: the benchmark reports where the indexer's time on the RPC went.
import { appendFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface MethodStats {
  calls: number;
  /** Summed wall time of the HTTP requests that carried the method (a batch counts for each call in it). */
  ms: number;
  /** Blocks covered by eth_getLogs ranges, when numeric. */
  blocks?: number;
}

export interface RpcMeter {
  url: string;
  stats(): Record<string, MethodStats>;
  close(): Promise<void>;
}

type Call = { method?: string; params?: unknown[] };

export async function startRpcMeter(target: string, traceFile?: string): Promise<RpcMeter> {
  const stats: Record<string, MethodStats> = {};
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", async () => {
      const body = Buffer.concat(chunks);
      const started = performance.now();
      let calls: Call[] = [];
      try {
        const parsed = JSON.parse(body.toString("utf8")) as Call | Call[];
        calls = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        // not JSON: forwarded as is
      }
      try {
        const answer = await fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await answer.text();
        const ms = performance.now() - started;
        for (const call of calls) {
          const name = call.method ?? "?";
          const entry = (stats[name] ??= { calls: 0, ms: 0 });
          entry.calls++;
          entry.ms += ms;
          if (name === "eth_getLogs") {
            const range = (call.params?.[0] ?? {}) as { fromBlock?: string; toBlock?: string };
            if (range.fromBlock?.startsWith("0x") && range.toBlock?.startsWith("0x")) {
              entry.blocks = (entry.blocks ?? 0) + Number(BigInt(range.toBlock) - BigInt(range.fromBlock) + 1n);
            }
          }
        }
        if (traceFile !== undefined) {
          const what = calls.map(
            (c) => `${c.method}${c.method === "eth_getLogs" ? JSON.stringify(c.params?.[0]) : ""}`,
          );
          appendFileSync(
            traceFile,
            `${new Date().toISOString()} ${ms.toFixed(1)}ms ${text.length}B ${what.join(",").slice(0, 300)}\n`,
          );
        }
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(text);
      } catch (error) {
        response.writeHead(502, { "content-type": "text/plain" });
        response.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
