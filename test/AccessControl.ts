import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ATTEST_TYPES,
  AGENCY_A,
  AGENCY_B,
  AKTA_KELAHIRAN,
  DAY,
  DocumentStatus,
  KTP_VERIFIED,
  RESIDENT,
  SERVICE_GATED,
  SERVICE_OPEN,
  Status,
  clientRef,
  code,
  commitment,
  ethers,
  id,
  networkHelpers,
  now,
  residentFixture,
} from "./helpers/fixture.js";

/**
 * The access-control matrix: every state-changing external function of the four contracts, tried by
 * each of six callers from the same snapshot. Each (function, caller) pair is one row of TABLE and one
 * named test; a permitted call is checked by its event and a view, a refused one by its exact custom
 * error and arguments. Expected outcomes come from DESIGN.md and the interfaces' NatSpec.
 */

const { loadFixture } = networkHelpers;
const GOVERNOR_ROLE = ethers.ZeroHash; // OpenZeppelin's DEFAULT_ADMIN_ROLE

// Requests filed by `citizen` on the gated service of agency A, one per situation a row needs.
const REQ_SUBMITTED = 1n; // Submitted: updateStatus, cancel, and the original for markDuplicate
const REQ_LATER = 2n; // Submitted after REQ_SUBMITTED: the one markDuplicate closes
const REQ_NEEDS_INFO = 3n; // NeedsInfo: respond
const REQ_COMPLETED = 4n; // Completed: rate
const REQ_OVERDUE = 5n; // Submitted and past its due date: escalate

const DOMICILE = id("DOMISILI_KOTA_BANDUNG");
const SURAT_DOMISILI = id("SURAT_KETERANGAN_DOMISILI"); // a document type the fixture does not register
const ROW_REF = id("access-control matrix row"); // a client reference no caller has used yet
const REASON = code("DATA_CHANGED");
const ATTEST_DATA = commitment("3273010101900003|Kota Bandung");
const NOTE_HASH = commitment("catatan petugas");
const NEW_DOCUMENT = ethers.sha256(ethers.toUtf8Bytes("%PDF-1.7 surat keterangan domisili\n"));
const NEW_ROOT = StandardMerkleTree.of([[ethers.sha256("0x01")], [ethers.sha256("0x02")]], ["bytes32"]).root;

/**
 * residentFixture plus everything the rows act on: five requests in the states listed above, a
 * document issued singly and a batch of three issued by officerA, an EIP-712 attestation signed by
 * officerA (not yet submitted), a pending governor hand-over to citizen2 and a pending change of the
 * hand-over delay (so cancel, accept and rollback have something to act on).
 */
async function matrixFixture() {
  const d = await residentFixture();
  const { directory, attestations, requests, documents, governor, officerA, citizen, citizen2 } = d;

  for (let i = 1; i <= 5; i++) {
    await requests.connect(citizen).submit(SERVICE_GATED, commitment(`berkas ${i}`), clientRef(), `Permohonan ${i}`);
  }
  await requests.connect(officerA).updateStatus(REQ_NEEDS_INFO, Status.InProgress, ethers.ZeroHash, "");
  await requests.connect(officerA).updateStatus(REQ_NEEDS_INFO, Status.NeedsInfo, ethers.ZeroHash, "Mohon lengkapi");
  await requests.connect(officerA).updateStatus(REQ_COMPLETED, Status.InProgress, ethers.ZeroHash, "");
  await requests.connect(officerA).updateStatus(REQ_COMPLETED, Status.Completed, ethers.ZeroHash, "Selesai");

  const documentHash = ethers.sha256(ethers.toUtf8Bytes("%PDF-1.7 akta kelahiran\n"));
  await documents.connect(officerA).issue(documentHash, AKTA_KELAHIRAN, 0);
  const tree = StandardMerkleTree.of(
    ["kartu keluarga 1", "kartu keluarga 2", "kartu keluarga 3"].map((text) => [
      ethers.sha256(ethers.toUtf8Bytes(text)),
    ]),
    ["bytes32"],
  );
  await documents.connect(officerA).issueBatch(tree.root, 3, AKTA_KELAHIRAN, 0);
  const member = tree.at(1)![0] as string;
  const memberProof = tree.getProof(1);

  // The gated service's SLA is 3 days: every open request is now overdue.
  await networkHelpers.time.increase(3 * DAY + 1);

  const handOver = await directory.connect(governor).beginDefaultAdminTransfer(citizen2.address);
  const handOverSchedule = BigInt((await handOver.getBlock())!.timestamp) + BigInt(DAY);
  await directory.connect(governor).changeDefaultAdminDelay(2 * DAY);

  const signed = {
    subject: citizen2.address,
    claimType: KTP_VERIFIED,
    dataHash: commitment("3273010101900002|KTP-el"),
    level: 2,
    expiresAt: 0n,
    agencyId: AGENCY_A,
    officer: officerA.address,
    // officerA's direct attestation in residentFixture used nonce 0.
    nonce: await attestations.nonces(officerA.address),
    deadline: BigInt((await now()) + DAY),
  };
  const { chainId } = await ethers.provider.getNetwork();
  const signature = await officerA.signTypedData(
    { name: "Layanan CitizenAttestations", version: "1", chainId, verifyingContract: await attestations.getAddress() },
    ATTEST_TYPES,
    signed,
  );

  return { ...d, documentHash, tree, member, memberProof, handOverSchedule, signed, signature };
}

type Ctx = Awaited<ReturnType<typeof matrixFixture>>;
type Caller = "governor" | "adminA" | "officerA" | "officerB" | "citizen" | "stranger";
type ContractKey = "directory" | "attestations" | "requests" | "documents";

const CALLERS: { key: Caller; label: string }[] = [
  { key: "governor", label: "the governor" },
  { key: "adminA", label: "the agency admin" },
  { key: "officerA", label: "an officer" },
  { key: "officerB", label: "an officer of another agency" },
  { key: "citizen", label: "the citizen" },
  { key: "stranger", label: "a stranger" },
];

/** The agency each caller acts for (0 = none). */
const HOME_AGENCY: Record<Caller, bigint> = {
  governor: 0n,
  adminA: AGENCY_A,
  officerA: AGENCY_A,
  officerB: AGENCY_B,
  citizen: 0n,
  stranger: 0n,
};

type Args = (c: Ctx, who: HardhatEthersSigner) => unknown[] | Promise<unknown[]>;
type Expected = "allowed" | { error: string; args: Args };

const allowed = "allowed" as const;
const reverts = (error: string, args: Args): Expected => ({ error, args });

// Refusals shared by several rows.
const notGovernorRole = reverts("AccessControlUnauthorizedAccount", (_, who) => [who.address, GOVERNOR_ROLE]);
const adminRulesEnforced = reverts("AccessControlEnforcedDefaultAdminRules", () => []);
const renounceTooEarly = reverts("AccessControlEnforcedDefaultAdminDelay", (c) => [c.handOverSchedule]);
const notDirectoryManager = reverts("AgencyDirectoryUnauthorized", (_, who) => [who.address, AGENCY_A]);
const notAttestationsGovernor = reverts("AttestationsNotGovernor", (_, who) => [who.address]);
const notAttestingOfficer = reverts("AttestationsNotOfficer", (_, who) => [who.address]);
const notRevoker = reverts("AttestationsUnauthorizedRevoker", (c, who) => [who.address, c.uid]);
const notServiceManager = reverts("ServiceUnauthorized", (_, who) => [who.address, AGENCY_A]);
const lacksResidentClaim = reverts("RequestClaimRequired", (_, who) => [who.address, RESIDENT, 2]);
const notRequestOfficer = reverts("RequestNotOfficer", (_, who) => [who.address, AGENCY_A]);
const notOwnRequest = (requestId: bigint) => reverts("RequestNotCitizen", (_, who) => [who.address, requestId]);
const notDocumentOfficer = reverts("DocumentsNotOfficer", (_, who) => [who.address]);
const notIssuingAgency = reverts("DocumentsUnauthorized", (_, who) => [who.address, AGENCY_A]);
const untrustedForAkta = reverts("DocumentsUntrustedIssuer", () => [AKTA_KELAHIRAN, AGENCY_B]);
const notDocumentsGovernor = reverts("DocumentsNotGovernor", (_, who) => [who.address]);
const memberOf = (agencyId: bigint) => reverts("RequestByAgencyMember", (_, who) => [who.address, agencyId]);

interface Row {
  /** The function's name in the ABI. */
  fn: string;
  /** Which situation, when a function has more than one row set. */
  variant?: string;
  contract: ContractKey;
  send: (c: Ctx, who: HardhatEthersSigner) => Promise<ContractTransactionResponse>;
  /** The event a permitted call emits (named in the test title). */
  event?: string;
  /** Checks a permitted call's effect: its event with arguments and the state through a view. */
  effect?: (c: Ctx, who: HardhatEthersSigner, caller: Caller, tx: ContractTransactionResponse) => Promise<void>;
  expected: Record<Caller, Expected>;
}

async function txTime(tx: ContractTransactionResponse): Promise<bigint> {
  return BigInt((await tx.getBlock())!.timestamp);
}

const TABLE: Row[] = [
  // ---------------------------------------------------------------------------------------------
  // AgencyDirectory: governor only (OpenZeppelin's onlyRole(DEFAULT_ADMIN_ROLE))
  // ---------------------------------------------------------------------------------------------
  {
    fn: "registerAgency",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).registerAgency(code("DISHUB"), "Dinas Perhubungan", c.citizen2.address),
    event: "AgencyRegistered",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.directory, "AgencyRegistered")
        .withArgs(3n, code("DISHUB"), c.citizen2.address, "Dinas Perhubungan");
      expect(await c.directory.agencyCount()).to.equal(3n);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  {
    fn: "setAgencyActive",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).setAgencyActive(AGENCY_A, false),
    event: "AgencyActiveChanged",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx).to.emit(c.directory, "AgencyActiveChanged").withArgs(AGENCY_A, false);
      expect(await c.directory.isAgencyActive(AGENCY_A)).to.equal(false);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  {
    fn: "setAgencyAdmin",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).setAgencyAdmin(AGENCY_A, c.citizen2.address),
    event: "AgencyAdminChanged",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.directory, "AgencyAdminChanged")
        .withArgs(AGENCY_A, c.adminA.address, c.citizen2.address);
      expect(await c.directory.agencyAdmin(AGENCY_A)).to.equal(c.citizen2.address);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // AgencyDirectory: the governor or that agency's admin
  // ---------------------------------------------------------------------------------------------
  {
    fn: "addOfficer",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).addOfficer(AGENCY_A, c.citizen2.address),
    event: "OfficerAdded",
    effect: async (c, who, _caller, tx) => {
      await expect(tx).to.emit(c.directory, "OfficerAdded").withArgs(AGENCY_A, c.citizen2.address, who.address);
      expect(await c.directory.isOfficer(AGENCY_A, c.citizen2.address)).to.equal(true);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: notDirectoryManager,
      officerB: notDirectoryManager,
      citizen: notDirectoryManager,
      stranger: notDirectoryManager,
    },
  },
  {
    fn: "removeOfficer",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).removeOfficer(c.officerA.address),
    event: "OfficerRemoved",
    effect: async (c, who, _caller, tx) => {
      await expect(tx).to.emit(c.directory, "OfficerRemoved").withArgs(AGENCY_A, c.officerA.address, who.address);
      expect(await c.directory.agencyIdOf(c.officerA.address)).to.equal(0n);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: notDirectoryManager,
      officerB: notDirectoryManager,
      citizen: notDirectoryManager,
      stranger: notDirectoryManager,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // AgencyDirectory: inherited from AccessControlDefaultAdminRules (the governor hand-over)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "beginDefaultAdminTransfer",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).beginDefaultAdminTransfer(c.citizen2.address),
    event: "DefaultAdminTransferScheduled",
    effect: async (c, _who, _caller, tx) => {
      const schedule = (await txTime(tx)) + BigInt(DAY);
      await expect(tx).to.emit(c.directory, "DefaultAdminTransferScheduled").withArgs(c.citizen2.address, schedule);
      expect(await c.directory.pendingDefaultAdmin()).to.deep.equal([c.citizen2.address, schedule]);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  {
    fn: "cancelDefaultAdminTransfer",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).cancelDefaultAdminTransfer(),
    event: "DefaultAdminTransferCanceled",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx).to.emit(c.directory, "DefaultAdminTransferCanceled");
      expect(await c.directory.pendingDefaultAdmin()).to.deep.equal([ethers.ZeroAddress, 0n]);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  {
    // Only the pending governor (citizen2, none of the six callers) may accept.
    fn: "acceptDefaultAdminTransfer",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).acceptDefaultAdminTransfer(),
    expected: {
      governor: reverts("AccessControlInvalidDefaultAdmin", (_, who) => [who.address]),
      adminA: reverts("AccessControlInvalidDefaultAdmin", (_, who) => [who.address]),
      officerA: reverts("AccessControlInvalidDefaultAdmin", (_, who) => [who.address]),
      officerB: reverts("AccessControlInvalidDefaultAdmin", (_, who) => [who.address]),
      citizen: reverts("AccessControlInvalidDefaultAdmin", (_, who) => [who.address]),
      stranger: reverts("AccessControlInvalidDefaultAdmin", (_, who) => [who.address]),
    },
  },
  {
    fn: "changeDefaultAdminDelay",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).changeDefaultAdminDelay(3 * DAY),
    event: "DefaultAdminDelayChangeScheduled",
    effect: async (c, _who, _caller, tx) => {
      // An increase takes effect after the new delay (under OpenZeppelin's 5-day cap).
      const schedule = (await txTime(tx)) + BigInt(3 * DAY);
      await expect(tx)
        .to.emit(c.directory, "DefaultAdminDelayChangeScheduled")
        .withArgs(3 * DAY, schedule);
      expect(await c.directory.pendingDefaultAdminDelay()).to.deep.equal([BigInt(3 * DAY), schedule]);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  {
    fn: "rollbackDefaultAdminDelay",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).rollbackDefaultAdminDelay(),
    event: "DefaultAdminDelayChangeCanceled",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx).to.emit(c.directory, "DefaultAdminDelayChangeCanceled");
      expect(await c.directory.pendingDefaultAdminDelay()).to.deep.equal([0n, 0n]);
    },
    expected: {
      governor: allowed,
      adminA: notGovernorRole,
      officerA: notGovernorRole,
      officerB: notGovernorRole,
      citizen: notGovernorRole,
      stranger: notGovernorRole,
    },
  },
  {
    // Governor rights move only through the two-step hand-over, never through grantRole.
    fn: "grantRole",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).grantRole(GOVERNOR_ROLE, who.address),
    expected: {
      governor: adminRulesEnforced,
      adminA: adminRulesEnforced,
      officerA: adminRulesEnforced,
      officerB: adminRulesEnforced,
      citizen: adminRulesEnforced,
      stranger: adminRulesEnforced,
    },
  },
  {
    fn: "revokeRole",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).revokeRole(GOVERNOR_ROLE, c.governor.address),
    expected: {
      governor: adminRulesEnforced,
      adminA: adminRulesEnforced,
      officerA: adminRulesEnforced,
      officerB: adminRulesEnforced,
      citizen: adminRulesEnforced,
      stranger: adminRulesEnforced,
    },
  },
  {
    // Renouncing governor rights needs a matured hand-over to the zero address; while one to citizen2 is
    // pending, OpenZeppelin refuses any caller's renounce of the governor's role with the pending schedule.
    fn: "renounceRole",
    contract: "directory",
    send: (c, who) => c.directory.connect(who).renounceRole(GOVERNOR_ROLE, c.governor.address),
    expected: {
      governor: renounceTooEarly,
      adminA: renounceTooEarly,
      officerA: renounceTooEarly,
      officerB: renounceTooEarly,
      citizen: renounceTooEarly,
      stranger: renounceTooEarly,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // CitizenAttestations
  // ---------------------------------------------------------------------------------------------
  {
    fn: "registerClaimType",
    contract: "attestations",
    send: (c, who) => c.attestations.connect(who).registerClaimType(DOMICILE, "Domisili Kota Bandung"),
    event: "ClaimTypeRegistered",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx).to.emit(c.attestations, "ClaimTypeRegistered").withArgs(DOMICILE, "Domisili Kota Bandung");
      expect(await c.attestations.isClaimType(DOMICILE)).to.equal(true);
    },
    expected: {
      governor: allowed,
      adminA: notAttestationsGovernor,
      officerA: notAttestationsGovernor,
      officerB: notAttestationsGovernor,
      citizen: notAttestationsGovernor,
      stranger: notAttestationsGovernor,
    },
  },
  {
    fn: "setTrustedIssuer",
    contract: "attestations",
    send: (c, who) => c.attestations.connect(who).setTrustedIssuer(KTP_VERIFIED, AGENCY_B, true),
    event: "TrustedIssuerSet",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx).to.emit(c.attestations, "TrustedIssuerSet").withArgs(KTP_VERIFIED, AGENCY_B, true);
      expect(await c.attestations.isTrustedIssuer(KTP_VERIFIED, AGENCY_B)).to.equal(true);
    },
    expected: {
      governor: allowed,
      adminA: notAttestationsGovernor,
      officerA: notAttestationsGovernor,
      officerB: notAttestationsGovernor,
      citizen: notAttestationsGovernor,
      stranger: notAttestationsGovernor,
    },
  },
  {
    fn: "attest",
    contract: "attestations",
    send: (c, who) => c.attestations.connect(who).attest(c.citizen2.address, RESIDENT, ATTEST_DATA, 2, 0),
    event: "Attested",
    effect: async (c, who, _caller, tx) => {
      const uid = await c.attestations.currentAttestation(c.citizen2.address, RESIDENT);
      await expect(tx)
        .to.emit(c.attestations, "Attested")
        .withArgs(uid, c.citizen2.address, RESIDENT, AGENCY_A, who.address, ATTEST_DATA, 2, 0, ethers.ZeroHash);
      expect(await c.attestations.hasValidClaim(c.citizen2.address, RESIDENT, 2)).to.equal(true);
    },
    expected: {
      governor: notAttestingOfficer,
      adminA: allowed,
      officerA: allowed,
      // officerB is an officer, but agency B is not trusted for RESIDENT.
      officerB: reverts("AttestationsUntrustedIssuer", () => [RESIDENT, AGENCY_B]),
      citizen: notAttestingOfficer,
      stranger: notAttestingOfficer,
    },
  },
  {
    // Submitted with officerA's valid signature: anyone may submit it.
    fn: "attestBySig",
    contract: "attestations",
    send: (c, who) => {
      const s = c.signed;
      return c.attestations
        .connect(who)
        .attestBySig(s.subject, s.claimType, s.dataHash, s.level, s.expiresAt, s.officer, s.deadline, c.signature);
    },
    event: "Attested",
    effect: async (c, _who, _caller, tx) => {
      const s = c.signed;
      const uid = await c.attestations.currentAttestation(s.subject, s.claimType);
      await expect(tx)
        .to.emit(c.attestations, "Attested")
        .withArgs(uid, s.subject, s.claimType, AGENCY_A, c.officerA.address, s.dataHash, s.level, 0, ethers.ZeroHash);
      expect(await c.attestations.nonces(c.officerA.address)).to.equal(s.nonce + 1n);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      officerB: allowed,
      citizen: allowed,
      stranger: allowed,
    },
  },
  {
    fn: "useNonce",
    contract: "attestations",
    send: (c, who) => c.attestations.connect(who).useNonce(),
    event: "NonceUsed",
    effect: async (c, who, caller, tx) => {
      // officerA has used one nonce already (residentFixture's attestation), everyone else none.
      const nonce = caller === "officerA" ? c.signed.nonce : 0n;
      await expect(tx).to.emit(c.attestations, "NonceUsed").withArgs(who.address, nonce);
      expect(await c.attestations.nonces(who.address)).to.equal(nonce + 1n);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      officerB: allowed,
      citizen: allowed,
      stranger: allowed,
    },
  },
  {
    // The citizen's RESIDENT attestation, issued by agency A.
    fn: "revoke",
    variant: "an attestation",
    contract: "attestations",
    send: (c, who) => c.attestations.connect(who).revoke(c.uid, REASON),
    event: "AttestationRevoked",
    effect: async (c, who, _caller, tx) => {
      await expect(tx).to.emit(c.attestations, "AttestationRevoked").withArgs(c.uid, AGENCY_A, who.address, REASON);
      expect(await c.attestations.isValid(c.uid)).to.equal(false);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      officerB: notRevoker,
      citizen: notRevoker,
      stranger: notRevoker,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // ServiceRequests: catalogue (that agency's admin or the governor)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "addService",
    contract: "requests",
    send: (c, who) =>
      c.requests.connect(who).addService(AGENCY_A, code("AKTA_LAHIR"), "Akta kelahiran", 5 * DAY, ethers.ZeroHash, 0),
    event: "ServiceAdded",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "ServiceAdded")
        .withArgs(3n, AGENCY_A, code("AKTA_LAHIR"), "Akta kelahiran", 5 * DAY, ethers.ZeroHash, 0);
      expect(await c.requests.serviceCount()).to.equal(3n);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: notServiceManager,
      officerB: notServiceManager,
      citizen: notServiceManager,
      stranger: notServiceManager,
    },
  },
  {
    fn: "setServiceActive",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).setServiceActive(SERVICE_GATED, false),
    event: "ServiceActiveChanged",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "ServiceActiveChanged")
        .withArgs(SERVICE_GATED, AGENCY_A, false, who.address);
      expect((await c.requests.getService(SERVICE_GATED)).active).to.equal(false);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: notServiceManager,
      officerB: notServiceManager,
      citizen: notServiceManager,
      stranger: notServiceManager,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // ServiceRequests: submission (anyone holding the service's required claim)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "submit",
    variant: "to the RESIDENT-gated service",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).submit(SERVICE_GATED, NOTE_HASH, ROW_REF, "Penggantian KTP-el"),
    event: "RequestSubmitted",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestSubmitted")
        .withArgs(
          6n,
          who.address,
          AGENCY_A,
          SERVICE_GATED,
          NOTE_HASH,
          ROW_REF,
          (await txTime(tx)) + BigInt(3 * DAY),
          "Penggantian KTP-el",
        );
      expect((await c.requests.getRequest(6n)).citizen).to.equal(who.address);
    },
    expected: {
      governor: lacksResidentClaim,
      // Agencies cannot grade themselves: checked before the claim.
      adminA: memberOf(AGENCY_A),
      officerA: memberOf(AGENCY_A),
      officerB: lacksResidentClaim,
      citizen: allowed,
      stranger: lacksResidentClaim,
    },
  },
  {
    fn: "submit",
    variant: "to the open service",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).submit(SERVICE_OPEN, NOTE_HASH, ROW_REF, "Jalan berlubang"),
    event: "RequestSubmitted",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestSubmitted")
        .withArgs(
          6n,
          who.address,
          AGENCY_B,
          SERVICE_OPEN,
          NOTE_HASH,
          ROW_REF,
          (await txTime(tx)) + BigInt(7 * DAY),
          "Jalan berlubang",
        );
      expect((await c.requests.getRequest(6n)).citizen).to.equal(who.address);
    },
    expected: {
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      // The open service is agency B's own.
      officerB: memberOf(AGENCY_B),
      citizen: allowed,
      stranger: allowed,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // ServiceRequests: officers of the service's agency (its admin counts as an officer)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "updateStatus",
    contract: "requests",
    send: (c, who) =>
      c.requests.connect(who).updateStatus(REQ_SUBMITTED, Status.InProgress, NOTE_HASH, "Sedang diproses"),
    event: "RequestStatusChanged",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestStatusChanged")
        .withArgs(
          REQ_SUBMITTED,
          c.citizen.address,
          AGENCY_A,
          Status.Submitted,
          Status.InProgress,
          who.address,
          NOTE_HASH,
          "Sedang diproses",
        );
      expect((await c.requests.getRequest(REQ_SUBMITTED)).status).to.equal(Status.InProgress);
    },
    expected: {
      governor: notRequestOfficer,
      adminA: allowed,
      officerA: allowed,
      officerB: notRequestOfficer,
      citizen: notRequestOfficer,
      stranger: notRequestOfficer,
    },
  },
  {
    fn: "markDuplicate",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).markDuplicate(REQ_LATER, REQ_SUBMITTED),
    event: "RequestMarkedDuplicate",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestMarkedDuplicate")
        .withArgs(REQ_LATER, c.citizen.address, AGENCY_A, REQ_SUBMITTED, who.address);
      expect(await c.requests.duplicateOf(REQ_LATER)).to.equal(REQ_SUBMITTED);
    },
    expected: {
      governor: notRequestOfficer,
      adminA: allowed,
      officerA: allowed,
      officerB: notRequestOfficer,
      citizen: notRequestOfficer,
      stranger: notRequestOfficer,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // ServiceRequests: the citizen, on their own request
  // ---------------------------------------------------------------------------------------------
  {
    fn: "respond",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).respond(REQ_NEEDS_INFO, NOTE_HASH, "Sudah dilengkapi"),
    event: "RequestStatusChanged",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestStatusChanged")
        .withArgs(
          REQ_NEEDS_INFO,
          c.citizen.address,
          AGENCY_A,
          Status.NeedsInfo,
          Status.InProgress,
          who.address,
          NOTE_HASH,
          "Sudah dilengkapi",
        );
      expect((await c.requests.getRequest(REQ_NEEDS_INFO)).status).to.equal(Status.InProgress);
    },
    expected: {
      governor: notOwnRequest(REQ_NEEDS_INFO),
      adminA: notOwnRequest(REQ_NEEDS_INFO),
      officerA: notOwnRequest(REQ_NEEDS_INFO),
      officerB: notOwnRequest(REQ_NEEDS_INFO),
      citizen: allowed,
      stranger: notOwnRequest(REQ_NEEDS_INFO),
    },
  },
  {
    fn: "cancel",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).cancel(REQ_SUBMITTED),
    event: "RequestStatusChanged",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestStatusChanged")
        .withArgs(
          REQ_SUBMITTED,
          c.citizen.address,
          AGENCY_A,
          Status.Submitted,
          Status.Cancelled,
          who.address,
          ethers.ZeroHash,
          "",
        );
      expect((await c.requests.getRequest(REQ_SUBMITTED)).status).to.equal(Status.Cancelled);
    },
    expected: {
      governor: notOwnRequest(REQ_SUBMITTED),
      adminA: notOwnRequest(REQ_SUBMITTED),
      officerA: notOwnRequest(REQ_SUBMITTED),
      officerB: notOwnRequest(REQ_SUBMITTED),
      citizen: allowed,
      stranger: notOwnRequest(REQ_SUBMITTED),
    },
  },
  {
    fn: "escalate",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).escalate(REQ_OVERDUE),
    event: "RequestEscalated",
    effect: async (c, _who, _caller, tx) => {
      const { dueAt } = await c.requests.getRequest(REQ_OVERDUE);
      await expect(tx)
        .to.emit(c.requests, "RequestEscalated")
        .withArgs(REQ_OVERDUE, c.citizen.address, AGENCY_A, dueAt);
      expect((await c.requests.getRequest(REQ_OVERDUE)).escalated).to.equal(true);
    },
    expected: {
      governor: notOwnRequest(REQ_OVERDUE),
      adminA: notOwnRequest(REQ_OVERDUE),
      officerA: notOwnRequest(REQ_OVERDUE),
      officerB: notOwnRequest(REQ_OVERDUE),
      citizen: allowed,
      stranger: notOwnRequest(REQ_OVERDUE),
    },
  },
  {
    fn: "rate",
    contract: "requests",
    send: (c, who) => c.requests.connect(who).rate(REQ_COMPLETED, 4, NOTE_HASH),
    event: "RequestRated",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.requests, "RequestRated")
        .withArgs(REQ_COMPLETED, c.citizen.address, AGENCY_A, 4, NOTE_HASH);
      expect((await c.requests.getRequest(REQ_COMPLETED)).rating).to.equal(4n);
    },
    expected: {
      governor: notOwnRequest(REQ_COMPLETED),
      adminA: notOwnRequest(REQ_COMPLETED),
      officerA: notOwnRequest(REQ_COMPLETED),
      officerB: notOwnRequest(REQ_COMPLETED),
      citizen: allowed,
      stranger: notOwnRequest(REQ_COMPLETED),
    },
  },
  // ---------------------------------------------------------------------------------------------
  // DocumentRegistry: document types (governor only)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "registerDocumentType",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).registerDocumentType(SURAT_DOMISILI, "Surat keterangan domisili"),
    event: "DocumentTypeRegistered",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.documents, "DocumentTypeRegistered")
        .withArgs(SURAT_DOMISILI, "Surat keterangan domisili");
      expect(await c.documents.isDocumentType(SURAT_DOMISILI)).to.equal(true);
    },
    expected: {
      governor: allowed,
      adminA: notDocumentsGovernor,
      officerA: notDocumentsGovernor,
      officerB: notDocumentsGovernor,
      citizen: notDocumentsGovernor,
      stranger: notDocumentsGovernor,
    },
  },
  {
    fn: "setTrustedDocumentIssuer",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B, true),
    event: "TrustedDocumentIssuerSet",
    effect: async (c, _who, _caller, tx) => {
      await expect(tx).to.emit(c.documents, "TrustedDocumentIssuerSet").withArgs(AKTA_KELAHIRAN, AGENCY_B, true);
      expect(await c.documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B)).to.equal(true);
    },
    expected: {
      governor: allowed,
      adminA: notDocumentsGovernor,
      officerA: notDocumentsGovernor,
      officerB: notDocumentsGovernor,
      citizen: notDocumentsGovernor,
      stranger: notDocumentsGovernor,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // DocumentRegistry: issuing (an officer of an active agency trusted for the type: agency A for
  // AKTA_KELAHIRAN)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "issue",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).issue(NEW_DOCUMENT, AKTA_KELAHIRAN, 0),
    event: "DocumentIssued",
    effect: async (c, who, caller, tx) => {
      await expect(tx)
        .to.emit(c.documents, "DocumentIssued")
        .withArgs(NEW_DOCUMENT, HOME_AGENCY[caller], AKTA_KELAHIRAN, who.address, 0);
      const [status, agencyId, , , docType] = await c.documents.verify(NEW_DOCUMENT, ethers.ZeroHash, []);
      expect([Number(status), agencyId, docType]).to.deep.equal([
        DocumentStatus.Valid,
        HOME_AGENCY[caller],
        AKTA_KELAHIRAN,
      ]);
    },
    expected: {
      governor: notDocumentOfficer,
      adminA: allowed,
      officerA: allowed,
      officerB: untrustedForAkta,
      citizen: notDocumentOfficer,
      stranger: notDocumentOfficer,
    },
  },
  {
    fn: "issueBatch",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).issueBatch(NEW_ROOT, 2, AKTA_KELAHIRAN, 0),
    event: "BatchIssued",
    effect: async (c, who, caller, tx) => {
      await expect(tx)
        .to.emit(c.documents, "BatchIssued")
        .withArgs(NEW_ROOT, HOME_AGENCY[caller], AKTA_KELAHIRAN, who.address, 2, 0);
      const batch = await c.documents.getBatch(NEW_ROOT);
      expect([batch.agencyId, batch.count, batch.docType]).to.deep.equal([HOME_AGENCY[caller], 2n, AKTA_KELAHIRAN]);
    },
    expected: {
      governor: notDocumentOfficer,
      adminA: allowed,
      officerA: allowed,
      officerB: untrustedForAkta,
      citizen: notDocumentOfficer,
      stranger: notDocumentOfficer,
    },
  },
  // ---------------------------------------------------------------------------------------------
  // DocumentRegistry: revoking (an officer of the issuing agency, agency A here, or the governor)
  // ---------------------------------------------------------------------------------------------
  {
    fn: "revoke",
    variant: "a singly issued document",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).revoke(c.documentHash, ethers.ZeroHash, [], REASON),
    event: "DocumentRevoked",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.documents, "DocumentRevoked")
        .withArgs(c.documentHash, ethers.ZeroHash, AGENCY_A, who.address, REASON);
      const [status] = await c.documents.verify(c.documentHash, ethers.ZeroHash, []);
      expect(Number(status)).to.equal(DocumentStatus.Revoked);
    },
    expected: {
      // The governor may revoke any document or batch (recovery from a leaked key).
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      officerB: notIssuingAgency,
      citizen: notIssuingAgency,
      stranger: notIssuingAgency,
    },
  },
  {
    fn: "revoke",
    variant: "a member of a batch",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).revoke(c.member, c.tree.root, c.memberProof, REASON),
    event: "DocumentRevoked",
    effect: async (c, who, _caller, tx) => {
      await expect(tx)
        .to.emit(c.documents, "DocumentRevoked")
        .withArgs(c.member, c.tree.root, AGENCY_A, who.address, REASON);
      const [status] = await c.documents.verify(c.member, c.tree.root, c.memberProof);
      expect(Number(status)).to.equal(DocumentStatus.Revoked);
    },
    expected: {
      // The governor may revoke any document or batch (recovery from a leaked key).
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      officerB: notIssuingAgency,
      citizen: notIssuingAgency,
      stranger: notIssuingAgency,
    },
  },
  {
    fn: "revokeBatch",
    contract: "documents",
    send: (c, who) => c.documents.connect(who).revokeBatch(c.tree.root, REASON),
    event: "BatchRevoked",
    effect: async (c, who, _caller, tx) => {
      await expect(tx).to.emit(c.documents, "BatchRevoked").withArgs(c.tree.root, AGENCY_A, who.address, REASON);
      expect((await c.documents.getBatch(c.tree.root)).revokedAt).to.equal(await txTime(tx));
    },
    expected: {
      // The governor may revoke any document or batch (recovery from a leaked key).
      governor: allowed,
      adminA: allowed,
      officerA: allowed,
      officerB: notIssuingAgency,
      citizen: notIssuingAgency,
      stranger: notIssuingAgency,
    },
  },
];

const CONTRACT_NAMES: Record<ContractKey, string> = {
  directory: "AgencyDirectory",
  attestations: "CitizenAttestations",
  requests: "ServiceRequests",
  documents: "DocumentRegistry",
};

describe("access control", function () {
  describe("the matrix", function () {
    for (const [key, name] of Object.entries(CONTRACT_NAMES) as [ContractKey, string][]) {
      it(`has rows for every state-changing function of ${name}, each for all six callers`, async function () {
        const factory = await ethers.getContractFactory(name);
        const stateChanging: string[] = [];
        factory.interface.forEachFunction((fragment) => {
          if (fragment.stateMutability !== "view" && fragment.stateMutability !== "pure") {
            stateChanging.push(fragment.name);
          }
        });
        const rows = TABLE.filter((row) => row.contract === key);
        expect([...new Set(rows.map((row) => row.fn))].sort()).to.deep.equal(stateChanging.sort());
        for (const row of rows) {
          expect(Object.keys(row.expected).sort()).to.deep.equal(CALLERS.map((c) => c.key).sort());
        }
      });
    }
  });

  for (const [key, name] of Object.entries(CONTRACT_NAMES) as [ContractKey, string][]) {
    describe(name, function () {
      for (const row of TABLE.filter((r) => r.contract === key)) {
        const subject = row.variant ? `${row.fn} of ${row.variant}` : row.fn;
        const label = row.fn === "submit" && row.variant ? `submit ${row.variant}` : subject;
        for (const { key: caller, label: who } of CALLERS) {
          const expected = row.expected[caller];
          const title =
            expected === allowed
              ? `${label} by ${who} succeeds and emits ${row.event}`
              : `${label} by ${who} reverts ${expected.error}`;
          it(title, async function () {
            const c = await loadFixture(matrixFixture);
            const signer = c[caller];
            if (expected === allowed) {
              if (!row.effect) throw new Error(`row ${subject} allows ${caller} but checks no effect`);
              const tx = await row.send(c, signer);
              await row.effect(c, signer, caller, tx);
            } else {
              const contract: BaseContract = c[row.contract];
              await expect(row.send(c, signer))
                .to.be.revertedWithCustomError(contract, expected.error)
                .withArgs(...(await expected.args(c, signer)));
            }
          });
        }
      }
    });
  }
});
