/**
 * Waiting for a service to come up: `ready` polled until it answers true, an error counting as
 * "not yet". Shared by `npm start`, the test runners and the benchmarks, which word their own errors.
 */
export type PollOutcome = "ready" | "exited" | "timeout";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `ready` every `intervalMs` for `seconds`; "exited" as soon as `alive` says the service is gone. */
export async function pollUntil(
  ready: () => Promise<boolean>,
  seconds: number,
  options: { intervalMs?: number; alive?: () => boolean } = {},
): Promise<PollOutcome> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (options.alive && !options.alive()) return "exited";
    try {
      if (await ready()) return "ready";
    } catch {
      // not up yet
    }
    await sleep(options.intervalMs ?? 250);
  }
  return "timeout";
}

/** The result of one JSON-RPC call to `url` (undefined on an error answer); throws when it cannot connect. */
export async function rpcResult(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown };
  return body.result;
}
