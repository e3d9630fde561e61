import { expect } from "chai";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { network } from "hardhat";
import { deploy } from "../../scripts/lib/deploy.js";
import type { Manifest } from "@layanan/core";
import { DEMO_CITIZENS, seed, type SeedSummary } from "../../scripts/lib/seed.js";
import { expectedCommitment, scriptsSandbox, type Sandbox } from "./helpers.js";

const STATUS = ["None", "Submitted", "InProgress", "NeedsInfo", "Completed", "Rejected", "Cancelled", "Duplicate"];

/** Every encoding of a personal value that could betray it on chain. */
function encodings(value: string): string[] {
  const hex = (buffer: Buffer) => buffer.toString("hex").toLowerCase();
  const forms = new Set([value, value.toLowerCase(), value.toUpperCase()]);
  const out: string[] = [];
  for (const form of forms) {
    out.push(
      hex(Buffer.from(form, "utf8")),
      hex(Buffer.from(form, "utf16le")),
      hex(Buffer.from(form, "utf16le").swap16()),
    );
    out.push(hex(Buffer.from(Buffer.from(form).toString("base64"))));
    out.push(createHash("sha256").update(form).digest("hex")); // an unsalted hash is as good as the value
    out.push(keccakHex(form).slice(2));
  }
  if (/^\d+$/.test(value)) out.push(BigInt(value).toString(16).padStart(2, "0")); // as an integer
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-");
    for (const form of [`${d}-${m}-${y}`, `${d}/${m}/${y}`, `${y}${m}${d}`, `${d}${m}${y}`])
      out.push(hex(Buffer.from(form)));
    out.push((Date.parse(value) / 1000).toString(16)); // as a unix timestamp
  }
  return out.filter((e) => e.length >= 8);
}

let keccakHex: (text: string) => string;

describe("seed (demo data)", function () {
  let s: Sandbox;
  let manifest: Manifest;
  let summary: SeedSummary;
  const log: string[] = [];

  before(async function () {
    s = await scriptsSandbox();
    keccakHex = (text) => s.ethers.id(text);
    ({ manifest } = await deploy(s.connection, { network: "hardhat", log: () => undefined }));
    summary = await seed(s.connection, manifest, (line) => log.push(line));
  });
  after(async function () {
    await s.dispose();
  });

  const contract = async <T extends "AgencyDirectory" | "CitizenAttestations" | "ServiceRequests" | "DocumentRegistry">(
    name: T,
  ) => s.ethers.getContractAt(name, manifest.contracts[name].address);

  it("registers Disdukcapil, DPMPTSP and Dinas PUPR, each with an admin and officers", async function () {
    const directory = await contract("AgencyDirectory");
    expect(await directory.agencyCount()).to.equal(3n);
    for (const [agencyId, code] of [
      [1, "DISDUKCAPIL"],
      [2, "DPMPTSP"],
      [3, "PUPR"],
    ] as const) {
      const agency = await directory.getAgency(agencyId);
      expect(s.ethers.decodeBytes32String(agency.code)).to.equal(code);
      expect(agency.active).to.equal(true);
      const officers = summary.accounts.filter((a) => a.agency === code && a.role.startsWith("officer"));
      expect(officers.length).to.be.greaterThan(0);
      for (const officer of officers) expect(await directory.isOfficer(agencyId, officer.address)).to.equal(true);
    }
  });

  it("registers residency and KTP claim types with Disdukcapil as trusted issuer", async function () {
    const attestations = await contract("CitizenAttestations");
    for (const name of ["RESIDENT_KOTA_BANDUNG", "KTP_VERIFIED"]) {
      expect(await attestations.isClaimType(s.ethers.id(name))).to.equal(true);
      expect(await attestations.isTrustedIssuer(s.ethers.id(name), 1)).to.equal(true);
    }
  });

  it("adds the services with their SLAs, the road report open to any wallet", async function () {
    const requests = await contract("ServiceRequests");
    const services = await Promise.all([1, 2, 3, 4, 5].map((id) => requests.getService(id)));
    const byCode = Object.fromEntries(services.map((svc) => [s.ethers.decodeBytes32String(svc.code), svc]));
    expect(byCode.KTP_EL.slaSeconds).to.equal(3n * 86400n);
    expect(byCode.KK_UPDATE.slaSeconds).to.equal(86400n);
    expect(byCode.AKTA_LAHIR.slaSeconds).to.equal(86400n);
    expect(byCode.NIB_UMKM.slaSeconds).to.equal(14n * 86400n);
    expect(byCode.JALAN_RUSAK.slaSeconds).to.equal(7n * 86400n);
    expect(byCode.JALAN_RUSAK.requiredClaim).to.equal(s.ethers.ZeroHash);
  });

  it("attests demo citizens at different levels, keeping their data and salts in local/citizens.json", async function () {
    const attestations = await contract("CitizenAttestations");
    const file = JSON.parse(readFileSync(path.join(summary.localDir, "citizens.json"), "utf8"));
    const levels = new Set<number>();
    for (const [role, entry] of Object.entries(file.citizens) as [
      string,
      {
        address: string;
        attestations: { uid: string; salt: string; payload: string; dataHash: string; level: number }[];
      },
    ][]) {
      expect(summary.accounts.find((a) => a.role === role)?.address).to.equal(entry.address);
      for (const a of entry.attestations) {
        expect(expectedCommitment(a.salt, a.payload)).to.equal(a.dataHash);
        const stored = await attestations.getAttestation(a.uid);
        expect(stored.dataHash).to.equal(a.dataHash);
        expect(await attestations.isValid(a.uid)).to.equal(true);
        levels.add(a.level);
      }
    }
    expect([...levels].sort()).to.deep.equal([1, 2, 3]);
  });

  it("leaves requests in every status, one overdue and escalated, one duplicate and one rated", async function () {
    const requests = await contract("ServiceRequests");
    const count = Number(await requests.requestCount());
    const all = await Promise.all(Array.from({ length: count }, (_, i) => requests.getRequest(i + 1)));
    const statuses = new Set(all.map((r) => STATUS[Number(r.status)]));
    expect([...statuses].sort()).to.deep.equal([
      "Cancelled",
      "Completed",
      "Duplicate",
      "InProgress",
      "NeedsInfo",
      "Rejected",
      "Submitted",
    ]);
    const overdue = await Promise.all(all.map((_, i) => requests.isOverdue(i + 1)));
    expect(all.some((r, i) => r.escalated && overdue[i])).to.equal(true);
    expect(all.some((r) => r.rating > 0n)).to.equal(true);
    const duplicate = all.findIndex((r) => Number(r.status) === 7) + 1;
    expect(await requests.duplicateOf(duplicate)).to.be.greaterThan(0n);
  });

  it("writes demo documents to local/: salted birth certificates and a public letter, with receipts and QR codes that verify", async function () {
    const documents = await contract("DocumentRegistry");
    const akta = s.ethers.id("AKTA_KELAHIRAN");
    for (const file of summary.documents.files) {
      const receipt = JSON.parse(readFileSync(`${file}.receipt.json`, "utf8"));
      const bytes = readFileSync(file);
      expect(receipt.fingerprint).to.equal(s.ethers.sha256(bytes));
      expect(receipt.salt).to.match(/^0x[0-9a-f]{64}$/);
      expect(receipt.anchor).to.equal(
        s.ethers.keccak256(
          s.ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [receipt.fingerprint, receipt.salt]),
        ),
      );
      expect(existsSync(`${file}.qr.svg`), `${file}.qr.svg`).to.equal(true);
      const [status, , , , docType] = await documents.verify(receipt.anchor, receipt.root, receipt.proof);
      expect(Number(status)).to.equal(file === summary.documents.revoked ? 2 : 1);
      expect(docType).to.equal(akta);
      // A personal document's bare fingerprint is not anchored: a guess of its content confirms nothing.
      expect(Number((await documents.verify(receipt.fingerprint, s.ethers.ZeroHash, []))[0])).to.equal(0);
    }
    const single = JSON.parse(readFileSync(`${summary.documents.single}.receipt.json`, "utf8"));
    expect(single.salt).to.equal(null);
    expect(single.anchor).to.equal(s.ethers.sha256(readFileSync(summary.documents.single)));
    const [singleStatus, , , , singleType] = await documents.verify(single.anchor, single.root, single.proof);
    expect([Number(singleStatus), singleType]).to.deep.equal([1, s.ethers.id("SURAT_DOMISILI")]);
    expect(
      Number(
        (await documents.verify(s.ethers.sha256(readFileSync(summary.documents.unissued)), s.ethers.ZeroHash, []))[0],
      ),
    ).to.equal(0);
  });

  it("labels the demo keys as development-only Hardhat keys", function () {
    const file = JSON.parse(readFileSync(path.join(summary.localDir, "demo-accounts.json"), "utf8"));
    expect(file.warning).to.match(/^DEVELOPMENT ONLY/);
    expect(file.chainId).to.equal(31337);
    for (const account of file.accounts)
      expect(new s.ethers.Wallet(account.privateKey).address).to.equal(account.address);
  });

  it("keeps the personal data, salts, keys and receipts in local/ readable by their owner only", function () {
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(path.join(summary.localDir, "citizens.json"))).to.equal(0o600);
    expect(mode(path.join(summary.localDir, "demo-accounts.json"))).to.equal(0o600);
    for (const file of [...summary.documents.files, summary.documents.single])
      expect(mode(`${file}.receipt.json`), `${file}.receipt.json`).to.equal(0o600);
    expect(mode(summary.localDir)).to.equal(0o700);
  });

  it("keeps local/ out of git", function () {
    const gitignore = readFileSync(path.resolve(import.meta.dirname, "../../.gitignore"), "utf8");
    expect(gitignore.split("\n")).to.include("/local/");
    expect(existsSync(path.join(summary.localDir, "citizens.json"))).to.equal(true);
  });

  it("puts no seeded personal data on chain: no NIK, name, birth date or address in any calldata or log", async function () {
    const secrets = Object.values(DEMO_CITIZENS).flatMap((c) => [
      c.nik,
      c.name,
      ...c.name.split(" "),
      c.birthDate,
      c.address,
    ]);
    const files = [...summary.documents.files, summary.documents.single].map((f) => readFileSync(f, "utf8"));
    const needles = [...secrets, "Aisyah Putri", "Rizky Ramadhan"].flatMap((secret) =>
      encodings(secret).map((e) => ({ secret, e })),
    );
    const fileNeedles = [
      ...files.map((text) => ({ secret: text.slice(0, 30), e: Buffer.from(text).toString("hex") })),
      // The guessable fingerprint of a personal document is personal data too.
      ...summary.documents.files.map((file) => ({
        secret: `sha256 of ${path.basename(file)}`,
        e: s.ethers.sha256(readFileSync(file)).slice(2),
      })),
    ];

    const latest = await s.ethers.provider.getBlockNumber();
    let transactions = 0;
    let logs = 0;
    const haystacks: string[] = [];
    for (let n = 0; n <= latest; n++) {
      const block = await s.ethers.provider.getBlock(n, true);
      for (const tx of block?.prefetchedTransactions ?? []) {
        transactions++;
        haystacks.push(tx.data.toLowerCase());
        const receipt = await s.ethers.provider.getTransactionReceipt(tx.hash);
        for (const entry of receipt?.logs ?? []) {
          logs++;
          haystacks.push(entry.data.toLowerCase(), ...entry.topics.map((t) => t.toLowerCase()));
        }
      }
    }
    expect(transactions).to.be.greaterThan(40);
    expect(logs).to.be.greaterThan(40);
    const found = [...needles, ...fileNeedles].filter(({ e }) => haystacks.some((h) => h.includes(e.toLowerCase())));
    expect(found.map((f) => f.secret)).to.deep.equal([]);
  });

  it("runs once: a second seed on the same chain is refused", async function () {
    let message = "";
    try {
      await seed(s.connection, manifest, () => undefined);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal(
      "This chain already has agencies: seed runs once, on a fresh deployment (npm start, or deploy --fresh).",
    );
  });

  it("refuses any chain but the local 31337", async function () {
    const other = await network.create({ network: "hardhat", override: { chainId: 1337 } });
    let message = "";
    try {
      await seed(other, { ...manifest, chainId: 1337 }, () => undefined);
    } catch (error) {
      message = (error as Error).message;
    } finally {
      await other.close();
    }
    expect(message).to.equal(
      "seed only runs on a local chain (31337); this is chain 1337. Demo data must never reach a real chain.",
    );
  });

  it("shows the seeded figures through the stats command", async function () {
    const result = await s.cli("stats");
    expect(result.code).to.equal(0);
    expect(result.out).to.contain("1 Dinas Kependudukan dan Pencatatan Sipil Kota Bandung");
    expect(result.out).to.match(/IKM \d+\.\d\d grade [ABCD]/);
    expect(log.join("\n")).to.contain("Seeded 3 agencies");
  });
});
