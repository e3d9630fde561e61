/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) for Layanan: the pure part, from the
 * indexer's rows to the spec's fields, and the checks of what a client sends. No database, no HTTP:
 * src/api/open311.ts serves these; test/Open311Format.ts tests them.
 *
 * Privacy: a request is formatted from the fields listed in `Open311Request` only. The citizen's
 * address (pseudonymous personal data) is never read here, and address, zipcode, lat and long stay
 * empty or absent: the chain holds no location, and a summary's text is the citizen's own choice.
 */
import { decodeCode, isOpenStatus, statusNameOf, type StatusName } from "@layanan/core";
import type { JsonValue } from "./xml.ts";

export const GEOREPORT_SPEC = "http://wiki.open311.org/GeoReport_v2";

/** The fields of a service request in GeoReport v2 (GET requests), in the spec's order. */
export const GEOREPORT_REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
] as const;

/** lat and long are left out: there is no location (the spec makes them optional). */
export const OMITTED_REQUEST_FIELDS = ["lat", "long"] as const;

/** The fields of a service in GeoReport v2 (GET services), in the spec's order. */
export const GEOREPORT_SERVICE_FIELDS = [
  "service_code",
  "service_name",
  "description",
  "metadata",
  "type",
  "keywords",
  "group",
] as const;

/** The extended attributes of a request (`extensions=true` in FixMyStreet, always on here). */
export const EXTENDED_ATTRIBUTES = [
  "layanan_status",
  "escalated",
  "rating",
  "duplicate_of",
  "agency_id",
  "service_id",
  "chain_id",
  "contract",
  "tx_hash",
] as const;

/** A client error, answered in the spec's error format with `code` as the HTTP status. */
export class Open311Error extends Error {
  readonly code: number;
  readonly description: string;
  constructor(code: number, description: string) {
    super(description);
    this.name = "Open311Error";
    this.code = code;
    this.description = description;
  }
}

/** The spec's error format: a list of { code, description }. */
export const errorList = (code: number, description: string) => [{ code, description }];

// ---------------------------------------------------------------------------------------------
// Statuses

/** Each on-chain status named in Bahasa Indonesia (as the dApp shows it) and in English. */
export const STATUS_LABELS: Readonly<Record<StatusName, { id: string; en: string }>> = {
  None: { id: "Tidak ada", en: "None" },
  Submitted: { id: "Diajukan", en: "Submitted" },
  InProgress: { id: "Diproses", en: "In progress" },
  NeedsInfo: { id: "Perlu informasi", en: "Needs information" },
  Completed: { id: "Selesai", en: "Completed" },
  Rejected: { id: "Ditolak", en: "Rejected" },
  Cancelled: { id: "Dibatalkan", en: "Cancelled" },
  Duplicate: { id: "Duplikat", en: "Duplicate" },
};

/** GeoReport's two statuses: Submitted, InProgress and NeedsInfo are open; the final ones closed. */
export const open311Status = (status: number): "open" | "closed" => (isOpenStatus(status) ? "open" : "closed");

/**
 * status_notes: the detailed status in both languages ("Selesai / Completed"), the original of a
 * duplicate ("duplikat dari #6 / duplicate of #6"), then the agency's latest public note, if any.
 */
export function statusNotes(status: number, duplicateOf: bigint | null | undefined, note?: string | null): string {
  const label = STATUS_LABELS[statusNameOf(status)];
  let text = `${label.id} / ${label.en}`;
  if (duplicateOf !== null && duplicateOf !== undefined) {
    text += `: duplikat dari #${duplicateOf} / duplicate of #${duplicateOf}`;
  }
  const trimmed = note?.trim();
  if (trimmed) text += ` — ${trimmed}`;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Dates

/** A time zone offset: minutes east of UTC and its ISO 8601 text ("+07:00", or "Z" for UTC given as Z). */
export interface TzOffset {
  minutes: number;
  text: string;
}

/** Asia/Jakarta (WIB), which has no daylight saving time. */
export const DEFAULT_TZ = "+07:00";

/**
 * Reads a fixed offset such as "+07:00", "+0700", "+07", "-03:30" or "Z" (LAYANAN_TZ_OFFSET).
 * Throws on anything else: an IANA name is not accepted, a server has to be told its offset.
 */
export function parseTzOffset(text: string = DEFAULT_TZ): TzOffset {
  const t = text.trim();
  if (t === "Z" || t === "z") return { minutes: 0, text: "Z" };
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(t);
  if (!m) throw new Error(`LAYANAN_TZ_OFFSET must be an offset such as +07:00 or Z, not "${text}"`);
  const hours = Number(m[2]);
  const mins = Number(m[3] ?? "0");
  const minutes = (m[1] === "-" ? -1 : 1) * (hours * 60 + mins);
  if (mins > 59 || minutes < -12 * 60 || minutes > 14 * 60) {
    throw new Error(`LAYANAN_TZ_OFFSET ${text} is not a time zone offset (-12:00 to +14:00)`);
  }
  return { minutes, text: `${m[1]}${m[2]}:${m[3] ?? "00"}` };
}

/** Unix seconds as ISO 8601 with the zone: 1764630000 at +07:00 -> "2025-12-02T06:00:00+07:00". */
export function formatDateTime(unixSeconds: number | bigint, tz: TzOffset): string {
  const seconds = Number(unixSeconds);
  if (!Number.isFinite(seconds)) throw new Error(`not a time: ${unixSeconds}`);
  const local = new Date((Math.floor(seconds) + tz.minutes * 60) * 1000).toISOString();
  return `${local.slice(0, 19)}${tz.text}`;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * A client's date and time (start_date, end_date): ISO 8601 with a time zone, e.g.
 * 2026-12-02T06:00:00+07:00, 2026-12-01T23:00:00Z, 2026-12-02T06:00+0700. Returns unix seconds
 * (with a fraction when the client gave one). A date without a zone is refused (400), as is a date
 * alone: the answer would depend on the server's zone. A "+" that the query string turned into a
 * space ("…T06:00:00 07:00", an unencoded "+") is read as the "+" it was.
 */
export function parseDateTime(text: string, param: string): number {
  const fixed = text.trim().replace(/ (\d{2}(?::?\d{2})?)$/, "+$1");
  const m = ISO_DATE_TIME.exec(fixed);
  const fail = () =>
    new Open311Error(
      400,
      `${param} must be an ISO 8601 date and time with a time zone, e.g. 2026-12-02T06:00:00+07:00 or 2026-12-01T23:00:00Z (got "${text}")`,
    );
  if (!m) throw fail();
  const [, y, mo, d, h, mi, s = "0", frac = "0", zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const endOfDay = hour === 24 && minute === 0 && second === 0 && Number(frac) === 0;
  if (month < 1 || month > 12 || day < 1 || minute > 59 || second > 59 || (hour > 23 && !endOfDay)) throw fail();
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw fail();
  let offset = 0;
  if (zone !== "Z" && zone !== "z") {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const zh = Number(z[2]);
    const zm = Number(z[3] ?? "0");
    if (zh > 14 || zm > 59) throw fail();
    offset = (z[1] === "-" ? -1 : 1) * (zh * 60 + zm);
  }
  return utc / 1000 + hour * 3600 + minute * 60 + second + Number(`0.${frac}`) - offset * 60;
}

/**
 * GeoReport v2: "if no start_date or end_date is given, the last 90 days". Applied only when
 * neither is given; a client that gives either one chooses its own window (no 90-day cap on a
 * window: answers are paged instead).
 */
export const DEFAULT_WINDOW_SECONDS = 90 * 86_400;

// ---------------------------------------------------------------------------------------------
// Query parameters

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Whether a query parameter was given at all (an empty value counts as not given). */
const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

function positiveInteger(value: string, param: string, max?: number): number {
  const t = value.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || !Number.isSafeInteger(Number(t))) {
    throw new Open311Error(400, `${param} must be a whole number of at least 1 (got "${value}")`);
  }
  const n = Number(t);
  if (max !== undefined && n > max) throw new Open311Error(400, `${param} may be at most ${max} (got ${n})`);
  return n;
}

/** page (1-based, default 1) and page_size (default 50, at most 200): the common GeoReport extension. */
export function parsePaging(page?: string, pageSize?: string): { page: number; pageSize: number; offset: number } {
  const p = given(page) ? positiveInteger(page, "page") : 1;
  const size = given(pageSize) ? positiveInteger(pageSize, "page_size", MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  if ((p - 1) * size > Number.MAX_SAFE_INTEGER) throw new Open311Error(400, `page ${p} is too far`);
  return { page: p, pageSize: size, offset: (p - 1) * size };
}

/** A comma list, items trimmed, empty items dropped. */
export const commaList = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** service_request_id: a comma list of request ids (decimal, as this API writes them), at most 200. */
export function parseRequestIds(value: string): bigint[] {
  const items = commaList(value);
  if (items.length === 0) throw new Open311Error(400, "service_request_id is empty");
  if (items.length > MAX_PAGE_SIZE) {
    throw new Open311Error(400, `service_request_id lists at most ${MAX_PAGE_SIZE} ids (got ${items.length})`);
  }
  const ids = items.map((item) => {
    if (!/^\d{1,78}$/.test(item)) throw new Open311Error(400, `service_request_id "${item}" is not a request id`);
    return BigInt(item);
  });
  return [...new Set(ids)];
}

/** status: "open", "closed" or both (a comma list). Null when both are asked for (no filter). */
export function parseStatusFilter(value: string): "open" | "closed" | null {
  const items = new Set(commaList(value).map((s) => s.toLowerCase()));
  if (items.size === 0) throw new Open311Error(400, "status is empty: give open, closed or open,closed");
  for (const item of items) {
    if (item !== "open" && item !== "closed") {
      throw new Open311Error(400, `status must be open, closed or both (got "${item}")`);
    }
  }
  return items.size === 2 ? null : items.has("open") ? "open" : "closed";
}

/** The query parameters of GET requests, checked. */
export interface RequestsQuery {
  /** When given, the other filters are ignored (as the spec says). */
  ids: bigint[] | null;
  serviceCodes: string[] | null;
  /** Unix seconds, inclusive; null = no bound. */
  start: number | null;
  end: number | null;
  status: "open" | "closed" | null;
  page: number;
  pageSize: number;
  offset: number;
}

/**
 * Checks the parameters of GET requests. `now` (unix seconds) places the default window of the
 * last 90 days, used only when neither start_date nor end_date is given.
 */
export function parseRequestsQuery(q: Record<string, string | undefined>, now: number): RequestsQuery {
  const paging = parsePaging(q.page, q.page_size);
  if (given(q.service_request_id)) {
    return {
      ids: parseRequestIds(q.service_request_id),
      serviceCodes: null,
      start: null,
      end: null,
      status: null,
      ...paging,
    };
  }
  const serviceCodes = given(q.service_code) ? commaList(q.service_code) : null;
  let start = given(q.start_date) ? parseDateTime(q.start_date, "start_date") : null;
  const end = given(q.end_date) ? parseDateTime(q.end_date, "end_date") : null;
  if (start !== null && end !== null && start > end) {
    throw new Open311Error(400, "start_date is after end_date");
  }
  if (start === null && end === null) start = now - DEFAULT_WINDOW_SECONDS;
  const status = given(q.status) ? parseStatusFilter(q.status) : null;
  return { ids: null, serviceCodes, start, end, status, ...paging };
}

// ---------------------------------------------------------------------------------------------
// Services

export interface Open311Agency {
  id: number;
  code: `0x${string}`;
  name: string;
  active: boolean;
}

export interface Open311Service {
  id: number;
  agencyId: number;
  code: `0x${string}`;
  name: string;
  slaSeconds: number;
  requiredClaim: `0x${string}`;
  minLevel: number;
  active: boolean;
}

const ZERO_HASH = `0x${"0".repeat(64)}`;

/**
 * Each service's service_code: its on-chain code as text (decodeCode: "KTP_EL"). Codes are unique
 * per agency only, so a code that two agencies use is qualified with the agency's code
 * ("DISDUKCAPIL.KTP_EL") for every service that has it. The qualified form is always accepted too
 * (see `resolveServiceCode`).
 */
export function serviceCodes(
  services: readonly Open311Service[],
  agencies: ReadonlyMap<number, Open311Agency>,
): Map<number, string> {
  const uses = new Map<string, number>();
  for (const s of services) {
    const code = decodeCode(s.code);
    uses.set(code, (uses.get(code) ?? 0) + 1);
  }
  return new Map(
    services.map((s) => {
      const code = decodeCode(s.code);
      return [s.id, (uses.get(code) ?? 0) > 1 ? qualifiedCode(s, agencies) : code];
    }),
  );
}

const qualifiedCode = (s: Open311Service, agencies: ReadonlyMap<number, Open311Agency>) => {
  const agency = agencies.get(s.agencyId);
  return `${agency ? decodeCode(agency.code) : s.agencyId}.${decodeCode(s.code)}`;
};

/**
 * The service a client's service_code names (exactly as `serviceCodes` writes it, or qualified
 * with its agency's code), or undefined.
 */
export function resolveServiceCode(
  code: string,
  services: readonly Open311Service[],
  codes: ReadonlyMap<number, string>,
  agencies: ReadonlyMap<number, Open311Agency>,
): Open311Service | undefined {
  return services.find((s) => codes.get(s.id) === code) ?? services.find((s) => qualifiedCode(s, agencies) === code);
}

/** An SLA in plain words in both languages: "3 hari / 3 days", "12 jam / 12 hours". */
export function slaText(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds > 0 && seconds % 86_400 === 0) return `${seconds / 86_400} hari / ${plural(seconds / 86_400, "day")}`;
  if (seconds > 0 && seconds % 3_600 === 0) return `${seconds / 3_600} jam / ${plural(seconds / 3_600, "hour")}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} menit / ${plural(minutes, "minute")}`;
}

/** One entry of GET services. */
export function formatService(service: Open311Service, agency: Open311Agency | undefined, code: string) {
  const agencyName = agency?.name ?? `Instansi #${service.agencyId}`;
  const parts = [`${agencyName}.`, `Target penyelesaian / Service level: ${slaText(service.slaSeconds)}.`];
  if (service.requiredClaim !== ZERO_HASH) {
    parts.push(
      `Untuk warga dengan klaim terverifikasi tingkat ${service.minLevel} atau lebih / For citizens with a verified claim at level ${service.minLevel} or higher.`,
    );
  }
  const keywords = [...new Set([decodeCode(service.code), agency ? decodeCode(agency.code) : ""])].filter(Boolean);
  return {
    service_code: code,
    service_name: service.name,
    description: parts.join(" "),
    metadata: false,
    type: "realtime",
    keywords: keywords.join(", "),
    group: agencyName,
  };
}

/** GET services/{service_code}: no extra attributes (metadata is false for every service). */
export const serviceDefinition = (code: string) => ({ service_code: code, attributes: [] as JsonValue[] });

// ---------------------------------------------------------------------------------------------
// Requests

/** What a request is formatted from: no citizen, by construction. */
export interface Open311Request {
  id: bigint;
  serviceId: number;
  agencyId: number;
  summary: string;
  status: number;
  escalated: boolean;
  rating: number;
  submittedAt: bigint | number;
  dueAt: bigint | number;
  updatedAt: bigint | number;
  duplicateOf: bigint | null;
  txHash: `0x${string}`;
}

export interface RequestContext {
  service: Open311Service | undefined;
  agency: Open311Agency | undefined;
  /** The service's service_code (see serviceCodes). */
  code: string;
  /** The agency's latest public note on this request, if any. */
  note: string | null | undefined;
  tz: TzOffset;
  chainId: number;
  /** ServiceRequests' address. */
  contract: string;
}

/** One entry of GET requests: GeoReport v2's fields, in order, then Layanan's extended attributes. */
export function formatRequest(r: Open311Request, ctx: RequestContext) {
  return {
    service_request_id: r.id.toString(),
    status: open311Status(r.status),
    status_notes: statusNotes(r.status, r.duplicateOf, ctx.note),
    service_name: ctx.service?.name ?? "",
    service_code: ctx.code,
    // The public summary (empty for an anonymous report): citizen text, never HTML.
    description: r.summary,
    agency_responsible: ctx.agency?.name ?? "",
    service_notice: "",
    requested_datetime: formatDateTime(r.submittedAt, ctx.tz),
    updated_datetime: formatDateTime(r.updatedAt, ctx.tz),
    expected_datetime: formatDateTime(r.dueAt, ctx.tz),
    address: "",
    address_id: "",
    zipcode: "",
    media_url: "",
    extended_attributes: {
      layanan_status: statusNameOf(r.status),
      escalated: r.escalated,
      rating: r.rating > 0 ? r.rating : null,
      duplicate_of: r.duplicateOf === null ? null : r.duplicateOf.toString(),
      agency_id: r.agencyId,
      service_id: r.serviceId,
      chain_id: ctx.chainId,
      contract: ctx.contract.toLowerCase(),
      tx_hash: r.txHash.toLowerCase(),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Discovery

/** When this API's description last changed (discovery's changeset). */
export const CHANGESET_UNIX = Date.UTC(2026, 11, 1, 17, 0, 0) / 1000; // 2026-12-02T00:00:00+07:00

export const DEFAULT_CONTACT =
  "Layanan: questions about a request go to the agency responsible, through the Layanan dApp. / Pertanyaan tentang permohonan diajukan ke instansi terkait melalui aplikasi Layanan.";

export const KEY_SERVICE =
  "No API key: this endpoint is read only. Citizens file requests with their own account in the Layanan dApp. / Tanpa kunci API: hanya baca. Warga mengajukan permohonan dengan akunnya sendiri di aplikasi Layanan.";

export const FORMATS = ["application/json", "text/xml"];

/** GET discovery: this server's one production endpoint. */
export function discoveryDocument(opts: { baseUrl: string; tz: TzOffset; contact?: string }) {
  const changeset = formatDateTime(CHANGESET_UNIX, opts.tz);
  return {
    changeset,
    contact: opts.contact ?? DEFAULT_CONTACT,
    key_service: KEY_SERVICE,
    endpoints: [
      {
        specification: GEOREPORT_SPEC,
        url: opts.baseUrl,
        changeset,
        type: "production",
        formats: FORMATS,
      },
    ],
  };
}

/** Why POST requests is refused (405). */
export const POST_REFUSED =
  "This Open311 endpoint is read only: a request is filed by the citizen with their own account in the Layanan dApp, which signs it on chain. / Endpoint ini hanya baca: permohonan diajukan warga dengan akunnya sendiri di aplikasi Layanan.";
