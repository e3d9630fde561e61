/**
 * A reorganisation: blocks the indexer has indexed are replaced by a longer chain (evm_snapshot,
 * transactions, evm_revert, other transactions and more blocks). The indexer converges on the new
 * chain: the reverted request and its status change are gone, the request that took its id is
 * there with its own timeline, and the counts and daily figures are the new chain's. Two blocks
 * deep: Ponder takes 30 blocks as final on chain 31337. Runs last (it rewinds the chain).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { zeroHash } from "viem";
import { indexerClient, loadAgencyRequests } from "@layanan/core";
import {
  bytes32,
  client,
  contracts as c,
  eventually,
  indexed,
  INDEXER_URL,
  layanan,
  lower,
  nodeRpc,
  ok,
  role,
  send,
  unique,
} from "./helpers.ts";

const JALAN_RUSAK = 5; // the seeded open service of agency 3 (PUPR)
const andi = role("citizen-andi");
const dewi = role("citizen-dewi");
const officer = role("officer-pupr");

async function figures(agencyId: number) {
  const days = await indexerClient(INDEXER_URL).agencyDays(agencyId);
  const stats = await client.readContract({ ...c.requests, functionName: "agencyStats", args: [agencyId] });
  const keys = ["submitted", "completed", "rejected", "cancelled", "duplicates", "escalated", "ratingCount"] as const;
  return {
    indexed: Object.fromEntries(keys.map((k) => [k, days.reduce((sum, d) => sum + d[k], 0)])),
    chain: Object.fromEntries(keys.map((k) => [k, Number(stats[k])])),
  };
}

describe("a reorganisation of the chain", () => {
  it("drops what was reverted and indexes the longer chain that replaced it", async () => {
    await indexed();
    const before = await client.readContract({ ...c.requests, functionName: "requestCount" });
    const id = before + 1n;
    const snapshot = await nodeRpc<string>("evm_snapshot");

    const reverted = await send(andi, c.requests, "submit", [
      JALAN_RUSAK,
      zeroHash,
      bytes32(unique("ref")),
      "Reverted request",
    ]);
    const started = await send(officer, c.requests, "updateStatus", [id, 2, zeroHash, "Reverted note"]);
    await indexed(started.blockNumber);
    const old = await ok(`/api/requests/${id}`);
    assert.deepEqual([old.summary, old.statusName, old.timeline.length], ["Reverted request", "InProgress", 2]);
    const oldFigures = await figures(3);
    assert.deepEqual(oldFigures.indexed, oldFigures.chain);
    assert.equal(started.blockNumber, reverted.blockNumber + 1n);

    assert.equal(await nodeRpc("evm_revert", [snapshot]), true);
    const replaced = await send(dewi, c.requests, "submit", [
      JALAN_RUSAK,
      zeroHash,
      bytes32(unique("ref")),
      "The request of the new chain",
    ]);
    assert.equal(replaced.blockNumber, reverted.blockNumber, "the new chain forks at the same height");
    await nodeRpc("hardhat_mine", ["0x3"]);
    const head = await client.getBlock({ blockTag: "latest" });
    assert.ok(head.number > started.blockNumber, "the new chain is longer than the reverted one");

    await eventually(async () => {
      const detail = await ok(`/api/requests/${id}`);
      assert.equal(detail.summary, "The request of the new chain");
      assert.equal(detail.citizen, lower(dewi.address));
      assert.equal(detail.statusName, "Submitted");
      assert.deepEqual(
        detail.timeline.map((e: { kind: string; txHash: string }) => [e.kind, e.txHash]),
        [["submitted", replaced.transactionHash]],
      );
    });
    await indexed(head.number);
    const count = await client.readContract({ ...c.requests, functionName: "requestCount" });
    assert.equal(count, id);
    assert.equal((await ok(`/api/requests?pageSize=1`)).total, Number(count));
    assert.deepEqual((await ok(`/api/requests?q=Reverted`)).items, []);
    const andisRequests = await ok(`/api/requests?citizen=${andi.address}&pageSize=200`);
    assert.ok(andisRequests.items.every((r: { id: string }) => r.id !== String(id)));
    const agency = await ok(`/api/requests?agency=3&pageSize=1`);
    const onChain = await loadAgencyRequests(client, layanan, 3);
    assert.equal(agency.counts.all, onChain.length);
    assert.equal(agency.counts.byStatus.InProgress, onChain.filter((r) => r.statusName === "InProgress").length);
    assert.equal(agency.counts.byStatus.Submitted, onChain.filter((r) => r.statusName === "Submitted").length);
    const newFigures = await figures(3);
    assert.deepEqual(newFigures.indexed, newFigures.chain);
    assert.equal(newFigures.chain.submitted, oldFigures.chain.submitted);
    const status = await ok(`/api/status`);
    assert.equal(BigInt(status.block), head.number);
    assert.equal(status.time, Number(head.timestamp));
  });
});
