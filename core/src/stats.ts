/** Pure helpers for the transparency figures of an agency (ServiceRequests.agencyStats). */
import { computeIkm, type Ikm } from "./ikm.ts";

/** AgencyStats as viem returns it (uint32 as number, uint64 as bigint). */
export interface AgencyStats {
  submitted: number;
  open: number;
  completed: number;
  rejected: number;
  cancelled: number;
  duplicates: number;
  completedOnTime: number;
  escalated: number;
  totalResolutionSeconds: bigint;
  ratingSum: bigint;
  ratingCount: bigint;
}

export interface AgencySummary {
  /** Share of completed requests completed within the service's SLA, 0–100 (null: none completed). */
  onTimePercent: number | null;
  /** Mean time from submission to completion, in seconds (null: none completed). */
  averageResolutionSeconds: number | null;
  ikm: Ikm | null;
}

export function summarize(stats: AgencyStats): AgencySummary {
  const completed = stats.completed;
  return {
    onTimePercent: completed > 0 ? (stats.completedOnTime / completed) * 100 : null,
    averageResolutionSeconds: completed > 0 ? Number(stats.totalResolutionSeconds) / completed : null,
    ikm: computeIkm(stats.ratingSum, stats.ratingCount),
  };
}

export type DurationUnit = "lessThanMinute" | "minutes" | "hours" | "days";

/**
 * A duration in the unit a reader grasps best: minutes below an hour, hours below two days, else days.
 * Hours and days keep one decimal; minutes are whole.
 */
export function durationParts(seconds: number): { value: number; unit: DurationUnit } {
  if (seconds < 60) return { value: 0, unit: "lessThanMinute" };
  if (seconds < 3600) return { value: Math.round(seconds / 60), unit: "minutes" };
  if (seconds < 48 * 3600) return { value: Math.round(seconds / 360) / 10, unit: "hours" };
  return { value: Math.round(seconds / 8640) / 10, unit: "days" };
}
