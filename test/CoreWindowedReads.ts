import { expect } from "chai";
import { DETERMINISTIC_DEPLOYER, DETERMINISTIC_DEPLOYER_CODE } from "../scripts/lib/entrypoint.js";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { network } from "hardhat";
import {
  HttpRequestError,
  ResponseBodyTooLargeError,
  RpcRequestError,
  TimeoutError,
  createPublicClient,
  custom,
  http,
  type PublicClient,
} from "viem";
import {
  MULTICALL3_ADDRESS,
  RPC_ERROR_KEYS,
  RPC_ERROR_KINDS,
  checkDocument,
  classifyRpcError,
  decodeError,
  eventsNewestFirst,
  eventsOldestFirst,
  layananChain,
  layananOf,
  loadAgencyRequests,
  loadAgencyRequestsPage,
  loadCatalogue,
  loadCitizenRequests,
  loadCitizenRequestsPage,
  loadClaims,
  loadOfficers,
  loadRequest,
  loadRequests,
  loadRequestsPage,
  logsWindowFrom,
  maxBlocksHint,
  parseManifest,
  rpcErrorInfo,
  ZERO_HASH,
  type Layanan,
  type Manifest,
  type RequestSummary,
  type WindowRefusal,
} from "@layanan/core";
import { deploy } from "../scripts/lib/deploy.js";
import { startCappingProxy, type CappingProxy } from "../scripts/lib/capping-proxy.js";

/**
 * @layanan/core's reads without an indexer, against an RPC that caps eth_getLogs as public RPCs do
 * (scripts/lib/capping-proxy.ts: at most 2,000 blocks and 10,000 logs per query) in front of a chain
 * far longer than the cap (10,000 empty blocks between the events): windowed log reads, pages with
 * "load more", a request's timeline found from its submission time, claims, officers and
 * revocations, per-item reads batched through Multicall3 at its canonical address, and the RPC's
 * refusals as sentences in both languages.
 */

const DAY = 24 * 60 * 60;
const GAP = 10_000;
const MESSAGES = path.resolve(import.meta.dirname, "../frontend/messages");
const sentences = (locale: string) =>
  JSON.parse(readFileSync(path.join(MESSAGES, locale, "errors.json"), "utf8")) as Record<string, string>;

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const [governor, adminA, officerA, adminB, officerB, citizen, citizen2, stranger] = await ethers.getSigners();
const code = (text: string) => ethers.encodeBytes32String(text);
const RESIDENT = ethers.id("RESIDENT_KOTA_BANDUNG");
const AKTA = ethers.id("AKTA_KELAHIRAN");
const Status = { InProgress: 2, NeedsInfo: 3, Completed: 4 } as const;
let ref = 0;
const clientRef = () => ethers.zeroPadValue(ethers.toBeHex(++ref), 32);
const addr = (signer: { address: string }) => signer.address as `0x${string}`;

function clientOf(proxy: CappingProxy, manifest: Manifest, multicall = true): PublicClient {
  return createPublicClient({
    chain: multicall ? layananChain(manifest, { rpcUrl: proxy.url }) : layananChain({ chainId: 31337 }),
    transport: http(proxy.url, { retryCount: 0 }),
  }) as PublicClient;
}

describe("@layanan/core windowed reads behind a capped RPC", function () {
  this.timeout(120_000);

  let dir: string;
  let manifest: Manifest;
  let layanan: Layanan;
  let proxy: CappingProxy;
  let client: PublicClient;
  let head: bigint;
  const blocks = { submitted1: 0n, submitted30: 0n, submitted31: 0n, escalated1: 0n, docRevoked: 0n };
  const anchor = ethers.sha256(ethers.toUtf8Bytes("akta kelahiran 001\n")) as `0x${string}`;
  let uid1: string;
  let uid2: string;

  const blockOf = async (tx: Promise<{ wait(): Promise<{ blockNumber: number } | null> }>) =>
    BigInt((await (await tx).wait())!.blockNumber);

  before(async function () {
    dir = mkdtempSync(path.join(tmpdir(), "layanan-windowed-"));
    ({ manifest } = await deploy(connection, { network: "windowed", dir, log: () => {} }));
    layanan = layananOf(manifest);
    proxy = await startCappingProxy({ target: connection.provider, maxBlocks: 2000, maxResults: 10_000 });
    client = clientOf(proxy, manifest);

    const c = manifest.contracts;
    const directory = await ethers.getContractAt("AgencyDirectory", c.AgencyDirectory.address);
    const attestations = await ethers.getContractAt("CitizenAttestations", c.CitizenAttestations.address);
    const requests = await ethers.getContractAt("ServiceRequests", c.ServiceRequests.address);
    const documents = await ethers.getContractAt("DocumentRegistry", c.DocumentRegistry.address);
    const mine = () => networkHelpers.mine(GAP);

    await directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil Kota Bandung", adminA.address);
    await directory.connect(governor).registerAgency(code("DPMPTSP"), "DPMPTSP Kota Bandung", adminB.address);
    await directory.connect(adminA).addOfficer(1, officerA.address);
    await directory.connect(adminB).addOfficer(2, officerB.address);
    await attestations.connect(governor).registerClaimType(RESIDENT, "Resident of Kota Bandung");
    await attestations.connect(governor).setTrustedIssuer(RESIDENT, 1, true);
    await documents.connect(governor).registerDocumentType(AKTA, "Akta kelahiran");
    await documents.connect(governor).setTrustedDocumentIssuer(AKTA, 1, true);
    await requests.connect(adminA).addService(1, code("KTP_EL"), "Penggantian KTP-el", 3 * DAY, RESIDENT, 2);
    await requests.connect(adminB).addService(2, code("JALAN_RUSAK"), "Laporan jalan rusak", 7 * DAY, ZERO_HASH, 0);
    await documents.connect(officerA).issue(anchor, AKTA, 0);
    await mine();
    await attestations.connect(officerA).attest(citizen.address, RESIDENT, ethers.id("level 2"), 2, 0);
    uid1 = await attestations.currentAttestation(citizen.address, RESIDENT);
    await mine();
    // Requests 1..30: the citizen's, to agency B, one block each.
    for (let i = 1; i <= 30; i++) {
      const block = await blockOf(
        requests.connect(citizen).submit(2, ZERO_HASH, clientRef(), `Jalan berlubang nomor ${i}`),
      );
      if (i === 1) blocks.submitted1 = block;
      if (i === 30) blocks.submitted30 = block;
    }
    await mine();
    // Request 31: to agency A, worked to completion over 48,000 blocks, then rated.
    blocks.submitted31 = await blockOf(requests.connect(citizen).submit(1, ZERO_HASH, clientRef(), "KTP-el rusak"));
    await mine();
    await requests.connect(officerA).updateStatus(31, Status.InProgress, ZERO_HASH, "Diproses");
    await mine();
    await requests.connect(officerA).updateStatus(31, Status.NeedsInfo, ZERO_HASH, "Lampirkan foto KTP");
    await networkHelpers.mine(5_000);
    await requests.connect(citizen).respond(31, ZERO_HASH, "Foto terlampir");
    await networkHelpers.mine(3_000);
    await requests.connect(officerA).updateStatus(31, Status.Completed, ZERO_HASH, "Selesai");
    await mine();
    await requests.connect(citizen).rate(31, 4, ZERO_HASH);
    await mine();
    // Requests 32..56: citizen2's, to agency B; 32 is taken in progress and stays open.
    for (let i = 32; i <= 56; i++)
      await requests.connect(citizen2).submit(2, ZERO_HASH, clientRef(), `Lampu jalan mati ${i}`);
    await requests.connect(officerB).updateStatus(32, Status.InProgress, ZERO_HASH, "Dicek");
    await mine();
    await networkHelpers.time.increase(8 * DAY);
    blocks.escalated1 = await blockOf(requests.connect(citizen).escalate(1));
    await attestations.connect(officerA).attest(citizen.address, RESIDENT, ethers.id("level 3"), 3, 0);
    uid2 = await attestations.currentAttestation(citizen.address, RESIDENT);
    await mine();
    await attestations.connect(officerA).revoke(uid2, code("SALAH_DATA"));
    await directory.connect(adminA).addOfficer(1, stranger.address);
    await mine();
    await directory.connect(adminA).removeOfficer(officerA.address);
    blocks.docRevoked = await blockOf(documents.connect(stranger).revoke(anchor, ZERO_HASH, [], code("SALAH_CETAK")));
    await mine();
    head = BigInt(await ethers.provider.getBlockNumber());
  });

  after(async function () {
    await proxy?.close();
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("the capped RPC", function () {
    it("refuses one eth_getLogs from the deployment block, as a public RPC does; the error has a sentence in both languages", async function () {
      expect(head - BigInt(manifest.deployBlock)).to.be.greaterThan(100_000n);
      const error = await client
        .getLogs({ address: layanan.contracts.requests.address, fromBlock: layanan.fromBlock, toBlock: head })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error, "the proxy let a 100,000-block query through").to.not.equal(null);
      expect(classifyRpcError(error)).to.equal("rpc-range");
      expect(rpcErrorInfo(error)).to.deep.equal({ kind: "rpc-range", maxBlocks: 2000 });
      const decoded = decodeError(error);
      expect(decoded).to.deep.equal({ key: "rpcRange", values: {} });
      for (const locale of ["id", "en"]) {
        const messages = sentences(locale);
        expect(messages[decoded.key], `${locale}/errors.json rpcRange`).to.be.a("string").and.not.equal("");
        expect(messages[decoded.key]).to.not.equal(messages.unknown);
      }
      expect(proxy.refused.range).to.be.greaterThan(0);
    });

    it("answers JSON-RPC batches element by element and counts calls by method", async function () {
      proxy.reset();
      const response = await fetch(proxy.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          { jsonrpc: "2.0", id: 7, method: "eth_chainId", params: [] },
          { jsonrpc: "2.0", id: 8, method: "eth_getLogs", params: [{ fromBlock: "0x0", toBlock: "latest" }] },
          { jsonrpc: "2.0", id: 9, method: "eth_getLogs", params: [{ fromBlock: "0x0", toBlock: "0x7cf" }] },
        ]),
      });
      const body = (await response.json()) as {
        id: number;
        result?: unknown;
        error?: { code: number; message: string };
      }[];
      expect(body.map((r) => r.id)).to.deep.equal([7, 8, 9]);
      expect(body[0].result).to.equal("0x7a69");
      expect(body[1].error).to.deep.equal({ code: -32600, message: "query exceeds max block range 2000" });
      expect(body[2].result).to.be.an("array");
      expect(proxy.counts).to.deep.equal({ eth_chainId: 1, eth_getLogs: 2 });
      expect(proxy.httpRequests).to.equal(1);
    });

    it("runs from the command line (npx tsx scripts/lib/capping-proxy.ts --target … --port …)", async function () {
      const child = spawn(
        path.resolve(import.meta.dirname, "../node_modules/.bin/tsx"),
        ["scripts/lib/capping-proxy.ts", "--target", proxy.url, "--port", "0", "--max-blocks", "100"],
        { cwd: path.resolve(import.meta.dirname, ".."), stdio: ["ignore", "pipe", "pipe"] },
      );
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const match = /Capping proxy on (http:\/\/[\d.]+:\d+)/.exec(out);
            if (match) resolve(match[1]);
          });
          child.on("exit", (code) => reject(new Error(`the proxy exited (${code}): ${out}`)));
        });
        const cli = createPublicClient({ transport: http(url, { retryCount: 0 }) });
        expect(await cli.getBlockNumber()).to.equal(head);
        const error = await cli.getLogs({ fromBlock: head - 100n, toBlock: head }).catch((e: unknown) => e);
        expect(classifyRpcError(error)).to.equal("rpc-range");
        expect(await cli.getLogs({ fromBlock: head - 99n, toBlock: head })).to.deep.equal([]);
      } finally {
        child.kill("SIGTERM");
      }
    });
  });

  describe("Multicall3", function () {
    it("is at its canonical address on the local chain and in the manifest, and layananChain declares it", async function () {
      expect(manifest.contracts.Multicall3?.address).to.equal(MULTICALL3_ADDRESS);
      const live = await ethers.provider.getCode(MULTICALL3_ADDRESS);
      expect(live).to.not.equal("0x");
      expect(manifest.contracts.Multicall3?.codeHash).to.equal(ethers.keccak256(live));
      expect((manifest.contracts.Multicall3?.abi as { name?: string }[]).map((item) => item.name)).to.include.members([
        "aggregate",
        "tryAggregate",
        "aggregate3",
        "aggregate3Value",
        "blockAndAggregate",
        "getBlockNumber",
        "getCurrentBlockTimestamp",
        "getEthBalance",
        "getChainId",
      ]);
      expect(parseManifest(JSON.parse(JSON.stringify(manifest))).contracts.Multicall3?.address).to.equal(
        MULTICALL3_ADDRESS,
      );
      const chain = layananChain(manifest, { rpcUrl: proxy.url });
      expect(chain.id).to.equal(31337);
      expect(chain.contracts?.multicall3?.address).to.equal(MULTICALL3_ADDRESS);
      expect(chain.rpcUrls.default.http).to.deep.equal([proxy.url]);
      expect(layananChain({ chainId: 8453, multicall3: null }).contracts).to.equal(undefined);
      // It answers as Multicall3 does.
      const [number, chainId] = await client.multicall({
        contracts: [
          { address: MULTICALL3_ADDRESS, abi: multicallViews, functionName: "getBlockNumber" },
          { address: MULTICALL3_ADDRESS, abi: multicallViews, functionName: "getChainId" },
        ],
        allowFailure: false,
      });
      expect(number).to.equal(head);
      expect(chainId).to.equal(31337n);
    });

    it("is not recorded on another chain that has none, and the deploy says so", async function () {
      const other = await network.create({ network: "hardhat", override: { chainId: 8453 } });
      const otherDir = mkdtempSync(path.join(tmpdir(), "layanan-windowed-base-"));
      try {
        const lines: string[] = [];
        const [, , , , , , , , , multisig] = await other.ethers.getSigners();
        // A chain with the deterministic deployer (as most public chains have), so EntryPoint v0.8 can be made.
        await other.provider.request({
          method: "hardhat_setCode",
          params: [DETERMINISTIC_DEPLOYER, DETERMINISTIC_DEPLOYER_CODE],
        });
        const { manifest: base } = await deploy(other, {
          network: "base",
          governor: multisig.address,
          sponsorSigner: multisig.address,
          dir: otherDir,
          log: (line) => lines.push(line),
        });
        expect(base.contracts.Multicall3).to.equal(undefined);
        expect(await other.ethers.provider.getCode(MULTICALL3_ADDRESS)).to.equal("0x");
        expect(lines.join("\n")).to.contain(
          `Chain 8453 has no Multicall3 at ${MULTICALL3_ADDRESS}: it is not recorded`,
        );
      } finally {
        await other.close();
        rmSync(otherDir, { recursive: true, force: true });
      }
    });
  });

  describe("requests", function () {
    it("pages an agency's requests newest first across windows, each page's states in one Multicall3 call", async function () {
      proxy.reset();
      const first = await loadAgencyRequestsPage(client, layanan, 2, { limit: 50 });
      const ids = (page: { items: RequestSummary[] }) => page.items.map((r) => Number(r.id));
      expect(ids(first)).to.deep.equal([...range(56, 32), ...range(30, 6)]);
      expect(first.cursor).to.be.a("string");
      expect(first.head).to.equal(head);
      expect(proxy.counts.eth_call, "one multicall for the page's 50 getRequest").to.equal(1);
      expect(proxy.counts.eth_getLogs).to.be.greaterThan(10);
      expect(proxy.refused).to.deep.equal({ range: 0, results: 0, size: 0 });
      expect(proxy.logQueries.every((q) => q.toBlock! - q.fromBlock! + 1n <= 2000n)).to.equal(true);
      // Everything from scannedFrom to the head has been listed: request 6's block is the oldest.
      expect(first.scannedFrom).to.be.greaterThan(layanan.fromBlock);
      expect(first.items.find((r) => r.id === 32n)).to.include({ statusName: "InProgress", citizen: citizen2.address });

      const second = await loadAgencyRequestsPage(client, layanan, 2, { limit: 50, cursor: first.cursor });
      expect(ids(second)).to.deep.equal(range(5, 1));
      expect(second.cursor).to.equal(null);
      expect(second.scannedFrom).to.equal(layanan.fromBlock);
      expect(second.head).to.equal(head);
      expect(second.items.at(-1)).to.include({ id: 1n, statusName: "Submitted", escalated: true, agencyId: 2 });
      expect(second.items.at(-1)?.summary).to.equal("Jalan berlubang nomor 1");

      // The whole list, in the order filed, is the same requests.
      const all = await loadAgencyRequests(client, layanan, 2);
      expect(all.map((r) => Number(r.id))).to.deep.equal([...ids(first), ...ids(second)].reverse());
      const onChain = await (
        await ethers.getContractAt("ServiceRequests", manifest.contracts.ServiceRequests.address)
      ).getRequest(32);
      expect(all.find((r) => r.id === 32n)).to.include({
        status: Number(onChain.status),
        submittedAt: Number(onChain.submittedAt),
        dueAt: Number(onChain.dueAt),
      });
    });

    it("reads item by item where the chain declares no Multicall3 (50 eth_call for the same page)", async function () {
      proxy.reset();
      const page = await loadAgencyRequestsPage(clientOf(proxy, manifest, false), layanan, 2, { limit: 50 });
      expect(page.items).to.have.length(50);
      expect(proxy.counts.eth_call).to.equal(50);
    });

    it("goes on from a cursor inside a window: small pages add up to the citizen's whole list, newest first", async function () {
      const seen: bigint[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await loadCitizenRequestsPage(client, layanan, addr(citizen), { limit: 7, cursor });
        expect(page.items.length).to.be.at.most(7);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.cursor;
        pages += 1;
      } while (cursor !== null && pages < 20);
      expect(seen.map(Number)).to.deep.equal(range(31, 1));
      expect((await loadCitizenRequests(client, layanan, addr(citizen))).map((r) => r.id)).to.deep.equal(seen);
      expect(
        (await loadRequests(client, layanan, { citizen: addr(citizen2), agencyId: 1 })).map((r) => r.id),
      ).to.deep.equal([]);
    });

    it("stops after maxBlocks with what it found and where it got to, for a sparse history", async function () {
      const page = await loadRequestsPage(client, layanan, { citizen: addr(stranger) }, { maxBlocks: 6000 });
      expect(page.items).to.deep.equal([]);
      expect(page.scannedFrom).to.equal(head - 5999n);
      expect(page.cursor).to.be.a("string");
      let next = page;
      let rounds = 0;
      while (next.cursor !== null && rounds < 100) {
        next = await loadRequestsPage(
          client,
          layanan,
          { citizen: addr(stranger) },
          { maxBlocks: 40_000, cursor: next.cursor },
        );
        expect(next.items).to.deep.equal([]);
        rounds += 1;
      }
      expect(next.cursor).to.equal(null);
      expect(next.scannedFrom).to.equal(layanan.fromBlock);
    });

    it("finds a request's submission block by its time and reads its timeline forward, stopping once explained", async function () {
      proxy.reset();
      const detail = (await loadRequest(client, layanan, 31n))!;
      expect(detail.timeline.map((e) => e.kind)).to.deep.equal([
        "submitted",
        "status",
        "status",
        "status",
        "status",
        "rated",
      ]);
      const [submitted, taken, asked, answered, completed, rated] = detail.timeline;
      expect(submitted).to.include({ kind: "submitted", summary: "KTP-el rusak", blockNumber: blocks.submitted31 });
      expect(taken).to.include({
        kind: "status",
        from: 1,
        to: Status.InProgress,
        note: "Diproses",
        by: officerA.address,
      });
      expect(asked).to.include({ kind: "status", to: Status.NeedsInfo, note: "Lampirkan foto KTP" });
      expect(answered).to.include({
        kind: "status",
        from: Status.NeedsInfo,
        to: Status.InProgress,
        by: citizen.address,
      });
      expect(completed).to.include({ kind: "status", to: Status.Completed, note: "Selesai" });
      expect(rated).to.include({ kind: "rated", score: 4 });
      const block = await ethers.provider.getBlock(Number(blocks.submitted31));
      expect(submitted.time).to.equal(block!.timestamp);
      expect(detail).to.include({ statusName: "Completed", rating: 4, agencyId: 1, complete: true });
      expect(detail.fromBlock).to.equal(blocks.submitted31);

      // Never from the deployment block: from the submission on, and not to the head (it was explained before).
      const queries = proxy.logQueries;
      expect(queries.length).to.be.greaterThan(1);
      expect(queries.every((q) => q.fromBlock! >= blocks.submitted31)).to.equal(true);
      expect(queries.every((q) => q.toBlock! - q.fromBlock! + 1n <= 2000n)).to.equal(true);
      expect(detail.scannedTo)
        .to.be.at.least(rated.blockNumber)
        .and.lessThan(head - 40_000n);
      expect(proxy.counts.eth_getBlockByNumber, "a search over block times, not a scan").to.be.lessThan(40);
    });

    it("reads an open request's timeline to the latest block, and stops at a Submitted request's escalation", async function () {
      const open = (await loadRequest(client, layanan, 32n))!;
      expect(open.timeline.map((e) => e.kind)).to.deep.equal(["submitted", "status"]);
      expect(open).to.include({ statusName: "InProgress", complete: true, scannedTo: head });

      proxy.reset();
      const escalated = (await loadRequest(client, layanan, 1n))!;
      expect(escalated.timeline.map((e) => e.kind)).to.deep.equal(["submitted", "escalated"]);
      expect(escalated.timeline[1].blockNumber).to.equal(blocks.escalated1);
      expect(escalated.complete).to.equal(true);
      expect(escalated.scannedTo).to.be.lessThan(head);
      expect(escalated.now).to.equal((await ethers.provider.getBlock("latest"))!.timestamp);
    });

    it("returns null for a request that does not exist (the revert passes through the proxy)", async function () {
      expect(await loadRequest(client, layanan, 999n)).to.equal(null);
    });
  });

  describe("claims, officers, documents", function () {
    it("explains the citizen's attestations from a windowed history", async function () {
      proxy.reset();
      const catalogue = await loadCatalogue(client, layanan);
      const { groups, scannedTo } = await loadClaims(client, layanan, addr(citizen), catalogue);
      const resident = groups.find((g) => g.claimType.id === RESIDENT)!;
      expect(resident.attestations.map((a) => [a.uid, a.level, a.status])).to.deep.equal([
        [uid2, 3, "revoked"],
        [uid1, 2, "superseded"],
      ]);
      expect(scannedTo).to.equal(head);
      expect(proxy.refused.range).to.equal(0);
      expect(proxy.counts.eth_getLogs).to.be.greaterThan(50);
    });

    it("folds an agency's officers from every window of its history", async function () {
      proxy.reset();
      expect((await loadOfficers(client, layanan, 1)).map((o) => o.address)).to.deep.equal([stranger.address]);
      expect((await loadOfficers(client, layanan, 2)).map((o) => o.address)).to.deep.equal([officerB.address]);
      expect(proxy.refused.range).to.equal(0);
    });

    it("finds a revocation newest first and stops there", async function () {
      proxy.reset();
      const check = await checkDocument(client, layanan, { anchor, root: ZERO_HASH, proof: [] });
      expect(check.status).to.equal("Revoked");
      const block = await ethers.provider.getBlock(Number(blocks.docRevoked));
      expect(check.revocation).to.deep.equal({
        reason: { code: "SALAH_CETAK", readable: "Salah cetak" },
        at: block!.timestamp,
        wholeBatch: false,
      });
      const queries = proxy.logQueries;
      expect(queries.length).to.be.at.most(Number((head - blocks.docRevoked) / 2000n) + 1);
      expect(queries.every((q) => q.fromBlock! > blocks.docRevoked - 2000n)).to.equal(true);
    });
  });

  describe("refusals", function () {
    it("halves a window that matches too many logs, and the refusal has a sentence in both languages", async function () {
      const strict = await startCappingProxy({ target: connection.provider, maxBlocks: 2000, maxResults: 10 });
      try {
        const capped = clientOf(strict, manifest);
        const refusals: WindowRefusal[] = [];
        const all = await loadAgencyRequests(capped, layanan, 2, { onRefusal: (r) => refusals.push(r) });
        expect(all.map((r) => Number(r.id))).to.deep.equal([...range(1, 30), ...range(32, 56)]);
        expect(strict.refused.results).to.be.greaterThan(0);
        expect(refusals.length).to.equal(strict.refused.results);
        expect(refusals.every((r) => r.kind === "rpc-too-many-results")).to.equal(true);

        const page = await loadAgencyRequestsPage(capped, layanan, 2, { limit: 20 });
        expect(page.items.map((r) => Number(r.id))).to.deep.equal(range(56, 37));

        // One query over the 30 requests of consecutive blocks: more than 10 logs.
        const dense = await capped
          .getLogs({
            address: layanan.contracts.requests.address,
            fromBlock: blocks.submitted1,
            toBlock: blocks.submitted30,
          })
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(classifyRpcError(dense)).to.equal("rpc-too-many-results");
        expect(rpcErrorInfo(dense)?.maxBlocks).to.be.a("number");
        const decoded = decodeError(dense);
        expect(decoded.key).to.equal("rpcTooManyResults");
        for (const locale of ["id", "en"]) expect(sentences(locale)[decoded.key]).to.be.a("string").and.not.equal("");
      } finally {
        await strict.close();
      }
    });

    it("gives up at a one-block window and throws the RPC's error (never loops)", async function () {
      const none = await startCappingProxy({ target: connection.provider, maxBlocks: 2000, maxResults: 0 });
      try {
        const capped = clientOf(none, manifest);
        const refusals: WindowRefusal[] = [];
        const read = async () => {
          for await (const window of eventsNewestFirst(
            capped,
            { ...layanan.contracts.requests, eventName: "RequestSubmitted" },
            {
              fromBlock: blocks.submitted31 - 64n,
              toBlock: blocks.submitted31 + 64n,
              windowBlocks: 128,
              onRefusal: (r) => refusals.push(r),
            },
          ))
            void window;
        };
        const error = await read().then(
          () => null,
          (e: unknown) => e,
        );
        expect(classifyRpcError(error)).to.equal("rpc-too-many-results");
        // Halved down to the one block holding request 31, whose refusal is then thrown.
        expect(refusals.length).to.be.at.most(12);
        expect(refusals.at(-1)?.nextWindowBlocks).to.equal(1);
      } finally {
        await none.close();
      }
    });

    it("reads oldest first from a block, as many windows as the range needs", async function () {
      const windows: [bigint, bigint, number][] = [];
      for await (const window of eventsOldestFirst(
        client,
        {
          ...layanan.contracts.requests,
          eventName: ["RequestStatusChanged", "RequestRated"],
          args: { requestId: 31n },
        },
        { fromBlock: blocks.submitted31, toBlock: blocks.submitted31 + 9_999n, windowBlocks: 2500 },
      ))
        windows.push([window.fromBlock, window.toBlock, window.logs.length]);
      // 2,500 blocks are refused (the cap is 2,000): the window becomes what the RPC names, 2,000.
      expect(windows.map(([from, to]) => to - from + 1n)).to.deep.equal([2000n, 2000n, 2000n, 2000n, 2000n]);
      expect(windows[0][0]).to.equal(blocks.submitted31);
      expect(windows.reduce((n, [, , logs]) => n + logs, 0)).to.equal(0);
    });
  });
});

describe("RPC errors (core/src/rpc.ts)", function () {
  const rpc = (code: number, message: string) =>
    new RpcRequestError({ body: { method: "eth_getLogs" }, error: { code, message }, url: "https://rpc.example" });
  const cases: [string, unknown, string | null][] = [
    ["Infura's results cap", rpc(-32005, "query returned more than 10000 results"), "rpc-too-many-results"],
    [
      "Alchemy's response cap",
      rpc(-32602, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range"),
      "rpc-too-many-results",
    ],
    ["Arbitrum's logs cap", rpc(-32000, "logs matched by query exceeds limit of 10000"), "rpc-too-many-results"],
    ["a block range cap", rpc(-32600, "block range too large"), "rpc-range"],
    ["Hyperliquid's range cap", rpc(-32600, "query exceeds max block range 2000"), "rpc-range"],
    ["publicnode's range cap", rpc(-32600, "exceed maximum block range: 5000"), "rpc-range"],
    ["QuickNode's range cap", rpc(-32614, "eth_getLogs is limited to a 10,000 range"), "rpc-range"],
    ["Ankr's range cap", rpc(-32600, "block range is too wide"), "rpc-range"],
    [
      "viem's response size limit",
      new ResponseBodyTooLargeError({ maxSize: 10_000_000, size: 20_000_000 }),
      "rpc-too-large",
    ],
    ["HTTP 413", new HttpRequestError({ url: "https://rpc.example", status: 413, details: "" }), "rpc-too-large"],
    ["HTTP 429", new HttpRequestError({ url: "https://rpc.example", status: 429, details: "" }), "rpc-rate-limited"],
    ["a JSON-RPC 429", rpc(429, "Too Many Requests"), "rpc-rate-limited"],
    ["Infura's rate limit", rpc(-32005, "project ID request rate exceeded"), "rpc-rate-limited"],
    ["viem's timeout", new TimeoutError({ body: {}, url: "https://rpc.example" }), "rpc-timeout"],
    ["HTTP 504", new HttpRequestError({ url: "https://rpc.example", status: 504, details: "" }), "rpc-timeout"],
    [
      "a refused connection",
      new HttpRequestError({ url: "http://127.0.0.1:1", cause: new TypeError("fetch failed") }),
      "rpc-unreachable",
    ],
    ["HTTP 503", new HttpRequestError({ url: "https://rpc.example", status: 503, details: "" }), "rpc-unreachable"],
    ["a browser's failed fetch", new TypeError("Failed to fetch"), "rpc-unreachable"],
    ["a plain error", new Error("something else"), null],
    ["nothing", undefined, null],
  ];
  for (const [name, error, kind] of cases) {
    it(`classifies ${name} as ${kind ?? "none"}`, function () {
      expect(classifyRpcError(error)).to.equal(kind);
    });
  }

  it("reads the range an RPC names", function () {
    expect(maxBlocksHint("query exceeds max block range 2000")).to.equal(2000);
    expect(maxBlocksHint("exceed maximum block range: 5,000")).to.equal(5000);
    expect(maxBlocksHint("You can make eth_getLogs requests with up to a 2K block range")).to.equal(2000);
    expect(maxBlocksHint("eth_getLogs is limited to a 10,000 range")).to.equal(10_000);
    expect(maxBlocksHint("query returned more than 10000 results. Try with this block range [0x10, 0x1f].")).to.equal(
      16,
    );
    expect(maxBlocksHint("block range too large")).to.equal(undefined);
  });

  it("turns every kind into a sentence of its own, Bahasa Indonesia and English", function () {
    const id = sentences("id");
    const en = sentences("en");
    const keys = new Set<string>();
    for (const kind of RPC_ERROR_KINDS) {
      const key = RPC_ERROR_KEYS[kind];
      keys.add(key);
      for (const messages of [id, en]) {
        expect(messages[key], `${kind} (${key})`).to.be.a("string").and.not.equal("");
        expect(messages[key]).to.not.equal(messages.unknown);
      }
    }
    expect(keys.size).to.equal(RPC_ERROR_KINDS.length);
    expect(decodeError(rpc(429, "Too Many Requests"))).to.deep.equal({ key: "rpcRateLimited", values: {} });
    expect(decodeError(new TimeoutError({ body: {}, url: "https://rpc.example" }))).to.deep.equal({
      key: "rpcTimeout",
      values: {},
    });
    expect(decodeError(new TypeError("Failed to fetch"))).to.deep.equal({ key: "rpcDown", values: {} });
  });

  /** A scripted RPC: eth_getLogs answers by `getLogs`, every range asked is kept. */
  function scripted(getLogs: (from: bigint, to: bigint, call: number) => unknown) {
    const asked: [bigint, bigint][] = [];
    const scriptedClient = createPublicClient({
      transport: custom(
        {
          async request({ method, params }: { method: string; params?: unknown }) {
            if (method === "eth_blockNumber") return "0x270f"; // 9,999
            if (method !== "eth_getLogs") throw new Error(`unexpected ${method}`);
            const [{ fromBlock, toBlock }] = params as [{ fromBlock: string; toBlock: string }];
            asked.push([BigInt(fromBlock), BigInt(toBlock)]);
            const answer = getLogs(BigInt(fromBlock), BigInt(toBlock), asked.length);
            if (answer instanceof Error) throw answer;
            return answer;
          },
        },
        { retryCount: 0 },
      ),
    }) as PublicClient;
    return { client: scriptedClient, asked };
  }
  const query = {
    address: "0x0000000000000000000000000000000000000001",
    abi: [{ type: "event", name: "Ping", inputs: [{ name: "n", type: "uint256", indexed: true }], anonymous: false }],
    eventName: "Ping",
  } as const;
  const rpcFailure = (code: number, message: string) => Object.assign(new Error(message), { code });

  it("waits and asks the same window again when the RPC is rate limited, then goes on", async function () {
    const { client: rpcClient, asked } = scripted((_from, _to, call) =>
      call <= 2 ? rpcFailure(429, "Too Many Requests") : [],
    );
    const windows = [];
    for await (const window of eventsNewestFirst(rpcClient, query, {
      fromBlock: 6000n,
      rateLimitDelayMs: 1,
    }))
      windows.push([window.fromBlock, window.toBlock]);
    expect(windows).to.deep.equal([
      [8000n, 9999n],
      [6000n, 7999n],
    ]);
    expect(asked.slice(0, 3)).to.deep.equal([
      [8000n, 9999n],
      [8000n, 9999n],
      [8000n, 9999n],
    ]);
  });

  it("gives up on a rate limit after its retries, with the RPC's error", async function () {
    const { client: rpcClient, asked } = scripted(() => rpcFailure(429, "Too Many Requests"));
    const error = await (async () => {
      for await (const window of eventsNewestFirst(rpcClient, query, {
        fromBlock: 0n,
        rateLimitRetries: 2,
        rateLimitDelayMs: 1,
      }))
        void window;
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(classifyRpcError(error)).to.equal("rpc-rate-limited");
    expect(asked).to.have.length(3);
  });

  it("halves a window that timed out or was too big, and grows back where the history is sparse", async function () {
    const { client: rpcClient, asked } = scripted((from, to) => {
      if (to - from + 1n > 1000n && from < 9000n && to >= 7000n) return rpcFailure(-32000, "request timed out");
      if (to - from + 1n > 500n && from <= 7000n && to >= 6000n)
        return new ResponseBodyTooLargeError({ maxSize: 1, size: 2 });
      return [];
    });
    const widths: bigint[] = [];
    for await (const window of eventsNewestFirst(rpcClient, query, { fromBlock: 0n }))
      widths.push(window.toBlock - window.fromBlock + 1n);
    expect(widths.reduce((a, b) => a + b, 0n)).to.equal(10_000n);
    expect(Math.min(...widths.map(Number))).to.be.at.most(500);
    expect(asked.at(-1)?.[0]).to.equal(0n);
    // Back to the full window once past the dense part (the last one ends at block 0).
    expect(widths.slice(-3)).to.deep.equal([2000n, 2000n, 1000n]);
  });

  it("takes the window size from configuration", function () {
    expect(logsWindowFrom(undefined)).to.equal(2000);
    expect(logsWindowFrom("500")).to.equal(500);
    expect(logsWindowFrom(" 10000 ")).to.equal(10_000);
    expect(logsWindowFrom("0")).to.equal(2000);
    expect(logsWindowFrom("many")).to.equal(2000);
  });
});

const multicallViews = [
  { type: "function", name: "getBlockNumber", stateMutability: "view", inputs: [], outputs: [{ type: "uint256" }] },
  { type: "function", name: "getChainId", stateMutability: "view", inputs: [], outputs: [{ type: "uint256" }] },
] as const;

/** from..to, both included, counting up or down. */
function range(from: number, to: number): number[] {
  const step = from <= to ? 1 : -1;
  return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);
}
