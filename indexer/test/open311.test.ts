/**
 * The Open311 GeoReport v2 read API (src/api/open311.ts) against the seeded demo city: every route
 * in JSON and XML, the filters, the error format, the chain as the reference, and no citizen's
 * address anywhere. Run by scripts/indexer-tests.ts (LAYANAN_TEST_*; see helpers.ts). Other test
 * files share the chain and may run first, so what is checked against the seed is what cannot
 * change (final statuses, ratings, escalations, summaries); the rest is checked against the chain.
 */
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEventLogs, zeroHash } from "viem";
import { decodeCode, isOpenStatus, statusNameOf } from "@layanan/core";
import {
  EXTENDED_ATTRIBUTES,
  GEOREPORT_REQUEST_FIELDS,
  GEOREPORT_SERVICE_FIELDS,
  GEOREPORT_SPEC,
  OMITTED_REQUEST_FIELDS,
} from "../src/open311/format.ts";
import { jsonAsXmlText, parseXml, xmlToJson, type JsonValue } from "../src/open311/xml.ts";
import {
  INDEXER_URL,
  LOCAL_DIR,
  bytes32,
  client,
  contracts,
  indexed,
  manifest,
  role,
  send,
  unique,
} from "./helpers.ts";

const BASE = `${INDEXER_URL.replace(/\/+$/, "")}/open311/v2`;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

type Json = Record<string, JsonValue> & { extended_attributes: Record<string, JsonValue> };

/** Every body the API answered during these tests, to look for personal data at the end. */
const seen: string[] = [];

async function get(route: string, init?: RequestInit) {
  const response = await fetch(`${BASE}/${route}`, init);
  const text = await response.text();
  seen.push(text);
  return { status: response.status, type: response.headers.get("content-type") ?? "", headers: response.headers, text };
}

/** A JSON route: 200 with application/json, parsed. */
async function json<T = Json[]>(route: string): Promise<T> {
  const r = await get(route);
  assert.equal(r.status, 200, `${route}: ${r.text}`);
  assert.match(r.type, /^application\/json/, route);
  return JSON.parse(r.text) as T;
}

/** An XML route: 200 with text/xml; charset=utf-8, well-formed, read back as the JSON it carries. */
async function xml(route: string, root: string): Promise<JsonValue> {
  const r = await get(route);
  assert.equal(r.status, 200, `${route}: ${r.text}`);
  assert.equal(r.type, "text/xml; charset=utf-8", route);
  assert.ok(r.text.startsWith('<?xml version="1.0" encoding="utf-8"?>'), route);
  const el = parseXml(r.text);
  assert.equal(el.name, root, route);
  return xmlToJson(el);
}

/** An error answer in the spec's format, JSON or XML by the route's extension; returns the description. */
async function error(route: string, code: number, init?: RequestInit): Promise<string> {
  const r = await get(route, init);
  assert.equal(r.status, code, `${route}: ${r.text}`);
  if (route.split("?")[0].endsWith(".xml")) {
    assert.equal(r.type, "text/xml; charset=utf-8", route);
    const el = parseXml(r.text);
    assert.equal(el.name, "errors");
    assert.deepEqual(
      el.children.map((c) => c.name),
      ["error"],
    );
    assert.deepEqual(
      el.children[0].children.map((c) => c.name),
      ["code", "description"],
    );
    assert.equal(el.children[0].children[0].text, String(code));
    return el.children[0].children[1].text;
  }
  assert.match(r.type, /^application\/json/, route);
  const body = JSON.parse(r.text) as { code: number; description: string }[];
  assert.equal(body.length, 1);
  assert.deepEqual(Object.keys(body[0]), ["code", "description"]);
  assert.equal(body[0].code, code);
  assert.equal(typeof body[0].description, "string");
  return body[0].description;
}

const ids = (list: Json[]) => list.map((r) => String(r.service_request_id));

/** Since any time: the filters' reference list, whatever the default window holds. */
const EVER = "start_date=2000-01-01T00:00:00Z";

/** Every page of a JSON requests query (200 a page), in order. */
async function every(query: string): Promise<Json[]> {
  const out: Json[] = [];
  for (let page = 1; ; page++) {
    const list = await json(`requests.json?${query}&page_size=200&page=${page}`);
    out.push(...list);
    if (list.length < 200) return out;
  }
}

describe("Open311 GeoReport v2", () => {
  const requests = contracts.requests;
  /** The chain's view of each request, by id. */
  const onChain = new Map<string, { status: number; serviceId: number; escalated: boolean; rating: number }>();
  let all: Json[] = [];
  /** A request this file files, with text XML must escape, and an officer's note on it. */
  const tricky = {
    id: "",
    summary: `Lubang <besar> & "dalam" di 'Jl. Asia-Afrika' ]]> \u0001 selesai?`,
    note: `Tim <PUPR> & mitra dijadwalkan "besok"`,
  };

  before(async () => {
    // A report (JALAN_RUSAK needs no claim) by a demo citizen, taken up by the agency with a note.
    const citizen = role("citizen-andi");
    const receipt = await send(citizen, requests, "submit", [5, zeroHash, bytes32(unique("o311")), tricky.summary]);
    const [submitted] = parseEventLogs({ abi: requests.abi, logs: receipt.logs, eventName: "RequestSubmitted" });
    tricky.id = submitted.args.requestId.toString();
    const update = await send(role("officer-pupr"), requests, "updateStatus", [
      submitted.args.requestId,
      2,
      zeroHash,
      tricky.note,
    ]);
    await indexed(update.blockNumber);

    const count = Number(await client.readContract({ ...requests, functionName: "requestCount" }));
    assert.ok(count >= 10, "the demo city's 9 requests and this file's");
    for (let id = 1; id <= count; id++) {
      const r = await client.readContract({ ...requests, functionName: "getRequest", args: [BigInt(id)] });
      onChain.set(String(id), {
        status: Number(r.status),
        serviceId: Number(r.serviceId),
        escalated: r.escalated,
        rating: Number(r.rating),
      });
    }
    all = await every(EVER);
  });

  test("discovery describes this server's read-only production endpoint", async () => {
    const doc = await json<Record<string, JsonValue> & { endpoints: Record<string, JsonValue>[] }>("discovery.json");
    assert.deepEqual(Object.keys(doc), ["changeset", "contact", "key_service", "endpoints"]);
    assert.match(String(doc.changeset), ZONED);
    assert.equal(doc.endpoints.length, 1);
    assert.deepEqual(doc.endpoints[0], {
      specification: GEOREPORT_SPEC,
      url: BASE,
      changeset: doc.changeset,
      type: "production",
      formats: ["application/json", "text/xml"],
    });
    assert.deepEqual(await xml("discovery.xml", "discovery"), jsonAsXmlText(doc));
  });

  test("services lists every active service once, with GeoReport's fields", async () => {
    const services = await json<Record<string, JsonValue>[]>("services.json");
    const count = Number(await client.readContract({ ...requests, functionName: "serviceCount" }));
    const offered: string[] = [];
    for (let id = 1; id <= count; id++) {
      const s = await client.readContract({ ...requests, functionName: "getService", args: [id] });
      const agency = await client.readContract({
        ...contracts.directory,
        functionName: "getAgency",
        args: [s.agencyId],
      });
      if (!s.active || !agency.active) continue;
      offered.push(s.name);
      const listed = services.find((e) => e.service_name === s.name && e.group === agency.name);
      assert.ok(listed, `service ${id} is listed`);
      assert.ok(String(listed.service_code).endsWith(decodeCode(s.code)), `service ${id}'s code`);
    }
    assert.deepEqual(services.map((s) => s.service_name).sort(), offered.sort(), "the active services, once each");
    const codes = services.map((s) => String(s.service_code));
    assert.equal(new Set(codes).size, codes.length, "service codes are unique");
    for (const code of ["KTP_EL", "KK_UPDATE", "AKTA_LAHIR", "NIB_UMKM", "JALAN_RUSAK"])
      assert.ok(codes.includes(code));
    for (const s of services) {
      assert.deepEqual(Object.keys(s), [...GEOREPORT_SERVICE_FIELDS]);
      assert.equal(s.metadata, false);
      assert.equal(s.type, "realtime");
      for (const field of ["service_code", "service_name", "description", "keywords", "group"]) {
        assert.equal(typeof s[field], "string", field);
        assert.notEqual(s[field], "", field);
      }
    }
    const ktp = services.find((s) => s.service_code === "KTP_EL")!;
    assert.equal(ktp.group, "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung");
    assert.match(String(ktp.description), /3 hari \/ 3 days/);
    assert.deepEqual(await xml("services.xml", "services"), jsonAsXmlText(services));
  });

  test("services/{service_code} defines each service without extra attributes; 404 for an unknown code", async () => {
    for (const code of ["KTP_EL", "JALAN_RUSAK"]) {
      const def = await json<Record<string, JsonValue>>(`services/${code}.json`);
      assert.deepEqual(def, { service_code: code, attributes: [] });
      assert.deepEqual(await xml(`services/${code}.xml`, "service_definition"), jsonAsXmlText(def));
    }
    // The code qualified with the agency's code names the same service.
    assert.deepEqual(await json("services/PUPR.JALAN_RUSAK.json"), { service_code: "JALAN_RUSAK", attributes: [] });
    assert.match(await error("services/NOPE.json", 404), /NOPE/);
    assert.match(await error("services/NOPE.xml", 404), /NOPE/);
  });

  test("requests: every request, newest first, with GeoReport's fields and the chain's statuses", async () => {
    assert.deepEqual(
      ids(all),
      [...onChain.keys()].sort((a, b) => Number(b) - Number(a)),
      "every request, newest first",
    );
    const fields = GEOREPORT_REQUEST_FIELDS.filter((f) => !(OMITTED_REQUEST_FIELDS as readonly string[]).includes(f));
    for (const r of all) {
      assert.deepEqual(Object.keys(r), [...fields, "extended_attributes"]);
      assert.deepEqual(Object.keys(r.extended_attributes), [...EXTENDED_ATTRIBUTES]);
      for (const f of ["requested_datetime", "updated_datetime", "expected_datetime"]) {
        assert.match(String(r[f]), ZONED, f);
      }
      assert.ok(Date.parse(String(r.expected_datetime)) > Date.parse(String(r.requested_datetime)));
      assert.ok(Date.parse(String(r.updated_datetime)) >= Date.parse(String(r.requested_datetime)));
      for (const f of ["address", "address_id", "zipcode", "media_url", "service_notice"]) assert.equal(r[f], "", f);
      const chain = onChain.get(String(r.service_request_id))!;
      assert.equal(r.status, isOpenStatus(chain.status) ? "open" : "closed");
      assert.equal(r.extended_attributes.layanan_status, statusNameOf(chain.status));
      assert.equal(r.extended_attributes.escalated, chain.escalated);
      assert.equal(r.extended_attributes.rating, chain.rating === 0 ? null : chain.rating);
      assert.equal(r.extended_attributes.service_id, chain.serviceId);
      assert.equal(r.extended_attributes.chain_id, manifest.chainId);
      assert.equal(r.extended_attributes.contract, manifest.contracts.ServiceRequests.address.toLowerCase());
      assert.match(String(r.extended_attributes.tx_hash), /^0x[0-9a-f]{64}$/);
    }
    // What the seed made and cannot change: final statuses, ratings, escalations, summaries.
    const byId = (id: number | string) => all.find((r) => r.service_request_id === String(id))!;
    assert.equal(byId(2).status_notes, "Selesai / Completed — KK baru dapat diunduh atau diambil di kantor kecamatan");
    assert.equal(byId(2).service_code, "KK_UPDATE");
    assert.equal(byId(2).service_name, "Perubahan data Kartu Keluarga");
    assert.equal(byId(2).agency_responsible, "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung");
    assert.equal(byId(2).description, "Perubahan KK: penambahan anggota keluarga");
    assert.equal(byId(2).extended_attributes.rating, 4);
    assert.match(String(byId(5).status_notes), /^Ditolak \/ Rejected — Pindah alamat diajukan/);
    assert.equal(byId(1).extended_attributes.escalated, true);
    assert.equal(byId(7).status_notes, "Duplikat / Duplicate: duplikat dari #6 / duplicate of #6");
    assert.equal(byId(7).extended_attributes.duplicate_of, "6");
    assert.equal(byId(7).status, "closed");
    // Cancelled by the citizen: no note of theirs in the status notes.
    assert.equal(byId(8).status_notes, "Dibatalkan / Cancelled");
    // The anonymous report has no description.
    assert.equal(byId(9).description, "");
    // This file's request: the citizen's text as it is, the officer's note after the status.
    assert.equal(byId(tricky.id).description, tricky.summary);
    assert.equal(byId(tricky.id).status_notes, `Diproses / In progress — ${tricky.note}`);
    assert.equal(byId(tricky.id).service_code, "JALAN_RUSAK");

    // tx_hash is the transaction that submitted the request.
    const receipt = await client.getTransactionReceipt({ hash: byId(3).extended_attributes.tx_hash as `0x${string}` });
    const submitted = parseEventLogs({ abi: requests.abi, logs: receipt.logs, eventName: "RequestSubmitted" });
    assert.deepEqual(
      submitted.map((log) => log.args.requestId),
      [3n],
    );
  });

  test("requests.xml carries what requests.json does, citizen text escaped", async () => {
    const text = (await get(`requests.xml?${EVER}&page_size=200`)).text;
    assert.ok(!text.includes("<besar>") && !text.includes("<PUPR>"), "citizen and officer text is escaped");
    const back = await xml(`requests.xml?${EVER}&page_size=200`, "service_requests");
    // XML cannot carry U+0001: it becomes U+FFFD; everything else comes back as it was.
    const expected = all
      .slice(0, 200)
      .map((r) =>
        r.service_request_id === tricky.id ? { ...r, description: tricky.summary.replace("\u0001", "\uFFFD") } : r,
      );
    assert.deepEqual(back, jsonAsXmlText(expected));
  });

  test("by default, the requests of the last 90 days", async () => {
    const { time } = await indexed();
    const since = (time - 90 * 86_400) * 1000;
    const recent = all.filter((r) => Date.parse(String(r.requested_datetime)) >= since);
    assert.deepEqual(ids(await every("")), ids(recent));
  });

  test("service_request_id picks requests and overrides the other filters", async () => {
    assert.deepEqual(ids(await json("requests.json?service_request_id=2,7")), ["7", "2"]);
    assert.deepEqual(ids(await json("requests.json?service_request_id=7&status=open&service_code=KTP_EL")), ["7"]);
    assert.deepEqual(ids(await json("requests.json?service_request_id=3,999999")), ["3"]);
    assert.match(await error("requests.json?service_request_id=1,abc", 400), /service_request_id/);
  });

  test("service_code filters by one or several services", async () => {
    const of = (serviceIds: number[]) => ids(all).filter((id) => serviceIds.includes(onChain.get(id)!.serviceId));
    const roads = await every(`service_code=JALAN_RUSAK&${EVER}`);
    assert.deepEqual(ids(roads), of([5]));
    for (const id of ["6", "7", "8", "9", tricky.id]) assert.ok(ids(roads).includes(id));
    const two = await every(`service_code=KTP_EL,NIB_UMKM&${EVER}`);
    assert.deepEqual(ids(two), of([1, 4]));
    assert.ok(two.every((r) => r.service_code === "KTP_EL" || r.service_code === "NIB_UMKM"));
    assert.match(await error("requests.json?service_code=NOPE", 400), /service_code "NOPE"/);
    assert.match(await error("requests.xml?service_code=NOPE", 400), /NOPE/);
  });

  test("status=open and status=closed split the requests as the chain does", async () => {
    const open = ids(await every(`status=open&${EVER}`));
    const closed = ids(await every(`status=closed&${EVER}`));
    assert.deepEqual(
      open,
      ids(all).filter((id) => isOpenStatus(onChain.get(id)!.status)),
    );
    assert.deepEqual(
      closed,
      ids(all).filter((id) => !isOpenStatus(onChain.get(id)!.status)),
    );
    for (const id of ["2", "5", "7", "8"]) assert.ok(closed.includes(id), `closed ${id}`);
    assert.ok(open.includes(tricky.id));
    assert.deepEqual(ids(await every(`status=open,closed&${EVER}`)), ids(all));
    assert.match(await error("requests.json?status=InProgress", 400), /status/);
  });

  test("start_date and end_date filter on requested_datetime, with a zone", async () => {
    // Request 1 was submitted two days before the others (the seed's overdue request).
    const first = all.find((r) => r.service_request_id === "1")!;
    const second = all.find((r) => r.service_request_id === "2")!;
    const at1 = String(first.requested_datetime);
    const at2 = String(second.requested_datetime);
    assert.ok(Date.parse(at2) > Date.parse(at1));
    const until1 = await json(`requests.json?end_date=${encodeURIComponent(at1)}`);
    assert.deepEqual(ids(until1), ["1"]);
    const from2 = await every(`start_date=${encodeURIComponent(at2)}`);
    assert.deepEqual(
      ids(from2),
      ids(all).filter((id) => id !== "1"),
    );
    // The same instant in UTC, and a "+" left unencoded (it arrives as a space), read the same.
    const utc2 = new Date(Date.parse(at2)).toISOString().replace(/\.\d{3}Z$/, "Z");
    assert.deepEqual(ids(await every(`start_date=${utc2}`)), ids(from2));
    assert.deepEqual(ids(await every(`start_date=${at2}`)), ids(from2));
    const window = await json(
      `requests.json?start_date=${encodeURIComponent(at1)}&end_date=${encodeURIComponent(at1)}`,
    );
    assert.deepEqual(ids(window), ["1"]);
    // Not ISO 8601 with a zone: 400, naming the parameter.
    assert.match(await error("requests.json?start_date=2026-12-02", 400), /^start_date /);
    assert.match(await error("requests.json?end_date=2026-12-02T06:00:00", 400), /^end_date .*time zone/);
    assert.match(await error("requests.xml?end_date=kemarin", 400), /^end_date /);
    assert.match(
      await error(`requests.json?start_date=${encodeURIComponent(at2)}&end_date=${encodeURIComponent(at1)}`, 400),
      /start_date is after end_date/,
    );
  });

  test("page and page_size page through the newest-first list", async () => {
    const r = await get(`requests.json?${EVER}`);
    const total = Number(r.headers.get("x-total-count"));
    assert.equal(total, all.length);
    const pages: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 4); page++) {
      const list = await json(`requests.json?start_date=2000-01-01T00:00:00Z&page_size=4&page=${page}`);
      assert.ok(list.length <= 4);
      pages.push(...ids(list));
    }
    assert.deepEqual(pages, ids(all));
    assert.deepEqual(
      await json(`requests.json?start_date=2000-01-01T00:00:00Z&page_size=4&page=${Math.ceil(total / 4) + 1}`),
      [],
    );
    assert.equal(
      (await json("requests.json?start_date=2000-01-01T00:00:00Z")).length,
      Math.min(total, 50),
      "50 by default",
    );
    assert.match(await error("requests.json?page_size=201", 400), /page_size may be at most 200/);
    assert.match(await error("requests.json?page_size=0", 400), /^page_size /);
    assert.match(await error("requests.json?page=0", 400), /^page /);
    assert.match(await error("requests.xml?page=x", 400), /^page /);
  });

  test("requests/{id} answers a list of the one request; 404 for an unknown id", async () => {
    for (const id of ["1", "7", "9", tricky.id]) {
      const one = await json(`requests/${id}.json`);
      assert.equal(one.length, 1);
      assert.deepEqual(
        one[0],
        all.find((r) => r.service_request_id === id),
      );
      const carried = id === tricky.id ? [{ ...one[0], description: tricky.summary.replace("\u0001", "\uFFFD") }] : one;
      assert.deepEqual(await xml(`requests/${id}.xml`, "service_requests"), jsonAsXmlText(carried));
    }
    assert.match(await error("requests/999999.json", 404), /999999/);
    assert.match(await error("requests/999999.xml", 404), /999999/);
    await error("requests/abc.json", 404);
    await error("nothing.json", 404);
  });

  test("filing is refused: POST requests answers 405 and points to the dApp", async () => {
    const body = new URLSearchParams({ service_code: "JALAN_RUSAK", description: "x", lat: "0", long: "0" });
    const description = await error("requests.json", 405, { method: "POST", body });
    assert.match(description, /read only/);
    assert.match(description, /dApp/);
    assert.match(await error("requests.xml", 405, { method: "POST", body }), /dApp/);
    const r = await get("requests.json", { method: "POST", body });
    assert.match(r.headers.get("allow") ?? "", /GET/);
  });

  test("answers are public: CORS for any origin", async () => {
    const r = await get("services.json", { headers: { Origin: "https://example.org" } });
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
  });

  test("no citizen's address appears in any answer", async () => {
    // The other tests' answers, and every route once more in both formats.
    for (const ext of ["json", "xml"]) {
      for (const route of [
        `discovery.${ext}`,
        `services.${ext}`,
        `services/KTP_EL.${ext}`,
        `requests.${ext}?${EVER}&page_size=200`,
        ...[...onChain.keys()].map((id) => `requests/${id}.${ext}`),
      ]) {
        await get(route);
      }
    }
    const demo = JSON.parse(readFileSync(path.join(LOCAL_DIR, "demo-accounts.json"), "utf8")) as {
      accounts: { role: string; address: string }[];
    };
    const citizens = demo.accounts.filter((a) => a.role.startsWith("citizen"));
    assert.equal(citizens.length, 4);
    const everything = seen.join("\n").toLowerCase();
    assert.ok(seen.length > 40);
    for (const c of citizens) {
      assert.ok(!everything.includes(c.address.slice(2).toLowerCase()), `${c.role}'s address appears in an answer`);
    }
  });
});
