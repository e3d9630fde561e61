import { expect } from "chai";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  allErrorsAbi,
  anchorOf,
  documentReceipts,
  planIssue,
  qrSvg,
  verifyQueryOf,
  withSalts,
  allowedTransitions,
  canonicalJson,
  commitment,
  commitPrivateContent,
  CONTRACT_NAMES,
  decodeError,
  decodeReason,
  decodeRevertData,
  fingerprintOf,
  isOverdueAt,
  layananOf,
  looksLikeNik,
  looksLikePhone,
  ManifestError,
  parseManifest,
  parseReceipt,
  parseShareQuery,
  randomBytes32,
  receiptProblems,
  shareQuery,
  statusNameOf,
  statusNumber,
  summarize,
  utf8Length,
  ZERO_HASH,
  type Manifest,
} from "@layanan/core";
import { fingerprintFile, readManifest, writeManifest } from "@layanan/core/node";
import { encodeErrorResult, type Hex } from "viem";
import { commitment as ethersCommitment, ethers } from "../helpers/fixture.js";

/** @layanan/core's pure modules and its Node part, and the package's own boundary rules. */

const ROOT = path.resolve(import.meta.dirname, "../..");

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
function manifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    network: "test",
    chainId: 31337,
    deployBlock: 7,
    deployer: address(1),
    governor: address(1),
    pendingGovernor: null,
    deployedAt: "2026-12-01T00:00:00.000Z",
    contracts: Object.fromEntries(
      CONTRACT_NAMES.map((name, i) => [name, { address: address(0x100 + i), codeHash: ZERO_HASH, abi: [] }]),
    ) as unknown as Manifest["contracts"],
    ...overrides,
  };
}

/** Every import specifier of the .ts/.tsx files under `dir`. */
function importsUnder(dir: string): { file: string; specifier: string }[] {
  const found: { file: string; specifier: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) continue;
    if (statSync(file).isDirectory()) found.push(...importsUnder(file));
    else if (/\.(ts|tsx|mts|cts)$/.test(name)) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g))
        found.push({ file: path.relative(ROOT, file), specifier: match[1] });
    }
  }
  return found;
}

describe("@layanan/core", function () {
  describe("the package boundary", function () {
    it("imports nothing from React, Next.js, wagmi, Hardhat, ethers or the other workspaces", function () {
      const imports = importsUnder(path.join(ROOT, "core", "src"));
      expect(imports.length).to.be.greaterThan(20);
      const forbidden = imports.filter(
        ({ specifier }) =>
          /^(react|react-dom|next|next-intl|wagmi|@wagmi\/|@tanstack\/|hardhat|@nomicfoundation\/|ethers)(\/|$)/.test(
            specifier,
          ) || /(^|\/)(frontend|scripts|test)\//.test(specifier),
      );
      expect(forbidden).to.deep.equal([]);
    });

    it("is where the scripts and the tests take the domain from: none imports the dApp's source", function () {
      // The dApp's server code (frontend/src/lib/server/: the sponsor service, which DESIGN puts with
      // the dApp as route handlers) is tested from test/sponsor/; its pages and components are not.
      const offending = [...importsUnder(path.join(ROOT, "scripts")), ...importsUnder(path.join(ROOT, "test"))].filter(
        ({ specifier }) => /frontend\/src/.test(specifier) && !/frontend\/src\/lib\/server\//.test(specifier),
      );
      expect(offending).to.deep.equal([]);
    });
  });

  describe("the deployment manifest", function () {
    it("checks the fields the readers rely on, naming the first that is wrong", function () {
      expect(parseManifest(manifest()).chainId).to.equal(31337);
      expect(() => parseManifest(null)).to.throw(ManifestError, "not a JSON object");
      expect(() => parseManifest(manifest({ chainId: 0 }))).to.throw(ManifestError, "chainId");
      expect(() => parseManifest(manifest({ deployBlock: -1 }))).to.throw(ManifestError, "deployBlock");
      const broken = manifest();
      broken.contracts.ServiceRequests = { ...broken.contracts.ServiceRequests, address: "0x1234" };
      expect(() => parseManifest(broken)).to.throw(ManifestError, "contracts.ServiceRequests.address");
    });

    it("gives the reads their deployment: addresses, chain and the block to read logs from", function () {
      const deployment = layananOf(manifest());
      expect(deployment.chainId).to.equal(31337);
      expect(deployment.fromBlock).to.equal(7n);
      expect(deployment.contracts.directory.address).to.equal(address(0x100));
      expect(deployment.contracts.documents.address).to.equal(address(0x103));
      expect(
        deployment.contracts.requests.abi.some((item) => item.type === "function" && item.name === "submit"),
      ).to.equal(true);
    });

    it("writes and reads deployments/<network>.json, and refuses a damaged one", function () {
      const dir = mkdtempSync(path.join(tmpdir(), "layanan-core-"));
      try {
        expect(readManifest("test", dir)).to.equal(undefined);
        writeManifest(manifest(), dir);
        expect(readManifest("test", dir)).to.deep.equal(manifest());
        writeFileSync(path.join(dir, "cut.json"), '{"chainId": 31337, "deployB');
        expect(() => readManifest("cut", dir)).to.throw(ManifestError, "not valid JSON");
        writeFileSync(path.join(dir, "other.json"), JSON.stringify({ chainId: 1, deployBlock: 0, contracts: {} }));
        expect(() => readManifest("other", dir)).to.throw(ManifestError, "contracts.AgencyDirectory.address");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("commitments and public text", function () {
    it("commits as keccak256(abi.encode(salt, payload)) over canonical JSON", function () {
      const salt = randomBytes32();
      expect(salt).to.match(/^0x[0-9a-f]{64}$/);
      expect(randomBytes32()).to.not.equal(salt);
      expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: "x" } })).to.equal(
        '{"a":{"c":"x","d":[{"y":2,"z":1}]},"b":1}',
      );
      expect(commitment(salt, "payload")).to.equal(ethersCommitment("payload", salt));
    });

    it("commits a request's private part, or the zero hash when there is none", function () {
      const salt = randomBytes32();
      expect(commitPrivateContent(salt, { details: "  ", attachments: [] })).to.deep.equal({
        payload: "",
        contentHash: ZERO_HASH,
      });
      const sha256 = `0x${"ab".repeat(32)}` as Hex;
      const { payload, contentHash } = commitPrivateContent(salt, {
        details: "Rumah no. 12",
        attachments: [{ name: "foto.jpg", size: 10, sha256 }],
      });
      expect(payload).to.equal(
        `{"attachments":[{"name":"foto.jpg","sha256":"${sha256}","size":10}],"details":"Rumah no. 12"}`,
      );
      expect(contentHash).to.equal(ethersCommitment(payload, salt));
    });

    it("counts public text in UTF-8 bytes and spots what looks like a NIK or a phone number", function () {
      expect(utf8Length("abc")).to.equal(3);
      expect(utf8Length("é")).to.equal(2);
      expect(utf8Length("🙂")).to.equal(4);
      expect(looksLikeNik("NIK 3273 0145 0688 0002 hilang")).to.equal(true);
      expect(looksLikeNik("Nomor 32730145068800021")).to.equal(false);
      expect(looksLikePhone("hubungi 0812-3456-7890")).to.equal(true);
      expect(looksLikePhone("+62 812 3456 7890")).to.equal(true);
      expect(looksLikePhone("jalan nomor 12")).to.equal(false);
    });
  });

  describe("documents", function () {
    const fingerprint = ethers.sha256(ethers.toUtf8Bytes("surat\n")) as Hex;
    const root = `0x${"12".repeat(32)}` as Hex;
    const proof = [`0x${"34".repeat(32)}`, `0x${"56".repeat(32)}`] as Hex[];

    it("fingerprints bytes as sha256sum does, in the browser's way and Node's alike", async function () {
      const dir = mkdtempSync(path.join(tmpdir(), "layanan-core-"));
      try {
        const file = path.join(dir, "surat.txt");
        writeFileSync(file, "surat\n");
        expect(await fingerprintOf(readFileSync(file))).to.equal(fingerprint);
        expect(fingerprintFile(file)).to.equal(fingerprint);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("anchors a personal document salted and a public one as its fingerprint", function () {
      const salt = randomBytes32();
      expect(anchorOf(fingerprint)).to.equal(fingerprint);
      expect(anchorOf(fingerprint, null)).to.equal(fingerprint);
      expect(anchorOf(fingerprint, salt)).to.equal(
        ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [fingerprint, salt])),
      );
      expect(anchorOf(fingerprint, randomBytes32())).to.not.equal(anchorOf(fingerprint, salt));
      const [a, b] = withSalts(
        [
          { name: "a", fingerprint },
          { name: "b", fingerprint: root },
        ],
        true,
      );
      expect(a.salt).to.match(/^0x[0-9a-f]{64}$/);
      expect(a.salt).to.not.equal(b.salt);
      expect(withSalts([{ name: "a", fingerprint }], false)[0].salt).to.equal(null);
    });

    it("reads a receipt leniently but checks the fields used to verify, and the anchor", function () {
      const salt = randomBytes32();
      const receipt = {
        fingerprint: fingerprint.toUpperCase().replace("0X", "0x"),
        salt,
        root,
        proof,
        chainId: 31337,
        extra: 1,
      };
      const parsed = parseReceipt(JSON.stringify(receipt));
      expect(parsed).to.deep.equal({
        ok: true,
        receipt: { fingerprint, salt, anchor: anchorOf(fingerprint, salt), root, proof, chainId: 31337 },
      });
      expect(parseReceipt("{")).to.deep.equal({ ok: false, problem: "notJson" });
      expect(parseReceipt(JSON.stringify({ fingerprint, proof: ["0x12"] }))).to.deep.equal({
        ok: false,
        problem: "notReceipt",
      });
      // An anchor that the fingerprint and salt do not give is a forged or damaged receipt.
      expect(parseReceipt(JSON.stringify({ fingerprint, salt, anchor: fingerprint }))).to.deep.equal({
        ok: false,
        problem: "notReceipt",
      });
      // A version 1 receipt of a single public document may leave out the salt, root and proof.
      expect(parseReceipt(JSON.stringify({ fingerprint }))).to.deep.equal({
        ok: true,
        receipt: { fingerprint, salt: null, anchor: fingerprint, root: ZERO_HASH, proof: [] },
      });
    });

    it("writes one receipt per file with its salt, anchor, type, proof and share link", function () {
      const files = withSalts(
        [
          { name: "a.txt", fingerprint },
          { name: "b.txt", fingerprint: root },
        ],
        true,
      );
      const plan = planIssue(files);
      if (plan.kind !== "batch") throw new Error("expected a batch");
      const receipts = documentReceipts(files, plan, {
        docType: ethers.id("AKTA_KELAHIRAN") as Hex,
        registry: address(0x103),
        chainId: 31337,
        agencyId: 1,
        expiresAt: 0,
        transactionHash: ZERO_HASH,
        verifyUrl: "https://layanan.example/verify",
      });
      expect(receipts[0]).to.include({
        version: 2,
        file: "a.txt",
        salt: files[0].salt,
        anchor: anchorOf(fingerprint, files[0].salt),
      });
      expect(receipts[0].proof).to.deep.equal(plan.proofs.get(receipts[0].anchor));
      const link = new URL(receipts[0].link!);
      expect(link.origin + link.pathname).to.equal("https://layanan.example/verify");
      const back = parseShareQuery(Object.fromEntries(link.searchParams));
      if (!back || !back.ok) throw new Error("the receipt's link does not parse");
      expect(verifyQueryOf(back.link)).to.deep.equal({
        anchor: receipts[0].anchor,
        root: plan.root,
        proof: receipts[0].proof,
      });
      const parsed = parseReceipt(JSON.stringify(receipts[1]));
      expect(parsed.ok && parsed.receipt.anchor).to.equal(receipts[1].anchor);
      const svg = qrSvg(receipts[0].link!);
      expect(svg).to.match(/^<svg[\s\S]*<\/svg>$/);
    });

    it("says why a receipt does not fit the file, the chain or the registry", function () {
      const registry = address(0x103) as Hex;
      const expected = { fingerprint, chainId: 31337, registry };
      expect(receiptProblems({ fingerprint, chainId: 31337, registry }, expected)).to.deep.equal([]);
      expect(receiptProblems({ fingerprint: root }, expected)).to.deep.equal(["otherFile"]);
      expect(receiptProblems({ fingerprint, chainId: 1 }, expected)).to.deep.equal(["otherChain"]);
      expect(receiptProblems({ fingerprint, registry: address(9) as Hex }, expected)).to.deep.equal(["otherRegistry"]);
    });

    it("round-trips a share link with the salt, and refuses one cut short", function () {
      const salt = randomBytes32();
      const single = shareQuery({ fingerprint, salt: null, root: ZERO_HASH, proof: [] });
      expect(single).to.equal(`fp=${fingerprint}`);
      const link = new URLSearchParams(shareQuery({ fingerprint, salt, root, proof }));
      expect(parseShareQuery(Object.fromEntries(link))).to.deep.equal({
        ok: true,
        link: { fingerprint, salt, root, proof },
      });
      expect(parseShareQuery({})).to.equal(null);
      expect(parseShareQuery({ fp: fingerprint.slice(0, 40) })).to.deep.equal({ ok: false });
      expect(parseShareQuery({ fp: fingerprint, salt: salt.slice(0, 30) })).to.deep.equal({ ok: false });
      expect(parseShareQuery({ fp: fingerprint, proof: proof.join(",") })).to.deep.equal({ ok: false });
    });

    it("reads a revocation reason as its code and a readable form", function () {
      expect(decodeReason(ethers.encodeBytes32String("SALAH_CETAK") as Hex)).to.deep.equal({
        code: "SALAH_CETAK",
        readable: "Salah cetak",
      });
      expect(decodeReason(ZERO_HASH)).to.equal(null);
      const binary = `0x${"ff".repeat(32)}` as Hex;
      expect(decodeReason(binary)).to.deep.equal({ code: binary, readable: binary });
    });
  });

  describe("statuses and figures", function () {
    it("names statuses by their on-chain number and knows updateStatus's transitions", function () {
      expect(statusNameOf(4)).to.equal("Completed");
      expect(statusNameOf(42)).to.equal("None");
      expect(statusNumber("Duplicate")).to.equal(7);
      expect(allowedTransitions(1)).to.deep.equal(["InProgress", "Rejected"]);
      expect(allowedTransitions(3)).to.deep.equal(["InProgress", "Rejected"]);
      expect(allowedTransitions(4)).to.deep.equal([]);
    });

    it("applies the overdue rule at chain time: open and strictly past due", function () {
      expect(isOverdueAt({ status: 1, dueAt: 100 }, 101)).to.equal(true);
      expect(isOverdueAt({ status: 1, dueAt: 100 }, 100)).to.equal(false);
      expect(isOverdueAt({ status: 4, dueAt: 100 }, 1_000)).to.equal(false);
      expect(isOverdueAt({ status: 3, dueAt: 100 }, undefined)).to.equal(false);
    });

    it("summarizes an agency's figures: on-time share, mean resolution time and IKM", function () {
      const stats = {
        submitted: 5,
        open: 1,
        completed: 4,
        rejected: 0,
        cancelled: 0,
        duplicates: 0,
        completedOnTime: 3,
        escalated: 1,
        totalResolutionSeconds: 4n * 3600n * 10n,
        ratingSum: 14n,
        ratingCount: 4n,
      };
      const summary = summarize(stats);
      expect(summary.onTimePercent).to.equal(75);
      expect(summary.averageResolutionSeconds).to.equal(36_000);
      expect(summary.ikm).to.deep.include({ value: 87.5, grade: "B", ratings: 4 });
      expect(summarize({ ...stats, completed: 0, ratingCount: 0n, ratingSum: 0n })).to.deep.equal({
        onTimePercent: null,
        averageResolutionSeconds: null,
        ikm: null,
      });
    });
  });

  describe("errors", function () {
    it("holds every custom error of the four contracts once", function () {
      const names = allErrorsAbi.map((e) => e.name);
      expect(new Set(names).size).to.equal(names.length);
      expect(names).to.include.members(["RequestUnknown", "DocumentsAlreadyIssued", "AgencyDirectoryUnauthorized"]);
    });

    it("decodes raw revert data into the error's name and arguments, and a wallet's refusal into its key", function () {
      const data = encodeErrorResult({ abi: allErrorsAbi, errorName: "RequestUnknown", args: [42n] });
      expect(decodeRevertData(data)).to.deep.equal({ errorName: "RequestUnknown", args: [42n] });
      expect(decodeRevertData("0xdeadbeef")).to.equal(null);
      expect(decodeError({ code: 4001, message: "User rejected the request." })).to.deep.equal({
        key: "userRejected",
        values: {},
      });
      expect(decodeError(new TypeError("Failed to fetch"))).to.deep.equal({ key: "rpcDown", values: {} });
      expect(decodeError(new Error("something else"))).to.deep.equal({ key: "unknown", values: {} });
    });
  });
});
