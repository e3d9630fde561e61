import { expect } from "chai";
import { readFileSync } from "node:fs";
import path from "node:path";
import { STATUS_NAMES, encodeCode } from "@layanan/core";
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_WINDOW_SECONDS,
  EXTENDED_ATTRIBUTES,
  GEOREPORT_REQUEST_FIELDS,
  GEOREPORT_SERVICE_FIELDS,
  GEOREPORT_SPEC,
  MAX_PAGE_SIZE,
  OMITTED_REQUEST_FIELDS,
  Open311Error,
  STATUS_LABELS,
  discoveryDocument,
  errorList,
  formatDateTime,
  formatRequest,
  formatService,
  open311Status,
  parseDateTime,
  parsePaging,
  parseRequestIds,
  parseRequestsQuery,
  parseStatusFilter,
  parseTzOffset,
  resolveServiceCode,
  serviceCodes,
  serviceDefinition,
  slaText,
  statusNotes,
  type Open311Agency,
  type Open311Request,
  type Open311Service,
} from "../indexer/src/open311/format.ts";
import { jsonAsXmlText, parseXml, toXml, xmlEscape, xmlToJson } from "../indexer/src/open311/xml.ts";

/** The Open311 GeoReport v2 read API's pure part (indexer/src/open311): what the indexer serves. */

const WIB = parseTzOffset("+07:00");
const ZERO = `0x${"0".repeat(64)}` as const;
const code = (text: string) => encodeCode(text) as `0x${string}`;

/** Runs `fn`, expecting an Open311Error with `code`; returns its description. */
function open311Error(fn: () => unknown, code = 400): string {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(Open311Error);
    expect((error as Open311Error).code).to.equal(code);
    return (error as Open311Error).description;
  }
  expect.fail("expected an Open311Error");
}

const agencies = new Map<number, Open311Agency>([
  [1, { id: 1, code: code("DISDUKCAPIL"), name: "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung", active: true }],
  [3, { id: 3, code: code("PUPR"), name: "Dinas Pekerjaan Umum & Penataan Ruang <Kota> Bandung", active: true }],
]);
const ktp: Open311Service = {
  id: 1,
  agencyId: 1,
  code: code("KTP_EL"),
  name: "Penggantian KTP-el (rusak atau hilang)",
  slaSeconds: 3 * 86_400,
  requiredClaim: `0x${"ab".repeat(32)}`,
  minLevel: 2,
  active: true,
};
const jalan: Open311Service = {
  id: 5,
  agencyId: 3,
  code: code("JALAN_RUSAK"),
  name: "Laporan Jalan Rusak",
  slaSeconds: 7 * 86_400,
  requiredClaim: ZERO,
  minLevel: 0,
  active: true,
};
const request: Open311Request = {
  id: 3n,
  serviceId: 1,
  agencyId: 1,
  summary: 'KTP-el rusak <retak> & "pecah"',
  status: 2,
  escalated: false,
  rating: 0,
  submittedAt: 1_796_184_000n, // 2026-12-02T04:00:00Z
  dueAt: 1_796_443_200n,
  updatedAt: 1_796_187_600n,
  duplicateOf: null,
  txHash: `0x${"CD".repeat(32)}`,
};
const context = {
  service: ktp,
  agency: agencies.get(1),
  code: "KTP_EL",
  note: "Jadwal perekaman ulang: Senin pukul 09.00",
  tz: WIB,
  chainId: 31337,
  contract: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
};

describe("Open311 GeoReport v2 formatting", function () {
  describe("statuses", function () {
    it("maps Submitted, InProgress and NeedsInfo to open and the final statuses to closed", function () {
      const open = STATUS_NAMES.filter((_, n) => open311Status(n) === "open");
      const closed = STATUS_NAMES.filter((_, n) => open311Status(n) === "closed");
      expect(open).to.deep.equal(["Submitted", "InProgress", "NeedsInfo"]);
      expect(closed).to.deep.equal(["None", "Completed", "Rejected", "Cancelled", "Duplicate"]);
    });

    it("names the detailed status in Bahasa Indonesia (as the dApp does) and English", function () {
      const dapp = JSON.parse(
        readFileSync(path.resolve(import.meta.dirname, "../frontend/messages/id/common.json"), "utf8"),
      ) as { status: Record<string, string> };
      for (const name of STATUS_NAMES) expect(STATUS_LABELS[name].id, name).to.equal(dapp.status[name]);
      expect(statusNotes(4, null)).to.equal("Selesai / Completed");
      expect(statusNotes(2, null, "  Sedang diproses ")).to.equal("Diproses / In progress — Sedang diproses");
      expect(statusNotes(5, null, "")).to.equal("Ditolak / Rejected");
      expect(statusNotes(7, 6n)).to.equal("Duplikat / Duplicate: duplikat dari #6 / duplicate of #6");
      expect(statusNotes(7, 6n)).to.contain("duplicate of #6");
    });
  });

  describe("dates", function () {
    it("writes unix times as ISO 8601 with the zone, Asia/Jakarta by default", function () {
      expect(parseTzOffset()).to.deep.equal({ minutes: 420, text: "+07:00" });
      expect(formatDateTime(1_796_184_000, WIB)).to.equal("2026-12-02T11:00:00+07:00");
      expect(formatDateTime(1_796_162_400n, WIB)).to.equal("2026-12-02T05:00:00+07:00");
      // Across midnight and the year, in both directions.
      expect(formatDateTime(Date.UTC(2026, 11, 31, 20) / 1000, WIB)).to.equal("2027-01-01T03:00:00+07:00");
      expect(formatDateTime(Date.UTC(2027, 0, 1, 2) / 1000, parseTzOffset("-0330"))).to.equal(
        "2026-12-31T22:30:00-03:30",
      );
      expect(formatDateTime(0, parseTzOffset("Z"))).to.equal("1970-01-01T00:00:00Z");
      expect(formatDateTime(1_796_184_000, parseTzOffset("+00"))).to.equal("2026-12-02T04:00:00+00:00");
      // Never a date without a zone.
      for (const t of [0, 1, 1_796_184_000, 4_102_444_800]) {
        expect(formatDateTime(t, WIB)).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
      }
    });

    it("refuses a server offset that is not one", function () {
      for (const bad of ["Asia/Jakarta", "7", "+7:00", "+15:00", "+07:60", "WIB", ""]) {
        expect(() => parseTzOffset(bad), bad).to.throw(/LAYANAN_TZ_OFFSET/);
      }
    });

    it("reads a client's ISO 8601 date and time with a zone", function () {
      const t = Date.UTC(2026, 11, 1, 23) / 1000; // 2026-12-02T06:00:00+07:00
      expect(parseDateTime("2026-12-02T06:00:00+07:00", "start_date")).to.equal(t);
      expect(parseDateTime("2026-12-01T23:00:00Z", "start_date")).to.equal(t);
      expect(parseDateTime("2026-12-01t23:00:00z", "start_date")).to.equal(t);
      expect(parseDateTime("2026-12-02T06:00+0700", "start_date")).to.equal(t);
      expect(parseDateTime("2026-12-02T06:00:00+07", "start_date")).to.equal(t);
      expect(parseDateTime("2026-12-01T20:00:00-03:00", "start_date")).to.equal(t);
      expect(parseDateTime("2026-12-01T23:00:00.250Z", "start_date")).to.equal(t + 0.25);
      expect(parseDateTime("2026-12-01T24:00:00Z", "end_date")).to.equal(Date.UTC(2026, 11, 2) / 1000);
      // An unencoded "+" in a query string arrives as a space.
      expect(parseDateTime("2026-12-02T06:00:00 07:00", "start_date")).to.equal(t);
      // What formatDateTime writes, parseDateTime reads back.
      for (const tz of [WIB, parseTzOffset("Z"), parseTzOffset("-09:30")]) {
        expect(parseDateTime(formatDateTime(1_796_184_007, tz), "end_date")).to.equal(1_796_184_007);
      }
    });

    it("answers 400 naming the parameter for a date without a zone or not ISO 8601", function () {
      const bad = [
        "2026-12-02T06:00:00",
        "2026-12-02",
        "2026-12-02 06:00:00",
        "02/12/2026",
        "1796184000",
        "yesterday",
        "2026-13-01T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-12-02T25:00:00Z",
        "2026-12-02T06:61:00Z",
        "2026-12-02T06:00:00+15:00",
        "2026-12-02T06:00:00+07:00 ",
      ];
      for (const text of bad.slice(0, -1)) {
        const description = open311Error(() => parseDateTime(text, "end_date"));
        expect(description, text).to.match(/^end_date must be an ISO 8601 date and time with a time zone/);
        expect(description).to.contain(text);
      }
      // Surrounding spaces are harmless.
      expect(parseDateTime(bad[bad.length - 1], "start_date")).to.equal(Date.UTC(2026, 11, 1, 23) / 1000);
    });
  });

  describe("XML", function () {
    it("escapes &, <, >, quotes and the characters XML cannot carry", function () {
      expect(xmlEscape(`a & b < c > d "e" 'f'`)).to.equal("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
      expect(xmlEscape("&amp;")).to.equal("&amp;amp;");
      expect(xmlEscape("bel\u0007 nul\u0000 tab\t nl\n")).to.equal("bel\uFFFD nul\uFFFD tab\t nl\n");
      expect(xmlEscape("Jl. Dago 😀 é")).to.equal("Jl. Dago 😀 é");
    });

    it("writes well-formed documents with list items named per list, and reads them back", function () {
      const summary = `</description><script>alert("x")</script> & ]]> \u0001`;
      const body = [formatRequest({ ...request, summary }, context), formatRequest(request, context)];
      const xml = toXml("service_requests", body);
      expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request>')).to.equal(true);
      expect(xml).to.not.contain("<script>");
      const root = parseXml(xml);
      expect(root.name).to.equal("service_requests");
      expect(root.children.map((c) => c.name)).to.deep.equal(["request", "request"]);
      const first = root.children[0].children.find((c) => c.name === "description")!;
      expect(first.text).to.equal(summary.replace("\u0001", "\uFFFD"));
      const extended = root.children[0].children.find((c) => c.name === "extended_attributes")!;
      expect(extended.children.map((c) => c.name)).to.deep.equal([...EXTENDED_ATTRIBUTES]);
      // The XML carries exactly what the JSON does (but the character XML cannot carry).
      const carried = body.map((r, i) => (i === 0 ? { ...r, description: first.text } : r));
      expect(xmlToJson(root)).to.deep.equal(jsonAsXmlText(carried));
      // Empty lists and empty text are empty elements.
      expect(toXml("service_definition", serviceDefinition("KTP_EL"))).to.contain(
        "<service_definition><service_code>KTP_EL</service_code><attributes/></service_definition>",
      );
      expect(toXml("services", [])).to.contain("<services/>");
    });

    it("has a checker that refuses ill-formed XML", function () {
      for (const bad of [
        "<a><b></a></b>",
        "<a>x & y</a>",
        "<a>x < y</a>",
        "<a>&nbsp;</a>",
        "<a>",
        "<a/><b/>",
        "text<a/>",
        "<a>\u0001</a>",
        '<a x="1" x="2"/>',
      ]) {
        expect(() => parseXml(bad), bad).to.throw();
      }
      expect(parseXml('<?xml version="1.0"?><a x="&lt;">&#233;&#xe9;<!-- c --><![CDATA[<b>]]></a>')).to.deep.equal({
        name: "a",
        attributes: { x: "<" },
        children: [],
        text: "éé<b>",
      });
    });
  });

  describe("requests", function () {
    it("has GeoReport v2's fields in the spec's order (no lat/long), then the extended attributes", function () {
      const json = formatRequest(request, context);
      const expected = GEOREPORT_REQUEST_FIELDS.filter(
        (f) => !(OMITTED_REQUEST_FIELDS as readonly string[]).includes(f),
      );
      expect(Object.keys(json)).to.deep.equal([...expected, "extended_attributes"]);
      expect(Object.keys(json.extended_attributes)).to.deep.equal([...EXTENDED_ATTRIBUTES]);
      expect(json).to.deep.equal({
        service_request_id: "3",
        status: "open",
        status_notes: "Diproses / In progress — Jadwal perekaman ulang: Senin pukul 09.00",
        service_name: "Penggantian KTP-el (rusak atau hilang)",
        service_code: "KTP_EL",
        description: 'KTP-el rusak <retak> & "pecah"',
        agency_responsible: "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung",
        service_notice: "",
        requested_datetime: "2026-12-02T11:00:00+07:00",
        updated_datetime: "2026-12-02T12:00:00+07:00",
        expected_datetime: "2026-12-05T11:00:00+07:00",
        address: "",
        address_id: "",
        zipcode: "",
        media_url: "",
        extended_attributes: {
          layanan_status: "InProgress",
          escalated: false,
          rating: null,
          duplicate_of: null,
          agency_id: 1,
          service_id: 1,
          chain_id: 31337,
          contract: "0x5fbdb2315678afecb367f032d93f642f64180aa3",
          tx_hash: `0x${"cd".repeat(32)}`,
        },
      });
    });

    it("closes duplicates with a pointer, keeps ratings, and leaves out the citizen even when given one", function () {
      const citizen = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
      const row = { ...request, citizen, status: 7, duplicateOf: 6n, rating: 3, escalated: true, summary: "" };
      const json = formatRequest(row, { ...context, note: null });
      expect(json.status).to.equal("closed");
      expect(json.status_notes).to.equal("Duplikat / Duplicate: duplikat dari #6 / duplicate of #6");
      expect(json.description).to.equal(""); // an anonymous report
      expect(json.extended_attributes).to.include({
        layanan_status: "Duplicate",
        duplicate_of: "6",
        rating: 3,
        escalated: true,
      });
      const text = JSON.stringify(json).toLowerCase() + toXml("service_requests", [json]).toLowerCase();
      expect(text).to.not.contain(citizen.toLowerCase());
      expect(text).to.not.contain(citizen.slice(2).toLowerCase());
      expect(json).to.not.have.property("citizen");
    });
  });

  describe("services", function () {
    it("has GeoReport v2's service fields, the agency as group and the SLA in words", function () {
      const json = formatService(ktp, agencies.get(1), "KTP_EL");
      expect(Object.keys(json)).to.deep.equal([...GEOREPORT_SERVICE_FIELDS]);
      expect(json).to.include({
        service_code: "KTP_EL",
        service_name: "Penggantian KTP-el (rusak atau hilang)",
        metadata: false,
        type: "realtime",
        keywords: "KTP_EL, DISDUKCAPIL",
        group: "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung",
      });
      expect(json.description).to.contain("Dinas Kependudukan dan Pencatatan Sipil Kota Bandung.");
      expect(json.description).to.contain("3 hari / 3 days");
      expect(json.description).to.contain("level 2 or higher");
      expect(formatService(jalan, agencies.get(3), "JALAN_RUSAK").description).to.not.contain("claim");
      expect(slaText(86_400)).to.equal("1 hari / 1 day");
      expect(slaText(14 * 86_400)).to.equal("14 hari / 14 days");
      expect(slaText(3_600)).to.equal("1 jam / 1 hour");
      expect(slaText(90)).to.equal("2 menit / 2 minutes");
      expect(serviceDefinition("KTP_EL")).to.deep.equal({ service_code: "KTP_EL", attributes: [] });
    });

    it("gives every service a unique code, qualifying one that two agencies use", function () {
      const twin: Open311Service = { ...jalan, id: 6, code: code("KTP_EL") };
      const codes = serviceCodes([ktp, jalan, twin], agencies);
      expect([...codes.values()]).to.deep.equal(["DISDUKCAPIL.KTP_EL", "JALAN_RUSAK", "PUPR.KTP_EL"]);
      const services = [ktp, jalan, twin];
      expect(resolveServiceCode("PUPR.KTP_EL", services, codes, agencies)?.id).to.equal(6);
      expect(resolveServiceCode("KTP_EL", services, codes, agencies)).to.equal(undefined);
      const plain = serviceCodes([ktp, jalan], agencies);
      expect(resolveServiceCode("KTP_EL", [ktp, jalan], plain, agencies)?.id).to.equal(1);
      expect(resolveServiceCode("PUPR.JALAN_RUSAK", [ktp, jalan], plain, agencies)?.id).to.equal(5);
      expect(resolveServiceCode("NOPE", [ktp, jalan], plain, agencies)).to.equal(undefined);
    });
  });

  describe("discovery and errors", function () {
    it("describes this one read-only production endpoint", function () {
      const doc = discoveryDocument({ baseUrl: "https://layanan.example/open311/v2", tz: WIB });
      expect(Object.keys(doc)).to.deep.equal(["changeset", "contact", "key_service", "endpoints"]);
      expect(doc.changeset).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(doc.endpoints).to.deep.equal([
        {
          specification: GEOREPORT_SPEC,
          url: "https://layanan.example/open311/v2",
          changeset: doc.changeset,
          type: "production",
          formats: ["application/json", "text/xml"],
        },
      ]);
      expect(xmlToJson(parseXml(toXml("discovery", doc)))).to.deep.equal(jsonAsXmlText(doc));
    });

    it("writes errors in the spec's format, in JSON and XML", function () {
      expect(errorList(404, "service_code X is not a service")).to.deep.equal([
        { code: 404, description: "service_code X is not a service" },
      ]);
      expect(toXml("errors", errorList(400, "page_size may be at most 200 (got 500) & <more>"))).to.equal(
        '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code>' +
          "<description>page_size may be at most 200 (got 500) &amp; &lt;more&gt;</description></error></errors>\n",
      );
    });
  });

  describe("query parameters", function () {
    it("pages with page (1-based) and page_size (default 50, at most 200)", function () {
      expect(parsePaging()).to.deep.equal({ page: 1, pageSize: DEFAULT_PAGE_SIZE, offset: 0 });
      expect(DEFAULT_PAGE_SIZE).to.equal(50);
      expect(parsePaging("3", "20")).to.deep.equal({ page: 3, pageSize: 20, offset: 40 });
      expect(parsePaging("", " ")).to.deep.equal({ page: 1, pageSize: 50, offset: 0 });
      expect(parsePaging("1", String(MAX_PAGE_SIZE)).pageSize).to.equal(200);
      expect(open311Error(() => parsePaging("1", "201"))).to.equal("page_size may be at most 200 (got 201)");
      for (const bad of ["0", "-1", "1.5", "abc", "1e3", "0x10", "99999999999999999999"]) {
        expect(
          open311Error(() => parsePaging(bad)),
          bad,
        ).to.match(/^page must be a whole number/);
        expect(
          open311Error(() => parsePaging("1", bad)),
          bad,
        ).to.match(/^page_size must be a whole number/);
      }
    });

    it("reads request ids and status lists", function () {
      expect(parseRequestIds("3, 1,3,,2")).to.deep.equal([3n, 1n, 2n]);
      expect(
        parseRequestIds("115792089237316195423570985008687907853269984665640564039457584007913129639935"),
      ).to.have.length(1);
      expect(open311Error(() => parseRequestIds("1,x"))).to.contain('"x"');
      expect(open311Error(() => parseRequestIds("-1"))).to.contain('"-1"');
      expect(open311Error(() => parseRequestIds(Array.from({ length: 201 }, (_, i) => i + 1).join(",")))).to.contain(
        "at most 200",
      );
      expect(parseStatusFilter("open")).to.equal("open");
      expect(parseStatusFilter("Closed")).to.equal("closed");
      expect(parseStatusFilter("open,closed")).to.equal(null);
      expect(open311Error(() => parseStatusFilter("InProgress"))).to.contain("status must be open, closed");
    });

    it("defaults to the last 90 days only when neither date is given, and ids override the rest", function () {
      const now = 1_796_184_000;
      const q = parseRequestsQuery({}, now);
      expect(q).to.deep.include({ ids: null, serviceCodes: null, start: now - DEFAULT_WINDOW_SECONDS, end: null });
      expect(DEFAULT_WINDOW_SECONDS).to.equal(90 * 86_400);
      expect(parseRequestsQuery({ end_date: "2026-12-02T06:00:00+07:00" }, now)).to.deep.include({
        start: null,
        end: Date.UTC(2026, 11, 1, 23) / 1000,
      });
      expect(
        parseRequestsQuery({ service_code: "KTP_EL, JALAN_RUSAK", status: "closed", page_size: "10" }, now),
      ).to.deep.include({ serviceCodes: ["KTP_EL", "JALAN_RUSAK"], status: "closed", pageSize: 10 });
      // service_request_id: the other filters are ignored, even invalid ones.
      expect(
        parseRequestsQuery({ service_request_id: "2,1", start_date: "nope", status: "nope", service_code: "X" }, now),
      ).to.deep.include({ ids: [2n, 1n], serviceCodes: null, start: null, end: null, status: null });
      expect(
        open311Error(() =>
          parseRequestsQuery({ start_date: "2026-12-03T00:00:00Z", end_date: "2026-12-02T00:00:00Z" }, now),
        ),
      ).to.equal("start_date is after end_date");
      expect(open311Error(() => parseRequestsQuery({ start_date: "2026-12-03" }, now))).to.match(/^start_date /);
      expect(open311Error(() => parseRequestsQuery({ page_size: "500" }, now))).to.match(/^page_size /);
    });
  });
});
