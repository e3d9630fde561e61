/**
 * Request statuses and the overdue rule, with no imports, so both the pages and the mocha tests
 * (through lib/console/queue.ts) load the one definition.
 */

/** ServiceRequests.Status names, by their on-chain number (the contract's enum order). */
export const STATUS_NAMES = [
  "None",
  "Submitted",
  "InProgress",
  "NeedsInfo",
  "Completed",
  "Rejected",
  "Cancelled",
  "Duplicate",
] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/** Submitted, InProgress and NeedsInfo: the agency still has work to do. */
export const OPEN_STATUSES = new Set<number>([1, 2, 3]);
export const isOpenStatus = (status: number) => OPEN_STATUSES.has(status);

/**
 * ServiceRequests.isOverdue at chain time `now`: open and strictly past its due date (at `dueAt`
 * exactly it is not yet overdue; a closed request never is). Unknown time: not overdue.
 */
export const isOverdueAt = (request: { status: number; dueAt: number }, now: number | undefined) =>
  now !== undefined && isOpenStatus(request.status) && now > request.dueAt;
