/**
 * The sponsor's day: the calendar day in Asia/Jakarta (WIB, UTC+7, no daylight saving time), when a
 * citizen's daily quota starts again.
 */

/** Western Indonesia Time is UTC+7 all year. */
export const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Jakarta calendar day of a moment, as `YYYY-MM-DD`. */
export function jakartaDay(ms: number): string {
  return new Date(ms + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first moment (ms since the epoch) of the Jakarta day that holds `ms`. */
export function startOfJakartaDay(ms: number): number {
  return Math.floor((ms + JAKARTA_OFFSET_MS) / DAY_MS) * DAY_MS - JAKARTA_OFFSET_MS;
}

/** When the next Jakarta day starts (the quota's reset), as an ISO 8601 instant in UTC. */
export function nextJakartaMidnight(ms: number): string {
  return new Date(startOfJakartaDay(ms) + DAY_MS).toISOString();
}
