import { expect } from "chai";
import { createHash } from "node:crypto";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { DocumentRegistry } from "../types/ethers-contracts/index.js";
import { batchTree, fingerprintOf, type DocumentReceipt } from "@layanan/core";
import {
  AGENCY_A,
  AGENCY_B,
  AKTA_KELAHIRAN,
  DAY,
  DocumentStatus,
  IZIN_USAHA,
  cityFixture,
  code,
  deployFixture,
  ethers,
  id,
  networkHelpers,
} from "./helpers/fixture.js";

// ---------------------------------------------------------------------------------------------
// Off-chain side, as the issuing office's tools compute it: real file bytes, their SHA-256
// fingerprints (what `sha256sum` prints) and a StandardMerkleTree with leaf encoding ["bytes32"].
// ---------------------------------------------------------------------------------------------

const { time, loadFixture } = networkHelpers;
const abi = ethers.AbiCoder.defaultAbiCoder();
const ZERO = ethers.ZeroHash;
const MAX_UINT40 = 2n ** 40n - 1n;
const REASON = code("SALAH_CETAK");

/** The bytes of an issued document: a small PDF with a non-ASCII binary marker line. */
function documentFile(title: string, serial: number): Buffer {
  const nomor = `${serial.toString().padStart(6, "0")}/DISDUKCAPIL/2025`;
  return Buffer.concat([
    Buffer.from("%PDF-1.7\n%"),
    Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x0a]),
    Buffer.from(`1 0 obj << /Title (${title}) /Nomor (${nomor}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`),
  ]);
}

/** SHA-256 of the bytes with node:crypto, 0x-prefixed: the value `sha256sum file` prints. */
function sha256(bytes: Uint8Array): string {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

/** The StandardMerkleTree leaf of a fingerprint: keccak256(bytes.concat(keccak256(abi.encode(fingerprint)))). */
function leafOf(fingerprint: string): string {
  return ethers.keccak256(ethers.keccak256(abi.encode(["bytes32"], [fingerprint])));
}

/** OpenZeppelin's commutative node hash: keccak256 of the sorted pair. */
function hashPair(a: string, b: string): string {
  return BigInt(a) < BigInt(b)
    ? ethers.solidityPackedKeccak256(["bytes32", "bytes32"], [a, b])
    : ethers.solidityPackedKeccak256(["bytes32", "bytes32"], [b, a]);
}

/** The root a proof leads to from a node, as MerkleProof.processProof computes it. */
function processProof(node: string, proof: readonly string[]): string {
  return proof.reduce((acc, sibling) => hashPair(acc, sibling), node);
}

const parentOf = (treeIndex: number) => (treeIndex - 1) >> 1;

function ancestorOf(treeIndex: number, levels: number): number {
  let index = treeIndex;
  for (let i = 0; i < levels; i++) index = parentOf(index);
  return index;
}

/** Flips the lowest bit of a bytes32 value. */
function tamper(hash: string): string {
  return ethers.toBeHex(BigInt(hash) ^ 1n, 32);
}

const BATCH_SIZE = 1_000;
const BATCH_FILES = Array.from({ length: BATCH_SIZE }, (_, i) => documentFile("Akta Kelahiran", i + 1));
const BATCH_FINGERPRINTS = BATCH_FILES.map(sha256);
const BATCH_TREE = StandardMerkleTree.of(
  BATCH_FINGERPRINTS.map((f) => [f]),
  ["bytes32"],
);
const BATCH_ROOT = BATCH_TREE.root;
const BATCH_PROOFS = BATCH_FINGERPRINTS.map((_, i) => BATCH_TREE.getProof(i));
const BATCH_DUMP = BATCH_TREE.dump();
/** Position of each document (in file order) in the tree's flat array. */
const TREE_INDEX = BATCH_DUMP.values.map((v) => v.treeIndex);

/** A second, smaller batch of the same agency, for "proof under another root". */
const OTHER_FILES = Array.from({ length: 16 }, (_, i) => documentFile("Kartu Keluarga", i + 1));
const OTHER_FINGERPRINTS = OTHER_FILES.map(sha256);
const OTHER_TREE = StandardMerkleTree.of(
  OTHER_FINGERPRINTS.map((f) => [f]),
  ["bytes32"],
);

/** A singly issued document. */
const SINGLE_FILE = documentFile("Surat Keterangan Pindah", 7);
const SINGLE = sha256(SINGLE_FILE);
/** A document type the fixture does not register. */
const KARTU_KELUARGA = id("KARTU_KELUARGA");

/** A document nobody issued. */
const OUTSIDER = sha256(documentFile("Akta Kelahiran", BATCH_SIZE + 1));

// ---------------------------------------------------------------------------------------------
// Verification results as comparable tuples.
// ---------------------------------------------------------------------------------------------

type Verified = [bigint, bigint, bigint, bigint, string];

/** The type the fixture's agencies issue: agency A birth certificates, agency B business permits. */
const docTypeOf = (agencyId: bigint | number) => (BigInt(agencyId) === AGENCY_B ? IZIN_USAHA : AKTA_KELAHIRAN);

/** What verify returns: status, agency, issue time, expiry and document type (0 when Unknown). */
function verified(
  status: number,
  agencyId: bigint | number,
  issuedAt: bigint | number,
  expiresAt: bigint | number = 0n,
  docType: string = status === DocumentStatus.Unknown ? ZERO : docTypeOf(agencyId),
) {
  return [BigInt(status), BigInt(agencyId), BigInt(issuedAt), BigInt(expiresAt), docType] as Verified;
}

const UNKNOWN = verified(DocumentStatus.Unknown, 0, 0, 0);

async function verifyOf(
  documents: DocumentRegistry,
  documentHash: string,
  root: string,
  proof: readonly string[],
): Promise<Verified> {
  const result = await documents.verify(documentHash, root, [...proof]);
  return [result.status, result.agencyId, result.issuedAt, result.expiresAt, result.docType];
}

/** Verifies batch members (by file index) with their own proofs, 100 calls at a time. */
async function verifyMembers(documents: DocumentRegistry, indices: readonly number[]): Promise<Verified[]> {
  const results: Verified[] = [];
  for (let start = 0; start < indices.length; start += 100) {
    const chunk = indices.slice(start, start + 100);
    results.push(
      ...(await Promise.all(chunk.map((i) => verifyOf(documents, BATCH_FINGERPRINTS[i], BATCH_ROOT, BATCH_PROOFS[i])))),
    );
  }
  return results;
}

/** The file indices of the members whose result differs from `expected`. */
function mismatches(indices: readonly number[], results: readonly Verified[], expected: Verified): number[] {
  return indices.filter((_, n) => results[n].join() !== expected.join());
}

// ---------------------------------------------------------------------------------------------
// Fixtures.
// ---------------------------------------------------------------------------------------------

/** The city, with SINGLE issued by officerA (agency A, no expiry). */
async function singleFixture() {
  const d = await cityFixture();
  await d.documents.connect(d.officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
  const issuedAt = BigInt(await time.latest());
  return { ...d, issuedAt };
}

/** The city, with the 1,000-document batch anchored by officerA (agency A, no expiry). */
async function batchFixture() {
  const d = await cityFixture();
  await d.documents.connect(d.officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0);
  const issuedAt = BigInt(await time.latest());
  return { ...d, issuedAt };
}

/** The city, with SINGLE and the 1,000-document batch expiring in 30 days. */
async function expiringFixture() {
  const d = await cityFixture();
  const expiresAt = BigInt((await time.latest()) + 30 * DAY);
  await d.documents.connect(d.officerA).issue(SINGLE, AKTA_KELAHIRAN, expiresAt);
  const singleIssuedAt = BigInt(await time.latest());
  await d.documents.connect(d.officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, expiresAt);
  const batchIssuedAt = BigInt(await time.latest());
  return { ...d, expiresAt, singleIssuedAt, batchIssuedAt };
}

describe("DocumentRegistry", function () {
  describe("off-chain fingerprints and tree", function () {
    it("computes the fingerprint sha256sum prints, equal to ethers.sha256 and @layanan/core's", async function () {
      expect(sha256(SINGLE_FILE)).to.equal(ethers.sha256(SINGLE_FILE));
      expect(await fingerprintOf(SINGLE_FILE)).to.equal(SINGLE);
      expect(BATCH_FINGERPRINTS[0]).to.equal(ethers.sha256(BATCH_FILES[0]));
      expect(new Set(BATCH_FINGERPRINTS).size).to.equal(BATCH_SIZE);
    });

    it("builds the same tree as @layanan/core, with double-hashed leaves", async function () {
      expect(batchTree(BATCH_FINGERPRINTS).root).to.equal(BATCH_ROOT);
      expect(BATCH_TREE.leafHash([BATCH_FINGERPRINTS[0]])).to.equal(leafOf(BATCH_FINGERPRINTS[0]));
      expect(processProof(leafOf(BATCH_FINGERPRINTS[0]), BATCH_PROOFS[0])).to.equal(BATCH_ROOT);
    });
  });

  describe("constructor", function () {
    it("records the agency directory", async function () {
      const { directory, documents } = await loadFixture(cityFixture);
      expect(await documents.DIRECTORY()).to.equal(await directory.getAddress());
    });

    it("publishes the description limit", async function () {
      const { documents } = await loadFixture(cityFixture);
      expect(await documents.MAX_DESCRIPTION_LENGTH()).to.equal(280n);
    });
  });

  // -------------------------------------------------------------------------------------------
  // Governor: document types and their trusted issuers
  // -------------------------------------------------------------------------------------------

  describe("registerDocumentType", function () {
    it("registers a document type, emits DocumentTypeRegistered and lists it after the existing ones", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      expect(await documents.isDocumentType(KARTU_KELUARGA)).to.equal(false);
      expect(await documents.documentTypeDescription(KARTU_KELUARGA)).to.equal("");

      await expect(documents.connect(governor).registerDocumentType(KARTU_KELUARGA, "Kartu keluarga"))
        .to.emit(documents, "DocumentTypeRegistered")
        .withArgs(KARTU_KELUARGA, "Kartu keluarga");

      expect(await documents.isDocumentType(KARTU_KELUARGA)).to.equal(true);
      expect(await documents.documentTypeDescription(KARTU_KELUARGA)).to.equal("Kartu keluarga");
      expect(await documents.documentTypes()).to.deep.equal([AKTA_KELAHIRAN, IZIN_USAHA, KARTU_KELUARGA]);
      expect(await documents.documentTypeDescription(AKTA_KELAHIRAN)).to.equal("Akta kelahiran");
      // No agency is trusted for a new type.
      expect(await documents.isTrustedDocumentIssuer(KARTU_KELUARGA, AGENCY_A)).to.equal(false);
      expect(await documents.isTrustedDocumentIssuer(KARTU_KELUARGA, AGENCY_B)).to.equal(false);
    });

    it("starts with no document types on a fresh deployment", async function () {
      const { documents } = await loadFixture(deployFixture);
      expect(await documents.documentTypes()).to.deep.equal([]);
      expect(await documents.isDocumentType(AKTA_KELAHIRAN)).to.equal(false);
    });

    it("rejects a caller who is not the governor, even an agency admin", async function () {
      const { documents, adminA, officerA, stranger } = await loadFixture(cityFixture);
      for (const caller of [adminA, officerA, stranger]) {
        await expect(documents.connect(caller).registerDocumentType(KARTU_KELUARGA, "Kartu keluarga"))
          .to.be.revertedWithCustomError(documents, "DocumentsNotGovernor")
          .withArgs(caller.address);
      }
      expect(await documents.isDocumentType(KARTU_KELUARGA)).to.equal(false);
    });

    it("rejects a zero document type", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).registerDocumentType(ZERO, "Nothing"))
        .to.be.revertedWithCustomError(documents, "DocumentsZeroType")
        .withArgs();
    });

    it("rejects an empty description", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).registerDocumentType(KARTU_KELUARGA, ""))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidDescription")
        .withArgs(0, 280);
    });

    it("accepts a description of exactly 280 bytes and rejects 281, counted in UTF-8 bytes", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).registerDocumentType(id("TOO_LONG"), "a".repeat(281)))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidDescription")
        .withArgs(281, 280);
      // "é" is two bytes: 141 of them are 282 bytes.
      await expect(documents.connect(governor).registerDocumentType(id("TOO_LONG"), "é".repeat(141)))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidDescription")
        .withArgs(282, 280);
      await expect(documents.connect(governor).registerDocumentType(KARTU_KELUARGA, "é".repeat(140)))
        .to.emit(documents, "DocumentTypeRegistered")
        .withArgs(KARTU_KELUARGA, "é".repeat(140));
    });

    it("rejects a document type registered before", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).registerDocumentType(AKTA_KELAHIRAN, "Again"))
        .to.be.revertedWithCustomError(documents, "DocumentsTypeExists")
        .withArgs(AKTA_KELAHIRAN);
      expect(await documents.documentTypeDescription(AKTA_KELAHIRAN)).to.equal("Akta kelahiran");
      expect(await documents.documentTypes()).to.deep.equal([AKTA_KELAHIRAN, IZIN_USAHA]);
    });

    it("rejects a document type beyond the 65535 that a uint16 index can hold", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      // _docTypes is the contract's first storage slot (Context has none; DIRECTORY is immutable).
      const slot = 0n;
      const address = await documents.getAddress();
      expect(BigInt(await ethers.provider.getStorage(address, slot))).to.equal(
        BigInt((await documents.documentTypes()).length),
      );
      await networkHelpers.setStorageAt(address, slot, 65535n);
      await expect(
        documents.connect(governor).registerDocumentType(KARTU_KELUARGA, "One too many"),
      ).to.be.revertedWithCustomError(documents, "DocumentsTooManyTypes");
      await networkHelpers.setStorageAt(address, slot, 65534n);
      await expect(documents.connect(governor).registerDocumentType(KARTU_KELUARGA, "The last one"))
        .to.emit(documents, "DocumentTypeRegistered")
        .withArgs(KARTU_KELUARGA, "The last one");
    });
  });

  describe("setTrustedDocumentIssuer", function () {
    it("trusts an agency, emits TrustedDocumentIssuerSet and lets its officers issue the type", async function () {
      const { documents, governor, officerB } = await loadFixture(cityFixture);
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B)).to.equal(false);
      await expect(documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B, true))
        .to.emit(documents, "TrustedDocumentIssuerSet")
        .withArgs(AKTA_KELAHIRAN, AGENCY_B, true);
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B)).to.equal(true);
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A)).to.equal(true);
      await expect(documents.connect(officerB).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_B, AKTA_KELAHIRAN, officerB.address, 0);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_B, await time.latest(), 0, AKTA_KELAHIRAN),
      );
    });

    it("distrusts an agency, emits TrustedDocumentIssuerSet and stops its officers from issuing the type", async function () {
      const { documents, governor, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, false))
        .to.emit(documents, "TrustedDocumentIssuerSet")
        .withArgs(AKTA_KELAHIRAN, AGENCY_A, false);
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A)).to.equal(false);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(AKTA_KELAHIRAN, AGENCY_A);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(AKTA_KELAHIRAN, AGENCY_A);
    });

    it("leaves what the agency issued as it is, revocable by it, once it is distrusted", async function () {
      const { documents, governor, officerA, issuedAt } = await loadFixture(singleFixture);
      await documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, false);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
      );
      await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON))
        .to.emit(documents, "DocumentRevoked")
        .withArgs(SINGLE, ZERO, AGENCY_A, officerA.address, REASON);
    });

    it("trusts an agency again after distrusting it", async function () {
      const { documents, governor, officerA } = await loadFixture(cityFixture);
      await documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, false);
      await expect(documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, true))
        .to.emit(documents, "TrustedDocumentIssuerSet")
        .withArgs(AKTA_KELAHIRAN, AGENCY_A, true);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0)).to.emit(documents, "DocumentIssued");
    });

    it("rejects a caller who is not the governor, even an agency admin", async function () {
      const { documents, adminA, officerA, stranger } = await loadFixture(cityFixture);
      for (const caller of [adminA, officerA, stranger]) {
        await expect(documents.connect(caller).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B, true))
          .to.be.revertedWithCustomError(documents, "DocumentsNotGovernor")
          .withArgs(caller.address);
      }
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B)).to.equal(false);
    });

    it("rejects an unknown document type, including zero", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      for (const docType of [KARTU_KELUARGA, ZERO]) {
        await expect(documents.connect(governor).setTrustedDocumentIssuer(docType, AGENCY_A, true))
          .to.be.revertedWithCustomError(documents, "DocumentsUnknownType")
          .withArgs(docType);
      }
    });

    it("rejects an unknown agency, including agency 0", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      for (const agencyId of [0n, 3n]) {
        await expect(documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, agencyId, true))
          .to.be.revertedWithCustomError(documents, "DocumentsUnknownAgency")
          .withArgs(agencyId);
      }
    });

    it("rejects trusting a trusted agency or distrusting an untrusted one", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, true))
        .to.be.revertedWithCustomError(documents, "DocumentsTrustUnchanged")
        .withArgs(AKTA_KELAHIRAN, AGENCY_A);
      await expect(documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B, false))
        .to.be.revertedWithCustomError(documents, "DocumentsTrustUnchanged")
        .withArgs(AKTA_KELAHIRAN, AGENCY_B);
    });
  });

  describe("documentTypes, documentTypeDescription, isDocumentType and isTrustedDocumentIssuer", function () {
    it("describe the fixture's document types and issuers", async function () {
      const { documents } = await loadFixture(cityFixture);
      expect(await documents.documentTypes()).to.deep.equal([AKTA_KELAHIRAN, IZIN_USAHA]);
      expect(await documents.isDocumentType(AKTA_KELAHIRAN)).to.equal(true);
      expect(await documents.isDocumentType(IZIN_USAHA)).to.equal(true);
      expect(await documents.isDocumentType(KARTU_KELUARGA)).to.equal(false);
      expect(await documents.isDocumentType(ZERO)).to.equal(false);
      expect(await documents.documentTypeDescription(IZIN_USAHA)).to.equal("Izin usaha");
      expect(await documents.documentTypeDescription(KARTU_KELUARGA)).to.equal("");
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A)).to.equal(true);
      expect(await documents.isTrustedDocumentIssuer(IZIN_USAHA, AGENCY_B)).to.equal(true);
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_B)).to.equal(false);
      expect(await documents.isTrustedDocumentIssuer(IZIN_USAHA, AGENCY_A)).to.equal(false);
      expect(await documents.isTrustedDocumentIssuer(KARTU_KELUARGA, AGENCY_A)).to.equal(false);
      expect(await documents.isTrustedDocumentIssuer(AKTA_KELAHIRAN, 0n)).to.equal(false);
    });
  });

  describe("issue", function () {
    it("lets an officer of an active agency issue a fingerprint and verifies it Valid", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_A, AKTA_KELAHIRAN, officerA.address, 0);
      const issuedAt = await time.latest();
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
      );
    });

    it("lets the agency's admin issue a fingerprint", async function () {
      const { documents, adminA } = await loadFixture(cityFixture);
      await expect(documents.connect(adminA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_A, AKTA_KELAHIRAN, adminA.address, 0);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, await time.latest()),
      );
    });

    it("records the agency of the officer who issues", async function () {
      const { documents, officerB } = await loadFixture(cityFixture);
      await expect(documents.connect(officerB).issue(SINGLE, IZIN_USAHA, 0))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_B, IZIN_USAHA, officerB.address, 0);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_B, await time.latest()),
      );
    });

    it("records the issue time as the block timestamp", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const at = (await time.latest()) + 1_000;
      await time.setNextBlockTimestamp(at);
      await documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
      const { issuedAt } = await documents.verify(SINGLE, ZERO, []);
      expect(issuedAt).to.equal(BigInt(at));
    });

    it("records a future expiry", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const expiresAt = (await time.latest()) + 365 * DAY;
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, expiresAt))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_A, AKTA_KELAHIRAN, officerA.address, expiresAt);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, await time.latest(), expiresAt),
      );
    });

    it("accepts an expiry one second after the block time", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, at + 1))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_A, AKTA_KELAHIRAN, officerA.address, at + 1);
    });

    it("accepts the largest expiry a uint40 holds", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, MAX_UINT40))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_A, AKTA_KELAHIRAN, officerA.address, MAX_UINT40);
      expect((await documents.verify(SINGLE, ZERO, [])).expiresAt).to.equal(MAX_UINT40);
    });

    it("rejects a stranger", async function () {
      const { documents, stranger } = await loadFixture(cityFixture);
      await expect(documents.connect(stranger).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(stranger.address);
    });

    it("rejects a citizen", async function () {
      const { documents, citizen } = await loadFixture(cityFixture);
      await expect(documents.connect(citizen).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(citizen.address);
    });

    it("rejects the governor, who is no agency's officer", async function () {
      const { documents, governor } = await loadFixture(cityFixture);
      await expect(documents.connect(governor).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(governor.address);
    });

    it("rejects an officer and the admin of a suspended agency", async function () {
      const { directory, documents, governor, officerA, adminA } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(officerA.address);
      await expect(documents.connect(adminA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(adminA.address);
    });

    it("rejects an officer removed from the agency", async function () {
      const { directory, documents, adminA, officerA } = await loadFixture(cityFixture);
      await directory.connect(adminA).removeOfficer(officerA.address);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(officerA.address);
    });

    it("rejects the zero fingerprint", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issue(ZERO, AKTA_KELAHIRAN, 0)).to.be.revertedWithCustomError(
        documents,
        "DocumentsZeroHash",
      );
    });

    it("rejects an expiry in the past", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const expiresAt = (await time.latest()) - 1;
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, expiresAt))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidExpiry")
        .withArgs(expiresAt);
    });

    it("rejects an expiry equal to the block time", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, at))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidExpiry")
        .withArgs(at);
    });

    it("rejects an expiry beyond what a uint40 holds", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, MAX_UINT40 + 1n))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidExpiry")
        .withArgs(MAX_UINT40 + 1n);
    });

    it("issues a fingerprint only once, whoever asks the second time", async function () {
      const { documents, officerA, officerB, issuedAt } = await loadFixture(singleFixture);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyIssued")
        .withArgs(SINGLE);
      await expect(documents.connect(officerB).issue(SINGLE, IZIN_USAHA, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyIssued")
        .withArgs(SINGLE);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
      );
    });

    it("rejects an officer whose agency is not trusted for the document type", async function () {
      const { documents, officerB, adminB, officerA } = await loadFixture(cityFixture);
      for (const signer of [officerB, adminB]) {
        await expect(documents.connect(signer).issue(SINGLE, AKTA_KELAHIRAN, 0))
          .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
          .withArgs(AKTA_KELAHIRAN, AGENCY_B);
      }
      await expect(documents.connect(officerA).issue(SINGLE, IZIN_USAHA, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(IZIN_USAHA, AGENCY_A);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(UNKNOWN);
    });

    it("rejects a document type that is not registered, including zero", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      for (const docType of [KARTU_KELUARGA, ZERO]) {
        await expect(documents.connect(officerA).issue(SINGLE, docType, 0))
          .to.be.revertedWithCustomError(documents, "DocumentsUnknownType")
          .withArgs(docType);
      }
    });

    it("checks the officer first, then the document type, then the fingerprint", async function () {
      const { documents, stranger, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(stranger).issue(ZERO, KARTU_KELUARGA, 1))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(stranger.address);
      await expect(documents.connect(officerA).issue(ZERO, KARTU_KELUARGA, 1))
        .to.be.revertedWithCustomError(documents, "DocumentsUnknownType")
        .withArgs(KARTU_KELUARGA);
      await expect(documents.connect(officerA).issue(ZERO, IZIN_USAHA, 1))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(IZIN_USAHA, AGENCY_A);
      await expect(documents.connect(officerA).issue(ZERO, AKTA_KELAHIRAN, 1)).to.be.revertedWithCustomError(
        documents,
        "DocumentsZeroHash",
      );
    });

    it("records the document type, returned by verify", async function () {
      const { documents, governor, officerA } = await loadFixture(cityFixture);
      await documents.connect(governor).registerDocumentType(KARTU_KELUARGA, "Kartu keluarga");
      await documents.connect(governor).setTrustedDocumentIssuer(KARTU_KELUARGA, AGENCY_A, true);
      await documents.connect(officerA).issue(SINGLE, KARTU_KELUARGA, 0);
      expect((await documents.verify(SINGLE, ZERO, [])).docType).to.equal(KARTU_KELUARGA);
      await documents.connect(officerA).issue(OUTSIDER, AKTA_KELAHIRAN, 0);
      expect((await documents.verify(OUTSIDER, ZERO, [])).docType).to.equal(AKTA_KELAHIRAN);
    });

    it("refuses to issue again a fingerprint that was revoked", async function () {
      const { documents, officerA } = await loadFixture(singleFixture);
      await documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON);
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyIssued")
        .withArgs(SINGLE);
    });
  });

  describe("issueBatch", function () {
    it("lets an officer anchor a batch root and records it", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "BatchIssued")
        .withArgs(BATCH_ROOT, AGENCY_A, AKTA_KELAHIRAN, officerA.address, BATCH_SIZE, 0);
      const issuedAt = BigInt(await time.latest());
      expect([...(await documents.getBatch(BATCH_ROOT))]).to.deep.equal([
        AGENCY_A,
        BigInt(BATCH_SIZE),
        issuedAt,
        0n,
        0n,
        AKTA_KELAHIRAN,
      ]);
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[0], BATCH_ROOT, BATCH_PROOFS[0])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
      );
    });

    it("lets the agency's admin anchor a batch", async function () {
      const { documents, adminA } = await loadFixture(cityFixture);
      await expect(documents.connect(adminA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "BatchIssued")
        .withArgs(BATCH_ROOT, AGENCY_A, AKTA_KELAHIRAN, adminA.address, BATCH_SIZE, 0);
      expect((await documents.getBatch(BATCH_ROOT)).agencyId).to.equal(AGENCY_A);
    });

    it("records the agency of the officer who anchors", async function () {
      const { documents, officerB } = await loadFixture(cityFixture);
      await expect(documents.connect(officerB).issueBatch(BATCH_ROOT, BATCH_SIZE, IZIN_USAHA, 0))
        .to.emit(documents, "BatchIssued")
        .withArgs(BATCH_ROOT, AGENCY_B, IZIN_USAHA, officerB.address, BATCH_SIZE, 0);
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[5], BATCH_ROOT, BATCH_PROOFS[5])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_B, await time.latest()),
      );
    });

    it("records a batch expiry that applies to every member", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const expiresAt = (await time.latest()) + 30 * DAY;
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, expiresAt))
        .to.emit(documents, "BatchIssued")
        .withArgs(BATCH_ROOT, AGENCY_A, AKTA_KELAHIRAN, officerA.address, BATCH_SIZE, expiresAt);
      const issuedAt = await time.latest();
      expect((await documents.getBatch(BATCH_ROOT)).expiresAt).to.equal(BigInt(expiresAt));
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[999], BATCH_ROOT, BATCH_PROOFS[999])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt, expiresAt),
      );
    });

    it("accepts the largest expiry a uint40 holds", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, MAX_UINT40))
        .to.emit(documents, "BatchIssued")
        .withArgs(BATCH_ROOT, AGENCY_A, AKTA_KELAHIRAN, officerA.address, BATCH_SIZE, MAX_UINT40);
      expect((await documents.getBatch(BATCH_ROOT)).expiresAt).to.equal(MAX_UINT40);
    });

    it("rejects a stranger", async function () {
      const { documents, stranger } = await loadFixture(cityFixture);
      await expect(documents.connect(stranger).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(stranger.address);
    });

    it("rejects a citizen", async function () {
      const { documents, citizen } = await loadFixture(cityFixture);
      await expect(documents.connect(citizen).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(citizen.address);
    });

    it("rejects an officer of a suspended agency", async function () {
      const { directory, documents, governor, officerA } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsNotOfficer")
        .withArgs(officerA.address);
    });

    it("rejects the zero root", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(
        documents.connect(officerA).issueBatch(ZERO, BATCH_SIZE, AKTA_KELAHIRAN, 0),
      ).to.be.revertedWithCustomError(documents, "DocumentsZeroHash");
    });

    it("rejects an officer whose agency is not trusted for the document type", async function () {
      const { documents, officerB } = await loadFixture(cityFixture);
      await expect(documents.connect(officerB).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(AKTA_KELAHIRAN, AGENCY_B);
      expect((await documents.getBatch(BATCH_ROOT)).issuedAt).to.equal(0n);
    });

    it("rejects a document type that is not registered, including zero", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      for (const docType of [KARTU_KELUARGA, ZERO]) {
        await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, docType, 0))
          .to.be.revertedWithCustomError(documents, "DocumentsUnknownType")
          .withArgs(docType);
      }
    });

    it("rejects an empty batch", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(
        documents.connect(officerA).issueBatch(BATCH_ROOT, 0, AKTA_KELAHIRAN, 0),
      ).to.be.revertedWithCustomError(documents, "DocumentsEmptyBatch");
    });

    it("rejects an expiry in the past", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const expiresAt = (await time.latest()) - DAY;
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, expiresAt))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidExpiry")
        .withArgs(expiresAt);
    });

    it("rejects an expiry equal to the block time", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      const at = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(at);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, at))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidExpiry")
        .withArgs(at);
    });

    it("rejects an expiry beyond what a uint40 holds", async function () {
      const { documents, officerA } = await loadFixture(cityFixture);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, MAX_UINT40 + 1n))
        .to.be.revertedWithCustomError(documents, "DocumentsInvalidExpiry")
        .withArgs(MAX_UINT40 + 1n);
    });

    it("anchors a root only once, whoever asks the second time", async function () {
      const { documents, officerA, officerB, issuedAt } = await loadFixture(batchFixture);
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyIssued")
        .withArgs(BATCH_ROOT);
      await expect(documents.connect(officerB).issueBatch(BATCH_ROOT, 1, IZIN_USAHA, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyIssued")
        .withArgs(BATCH_ROOT);
      expect([...(await documents.getBatch(BATCH_ROOT))]).to.deep.equal([
        AGENCY_A,
        BigInt(BATCH_SIZE),
        issuedAt,
        0n,
        0n,
        AKTA_KELAHIRAN,
      ]);
    });
  });

  describe("getBatch", function () {
    it("returns zeros for a root that was never anchored", async function () {
      const { documents } = await loadFixture(batchFixture);
      expect([...(await documents.getBatch(OTHER_TREE.root))]).to.deep.equal([0n, 0n, 0n, 0n, 0n, ZERO]);
    });

    it("returns the revocation time once the batch is revoked", async function () {
      const { documents, officerA, issuedAt } = await loadFixture(batchFixture);
      await documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON);
      const revokedAt = BigInt(await time.latest());
      expect([...(await documents.getBatch(BATCH_ROOT))]).to.deep.equal([
        AGENCY_A,
        BigInt(BATCH_SIZE),
        issuedAt,
        0n,
        revokedAt,
        AKTA_KELAHIRAN,
      ]);
    });
  });

  describe("verify", function () {
    describe("a single document", function () {
      it("returns Unknown with zeros for a fingerprint never issued", async function () {
        const { documents } = await loadFixture(singleFixture);
        expect(await verifyOf(documents, OUTSIDER, ZERO, [])).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for an issued fingerprint presented with root 0 and a non-empty proof", async function () {
        const { documents, issuedAt } = await loadFixture(singleFixture);
        expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
        );
        expect(await verifyOf(documents, SINGLE, ZERO, [leafOf(SINGLE)])).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for a singly issued fingerprint presented under a batch root", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
        expect(await verifyOf(documents, SINGLE, BATCH_ROOT, BATCH_PROOFS[0])).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for a file changed by one byte", async function () {
        const { documents } = await loadFixture(singleFixture);
        const altered = Buffer.from(SINGLE_FILE);
        altered[altered.length - 2] ^= 0x01;
        expect(await verifyOf(documents, sha256(altered), ZERO, [])).to.deep.equal(UNKNOWN);
      });
    });

    describe("a batch member", function () {
      it("verifies every one of the 1,000 documents of a batch Valid with its own proof", async function () {
        const { documents, issuedAt } = await loadFixture(batchFixture);
        const all = BATCH_FINGERPRINTS.map((_, i) => i);
        const results = await verifyMembers(documents, all);
        expect(results).to.have.length(BATCH_SIZE);
        expect(mismatches(all, results, verified(DocumentStatus.Valid, AGENCY_A, issuedAt))).to.deep.equal([]);
      });

      it("returns Unknown for a member presented with another member's proof", async function () {
        const { documents } = await loadFixture(batchFixture);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[10], BATCH_ROOT, BATCH_PROOFS[11])).to.deep.equal(UNKNOWN);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[10], BATCH_ROOT, BATCH_PROOFS[900])).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for a proof with a tampered element", async function () {
        const { documents } = await loadFixture(batchFixture);
        for (const position of [0, 4, BATCH_PROOFS[10].length - 1]) {
          const proof = [...BATCH_PROOFS[10]];
          proof[position] = tamper(proof[position]);
          expect(await verifyOf(documents, BATCH_FINGERPRINTS[10], BATCH_ROOT, proof)).to.deep.equal(UNKNOWN);
        }
      });

      it("returns Unknown for a truncated or an empty proof", async function () {
        const { documents } = await loadFixture(batchFixture);
        const proof = BATCH_PROOFS[10];
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[10], BATCH_ROOT, proof.slice(0, -1))).to.deep.equal(
          UNKNOWN,
        );
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[10], BATCH_ROOT, [])).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for a proof presented under another anchored root", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await documents.connect(officerA).issueBatch(OTHER_TREE.root, OTHER_FILES.length, AKTA_KELAHIRAN, 0);
        const otherIssuedAt = await time.latest();
        expect(await verifyOf(documents, OTHER_FINGERPRINTS[3], OTHER_TREE.root, OTHER_TREE.getProof(3))).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, otherIssuedAt),
        );
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[3], OTHER_TREE.root, BATCH_PROOFS[3])).to.deep.equal(
          UNKNOWN,
        );
        expect(await verifyOf(documents, OTHER_FINGERPRINTS[3], BATCH_ROOT, OTHER_TREE.getProof(3))).to.deep.equal(
          UNKNOWN,
        );
      });

      it("returns Unknown for a valid proof under a root that was never anchored", async function () {
        const { documents } = await loadFixture(batchFixture);
        const proof = OTHER_TREE.getProof(3);
        expect(processProof(leafOf(OTHER_FINGERPRINTS[3]), proof)).to.equal(OTHER_TREE.root);
        expect(await verifyOf(documents, OTHER_FINGERPRINTS[3], OTHER_TREE.root, proof)).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for a document that is not in the batch", async function () {
        const { documents } = await loadFixture(batchFixture);
        expect(await verifyOf(documents, OUTSIDER, BATCH_ROOT, BATCH_PROOFS[0])).to.deep.equal(UNKNOWN);
        expect(await verifyOf(documents, OUTSIDER, BATCH_ROOT, [])).to.deep.equal(UNKNOWN);
      });

      it("returns Unknown for a batch member presented as a single document", async function () {
        const { documents } = await loadFixture(batchFixture);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[0], ZERO, [])).to.deep.equal(UNKNOWN);
      });

      it("does not accept an inner node of the tree as a document, with its sub-proof", async function () {
        const { documents } = await loadFixture(batchFixture);
        for (const member of [0, 321, 999]) {
          for (let levels = 1; levels <= 3; levels++) {
            const inner = BATCH_DUMP.tree[ancestorOf(TREE_INDEX[member], levels)];
            const subProof = BATCH_PROOFS[member].slice(levels);
            // The pair (inner, subProof) does lead to the root: a single-hashed leaf scheme would accept it.
            expect(processProof(inner, subProof)).to.equal(BATCH_ROOT);
            expect(await verifyOf(documents, inner, BATCH_ROOT, subProof)).to.deep.equal(UNKNOWN);
          }
        }
      });

      it("does not accept the root as a document with an empty proof", async function () {
        const { documents } = await loadFixture(batchFixture);
        expect(await verifyOf(documents, BATCH_ROOT, BATCH_ROOT, [])).to.deep.equal(UNKNOWN);
      });

      it("verifies a one-document batch, whose root is its leaf, with an empty proof", async function () {
        const { documents, officerA } = await loadFixture(cityFixture);
        const tree = StandardMerkleTree.of([[SINGLE]], ["bytes32"]);
        expect(tree.root).to.equal(leafOf(SINGLE));
        expect(tree.getProof(0)).to.deep.equal([]);
        await expect(documents.connect(officerA).issueBatch(tree.root, 1, AKTA_KELAHIRAN, 0))
          .to.emit(documents, "BatchIssued")
          .withArgs(tree.root, AGENCY_A, AKTA_KELAHIRAN, officerA.address, 1, 0);
        expect(await verifyOf(documents, SINGLE, tree.root, [])).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, await time.latest()),
        );
        expect(await verifyOf(documents, OUTSIDER, tree.root, [])).to.deep.equal(UNKNOWN);
      });
    });
  });

  describe("revoke", function () {
    describe("a single document", function () {
      it("lets an officer of the issuing agency revoke it, with a public reason", async function () {
        const { documents, officerA, issuedAt } = await loadFixture(singleFixture);
        await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON))
          .to.emit(documents, "DocumentRevoked")
          .withArgs(SINGLE, ZERO, AGENCY_A, officerA.address, REASON);
        expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
        );
      });

      it("lets the issuing agency's admin revoke it", async function () {
        const { documents, adminA, issuedAt } = await loadFixture(singleFixture);
        await expect(documents.connect(adminA).revoke(SINGLE, ZERO, [], REASON))
          .to.emit(documents, "DocumentRevoked")
          .withArgs(SINGLE, ZERO, AGENCY_A, adminA.address, REASON);
        expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
        );
      });

      it("lets another officer of the issuing agency revoke what a colleague issued", async function () {
        const { directory, documents, adminA, citizen2 } = await loadFixture(singleFixture);
        await directory.connect(adminA).addOfficer(AGENCY_A, citizen2.address);
        await expect(documents.connect(citizen2).revoke(SINGLE, ZERO, [], REASON))
          .to.emit(documents, "DocumentRevoked")
          .withArgs(SINGLE, ZERO, AGENCY_A, citizen2.address, REASON);
        expect((await documents.verify(SINGLE, ZERO, [])).status).to.equal(BigInt(DocumentStatus.Revoked));
      });

      it("rejects an officer and the admin of another agency", async function () {
        const { documents, officerB, adminB, issuedAt } = await loadFixture(singleFixture);
        await expect(documents.connect(officerB).revoke(SINGLE, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(officerB.address, AGENCY_A);
        await expect(documents.connect(adminB).revoke(SINGLE, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(adminB.address, AGENCY_A);
        expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
        );
      });

      it("rejects a stranger", async function () {
        const { documents, stranger } = await loadFixture(singleFixture);
        await expect(documents.connect(stranger).revoke(SINGLE, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(stranger.address, AGENCY_A);
      });

      it("lets the governor revoke it, as it may revoke any attestation", async function () {
        const { documents, governor, issuedAt } = await loadFixture(singleFixture);
        await expect(documents.connect(governor).revoke(SINGLE, ZERO, [], REASON))
          .to.emit(documents, "DocumentRevoked")
          .withArgs(SINGLE, ZERO, AGENCY_A, governor.address, REASON);
        expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
        );
      });

      it("rejects the issuing officer once removed from the agency", async function () {
        const { directory, documents, adminA, officerA } = await loadFixture(singleFixture);
        await directory.connect(adminA).removeOfficer(officerA.address);
        await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(officerA.address, AGENCY_A);
      });

      it("rejects a fingerprint that was never issued", async function () {
        const { documents, officerA } = await loadFixture(singleFixture);
        await expect(documents.connect(officerA).revoke(OUTSIDER, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsNotIssued")
          .withArgs(OUTSIDER, ZERO);
      });

      it("rejects an issued fingerprint presented with root 0 and a non-empty proof", async function () {
        const { documents, officerA, issuedAt } = await loadFixture(singleFixture);
        await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [leafOf(SINGLE)], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsNotIssued")
          .withArgs(SINGLE, ZERO);
        expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
        );
      });

      it("rejects a batch member presented as a single document", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await expect(documents.connect(officerA).revoke(BATCH_FINGERPRINTS[0], ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsNotIssued")
          .withArgs(BATCH_FINGERPRINTS[0], ZERO);
      });

      it("revokes a document only once", async function () {
        const { documents, officerA, adminA } = await loadFixture(singleFixture);
        await documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON);
        await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
          .withArgs(SINGLE, ZERO);
        await expect(documents.connect(adminA).revoke(SINGLE, ZERO, [], code("LAIN")))
          .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
          .withArgs(SINGLE, ZERO);
      });
    });

    describe("a batch member", function () {
      it("revokes one member of the 1,000-document batch and leaves every other member Valid", async function () {
        const { documents, officerA, issuedAt } = await loadFixture(batchFixture);
        const revoked = 417;
        await expect(
          documents.connect(officerA).revoke(BATCH_FINGERPRINTS[revoked], BATCH_ROOT, BATCH_PROOFS[revoked], REASON),
        )
          .to.emit(documents, "DocumentRevoked")
          .withArgs(BATCH_FINGERPRINTS[revoked], BATCH_ROOT, AGENCY_A, officerA.address, REASON);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[revoked], BATCH_ROOT, BATCH_PROOFS[revoked])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
        );

        // Its neighbours: every member under its great-grandparent node, whose proofs share the
        // revoked member's path (the sibling's proof starts with the revoked member's leaf).
        const subtree = ancestorOf(TREE_INDEX[revoked], 3);
        const neighbours = TREE_INDEX.map((t, i) => ({ t, i }))
          .filter(({ t, i }) => {
            if (i === revoked) return false;
            let node = t;
            while (node > subtree) node = parentOf(node);
            return node === subtree;
          })
          .map(({ i }) => i);
        const sibling = neighbours.find((i) => BATCH_PROOFS[i][0] === leafOf(BATCH_FINGERPRINTS[revoked]));
        expect(sibling, "the revoked member's sibling leaf").to.not.equal(undefined);
        expect(neighbours.length).to.be.at.least(6);

        // And a sample of 50 members across the whole batch.
        const sample = Array.from({ length: 50 }, (_, n) => n * 20 + 3).filter((i) => i !== revoked);
        const others = [...neighbours, ...sample];
        const results = await verifyMembers(documents, others);
        expect(mismatches(others, results, verified(DocumentStatus.Valid, AGENCY_A, issuedAt))).to.deep.equal([]);
        expect((await documents.getBatch(BATCH_ROOT)).revokedAt).to.equal(0n);
      });

      it("lets the issuing agency's admin revoke a member", async function () {
        const { documents, adminA, issuedAt } = await loadFixture(batchFixture);
        await expect(documents.connect(adminA).revoke(BATCH_FINGERPRINTS[0], BATCH_ROOT, BATCH_PROOFS[0], REASON))
          .to.emit(documents, "DocumentRevoked")
          .withArgs(BATCH_FINGERPRINTS[0], BATCH_ROOT, AGENCY_A, adminA.address, REASON);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[0], BATCH_ROOT, BATCH_PROOFS[0])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
        );
      });

      it("rejects an officer of another agency and a stranger", async function () {
        const { documents, officerB, stranger } = await loadFixture(batchFixture);
        for (const signer of [officerB, stranger]) {
          await expect(documents.connect(signer).revoke(BATCH_FINGERPRINTS[1], BATCH_ROOT, BATCH_PROOFS[1], REASON))
            .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
            .withArgs(signer.address, AGENCY_A);
        }
      });

      it("rejects another member's proof", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await expect(documents.connect(officerA).revoke(BATCH_FINGERPRINTS[1], BATCH_ROOT, BATCH_PROOFS[2], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsInvalidProof")
          .withArgs(BATCH_FINGERPRINTS[1], BATCH_ROOT);
      });

      it("rejects a proof with a tampered element", async function () {
        const { documents, officerA, issuedAt } = await loadFixture(batchFixture);
        const proof = [...BATCH_PROOFS[1]];
        proof[3] = tamper(proof[3]);
        await expect(documents.connect(officerA).revoke(BATCH_FINGERPRINTS[1], BATCH_ROOT, proof, REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsInvalidProof")
          .withArgs(BATCH_FINGERPRINTS[1], BATCH_ROOT);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[1], BATCH_ROOT, BATCH_PROOFS[1])).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
        );
      });

      it("rejects a document that is not in the batch", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await expect(documents.connect(officerA).revoke(OUTSIDER, BATCH_ROOT, BATCH_PROOFS[0], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsInvalidProof")
          .withArgs(OUTSIDER, BATCH_ROOT);
      });

      it("rejects an inner node of the tree presented as a document", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        const member = 321;
        const inner = BATCH_DUMP.tree[parentOf(TREE_INDEX[member])];
        const subProof = BATCH_PROOFS[member].slice(1);
        expect(inner).to.equal(hashPair(leafOf(BATCH_FINGERPRINTS[member]), BATCH_PROOFS[member][0]));
        expect(processProof(inner, subProof)).to.equal(BATCH_ROOT);
        await expect(documents.connect(officerA).revoke(inner, BATCH_ROOT, subProof, REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsInvalidProof")
          .withArgs(inner, BATCH_ROOT);
      });

      it("rejects a proof under a root that was never anchored", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await expect(
          documents.connect(officerA).revoke(OTHER_FINGERPRINTS[0], OTHER_TREE.root, OTHER_TREE.getProof(0), REASON),
        )
          .to.be.revertedWithCustomError(documents, "DocumentsNotIssued")
          .withArgs(OTHER_FINGERPRINTS[0], OTHER_TREE.root);
      });

      it("rejects a proof under another anchored root", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        await documents.connect(officerA).issueBatch(OTHER_TREE.root, OTHER_FILES.length, AKTA_KELAHIRAN, 0);
        await expect(
          documents.connect(officerA).revoke(BATCH_FINGERPRINTS[0], OTHER_TREE.root, BATCH_PROOFS[0], REASON),
        )
          .to.be.revertedWithCustomError(documents, "DocumentsInvalidProof")
          .withArgs(BATCH_FINGERPRINTS[0], OTHER_TREE.root);
      });

      it("revokes a member only once", async function () {
        const { documents, officerA, adminA } = await loadFixture(batchFixture);
        await documents.connect(officerA).revoke(BATCH_FINGERPRINTS[9], BATCH_ROOT, BATCH_PROOFS[9], REASON);
        for (const signer of [officerA, adminA]) {
          await expect(documents.connect(signer).revoke(BATCH_FINGERPRINTS[9], BATCH_ROOT, BATCH_PROOFS[9], REASON))
            .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
            .withArgs(BATCH_FINGERPRINTS[9], BATCH_ROOT);
        }
      });

      it("revokes the anchor everywhere: the same fingerprint issued singly is Revoked too", async function () {
        const { documents, officerA, issuedAt } = await loadFixture(batchFixture);
        await documents.connect(officerA).issue(BATCH_FINGERPRINTS[9], AKTA_KELAHIRAN, 0);
        const singleIssuedAt = await time.latest();
        const tx = await documents.connect(officerA).revoke(BATCH_FINGERPRINTS[9], BATCH_ROOT, BATCH_PROOFS[9], REASON);
        const first = await documents.anchorRevokedAt(BATCH_FINGERPRINTS[9]);
        expect([first.revokedAt, first.agencyId]).to.deep.equal([BigInt((await tx.getBlock())!.timestamp), AGENCY_A]);
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[9], BATCH_ROOT, BATCH_PROOFS[9])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
        );
        expect(await verifyOf(documents, BATCH_FINGERPRINTS[9], ZERO, [])).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_A, singleIssuedAt),
        );
        await expect(documents.connect(officerA).revoke(BATCH_FINGERPRINTS[9], ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
          .withArgs(BATCH_FINGERPRINTS[9], ZERO);
      });

      it("records the anchor, not the root: anchorRevokedAt is 0 until a member is revoked", async function () {
        const { documents, officerA } = await loadFixture(batchFixture);
        expect((await documents.anchorRevokedAt(BATCH_FINGERPRINTS[3])).revokedAt).to.equal(0n);
        await documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON);
        // Withdrawing the root revokes no anchor by itself.
        expect((await documents.anchorRevokedAt(BATCH_FINGERPRINTS[3])).revokedAt).to.equal(0n);
        expect((await documents.anchorRevokedAt(BATCH_ROOT)).revokedAt).to.equal(0n);
      });
    });
  });

  describe("revokeBatch", function () {
    it("revokes every member of the batch", async function () {
      const { documents, officerA, issuedAt } = await loadFixture(batchFixture);
      await expect(documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON))
        .to.emit(documents, "BatchRevoked")
        .withArgs(BATCH_ROOT, AGENCY_A, officerA.address, REASON);
      expect((await documents.getBatch(BATCH_ROOT)).revokedAt).to.equal(BigInt(await time.latest()));
      const all = BATCH_FINGERPRINTS.map((_, i) => i);
      const results = await verifyMembers(documents, all);
      expect(results).to.have.length(BATCH_SIZE);
      expect(mismatches(all, results, verified(DocumentStatus.Revoked, AGENCY_A, issuedAt))).to.deep.equal([]);
    });

    it("lets the issuing agency's admin revoke a batch", async function () {
      const { documents, adminA } = await loadFixture(batchFixture);
      await expect(documents.connect(adminA).revokeBatch(BATCH_ROOT, REASON))
        .to.emit(documents, "BatchRevoked")
        .withArgs(BATCH_ROOT, AGENCY_A, adminA.address, REASON);
      expect((await documents.verify(BATCH_FINGERPRINTS[0], BATCH_ROOT, BATCH_PROOFS[0])).status).to.equal(
        BigInt(DocumentStatus.Revoked),
      );
    });

    it("rejects a member revocation once the batch is revoked", async function () {
      const { documents, officerA } = await loadFixture(batchFixture);
      await documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON);
      await expect(documents.connect(officerA).revoke(BATCH_FINGERPRINTS[5], BATCH_ROOT, BATCH_PROOFS[5], REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
        .withArgs(BATCH_FINGERPRINTS[5], BATCH_ROOT);
    });

    it("revokes a batch one of whose members was already revoked", async function () {
      const { documents, officerA, issuedAt } = await loadFixture(batchFixture);
      await documents.connect(officerA).revoke(BATCH_FINGERPRINTS[5], BATCH_ROOT, BATCH_PROOFS[5], REASON);
      await expect(documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON))
        .to.emit(documents, "BatchRevoked")
        .withArgs(BATCH_ROOT, AGENCY_A, officerA.address, REASON);
      const sample = [4, 5, 6];
      const results = await verifyMembers(documents, sample);
      expect(mismatches(sample, results, verified(DocumentStatus.Revoked, AGENCY_A, issuedAt))).to.deep.equal([]);
    });

    it("rejects an officer and the admin of another agency, and a stranger", async function () {
      const { documents, officerB, adminB, stranger } = await loadFixture(batchFixture);
      for (const signer of [officerB, adminB, stranger]) {
        await expect(documents.connect(signer).revokeBatch(BATCH_ROOT, REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(signer.address, AGENCY_A);
      }
      expect((await documents.getBatch(BATCH_ROOT)).revokedAt).to.equal(0n);
    });

    it("revokes a batch only once", async function () {
      const { documents, officerA, adminA } = await loadFixture(batchFixture);
      await documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON);
      const revokedAt = (await documents.getBatch(BATCH_ROOT)).revokedAt;
      await expect(documents.connect(adminA).revokeBatch(BATCH_ROOT, REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
        .withArgs(BATCH_ROOT, BATCH_ROOT);
      expect((await documents.getBatch(BATCH_ROOT)).revokedAt).to.equal(revokedAt);
    });

    it("rejects a root that was never anchored", async function () {
      const { documents, officerA } = await loadFixture(batchFixture);
      await expect(documents.connect(officerA).revokeBatch(OTHER_TREE.root, REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsNotIssued")
        .withArgs(OTHER_TREE.root, OTHER_TREE.root);
    });

    it("does not revoke a singly issued document whose fingerprint is passed as a root", async function () {
      const { documents, officerA } = await loadFixture(singleFixture);
      await expect(documents.connect(officerA).revokeBatch(SINGLE, REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsNotIssued")
        .withArgs(SINGLE, SINGLE);
    });
  });

  describe("expiry", function () {
    it("keeps a single document Valid until the second before expiresAt and Expired from then on", async function () {
      const { documents, expiresAt, singleIssuedAt } = await loadFixture(expiringFixture);
      await time.increaseTo(expiresAt - 1n);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, singleIssuedAt, expiresAt),
      );
      await time.increaseTo(expiresAt);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Expired, AGENCY_A, singleIssuedAt, expiresAt),
      );
      await time.increase(365 * DAY);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Expired, AGENCY_A, singleIssuedAt, expiresAt),
      );
    });

    it("keeps batch members Valid until the second before expiresAt and Expired from then on", async function () {
      const { documents, expiresAt, batchIssuedAt } = await loadFixture(expiringFixture);
      const sample = [0, 1, 500, 998, 999];
      await time.increaseTo(expiresAt - 1n);
      let results = await verifyMembers(documents, sample);
      expect(
        mismatches(sample, results, verified(DocumentStatus.Valid, AGENCY_A, batchIssuedAt, expiresAt)),
      ).to.deep.equal([]);
      await time.increaseTo(expiresAt);
      results = await verifyMembers(documents, sample);
      expect(
        mismatches(sample, results, verified(DocumentStatus.Expired, AGENCY_A, batchIssuedAt, expiresAt)),
      ).to.deep.equal([]);
      await time.increase(DAY);
      results = await verifyMembers(documents, sample);
      expect(
        mismatches(sample, results, verified(DocumentStatus.Expired, AGENCY_A, batchIssuedAt, expiresAt)),
      ).to.deep.equal([]);
    });

    it("reports a revoked and expired document as Revoked", async function () {
      const { documents, officerA, expiresAt, singleIssuedAt, batchIssuedAt } = await loadFixture(expiringFixture);
      await documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON);
      await documents.connect(officerA).revoke(BATCH_FINGERPRINTS[7], BATCH_ROOT, BATCH_PROOFS[7], REASON);
      await time.increaseTo(expiresAt + BigInt(DAY));
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, singleIssuedAt, expiresAt),
      );
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[7], BATCH_ROOT, BATCH_PROOFS[7])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, batchIssuedAt, expiresAt),
      );
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[8], BATCH_ROOT, BATCH_PROOFS[8])).to.deep.equal(
        verified(DocumentStatus.Expired, AGENCY_A, batchIssuedAt, expiresAt),
      );
    });

    it("reports the members of a revoked and expired batch as Revoked", async function () {
      const { documents, officerA, expiresAt, batchIssuedAt } = await loadFixture(expiringFixture);
      await documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON);
      await time.increaseTo(expiresAt);
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[8], BATCH_ROOT, BATCH_PROOFS[8])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, batchIssuedAt, expiresAt),
      );
    });

    it("still lets the issuing agency revoke an expired document", async function () {
      const { documents, officerA, expiresAt, singleIssuedAt } = await loadFixture(expiringFixture);
      await time.increaseTo(expiresAt);
      await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON))
        .to.emit(documents, "DocumentRevoked")
        .withArgs(SINGLE, ZERO, AGENCY_A, officerA.address, REASON);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, singleIssuedAt, expiresAt),
      );
    });
  });

  describe("agency suspension", function () {
    async function suspendedFixture() {
      const d = await batchFixture();
      await d.documents.connect(d.officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
      const singleIssuedAt = BigInt(await time.latest());
      await d.directory.connect(d.governor).setAgencyActive(AGENCY_A, false);
      return { ...d, singleIssuedAt };
    }

    it("keeps documents Valid when their agency is later suspended", async function () {
      const { directory, documents, issuedAt, singleIssuedAt } = await loadFixture(suspendedFixture);
      expect(await directory.isAgencyActive(AGENCY_A)).to.equal(false);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, singleIssuedAt),
      );
      const sample = [0, 250, 999];
      const results = await verifyMembers(documents, sample);
      expect(mismatches(sample, results, verified(DocumentStatus.Valid, AGENCY_A, issuedAt))).to.deep.equal([]);
    });

    it("stops the suspended agency's officers and admin from revoking", async function () {
      const { documents, officerA, adminA } = await loadFixture(suspendedFixture);
      for (const signer of [officerA, adminA]) {
        await expect(documents.connect(signer).revoke(SINGLE, ZERO, [], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(signer.address, AGENCY_A);
        await expect(documents.connect(signer).revoke(BATCH_FINGERPRINTS[0], BATCH_ROOT, BATCH_PROOFS[0], REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(signer.address, AGENCY_A);
        await expect(documents.connect(signer).revokeBatch(BATCH_ROOT, REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
          .withArgs(signer.address, AGENCY_A);
      }
    });

    it("lets the officers revoke again once the agency is reactivated", async function () {
      const { directory, documents, governor, officerA, issuedAt, singleIssuedAt } =
        await loadFixture(suspendedFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, true);
      await expect(documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON))
        .to.emit(documents, "DocumentRevoked")
        .withArgs(SINGLE, ZERO, AGENCY_A, officerA.address, REASON);
      await expect(documents.connect(officerA).revoke(BATCH_FINGERPRINTS[0], BATCH_ROOT, BATCH_PROOFS[0], REASON))
        .to.emit(documents, "DocumentRevoked")
        .withArgs(BATCH_FINGERPRINTS[0], BATCH_ROOT, AGENCY_A, officerA.address, REASON);
      await expect(documents.connect(officerA).revokeBatch(BATCH_ROOT, REASON))
        .to.emit(documents, "BatchRevoked")
        .withArgs(BATCH_ROOT, AGENCY_A, officerA.address, REASON);
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, singleIssuedAt),
      );
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[1], BATCH_ROOT, BATCH_PROOFS[1])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
      );
    });
  });

  describe("receipts", function () {
    /** Writes receipts as the issuing tool does, then reads them back as the holder's verifier does. */
    async function receiptsFixture() {
      const d = await cityFixture();
      const { chainId } = await ethers.provider.getNetwork();
      const registry = await d.documents.getAddress();
      const expiresAt = (await time.latest()) + 5 * 365 * DAY;
      const batchTx = await d.documents
        .connect(d.officerA)
        .issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, expiresAt);
      const singleTx = await d.documents.connect(d.officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
      const members = [0, 1, 499, 998, 999];
      const files = [...members.map((i) => BATCH_FILES[i]), SINGLE_FILE];
      const receipts = [
        ...members.map((i) => ({
          version: 1 as const,
          file: `akta-kelahiran-${i + 1}.pdf`,
          fingerprint: sha256(BATCH_FILES[i]),
          root: BATCH_ROOT,
          proof: BATCH_TREE.getProof([BATCH_FINGERPRINTS[i]]),
          registry,
          chainId: Number(chainId),
          agencyId: Number(AGENCY_A),
          expiresAt,
          transactionHash: batchTx.hash,
        })),
        {
          version: 1 as const,
          file: "surat-keterangan-pindah.pdf",
          fingerprint: sha256(SINGLE_FILE),
          root: ZERO,
          proof: [],
          registry,
          chainId: Number(chainId),
          agencyId: Number(AGENCY_A),
          expiresAt: 0,
          transactionHash: singleTx.hash,
        },
      ];
      const json = receipts.map((receipt) => JSON.stringify(receipt, null, 2));
      return { ...d, files, json };
    }

    /** What a verifier does with a file and its receipt, knowing nothing else. */
    async function checkReceipt(file: Buffer, json: string) {
      const receipt = JSON.parse(json) as DocumentReceipt;
      const { chainId } = await ethers.provider.getNetwork();
      const registry = (await ethers.getContractAt(
        "DocumentRegistry",
        receipt.registry,
      )) as unknown as DocumentRegistry;
      const result = await registry.verify(sha256(file), receipt.root, receipt.proof);
      return { receipt, chainId: Number(chainId), result };
    }

    it("verifies each document on chain from its file and receipt alone", async function () {
      const { files, json } = await loadFixture(receiptsFixture);
      for (const [n, file] of files.entries()) {
        const { receipt, chainId, result } = await checkReceipt(file, json[n]);
        expect(receipt.chainId).to.equal(chainId);
        expect(receipt.fingerprint).to.equal(sha256(file));
        expect(result.status).to.equal(BigInt(DocumentStatus.Valid));
        expect(result.agencyId).to.equal(BigInt(receipt.agencyId));
        expect(result.expiresAt).to.equal(BigInt(receipt.expiresAt));
        const tx = await ethers.provider.getTransaction(receipt.transactionHash);
        const block = await ethers.provider.getBlock(tx!.blockNumber!);
        expect(result.issuedAt).to.equal(BigInt(block!.timestamp));
      }
    });

    it("does not vouch for another file presented with the receipt", async function () {
      const { files, json } = await loadFixture(receiptsFixture);
      const { result } = await checkReceipt(files[1], json[0]);
      expect([...result]).to.deep.equal(UNKNOWN);
      const { result: altered } = await checkReceipt(Buffer.concat([files[2], Buffer.from("\n")]), json[2]);
      expect([...altered]).to.deep.equal(UNKNOWN);
    });

    it("shows a receipt's document Revoked once the agency revokes it", async function () {
      const { documents, officerA, files, json } = await loadFixture(receiptsFixture);
      const receipt = JSON.parse(json[2]) as DocumentReceipt;
      await documents.connect(officerA).revoke(receipt.fingerprint, receipt.root, receipt.proof, REASON);
      expect((await checkReceipt(files[2], json[2])).result.status).to.equal(BigInt(DocumentStatus.Revoked));
      expect((await checkReceipt(files[3], json[3])).result.status).to.equal(BigInt(DocumentStatus.Valid));
    });
  });

  // -------------------------------------------------------------------------------------------
  // Issue 10: squatting, resurrection and the governor's recovery
  // -------------------------------------------------------------------------------------------

  describe("insider attacks (issue 10)", function () {
    it("an officer of another agency cannot squat an anchor by front-running its issue under a type it is not trusted for", async function () {
      const { documents, officerA, officerB } = await loadFixture(cityFixture);
      // Agency B sees agency A's pending birth-certificate anchors and tries to take them first.
      await expect(documents.connect(officerB).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(AKTA_KELAHIRAN, AGENCY_B);
      await expect(documents.connect(officerB).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUntrustedIssuer")
        .withArgs(AKTA_KELAHIRAN, AGENCY_B);
      // Nor under a type nobody registered.
      const forged = id("AKTA_KELAHIRAN_PALSU");
      await expect(documents.connect(officerB).issue(SINGLE, forged, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUnknownType")
        .withArgs(forged);
      await expect(documents.connect(officerB).issueBatch(BATCH_ROOT, BATCH_SIZE, forged, 0))
        .to.be.revertedWithCustomError(documents, "DocumentsUnknownType")
        .withArgs(forged);
      // Agency A's transactions then go through, and verify names A and the type.
      await expect(documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "DocumentIssued")
        .withArgs(SINGLE, AGENCY_A, AKTA_KELAHIRAN, officerA.address, 0);
      const singleIssuedAt = await time.latest();
      await expect(documents.connect(officerA).issueBatch(BATCH_ROOT, BATCH_SIZE, AKTA_KELAHIRAN, 0))
        .to.emit(documents, "BatchIssued")
        .withArgs(BATCH_ROOT, AGENCY_A, AKTA_KELAHIRAN, officerA.address, BATCH_SIZE, 0);
      const batchIssuedAt = await time.latest();
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, singleIssuedAt, 0, AKTA_KELAHIRAN),
      );
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[42], BATCH_ROOT, BATCH_PROOFS[42])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, batchIssuedAt, 0, AKTA_KELAHIRAN),
      );
      expect((await documents.getBatch(BATCH_ROOT)).docType).to.equal(AKTA_KELAHIRAN);
    });

    it("a revoked document cannot be made valid again by anchoring it anew", async function () {
      const { documents, officerA, officerB, adminA, issuedAt } = await loadFixture(batchFixture);
      const member = BATCH_FINGERPRINTS[7];
      await documents.connect(officerA).revoke(member, BATCH_ROOT, BATCH_PROOFS[7], REASON);
      await documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
      await documents.connect(officerA).revoke(SINGLE, ZERO, [], REASON);

      // The revoked member re-anchored alone: a one-leaf batch whose root is its leaf.
      const alone = StandardMerkleTree.of([[member]], ["bytes32"]);
      expect(alone.root).to.equal(leafOf(member));
      await documents.connect(adminA).issueBatch(alone.root, 1, AKTA_KELAHIRAN, 0);
      const aloneIssuedAt = await time.latest();
      expect(await verifyOf(documents, member, alone.root, [])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, aloneIssuedAt),
      );

      // Both re-anchored inside a new multi-leaf batch, beside fresh documents.
      const fresh = OTHER_FINGERPRINTS.slice(0, 4);
      const mixed = StandardMerkleTree.of(
        [member, SINGLE, ...fresh].map((f) => [f]),
        ["bytes32"],
      );
      await documents.connect(officerA).issueBatch(mixed.root, 6, AKTA_KELAHIRAN, 0);
      const mixedIssuedAt = await time.latest();
      expect(await verifyOf(documents, member, mixed.root, mixed.getProof([member]))).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, mixedIssuedAt),
      );
      expect(await verifyOf(documents, SINGLE, mixed.root, mixed.getProof([SINGLE]))).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, mixedIssuedAt),
      );
      for (const f of fresh) {
        expect(await verifyOf(documents, f, mixed.root, mixed.getProof([f]))).to.deep.equal(
          verified(DocumentStatus.Valid, AGENCY_A, mixedIssuedAt),
        );
      }
      // Even in another agency's batch of another type.
      const elsewhere = StandardMerkleTree.of([[member], [SINGLE]], ["bytes32"]);
      await documents.connect(officerB).issueBatch(elsewhere.root, 2, IZIN_USAHA, 0);
      const elsewhereIssuedAt = await time.latest();
      for (const f of [member, SINGLE]) {
        expect(await verifyOf(documents, f, elsewhere.root, elsewhere.getProof([f]))).to.deep.equal(
          verified(DocumentStatus.Revoked, AGENCY_B, elsewhereIssuedAt, 0, IZIN_USAHA),
        );
      }
      // The original anchorings stay Revoked.
      expect(await verifyOf(documents, member, BATCH_ROOT, BATCH_PROOFS[7])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
      );

      // Revoking them again, anywhere, is refused: they are revoked already.
      const again: [HardhatEthersSigner, string, string, string[]][] = [
        [officerA, member, BATCH_ROOT, BATCH_PROOFS[7]],
        [officerA, member, alone.root, []],
        [officerA, member, mixed.root, mixed.getProof([member])],
        [officerB, member, elsewhere.root, elsewhere.getProof([member])],
        [officerA, SINGLE, ZERO, []],
        // The anchor revoked as a single document, presented as a member of a batch that re-anchors it.
        [officerA, SINGLE, mixed.root, mixed.getProof([SINGLE])],
        [officerB, SINGLE, elsewhere.root, elsewhere.getProof([SINGLE])],
      ];
      for (const [signer, anchor, root, proof] of again) {
        await expect(documents.connect(signer).revoke(anchor, root, proof, REASON))
          .to.be.revertedWithCustomError(documents, "DocumentsAlreadyRevoked")
          .withArgs(anchor, root);
      }
      expect((await documents.anchorRevokedAt(SINGLE)).revokedAt).to.equal(0n);
    });

    it("another agency cannot revoke a document by re-anchoring it in its own batch and revoking it there", async function () {
      // Found while writing these tests: a revocation recorded by the anchor alone let agency B (trusted
      // only for IZIN_USAHA) anchor agency A's public anchors in a batch of its own and revoke them there.
      // A revocation now counts in the revoking agency's records and in records issued after it; so
      // B withdraws only its own copy, and A's earlier documents (whose anchors are public in
      // DocumentIssued, or shown to B in a receipt) stay Valid. What A anchors after B's revocation is
      // Revoked: nobody revives a revoked anchor by anchoring it anew.
      const { documents, officerA, officerB, issuedAt } = await loadFixture(batchFixture);
      await documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
      const singleIssuedAt = await time.latest();
      const victims = [SINGLE, BATCH_FINGERPRINTS[5]];
      const trap = StandardMerkleTree.of(
        victims.map((f) => [f]),
        ["bytes32"],
      );
      await documents.connect(officerB).issueBatch(trap.root, 2, IZIN_USAHA, 0);
      for (const f of victims) {
        await documents.connect(officerB).revoke(f, trap.root, trap.getProof([f]), code("SABOTASE"));
      }
      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, singleIssuedAt),
      );
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[5], BATCH_ROOT, BATCH_PROOFS[5])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
      );
      // B's own copies are Revoked; A can still revoke its documents itself.
      expect((await verifyOf(documents, SINGLE, trap.root, trap.getProof([SINGLE])))[0]).to.equal(
        DocumentStatus.Revoked,
      );
      await documents.connect(officerA).revoke(BATCH_FINGERPRINTS[5], BATCH_ROOT, BATCH_PROOFS[5], REASON);
      expect((await verifyOf(documents, BATCH_FINGERPRINTS[5], BATCH_ROOT, BATCH_PROOFS[5]))[0]).to.equal(
        DocumentStatus.Revoked,
      );
      // Anchored anew after a revocation, by any agency: Revoked.
      const later = StandardMerkleTree.of([[SINGLE], [BATCH_FINGERPRINTS[6]]], ["bytes32"]);
      await documents.connect(officerA).issueBatch(later.root, 2, AKTA_KELAHIRAN, 0);
      expect((await verifyOf(documents, SINGLE, later.root, later.getProof([SINGLE])))[0]).to.equal(
        DocumentStatus.Revoked,
      );
    });

    it("the governor can revoke any document, member or batch, even while the agency is suspended; a stranger cannot", async function () {
      const { documents, directory, governor, officerA, stranger, issuedAt } = await loadFixture(batchFixture);
      await documents.connect(officerA).issue(SINGLE, AKTA_KELAHIRAN, 0);
      const singleIssuedAt = await time.latest();
      await documents.connect(officerA).issueBatch(OTHER_TREE.root, OTHER_FILES.length, AKTA_KELAHIRAN, 0);
      const otherIssuedAt = await time.latest();
      // A leaked key: the governor suspends the agency, then withdraws what it must.
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);

      // A stranger cannot, suspended agency or not.
      await expect(documents.connect(stranger).revoke(SINGLE, ZERO, [], REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
        .withArgs(stranger.address, AGENCY_A);
      await expect(documents.connect(stranger).revoke(BATCH_FINGERPRINTS[3], BATCH_ROOT, BATCH_PROOFS[3], REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
        .withArgs(stranger.address, AGENCY_A);
      await expect(documents.connect(stranger).revokeBatch(OTHER_TREE.root, REASON))
        .to.be.revertedWithCustomError(documents, "DocumentsUnauthorized")
        .withArgs(stranger.address, AGENCY_A);

      const reason = code("KUNCI_BOCOR");
      await expect(documents.connect(governor).revoke(SINGLE, ZERO, [], reason))
        .to.emit(documents, "DocumentRevoked")
        .withArgs(SINGLE, ZERO, AGENCY_A, governor.address, reason);
      await expect(documents.connect(governor).revoke(BATCH_FINGERPRINTS[3], BATCH_ROOT, BATCH_PROOFS[3], reason))
        .to.emit(documents, "DocumentRevoked")
        .withArgs(BATCH_FINGERPRINTS[3], BATCH_ROOT, AGENCY_A, governor.address, reason);
      await expect(documents.connect(governor).revokeBatch(OTHER_TREE.root, reason))
        .to.emit(documents, "BatchRevoked")
        .withArgs(OTHER_TREE.root, AGENCY_A, governor.address, reason);

      expect(await verifyOf(documents, SINGLE, ZERO, [])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, singleIssuedAt),
      );
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[3], BATCH_ROOT, BATCH_PROOFS[3])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
      );
      expect(await verifyOf(documents, OTHER_FINGERPRINTS[0], OTHER_TREE.root, OTHER_TREE.getProof(0))).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, otherIssuedAt),
      );
      // What the governor did not revoke stays Valid: suspension alone withdraws nothing.
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[4], BATCH_ROOT, BATCH_PROOFS[4])).to.deep.equal(
        verified(DocumentStatus.Valid, AGENCY_A, issuedAt),
      );
      // And the whole big batch too.
      await expect(documents.connect(governor).revokeBatch(BATCH_ROOT, reason))
        .to.emit(documents, "BatchRevoked")
        .withArgs(BATCH_ROOT, AGENCY_A, governor.address, reason);
      expect(await verifyOf(documents, BATCH_FINGERPRINTS[4], BATCH_ROOT, BATCH_PROOFS[4])).to.deep.equal(
        verified(DocumentStatus.Revoked, AGENCY_A, issuedAt),
      );
    });
  });
});
