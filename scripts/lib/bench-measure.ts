// Latency sampling for the scale benchmark: warm up, then time each call, and report percentiles.

export interface Latency {
  /** Successful iterations timed. */
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  /** What a call answered (the last one), e.g. how many rows; for the table's notes. */
  detail?: string;
  /** The first error, when calls failed. */
  error?: string;
}

/** Nearest-rank percentile of ascending `sorted` (milliseconds). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples: number[]): Omit<Latency, "detail" | "error"> {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

/**
 * Times `call(i)` `iterations` times after `warmup` untimed calls (i cycles, so a call can pick
 * its own citizen or request). A call returns a short description of its answer. Stops at the
 * first error and reports it with what was timed so far.
 */
export async function measure(
  call: (i: number) => Promise<string | void>,
  { warmup = 3, iterations = 40, budgetMs = 120_000 }: { warmup?: number; iterations?: number; budgetMs?: number } = {},
): Promise<Latency> {
  const samples: number[] = [];
  let detail: string | undefined;
  const started = performance.now();
  try {
    for (let i = 0; i < warmup; i++) await call(i);
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      detail = (await call(warmup + i)) ?? detail;
      samples.push(performance.now() - t);
      // A slow read (a full history scan) is timed fewer times rather than for an hour.
      if (performance.now() - started > budgetMs && samples.length >= 3) break;
    }
  } catch (error) {
    return { ...summarize(samples), detail, error: oneLine(error) };
  }
  return { ...summarize(samples), detail };
}

export function oneLine(error: unknown): string {
  if (error instanceof Error) {
    const short = (error as { shortMessage?: string }).shortMessage;
    return (short ?? error.message).split("\n")[0].slice(0, 200);
  }
  return String(error).slice(0, 200);
}
