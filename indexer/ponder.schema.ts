/**
 * The indexer's tables: one row per agency, officer, claim type, trusted issuer, attestation,
 * service, request, document and batch, with the requests' events as a timeline, document
 * revocations with their reasons, and daily per-agency figures. No personal data: the chain holds
 * none, and the indexer drops what it does not need (attestation data hashes, content hashes of notes).
 * Every bigint column is a uint on chain; times are unix seconds (block timestamps). At the end, the
 * citizen accounts: accounts and their passkeys, the operations the city's paymaster paid for and
 * its figures per day, and the paymaster's own events.
 */
import { index, onchainTable, primaryKey, type PgColumnsBuilders } from "ponder";

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

// ---------------------------------------------------------------------------------------------
// Citizen accounts (CitizenAccountFactory, CitizenAccount, LayananPaymaster, EntryPoint v0.8):
// indexed only when the manifest names those contracts. Keys and hashes only, no personal data.
// ---------------------------------------------------------------------------------------------

/** A citizen account the factory made, with its first passkey (the factory's salt is its credential id hash). */
export const citizenAccount = onchainTable("citizen_account", (t) => ({
  address: t.hex().primaryKey(),
  /** The first passkey: the keccak256 of its WebAuthn credential id (the factory's salt) and its P-256 key. */
  credentialIdHash: t.hex().notNull(),
  x: t.hex().notNull(),
  y: t.hex().notNull(),
  /** How many passkeys may sign now. */
  passkeys: t.integer().notNull(),
  createdAt: t.bigint().notNull(),
  createdAtBlock: t.bigint().notNull(),
  txHash: t.hex().notNull(),
  /** The sponsored operation that made it (its first), null when it was made otherwise. */
  userOpHash: t.hex(),
}));

/**
 * The passkeys of each account, current and removed (`active` false). Several accounts may name a
 * passkey with the same credential id hash (anyone can register any id with a key of their own):
 * the lookup by credentialIdHash returns every active one with its key, and the browser keeps the
 * account whose key is its passkey's.
 */
export const passkey = onchainTable(
  "passkey",
  (t) => ({
    account: t.hex().notNull(),
    credentialIdHash: t.hex().notNull(),
    x: t.hex().notNull(),
    y: t.hex().notNull(),
    active: t.boolean().notNull(),
    addedAt: t.bigint().notNull(),
    addedAtBlock: t.bigint().notNull(),
    addedAtLogIndex: t.integer().notNull(),
    removedAt: t.bigint(),
    removedAtBlock: t.bigint(),
  }),
  (t) => ({
    pk: primaryKey({ columns: [t.account, t.credentialIdHash] }),
    byCredential: index().on(t.credentialIdHash, t.active),
  }),
);

/**
 * A user operation LayananPaymaster paid for (EntryPoint's UserOperationEvent with our paymaster),
 * attributed to the agency service of the first request it touched (serviceId and agencyId 0: none,
 * e.g. a passkey change). `action`: the operation's calls, comma-separated (submit, respond,
 * cancel, escalate, rate, addPasskey, removePasskey); `day` is the Jakarta day (UTC+7),
 * floor((time + 25200) / 86400).
 */
export const sponsoredOperation = onchainTable(
  "sponsored_operation",
  (t) => ({
    userOpHash: t.hex().primaryKey(),
    sender: t.hex().notNull(),
    nonce: t.bigint().notNull(),
    success: t.boolean().notNull(),
    actualGasCost: t.bigint().notNull(),
    actualGasUsed: t.bigint().notNull(),
    serviceId: t.integer().notNull(),
    agencyId: t.integer().notNull(),
    requestId: t.bigint(),
    action: t.text().notNull(),
    accountCreated: t.boolean().notNull(),
    day: t.integer().notNull(),
    time: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({
    bySender: index().on(t.sender, t.blockNumber, t.logIndex),
    byAgencyDay: index().on(t.agencyId, t.day),
    byServiceDay: index().on(t.serviceId, t.day),
  }),
);

/**
 * The request a user operation submitted, from its RequestSubmitted until its UserOperationEvent
 * (later in the same transaction) takes it: the first one per transaction and account. Rows of
 * operations the city did not pay for stay (keyed by their transaction, they never match another).
 */
export const operationRequest = onchainTable(
  "operation_request",
  (t) => ({ txHash: t.hex().notNull(), citizen: t.hex().notNull(), requestId: t.bigint().notNull() }),
  (t) => ({ pk: primaryKey({ columns: [t.txHash, t.citizen] }) }),
);

/**
 * What the city paid for: sponsored operations, failed ones among them, their cost in wei (what the
 * EntryPoint took from the paymaster's deposit), gas, and the accounts those operations created,
 * per Jakarta day, kept by the indexing functions at three levels (every service, one agency, one
 * service; agency and service 0: operations that touched no request) and in totals.
 */
const sponsorshipColumns = (t: PgColumnsBuilders) => ({
  operations: t.integer().notNull(),
  failed: t.integer().notNull(),
  paidWei: t.bigint().notNull(),
  gasUsed: t.bigint().notNull(),
  accountsCreated: t.integer().notNull(),
});

export const sponsorshipDay = onchainTable("sponsorship_day", (t) => ({
  day: t.integer().primaryKey(),
  ...sponsorshipColumns(t),
}));

export const sponsorshipAgencyDay = onchainTable(
  "sponsorship_agency_day",
  (t) => ({ agencyId: t.integer().notNull(), day: t.integer().notNull(), ...sponsorshipColumns(t) }),
  (t) => ({ pk: primaryKey({ columns: [t.agencyId, t.day] }) }),
);

export const sponsorshipServiceDay = onchainTable(
  "sponsorship_service_day",
  (t) => ({
    serviceId: t.integer().notNull(),
    day: t.integer().notNull(),
    agencyId: t.integer().notNull(),
    ...sponsorshipColumns(t),
  }),
  (t) => ({ pk: primaryKey({ columns: [t.serviceId, t.day] }), byDay: index().on(t.day, t.serviceId) }),
);

/** The sums of the days: `scope` "all" (id 0), "agency" (an agency id) or "service" (a service id). */
export const sponsorshipTotal = onchainTable(
  "sponsorship_total",
  (t) => ({ scope: t.text().notNull(), id: t.integer().notNull(), ...sponsorshipColumns(t) }),
  (t) => ({ pk: primaryKey({ columns: [t.scope, t.id] }) }),
);

/**
 * LayananPaymaster's own events: `kind` signer (SponsorSignerChanged: `account` the new signer,
 * `previous` the old one), deposit (DepositAdded: `account` who paid), withdrawal (DepositWithdrawn:
 * `account` the recipient) and stake (StakeChanged); the columns a kind does not use are null.
 */
export const paymasterEvent = onchainTable(
  "paymaster_event",
  (t) => ({
    id: t.text().primaryKey(),
    kind: t.text().notNull(),
    account: t.hex(),
    previous: t.hex(),
    amount: t.bigint(),
    unstakeDelaySec: t.integer(),
    unlocked: t.boolean(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    time: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (t) => ({ byTime: index().on(t.blockNumber, t.logIndex) }),
);
