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
