import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  attestArgs,
  attestationReceipt,
  attestationReceiptFileName,
  attestProblems,
  citizenPayloadData,
  commitCitizenData,
  anchorOf,
  documentReceipts,
  expiryToSeconds,
  isNik,
  issueProblem,
  parseDate,
  planIssue,
  prepareAttestation,
  reasonCode,
  receiptFileName,
  receiptOpens,
  REVOKE_REASONS,
  type AttestFormValues,
  withSalts,
  type FingerprintedFile,
} from "@layanan/core";
import {
  AKTA_KELAHIRAN,
  cityFixture,
  commitment,
  DocumentStatus,
  ethers,
  networkHelpers,
  RESIDENT,
} from "./helpers/fixture.js";

/**
 * The officer's attest and documents pages as pure logic (@layanan/core attestation.ts and documents.ts):
 * the form's checks, the commitment, the expiry, the Merkle batch and the receipts, checked against
 * the contracts and the CLI's own functions.
 */

const NOW = 1_800_000_000; // 2027-01-15T08:00:00Z

const form = (
  values: Partial<AttestFormValues> = {},
  data: Partial<AttestFormValues["data"]> = {},
): AttestFormValues => ({
  subject: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  claimType: RESIDENT,
  level: "2",
  expiry: "",
  ...values,
  data: { nik: "3273014506880002", name: "Siti Nurhaliza", birthDate: "1988-06-05", address: "Jl. Dago 1", ...data },
});

const fp = (text: string) => ethers.sha256(ethers.toUtf8Bytes(text)) as `0x${string}`;
const files = (...names: string[]): FingerprintedFile[] =>
  names.map((name) => ({ name, fingerprint: fp(`content of ${name}`) }));

describe("console: attesting a citizen (@layanan/core attestation.ts)", function () {
  it("accepts a complete form", function () {
    expect(attestProblems(form(), NOW)).to.deep.equal({});
  });

  it("accepts a form with only the NIK and an optional field left empty", function () {
    expect(attestProblems(form({}, { name: "", birthDate: "", address: "" }), NOW)).to.deep.equal({});
  });

  it("names each wrong field", function () {
    const problems = attestProblems(
      form(
        { subject: "0x1234", claimType: "", level: "4", expiry: "2020-01-01" },
        { nik: "12345", birthDate: "1990-02-30" },
      ),
      NOW,
    );
    expect(problems).to.deep.equal({
      subject: "subjectInvalid",
      claimType: "claimTypeMissing",
      level: "levelInvalid",
      expiry: "expiryPast",
      nik: "nikInvalid",
      birthDate: "birthDateInvalid",
    });
    expect(attestProblems(form({ expiry: "15/01/2027" }), NOW).expiry).to.equal("expiryInvalid");
    expect(attestProblems(form({}, { name: "x".repeat(121) }), NOW).name).to.equal("nameTooLong");
  });

  it("reads a NIK typed in groups, and refuses 15 or 17 digits or letters", function () {
    expect(isNik("3273 0145 0688 0002")).to.equal(true);
    expect(isNik("3273.0145.0688.0002")).to.equal(true);
    expect(isNik("327301450688000")).to.equal(false);
    expect(isNik("32730145068800021")).to.equal(false);
    expect(isNik("3273O14506880002")).to.equal(false);
  });

  it("checks calendar dates", function () {
    expect(parseDate("2024-02-29")).to.deep.equal({ year: 2024, month: 2, day: 29 });
    expect(parseDate("2023-02-29")).to.equal(null);
    expect(parseDate("2024-13-01")).to.equal(null);
  });

  it("ends an expiry at 23:59:59 in Bandung (WIB) and reads empty as never", function () {
    expect(expiryToSeconds("")).to.equal(0);
    expect(expiryToSeconds("2027-01-15")).to.equal(Date.parse("2027-01-15T23:59:59+07:00") / 1000);
    expect(expiryToSeconds("2027-02-30")).to.equal(null);
    // A date today (in WIB) is still in the future until the day ends.
    expect(attestProblems(form({ expiry: "2027-01-15" }), NOW).expiry).to.equal(undefined);
    expect(attestProblems(form({ expiry: "2027-01-14" }), NOW).expiry).to.equal("expiryPast");
  });

  it("commits to the NIK's digits, the filled fields and the checking method, and nothing else", function () {
    const data = citizenPayloadData(
      { nik: "3273 0145 0688 0002", name: "  Siti   Nurhaliza ", birthDate: "", address: "" },
      3,
    );
    expect(data).to.deep.equal({ nik: "3273014506880002", name: "Siti Nurhaliza", method: "biometrik" });
    const salt = ethers.hexlify(ethers.randomBytes(32)) as `0x${string}`;
    const { payload, dataHash } = commitCitizenData(salt, data);
    expect(payload).to.equal('{"method":"biometrik","name":"Siti Nurhaliza","nik":"3273014506880002"}');
    expect(dataHash).to.equal(commitment(payload, salt));
    // A fresh salt gives an unrelated commitment for the same data.
    const other = commitCitizenData(ethers.hexlify(ethers.randomBytes(32)) as `0x${string}`, data);
    expect(other.payload).to.equal(payload);
    expect(other.dataHash).to.not.equal(dataHash);
  });

  it("knows whether a receipt opens its commitment", function () {
    const salt = ethers.hexlify(ethers.randomBytes(32)) as `0x${string}`;
    const data = { nik: "3273014506880002" };
    const { payload, dataHash } = commitCitizenData(salt, data);
    expect(receiptOpens({ salt, payload, dataHash, data })).to.equal(true);
    expect(receiptOpens({ salt, payload, dataHash, data: { nik: "3273014506880003" } })).to.equal(false);
    expect(receiptOpens({ salt: ethers.ZeroHash as `0x${string}`, payload, dataHash, data })).to.equal(false);
  });

  it("prepares the attestation and builds the receipt the CLI and the console both write", function () {
    const salt = ethers.hexlify(ethers.randomBytes(32)) as `0x${string}`;
    const subject = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
    const data = { nik: "3273014506880002", method: "dokumen" };
    const prepared = prepareAttestation(
      { subject, claimType: RESIDENT as `0x${string}`, level: 2, expiresAt: 0, data },
      salt,
    );
    expect(prepared.dataHash).to.equal(commitment(prepared.payload, salt));
    expect(attestArgs(prepared)).to.deep.equal([subject, RESIDENT, prepared.dataHash, 2, 0n]);
    // A fresh salt by default: two preparations of the same data never share a commitment.
    const fresh = prepareAttestation({ subject, claimType: RESIDENT as `0x${string}`, level: 2, expiresAt: 0, data });
    expect(fresh.salt).to.not.equal(prepareAttestation({ ...fresh }).salt);
    const issued = {
      claim: "RESIDENT_KOTA_BANDUNG",
      uid: `0x${"ab".repeat(32)}` as `0x${string}`,
      agencyId: 1,
      chainId: 31337,
      contract: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      transactionHash: `0x${"11".repeat(32)}` as `0x${string}`,
    };
    const receipt = attestationReceipt(prepared, issued);
    expect(Object.keys(receipt)).to.deep.equal([
      "version",
      "warning",
      "subject",
      "claim",
      "claimType",
      "level",
      "expiresAt",
      "data",
      "payload",
      "salt",
      "dataHash",
      "uid",
      "agencyId",
      "chainId",
      "contract",
      "transactionHash",
    ]);
    expect(receipt).to.include({ version: 1, subject, salt, uid: issued.uid, claim: "RESIDENT_KOTA_BANDUNG" });
    expect(receiptOpens(receipt)).to.equal(true);
  });

  it("names the receipt file without personal data", function () {
    const name = attestationReceiptFileName({
      subject: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      uid: `0x${"ab".repeat(32)}`,
    });
    expect(name).to.equal("layanan-atestasi-709979-abababab.json");
  });

  it("produces a commitment the contract records as the attestation's dataHash", async function () {
    const { attestations, officerA, citizen } = await networkHelpers.loadFixture(cityFixture);
    const salt = ethers.hexlify(ethers.randomBytes(32)) as `0x${string}`;
    const { dataHash } = commitCitizenData(salt, citizenPayloadData(form().data, 2));
    await attestations.connect(officerA).attest(citizen.address, RESIDENT, dataHash, 2, 0);
    const uid = await attestations.currentAttestation(citizen.address, RESIDENT);
    expect((await attestations.getAttestation(uid)).dataHash).to.equal(dataHash);
  });
});

describe("console: issuing and revoking documents (@layanan/core documents.ts)", function () {
  it("refuses no files and two files with the same content", function () {
    expect(issueProblem([])).to.deep.equal({ kind: "empty" });
    const [a, b] = files("a.pdf", "b.pdf");
    expect(issueProblem([a, b, { name: "copy of a.pdf", fingerprint: a.fingerprint }])).to.deep.equal({
      kind: "sameContent",
      first: "a.pdf",
      second: "copy of a.pdf",
    });
    expect(issueProblem([a, b])).to.equal(null);
    expect(() => planIssue([])).to.throw("empty");
  });

  it("issues one file singly and several as DESIGN's Merkle batch (StandardMerkleTree, leaf [bytes32])", function () {
    const [one] = files("one.pdf");
    expect(planIssue([one])).to.deep.equal({ kind: "single", anchor: one.fingerprint });
    const forced = planIssue([one], { batch: true });
    if (forced.kind !== "batch") throw new Error("expected a batch of one (a folder in the CLI)");
    expect(forced.count).to.equal(1);
    expect(forced.proofs.get(one.fingerprint)).to.deep.equal([]);
    const three = files("a.pdf", "b.pdf", "c.pdf");
    const plan = planIssue(three);
    if (plan.kind !== "batch") throw new Error("expected a batch");
    const reference = StandardMerkleTree.of(
      three.map((f) => [f.fingerprint]),
      ["bytes32"],
    );
    expect(plan.root).to.equal(reference.root);
    expect(plan.count).to.equal(3);
    for (const [index, [value]] of reference.entries())
      expect(plan.proofs.get(value)).to.deep.equal(reference.getProof(index));
  });

  it("salts a personal batch: the tree is over the anchors, never the bare fingerprints", function () {
    const three = withSalts(files("a.pdf", "b.pdf", "c.pdf"), true);
    const plan = planIssue(three);
    if (plan.kind !== "batch") throw new Error("expected a batch");
    const reference = StandardMerkleTree.of(
      three.map((f) => [anchorOf(f.fingerprint, f.salt)]),
      ["bytes32"],
    );
    expect(plan.root).to.equal(reference.root);
    for (const file of three) expect(plan.proofs.has(file.fingerprint)).to.equal(false);
  });

  it("writes a receipt per file with the fields of the CLI's receipt", function () {
    const three = files("a.pdf", "b.pdf", "c.pdf");
    const plan = planIssue(three);
    const context = {
      docType: AKTA_KELAHIRAN as `0x${string}`,
      registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      chainId: 31337,
      agencyId: 1,
      expiresAt: 0,
      transactionHash: `0x${"11".repeat(32)}` as `0x${string}`,
    };
    const receipts = documentReceipts(three, plan, context);
    expect(receipts.map((r) => r.file)).to.deep.equal(["a.pdf", "b.pdf", "c.pdf"]);
    expect(Object.keys(receipts[0]).sort()).to.deep.equal(
      [
        "version",
        "file",
        "fingerprint",
        "salt",
        "anchor",
        "docType",
        "root",
        "proof",
        "registry",
        "chainId",
        "agencyId",
        "expiresAt",
        "transactionHash",
      ].sort(),
    );
    expect(receipts.every((r) => plan.kind === "batch" && r.root === plan.root && r.proof.length > 0)).to.equal(true);
    const [single] = documentReceipts([three[0]], planIssue([three[0]]), context);
    expect(single.root).to.equal(ethers.ZeroHash);
    expect(single.proof).to.deep.equal([]);
    expect(receiptFileName("a.pdf")).to.equal("a.pdf.receipt.json");
  });

  it("gives receipts that the registry verifies, and revokes one document of a batch alone", async function () {
    const { documents, officerA } = await networkHelpers.loadFixture(cityFixture);
    const three = files("a.pdf", "b.pdf", "c.pdf");
    const plan = planIssue(three);
    if (plan.kind !== "batch") throw new Error("expected a batch");
    await documents.connect(officerA).issueBatch(plan.root, plan.count, AKTA_KELAHIRAN, 0);
    const receipts = documentReceipts(three, plan, {
      docType: AKTA_KELAHIRAN as `0x${string}`,
      registry: await documents.getAddress(),
      chainId: 31337,
      agencyId: 1,
      expiresAt: 0,
      transactionHash: ethers.ZeroHash as `0x${string}`,
    });
    for (const r of receipts)
      expect((await documents.verify(r.anchor, r.root, r.proof)).status).to.equal(DocumentStatus.Valid);
    const [first, second] = receipts;
    await documents.connect(officerA).revoke(first.anchor, first.root, first.proof, reasonCode("SALAH_CETAK"));
    expect((await documents.verify(first.anchor, first.root, first.proof)).status).to.equal(DocumentStatus.Revoked);
    expect((await documents.verify(second.anchor, second.root, second.proof)).status).to.equal(DocumentStatus.Valid);
  });

  it("encodes reason codes as ethers' encodeBytes32String and refuses anything else", function () {
    for (const reason of REVOKE_REASONS) expect(reasonCode(reason)).to.equal(ethers.encodeBytes32String(reason));
    expect(() => reasonCode("")).to.throw();
    expect(() => reasonCode("salah cetak")).to.throw();
    expect(() => reasonCode("X".repeat(32))).to.throw();
  });
});
