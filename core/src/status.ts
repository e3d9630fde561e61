/**
 * Request statuses, the transitions ServiceRequests allows, and the overdue rule: one definition
 * for the dApp, the admin commands and the indexer.
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

/** The name of an on-chain status number ("None" for a number the contract does not have). */
export const statusNameOf = (status: number): StatusName => STATUS_NAMES[status] ?? "None";

/** The on-chain number of a status name (updateStatus takes a uint8). */
export const statusNumber = (name: StatusName) => STATUS_NAMES.indexOf(name);

/** Submitted, InProgress and NeedsInfo: the agency still has work to do. */
export const OPEN_STATUSES = new Set<number>([1, 2, 3]);
export const isOpenStatus = (status: number) => OPEN_STATUSES.has(status);

/**
 * ServiceRequests.isOverdue at chain time `now`: open and strictly past its due date (at `dueAt`
 * exactly it is not yet overdue; a closed request never is). Unknown time: not overdue.
 */
export const isOverdueAt = (request: { status: number; dueAt: number }, now: number | undefined) =>
  now !== undefined && isOpenStatus(request.status) && now > request.dueAt;

/** ServiceRequests.updateStatus's transitions (markDuplicate, respond and cancel are separate calls). */
const TRANSITIONS: Partial<Record<StatusName, readonly StatusName[]>> = {
  Submitted: ["InProgress", "Rejected"],
  InProgress: ["NeedsInfo", "Completed", "Rejected"],
  NeedsInfo: ["InProgress", "Rejected"],
};

/** The statuses ServiceRequests.updateStatus allows from `status` (none from a final status). */
export const allowedTransitions = (status: number): readonly StatusName[] => TRANSITIONS[statusNameOf(status)] ?? [];
