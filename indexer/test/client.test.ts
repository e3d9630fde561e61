/**
 * core's indexerClient against the indexer gives what core's chain reads give: the same
 * RequestSummary lists, RequestDetail with its timeline, officers, claims with every status,
 * revocations, and daily figures that add up to agencyStats; and each kind of IndexerError.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { keccak256, stringToHex, zeroHash, type Hex } from "viem";
import {
  findRevocation,
  indexerClient,
  IndexerError,
  loadAgencyRequests,
  loadCatalogue,
  loadCitizenRequests,
  loadClaims,
  loadOfficers,
  loadRequest,
  planIssue,
  withSalts,
  type ClaimGroup,
} from "@layanan/core";
import {
  bytes32,
  client,
  contracts as c,
  indexed,
  INDEXER_URL,
  layanan,
  randomAddress,
  role,
  send,
  travel,
  unique,
} from "./helpers.ts";

const ix = indexerClient(INDEXER_URL);
const governor = role("governor");
const siti = role("citizen-siti");

describe("indexerClient", () => {
  it("status(): the latest indexed block, its time and the chain", async () => {
    const head = await client.getBlock({ blockTag: "latest" });
    await indexed(head.number);
    const status = await ix.status();
    assert.equal(status.chainId, 31337);
    assert.ok(status.block >= head.number);
    const block = await client.getBlock({ blockNumber: status.block });
    assert.equal(status.time, Number(block.timestamp));
  });

  it("requests(): a citizen's and an agency's requests as loadCitizenRequests and loadAgencyRequests give them", async () => {
    await indexed();
    const mine = await ix.requests({ citizen: siti.address, pageSize: 200 });
    assert.deepEqual(mine.items, await loadCitizenRequests(client, layanan, siti.address));
    assert.equal(mine.counts, undefined);
    const agency = await ix.requests({ agencyId: 1, sort: "age", pageSize: 200 });
    assert.deepEqual(agency.items, await loadAgencyRequests(client, layanan, 1));
    assert.equal(agency.total, agency.items.length);
    assert.equal(agency.counts?.all, agency.items.length);
    assert.equal(
      agency.counts?.open,
      agency.items.filter((r) => ["Submitted", "InProgress", "NeedsInfo"].includes(r.statusName)).length,
    );
    const page = await ix.requests({
      agencyId: 1,
      status: ["InProgress", "Completed"],
      sort: "due",
      page: 1,
      pageSize: 2,
    });
    assert.deepEqual([page.page, page.pageSize], [1, 2]);
    assert.ok(page.items.every((r) => r.statusName === "InProgress" || r.statusName === "Completed"));
    const overdue = await ix.requests({ agencyId: 1, status: "open", overdue: true, now: 2 ** 40 });
    assert.equal(overdue.now, 2 ** 40);
    assert.equal(overdue.total, agency.counts?.open);
    assert.deepEqual((await ix.requests({ q: "akta kelahiran anak", status: "closed" })).items, []);
  });

  it("request(): each request with its timeline as loadRequest gives it; null for an unknown one", async () => {
    await indexed();
    const count = await client.readContract({ ...c.requests, functionName: "requestCount" });
    assert.ok(count >= 9n);
    for (let id = 1n; id <= 9n; id++) {
      const [fromIndexer, fromChain] = await Promise.all([ix.request(id), loadRequest(client, layanan, id)]);
      assert.ok(fromIndexer && fromChain);
      // What only a windowed chain read has (how far it read) aside, and `now` (the head each has seen).
      const { fromBlock: _from, scannedTo: _to, complete: _complete, ...chainDetail } = fromChain;
      assert.deepEqual({ ...fromIndexer, now: 0 }, { ...chainDetail, now: 0 }, `request ${id}`);
      assert.ok(fromIndexer.timeline.length >= 1);
    }
    const escalated = (await ix.request(1n))!;
    assert.deepEqual(
      escalated.timeline.map((e) => e.kind),
      ["submitted", "status", "escalated"],
    );
    assert.equal(typeof escalated.timeline[0].blockNumber, "bigint");
    assert.equal(await ix.request(count + 1000n), null);
  });

  it("officers(): as loadOfficers; an unknown agency is not-found", async () => {
    for (const agencyId of [1, 2, 3]) {
      assert.deepEqual(await ix.officers(agencyId), await loadOfficers(client, layanan, agencyId));
    }
    await assert.rejects(
      ix.officers(999_999),
      (error: unknown) => error instanceof IndexerError && error.kind === "not-found",
    );
  });

  it("claims(): every status as loadClaims explains it (valid, superseded, expired, suspended, untrusted, revoked)", async () => {
    const subject = randomAddress();
    const officerA = role("officer-disdukcapil"); // agency 1
    const officerB = role("officer-dpmptsp"); // agency 2
    const claim = (name: string) => keccak256(stringToHex(unique(name)));
    const [both, second, untrusted, revoked] = [claim("BOTH"), claim("SECOND"), claim("UNTRUSTED"), claim("REVOKED")];
    for (const [type, agencies] of [
      [both, [1, 2]],
      [second, [2]],
      [untrusted, [1]],
      [revoked, [1]],
    ] as const) {
      await send(governor, c.attestations, "registerClaimType", [type, `Claim of the client test`]);
      for (const agencyId of agencies) await send(governor, c.attestations, "setTrustedIssuer", [type, agencyId, true]);
    }
    const attest = (officer: typeof officerA, type: Hex, level: number, expiresAt = 0n) =>
      send(officer, c.attestations, "attest", [subject, type, bytes32(unique("data")), level, expiresAt]);
    await attest(officerA, both, 1);
    await attest(officerA, both, 2); // supersedes the first
    const head = await client.getBlock({ blockTag: "latest" });
    await attest(officerB, both, 3, head.timestamp + 100n); // expires below
    await attest(officerB, second, 2); // agency 2 is suspended below
    await attest(officerA, untrusted, 2);
    await send(governor, c.attestations, "setTrustedIssuer", [untrusted, 1, false]);
    await attest(officerA, revoked, 2);
    const uid = await client.readContract({
      ...c.attestations,
      functionName: "currentAttestationOf",
      args: [subject, revoked, 1],
    });
    await send(officerA, c.attestations, "revoke", [uid, bytes32("DATA_CHANGED")]);
    await travel(200);
    await send(governor, c.directory, "setAgencyActive", [2, false]);
    try {
      await indexed();
      const catalogue = await loadCatalogue(client, layanan);
      const fromChain = await loadClaims(client, layanan, subject, catalogue);
      const fromIndexer = await ix.claims(subject, catalogue);
      const withoutDataHash = (groups: ClaimGroup[]) =>
        groups.map((g) => ({ ...g, attestations: g.attestations.map((a) => ({ ...a, dataHash: null })) }));
      assert.deepEqual(fromIndexer.groups, withoutDataHash(fromChain.groups));
      assert.equal(fromIndexer.now, fromChain.now);
      const statuses = fromIndexer.groups.flatMap((g) => g.attestations.map((a) => a.status)).sort();
      assert.deepEqual(statuses, ["expired", "revoked", "superseded", "suspended", "untrusted", "valid"]);
      assert.ok(fromIndexer.groups.every((g) => g.attestations.every((a) => a.dataHash === null)));
    } finally {
      await send(governor, c.directory, "setAgencyActive", [2, true]);
    }
  });

  it("revocation(): as findRevocation, for a batch member, a whole batch, and a document never revoked", async () => {
    await indexed();
    const [seeded] = await client.getContractEvents({
      ...c.documents,
      eventName: "DocumentRevoked",
      fromBlock: layanan.fromBlock,
      strict: true,
    });
    const member = { anchor: seeded.args.documentHash, root: seeded.args.root, proof: [] };
    const fromIndexer = await ix.revocation(member);
    assert.deepEqual(fromIndexer, await findRevocation(client, layanan, member));
    assert.deepEqual(fromIndexer?.reason, { code: "SALAH_CETAK", readable: "Salah cetak" });

    const officer = role("officer-disdukcapil");
    const files = withSalts(
      ["x", "y"].map((name) => ({ name, fingerprint: keccak256(stringToHex(unique(name))) })),
      false,
    );
    const plan = planIssue(files, { batch: true });
    if (plan.kind !== "batch") throw new Error("a batch was planned");
    const akta = keccak256(stringToHex("AKTA_KELAHIRAN"));
    await send(officer, c.documents, "issueBatch", [plan.root, plan.count, akta, 0n]);
    const [anchor] = plan.proofs.keys() as IterableIterator<Hex>;
    const query = { anchor, root: plan.root, proof: plan.proofs.get(anchor)! };
    await indexed();
    assert.equal(await ix.revocation(query), null);
    assert.equal(await findRevocation(client, layanan, query), null);
    await send(officer, c.documents, "revokeBatch", [plan.root, bytes32("BATCH_WITHDRAWN")]);
    await indexed();
    const whole = await ix.revocation(query);
    assert.deepEqual(whole, await findRevocation(client, layanan, query));
    assert.equal(whole?.wholeBatch, true);
    assert.equal(await ix.revocation({ anchor: bytes32("never issued"), root: zeroHash, proof: [] }), null);
  });

  it("agencyDays(): per-day figures that add up to agencyStats, in a range of days", async () => {
    await indexed();
    for (const agencyId of [1, 2, 3]) {
      const days = await ix.agencyDays(agencyId);
      const stats = await client.readContract({ ...c.requests, functionName: "agencyStats", args: [agencyId] });
      const sum = (key: keyof (typeof days)[number]) => days.reduce((total, d) => total + BigInt(d[key]), 0n);
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
        assert.equal(sum(key), BigInt(stats[key]), `agency ${agencyId}: ${key}`);
      }
      assert.deepEqual(
        days.map((d) => d.day),
        [...days.map((d) => d.day)].sort((a, b) => a - b),
      );
      assert.equal(typeof days[0]?.totalResolutionSeconds, days.length ? "bigint" : "undefined");
    }
    const days = await ix.agencyDays(1);
    assert.ok(days.length >= 2, "the seed spreads agency 1's requests over two days");
    const one = days[1].day;
    assert.deepEqual(await ix.agencyDays(1, { from: one, to: one }), [days[1]]);
    assert.deepEqual(await ix.agencyDays(1, { from: one }), days.slice(1));
    assert.deepEqual(await ix.agencyDays(1, { to: days[0].day }), [days[0]]);
  });
});

describe("IndexerError", () => {
  const servers: http.Server[] = [];
  after(() => servers.forEach((server) => server.close()));
  /** A local HTTP server answering every request with `handler` (or never). */
  async function serve(handler?: (response: http.ServerResponse) => void): Promise<string> {
    const server = http.createServer((_request, response) => handler?.(response));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const kind = (expected: string) => (error: unknown) => {
    assert.ok(error instanceof IndexerError, String(error));
    assert.equal(error.kind, expected, error.message);
    return true;
  };

  it("unreachable: nothing listens there", async () => {
    const url = await serve();
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    await assert.rejects(indexerClient(url).status(), kind("unreachable"));
  });

  it("timeout: the server accepts and never answers", async () => {
    const url = await serve();
    const started = Date.now();
    await assert.rejects(indexerClient(url, { timeoutMs: 200 }).status(), kind("timeout"));
    assert.ok(Date.now() - started < 5000);
  });

  it("bad-response: not JSON, JSON that is not the API's, a parameter the indexer refuses", async () => {
    const html = await serve((response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<html></html>"),
    );
    await assert.rejects(indexerClient(html).requests(), kind("bad-response"));
    const other = await serve((response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ items: 5 })),
    );
    await assert.rejects(indexerClient(other).requests(), kind("bad-response"));
    await assert.rejects(indexerClient(other).status(), kind("bad-response"));
    const notFoundPage = await serve((response) => response.writeHead(404, { "content-type": "text/html" }).end("no"));
    await assert.rejects(indexerClient(notFoundPage).request(1n), kind("bad-response"));
    await assert.rejects(ix.requests({ pageSize: 500 }), (error: unknown) => {
      assert.ok(error instanceof IndexerError && error.kind === "bad-response" && error.status === 400);
      assert.match(error.message, /pageSize/);
      return true;
    });
  });

  it("uses the fetch it is given", async () => {
    const seen: string[] = [];
    const recording = indexerClient(`${INDEXER_URL}/`, {
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await recording.officers(1);
    assert.deepEqual(seen, [`${INDEXER_URL}/api/agencies/1/officers`]);
  });
});
