/**
 * The indexing functions: every event of the four contracts into the tables of ponder.schema.ts.
 * Ponder runs them in chain order and undoes them on a reorg, so each handler only has to apply its
 * own event to the rows as they stand. Times are block timestamps (unix seconds).
 *
 * Not indexed: CitizenAttestations' EIP712DomainChanged (from OpenZeppelin's EIP712, emitted only when
 * a contract changes its signing domain; CitizenAttestations' domain is fixed at construction, so it
 * never is). Only AgencyDirectory has AccessControl events (AccessControlDefaultAdminRules); the other
 * three contracts ask the directory who governs.
 *
 * The citizen-account contracts (at the end) are indexed only when the manifest names them: their
 * functions are registered only then (Ponder refuses a function for a contract it does not know).
 */
import { ponder, type Context } from "ponder:registry";
import {
  agency,
  citizenAccount,
  passkey,
  paymasterEvent,
  sponsoredOperation,
  sponsorshipAgencyDay,
  sponsorshipDay,
  sponsorshipServiceDay,
  sponsorshipTotal,
  agencyDay,
  agencyStatus,
  attestation,
  batch,
  document,
  governanceEvent,
  officer,
  officerNonce,
  operationRequest,
  request,
  requestEvent,
  revocation,
  service,
  trustedIssuer,
  typeInfo,
} from "ponder:schema";
import { replaceBigInts, sql } from "ponder";
import { decodeFunctionData } from "viem";
import { entryPoint08Abi } from "viem/account-abstraction";
import {
  decodeAccountCalls,
  isOpenStatus,
  serviceRequestsAbi,
  statusNumber,
  ZERO_HASH,
  citizenAccountAbi,
  type AccountCall,
} from "@layanan/core";
import { accountContracts, serviceRequestsAddress } from "./manifest.ts";

type Db = Context["db"];
type Hex = `0x${string}`;

/** A log's place in the chain: the id of its timeline, governance and revocation rows. */
interface Place {
  block: { number: bigint; timestamp: bigint };
  log: { logIndex: number };
  transaction: { hash: Hex };
}
const placeId = (event: Place) => `${event.block.number}-${event.log.logIndex}`;
const at = (event: Place) => ({
  blockNumber: event.block.number,
  logIndex: event.log.logIndex,
  time: event.block.timestamp,
  txHash: event.transaction.hash,
});

const lower = (address: Hex) => address.toLowerCase() as Hex;

// ---------------------------------------------------------------------------------------------
// AgencyDirectory
// ---------------------------------------------------------------------------------------------

ponder.on("AgencyDirectory:AgencyRegistered", async ({ event, context }) => {
  await context.db.insert(agency).values({
    id: event.args.agencyId,
    code: event.args.code,
    name: event.args.name,
    admin: lower(event.args.admin),
    active: true,
    registeredAt: event.block.timestamp,
  });
});

ponder.on("AgencyDirectory:AgencyActiveChanged", async ({ event, context }) => {
  await context.db.update(agency, { id: event.args.agencyId }).set({ active: event.args.active });
});

/** As core's foldOfficers: an officer promoted to admin stops being an officer (no OfficerRemoved is emitted). */
ponder.on("AgencyDirectory:AgencyAdminChanged", async ({ event, context }) => {
  const { agencyId, newAdmin } = event.args;
  await context.db.update(agency, { id: agencyId }).set({ admin: lower(newAdmin) });
  const key = { agencyId, address: lower(newAdmin) };
  const row = await context.db.find(officer, key);
  if (row?.active) await context.db.update(officer, key).set({ active: false, removedAt: event.block.timestamp });
});

/** Re-adding a removed officer makes the row current again, at its new place in the order. */
ponder.on("AgencyDirectory:OfficerAdded", async ({ event, context }) => {
  const joined = {
    active: true,
    addedBy: lower(event.args.by),
    addedAt: event.block.timestamp,
    addedAtBlock: event.block.number,
    addedAtLogIndex: event.log.logIndex,
    removedAt: null,
  };
  await context.db
    .insert(officer)
    .values({ agencyId: event.args.agencyId, address: lower(event.args.officer), ...joined })
    .onConflictDoUpdate(joined);
});

ponder.on("AgencyDirectory:OfficerRemoved", async ({ event, context }) => {
  await context.db
    .update(officer, { agencyId: event.args.agencyId, address: lower(event.args.officer) })
    .set({ active: false, removedAt: event.block.timestamp });
});

/** The AccessControl events, as they are: the audit trail of who governs. */
async function governance(db: Db, contract: string, name: string, event: Place & { args?: object }) {
  await db.insert(governanceEvent).values({
    id: placeId(event),
    contract,
    name,
    // Events without arguments (DefaultAdminTransferCanceled, DefaultAdminDelayChangeCanceled) have none.
    args: replaceBigInts(event.args ?? {}, (v) => String(v)),
    ...at(event),
  });
}

ponder.on("AgencyDirectory:RoleGranted", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "RoleGranted", event),
);
ponder.on("AgencyDirectory:RoleRevoked", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "RoleRevoked", event),
);
ponder.on("AgencyDirectory:RoleAdminChanged", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "RoleAdminChanged", event),
);
ponder.on("AgencyDirectory:DefaultAdminTransferScheduled", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "DefaultAdminTransferScheduled", event),
);
ponder.on("AgencyDirectory:DefaultAdminTransferCanceled", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "DefaultAdminTransferCanceled", event),
);
ponder.on("AgencyDirectory:DefaultAdminDelayChangeScheduled", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "DefaultAdminDelayChangeScheduled", event),
);
ponder.on("AgencyDirectory:DefaultAdminDelayChangeCanceled", ({ event, context }) =>
  governance(context.db, "AgencyDirectory", "DefaultAdminDelayChangeCanceled", event),
);

// ---------------------------------------------------------------------------------------------
// Claim and document types, trusted issuers (CitizenAttestations and DocumentRegistry alike)
// ---------------------------------------------------------------------------------------------

type Registry = "CitizenAttestations" | "DocumentRegistry";

async function registerType(db: Db, registry: Registry, id: Hex, description: string, time: bigint) {
  await db.insert(typeInfo).values({ registry, id, description, registeredAt: time });
}

async function setTrusted(db: Db, registry: Registry, typeId: Hex, agencyId: number, trusted: boolean, time: bigint) {
  await db
    .insert(trustedIssuer)
    .values({ registry, typeId, agencyId, trusted, changedAt: time })
    .onConflictDoUpdate({ trusted, changedAt: time });
}

ponder.on("CitizenAttestations:ClaimTypeRegistered", ({ event, context }) =>
  registerType(context.db, "CitizenAttestations", event.args.claimType, event.args.description, event.block.timestamp),
);
ponder.on("CitizenAttestations:TrustedIssuerSet", ({ event, context }) =>
  setTrusted(
    context.db,
    "CitizenAttestations",
    event.args.claimType,
    event.args.agencyId,
    event.args.trusted,
    event.block.timestamp,
  ),
);
ponder.on("DocumentRegistry:DocumentTypeRegistered", ({ event, context }) =>
  registerType(context.db, "DocumentRegistry", event.args.docType, event.args.description, event.block.timestamp),
);
ponder.on("DocumentRegistry:TrustedDocumentIssuerSet", ({ event, context }) =>
  setTrusted(
    context.db,
    "DocumentRegistry",
    event.args.docType,
    event.args.agencyId,
    event.args.trusted,
    event.block.timestamp,
  ),
);

// ---------------------------------------------------------------------------------------------
// CitizenAttestations
// ---------------------------------------------------------------------------------------------

/** The data hash is not kept (see the schema); the superseded attestation learns what replaced it. */
ponder.on("CitizenAttestations:Attested", async ({ event, context }) => {
  const { uid, subject, claimType, agencyId, officer: by, level, expiresAt, supersededUid } = event.args;
  const superseded = supersededUid === ZERO_HASH ? null : supersededUid;
  await context.db.insert(attestation).values({
    uid,
    subject: lower(subject),
    claimType,
    agencyId,
    officer: lower(by),
    level,
    issuedAt: event.block.timestamp,
    expiresAt,
    supersededUid: superseded,
  });
  if (superseded) await context.db.update(attestation, { uid: superseded }).set({ supersededBy: uid });
});

ponder.on("CitizenAttestations:AttestationRevoked", async ({ event, context }) => {
  await context.db.update(attestation, { uid: event.args.uid }).set({
    revokedAt: event.block.timestamp,
    revokedBy: lower(event.args.by),
    revokeReason: event.args.reason,
  });
});

ponder.on("CitizenAttestations:NonceUsed", async ({ event, context }) => {
  await context.db
    .insert(officerNonce)
    .values({ officer: lower(event.args.officer), lastNonce: event.args.nonce, used: 1 })
    .onConflictDoUpdate((row) => ({ lastNonce: event.args.nonce, used: row.used + 1 }));
});

// ---------------------------------------------------------------------------------------------
// ServiceRequests
// ---------------------------------------------------------------------------------------------

ponder.on("ServiceRequests:ServiceAdded", async ({ event, context }) => {
  const { serviceId, agencyId, code, name, slaSeconds, requiredClaim, minLevel } = event.args;
  await context.db.insert(service).values({
    id: serviceId,
    agencyId,
    code,
    name,
    slaSeconds,
    requiredClaim,
    minLevel,
    active: true,
    addedAt: event.block.timestamp,
  });
});

ponder.on("ServiceRequests:ServiceActiveChanged", async ({ event, context }) => {
  await context.db.update(service, { id: event.args.serviceId }).set({ active: event.args.active });
});

type DayCounts = Omit<typeof agencyDay.$inferInsert, "agencyId" | "day">;
const NO_COUNTS: Required<DayCounts> = {
  submitted: 0,
  completed: 0,
  completedOnTime: 0,
  rejected: 0,
  cancelled: 0,
  duplicates: 0,
  escalated: 0,
  totalResolutionSeconds: 0n,
  ratingSum: 0,
  ratingCount: 0,
};

/**
 * Adds to an agency's figures for the UTC day of `time`, as ServiceRequests counts them into
 * agencyStats: summed over every day, the columns are agencyStats' (open aside, a state rather than
 * an event: submitted - completed - rejected - cancelled - duplicates).
 */
async function countDay(db: Db, agencyId: number, time: bigint, add: Partial<DayCounts>) {
  const day = Number(time / 86_400n);
  await db
    .insert(agencyDay)
    .values({ ...NO_COUNTS, ...add, agencyId, day })
    .onConflictDoUpdate((row) => ({
      submitted: row.submitted + (add.submitted ?? 0),
      completed: row.completed + (add.completed ?? 0),
      completedOnTime: row.completedOnTime + (add.completedOnTime ?? 0),
      rejected: row.rejected + (add.rejected ?? 0),
      cancelled: row.cancelled + (add.cancelled ?? 0),
      duplicates: row.duplicates + (add.duplicates ?? 0),
      escalated: row.escalated + (add.escalated ?? 0),
      totalResolutionSeconds: row.totalResolutionSeconds + (add.totalResolutionSeconds ?? 0n),
      ratingSum: row.ratingSum + (add.ratingSum ?? 0),
      ratingCount: row.ratingCount + (add.ratingCount ?? 0),
    }));
}

/**
 * Moves a request of `agencyId` from status `from` (null: a new request) to `to` in the agency's
 * counts by status; `escalated` moves with it. `escalate` counts an escalation in its current status.
 */
async function countStatus(
  db: Db,
  agencyId: number,
  move: { from: number | null; to: number; escalated: boolean } | { escalate: number },
) {
  const add = async (status: number, requests: number, escalated: number) =>
    db
      .insert(agencyStatus)
      .values({ agencyId, status, requests, escalated })
      .onConflictDoUpdate((row) => ({ requests: row.requests + requests, escalated: row.escalated + escalated }));
  if ("escalate" in move) return add(move.escalate, 0, 1);
  const escalated = move.escalated ? 1 : 0;
  if (move.from !== null) await add(move.from, -1, -escalated);
  await add(move.to, 1, escalated);
}

/** A request's timeline row: the columns its kind does not use stay null. */
async function timeline(
  db: Db,
  event: Place & { args: { requestId: bigint; agencyId: number } },
  kind: "submitted" | "status" | "duplicate" | "escalated" | "rated",
  columns: Partial<typeof requestEvent.$inferInsert>,
) {
  await db.insert(requestEvent).values({
    id: placeId(event),
    requestId: event.args.requestId,
    agencyId: event.args.agencyId,
    kind,
    ...at(event),
    ...columns,
  });
}

ponder.on("ServiceRequests:RequestSubmitted", async ({ event, context }) => {
  const { requestId, citizen, agencyId, serviceId, contentHash, clientRef, dueAt, summary } = event.args;
  const time = event.block.timestamp;
  await context.db.insert(request).values({
    id: requestId,
    citizen: lower(citizen),
    agencyId,
    serviceId,
    summary,
    summaryLower: summary.toLowerCase(),
    contentHash,
    clientRef,
    status: statusNumber("Submitted"),
    open: true,
    escalated: false,
    rating: 0,
    submittedAt: time,
    dueAt,
    updatedAt: time,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  await timeline(context.db, event, "submitted", { summary, contentHash, dueAt });
  await countStatus(context.db, agencyId, { from: null, to: statusNumber("Submitted"), escalated: false });
  await countDay(context.db, agencyId, time, { submitted: 1 });
  await refreshStatistics(context, requestId);
  // Submitted by a user operation (a bundle sent to the EntryPoint): its UserOperationEvent, next, takes the id.
  if (accountContracts && event.transaction.to !== null && lower(event.transaction.to) === accountContracts.entryPoint)
    await context.db
      .insert(operationRequest)
      .values({ txHash: event.transaction.hash, citizen: lower(citizen), requestId })
      .onConflictDoNothing();
});

/**
 * Table statistics for the query planner, refreshed as the request tables double in size (at
 * 1,024, 2,048, … requests): a Postgres server's autovacuum does this by itself, embedded PGlite
 * never does, and without statistics the planner guesses 500 rows an agency and reads a deep page
 * of the queue with a bitmap scan and a sort (190 ms at 100,000 requests) instead of off its index
 * (0.5 ms). ANALYZE reads a sample, so each refresh costs milliseconds.
 */
async function refreshStatistics(context: Context, requestId: bigint): Promise<void> {
  if (requestId < 1024n || (requestId & (requestId - 1n)) !== 0n) return;
  await context.db.sql.execute(sql`ANALYZE ${request}`);
  await context.db.sql.execute(sql`ANALYZE ${requestEvent}`);
}

/**
 * updateStatus, respond and cancel. A completion counts on time when it comes within the service
 * level (completion - submission <= slaSeconds, i.e. at or before dueAt: the contract's rule; an
 * escalation never moves the due date, RequestEscalated repeats it).
 */
ponder.on("ServiceRequests:RequestStatusChanged", async ({ event, context }) => {
  const { requestId, agencyId, from, to, by, noteHash, note } = event.args;
  const time = event.block.timestamp;
  const open = isOpenStatus(to);
  const row = await context.db
    .update(request, { id: requestId })
    .set({ status: to, open, updatedAt: time, closedAt: open ? null : time });
  await timeline(context.db, event, "status", { fromStatus: from, toStatus: to, by: lower(by), noteHash, note });
  await countStatus(context.db, agencyId, { from, to, escalated: row.escalated });
  if (to === statusNumber("Completed")) {
    const resolution = time - row.submittedAt;
    await countDay(context.db, agencyId, time, {
      completed: 1,
      completedOnTime: time <= row.dueAt ? 1 : 0,
      totalResolutionSeconds: resolution,
    });
  } else if (to === statusNumber("Rejected")) {
    await countDay(context.db, agencyId, time, { rejected: 1 });
  } else if (to === statusNumber("Cancelled")) {
    await countDay(context.db, agencyId, time, { cancelled: 1 });
  }
});

ponder.on("ServiceRequests:RequestMarkedDuplicate", async ({ event, context }) => {
  const { requestId, agencyId, originalId, by } = event.args;
  const time = event.block.timestamp;
  const row = await context.db.find(request, { id: requestId });
  if (!row) throw new Error(`RequestMarkedDuplicate for request ${requestId}, which was never submitted`);
  // Copied: the row found may be the cached object the update below changes.
  const before = { status: row.status, escalated: row.escalated };
  await context.db.update(request, { id: requestId }).set({
    status: statusNumber("Duplicate"),
    open: false,
    duplicateOf: originalId,
    updatedAt: time,
    closedAt: time,
  });
  await timeline(context.db, event, "duplicate", { originalId, by: lower(by) });
  await countStatus(context.db, agencyId, {
    from: before.status,
    to: statusNumber("Duplicate"),
    escalated: before.escalated,
  });
  await countDay(context.db, agencyId, time, { duplicates: 1 });
});

ponder.on("ServiceRequests:RequestEscalated", async ({ event, context }) => {
  const time = event.block.timestamp;
  const row = await context.db.update(request, { id: event.args.requestId }).set({ escalated: true, updatedAt: time });
  await timeline(context.db, event, "escalated", { dueAt: event.args.dueAt });
  await countStatus(context.db, event.args.agencyId, { escalate: row.status });
  await countDay(context.db, event.args.agencyId, time, { escalated: 1 });
});

ponder.on("ServiceRequests:RequestRated", async ({ event, context }) => {
  const { requestId, agencyId, score, commentHash } = event.args;
  const time = event.block.timestamp;
  await context.db.update(request, { id: requestId }).set({ rating: score, updatedAt: time });
  await timeline(context.db, event, "rated", { score, commentHash });
  await countDay(context.db, agencyId, time, { ratingSum: score, ratingCount: 1 });
});

// ---------------------------------------------------------------------------------------------
// DocumentRegistry
// ---------------------------------------------------------------------------------------------

ponder.on("DocumentRegistry:DocumentIssued", async ({ event, context }) => {
  await context.db.insert(document).values({
    anchor: event.args.documentHash,
    agencyId: event.args.agencyId,
    docType: event.args.docType,
    officer: lower(event.args.officer),
    expiresAt: event.args.expiresAt,
    issuedAt: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
});

ponder.on("DocumentRegistry:BatchIssued", async ({ event, context }) => {
  await context.db.insert(batch).values({
    root: event.args.root,
    agencyId: event.args.agencyId,
    docType: event.args.docType,
    officer: lower(event.args.officer),
    count: event.args.count,
    expiresAt: event.args.expiresAt,
    issuedAt: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
});

ponder.on("DocumentRegistry:DocumentRevoked", async ({ event, context }) => {
  await context.db.insert(revocation).values({
    id: placeId(event),
    anchor: event.args.documentHash,
    root: event.args.root,
    agencyId: event.args.agencyId,
    by: lower(event.args.by),
    reason: event.args.reason,
    wholeBatch: false,
    ...at(event),
  });
});

ponder.on("DocumentRegistry:BatchRevoked", async ({ event, context }) => {
  await context.db.insert(revocation).values({
    id: placeId(event),
    anchor: null,
    root: event.args.root,
    agencyId: event.args.agencyId,
    by: lower(event.args.by),
    reason: event.args.reason,
    wholeBatch: true,
    ...at(event),
  });
  await context.db.update(batch, { root: event.args.root }).set({ revokedAt: event.block.timestamp });
});

// ---------------------------------------------------------------------------------------------
// Citizen accounts: CitizenAccountFactory, CitizenAccount, LayananPaymaster, EntryPoint v0.8
// ---------------------------------------------------------------------------------------------

/** The Jakarta day (UTC+7) of a block time: floor((time + 7 h) / 1 day). */
const jakartaDay = (time: bigint) => Number((time + 25_200n) / 86_400n);

type SponsorshipCounts = {
  operations: number;
  failed: number;
  paidWei: bigint;
  gasUsed: bigint;
  accountsCreated: number;
};

/**
 * Adds one sponsored operation to the figures of its Jakarta day, of its agency's day and of its
 * service's day (agency and service 0: it touched no request), and to the totals.
 */
async function countSponsorship(db: Db, day: number, serviceId: number, agencyId: number, add: SponsorshipCounts) {
  const plus = (row: SponsorshipCounts) => ({
    operations: row.operations + add.operations,
    failed: row.failed + add.failed,
    paidWei: row.paidWei + add.paidWei,
    gasUsed: row.gasUsed + add.gasUsed,
    accountsCreated: row.accountsCreated + add.accountsCreated,
  });
  await db
    .insert(sponsorshipDay)
    .values({ day, ...add })
    .onConflictDoUpdate(plus);
  await db
    .insert(sponsorshipAgencyDay)
    .values({ agencyId, day, ...add })
    .onConflictDoUpdate(plus);
  await db
    .insert(sponsorshipServiceDay)
    .values({ serviceId, day, agencyId, ...add })
    .onConflictDoUpdate(plus);
  for (const [scope, id] of [
    ["all", 0],
    ["agency", agencyId],
    ["service", serviceId],
  ] as const) {
    await db
      .insert(sponsorshipTotal)
      .values({ scope, id, ...add })
      .onConflictDoUpdate(plus);
  }
}

/**
 * The calls of the operation (`sender`, `nonce`) in a bundle transaction, read from its
 * EntryPoint.handleOps input; [] when the transaction is not a direct handleOps call (a bundler
 * contract wrapping it) or the operation's call data is not a CitizenAccount batch.
 */
function operationCalls(input: Hex, sender: Hex, nonce: bigint): AccountCall[] {
  try {
    const { functionName, args } = decodeFunctionData({ abi: entryPoint08Abi, data: input });
    if (functionName !== "handleOps") return [];
    const op = args[0].find((o) => lower(o.sender) === sender && o.nonce === nonce);
    return op ? decodeAccountCalls(op.callData) : [];
  } catch {
    return [];
  }
}

/** Hex of an unknown call (its selector) for `action`. */
const selectorOf = (data: Hex) => data.slice(0, 10);

function registerAccounts(contracts: NonNullable<typeof accountContracts>) {
  /**
   * The factory's AccountCreated comes after the first PasskeyAdded of the same transaction (the
   * clone is initialised before the factory announces it): the first passkey is written here as
   * well, whichever of the two Ponder delivers.
   */
  ponder.on("CitizenAccountFactory:AccountCreated", async ({ event, context }) => {
    const { account, salt, x, y } = event.args;
    const address = lower(account);
    await context.db.insert(citizenAccount).values({
      address,
      credentialIdHash: salt,
      x,
      y,
      passkeys: 1,
      createdAt: event.block.timestamp,
      createdAtBlock: event.block.number,
      txHash: event.transaction.hash,
      userOpHash: null,
    });
    await context.db
      .insert(passkey)
      .values({
        account: address,
        credentialIdHash: salt,
        x,
        y,
        active: true,
        addedAt: event.block.timestamp,
        addedAtBlock: event.block.number,
        addedAtLogIndex: event.log.logIndex,
      })
      .onConflictDoNothing();
  });

  /** A passkey before its account's AccountCreated is the first one (counted there). Re-adding a removed one revives its row. */
  ponder.on("CitizenAccount:PasskeyAdded", async ({ event, context }) => {
    const address = lower(event.log.address);
    const { credentialIdHash, x, y } = event.args;
    const added = {
      x,
      y,
      active: true,
      addedAt: event.block.timestamp,
      addedAtBlock: event.block.number,
      addedAtLogIndex: event.log.logIndex,
      removedAt: null,
      removedAtBlock: null,
    };
    await context.db
      .insert(passkey)
      .values({ account: address, credentialIdHash, ...added })
      .onConflictDoUpdate(added);
    const account = await context.db.find(citizenAccount, { address });
    if (account) await context.db.update(citizenAccount, { address }).set((row) => ({ passkeys: row.passkeys + 1 }));
  });

  ponder.on("CitizenAccount:PasskeyRemoved", async ({ event, context }) => {
    const address = lower(event.log.address);
    await context.db
      .update(passkey, { account: address, credentialIdHash: event.args.credentialIdHash })
      .set({ active: false, removedAt: event.block.timestamp, removedAtBlock: event.block.number });
    await context.db.update(citizenAccount, { address }).set((row) => ({ passkeys: row.passkeys - 1 }));
  });

  /**
   * An operation LayananPaymaster paid for (the source's filter keeps only those). Its calls are
   * read from the bundle's handleOps input (a failed operation's too, whose events were undone):
   * the first that touches a request names the service and agency (a submit its service, any
   * other call its request's).
   */
  ponder.on("EntryPoint:UserOperationEvent", async ({ event, context }) => {
    const { userOpHash, sender, paymaster, nonce, success, actualGasCost, actualGasUsed } = event.args;
    if (lower(paymaster) !== contracts.paymaster) return;
    const account = lower(sender);
    const txHash = event.transaction.hash;
    const calls = operationCalls(event.transaction.input, account, nonce);
    // The request the operation submitted, when it did (RequestSubmitted left it for this event).
    const key = { txHash, citizen: account };
    const submitted = await context.db.find(operationRequest, key);
    if (submitted) await context.db.delete(operationRequest, key);
    const actions: string[] = [];
    let target: { serviceId: number; agencyId: number; requestId: bigint | null } | null = null;
    for (const call of calls) {
      const to = lower(call.to);
      if (to === account) {
        try {
          actions.push(decodeFunctionData({ abi: citizenAccountAbiFunctions, data: call.data }).functionName);
        } catch {
          actions.push(selectorOf(call.data));
        }
        continue;
      }
      if (to !== serviceRequestsAddress) {
        actions.push(selectorOf(call.data));
        continue;
      }
      let decoded;
      try {
        decoded = decodeFunctionData({ abi: serviceRequestsAbi, data: call.data });
      } catch {
        actions.push(selectorOf(call.data));
        continue;
      }
      actions.push(decoded.functionName);
      if (target !== null) continue;
      if (decoded.functionName === "submit") {
        const serviceId = (decoded.args as readonly unknown[])[0] as number;
        const row = await context.db.find(service, { id: serviceId });
        target = { serviceId, agencyId: row?.agencyId ?? 0, requestId: submitted?.requestId ?? null };
      } else if (["respond", "cancel", "escalate", "rate"].includes(decoded.functionName)) {
        const requestId = (decoded.args as readonly unknown[])[0] as bigint;
        const row = await context.db.find(request, { id: requestId });
        if (row) target = { serviceId: row.serviceId, agencyId: row.agencyId, requestId };
      }
    }
    // Deployed by this operation: made in this transaction and not yet claimed by an earlier operation of the bundle.
    const made = await context.db.find(citizenAccount, { address: account });
    const accountCreated = made !== null && made.txHash === txHash && made.userOpHash === null;
    if (accountCreated) await context.db.update(citizenAccount, { address: account }).set({ userOpHash });
    const day = jakartaDay(event.block.timestamp);
    const serviceId = target?.serviceId ?? 0;
    const agencyId = target?.agencyId ?? 0;
    await context.db.insert(sponsoredOperation).values({
      userOpHash,
      sender: account,
      nonce,
      success,
      actualGasCost,
      actualGasUsed,
      serviceId,
      agencyId,
      requestId: target?.requestId ?? null,
      action: actions.length > 0 ? actions.join(",") : "unknown",
      accountCreated,
      day,
      ...at(event),
    });
    await countSponsorship(context.db, day, serviceId, agencyId, {
      operations: 1,
      failed: success ? 0 : 1,
      paidWei: actualGasCost,
      gasUsed: actualGasUsed,
      accountsCreated: accountCreated ? 1 : 0,
    });
  });

  const paymasterRow = (event: Place, columns: Partial<typeof paymasterEvent.$inferInsert> & { kind: string }) => ({
    id: placeId(event),
    ...at(event),
    ...columns,
  });

  ponder.on("LayananPaymaster:SponsorSignerChanged", async ({ event, context }) => {
    await context.db.insert(paymasterEvent).values(
      paymasterRow(event, {
        kind: "signer",
        account: lower(event.args.newSigner),
        previous: lower(event.args.previousSigner),
      }),
    );
  });
  ponder.on("LayananPaymaster:DepositAdded", async ({ event, context }) => {
    await context.db
      .insert(paymasterEvent)
      .values(paymasterRow(event, { kind: "deposit", account: lower(event.args.from), amount: event.args.amount }));
  });
  ponder.on("LayananPaymaster:DepositWithdrawn", async ({ event, context }) => {
    await context.db
      .insert(paymasterEvent)
      .values(paymasterRow(event, { kind: "withdrawal", account: lower(event.args.to), amount: event.args.amount }));
  });
  ponder.on("LayananPaymaster:StakeChanged", async ({ event, context }) => {
    await context.db.insert(paymasterEvent).values(
      paymasterRow(event, {
        kind: "stake",
        amount: event.args.added,
        unstakeDelaySec: event.args.unstakeDelaySec,
        unlocked: event.args.unlocked,
      }),
    );
  });
}

/** The account's own functions a sponsored operation may call on itself. */
const citizenAccountAbiFunctions = citizenAccountAbi.filter(
  (item) => item.type === "function" && (item.name === "addPasskey" || item.name === "removePasskey"),
);

if (accountContracts) registerAccounts(accountContracts);
