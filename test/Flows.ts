import { expect } from "chai";
import { createHash } from "node:crypto";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  AKTA_KELAHIRAN,
  DAY,
  DocumentStatus,
  KTP_VERIFIED,
  RESIDENT,
  Status,
  clientRef,
  code,
  commitment,
  deployFixture,
  ethers,
  networkHelpers,
} from "./helpers/fixture.js";

/** The IKM (Indeks Kepuasan Masyarakat) the dApp shows: mean score x 25, graded per PermenPANRB 14/2017. */
function ikm(ratingSum: bigint, ratingCount: bigint): { value: number; grade: string } {
  const value = (Number(ratingSum) / Number(ratingCount)) * 25;
  const grade = value >= 88.31 ? "A" : value >= 76.61 ? "B" : value >= 65 ? "C" : "D";
  return { value, grade };
}

describe("end-to-end flows", function () {
  it("takes a citizen from residency attestation to a rated, completed KTP-el replacement", async function () {
    const { directory, attestations, requests, governor, adminA, officerA, citizen } =
      await networkHelpers.loadFixture(deployFixture);

    // The governor registers Disdukcapil; its admin adds an officer.
    await expect(directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil", adminA.address))
      .to.emit(directory, "AgencyRegistered")
      .withArgs(1n, code("DISDUKCAPIL"), adminA.address, "Disdukcapil");
    await directory.connect(adminA).addOfficer(1n, officerA.address);

    // The governor registers the claim types and trusts Disdukcapil to issue them.
    await attestations.connect(governor).registerClaimType(RESIDENT, "Penduduk Kota Bandung");
    await attestations.connect(governor).registerClaimType(KTP_VERIFIED, "KTP-el terverifikasi");
    await attestations.connect(governor).setTrustedIssuer(RESIDENT, 1n, true);

    // The admin opens a claim-gated service.
    await requests.connect(adminA).addService(1n, code("KTP_EL"), "Penggantian KTP-el", 3 * DAY, RESIDENT, 2);

    // Without a claim the citizen cannot file.
    const ref1 = clientRef();
    await expect(requests.connect(citizen).submit(1n, ethers.ZeroHash, ref1, ""))
      .to.be.revertedWithCustomError(requests, "RequestClaimRequired")
      .withArgs(citizen.address, RESIDENT, 2);

    // An officer checks the documents and attests residency at level 2: only a salted commitment.
    const salt = ethers.hexlify(ethers.randomBytes(32));
    const dataHash = commitment("3273010101900001|Siti Rahayu|Kota Bandung", salt);
    const attestTx = await attestations.connect(officerA).attest(citizen.address, RESIDENT, dataHash, 2, 0);
    const uid = await attestations.currentAttestation(citizen.address, RESIDENT);
    await expect(attestTx)
      .to.emit(attestations, "Attested")
      .withArgs(uid, citizen.address, RESIDENT, 1n, officerA.address, dataHash, 2, 0, ethers.ZeroHash);
    expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(true);
    expect(attestTx.data).to.not.contain(Buffer.from("Siti Rahayu").toString("hex"));
    expect(attestTx.data).to.not.contain(Buffer.from("3273010101900001").toString("hex"));

    // The citizen files the request; a retried submission with the same client reference is refused.
    const contentHash = commitment("foto KTP rusak.jpg");
    const submitTx = await requests.connect(citizen).submit(1n, contentHash, ref1, "KTP-el rusak, mohon diganti");
    const submittedAt = BigInt(await networkHelpers.time.latest());
    await expect(submitTx)
      .to.emit(requests, "RequestSubmitted")
      .withArgs(
        1n,
        citizen.address,
        1n,
        1n,
        contentHash,
        ref1,
        submittedAt + BigInt(3 * DAY),
        "KTP-el rusak, mohon diganti",
      );
    await expect(requests.connect(citizen).submit(1n, contentHash, ref1, "KTP-el rusak, mohon diganti"))
      .to.be.revertedWithCustomError(requests, "RequestDuplicateSubmission")
      .withArgs(citizen.address, ref1, 1n);

    // The officer works the request, asks for information, the citizen answers, the officer completes.
    await requests.connect(officerA).updateStatus(1n, Status.InProgress, ethers.ZeroHash, "Sedang diproses");
    await requests
      .connect(officerA)
      .updateStatus(1n, Status.NeedsInfo, ethers.ZeroHash, "Mohon unggah surat kehilangan");
    const answer = commitment("surat kehilangan.pdf");
    await expect(requests.connect(citizen).respond(1n, answer, "Sudah diunggah"))
      .to.emit(requests, "RequestStatusChanged")
      .withArgs(
        1n,
        citizen.address,
        1n,
        Status.NeedsInfo,
        Status.InProgress,
        citizen.address,
        answer,
        "Sudah diunggah",
      );
    await networkHelpers.time.increase(DAY);
    await requests.connect(officerA).updateStatus(1n, Status.Completed, ethers.ZeroHash, "KTP-el siap diambil");
    const completedAt = BigInt(await networkHelpers.time.latest());

    // The citizen rates the service.
    await expect(requests.connect(citizen).rate(1n, 4, ethers.ZeroHash))
      .to.emit(requests, "RequestRated")
      .withArgs(1n, citizen.address, 1n, 4, ethers.ZeroHash);

    const request = await requests.getRequest(1n);
    expect(request.status).to.equal(Status.Completed);
    expect(request.rating).to.equal(4n);
    expect(request.dueAt).to.equal(submittedAt + BigInt(3 * DAY));

    const stats = await requests.agencyStats(1n);
    expect(stats.submitted).to.equal(1n);
    expect(stats.open).to.equal(0n);
    expect(stats.completed).to.equal(1n);
    expect(stats.completedOnTime).to.equal(1n);
    expect(stats.totalResolutionSeconds).to.equal(completedAt - submittedAt);
    expect(ikm(stats.ratingSum, stats.ratingCount)).to.deep.equal({ value: 100, grade: "A" });
  });

  it("escalates an overdue request and closes a duplicate with a pointer to the original", async function () {
    const { directory, requests, governor, adminB, officerB, citizen, citizen2 } =
      await networkHelpers.loadFixture(deployFixture);
    await directory.connect(governor).registerAgency(code("PUPR"), "Dinas PUPR", adminB.address);
    await directory.connect(adminB).addOfficer(1n, officerB.address);
    await requests
      .connect(adminB)
      .addService(1n, code("JALAN_RUSAK"), "Laporan jalan rusak", 7 * DAY, ethers.ZeroHash, 0);

    await requests.connect(citizen).submit(1n, ethers.ZeroHash, clientRef(), "Lubang besar di Jl. Cibaduyut");
    await requests.connect(citizen2).submit(1n, ethers.ZeroHash, clientRef(), "Jalan berlubang di Cibaduyut");

    await expect(requests.connect(officerB).markDuplicate(2n, 1n))
      .to.emit(requests, "RequestMarkedDuplicate")
      .withArgs(2n, citizen2.address, 1n, 1n, officerB.address);
    expect(await requests.duplicateOf(2n)).to.equal(1n);

    await expect(requests.connect(citizen).escalate(1n)).to.be.revertedWithCustomError(requests, "RequestNotOverdue");
    await networkHelpers.time.increase(7 * DAY + 1);
    expect(await requests.isOverdue(1n)).to.equal(true);
    await expect(requests.connect(citizen).escalate(1n)).to.emit(requests, "RequestEscalated");
    await requests.connect(officerB).updateStatus(1n, Status.InProgress, ethers.ZeroHash, "");
    await requests.connect(officerB).updateStatus(1n, Status.Completed, ethers.ZeroHash, "Sudah ditambal");
    await requests.connect(citizen).rate(1n, 2, ethers.ZeroHash);
    // The duplicate's citizen rates too: a request closed as a duplicate still counts in the IKM.
    await expect(requests.connect(citizen2).rate(2n, 2, ethers.ZeroHash))
      .to.emit(requests, "RequestRated")
      .withArgs(2n, citizen2.address, 1n, 2, ethers.ZeroHash);

    const stats = await requests.agencyStats(1n);
    expect([stats.submitted, stats.open, stats.completed, stats.duplicates, stats.escalated]).to.deep.equal([
      2n,
      0n,
      1n,
      1n,
      1n,
    ]);
    expect(stats.completedOnTime).to.equal(0n);
    expect([stats.ratingSum, stats.ratingCount]).to.deep.equal([4n, 2n]);
    expect(ikm(stats.ratingSum, stats.ratingCount)).to.deep.equal({ value: 50, grade: "D" });
  });

  it("issues a batch of document files, verifies each from its receipt, and revokes one member", async function () {
    const { directory, documents, governor, adminA, officerA } = await networkHelpers.loadFixture(deployFixture);
    await directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil", adminA.address);
    await directory.connect(adminA).addOfficer(1n, officerA.address);
    // The governor registers the document type and trusts Disdukcapil to issue it.
    await expect(documents.connect(governor).registerDocumentType(AKTA_KELAHIRAN, "Akta kelahiran"))
      .to.emit(documents, "DocumentTypeRegistered")
      .withArgs(AKTA_KELAHIRAN, "Akta kelahiran");
    await documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, 1n, true);

    // The agency's files, fingerprinted as `sha256sum` would.
    const files = Array.from({ length: 8 }, (_, i) => Buffer.from(`%PDF-1.7 akta kelahiran nomor ${i}\n`));
    const fingerprints = files.map((bytes) => `0x${createHash("sha256").update(bytes).digest("hex")}`);
    expect(fingerprints[0]).to.equal(ethers.sha256(files[0]));
    const tree = StandardMerkleTree.of(
      fingerprints.map((f) => [f]),
      ["bytes32"],
    );
    await expect(documents.connect(officerA).issueBatch(tree.root, files.length, AKTA_KELAHIRAN, 0))
      .to.emit(documents, "BatchIssued")
      .withArgs(tree.root, 1n, AKTA_KELAHIRAN, officerA.address, files.length, 0);
    const issuedAt = BigInt(await networkHelpers.time.latest());

    // Receipts as the holder keeps them beside the file.
    const { chainId } = await ethers.provider.getNetwork();
    const receipts = fingerprints.map((fingerprint, i) => ({
      fingerprint,
      root: tree.root,
      proof: tree.getProof(i),
      registry: documents.target,
      chainId: Number(chainId),
      agencyId: 1,
    }));
    for (const receipt of receipts) {
      const [status, agencyId, at, expiresAt, docType] = await documents.verify(
        receipt.fingerprint,
        receipt.root,
        receipt.proof,
      );
      expect([Number(status), agencyId, at, expiresAt, docType]).to.deep.equal([
        DocumentStatus.Valid,
        1n,
        issuedAt,
        0n,
        AKTA_KELAHIRAN,
      ]);
    }

    // A tampered file does not verify.
    const tampered = ethers.sha256(Buffer.concat([files[3], Buffer.from(" ")]));
    expect((await documents.verify(tampered, tree.root, receipts[3].proof)).status).to.equal(DocumentStatus.Unknown);

    // Revoking one member leaves the others valid.
    await expect(
      documents.connect(officerA).revoke(receipts[3].fingerprint, tree.root, receipts[3].proof, code("SALAH_CETAK")),
    )
      .to.emit(documents, "DocumentRevoked")
      .withArgs(receipts[3].fingerprint, tree.root, 1n, officerA.address, code("SALAH_CETAK"));
    for (const [i, receipt] of receipts.entries()) {
      const { status } = await documents.verify(receipt.fingerprint, receipt.root, receipt.proof);
      expect(Number(status)).to.equal(i === 3 ? DocumentStatus.Revoked : DocumentStatus.Valid);
    }
  });
});
