import { expect } from "chai";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import { runCli } from "../../scripts/lib/cli.js";
import { fingerprintFile, readManifest } from "@layanan/core/node";
import { expectedCommitment, scriptsSandbox, type Sandbox } from "./helpers.js";

describe("layanan command line", function () {
  let s: Sandbox;
  let accounts: string[];
  let governor: string,
    admin: string,
    officer: string,
    citizen: string,
    citizen2: string,
    stranger: string,
    admin2: string;
  let work: string;

  /** Runs a command that must succeed; returns its output. */
  async function ok(...argv: string[]): Promise<string> {
    const result = await s.cli(...argv);
    expect(result.err, `${argv.join(" ")} printed an error`).to.equal("");
    expect(result.code, argv.join(" ")).to.equal(0);
    return result.out;
  }

  /** Runs a command that must fail with one clear line and send nothing; returns the line. */
  async function refused(...argv: string[]): Promise<string> {
    const before = await s.ethers.provider.getBlockNumber();
    const result = await s.cli(...argv);
    expect(result.code, argv.join(" ")).to.equal(1);
    expect(result.err).to.not.equal("");
    expect(result.err).to.not.match(/at .*\.ts:\d+/); // no stack trace
    expect(await s.ethers.provider.getBlockNumber(), "a refused command sent a transaction").to.equal(before);
    return result.err;
  }

  before(async function () {
    s = await scriptsSandbox();
    accounts = (await s.ethers.getSigners()).map((signer) => signer.address);
    [governor, admin, officer, citizen, citizen2, stranger, admin2] = accounts;
    work = path.join(s.root, "work");
    mkdirSync(work, { recursive: true });
  });
  after(async function () {
    await s.dispose();
  });

  describe("before a deployment", function () {
    it("says there is no manifest for the network", async function () {
      expect(await refused("agencies", "list")).to.equal(
        'No deployment manifest for network "hardhat" (' +
          path.relative(process.cwd(), path.join(s.root, "deployments", "hardhat.json")) +
          "). Deploy first: npm run layanan -- deploy --network hardhat",
      );
    });

    it("prints the help with every command, and a command's usage with --help", async function () {
      const help = await ok("--help");
      for (const command of ["deploy", "agencies add", "attest-bulk", "documents issue", "requests show", "stats"]) {
        expect(help).to.contain(command);
      }
      expect(await ok("attest", "--help")).to.match(/^Usage: npm run layanan -- attest <subject> --claim <NAME>/);
    });

    it("rejects an unknown command", async function () {
      expect(await refused("agencies", "explode")).to.equal(
        'Unknown command "agencies explode". Run npm run layanan -- --help for the list.',
      );
    });

    it("reports an RPC that is down in one sentence", async function () {
      const out: string[] = [];
      const err: string[] = [];
      const down = await network.create({ network: "localhost", override: { url: "http://127.0.0.1:9" } });
      const code = await runCli(["stats", "--network", "localhost"], {
        connection: down,
        out: (l) => out.push(l),
        err: (l) => err.push(l),
      });
      await down.close();
      expect(code).to.equal(1);
      expect(err.join("\n")).to.match(
        /^Cannot reach network "localhost" at http:\/\/127\.0\.0\.1:9 \(.+\)\. Is the node running\?/,
      );
    });

    it("deploys", async function () {
      expect(await ok("deploy")).to.match(/Deployed to chain 31337 at block \d+/);
      expect(readManifest("hardhat")?.chainId).to.equal(31337);
    });
  });

  describe("agencies and officers", function () {
    it("adds agencies and lists them", async function () {
      expect(await ok("agencies", "add", "DISDUKCAPIL", "Disdukcapil Kota Bandung", admin)).to.equal(
        `Registered agency 1 DISDUKCAPIL (Disdukcapil Kota Bandung) with admin ${admin}.`,
      );
      await ok("agencies", "add", "PUPR", "Dinas PUPR", admin2);
      const list = await ok("agencies", "list");
      expect(list).to.contain(`1\tDISDUKCAPIL\tDisdukcapil Kota Bandung\tadmin ${admin}\tactive`);
      expect(list).to.contain(`2\tPUPR\tDinas PUPR\tadmin ${admin2}\tactive`);
    });

    it("adds, lists and removes officers, as the agency's admin", async function () {
      expect(await ok("officers", "add", "DISDUKCAPIL", officer, "--as", admin)).to.equal(
        `${officer} is now an officer of agency 1.`,
      );
      await ok("officers", "add", "1", stranger, "--as", "1");
      expect((await ok("officers", "list", "1")).split("\n")).to.deep.equal([officer, stranger]);
      expect(await ok("officers", "remove", stranger, "--as", admin)).to.equal(`${stranger} is no longer an officer.`);
      expect((await ok("officers", "list", "DISDUKCAPIL")).split("\n")).to.deep.equal([officer]);
    });

    it("suspends and reactivates an agency, and replaces its admin", async function () {
      expect(await ok("agencies", "suspend", "PUPR")).to.equal("Agency 2 is now suspended.");
      expect(await ok("agencies", "list")).to.contain("SUSPENDED");
      expect(await ok("agencies", "activate", "2")).to.equal("Agency 2 is now active.");
      expect(await ok("agencies", "set-admin", "2", citizen2)).to.equal(`Agency 2's admin is now ${citizen2}.`);
      await ok("agencies", "set-admin", "2", admin2);
    });

    it("refuses a caller without the right, naming the contract's error, and sends nothing", async function () {
      expect(await refused("officers", "add", "1", citizen2, "--as", citizen)).to.equal(
        `Refused, nothing was sent: addOfficer would revert with AgencyDirectoryUnauthorized(${citizen}, 1).`,
      );
    });

    it("refuses bad input with one line", async function () {
      expect(await refused("agencies", "add", "X", "Name", "not-an-address")).to.equal(
        'The admin must be an address (0x followed by 40 hex digits), got "not-an-address".',
      );
      expect(await refused("officers", "list", "NOPE")).to.equal('There is no agency with code "NOPE".');
      expect(await refused("officers", "list", "7")).to.equal("There is no agency 7.");
      expect(await refused("agencies", "add", "A".repeat(32), "Name", citizen2)).to.equal(
        `A code must be 1 to 31 bytes, got "${"A".repeat(32)}".`,
      );
      expect(await refused("agencies", "add", "ONLYCODE")).to.equal("Missing the agency name.");
      expect(await refused("agencies", "list", "--as", "99")).to.equal(
        `There is no account #99 (this network has ${accounts.length}).`,
      );
      expect(await refused("agencies", "list", "--as", "officer-nowhere")).to.match(
        /^Unknown account "officer-nowhere"/,
      );
    });
  });

  describe("claim types and services", function () {
    it("registers claim types, trusts an issuer and lists them", async function () {
      expect(await ok("claims", "add", "RESIDENT_KOTA_BANDUNG", "Penduduk Kota Bandung")).to.equal(
        `Registered claim type RESIDENT_KOTA_BANDUNG = ${s.ethers.id("RESIDENT_KOTA_BANDUNG")}.`,
      );
      await ok("claims", "add", "KTP_VERIFIED", "KTP-el terverifikasi");
      expect(await ok("claims", "trust", "RESIDENT_KOTA_BANDUNG", "DISDUKCAPIL")).to.equal(
        "Agency 1 is now trusted for RESIDENT_KOTA_BANDUNG.",
      );
      await ok("claims", "trust", "KTP_VERIFIED", "1");
      await ok("claims", "trust", "KTP_VERIFIED", "2");
      expect(await ok("claims", "distrust", "KTP_VERIFIED", "2")).to.equal(
        "Agency 2 is no longer trusted for KTP_VERIFIED.",
      );
      const list = await ok("claims", "list");
      expect(list).to.contain(`${s.ethers.id("RESIDENT_KOTA_BANDUNG")}\tPenduduk Kota Bandung\ttrusted: 1`);
      expect(list).to.contain(`${s.ethers.id("KTP_VERIFIED")}\tKTP-el terverifikasi\ttrusted: 1`);
    });

    it("adds, lists, deactivates and activates services", async function () {
      expect(
        await ok(
          "services",
          "add",
          "DISDUKCAPIL",
          "KTP_EL",
          "Penggantian KTP-el",
          "--sla",
          "3d",
          "--claim",
          "RESIDENT_KOTA_BANDUNG",
          "--level",
          "2",
          "--as",
          admin,
        ),
      ).to.equal("Added service 1 KTP_EL (Penggantian KTP-el) to agency 1.");
      await ok("services", "add", "PUPR", "JALAN_RUSAK", "Laporan jalan rusak", "--sla", "168h", "--as", admin2);
      const list = await ok("services", "list");
      expect(list).to.contain(
        `1\tagency 1\tKTP_EL\tPenggantian KTP-el\tSLA 72 h\tneeds ${s.ethers.id("RESIDENT_KOTA_BANDUNG")} level 2\tactive`,
      );
      expect(list).to.contain("2\tagency 2\tJALAN_RUSAK\tLaporan jalan rusak\tSLA 168 h\topen to anyone\tactive");
      expect(await ok("services", "list", "--agency", "PUPR")).to.not.contain("KTP_EL");
      expect(await ok("services", "deactivate", "2", "--as", admin2)).to.equal("Service 2 is now inactive.");
      expect(await ok("services", "activate", "2", "--as", admin2)).to.equal("Service 2 is now active.");
    });

    it("refuses an unknown service, a bad SLA and a claim level out of range", async function () {
      expect(await refused("services", "activate", "99")).to.equal(
        "Refused, nothing was sent: setServiceActive would revert with ServiceUnknown(99).",
      );
      expect(await refused("services", "add", "1", "X", "Name", "--sla", "soon")).to.equal(
        '"soon" is not a duration (use e.g. 3d, 24h, 90m or seconds).',
      );
      expect(
        await refused("services", "add", "1", "X", "Name", "--sla", "1d", "--claim", "KTP_VERIFIED", "--level", "4"),
      ).to.equal('--level must be a whole number from 1 to 3, got "4".');
      expect(await refused("services", "add", "1", "X", "Name")).to.equal(
        "Missing --sla (the service level, e.g. 3d).",
      );
      expect(await refused("claims", "add", "lower case", "x")).to.match(/is not a claim type name/);
    });
  });

  describe("attest", function () {
    it("commits the citizen's data locally, sends only the commitment and writes the citizen's receipt", async function () {
      const data = path.join(work, "siti.json");
      writeFileSync(data, JSON.stringify({ nik: "3273014506880002", name: "Siti Nurhaliza", birthDate: "1988-06-05" }));
      const receiptFile = path.join(work, "siti-receipt.json");
      writeFileSync(receiptFile, "{}\n");
      chmodSync(receiptFile, 0o644); // an existing file is made owner-only too
      const out = await ok(
        "attest",
        citizen,
        "--claim",
        "KTP_VERIFIED",
        "--level",
        "3",
        "--data",
        data,
        "--expires",
        "365d",
        "--out",
        receiptFile,
        "--as",
        officer,
      );
      const receipt = JSON.parse(readFileSync(receiptFile, "utf8"));
      expect(statSync(receiptFile).mode & 0o777, "the receipt's mode").to.equal(0o600);
      expect(out).to.contain(`Attested KTP_VERIFIED level 3 for ${citizen}: uid ${receipt.uid}.`);
      expect(receipt.data).to.deep.equal({ nik: "3273014506880002", name: "Siti Nurhaliza", birthDate: "1988-06-05" });
      expect(receipt.dataHash).to.equal(expectedCommitment(receipt.salt, receipt.payload));
      expect(receipt.payload).to.equal('{"birthDate":"1988-06-05","name":"Siti Nurhaliza","nik":"3273014506880002"}');

      const attestations = await s.ethers.getContractAt(
        "CitizenAttestations",
        readManifest("hardhat")!.contracts.CitizenAttestations.address,
      );
      const stored = await attestations.getAttestation(receipt.uid);
      expect(stored.dataHash).to.equal(receipt.dataHash);
      expect(stored.level).to.equal(3n);
      expect(await attestations.isValid(receipt.uid)).to.equal(true);
      const tx = await s.ethers.provider.getTransaction(receipt.transactionHash);
      expect(tx!.data).to.not.contain(Buffer.from("3273014506880002").toString("hex"));
      expect(tx!.data).to.not.contain(Buffer.from("Siti").toString("hex"));
    });

    it("reads the data from a one-row CSV too, and writes the receipt to local/ by default", async function () {
      const data = path.join(work, "budi.csv");
      writeFileSync(data, 'nik,address\n3273021203900005,"Jl. Kopo No. 88, Bandung"\n');
      const out = await ok(
        "attest",
        citizen2,
        "--claim",
        "RESIDENT_KOTA_BANDUNG",
        "--level",
        "2",
        "--data",
        data,
        "--as",
        officer,
      );
      const receipts = readdirSync(path.join(s.localDir, "receipts"));
      expect(receipts).to.have.length(1);
      expect(out).to.contain(path.join(s.localDir, "receipts", receipts[0]));
      const receipt = JSON.parse(readFileSync(path.join(s.localDir, "receipts", receipts[0]), "utf8"));
      expect(receipt.data).to.deep.equal({ nik: "3273021203900005", address: "Jl. Kopo No. 88, Bandung" });
      expect(statSync(path.join(s.localDir, "receipts", receipts[0])).mode & 0o777).to.equal(0o600);
      expect(statSync(path.join(s.localDir, "receipts")).mode & 0o777).to.equal(0o700);
    });

    it("refuses a wallet that is not an officer, before sending", async function () {
      const data = path.join(work, "siti.json");
      expect(
        await refused("attest", citizen, "--claim", "KTP_VERIFIED", "--level", "2", "--data", data, "--as", stranger),
      ).to.equal(`${stranger} is not an officer of an active agency; nothing was sent. Choose one with --as.`);
    });

    it("refuses a missing data file, a bad level and a bad subject", async function () {
      expect(
        await refused(
          "attest",
          citizen,
          "--claim",
          "KTP_VERIFIED",
          "--level",
          "2",
          "--data",
          path.join(work, "nope.json"),
          "--as",
          officer,
        ),
      ).to.equal(`The data file ${path.join(work, "nope.json")} does not exist.`);
      expect(await refused("attest", citizen, "--claim", "KTP_VERIFIED", "--level", "0", "--data", "x")).to.equal(
        '--level must be a whole number from 1 to 3, got "0".',
      );
      expect(await refused("attest", "0x123", "--claim", "KTP_VERIFIED", "--level", "2", "--data", "x")).to.equal(
        'The subject must be an address (0x followed by 40 hex digits), got "0x123".',
      );
      const empty = path.join(work, "empty.json");
      writeFileSync(empty, "{}");
      expect(
        await refused("attest", citizen, "--claim", "KTP_VERIFIED", "--level", "2", "--data", empty, "--as", officer),
      ).to.match(/must hold a JSON object/);
    });

    it("attests in bulk from a CSV", async function () {
      const csv = path.join(work, "bulk.csv");
      writeFileSync(
        csv,
        `subject,nik,name\n${accounts[10]},3273000000000010,Warga Sepuluh\n${accounts[11]},3273000000000011,"Warga, Sebelas"\n`,
      );
      const out = await ok(
        "attest-bulk",
        csv,
        "--claim",
        "RESIDENT_KOTA_BANDUNG",
        "--level",
        "1",
        "--out",
        path.join(work, "bulk-receipts"),
        "--as",
        officer,
      );
      expect(out).to.contain(`line 2: attested ${accounts[10]}`);
      expect(out).to.contain(`line 3: attested ${accounts[11]}`);
      expect(readdirSync(path.join(work, "bulk-receipts"))).to.have.length(2);
      const attestations = await s.ethers.getContractAt(
        "CitizenAttestations",
        readManifest("hardhat")!.contracts.CitizenAttestations.address,
      );
      expect(await attestations.hasValidClaim(accounts[11], s.ethers.id("RESIDENT_KOTA_BANDUNG"), 1)).to.equal(true);
    });

    it("sends nothing when any bulk row is bad, and names every bad row by line number", async function () {
      const csv = path.join(work, "bad.csv");
      writeFileSync(
        csv,
        `subject,nik\n${accounts[12]},3273000000000012\nnot-an-address,3273000000000013\n${accounts[12]},3273000000000014\n${accounts[13]},\n`,
      );
      expect(
        await refused("attest-bulk", csv, "--claim", "RESIDENT_KOTA_BANDUNG", "--level", "1", "--as", officer),
      ).to.equal(
        `3 bad row(s) in ${csv}; nothing was sent:\n` +
          `  line 3: subject "not-an-address" is not an address\n` +
          `  line 4: subject ${accounts[12]} is already on line 2\n` +
          `  line 5: "nik" is empty`,
      );
    });

    it("reports a malformed CSV by line number", async function () {
      const csv = path.join(work, "malformed.csv");
      writeFileSync(csv, `subject,nik\n${accounts[12]},3273000000000012\n${accounts[13]},"3273000000000013\n`);
      expect(
        await refused("attest-bulk", csv, "--claim", "RESIDENT_KOTA_BANDUNG", "--level", "1", "--as", officer),
      ).to.equal(`Malformed CSV ${csv}, line 3: a quoted field is not closed; nothing was sent.`);
      writeFileSync(csv, `subject,nik\n${accounts[12]},3273000000000012,extra\n`);
      expect(
        await refused("attest-bulk", csv, "--claim", "RESIDENT_KOTA_BANDUNG", "--level", "1", "--as", officer),
      ).to.equal(`Malformed CSV ${csv}, line 2: expected 2 fields, found 3; nothing was sent.`);
      writeFileSync(csv, `nik\n3273000000000012\n`);
      expect(
        await refused("attest-bulk", csv, "--claim", "RESIDENT_KOTA_BANDUNG", "--level", "1", "--as", officer),
      ).to.equal(`${csv} needs a "subject" column; nothing was sent.`);
    });
  });

  describe("documents", function () {
    let folder: string;
    let single: string;
    const anchorOfFile = (file: string) => {
      const receipt = JSON.parse(readFileSync(`${file}.receipt.json`, "utf8"));
      return receipt.anchor as string;
    };

    before(function () {
      folder = path.join(work, "batch");
      mkdirSync(folder, { recursive: true });
      for (let i = 1; i <= 5; i++)
        writeFileSync(path.join(folder, `akta-${i}.txt`), `AKTA KELAHIRAN ${i}\nNama: Anak ${i}\n`);
      single = path.join(work, "surat.txt");
      writeFileSync(single, "PENGUMUMAN IZIN (dokumen publik)\n");
    });

    it("registers document types and trusts an agency for them, as the governor", async function () {
      expect(await ok("documents", "add-type", "AKTA_KELAHIRAN", "Akta kelahiran")).to.equal(
        `Registered document type AKTA_KELAHIRAN = ${s.ethers.id("AKTA_KELAHIRAN")}.`,
      );
      await ok("documents", "add-type", "PENGUMUMAN", "Pengumuman izin");
      expect(await ok("documents", "trust", "AKTA_KELAHIRAN", "DISDUKCAPIL")).to.equal(
        "Agency 1 is now trusted to issue AKTA_KELAHIRAN.",
      );
      await ok("documents", "trust", "PENGUMUMAN", "1");
      const list = await ok("documents", "types");
      expect(list).to.contain(`${s.ethers.id("AKTA_KELAHIRAN")}\tAkta kelahiran\ttrusted: 1`);
      expect(await refused("documents", "add-type", "AKTA_KELAHIRAN", "again", "--as", officer)).to.match(
        /^Refused, nothing was sent: registerDocumentType would revert with DocumentsNotGovernor\(/,
      );
    });

    it("issues a public file singly: its anchor is its SHA-256, with a receipt and a QR code beside it", async function () {
      const anchor = fingerprintFile(single);
      expect(
        await ok(
          "documents",
          "issue",
          single,
          "--type",
          "PENGUMUMAN",
          "--public",
          "--expires",
          "2099-12-31",
          "--as",
          officer,
        ),
      ).to.equal(
        `Issued surat.txt as Pengumuman izin, public (the file alone verifies): anchor ${anchor}; ` +
          `receipt ${single}.receipt.json, QR code ${single}.qr.svg.`,
      );
      const receipt = JSON.parse(readFileSync(`${single}.receipt.json`, "utf8"));
      expect(statSync(`${single}.receipt.json`).mode & 0o777, "the receipt's mode").to.equal(0o600);
      expect(receipt).to.include({
        version: 2,
        fingerprint: anchor,
        salt: null,
        anchor,
        docType: s.ethers.id("PENGUMUMAN"),
        chainId: 31337,
        agencyId: 1,
        expiresAt: Date.parse("2099-12-31") / 1000,
      });
      expect(receipt.root).to.equal(s.ethers.ZeroHash);
      expect(receipt.registry).to.equal(readManifest("hardhat")!.contracts.DocumentRegistry.address);
      expect(receipt.link).to.equal(`http://localhost:3000/verify?fp=${anchor}`);
      expect(readFileSync(`${single}.qr.svg`, "utf8")).to.match(/^<svg/);
    });

    it("issues a folder of personal documents as one batch of salted anchors that verifies on chain", async function () {
      const out = await ok("documents", "issue", folder, "--type", "AKTA_KELAHIRAN", "--as", officer);
      expect(out).to.match(
        /^Issued 5 documents as batch 0x[0-9a-f]{64}, salted \(personal data: verifying needs the receipt or the QR code\); receipts and QR codes beside each file\.$/,
      );
      const registry = await s.ethers.getContractAt(
        "DocumentRegistry",
        readManifest("hardhat")!.contracts.DocumentRegistry.address,
      );
      const salts = new Set<string>();
      for (let i = 1; i <= 5; i++) {
        const file = path.join(folder, `akta-${i}.txt`);
        const receipt = JSON.parse(readFileSync(`${file}.receipt.json`, "utf8"));
        expect(receipt.fingerprint).to.equal(fingerprintFile(file));
        expect(receipt.salt).to.match(/^0x[0-9a-f]{64}$/);
        salts.add(receipt.salt);
        expect(receipt.anchor).to.equal(
          s.ethers.keccak256(
            s.ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [receipt.fingerprint, receipt.salt]),
          ),
        );
        expect(receipt.link).to.contain(`salt=${receipt.salt}`);
        expect(statSync(`${file}.receipt.json`).mode & 0o777).to.equal(0o600);
        expect(statSync(`${file}.qr.svg`).mode & 0o777).to.equal(0o600);
        const [status, , , , docType] = await registry.verify(receipt.anchor, receipt.root, receipt.proof);
        expect([status, docType]).to.deep.equal([1n, s.ethers.id("AKTA_KELAHIRAN")]);
        // The fingerprint alone, the guess of someone who knows the template, is not on chain.
        expect((await registry.verify(receipt.fingerprint, receipt.root, receipt.proof))[0]).to.equal(0n);
      }
      expect(salts.size).to.equal(5);
    });

    it("verifies files: Valid with exit 0, Revoked, Unknown and a receipt of another file with exit 1", async function () {
      expect(await ok("documents", "verify", path.join(folder, "akta-2.txt"))).to.match(
        /^Valid: Akta kelahiran, issued by Disdukcapil Kota Bandung \(agency 1\) on .+, expires never\.$/,
      );
      expect(await ok("documents", "verify", single)).to.match(
        /^Valid: Pengumuman izin, .*expires 2099-12-31T00:00:00\.000Z\.$/,
      );

      const akta3 = path.join(folder, "akta-3.txt");
      expect(await ok("documents", "revoke", akta3, "--reason", "SALAH_CETAK", "--as", officer)).to.equal(
        `Revoked akta-3.txt (${anchorOfFile(akta3)}).`,
      );
      const revoked = await s.cli("documents", "verify", akta3);
      expect([revoked.code, revoked.out.split(":")[0]]).to.deep.equal([1, "Revoked"]);
      expect((await s.cli("documents", "verify", path.join(folder, "akta-4.txt"))).code).to.equal(0);

      // Without its receipt a salted document is not found: the CLI says what is needed.
      const bare = path.join(work, "akta-4-copy.txt");
      writeFileSync(bare, readFileSync(path.join(folder, "akta-4.txt")));
      const withoutReceipt = await s.cli("documents", "verify", bare);
      expect(withoutReceipt.code).to.equal(1);
      expect(withoutReceipt.out).to.equal(
        `Unknown: ${fingerprintFile(bare)} was not issued as a public document. A document issued in a batch or with personal data needs its receipt (--receipt) or its QR code.`,
      );
      const withReceipt = await s.cli(
        "documents",
        "verify",
        bare,
        "--receipt",
        `${path.join(folder, "akta-4.txt")}.receipt.json`,
      );
      expect(withReceipt.code).to.equal(0);

      const forged = path.join(work, "forged.txt");
      writeFileSync(forged, "AKTA KELAHIRAN PALSU\n");
      const mismatch = await s.cli(
        "documents",
        "verify",
        forged,
        "--receipt",
        `${path.join(folder, "akta-1.txt")}.receipt.json`,
      );
      expect(mismatch.code).to.equal(1);
      expect(mismatch.out).to.match(/^Unknown: the receipt is for another file/);
    });

    it("refuses a missing type, a missing file, a non-officer, an untrusted type and a double revocation", async function () {
      expect(await refused("documents", "issue", single, "--as", officer)).to.equal(
        "Missing --type (the document type, e.g. AKTA_KELAHIRAN).",
      );
      expect(
        await refused("documents", "issue", path.join(work, "missing.pdf"), "--type", "PENGUMUMAN", "--as", officer),
      ).to.equal(`${path.join(work, "missing.pdf")} does not exist.`);
      expect(await refused("documents", "verify", path.join(work, "missing.pdf"))).to.equal(
        `The file ${path.join(work, "missing.pdf")} does not exist.`,
      );
      expect(await refused("documents", "issue", single, "--type", "PENGUMUMAN", "--as", stranger)).to.equal(
        `${stranger} is not an officer of an active agency; nothing was sent. Choose one with --as.`,
      );
      expect(await refused("documents", "issue", single, "--type", "PENGUMUMAN", "--public", "--as", officer)).to.equal(
        `Refused, nothing was sent: issue would revert with DocumentsAlreadyIssued(${fingerprintFile(single)}).`,
      );
      const other = path.join(work, "other.txt");
      writeFileSync(other, "another\n");
      expect(await refused("documents", "issue", other, "--type", "UNKNOWN_TYPE", "--as", officer)).to.equal(
        `Refused, nothing was sent: issue would revert with DocumentsUnknownType(${s.ethers.id("UNKNOWN_TYPE")}).`,
      );
      expect(await refused("documents", "revoke", path.join(folder, "akta-3.txt"), "--as", officer)).to.match(
        /^Refused, nothing was sent: revoke would revert with DocumentsAlreadyRevoked\(/,
      );
      expect(await refused("documents", "verify", single, "--receipt", path.join(work, "siti.json"))).to.match(
        /is not a document receipt/,
      );
    });
  });

  describe("requests and stats", function () {
    before(async function () {
      const requests = await s.ethers.getContractAt(
        "ServiceRequests",
        readManifest("hardhat")!.contracts.ServiceRequests.address,
      );
      const as = async (address: string) => s.ethers.getSigner(address);
      const ref = (n: number) => s.ethers.zeroPadValue(s.ethers.toBeHex(n), 32);
      await requests.connect(await as(citizen2)).submit(1, s.ethers.ZeroHash, ref(1), "KTP-el rusak");
      await requests.connect(await as(citizen)).submit(2, s.ethers.ZeroHash, ref(2), "Jalan berlubang");
      await requests.connect(await as(officer)).updateStatus(1, 2, s.ethers.ZeroHash, "Diproses");
      await requests.connect(await as(officer)).updateStatus(1, 4, s.ethers.ZeroHash, "Selesai");
      await requests.connect(await as(citizen2)).rate(1, 4, s.ethers.ZeroHash);
    });

    it("lists requests newest first, filtered by agency, citizen and status, a page at a time", async function () {
      const all = await ok("requests", "list");
      expect(all).to.match(
        /^#2\tSubmitted\tservice 2\tcitizen 0x[0-9a-fA-F]{40}\tdue .+\t"Jalan berlubang"\n#1\tCompleted\tservice 1\t[^\n]*"KTP-el rusak"\nPage 1 \(50 per page; read from the chain in windows of 2000 blocks\)\.$/,
      );
      expect(await ok("requests", "list", "--agency", "PUPR")).to.match(/^#2\tSubmitted[^\n]*\nPage 1 /);
      expect(await ok("requests", "list", "--citizen", citizen2)).to.match(/^#1\t[^\n]*\nPage 1 /);
      expect(await ok("requests", "list", "--citizen", citizen)).to.match(/^#2\t[^\n]*\nPage 1 [^\n]*$/);
      expect(await ok("requests", "list", "--status", "Submitted")).to.match(/^#2\t[^\n]*\nPage 1 /);
      expect(await ok("requests", "list", "--status", "closed")).to.match(/^#1\tCompleted[^\n]*\nPage 1 /);
      expect(await ok("requests", "list", "--status", "Rejected")).to.equal("No requests.");
      expect(await ok("requests", "list", "--search", "jalan")).to.match(/^#2\t[^\n]*\nPage 1 /);
      // --limit and --page: one request per page, the next page named until the last.
      expect(await ok("requests", "list", "--limit", "1")).to.match(
        /^#2\t[^\n]*\nPage 1 \(1 per page; .*; next: --page 2\.$/,
      );
      expect(await ok("requests", "list", "--limit", "1", "--page", "2")).to.match(
        /^#1\t[^\n]*\nPage 2 \(1 per page; /,
      );
      expect(await ok("requests", "list", "--limit", "1", "--page", "3")).to.equal("No requests on page 3.");
      // Windows of one block: the same list, read a block at a time.
      expect(await ok("requests", "list", "--window", "1")).to.match(
        /^#2\t[^\n]*\n#1\t[^\n]*\nPage 1 .*windows of 1 blocks/,
      );
      expect(await refused("requests", "list", "--status", "Lost")).to.match(
        /^--status takes open, closed or status names/,
      );
      expect(await refused("requests", "list", "--limit", "0")).to.match(/--limit/);
      expect(await refused("requests", "list", "--sort", "due")).to.equal(
        "--sort due needs the indexer; without one, requests are listed newest first.",
      );
      expect(await refused("requests", "list", "--source", "indexer")).to.match(/^No indexer for network "hardhat"/);
    });

    it("shows a request with its timeline", async function () {
      const out = await ok("requests", "show", "1");
      expect(out).to.contain("Request #1: Penggantian KTP-el (service 1, agency 1)");
      expect(out).to.contain("status    Completed");
      expect(out).to.contain("rating    4/4");
      expect(out).to.contain("source    the chain");
      expect(out).to.match(
        /submitted: "KTP-el rusak"[\s\S]*Submitted -> InProgress by .*: "Diproses"[\s\S]*InProgress -> Completed[\s\S]*rated 4\/4/,
      );
      expect(await refused("requests", "show", "42")).to.equal("There is no request 42.");
    });

    it("prints summaries, notes and names without terminal escapes or bidi controls", async function () {
      // An agency, service, citizen and clientRef of its own: the other tests' lists and figures stay as they are.
      const [agencyAdmin, agencyOfficer, resident] = [accounts[16], accounts[17], accounts[18]];
      const registered = await ok("agencies", "add", "DINSOS", "Dinas \u001b[1mSosial\u001b[0m", agencyAdmin);
      const agencyId = Number(/^Registered agency (\d+) /.exec(registered)![1]);
      await ok("officers", "add", "DINSOS", agencyOfficer, "--as", agencyAdmin);
      const added = await ok(
        "services",
        "add",
        "DINSOS",
        "BANSOS",
        "Bantuan \u001b[31msosial\u202e",
        "--sla",
        "3d",
        "--as",
        agencyAdmin,
      );
      const serviceId = Number(/^Added service (\d+) /.exec(added)![1]);
      const requests = await s.ethers.getContractAt(
        "ServiceRequests",
        readManifest("hardhat")!.contracts.ServiceRequests.address,
      );
      await (
        await requests
          .connect(await s.ethers.getSigner(resident))
          .submit(
            serviceId,
            s.ethers.ZeroHash,
            s.ethers.id("terminal injection"),
            "\u001b[31mDARURAT\u001b[0m abc\u202etxt.exe",
          )
      ).wait();
      const requestId = Number(await requests.requestCount());
      await (
        await requests
          .connect(await s.ethers.getSigner(agencyOfficer))
          .updateStatus(requestId, 2, s.ethers.ZeroHash, "\u001b]0;pwned\u0007Sedang \u001b[5mdiproses\u001b[0m\nOK")
      ).wait();

      const list = await ok("requests", "list", "--citizen", resident);
      const show = await ok("requests", "show", String(requestId));
      for (const out of [list, show, await ok("agencies", "list"), await ok("services", "list")]) {
        expect(out).to.not.contain("\u001b");
        expect(out).to.not.contain("\u202e");
        expect(out).to.not.contain("[31m");
      }
      expect(list).to.match(
        new RegExp(`^#${requestId}\\tInProgress\\tservice ${serviceId}\\t.*\\t"DARURAT abctxt\\.exe"\\nPage 1 `),
      );
      expect(show).to.contain(`Request #${requestId}: Bantuan sosial (service ${serviceId}, agency ${agencyId})`);
      expect(show).to.contain('submitted: "DARURAT abctxt.exe"');
      expect(show).to.match(/Submitted -> InProgress by 0x[0-9a-fA-F]{40}: "Sedang diproses OK"/);
      expect(await ok("agencies", "list")).to.contain(
        `${agencyId}\tDINSOS\tDinas Sosial\tadmin ${agencyAdmin}\tactive`,
      );
    });

    it("prints each agency's figures with the IKM", async function () {
      const out = await ok("stats");
      expect(out).to.contain("1 Disdukcapil Kota Bandung\n  submitted 1, open 0, completed 1 (on time 100%");
      expect(out).to.contain("IKM 100.00 grade A from 1 rating(s)");
      expect(out).to.contain("2 Dinas PUPR\n  submitted 1, open 1, completed 0");
      expect(await ok("stats", "--agency", "PUPR")).to.not.contain("Disdukcapil");
    });

    it("wrote no personal data into the manifest", function () {
      const manifest = readFileSync(path.join(s.root, "deployments", "hardhat.json"), "utf8");
      expect(manifest).to.not.contain("3273014506880002");
      expect(manifest).to.not.contain("Siti");
    });
  });
});
