/**
 * GET /api/requests over a known set: an agency of its own with two services (SLA 1 and 10 days),
 * fourteen requests by two citizens in every status (two in one block: equal due dates), one
 * escalated, some overdue. What the chain says (core's loadAgencyRequests, the overdue rule) is the
 * expected answer of every filter, search, order and page; then bad parameters (400) and unknown
 * ids (404). Spare development account 19 is the agency's officer.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { zeroHash } from "viem";
import {
  isOpenStatus,
  isOverdueAt,
  loadAgencyRequests,
  loadCitizenRequests,
  QUEUE_STATUSES,
  type RequestSummary,
} from "@layanan/core";
import {
  api,
  bytes32,
  client,
  contracts as c,
  indexed,
  INDEXER_URL,
  layanan,
  lower,
  nodeRpc,
  ok,
  randomAddress,
  role,
  send,
  spare,
  travel,
  unique,
  write,
} from "./helpers.ts";

const DAY = 86_400;
const governor = role("governor");
const officer = spare(19);
const andi = role("citizen-andi");
const dewi = role("citizen-dewi");

let agencyId = 0;
let s1 = 0;
let s2 = 0;
/** The agency's requests as the chain has them, in the order filed. */
let rows: RequestSummary[] = [];
let now = 0;

const SUMMARIES: [service: 1 | 2, citizen: "andi" | "dewi", summary: string][] = [
  [1, "andi", "Lubang besar di Jl. Braga"],
  [2, "dewi", "lampu jalan mati"],
  [1, "dewi", "LUBANG kecil dekat sekolah"],
  [2, "andi", "Sampah menumpuk 100% penuh"],
  [1, "andi", "Trotoar rusak_parah"],
  [2, "dewi", "Lampu jalan mati juga"],
  [1, "dewi", "Pohon tumbang"],
  [2, "andi", "Saluran air tersumbat"],
  [1, "andi", "Lubang lagi"],
  [2, "dewi", "Marka jalan pudar"],
  [1, "dewi", "Rambu hilang"],
  [2, "andi", "Jembatan retak"],
];

const ids = (list: readonly { id: bigint | string }[]) => list.map((r) => String(r.id));
const byId = (a: RequestSummary, b: RequestSummary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sorted = {
  due: (list: RequestSummary[]) => [...list].sort((a, b) => a.dueAt - b.dueAt || byId(a, b)),
  "-due": (list: RequestSummary[]) => [...list].sort((a, b) => b.dueAt - a.dueAt || byId(a, b)),
  age: (list: RequestSummary[]) => [...list].sort(byId),
  newest: (list: RequestSummary[]) => [...list].sort((a, b) => byId(b, a)),
};

/**
 * The ids /api/requests lists for the agency and `query` (every page at once); the total of a
 * one-row page (counted, or taken from the counts by status) must be their number.
 */
async function listed(query: string, scope = `agency=${agencyId}`) {
  const url = `/api/requests?${scope}${query ? `&${query}` : ""}`;
  const [all, first] = await Promise.all([ok(`${url}&pageSize=200`), ok(`${url}&pageSize=1`)]);
  assert.equal(all.total, all.items.length, url);
  assert.equal(first.total, all.items.length, `${url}: the total of a one-row page`);
  return all.items.map((r: { id: string }) => r.id) as string[];
}

before(async () => {
  const code = bytes32(unique("L").slice(0, 31));
  await send(governor, c.directory, "registerAgency", [code, "Agency of the list tests", randomAddress()]);
  agencyId = await client.readContract({ ...c.directory, functionName: "agencyIdByCode", args: [code] });
  // A re-run on the same chain: the officer leaves the previous run's agency first.
  const serving = await client.readContract({ ...c.directory, functionName: "agencyIdOf", args: [officer.address] });
  if (serving !== 0) await send(governor, c.directory, "removeOfficer", [officer.address]);
  await send(governor, c.directory, "addOfficer", [agencyId, officer.address]);
  const addService = async (name: string, sla: number) => {
    const serviceCode = bytes32(unique(name).slice(0, 31));
    await send(governor, c.requests, "addService", [agencyId, serviceCode, name, sla, zeroHash, 0]);
    return client.readContract({ ...c.requests, functionName: "serviceIdByCode", args: [agencyId, serviceCode] });
  };
  s1 = await addService("Quick", DAY);
  s2 = await addService("Slow", 10 * DAY);

  const submitted: bigint[] = [];
  for (const [service, who, summary] of SUMMARIES) {
    await send(who === "andi" ? andi : dewi, c.requests, "submit", [
      service === 1 ? s1 : s2,
      zeroHash,
      bytes32(unique("ref")),
      summary,
    ]);
    submitted.push(await client.readContract({ ...c.requests, functionName: "requestCount" }));
  }
  // Two requests in one block: the same due date, so that the order falls back on the id.
  await nodeRpc("evm_setAutomine", [false]);
  try {
    const hashes = [
      await write(andi, c.requests, "submit", [s2, zeroHash, bytes32(unique("ref")), "Kembar pertama"]),
      await write(dewi, c.requests, "submit", [s2, zeroHash, bytes32(unique("ref")), "Kembar kedua"]),
    ];
    await nodeRpc("evm_mine");
    for (const hash of hashes) assert.equal((await client.waitForTransactionReceipt({ hash })).status, "success");
  } finally {
    await nodeRpc("evm_setAutomine", [true]);
  }
  const update = (index: number, status: number, note = "catatan") =>
    send(officer, c.requests, "updateStatus", [submitted[index], status, zeroHash, note]);
  await update(0, 2);
  await update(1, 2);
  await update(1, 4);
  await update(2, 5, "Bukan wewenang kami");
  await send(andi, c.requests, "cancel", [submitted[3]]);
  await update(4, 2);
  await update(4, 3);
  await send(officer, c.requests, "markDuplicate", [submitted[5], submitted[1]]);
  await travel(2 * DAY);
  const last = await send(dewi, c.requests, "escalate", [submitted[6]]);
  now = (await indexed(last.blockNumber)).time;
  rows = await loadAgencyRequests(client, layanan, agencyId);
  assert.equal(rows.length, 14);
});

describe("GET /api/requests", () => {
  it("counts the agency's requests by status, open, overdue and escalated, whatever the other filters", async () => {
    const body = await ok(`/api/requests?agency=${agencyId}&status=Completed`);
    assert.equal(body.total, 1);
    assert.equal(body.now, now);
    const byStatus = Object.fromEntries(
      QUEUE_STATUSES.map((name) => [name, rows.filter((r) => r.statusName === name).length]),
    );
    assert.deepEqual(body.counts, {
      all: 14,
      open: rows.filter((r) => isOpenStatus(r.status)).length,
      overdue: rows.filter((r) => isOverdueAt(r, now)).length,
      escalated: 1,
      byStatus,
    });
    assert.deepEqual(byStatus, {
      Submitted: 8,
      InProgress: 1,
      NeedsInfo: 1,
      Completed: 1,
      Rejected: 1,
      Cancelled: 1,
      Duplicate: 1,
    });
    // Only an agency's list has counts.
    assert.equal("counts" in (await ok(`/api/requests?citizen=${andi.address}`)), false);
  });

  it("gives each request as core's RequestSummary, with the id as a string", async () => {
    const body = await ok(`/api/requests?agency=${agencyId}&sort=age&pageSize=200`);
    assert.deepEqual(
      body.items,
      rows.map((r) => ({ ...r, id: String(r.id), citizen: lower(r.citizen) })),
    );
  });

  it("pages: page 2 of a known set, the total over every page", async () => {
    const page = async (n: number) => ok(`/api/requests?agency=${agencyId}&sort=age&pageSize=5&page=${n}`);
    const [first, second, third, fourth] = await Promise.all([1, 2, 3, 4].map(page));
    assert.deepEqual(ids(second.items), ids(rows.slice(5, 10)));
    assert.deepEqual([second.page, second.pageSize, second.total], [2, 5, 14]);
    assert.deepEqual(ids(first.items), ids(rows.slice(0, 5)));
    assert.deepEqual(ids(third.items), ids(rows.slice(10)));
    assert.deepEqual([fourth.items.length, fourth.total], [0, 14]);
    // The default page size is 50.
    assert.equal((await ok(`/api/requests?agency=${agencyId}`)).pageSize, 50);
  });

  it("filters by citizen, service, statuses, open, closed, overdue and escalated, combined with AND", async () => {
    const expect = (keep: (r: RequestSummary) => boolean) => ids(sorted.newest(rows.filter(keep)));
    assert.deepEqual(
      await listed(`citizen=${andi.address}`),
      expect((r) => r.citizen === andi.address),
    );
    assert.deepEqual(
      await listed(`service=${s1}`),
      expect((r) => r.serviceId === s1),
    );
    assert.deepEqual(
      await listed("status=InProgress,NeedsInfo"),
      expect((r) => r.statusName === "InProgress" || r.statusName === "NeedsInfo"),
    );
    assert.deepEqual(
      await listed("status=Cancelled"),
      expect((r) => r.statusName === "Cancelled"),
    );
    assert.deepEqual(
      await listed("status=open"),
      expect((r) => isOpenStatus(r.status)),
    );
    assert.deepEqual(
      await listed("status=Submitted,InProgress,NeedsInfo"),
      expect((r) => isOpenStatus(r.status)),
    );
    assert.deepEqual(
      await listed("status=closed"),
      expect((r) => !isOpenStatus(r.status)),
    );
    assert.deepEqual(
      await listed("overdue=1"),
      expect((r) => isOverdueAt(r, now)),
    );
    assert.ok((await listed("overdue=1")).length >= 3);
    assert.deepEqual(
      await listed("escalated=1"),
      expect((r) => r.escalated),
    );
    assert.deepEqual(
      await listed(`service=${s1}&status=open&citizen=${dewi.address}&overdue=1`),
      expect((r) => r.serviceId === s1 && r.citizen === dewi.address && isOverdueAt(r, now)),
    );
    // `now` decides what is overdue.
    assert.deepEqual(await listed("overdue=1&now=0"), []);
    assert.deepEqual(
      await listed(`overdue=1&now=${2 ** 40}`),
      expect((r) => isOpenStatus(r.status)),
    );
    // A citizen across agencies: core's loadCitizenRequests, newest first.
    const everywhere = await loadCitizenRequests(client, layanan, andi.address);
    assert.deepEqual(await listed("", `citizen=${lower(andi.address)}`), ids(everywhere));
  });

  it("searches the summaries: case-insensitive substrings, % and _ literally", async () => {
    const expect = (...indexes: number[]) => indexes.map((i) => String(rows[i].id)).reverse();
    assert.deepEqual(await listed("q=lubang"), expect(0, 2, 8));
    assert.deepEqual(await listed("q=LUBANG%20KECIL"), expect(2));
    assert.deepEqual(await listed(`q=${encodeURIComponent("100%")}`), expect(3));
    assert.deepEqual(await listed(`q=${encodeURIComponent("%")}`), expect(3));
    assert.deepEqual(await listed("q=_"), expect(4));
    assert.deepEqual(await listed(`q=${encodeURIComponent("  Lampu jalan  ")}`), expect(1, 5));
    assert.deepEqual(await listed("q=lampu&status=open"), []);
    assert.deepEqual(await listed("q=tidak-ada-yang-cocok"), []);
  });

  it("sorts by due date either way, by age and newest first (the default); ties by id", async () => {
    const twins = rows.slice(12);
    assert.equal(twins[0].dueAt, twins[1].dueAt, "the two requests of one block are due together");
    for (const sort of ["due", "-due", "age", "newest"] as const) {
      assert.deepEqual(await listed(`sort=${sort}`), ids(sorted[sort](rows)), sort);
      assert.deepEqual(
        await listed(`sort=${sort}&status=open`),
        ids(sorted[sort](rows.filter((r) => isOpenStatus(r.status)))),
        `${sort}, open`,
      );
    }
    assert.deepEqual(await listed("sort=-age"), ids(sorted.newest(rows)));
    assert.deepEqual(await listed(""), ids(sorted.newest(rows)));
    const due = await listed("sort=due");
    const reverse = await listed("sort=-due");
    const [a, b] = ids(twins);
    // Within equal due dates the lower id comes first, in both directions.
    assert.ok(due.indexOf(a) + 1 === due.indexOf(b) && reverse.indexOf(a) + 1 === reverse.indexOf(b));
  });

  it("answers a bad parameter with 400 and a one-line message", async () => {
    const bad = [
      "/api/requests?agency=abc",
      "/api/requests?agency=0",
      "/api/requests?agency=4294967296",
      "/api/requests?citizen=0x1234",
      "/api/requests?service=-1",
      "/api/requests?status=Lost",
      "/api/requests?status=None",
      "/api/requests?status=",
      "/api/requests?overdue=yes",
      "/api/requests?escalated=2",
      "/api/requests?sort=oldest",
      "/api/requests?page=0",
      "/api/requests?pageSize=201",
      "/api/requests?pageSize=0",
      "/api/requests?now=-5",
      `/api/requests?q=${"x".repeat(281)}`,
      "/api/requests?agnecy=1",
      "/api/requests?page=1&page=2",
      "/api/requests/abc",
      "/api/requests/0",
      `/api/requests/${2n ** 256n}`,
      "/api/agencies/x/officers",
      "/api/agencies/0/days",
      `/api/agencies/${agencyId}/days?from=10&to=5`,
      `/api/agencies/${agencyId}/days?from=0&to=5000`,
      "/api/citizens/0xnothex/claims",
      "/api/documents/0x12/revocation",
      `/api/documents/${zeroHash}/revocation?root=0x1`,
      "/api/status?verbose=1",
    ];
    for (const path of bad) {
      const answer = await api(path);
      assert.equal(answer.status, 400, `${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      assert.match(answer.contentType ?? "", /json/, path);
      assert.equal(answer.body.error, "BadQuery", path);
      assert.equal(typeof answer.body.message, "string", path);
      assert.ok(answer.body.message.length > 0 && !answer.body.message.includes("\n"), path);
    }
  });

  it("answers an unknown id with 404, and an account or anchor without records with an empty answer", async () => {
    for (const path of ["/api/requests/999999999", "/api/agencies/999999/officers", "/api/agencies/999999/days"]) {
      const answer = await api(path);
      assert.equal(answer.status, 404, path);
      assert.equal(answer.body.error, "NotFound", path);
    }
    assert.deepEqual((await ok(`/api/citizens/${randomAddress()}/claims`)).items, []);
    const anchor = `0x${"ab".repeat(32)}`;
    assert.deepEqual(await ok(`/api/documents/${anchor}/revocation`), { revocation: null });
  });

  it("is public: CORS allows any origin", async () => {
    const response = await fetch(`${INDEXER_URL}/api/status`, { headers: { origin: "https://example.org" } });
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
  });
});
