// A bare JSON-RPC client for the benchmark's seeding: single calls and batches (one HTTP request
// carrying many calls, which Hardhat's node accepts), without a library's per-call overhead.

export class RpcError extends Error {
  override name = "RpcError";
  constructor(
    readonly method: string,
    readonly error: { code?: number; message?: string; data?: unknown },
  ) {
    super(`${method}: ${error.message ?? JSON.stringify(error)}`);
  }
}

export interface Rpc {
  url: string;
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  /** Many calls in one HTTP request; answers in the order asked. Throws on the first error unless `allowErrors`. */
  batch<T = unknown>(calls: readonly { method: string; params?: unknown[] }[], chunk?: number): Promise<T[]>;
}

export function rpcClient(url: string): Rpc {
  let nextId = 1;
  const post = async (body: unknown) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${await response.text()}`);
    return response.json();
  };
  type Answer = { id: number; result?: unknown; error?: { code?: number; message?: string; data?: unknown } };
  return {
    url,
    async call<T>(method: string, params: unknown[] = []) {
      const answer = (await post({ jsonrpc: "2.0", id: nextId++, method, params })) as Answer;
      if (answer.error) throw new RpcError(method, answer.error);
      return answer.result as T;
    },
    async batch<T>(calls: readonly { method: string; params?: unknown[] }[], chunk = 500) {
      const results: T[] = [];
      for (let start = 0; start < calls.length; start += chunk) {
        const part = calls.slice(start, start + chunk);
        const first = nextId;
        nextId += part.length;
        const body = part.map((c, i) => ({ jsonrpc: "2.0", id: first + i, method: c.method, params: c.params ?? [] }));
        const answers = (await post(body)) as Answer[];
        const byId = new Map(answers.map((a) => [a.id, a]));
        part.forEach((c, i) => {
          const answer = byId.get(first + i);
          if (answer === undefined) throw new Error(`${c.method}: no answer in the batch`);
          if (answer.error) throw new RpcError(c.method, answer.error);
          results.push(answer.result as T);
        });
      }
      return results;
    },
  };
}

export const hex = (n: number | bigint) => `0x${n.toString(16)}`;
