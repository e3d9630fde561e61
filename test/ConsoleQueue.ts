import assert from "node:assert/strict";
import {
  allowedTransitions,
  countQueue,
  DEFAULT_QUERY,
  duplicateCandidates,
  filterQueue,
  isOverdue,
  noteRequired,
  parseQueueQuery,
  parseRequestId,
  queueQueryString,
  queueView,
  sortByDue,
  sortQueue,
  statusNumber,
  summaryMatches,
  type QueueQuery,
} from "@layanan/core";

/** The officer's queue (@layanan/core queue.ts and status.ts): filters, order, counts, URL, actions. */

// Status numbers as in IServiceRequests.Status.
const SUBMITTED = 1;
const IN_PROGRESS = 2;
const NEEDS_INFO = 3;
const COMPLETED = 4;
const REJECTED = 5;
const CANCELLED = 6;
const DUPLICATE = 7;

interface Row {
  id: bigint;
  status: number;
  escalated: boolean;
  dueAt: number;
  agencyId: number;
  summary: string;
}

const row = (id: number, status: number, dueAt: number, extra: Partial<Row> = {}): Row => ({
  id: BigInt(id),
  status,
  escalated: false,
  dueAt,
  agencyId: 1,
  summary: "",
  ...extra,
});

const ids = (rows: readonly { id: bigint }[]) => rows.map((r) => Number(r.id));
const query = (q: Partial<QueueQuery>): QueueQuery => ({ ...DEFAULT_QUERY, ...q });

const NOW = 1_000_000;
// An agency's queue: open ones due before, at and after NOW, closed ones past due, one escalated twice over.
const QUEUE: Row[] = [
  row(1, IN_PROGRESS, NOW - 100, { escalated: true }), // overdue + escalated
  row(2, COMPLETED, NOW - 500), // past due but closed
  row(3, SUBMITTED, NOW), // due exactly now: not overdue yet
  row(4, NEEDS_INFO, NOW + 1), // due in a second
  row(5, REJECTED, NOW - 50, { escalated: true }), // escalated, then closed
  row(6, SUBMITTED, NOW - 1), // one second late
  row(7, DUPLICATE, NOW - 10),
  row(8, CANCELLED, NOW + 10),
];

describe("Officer's queue", function () {
  describe("overdue", function () {
    it("is open and strictly past the due date, at chain time", function () {
      assert.equal(isOverdue({ status: SUBMITTED, dueAt: NOW }, NOW), false, "exactly at dueAt");
      assert.equal(isOverdue({ status: SUBMITTED, dueAt: NOW }, NOW + 1), true, "one second after");
      assert.equal(isOverdue({ status: IN_PROGRESS, dueAt: NOW }, NOW + 1), true);
      assert.equal(isOverdue({ status: NEEDS_INFO, dueAt: NOW }, NOW + 1), true);
      assert.equal(isOverdue({ status: NEEDS_INFO, dueAt: NOW }, NOW - 1), false, "before dueAt");
    });

    it("is never true of a closed request, nor while the chain's time is unknown", function () {
      for (const status of [COMPLETED, REJECTED, CANCELLED, DUPLICATE]) {
        assert.equal(isOverdue({ status, dueAt: 0 }, NOW), false, `status ${status}`);
      }
      assert.equal(isOverdue({ status: SUBMITTED, dueAt: 0 }, undefined), false);
    });
  });

  describe("filters", function () {
    it("shows everything by default", function () {
      assert.deepEqual(ids(filterQueue(QUEUE, DEFAULT_QUERY, NOW)), [1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it("filters by status: open, or one status by name", function () {
      assert.deepEqual(ids(filterQueue(QUEUE, query({ status: "open" }), NOW)), [1, 3, 4, 6]);
      assert.deepEqual(ids(filterQueue(QUEUE, query({ status: "Submitted" }), NOW)), [3, 6]);
      assert.deepEqual(ids(filterQueue(QUEUE, query({ status: "Duplicate" }), NOW)), [7]);
      assert.deepEqual(ids(filterQueue(QUEUE, query({ status: "Completed" }), NOW)), [2]);
    });

    it("overdue only: open and past due, not the one due exactly now, not the closed ones", function () {
      assert.deepEqual(ids(filterQueue(QUEUE, query({ overdue: true }), NOW)), [1, 6]);
      // A second later, the one due now is overdue too.
      assert.deepEqual(ids(filterQueue(QUEUE, query({ overdue: true }), NOW + 1)), [1, 3, 6]);
      // Without the chain's time, nothing is shown as overdue.
      assert.deepEqual(ids(filterQueue(QUEUE, query({ overdue: true }), undefined)), []);
    });

    it("escalated only, and the filters combine", function () {
      assert.deepEqual(ids(filterQueue(QUEUE, query({ escalated: true }), NOW)), [1, 5]);
      assert.deepEqual(ids(filterQueue(QUEUE, query({ escalated: true, status: "open" }), NOW)), [1]);
      assert.deepEqual(ids(filterQueue(QUEUE, query({ escalated: true, overdue: true }), NOW)), [1]);
      assert.deepEqual(ids(filterQueue(QUEUE, query({ status: "Rejected", overdue: true }), NOW)), []);
    });

    it("returns an empty list for an empty queue", function () {
      assert.deepEqual(filterQueue([], query({ overdue: true, escalated: true }), NOW), []);
      assert.deepEqual(queueView([], DEFAULT_QUERY, NOW), []);
    });
  });

  describe("order by due date", function () {
    const tied = [
      row(5, SUBMITTED, 300),
      row(2, SUBMITTED, 100),
      row(9, SUBMITTED, 200),
      row(3, SUBMITTED, 200),
      row(1, SUBMITTED, 200),
    ];

    it("sorts ascending by default, equal due dates by id", function () {
      assert.deepEqual(ids(sortByDue(tied, "asc")), [2, 1, 3, 9, 5]);
      assert.deepEqual(ids(queueView(tied, DEFAULT_QUERY, 0)), [2, 1, 3, 9, 5]);
    });

    it("sorts descending on request, equal due dates still by id", function () {
      assert.deepEqual(ids(sortByDue(tied, "desc")), [5, 1, 3, 9, 2]);
    });

    it("does not change its input and handles empty and single lists", function () {
      const before = ids(tied);
      sortByDue(tied, "desc");
      assert.deepEqual(ids(tied), before);
      assert.deepEqual(sortByDue([], "asc"), []);
      assert.deepEqual(ids(sortByDue([row(4, SUBMITTED, 1)], "desc")), [4]);
    });

    it("filters, then sorts", function () {
      assert.deepEqual(ids(queueView(QUEUE, query({ status: "open", sort: "desc" }), NOW)), [4, 3, 6, 1]);
    });

    it("sorts by age on request: the oldest request (lowest id) first, whatever its due date", function () {
      assert.deepEqual(ids(sortQueue(tied, "age")), [1, 2, 3, 5, 9]);
      assert.deepEqual(ids(sortQueue(tied, "asc")), ids(sortByDue(tied, "asc")));
      assert.deepEqual(ids(queueView(QUEUE, query({ status: "open", sort: "age" }), NOW)), [1, 3, 4, 6]);
    });
  });

  describe("text search on the summary", function () {
    const rows = [
      row(1, SUBMITTED, NOW, { summary: "Akta kelahiran anak kedua" }),
      row(2, SUBMITTED, NOW, { summary: "KTP-el rusak" }),
      row(3, COMPLETED, NOW, { summary: "Perubahan KK: penambahan AKTA" }),
      row(4, SUBMITTED, NOW, { summary: "" }),
    ];

    it("keeps the rows whose summary contains the text, case ignored, as the indexer's q does", function () {
      assert.deepEqual(ids(filterQueue(rows, query({ q: "akta" }), NOW)), [1, 3]);
      assert.deepEqual(ids(filterQueue(rows, query({ q: "  KTP-EL " }), NOW)), [2]);
      assert.deepEqual(ids(filterQueue(rows, query({ q: "akta", status: "open" }), NOW)), [1]);
      assert.deepEqual(ids(filterQueue(rows, query({ q: "jalan" }), NOW)), []);
    });

    it("matches every row for empty text, and no anonymous row for some text", function () {
      assert.deepEqual(ids(filterQueue(rows, query({ q: "" }), NOW)), [1, 2, 3, 4]);
      assert.deepEqual(ids(filterQueue(rows, query({ q: "   " }), NOW)), [1, 2, 3, 4]);
      assert.equal(summaryMatches(undefined, "a"), false);
      assert.equal(summaryMatches(undefined, ""), true);
    });
  });

  describe("counts at a glance", function () {
    it("counts total, open, overdue, escalated and each status", function () {
      assert.deepEqual(countQueue(QUEUE, NOW), {
        total: 8,
        open: 4,
        overdue: 2,
        escalated: 2,
        Submitted: 2,
        InProgress: 1,
        NeedsInfo: 1,
        Completed: 1,
        Rejected: 1,
        Cancelled: 1,
        Duplicate: 1,
      });
    });

    it("gives each count as many rows as its filter shows", function () {
      const counts = countQueue(QUEUE, NOW);
      assert.equal(counts.open, filterQueue(QUEUE, query({ status: "open" }), NOW).length);
      assert.equal(counts.overdue, filterQueue(QUEUE, query({ overdue: true }), NOW).length);
      assert.equal(counts.escalated, filterQueue(QUEUE, query({ escalated: true }), NOW).length);
      assert.equal(counts.NeedsInfo, filterQueue(QUEUE, query({ status: "NeedsInfo" }), NOW).length);
    });

    it("counts zero everywhere for an empty queue", function () {
      const counts = countQueue([], NOW);
      assert.equal(counts.total, 0);
      assert.ok(Object.values(counts).every((n) => n === 0));
      assert.equal(countQueue(QUEUE, undefined).overdue, 0);
    });
  });

  describe("the view in the URL", function () {
    it("round-trips a query and leaves the default view without parameters", function () {
      assert.equal(queueQueryString(DEFAULT_QUERY), "");
      const q = query({ status: "open", overdue: true, escalated: true, sort: "desc" });
      const text = queueQueryString(q);
      assert.equal(text, "?status=open&overdue=1&escalated=1&sort=desc");
      assert.deepEqual(parseQueueQuery(Object.fromEntries(new URLSearchParams(text))), q);
      assert.deepEqual(parseQueueQuery({ status: "NeedsInfo" }), query({ status: "NeedsInfo" }));
    });

    it("keeps the search text and the order by age", function () {
      const q = query({ q: "akta lahir", sort: "age" });
      const text = queueQueryString(q);
      assert.equal(text, "?sort=age&q=akta+lahir");
      assert.deepEqual(parseQueueQuery(Object.fromEntries(new URLSearchParams(text))), q);
      assert.equal(queueQueryString(query({ q: "   " })), "");
      assert.deepEqual(parseQueueQuery({ q: "  KTP  " }), query({ q: "KTP" }));
      assert.equal(parseQueueQuery({ q: "x".repeat(500) }).q.length, 100);
    });

    it("falls back to the default for anything unknown", function () {
      assert.deepEqual(parseQueueQuery({}), DEFAULT_QUERY);
      assert.deepEqual(parseQueueQuery({ status: "None", overdue: "yes", sort: "up" }), DEFAULT_QUERY);
      assert.deepEqual(parseQueueQuery({ status: "<script>" }), DEFAULT_QUERY);
      assert.deepEqual(
        parseQueueQuery({ status: ["Completed", "open"], overdue: ["1"] }),
        query({ status: "Completed", overdue: true }),
      );
    });
  });

  describe("the officer's actions", function () {
    it("offers exactly the transitions the contract allows", function () {
      assert.deepEqual(allowedTransitions(SUBMITTED), ["InProgress", "Rejected"]);
      assert.deepEqual(allowedTransitions(IN_PROGRESS), ["NeedsInfo", "Completed", "Rejected"]);
      assert.deepEqual(allowedTransitions(NEEDS_INFO), ["InProgress", "Rejected"]);
      for (const status of [0, COMPLETED, REJECTED, CANCELLED, DUPLICATE, 99]) {
        assert.deepEqual(allowedTransitions(status), [], `status ${status} is final`);
      }
      assert.equal(statusNumber("InProgress"), IN_PROGRESS);
      assert.equal(statusNumber("Duplicate"), DUPLICATE);
    });

    it("requires a note to ask for information, and only then", function () {
      assert.equal(noteRequired("NeedsInfo", ""), true);
      assert.equal(noteRequired("NeedsInfo", "   \n"), true);
      assert.equal(noteRequired("NeedsInfo", "Mohon unggah surat keterangan lahir"), false);
      assert.equal(noteRequired("Completed", ""), false);
      assert.equal(noteRequired("InProgress", ""), false);
      // A rejection owes the citizen a reason (RequestReasonRequired on chain).
      assert.equal(noteRequired("Rejected", " "), true);
      assert.equal(noteRequired("Rejected", "Berkas tidak lengkap"), false);
    });

    it("reads a typed request id as a positive integer only", function () {
      assert.equal(parseRequestId("6"), 6n);
      assert.equal(parseRequestId(" #12 "), 12n);
      assert.equal(parseRequestId("0"), null);
      assert.equal(parseRequestId("-3"), null);
      assert.equal(parseRequestId("1.5"), null);
      assert.equal(parseRequestId("1e3"), null);
      assert.equal(parseRequestId(""), null);
      assert.equal(parseRequestId("abc"), null);
    });

    it("finds duplicate candidates: same agency, earlier, open or Completed, every word matching", function () {
      const requests = [
        row(1, IN_PROGRESS, 0, { summary: "Permohonan akta kelahiran anak kedua" }),
        row(2, COMPLETED, 0, { summary: "Akta Kelahiran — anak pertama" }),
        row(3, DUPLICATE, 0, { summary: "Akta kelahiran anak" }),
        row(4, SUBMITTED, 0, { summary: "Akta kelahiran anak", agencyId: 2 }),
        row(5, SUBMITTED, 0, { summary: "KTP-el rusak" }),
        row(6, SUBMITTED, 0, { summary: "Akta kelahiran anak ketiga" }),
        row(8, SUBMITTED, 0, { summary: "Akta kelahiran lagi" }),
        row(9, CANCELLED, 0, { summary: "Akta kelahiran anak dibatalkan" }),
        row(10, REJECTED, 0, { summary: "Akta kelahiran anak ditolak" }),
      ];
      const current = { id: 7n, agencyId: 1 };
      // A cancelled or rejected request cannot be the original (RequestInvalidOriginal on chain).
      const later = { id: 11n, agencyId: 1 };
      assert.deepEqual(duplicateCandidates(requests, later, "dibatalkan"), []);
      assert.deepEqual(duplicateCandidates(requests, later, "ditolak"), []);
      assert.deepEqual(ids(duplicateCandidates(requests, later, "lagi")), [8]);
      assert.deepEqual(ids(duplicateCandidates(requests, current, "akta ANAK")), [6, 2, 1]);
      assert.deepEqual(ids(duplicateCandidates(requests, current, "kelahiran pertama")), [2]);
      assert.deepEqual(ids(duplicateCandidates(requests, current, "ktp")), [5]);
      assert.deepEqual(ids(duplicateCandidates(requests, current, "akta", 2)), [6, 2]);
      assert.deepEqual(duplicateCandidates(requests, current, "   "), [], "no words, no candidates");
      assert.deepEqual(duplicateCandidates(requests, current, "paspor"), []);
      assert.deepEqual(duplicateCandidates<Row>([], current, "akta"), []);
      // Accents and case are ignored.
      assert.deepEqual(
        ids(duplicateCandidates([row(1, SUBMITTED, 0, { summary: "Café Dago" })], current, "cafe")),
        [1],
      );
    });
  });
});
