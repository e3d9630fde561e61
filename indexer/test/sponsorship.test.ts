/**
 * Citizen accounts and what the city paid for: accounts made by their first sponsored operation
 * (and one made straight through the factory), passkeys added and removed, the lookup by credential
 * id hash (every active account naming it, an impostor's too), sponsored operations attributed to
 * the service and agency of the request they touched and to their Jakarta day, failed ones, the
 * figures per day, agency and service adding up to the operations and to what the paymaster's
 * deposit lost, the paymaster's own events; and an indexer on a manifest without the account
 * contracts, which indexes the rest and none of this. Spare development accounts 13 (a direct
 * factory call) and 14 (the bundler) act here; #19's key signs as the sponsor (no transaction).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { encodeFunctionData, parseEther, zeroHash, type Hex } from "viem";
import { citizenAccountAbi, softwarePasskey, type AccountCall, type Passkey } from "@layanan/core";
import {
  accountOf,
  entryPoint,
  factory,
  handleOps,
  jakartaDay,
  paymaster,
  sendValue,
  sponsor,
  sponsoredOp,
  type OpOutcome,
} from "./accounts.ts";
import {
  api,
  bytes32,
  client,
  contracts as c,
  graphql,
  indexed,
  INDEXER_URL,
  lower,
  ok,
  role,
  send,
  spare,
  unique,
} from "./helpers.ts";

const governor = role("governor");
const pupr = role("admin-pupr");
const dpmptsp = role("admin-dpmptsp");

/** A service open to any account (no claim required), of agency `agencyId`, made by its admin. */
async function openService(admin: typeof pupr, agencyId: number, name: string): Promise<number> {
  const code = bytes32(unique("SPN").slice(0, 31));
  await send(admin, c.requests, "addService", [agencyId, code, name, 3 * 86_400, zeroHash, 0]);
  return client.readContract({ ...c.requests, functionName: "serviceIdByCode", args: [agencyId, code] });
}

const submit = (serviceId: number, summary: string): AccountCall => ({
  to: c.requests.address,
  data: encodeFunctionData({
    abi: c.requests.abi,
    functionName: "submit",
    args: [serviceId, zeroHash, bytes32(unique("ref")), summary],
  }),
});
const cancel = (requestId: bigint): AccountCall => ({
  to: c.requests.address,
  data: encodeFunctionData({ abi: c.requests.abi, functionName: "cancel", args: [requestId] }),
});
const addPasskey = (account: `0x${string}`, key: Passkey): AccountCall => ({
  to: account,
  data: encodeFunctionData({
    abi: citizenAccountAbi,
    functionName: "addPasskey",
    args: [key.credentialIdHash, key.x, key.y],
  }),
});
const removePasskey = (account: `0x${string}`, key: Passkey): AccountCall => ({
  to: account,
  data: encodeFunctionData({ abi: citizenAccountAbi, functionName: "removePasskey", args: [key.credentialIdHash] }),
});

const requestCount = () => client.readContract({ ...c.requests, functionName: "requestCount" });
const depositNow = () => client.readContract({ ...paymaster, functionName: "getDeposit" });

const operation = async (userOpHash: Hex) =>
  (
    await graphql(
      `
        query ($h: String!) {
          sponsoredOperation(userOpHash: $h) {
            sender
            success
            actualGasCost
            actualGasUsed
            serviceId
            agencyId
            requestId
            action
            accountCreated
            day
            time
            blockNumber
          }
        }
      `,
      { h: userOpHash },
    )
  ).sponsoredOperation;

interface Figures {
  operations: number;
  failed: number;
  paidWei: string;
  gasUsed: string;
  accountsCreated: number;
}
const sumOf = (items: Figures[]) =>
  items.reduce(
    (s, f) => ({
      operations: s.operations + f.operations,
      failed: s.failed + f.failed,
      paidWei: (BigInt(s.paidWei) + BigInt(f.paidWei)).toString(),
      gasUsed: (BigInt(s.gasUsed) + BigInt(f.gasUsed)).toString(),
      accountsCreated: s.accountsCreated + f.accountsCreated,
    }),
    { operations: 0, failed: 0, paidWei: "0", gasUsed: "0", accountsCreated: 0 } as Figures,
  );
const figuresOf = (f: Figures) => ({
  operations: f.operations,
  failed: f.failed,
  paidWei: f.paidWei,
  gasUsed: f.gasUsed,
  accountsCreated: f.accountsCreated,
});

describe("citizen accounts and sponsored operations", () => {
  const alice = softwarePasskey();
  const bob = softwarePasskey();
  const aliceLaptop = softwarePasskey();
  let aliceAccount: `0x${string}`;
  let bobAccount: `0x${string}`;
  let roads = 0; // agency 3 (PUPR)
  let permits = 0; // agency 2 (DPMPTSP)
  /** Every operation this file sent, with the block time it was mined at. */
  const sent: (OpOutcome & { time: bigint; serviceId: number; agencyId: number; created: boolean })[] = [];
  let depositBefore = 0n;
  let totalsBefore: Figures;
  let agencyBefore: Figures;

  before(async () => {
    await indexed();
    totalsBefore = (await ok("/api/sponsorship")).totals;
    agencyBefore = (await ok("/api/sponsorship?agency=2")).totals;
    depositBefore = await depositNow();
    roads = await openService(pupr, 3, "Potholes (sponsorship tests)");
    permits = await openService(dpmptsp, 2, "Permits (sponsorship tests)");
    aliceAccount = await accountOf(alice);
    bobAccount = await accountOf(bob);
  });

  const record = async (
    bundle: Awaited<ReturnType<typeof handleOps>>,
    attributions: { serviceId: number; agencyId: number; created: boolean }[],
  ) => {
    const { timestamp } = await client.getBlock({ blockNumber: bundle.receipt.blockNumber });
    bundle.outcomes.forEach((o, i) => sent.push({ ...o, time: timestamp, ...attributions[i] }));
  };

  it("makes an account in its first operation, which submits a request: the account, its passkey, the operation", async () => {
    const op = await sponsoredOp(alice, [submit(roads, "Lubang di Jl. Asia Afrika")]);
    const bundle = await handleOps([op]);
    await record(bundle, [{ serviceId: roads, agencyId: 3, created: true }]);
    await indexed(bundle.receipt.blockNumber);
    const [outcome] = bundle.outcomes;
    assert.equal(outcome.success, true);
    const block = await client.getBlock({ blockNumber: bundle.receipt.blockNumber });

    const account = await ok(`/api/accounts/${aliceAccount}`);
    assert.deepEqual(account, {
      address: lower(aliceAccount),
      credentialIdHash: alice.credentialIdHash,
      x: alice.x,
      y: alice.y,
      createdAt: Number(block.timestamp),
      createdAtBlock: block.number.toString(),
      txHash: bundle.receipt.transactionHash,
      userOpHash: op.hash,
      passkeys: [
        {
          credentialIdHash: alice.credentialIdHash,
          x: alice.x,
          y: alice.y,
          active: true,
          addedAt: Number(block.timestamp),
          addedAtBlock: block.number.toString(),
          removedAt: null,
        },
      ],
    });
    const found = await ok(`/api/passkeys/${alice.credentialIdHash}`);
    assert.deepEqual(
      found.items.map((p: { account: string; x: Hex; y: Hex }) => [p.account, p.x, p.y]),
      [[lower(aliceAccount), alice.x, alice.y]],
    );

    assert.deepEqual(await operation(op.hash), {
      sender: lower(aliceAccount),
      success: true,
      actualGasCost: outcome.actualGasCost.toString(),
      actualGasUsed: outcome.actualGasUsed.toString(),
      serviceId: roads,
      agencyId: 3,
      requestId: (await requestCount()).toString(),
      action: "submit",
      accountCreated: true,
      day: jakartaDay(block.timestamp),
      time: block.timestamp.toString(),
      blockNumber: block.number.toString(),
    });
    // The request itself is the account's, as any other.
    const { items } = await ok(`/api/requests?citizen=${aliceAccount}`);
    assert.equal(items.length, 1);
    assert.equal(items[0].serviceId, roads);
  });

  it("attributes each operation of a bundle of several senders to its own request's service and agency", async () => {
    const aliceRequest = await requestCount();
    // Bob's first operation (his account made), then two of Alice's: a cancel and a second submit.
    const first = await sponsoredOp(bob, [submit(permits, "Izin reklame")]);
    const aliceNonce = await client.readContract({
      ...entryPoint,
      functionName: "getNonce",
      args: [aliceAccount, 0n],
    });
    const second = await sponsoredOp(alice, [cancel(aliceRequest)], { nonce: aliceNonce });
    const third = await sponsoredOp(alice, [submit(permits, "Izin usaha"), submit(roads, "Trotoar rusak")], {
      nonce: aliceNonce + 1n,
    });
    const bundle = await handleOps([first, second, third]);
    await record(bundle, [
      { serviceId: permits, agencyId: 2, created: true },
      { serviceId: roads, agencyId: 3, created: false },
      { serviceId: permits, agencyId: 2, created: false },
    ]);
    assert.deepEqual(
      bundle.outcomes.map((o) => o.success),
      [true, true, true],
    );
    await indexed(bundle.receipt.blockNumber);
    const count = await requestCount();
    const [bobOp, cancelOp, submitOp] = await Promise.all([first, second, third].map((op) => operation(op.hash)));
    assert.deepEqual(
      [bobOp.sender, bobOp.serviceId, bobOp.agencyId, bobOp.action, bobOp.accountCreated, bobOp.requestId],
      [lower(bobAccount), permits, 2, "submit", true, (aliceRequest + 1n).toString()],
    );
    assert.deepEqual(
      [cancelOp.sender, cancelOp.serviceId, cancelOp.agencyId, cancelOp.action, cancelOp.accountCreated],
      [lower(aliceAccount), roads, 3, "cancel", false],
    );
    assert.equal(cancelOp.requestId, aliceRequest.toString());
    // Two requests in one operation: the first names its service.
    assert.deepEqual(
      [submitOp.serviceId, submitOp.agencyId, submitOp.action, submitOp.requestId],
      [permits, 2, "submit,submit", (count - 1n).toString()],
    );
    assert.equal((await ok(`/api/requests/${aliceRequest}`)).statusName, "Cancelled");
  });

  it("follows a passkey added on a second device and the first one removed; the lookup returns active passkeys only", async () => {
    const added = await handleOps([await sponsoredOp(alice, [addPasskey(aliceAccount, aliceLaptop)])]);
    await record(added, [{ serviceId: 0, agencyId: 0, created: false }]);
    // The laptop's passkey signs the removal of the phone's.
    const removal = await sponsoredOp(alice, [removePasskey(aliceAccount, alice)], {
      signer: aliceLaptop,
      address: aliceAccount,
    });
    const removed = await handleOps([removal]);
    await record(removed, [{ serviceId: 0, agencyId: 0, created: false }]);
    assert.ok(added.outcomes[0].success && removed.outcomes[0].success);
    await indexed(removed.receipt.blockNumber);

    const account = await ok(`/api/accounts/${aliceAccount}`);
    const removedAt = Number((await client.getBlock({ blockNumber: removed.receipt.blockNumber })).timestamp);
    assert.deepEqual(
      account.passkeys.map((p: { credentialIdHash: Hex; active: boolean; removedAt: number | null }) => [
        p.credentialIdHash,
        p.active,
        p.removedAt,
      ]),
      [
        [alice.credentialIdHash, false, removedAt],
        [aliceLaptop.credentialIdHash, true, null],
      ],
    );
    assert.equal(account.passkeys[1].x, aliceLaptop.x);
    assert.deepEqual((await ok(`/api/passkeys/${alice.credentialIdHash}`)).items, []);
    assert.deepEqual(
      (await ok(`/api/passkeys/${aliceLaptop.credentialIdHash}`)).items.map((p: { account: string }) => p.account),
      [lower(aliceAccount)],
    );
    assert.equal(
      (await graphql(`{ citizenAccount(address: "${lower(aliceAccount)}") { passkeys } }`)).citizenAccount.passkeys,
      1,
    );
    const op = await operation(removal.hash);
    assert.deepEqual([op.serviceId, op.agencyId, op.action, op.requestId], [0, 0, "removePasskey", null]);
    assert.equal((await operation(added.outcomes[0].userOpHash)).action, "addPasskey");
  });

  it("returns every active account naming a credential id hash, an impostor's with its own key too", async () => {
    // Anyone may make an account naming the laptop's credential id with a key of their own (here
    // straight through the factory, not sponsored): the browser tells them apart by the key.
    const impostor = softwarePasskey({ credentialId: aliceLaptop.credentialId });
    assert.equal(impostor.credentialIdHash, aliceLaptop.credentialIdHash);
    const made = await send(spare(13), factory, "createAccount", [impostor.x, impostor.y, impostor.credentialIdHash]);
    await indexed(made.blockNumber);
    const impostorAccount = await accountOf(impostor);
    const { items } = await ok(`/api/passkeys/${aliceLaptop.credentialIdHash}`);
    assert.deepEqual(
      items.map((p: { account: string; x: Hex; y: Hex }) => [p.account, p.x, p.y]),
      [
        [lower(aliceAccount), aliceLaptop.x, aliceLaptop.y],
        [lower(impostorAccount), impostor.x, impostor.y],
      ],
    );
    const account = await ok(`/api/accounts/${impostorAccount}`);
    assert.equal(account.userOpHash, null, "not made by a sponsored operation");
    assert.equal(account.passkeys.length, 1);
    assert.equal((await api(`/api/accounts/${spare(13).address}`)).status, 404);
    assert.equal((await api(`/api/passkeys/0x1234`)).status, 400);
  });

  it("counts an operation whose calls revert as paid for and failed, on its request's service", async () => {
    // Cancelling a request that is already cancelled reverts inside the operation: the city still pays.
    const cancelled = BigInt((await ok(`/api/requests?citizen=${aliceAccount}&status=Cancelled`)).items[0].id);
    const op = await sponsoredOp(aliceLaptop, [cancel(cancelled)], { address: aliceAccount });
    const bundle = await handleOps([op]);
    await record(bundle, [{ serviceId: roads, agencyId: 3, created: false }]);
    assert.equal(bundle.outcomes[0].success, false);
    assert.ok(bundle.outcomes[0].actualGasCost > 0n);
    await indexed(bundle.receipt.blockNumber);
    const row = await operation(op.hash);
    assert.deepEqual(
      [row.success, row.serviceId, row.agencyId, row.action, row.actualGasCost],
      [false, roads, 3, "cancel", bundle.outcomes[0].actualGasCost.toString()],
    );
  });

  it("keeps figures per Jakarta day, agency and service that add up to the operations and to the deposit spent", async () => {
    await indexed();
    const paid = sent.reduce((s, o) => s + o.actualGasCost, 0n);
    assert.equal(depositBefore - (await depositNow()), paid, "the deposit paid for exactly these operations");

    const all = await ok("/api/sponsorship?pageSize=200");
    assert.equal(all.paymaster, lower(paymaster.address));
    assert.deepEqual(all.totals, {
      operations: totalsBefore.operations + sent.length,
      failed: totalsBefore.failed + 1,
      paidWei: (BigInt(totalsBefore.paidWei) + paid).toString(),
      gasUsed: (BigInt(totalsBefore.gasUsed) + sent.reduce((s, o) => s + o.actualGasUsed, 0n)).toString(),
      accountsCreated: totalsBefore.accountsCreated + 2,
    });
    // Every day's figures are its services' sums; the days' sums are the totals.
    assert.equal(all.total, all.items.length);
    for (const day of all.items) {
      assert.deepEqual(figuresOf(sumOf(day.services)), figuresOf(day));
      assert.equal(day.date, new Date(day.day * 86_400_000).toISOString().slice(0, 10));
    }
    assert.deepEqual(figuresOf(sumOf(all.items)), all.totals);
    assert.deepEqual(
      all.items.map((d: { day: number }) => d.day),
      [...all.items.map((d: { day: number }) => d.day)].sort((a, b) => b - a),
      "newest first",
    );

    // This file's operations, by day and by service, as the operations themselves add up.
    const days = [...new Set(sent.map((o) => jakartaDay(o.time)))];
    const from = Math.min(...days);
    const to = Math.max(...days);
    for (const [filter, pick] of [
      [`service=${roads}`, (o: (typeof sent)[number]) => o.serviceId === roads],
      [`service=${permits}`, (o: (typeof sent)[number]) => o.serviceId === permits],
      [`service=${roads}&agency=3`, (o: (typeof sent)[number]) => o.serviceId === roads],
    ] as const) {
      const mine = sent.filter(pick);
      const answer = await ok(`/api/sponsorship?${filter}`);
      const expected = {
        operations: mine.length,
        failed: mine.filter((o) => !o.success).length,
        paidWei: mine.reduce((s, o) => s + o.actualGasCost, 0n).toString(),
        gasUsed: mine.reduce((s, o) => s + o.actualGasUsed, 0n).toString(),
        accountsCreated: mine.filter((o) => o.created).length,
      };
      assert.deepEqual(answer.totals, expected, filter);
      assert.deepEqual(figuresOf(sumOf(answer.items)), expected, filter);
      const ranged = await ok(`/api/sponsorship?${filter}&from=${from}&to=${to}`);
      assert.deepEqual(ranged.totals, expected, `${filter}, ${from}..${to}`);
      for (const day of answer.items) {
        const onDay = mine.filter((o) => jakartaDay(o.time) === day.day);
        assert.equal(day.operations, onDay.length, `${filter}, day ${day.day}`);
      }
    }
    // An agency's figures (other files may sponsor its other services): what this file added.
    const mine2 = sent.filter((o) => o.agencyId === 2);
    const agency2 = await ok(`/api/sponsorship?agency=2`);
    assert.deepEqual(agency2.totals, {
      operations: agencyBefore.operations + mine2.length,
      failed: agencyBefore.failed,
      paidWei: (BigInt(agencyBefore.paidWei) + mine2.reduce((s, o) => s + o.actualGasCost, 0n)).toString(),
      gasUsed: (BigInt(agencyBefore.gasUsed) + mine2.reduce((s, o) => s + o.actualGasUsed, 0n)).toString(),
      accountsCreated: agencyBefore.accountsCreated + 1,
    });
    assert.deepEqual(figuresOf(sumOf(agency2.items)), agency2.totals);
    for (const day of agency2.items) {
      assert.ok(day.services.every((s: { agencyId: number }) => s.agencyId === 2));
      assert.deepEqual(figuresOf(sumOf(day.services)), figuresOf(day));
    }
    // A service with another agency's filter: nothing.
    const none = await ok(`/api/sponsorship?service=${roads}&agency=2`);
    assert.deepEqual([none.items, none.total, none.totals.operations], [[], 0, 0]);
    // An empty range, paging, bad parameters.
    const empty = await ok(`/api/sponsorship?from=${to + 1}&to=${to + 10}`);
    assert.deepEqual([empty.items, empty.total, empty.totals.operations], [[], 0, 0]);
    const paged = await ok(`/api/sponsorship?pageSize=1&page=1`);
    assert.equal(paged.items.length, 1);
    assert.equal(paged.total, all.total);
    for (const bad of ["from=5&to=4", "agency=x", "day=1", "pageSize=201"])
      assert.equal((await api(`/api/sponsorship?${bad}`)).status, 400, bad);
  });

  it("records the paymaster's own events: its signer, deposits and withdrawals", async () => {
    const events = async (fromBlock: bigint) =>
      (
        await graphql(
          `
            query ($from: BigInt!) {
              paymasterEvents(where: { blockNumber_gte: $from }, orderBy: "blockNumber", limit: 50) {
                items {
                  kind
                  account
                  previous
                  amount
                }
              }
            }
          `,
          { from: fromBlock.toString() },
        )
      ).paymasterEvents.items;
    // The deployment: the constructor named #19 the signer, the deploy funded the deposit.
    const deployed = await events(0n);
    assert.deepEqual(deployed[0], {
      kind: "signer",
      account: lower(sponsor.address),
      previous: lower("0x0000000000000000000000000000000000000000"),
      amount: null,
    });
    assert.ok(deployed.some((e: { kind: string }) => e.kind === "deposit"));

    const other = spare(13);
    const rotated = await send(governor, paymaster, "setSponsorSigner", [other.address]);
    await send(governor, paymaster, "setSponsorSigner", [sponsor.address]);
    await sendValue(other, paymaster, "deposit", [], parseEther("1"));
    const withdrawn = await send(governor, paymaster, "withdraw", [other.address, parseEther("0.5")]);
    await indexed(withdrawn.blockNumber);
    assert.deepEqual(await events(rotated.blockNumber), [
      { kind: "signer", account: lower(other.address), previous: lower(sponsor.address), amount: null },
      { kind: "signer", account: lower(sponsor.address), previous: lower(other.address), amount: null },
      { kind: "deposit", account: lower(other.address), previous: null, amount: parseEther("1").toString() },
      { kind: "withdrawal", account: lower(other.address), previous: null, amount: parseEther("0.5").toString() },
    ]);
  });
});

describe("a manifest without the citizen-account contracts (an older deployment)", () => {
  const port = Number(new URL(INDEXER_URL).port) + 1;
  const url = `http://127.0.0.1:${port}`;
  const work = mkdtempSync(path.join(os.tmpdir(), "layanan-indexer-no-accounts-"));
  let indexer: ChildProcess | undefined;
  const get = async (p: string) => {
    const response = await fetch(`${url}${p}`);
    return { status: response.status, body: (await response.json()) as any };
  };

  before(async () => {
    const older = JSON.parse(readFileSync(process.env.LAYANAN_TEST_MANIFEST!, "utf8"));
    for (const name of ["EntryPoint", "CitizenAccountFactory", "LayananPaymaster"]) delete older.contracts[name];
    const olderFile = path.join(work, "older.json");
    writeFileSync(olderFile, JSON.stringify(older));
    // A second `ponder start` on PGlite in a folder of its own (it shares nothing with the main one).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PONDER_TELEMETRY_DISABLED: "true",
      LAYANAN_MANIFEST: olderFile,
      LAYANAN_RPC_URL: process.env.LAYANAN_TEST_RPC_URL,
      LAYANAN_PGLITE_DIR: path.join(work, "pglite"),
      LAYANAN_POLLING_MS: "100",
    };
    delete env.DATABASE_URL;
    delete env.DATABASE_SCHEMA;
    const log = openSync(path.join(work, "indexer.log"), "a");
    const root = path.resolve(import.meta.dirname, "..", "..");
    indexer = spawn(
      path.join(root, "node_modules", ".bin", "ponder"),
      ["start", "--schema", "older", "--port", String(port), "--log-level", "warn"],
      { cwd: path.join(root, "indexer"), env, detached: true, stdio: ["ignore", log, log] },
    );
    closeSync(log);
    const deadline = Date.now() + 180_000;
    for (;;) {
      assert.equal(
        indexer.exitCode,
        null,
        `the second indexer exited: ${readFileSync(path.join(work, "indexer.log"), "utf8")}`,
      );
      const ready = await fetch(`${url}/ready`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      assert.ok(Date.now() < deadline, "the second indexer was not ready within 180 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  after(() => {
    if (indexer?.pid !== undefined && indexer.exitCode === null) {
      try {
        process.kill(-indexer.pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
    rmSync(work, { recursive: true, force: true });
  });

  it("indexes the four contracts and no account, passkey, operation or figure", async () => {
    const head = await client.getBlockNumber();
    const deadline = Date.now() + 60_000;
    while (BigInt((await get("/api/status")).body.block) < head) {
      assert.ok(Date.now() < deadline, "the second indexer did not reach the chain's head");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The rest is there: the same requests as the main indexer's.
    const main = await ok("/api/requests?pageSize=1");
    assert.ok(main.total > 0);
    assert.equal((await get("/api/requests?pageSize=1")).body.total, main.total);
    assert.deepEqual((await get("/api/sponsorship")).body, {
      items: [],
      page: 1,
      pageSize: 50,
      total: 0,
      totals: { operations: 0, failed: 0, paidWei: "0", gasUsed: "0", accountsCreated: 0 },
      paymaster: null,
    });
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `{ citizenAccounts { totalCount } passkeys { totalCount } sponsoredOperations { totalCount } paymasterEvents { totalCount } }`,
      }),
    });
    const { data } = (await response.json()) as { data: Record<string, { totalCount: number }> };
    assert.deepEqual(
      Object.values(data).map((t) => t.totalCount),
      [0, 0, 0, 0],
    );
    // An account and a passkey the main indexer knows are unknown here.
    const known = (
      await graphql(`
        {
          passkeys(where: { active: true }, limit: 1) {
            items {
              account
              credentialIdHash
            }
          }
        }
      `)
    ).passkeys.items[0];
    assert.equal((await ok(`/api/accounts/${known.account}`)).address, known.account);
    assert.equal((await get(`/api/accounts/${known.account}`)).status, 404);
    assert.deepEqual((await get(`/api/passkeys/${known.credentialIdHash}`)).body, { items: [] });
  });
});
