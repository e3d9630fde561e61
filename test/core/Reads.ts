import { expect } from "chai";
import {
  checkDocument,
  decodeError,
  findAgency,
  layanan,
  loadAgencyRequests,
  loadCatalogue,
  loadCitizenClaim,
  loadCitizenRequests,
  loadClaims,
  loadEligibility,
  loadOfficers,
  loadRequest,
  loadRequests,
  loadRole,
  loadTransparency,
  documentReceipts,
  planIssue,
  verifyQueryOf,
  withSalts,
  ZERO_HASH,
  type Layanan,
} from "@layanan/core";
import { createPublicClient, custom, type EIP1193Provider, type PublicClient } from "viem";
import {
  AGENCY_A,
  AKTA_KELAHIRAN,
  AGENCY_B,
  DAY,
  RESIDENT,
  SERVICE_GATED,
  SERVICE_OPEN,
  Status,
  clientRef,
  code,
  commitment,
  connection,
  ethers,
  networkHelpers,
  residentFixture,
} from "../helpers/fixture.js";

/**
 * @layanan/core's read functions (core/src/reads/*.ts) over a viem client on the in-process chain,
 * checked against what the contracts say through ethers.
 */

const client = createPublicClient({
  transport: custom(connection.provider as unknown as EIP1193Provider, { retryCount: 0 }),
}) as PublicClient;

type Fixture = Awaited<ReturnType<typeof residentFixture>>;

async function deploymentOf(d: Fixture): Promise<Layanan> {
  const deployBlock = Number(
    (await ethers.provider.getTransactionReceipt(d.directory.deploymentTransaction()!.hash))!.blockNumber,
  );
  return layanan({
    chainId: 31337,
    deployBlock,
    addresses: {
      agencyDirectory: (await d.directory.getAddress()) as `0x${string}`,
      citizenAttestations: (await d.attestations.getAddress()) as `0x${string}`,
      serviceRequests: (await d.requests.getAddress()) as `0x${string}`,
      documentRegistry: (await d.documents.getAddress()) as `0x${string}`,
    },
  });
}

/**
 * The resident city with three requests: #1 gated (citizen) taken InProgress → Completed and rated,
 * #2 open (citizen) left Submitted and escalated after its due date, #3 open (citizen2) closed as a
 * duplicate of #2.
 */
async function requestsFixture() {
  const d = await residentFixture();
  const { requests, citizen, citizen2, officerA, officerB } = d;
  await requests.connect(citizen).submit(SERVICE_GATED, ethers.ZeroHash, clientRef(), "KTP-el rusak");
  await requests.connect(citizen).submit(SERVICE_OPEN, ethers.ZeroHash, clientRef(), "Jalan berlubang di Dago");
  await requests.connect(citizen2).submit(SERVICE_OPEN, ethers.ZeroHash, clientRef(), "Lubang di Jl. Dago");
  await requests.connect(officerA).updateStatus(1, Status.InProgress, ethers.ZeroHash, "Diproses");
  await requests.connect(officerA).updateStatus(1, Status.Completed, ethers.ZeroHash, "Selesai");
  await requests.connect(citizen).rate(1, 4, ethers.ZeroHash);
  await requests.connect(officerB).markDuplicate(3, 2);
  await networkHelpers.time.increase(8 * DAY);
  await requests.connect(citizen).escalate(2);
  return { ...d, deployment: await deploymentOf(d) };
}

describe("@layanan/core reads", function () {
  describe("catalogue and eligibility", function () {
    it("reads every service, agency and claim type with its trusted issuers", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const catalogue = await loadCatalogue(client, d.deployment);
      expect(catalogue.agencies.map((a) => [a.id, a.name, a.admin, a.active])).to.deep.equal([
        [1, "Disdukcapil Kota Bandung", d.adminA.address, true],
        [2, "DPMPTSP Kota Bandung", d.adminB.address, true],
      ]);
      expect(catalogue.agencies[0].code).to.equal(code("DISDUKCAPIL"));
      expect(catalogue.documentTypes.map((t) => [t.description, t.issuers])).to.deep.equal([
        ["Akta kelahiran", [1]],
        ["Izin usaha", [2]],
      ]);
      expect(
        catalogue.services.map((s) => [s.id, s.agencyId, s.slaSeconds, s.requiredClaim, s.minLevel]),
      ).to.deep.equal([
        [1, 1, 3 * DAY, RESIDENT, 2],
        [2, 2, 7 * DAY, ethers.ZeroHash, 0],
      ]);
      const resident = catalogue.claimTypes.find((ct) => ct.id === RESIDENT);
      expect(resident).to.deep.equal({ id: RESIDENT, description: "Resident of Kota Bandung", issuers: [1] });
      expect(findAgency(catalogue, 2)?.name).to.equal("DPMPTSP Kota Bandung");
    });

    it("says which services a citizen may use now, as hasValidClaim does", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const { services } = await loadCatalogue(client, d.deployment);
      expect(await loadEligibility(client, d.deployment, d.citizen.address as `0x${string}`, services)).to.deep.equal({
        1: true,
        2: true,
      });
      expect(await loadEligibility(client, d.deployment, d.stranger.address as `0x${string}`, services)).to.deep.equal({
        1: false,
        2: true,
      });
    });
  });

  describe("claims", function () {
    it("explains each attestation: valid, superseded, revoked, and suspended with the agency", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const subject = d.citizen.address as `0x${string}`;
      const catalogue = await loadCatalogue(client, d.deployment);
      const first = await loadClaims(client, d.deployment, subject, catalogue);
      const residentGroup = () => first.groups.find((g) => g.claimType.id === RESIDENT)!;
      expect(residentGroup().attestations.map((a) => [a.uid, a.level, a.status, a.current])).to.deep.equal([
        [d.uid, 2, "valid", true],
      ]);

      await d.attestations.connect(d.officerA).attest(subject, RESIDENT, commitment("level 3"), 3, 0);
      const raised = await loadClaims(client, d.deployment, subject, catalogue);
      const statuses = raised.groups.find((g) => g.claimType.id === RESIDENT)!.attestations.map((a) => a.status);
      expect(statuses).to.deep.equal(["valid", "superseded"]);

      await d.directory.connect(d.governor).setAgencyActive(AGENCY_A, false);
      const suspended = await loadClaims(client, d.deployment, subject, catalogue);
      expect(suspended.groups.find((g) => g.claimType.id === RESIDENT)!.attestations[0].status).to.equal("suspended");
      await d.directory.connect(d.governor).setAgencyActive(AGENCY_A, true);

      const current = await d.attestations.currentAttestation(subject, RESIDENT);
      await d.attestations.connect(d.officerA).revoke(current, code("SALAH_DATA"));
      const revoked = await loadClaims(client, d.deployment, subject, catalogue);
      expect(revoked.groups.find((g) => g.claimType.id === RESIDENT)!.attestations[0]).to.include({
        uid: current,
        status: "revoked",
      });
    });

    it("gives the console a citizen's level and validity for a service, never the data hash", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const { services } = await loadCatalogue(client, d.deployment);
      const citizen = d.citizen.address as `0x${string}`;
      const claim = await loadCitizenClaim(client, d.deployment, citizen, services[0]);
      expect(claim).to.deep.equal({
        open: false,
        claimType: RESIDENT,
        minLevel: 2,
        eligible: true,
        current: { level: 2, valid: true },
      });
      expect(JSON.stringify(claim)).to.not.contain(d.dataHash.slice(2));
      expect(await loadCitizenClaim(client, d.deployment, citizen, services[1])).to.deep.equal({
        open: true,
        eligible: true,
      });
      const stranger = await loadCitizenClaim(client, d.deployment, d.stranger.address as `0x${string}`, services[0]);
      expect(stranger).to.include({ eligible: false, current: null });
    });
  });

  describe("requests", function () {
    it("lists a citizen's requests newest first and an agency's in the order filed, with their state", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const mine = await loadCitizenRequests(client, d.deployment, d.citizen.address as `0x${string}`);
      expect(mine.map((r) => [r.id, r.statusName, r.escalated, r.rating, r.agencyId, r.summary])).to.deep.equal([
        [2n, "Submitted", true, 0, 2, "Jalan berlubang di Dago"],
        [1n, "Completed", false, 4, 1, "KTP-el rusak"],
      ]);
      const queue = await loadAgencyRequests(client, d.deployment, Number(AGENCY_B));
      expect(queue.map((r) => [r.id, r.statusName, r.citizen])).to.deep.equal([
        [2n, "Submitted", d.citizen.address],
        [3n, "Duplicate", d.citizen2.address],
      ]);
      const onChain = await d.requests.getRequest(2);
      expect(queue[0]).to.include({ submittedAt: Number(onChain.submittedAt), dueAt: Number(onChain.dueAt) });
      expect((await loadRequests(client, d.deployment)).map((r) => r.id)).to.deep.equal([1n, 2n, 3n]);
      expect(
        await loadRequests(client, d.deployment, { citizen: d.citizen2.address as `0x${string}`, agencyId: 1 }),
      ).to.deep.equal([]);
    });

    it("builds a request's timeline from its events, in chain order, with block times", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const one = (await loadRequest(client, d.deployment, 1n))!;
      expect(one.timeline.map((e) => e.kind)).to.deep.equal(["submitted", "status", "status", "rated"]);
      const [submitted, taken, completed, rated] = one.timeline;
      expect(submitted).to.include({ kind: "submitted", summary: "KTP-el rusak" });
      expect(taken).to.include({ kind: "status", from: Status.Submitted, to: Status.InProgress, note: "Diproses" });
      expect(completed).to.include({ kind: "status", to: Status.Completed, by: d.officerA.address });
      expect(rated).to.include({ kind: "rated", score: 4 });
      const block = await ethers.provider.getBlock(Number(submitted.blockNumber));
      expect(submitted.time).to.equal(block!.timestamp);
      expect(one.duplicateOf).to.equal(null);

      const duplicate = (await loadRequest(client, d.deployment, 3n))!;
      expect(duplicate.statusName).to.equal("Duplicate");
      expect(duplicate.duplicateOf).to.equal(2n);
      expect(duplicate.timeline.map((e) => e.kind)).to.include("duplicate");
      const escalated = (await loadRequest(client, d.deployment, 2n))!;
      expect(escalated.timeline.at(-1)).to.include({ kind: "escalated" });
      expect(escalated.now).to.equal(await networkHelpers.time.latest());
    });

    it("returns null for a request that does not exist, while the contract's error decodes by name", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      expect(await loadRequest(client, d.deployment, 99n)).to.equal(null);
      const error = await client
        .readContract({ ...d.deployment.contracts.requests, functionName: "getRequest", args: [99n] })
        .catch((e: unknown) => e);
      expect(decodeError(error)).to.deep.equal({ key: "RequestUnknown", values: { requestId: "99" } });
    });
  });

  describe("the directory", function () {
    it("folds an agency's officers from its events and reads a wallet's role", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      await d.directory.connect(d.adminA).addOfficer(AGENCY_A, d.stranger.address);
      expect((await loadOfficers(client, d.deployment, 1)).map((o) => o.address)).to.deep.equal([
        d.officerA.address,
        d.stranger.address,
      ]);
      await d.directory.connect(d.adminA).removeOfficer(d.officerA.address);
      expect((await loadOfficers(client, d.deployment, 1)).map((o) => o.address)).to.deep.equal([d.stranger.address]);

      const officer = await loadRole(client, d.deployment, d.stranger.address as `0x${string}`);
      expect(officer).to.deep.include({ agencyId: 1, officer: true, admin: false, governor: false });
      const admin = await loadRole(client, d.deployment, d.adminB.address as `0x${string}`);
      expect(admin).to.deep.include({ agencyId: 2, agencyName: "DPMPTSP Kota Bandung", officer: true, admin: true });
      const governor = await loadRole(client, d.deployment, d.governor.address as `0x${string}`);
      expect(governor).to.deep.include({ agencyId: 0, governor: true });
      await d.directory.connect(d.governor).setAgencyActive(AGENCY_B, false);
      const suspended = await loadRole(client, d.deployment, d.adminB.address as `0x${string}`);
      expect(suspended).to.deep.include({ agencyActive: false, officer: false, admin: true });
    });
  });

  describe("documents and figures", function () {
    it("checks a salted document: Valid with its type and agency, Revoked with the reason and time, Unknown", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const files = withSalts(
        ["a", "b", "c"].map((x, i) => ({
          name: `${i}.txt`,
          fingerprint: ethers.sha256(ethers.toUtf8Bytes(`akta ${x}\n`)) as `0x${string}`,
        })),
        true,
      );
      const plan = planIssue(files);
      if (plan.kind !== "batch") throw new Error("expected a batch");
      await d.documents.connect(d.officerA).issueBatch(plan.root, plan.count, AKTA_KELAHIRAN, 0);
      const [receipt0, receipt1, receipt2] = documentReceipts(files, plan, {
        docType: AKTA_KELAHIRAN as `0x${string}`,
        registry: await d.documents.getAddress(),
        chainId: 31337,
        agencyId: 1,
        expiresAt: 0,
        transactionHash: ZERO_HASH,
      });
      const valid = await checkDocument(client, d.deployment, verifyQueryOf(receipt0));
      expect(valid).to.include({
        status: "Valid",
        agencyId: 1,
        agencyName: "Disdukcapil Kota Bandung",
        docType: AKTA_KELAHIRAN,
        docTypeDescription: "Akta kelahiran",
        expiresAt: 0,
      });
      expect(valid.issuedAt).to.equal(await networkHelpers.time.latest());
      // The file's fingerprint alone (no salt) is not what was anchored: the chain does not confirm a guess.
      const guess = await checkDocument(client, d.deployment, {
        anchor: files[0].fingerprint,
        root: ZERO_HASH,
        proof: [],
      });
      expect(guess.status).to.equal("Unknown");

      const member1 = verifyQueryOf(receipt1);
      await d.documents.connect(d.officerA).revoke(member1.anchor, member1.root, member1.proof, code("SALAH_CETAK"));
      const revokedAt = await networkHelpers.time.latest();
      const revoked = await checkDocument(client, d.deployment, member1);
      expect(revoked.status).to.equal("Revoked");
      expect(revoked.revocation).to.deep.equal({
        reason: { code: "SALAH_CETAK", readable: "Salah cetak" },
        at: revokedAt,
        wholeBatch: false,
      });
      // Re-anchored singly after its revocation, it is still Revoked, with the same reason.
      await d.documents.connect(d.officerA).issue(member1.anchor, AKTA_KELAHIRAN, 0);
      const again = await checkDocument(client, d.deployment, { anchor: member1.anchor, root: ZERO_HASH, proof: [] });
      expect(again.status).to.equal("Revoked");
      expect(again.revocation?.reason?.code).to.equal("SALAH_CETAK");

      await d.documents.connect(d.officerA).revokeBatch(plan.root, code("DIBATALKAN"));
      const batch = await checkDocument(client, d.deployment, verifyQueryOf(receipt2));
      expect(batch.revocation).to.deep.include({
        wholeBatch: true,
        reason: { code: "DIBATALKAN", readable: "Dibatalkan" },
      });

      const unknown = await checkDocument(client, d.deployment, {
        anchor: ethers.sha256(ethers.toUtf8Bytes("forged")) as `0x${string}`,
        root: ZERO_HASH,
        proof: [],
      });
      expect(unknown).to.include({ status: "Unknown", agencyName: null, issuedAt: 0, docType: ZERO_HASH });
    });

    it("reads every agency's figures as agencyStats keeps them", async function () {
      const d = await networkHelpers.loadFixture(requestsFixture);
      const reports = await loadTransparency(client, d.deployment);
      expect(reports.map((r) => [r.id, r.code, r.name, r.active])).to.deep.equal([
        [1, "DISDUKCAPIL", "Disdukcapil Kota Bandung", true],
        [2, "DPMPTSP", "DPMPTSP Kota Bandung", true],
      ]);
      const onChain = await d.requests.agencyStats(AGENCY_A);
      expect(reports[0].stats).to.deep.include({
        submitted: Number(onChain.submitted),
        completed: 1,
        ratingSum: 4n,
        ratingCount: 1n,
      });
      expect(reports[1].stats).to.deep.include({ submitted: 2, open: 1, duplicates: 1, escalated: 1 });
    });
  });
});
