/**
 * Every event of the four contracts lands in the right rows: the seeded city as the chain has it,
 * then each kind of event sent here (agencies, officers, governance, claim types, attestations,
 * nonces, services, requests in every status, documents and batches), read back through /api and
 * through GraphQL. Spare development accounts 15 and 17 act here; the rest are fresh addresses.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak256, stringToHex, zeroHash, type Hex } from "viem";
import { loadOfficers, planIssue, withSalts } from "@layanan/core";
import {
  api,
  bytes32,
  client,
  contracts as c,
  graphql,
  indexed,
  layanan,
  lower,
  ok,
  randomAddress,
  role,
  send,
  spare,
  travel,
  unique,
} from "./helpers.ts";

const DAY = 86_400;
const governor = role("governor");
const sumDays = (items: Record<string, number | string>[], key: string) =>
  items.reduce((sum, day) => sum + BigInt(day[key]), 0n);

describe("the seeded city", () => {
  it("has every agency, service, claim and document type, trusted issuer and the constructor's role grant", async () => {
    await indexed();
    const { agencys, services, typeInfos, trustedIssuers, governanceEvents } = await graphql(`
      {
        agencys(orderBy: "id", orderDirection: "asc", limit: 3) {
          items {
            id
            code
            name
            admin
            active
          }
        }
        services(orderBy: "id", orderDirection: "asc", limit: 5) {
          items {
            id
            agencyId
            code
            name
            slaSeconds
            requiredClaim
            minLevel
            active
          }
        }
        typeInfos(limit: 100) {
          items {
            registry
            id
            description
          }
        }
        trustedIssuers(limit: 100) {
          items {
            registry
            typeId
            agencyId
            trusted
          }
        }
        governanceEvents(orderBy: "blockNumber", orderDirection: "asc", limit: 1) {
          items {
            contract
            name
            args
          }
        }
      }
    `);
    for (const row of agencys.items) {
      const a = await client.readContract({ ...c.directory, functionName: "getAgency", args: [row.id] });
      assert.deepEqual(row, { id: row.id, code: a.code, name: a.name, admin: lower(a.admin), active: a.active });
    }
    assert.deepEqual(
      agencys.items.map((a: { id: number }) => a.id),
      [1, 2, 3],
    );
    for (const row of services.items) {
      const s = await client.readContract({ ...c.requests, functionName: "getService", args: [row.id] });
      assert.deepEqual(row, {
        id: row.id,
        agencyId: s.agencyId,
        code: s.code,
        name: s.name,
        slaSeconds: s.slaSeconds,
        requiredClaim: s.requiredClaim,
        minLevel: s.minLevel,
        active: s.active,
      });
    }
    const claimTypes = await client.readContract({ ...c.attestations, functionName: "claimTypes" });
    const documentTypes = await client.readContract({ ...c.documents, functionName: "documentTypes" });
    const ids = (registry: string) =>
      typeInfos.items
        .filter((t: { registry: string }) => t.registry === registry)
        .map((t: { id: Hex }) => t.id)
        .sort();
    assert.deepEqual(ids("CitizenAttestations"), [...claimTypes].sort());
    assert.deepEqual(ids("DocumentRegistry"), [...documentTypes].sort());
    const ktp = keccak256(stringToHex("KTP_VERIFIED"));
    assert.ok(
      trustedIssuers.items.some(
        (t: { registry: string; typeId: Hex; agencyId: number; trusted: boolean }) =>
          t.registry === "CitizenAttestations" && t.typeId === ktp && t.agencyId === 1 && t.trusted,
      ),
    );
    assert.deepEqual(governanceEvents.items[0], {
      contract: "AgencyDirectory",
      name: "RoleGranted",
      args: { role: zeroHash, account: lower(governor.address), sender: lower(governor.address) },
    });
  });

  it("has every request in its current state, as getRequest gives it", async () => {
    const count = await client.readContract({ ...c.requests, functionName: "requestCount" });
    const { items, total } = await ok(`/api/requests?sort=age&pageSize=200`);
    assert.ok(total >= 9 && BigInt(total) === count, `total ${total}, requestCount ${count}`);
    for (const item of items) {
      const r = await client.readContract({ ...c.requests, functionName: "getRequest", args: [BigInt(item.id)] });
      assert.deepEqual(
        [item.citizen, item.serviceId, item.status, item.escalated, item.rating, item.submittedAt, item.dueAt],
        [lower(r.citizen), r.serviceId, r.status, r.escalated, r.rating, Number(r.submittedAt), Number(r.dueAt)],
      );
    }
  });
});

describe("AgencyDirectory", () => {
  it("follows an agency's suspension and reactivation (AgencyActiveChanged)", async () => {
    const query = `{ agency(id: 3) { active } }`;
    const suspended = await send(governor, c.directory, "setAgencyActive", [3, false]);
    await indexed(suspended.blockNumber);
    assert.deepEqual(await graphql(query), { agency: { active: false } });
    const reactivated = await send(governor, c.directory, "setAgencyActive", [3, true]);
    await indexed(reactivated.blockNumber);
    assert.deepEqual(await graphql(query), { agency: { active: true } });
  });

  it("keeps an agency's officers as foldOfficers does: added, promoted to admin, removed, added again", async () => {
    // The governor manages the agency: its admin and officers need not sign.
    const [admin, first, second] = [randomAddress(), randomAddress(), randomAddress()];
    const code = bytes32(unique("T").slice(0, 31));
    await send(governor, c.directory, "registerAgency", [code, "Agency of the officer test", admin]);
    const agencyId = await client.readContract({ ...c.directory, functionName: "agencyIdByCode", args: [code] });
    const officers = async () =>
      (await ok(`/api/agencies/${agencyId}/officers`)).items.map((o: { address: string }) => o.address);
    const row = async (address: string) =>
      (
        await graphql(
          `
            query ($a: Float!, $o: String!) {
              officer(agencyId: $a, address: $o) {
                active
                addedAtBlock
                removedAt
              }
            }
          `,
          { a: agencyId, o: lower(address) },
        )
      ).officer;

    await send(governor, c.directory, "addOfficer", [agencyId, first]);
    const added = await send(governor, c.directory, "addOfficer", [agencyId, second]);
    await indexed(added.blockNumber);
    assert.deepEqual(await officers(), [lower(first), lower(second)]);

    // The governor promotes the first officer: it leaves the officers without an OfficerRemoved.
    const promoted = await send(governor, c.directory, "setAgencyAdmin", [agencyId, first]);
    await indexed(promoted.blockNumber);
    assert.deepEqual(await officers(), [lower(second)]);
    assert.equal((await graphql(`{ agency(id: ${agencyId}) { admin } }`)).agency.admin, lower(first));
    assert.equal((await row(first)).active, false);

    const removed = await send(governor, c.directory, "removeOfficer", [second]);
    await indexed(removed.blockNumber);
    assert.deepEqual(await officers(), []);
    const gone = await row(second);
    assert.equal(gone.active, false);
    const removedAt = (await client.getBlock({ blockNumber: removed.blockNumber })).timestamp;
    assert.equal(gone.removedAt, removedAt.toString());

    // Back again: the same row, current, at its new place (after the former admin, who joined meanwhile).
    await send(governor, c.directory, "addOfficer", [agencyId, admin]);
    const again = await send(governor, c.directory, "addOfficer", [agencyId, second]);
    await indexed(again.blockNumber);
    assert.deepEqual(await officers(), [lower(admin), lower(second)]);
    assert.deepEqual(await row(second), { active: true, addedAtBlock: again.blockNumber.toString(), removedAt: null });
    const fromChain = await loadOfficers(client, layanan, agencyId);
    const fromIndexer = (await ok(`/api/agencies/${agencyId}/officers`)).items;
    assert.deepEqual(
      fromIndexer,
      fromChain.map((o) => ({ address: lower(o.address), addedAtBlock: String(o.addedAtBlock) })),
    );
  });

  it("records the AccessControl events in order, their arguments as JSON", async () => {
    const auditor = keccak256(stringToHex("AUDITOR_ROLE"));
    const other = spare(15);
    const receipts = [
      await send(governor, c.directory, "grantRole", [auditor, other.address]),
      await send(governor, c.directory, "revokeRole", [auditor, other.address]),
      await send(governor, c.directory, "beginDefaultAdminTransfer", [other.address]),
      await send(governor, c.directory, "cancelDefaultAdminTransfer", []),
      await send(governor, c.directory, "changeDefaultAdminDelay", [2 * DAY]),
      await send(governor, c.directory, "rollbackDefaultAdminDelay", []),
    ];
    await indexed(receipts.at(-1)!.blockNumber);
    const { governanceEvents } = await graphql(
      `
        query ($from: BigInt!) {
          governanceEvents(
            where: { blockNumber_gte: $from }
            orderBy: "blockNumber"
            orderDirection: "asc"
            limit: 20
          ) {
            items {
              contract
              name
              args
              blockNumber
              txHash
            }
          }
        }
      `,
      { from: receipts[0].blockNumber.toString() },
    );
    const names = governanceEvents.items.map((e: { name: string }) => e.name);
    assert.deepEqual(names, [
      "RoleGranted",
      "RoleRevoked",
      "DefaultAdminTransferScheduled",
      "DefaultAdminTransferCanceled",
      "DefaultAdminDelayChangeScheduled",
      "DefaultAdminDelayChangeCanceled",
    ]);
    const [granted, revoked, scheduled, , delay] = governanceEvents.items;
    assert.deepEqual(granted.args, { role: auditor, account: lower(other.address), sender: lower(governor.address) });
    assert.deepEqual(revoked.args, { role: auditor, account: lower(other.address), sender: lower(governor.address) });
    assert.equal(scheduled.args.newAdmin, lower(other.address));
    assert.equal(typeof scheduled.args.acceptSchedule, "number");
    assert.equal(delay.args.newDelay, 2 * DAY);
    assert.deepEqual(
      governanceEvents.items.map((e: { txHash: string }) => e.txHash),
      receipts.map((r) => r.transactionHash),
    );
  });
});

describe("CitizenAttestations", () => {
  const claimName = unique("CLAIM")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "_");
  const claimType = keccak256(stringToHex(claimName));
  const officer = role("officer-disdukcapil");
  const subject = { address: randomAddress() };

  it("registers a claim type and trusts, then distrusts, an issuer", async () => {
    await send(governor, c.attestations, "registerClaimType", [claimType, "A claim type of the indexer tests"]);
    const trusted = await send(governor, c.attestations, "setTrustedIssuer", [claimType, 2, true]);
    await indexed(trusted.blockNumber);
    const query = `query ($t: String!, $r: String!) {
      typeInfo(registry: $r, id: $t) { description }
      trustedIssuer(registry: $r, typeId: $t, agencyId: 2) { trusted changedAt }
    }`;
    const vars = { t: claimType, r: "CitizenAttestations" };
    const before = await graphql(query, vars);
    assert.equal(before.typeInfo.description, "A claim type of the indexer tests");
    assert.equal(before.trustedIssuer.trusted, true);
    const distrusted = await send(governor, c.attestations, "setTrustedIssuer", [claimType, 2, false]);
    await indexed(distrusted.blockNumber);
    const after = await graphql(query, vars);
    const time = (await client.getBlock({ blockNumber: distrusted.blockNumber })).timestamp;
    assert.deepEqual(after.trustedIssuer, { trusted: false, changedAt: time.toString() });
  });

  it("links a superseded attestation to the one that replaced it, and records a revocation", async () => {
    await send(governor, c.attestations, "setTrustedIssuer", [claimType, 1, true]);
    const first = await send(officer, c.attestations, "attest", [subject.address, claimType, bytes32("one"), 1, 0n]);
    const firstUid = await client.readContract({
      ...c.attestations,
      functionName: "currentAttestationOf",
      args: [subject.address, claimType, 1],
    });
    const second = await send(officer, c.attestations, "attest", [subject.address, claimType, bytes32("two"), 2, 0n]);
    const secondUid = await client.readContract({
      ...c.attestations,
      functionName: "currentAttestationOf",
      args: [subject.address, claimType, 1],
    });
    assert.notEqual(firstUid, secondUid);
    await indexed(second.blockNumber);
    const rows = await graphql(
      `
        query ($s: String!) {
          attestations(where: { subject: $s }, orderBy: "issuedAt", orderDirection: "asc") {
            items {
              uid
              claimType
              agencyId
              officer
              level
              issuedAt
              expiresAt
              supersededUid
              supersededBy
              revokedAt
            }
          }
        }
      `,
      { s: lower(subject.address) },
    );
    const time = async (block: bigint) => (await client.getBlock({ blockNumber: block })).timestamp.toString();
    assert.deepEqual(rows.attestations.items, [
      {
        uid: firstUid,
        claimType,
        agencyId: 1,
        officer: lower(officer.address),
        level: 1,
        issuedAt: await time(first.blockNumber),
        expiresAt: "0",
        supersededUid: null,
        supersededBy: secondUid,
        revokedAt: null,
      },
      {
        uid: secondUid,
        claimType,
        agencyId: 1,
        officer: lower(officer.address),
        level: 2,
        issuedAt: await time(second.blockNumber),
        expiresAt: "0",
        supersededUid: firstUid,
        supersededBy: null,
        revokedAt: null,
      },
    ]);
    const claims = await ok(`/api/citizens/${subject.address}/claims`);
    assert.deepEqual(
      claims.items.map((a: { uid: Hex; current: boolean; level: number }) => [a.uid, a.current, a.level]),
      [
        [secondUid, true, 2],
        [firstUid, false, 1],
      ],
    );

    const revoked = await send(officer, c.attestations, "revoke", [secondUid, bytes32("DATA_CHANGED")]);
    await indexed(revoked.blockNumber);
    const { attestation } = await graphql(`{ attestation(uid: "${secondUid}") { revokedAt revokedBy revokeReason } }`);
    assert.deepEqual(attestation, {
      revokedAt: await time(revoked.blockNumber),
      revokedBy: lower(officer.address),
      revokeReason: bytes32("DATA_CHANGED"),
    });
    const after = await ok(`/api/citizens/${subject.address}/claims`);
    assert.equal(after.items[0].revokedAt, Number(await time(revoked.blockNumber)));
    assert.equal(after.items[1].revokedAt, 0);
  });

  it("keeps each officer's last used nonce (NonceUsed), by attest and by useNonce", async () => {
    const nonceRow = async () =>
      (await graphql(`{ officerNonce(officer: "${lower(officer.address)}") { lastNonce used } }`)).officerNonce;
    const before = await nonceRow();
    const used = await client.getContractEvents({
      ...c.attestations,
      eventName: "NonceUsed",
      args: { officer: officer.address },
      fromBlock: layanan.fromBlock,
    });
    const next = await client.readContract({ ...c.attestations, functionName: "nonces", args: [officer.address] });
    assert.deepEqual(before, { lastNonce: String(next - 1n), used: used.length });
    const receipt = await send(officer, c.attestations, "useNonce", []);
    await indexed(receipt.blockNumber);
    assert.deepEqual(await nonceRow(), { lastNonce: String(next), used: used.length + 1 });
  });
});

describe("ServiceRequests", () => {
  const admin = role("admin-pupr");
  const officer = role("officer-pupr");
  const citizen = spare(17);
  const SLA = 2 * DAY;
  let serviceId = 0;

  it("adds a service and closes it to new requests (ServiceAdded, ServiceActiveChanged)", async () => {
    const code = bytes32(unique("SVC").slice(0, 31));
    await send(admin, c.requests, "addService", [3, code, "Service of the indexer tests", SLA, zeroHash, 0]);
    serviceId = await client.readContract({ ...c.requests, functionName: "serviceIdByCode", args: [3, code] });
    const closedService = await send(admin, c.requests, "addService", [
      3,
      bytes32(unique("SVC2").slice(0, 31)),
      "A service closed at once",
      SLA,
      zeroHash,
      0,
    ]);
    await indexed(closedService.blockNumber);
    const closedId = serviceId + 1;
    const query = `{ service(id: ${closedId}) { agencyId name slaSeconds active } }`;
    assert.deepEqual((await graphql(query)).service, {
      agencyId: 3,
      name: "A service closed at once",
      slaSeconds: SLA,
      active: true,
    });
    const closed = await send(admin, c.requests, "setServiceActive", [closedId, false]);
    await indexed(closed.blockNumber);
    assert.equal((await graphql(query)).service.active, false);
  });

  it("follows requests through every status, with their timelines and the agency's daily figures", async () => {
    let ref = 0;
    const submit = async (summary: string) => {
      const receipt = await send(citizen, c.requests, "submit", [
        serviceId,
        zeroHash,
        bytes32(unique(`r${++ref}`)),
        summary,
      ]);
      return { receipt, id: await client.readContract({ ...c.requests, functionName: "requestCount" }) };
    };
    const update = (id: bigint, status: number, note: string) =>
      send(officer, c.requests, "updateStatus", [id, status, zeroHash, note]);

    const completed = await submit("Completed on time, then rated");
    await update(completed.id, 2, "Started");
    await update(completed.id, 3, "Which street?");
    await send(citizen, c.requests, "respond", [completed.id, zeroHash, "Jl. Merdeka"]);
    const done = await update(completed.id, 4, "Fixed");
    await send(citizen, c.requests, "rate", [completed.id, 4, zeroHash]);
    const rejected = await submit("Rejected with a reason");
    await update(rejected.id, 5, "Not ours");
    await send(citizen, c.requests, "rate", [rejected.id, 1, zeroHash]);
    const cancelled = await submit("Cancelled by its citizen");
    await send(citizen, c.requests, "cancel", [cancelled.id]);
    const duplicate = await submit("The same as the first");
    await send(officer, c.requests, "markDuplicate", [duplicate.id, completed.id]);
    const late = await submit("Completed late");
    await update(late.id, 2, "Started");
    const escalated = await submit("Escalated when overdue");
    await travel(SLA + 60);
    const escalation = await send(citizen, c.requests, "escalate", [escalated.id]);
    const lateDone = await update(late.id, 4, "Fixed, late");
    await indexed(lateDone.blockNumber);

    const detail = async (id: bigint) => ok(`/api/requests/${id}`);
    const timeOf = async (block: bigint) => Number((await client.getBlock({ blockNumber: block })).timestamp);

    const first = await detail(completed.id);
    assert.equal(first.statusName, "Completed");
    assert.equal(first.rating, 4);
    assert.deepEqual(
      first.timeline.map((e: { kind: string; from?: number; to?: number; score?: number }) => [
        e.kind,
        e.from,
        e.to,
        e.score,
      ]),
      [
        ["submitted", undefined, undefined, undefined],
        ["status", 1, 2, undefined],
        ["status", 2, 3, undefined],
        ["status", 3, 2, undefined],
        ["status", 2, 4, undefined],
        ["rated", undefined, undefined, 4],
      ],
    );
    assert.equal(first.timeline[3].by, lower(citizen.address));
    assert.equal(first.timeline[3].note, "Jl. Merdeka");
    assert.equal(first.timeline[0].summary, "Completed on time, then rated");
    const row = async (id: bigint) =>
      (await graphql(`{ request(id: "${id}") { status open escalated rating closedAt duplicateOf updatedAt } }`))
        .request;
    assert.deepEqual(await row(completed.id), {
      status: 4,
      open: false,
      escalated: false,
      rating: 4,
      closedAt: String(await timeOf(done.blockNumber)),
      duplicateOf: null,
      updatedAt: String(await timeOf(done.blockNumber + 1n)),
    });
    assert.equal((await row(rejected.id)).status, 5);
    assert.equal((await row(rejected.id)).rating, 1);
    assert.equal((await row(cancelled.id)).status, 6);
    assert.deepEqual(
      (await detail(cancelled.id)).timeline.map((e: { kind: string; by?: string }) => [e.kind, e.by]),
      [
        ["submitted", undefined],
        ["status", lower(citizen.address)],
      ],
    );
    const dup = await row(duplicate.id);
    assert.deepEqual([dup.status, dup.open, dup.duplicateOf], [7, false, String(completed.id)]);
    const dupDetail = await detail(duplicate.id);
    assert.equal(dupDetail.duplicateOf, String(completed.id));
    assert.deepEqual(dupDetail.timeline.at(-1), {
      blockNumber: dupDetail.timeline.at(-1).blockNumber,
      logIndex: 0,
      time: dupDetail.timeline.at(-1).time,
      txHash: dupDetail.timeline.at(-1).txHash,
      kind: "duplicate",
      originalId: String(completed.id),
      by: lower(officer.address),
    });
    const esc = await detail(escalated.id);
    assert.equal(esc.escalated, true);
    assert.equal(esc.status, 1);
    assert.deepEqual(esc.timeline.at(-1).kind, "escalated");
    assert.equal(esc.timeline.at(-1).dueAt, esc.dueAt);
    assert.equal(esc.timeline.at(-1).txHash, escalation.transactionHash);
    assert.equal((await row(escalated.id)).closedAt, null);

    // The daily figures add up to agencyStats, and each lands on the day of its event.
    const stats = await client.readContract({ ...c.requests, functionName: "agencyStats", args: [3] });
    const { items } = await ok(`/api/agencies/3/days`);
    for (const key of [
      "submitted",
      "completed",
      "completedOnTime",
      "rejected",
      "cancelled",
      "duplicates",
      "escalated",
      "totalResolutionSeconds",
      "ratingSum",
      "ratingCount",
    ] as const) {
      assert.equal(sumDays(items, key), BigInt(stats[key]), key);
    }
    const lateDay = Math.floor((await timeOf(lateDone.blockNumber)) / DAY);
    const onLateDay = items.find((d: { day: number }) => d.day === lateDay);
    assert.ok(onLateDay.completed >= 1 && onLateDay.escalated >= 1);
    // The late completion is not on time: on its day, completed outnumbers completedOnTime.
    assert.ok(onLateDay.completed > onLateDay.completedOnTime, JSON.stringify(onLateDay));
  });
});

describe("DocumentRegistry", () => {
  const officer = role("officer-disdukcapil");
  const docName = unique("DOC")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "_");
  const docType = keccak256(stringToHex(docName));

  it("registers a document type and its issuer", async () => {
    await send(governor, c.documents, "registerDocumentType", [docType, "A document type of the indexer tests"]);
    const trusted = await send(governor, c.documents, "setTrustedDocumentIssuer", [docType, 1, true]);
    await indexed(trusted.blockNumber);
    const { typeInfo, trustedIssuer } = await graphql(`{
      typeInfo(registry: "DocumentRegistry", id: "${docType}") { description }
      trustedIssuer(registry: "DocumentRegistry", typeId: "${docType}", agencyId: 1) { trusted }
    }`);
    assert.deepEqual([typeInfo.description, trustedIssuer.trusted], ["A document type of the indexer tests", true]);
  });

  it("records single documents, batches and their revocations with reasons", async () => {
    const anchor = keccak256(stringToHex(unique("single document")));
    const issued = await send(officer, c.documents, "issue", [anchor, docType, 0n]);
    const files = withSalts(
      ["a", "b", "c"].map((name) => ({ name, fingerprint: keccak256(stringToHex(unique(name))) })),
      false,
    );
    const plan = planIssue(files, { batch: true });
    assert.equal(plan.kind, "batch");
    if (plan.kind !== "batch") return;
    const batchIssued = await send(officer, c.documents, "issueBatch", [plan.root, plan.count, docType, 0n]);
    await indexed(batchIssued.blockNumber);
    const { document, batch } = await graphql(`{
      document(anchor: "${anchor}") { agencyId docType officer expiresAt blockNumber txHash }
      batch(root: "${plan.root}") { agencyId docType count revokedAt txHash }
    }`);
    assert.deepEqual(document, {
      agencyId: 1,
      docType,
      officer: lower(officer.address),
      expiresAt: "0",
      blockNumber: issued.blockNumber.toString(),
      txHash: issued.transactionHash,
    });
    assert.deepEqual(batch, { agencyId: 1, docType, count: 3, revokedAt: null, txHash: batchIssued.transactionHash });

    // Not revoked yet.
    assert.deepEqual(await ok(`/api/documents/${anchor}/revocation`), { revocation: null });
    const member = [...plan.proofs.keys()][0];
    assert.deepEqual(await ok(`/api/documents/${member}/revocation?root=${plan.root}`), { revocation: null });

    const single = await send(officer, c.documents, "revoke", [anchor, zeroHash, [], bytes32("ISSUED_IN_ERROR")]);
    const whole = await send(officer, c.documents, "revokeBatch", [plan.root, bytes32("WRONG_BATCH")]);
    await indexed(whole.blockNumber);
    const timeOf = async (block: bigint) => Number((await client.getBlock({ blockNumber: block })).timestamp);
    assert.deepEqual(await ok(`/api/documents/${anchor}/revocation`), {
      revocation: { reason: bytes32("ISSUED_IN_ERROR"), at: await timeOf(single.blockNumber), wholeBatch: false },
    });
    assert.deepEqual(await ok(`/api/documents/${member}/revocation?root=${plan.root}`), {
      revocation: { reason: bytes32("WRONG_BATCH"), at: await timeOf(whole.blockNumber), wholeBatch: true },
    });
    // Without its root, a member of a revoked batch has no revocation of its own.
    assert.deepEqual(await ok(`/api/documents/${member}/revocation`), { revocation: null });
    assert.equal(
      (await graphql(`{ batch(root: "${plan.root}") { revokedAt } }`)).batch.revokedAt,
      String(await timeOf(whole.blockNumber)),
    );
  });

  it("has the seeded batch member's revocation (DocumentRevoked under a root)", async () => {
    const [log] = await client.getContractEvents({
      ...c.documents,
      eventName: "DocumentRevoked",
      fromBlock: layanan.fromBlock,
      strict: true,
    });
    assert.notEqual(log.args.root, zeroHash);
    const answer = await api(`/api/documents/${log.args.documentHash}/revocation?root=${log.args.root}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.revocation.reason, bytes32("SALAH_CETAK"));
    assert.equal(answer.body.revocation.wholeBatch, false);
  });
});
