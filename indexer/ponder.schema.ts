/**
 * The indexer's tables: one row per agency, officer, claim type, trusted issuer, attestation,
 * service, request, document and batch, with the requests' events as a timeline, document
 * revocations with their reasons, and daily per-agency figures. No personal data: the chain holds
 * none, and the indexer drops what it does not need (attestation data hashes, content hashes of notes).
 * Every bigint column is a uint on chain; times are unix seconds (block timestamps).
 */
import { index, onchainTable, primaryKey } from "ponder";

export const agency = onchainTable("agency", (t) => ({
  id: t.integer().primaryKey(),
  code: t.hex().notNull(),
  name: t.text().notNull(),
  admin: t.hex().notNull(),
  active: t.boolean().notNull(),
  registeredAt: t.bigint().notNull(),
}));

/** Current and former officers; `active` false once removed (or made the agency's admin). */
export const officer = onchainTable(
  "officer",
  (t) => ({
    agencyId: t.integer().notNull(),
    address: t.hex().notNull(),
    active: t.boolean().notNull(),
    addedBy: t.hex().notNull(),
    addedAt: t.bigint().notNull(),
    addedAtBlock: t.bigint().notNull(),
    /** The OfficerAdded event's log index: with addedAtBlock, the order officers joined in. */
    addedAtLogIndex: t.integer().notNull(),
    removedAt: t.bigint(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.agencyId, t.address] }), byAgency: index().on(t.agencyId, t.active) }),
);

/** AccessControl events of the four contracts (governor handover, roles): the audit trail of who governs. */
export const governanceEvent = onchainTable(
  "governance_event",
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    args: t.json().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    time: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ byTime: index().on(t.blockNumber, t.logIndex) }),
);

/** The last nonce each officer consumed (NonceUsed): a signature with a lower nonce is void. */
export const officerNonce = onchainTable("officer_nonce", (t) => ({
  officer: t.hex().primaryKey(),
  lastNonce: t.bigint().notNull(),
  used: t.integer().notNull(),
}));

/** Claim types (CitizenAttestations) and document types (DocumentRegistry): `registry` tells which. */
export const typeInfo = onchainTable(
  "type_info",
  (t) => ({
    registry: t.text().notNull(),
    id: t.hex().notNull(),
    description: t.text().notNull(),
    registeredAt: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.registry, t.id] }) }),
);

/** Which agency may issue which claim or document type; `trusted` false once distrusted. */
export const trustedIssuer = onchainTable(
  "trusted_issuer",
  (t) => ({
    registry: t.text().notNull(),
    typeId: t.hex().notNull(),
    agencyId: t.integer().notNull(),
    trusted: t.boolean().notNull(),
    changedAt: t.bigint().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.registry, t.typeId, t.agencyId] }) }),
);

/** Attestations without their data hash (the indexer does not need it). */
export const attestation = onchainTable(
  "attestation",
  (t) => ({
    uid: t.hex().primaryKey(),
    subject: t.hex().notNull(),
    claimType: t.hex().notNull(),
    agencyId: t.integer().notNull(),
    officer: t.hex().notNull(),
    level: t.integer().notNull(),
    issuedAt: t.bigint().notNull(),
    expiresAt: t.bigint().notNull(),
    supersededUid: t.hex(),
    supersededBy: t.hex(),
    revokedAt: t.bigint(),
    revokedBy: t.hex(),
    revokeReason: t.hex(),
  }),
  (t) => ({ bySubject: index().on(t.subject, t.claimType, t.agencyId) }),
);

export const service = onchainTable(
  "service",
  (t) => ({
    id: t.integer().primaryKey(),
    agencyId: t.integer().notNull(),
    code: t.hex().notNull(),
    name: t.text().notNull(),
    slaSeconds: t.integer().notNull(),
    requiredClaim: t.hex().notNull(),
    minLevel: t.integer().notNull(),
    active: t.boolean().notNull(),
    addedAt: t.bigint().notNull(),
  }),
  (t) => ({ byAgency: index().on(t.agencyId) }),
);

/**
 * A request's current state. `status` is ServiceRequests.Status's number (core/status.ts); `open`
 * mirrors isOpenStatus so the queue's "overdue" filter is `open and dueAt < now` on an index.
 */
export const request = onchainTable(
  "request",
  (t) => ({
    id: t.bigint().primaryKey(),
    citizen: t.hex().notNull(),
    agencyId: t.integer().notNull(),
    serviceId: t.integer().notNull(),
    summary: t.text().notNull(),
    /** The summary in lower case (JavaScript's toLowerCase, as core's summaryMatches): `q` is a LIKE on it. */
    summaryLower: t.text().notNull(),
    contentHash: t.hex().notNull(),
    clientRef: t.hex().notNull(),
    status: t.integer().notNull(),
    open: t.boolean().notNull(),
    escalated: t.boolean().notNull(),
    rating: t.integer().notNull(),
    submittedAt: t.bigint().notNull(),
    dueAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
    closedAt: t.bigint(),
    duplicateOf: t.bigint(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  // Every list order ends with the id (ties), so each index ends with it too: a page of a queue
  // (an agency, maybe a status or the open ones, by due date or by age) is read off an index in
  // order, without a sort; (agencyId, open, dueAt) also counts the overdue ones.
  (t) => ({
    byAgencyId: index().on(t.agencyId, t.id),
    byAgencyDue: index().on(t.agencyId, t.dueAt, t.id),
    byAgencyStatusDue: index().on(t.agencyId, t.status, t.dueAt, t.id),
    byAgencyStatusId: index().on(t.agencyId, t.status, t.id),
    byAgencyOpenDue: index().on(t.agencyId, t.open, t.dueAt, t.id),
    byCitizen: index().on(t.citizen, t.id),
    byService: index().on(t.serviceId, t.id),
  }),
);

/**
 * How many of an agency's requests are in each status, and how many of those were escalated: kept
 * by the indexing functions, so that a queue's counts read a few rows instead of scanning the
 * agency's requests (a GROUP BY over 100,000 rows takes 50 to 150 ms on PGlite).
 */
export const agencyStatus = onchainTable(
  "agency_status",
  (t) => ({
    agencyId: t.integer().notNull(),
    status: t.integer().notNull(),
    requests: t.integer().notNull(),
    escalated: t.integer().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.agencyId, t.status] }) }),
);

/**
 * A request's timeline, one row per event. `kind`: submitted, status, duplicate, escalated, rated;
 * the columns a kind does not use are null.
 */
export const requestEvent = onchainTable(
  "request_event",
  (t) => ({
    id: t.text().primaryKey(),
    requestId: t.bigint().notNull(),
    agencyId: t.integer().notNull(),
    kind: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    time: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    fromStatus: t.integer(),
    toStatus: t.integer(),
    by: t.hex(),
    noteHash: t.hex(),
    note: t.text(),
    summary: t.text(),
    contentHash: t.hex(),
    dueAt: t.bigint(),
    originalId: t.bigint(),
    score: t.integer(),
    commentHash: t.hex(),
  }),
  (t) => ({ byRequest: index().on(t.requestId, t.blockNumber, t.logIndex) }),
);

/** Singly issued documents, by anchor (the salted fingerprint). */
export const document = onchainTable(
  "document",
  (t) => ({
    anchor: t.hex().primaryKey(),
    agencyId: t.integer().notNull(),
    docType: t.hex().notNull(),
    officer: t.hex().notNull(),
    expiresAt: t.bigint().notNull(),
    issuedAt: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ byAgency: index().on(t.agencyId, t.issuedAt) }),
);

export const batch = onchainTable(
  "batch",
  (t) => ({
    root: t.hex().primaryKey(),
    agencyId: t.integer().notNull(),
    docType: t.hex().notNull(),
    officer: t.hex().notNull(),
    count: t.integer().notNull(),
    expiresAt: t.bigint().notNull(),
    issuedAt: t.bigint().notNull(),
    revokedAt: t.bigint(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ byAgency: index().on(t.agencyId, t.issuedAt) }),
);

/**
 * Every revocation with its reason: a document (`anchor`, under `root` or 0x0 for a single one) or
 * a whole batch (`anchor` null).
 */
export const revocation = onchainTable(
  "revocation",
  (t) => ({
    id: t.text().primaryKey(),
    anchor: t.hex(),
    root: t.hex().notNull(),
    agencyId: t.integer().notNull(),
    by: t.hex().notNull(),
    reason: t.hex().notNull(),
    wholeBatch: t.boolean().notNull(),
    time: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ byAnchor: index().on(t.anchor), byRoot: index().on(t.root) }),
);

/**
 * Per-agency figures for one UTC day (`day` = floor(time / 86400)), as ServiceRequests.agencyStats
 * counts them: what happened that day.
 */
export const agencyDay = onchainTable(
  "agency_day",
  (t) => ({
    agencyId: t.integer().notNull(),
    day: t.integer().notNull(),
    submitted: t.integer().notNull(),
    completed: t.integer().notNull(),
    completedOnTime: t.integer().notNull(),
    rejected: t.integer().notNull(),
    cancelled: t.integer().notNull(),
    duplicates: t.integer().notNull(),
    escalated: t.integer().notNull(),
    totalResolutionSeconds: t.bigint().notNull(),
    ratingSum: t.integer().notNull(),
    ratingCount: t.integer().notNull(),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.agencyId, t.day] }) }),
);
