/**
 * The Open311 GeoReport v2 read API (API.md; http://wiki.open311.org/GeoReport_v2), mounted at
 * /open311/v2: discovery, services, services/{service_code}, requests and requests/{id}, each as
 * .json or .xml. Read only: filing (POST requests) is refused with 405, since a request is signed
 * by the citizen's own account in the dApp. Errors use the spec's format with the HTTP status as
 * the code. The formatting itself is in ../open311/format.ts.
 *
 * Environment:
 * - LAYANAN_TZ_OFFSET: the zone of every date written (default +07:00, Asia/Jakarta).
 * - LAYANAN_OPEN311_BASE_URL: this API's public URL for discovery (default: from the request's URL).
 * - LAYANAN_OPEN311_CONTACT: discovery's contact text.
 *
 * Privacy: the citizen column is never selected for an answer; no address, no location.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { and, desc, eq, gte, inArray, lte, ne, count, sql } from "ponder";
import { Hono, type Context } from "hono";
import config from "../../ponder.config.ts";
import {
  Open311Error,
  POST_REFUSED,
  discoveryDocument,
  errorList,
  formatRequest,
  formatService,
  parseRequestsQuery,
  parseTzOffset,
  resolveServiceCode,
  serviceCodes,
  serviceDefinition,
  type Open311Agency,
  type Open311Request,
  type Open311Service,
} from "../open311/format.ts";
import { toXml, type JsonValue } from "../open311/xml.ts";

const TZ = parseTzOffset(process.env.LAYANAN_TZ_OFFSET || undefined);
const CHAIN_ID = config.chains.layanan.id;
const CONTRACT = config.contracts.ServiceRequests.address;

type Format = "json" | "xml";

/** The format a path asks for by its extension, JSON when it names none. */
const formatOf = (path: string): Format => (/\.xml$/i.test(path) ? "xml" : "json");

/** `name.json` / `name.xml` split into the name (percent-decoded by Hono) and the format. */
function splitFile(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1], format: m[2] as Format } : null;
}

function send(
  c: Context,
  format: Format,
  root: string,
  body: JsonValue,
  status = 200,
  headers: Record<string, string> = {},
) {
  const code = status as 200;
  if (format === "xml") {
    return c.body(toXml(root, body), code, { "Content-Type": "text/xml; charset=utf-8", ...headers });
  }
  return c.body(JSON.stringify(body), code, { "Content-Type": "application/json", ...headers });
}

const sendError = (c: Context, format: Format, code: number, description: string, headers?: Record<string, string>) =>
  send(c, format, "errors", errorList(code, description), code, headers);

/** Runs a handler; an Open311Error becomes the spec's error answer, anything else a 500 without details. */
const handle =
  (format: Format, fn: (c: Context) => Promise<Response> | Response) =>
  async (c: Context): Promise<Response> => {
    try {
      return await fn(c);
    } catch (error) {
      if (error instanceof Open311Error) return sendError(c, format, error.code, error.description);
      console.error("open311:", error);
      return sendError(c, format, 500, "Internal error while reading the index");
    }
  };

/** The latest indexed block's time (unix seconds), as API.md's `now`; the clock if it cannot be read. */
async function indexedNow(): Promise<number> {
  try {
    const result = (await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint`)) as unknown as {
      rows?: { latest_checkpoint?: string }[];
    };
    // A checkpoint starts with the block timestamp in 10 digits (ponder/utils/checkpoint).
    const times = (result.rows ?? []).map((r) => Number(String(r.latest_checkpoint).slice(0, 10)));
    const valid = times.filter((t) => Number.isFinite(t) && t > 0);
    if (valid.length > 0) return Math.max(...valid);
  } catch {
    // Ponder's internal table is not part of its API: fall back to the clock.
  }
  return Math.floor(Date.now() / 1000);
}

/** Every service and agency (the catalogue is small), with each service's service_code. */
async function catalogue() {
  const [services, agencies] = await Promise.all([
    db
      .select({
        id: schema.service.id,
        agencyId: schema.service.agencyId,
        code: schema.service.code,
        name: schema.service.name,
        slaSeconds: schema.service.slaSeconds,
        requiredClaim: schema.service.requiredClaim,
        minLevel: schema.service.minLevel,
        active: schema.service.active,
      })
      .from(schema.service)
      .orderBy(schema.service.id),
    db
      .select({
        id: schema.agency.id,
        code: schema.agency.code,
        name: schema.agency.name,
        active: schema.agency.active,
      })
      .from(schema.agency),
  ]);
  const agencyById = new Map<number, Open311Agency>(agencies.map((a) => [a.id, a]));
  const services_: Open311Service[] = services;
  return { services: services_, agencies: agencyById, codes: serviceCodes(services_, agencyById) };
}
type Catalogue = Awaited<ReturnType<typeof catalogue>>;

const serviceByCode = (cat: Catalogue, code: string) => resolveServiceCode(code, cat.services, cat.codes, cat.agencies);

/** The columns a request is formatted from: never `citizen`. */
const requestColumns = {
  id: schema.request.id,
  serviceId: schema.request.serviceId,
  agencyId: schema.request.agencyId,
  summary: schema.request.summary,
  status: schema.request.status,
  escalated: schema.request.escalated,
  rating: schema.request.rating,
  submittedAt: schema.request.submittedAt,
  dueAt: schema.request.dueAt,
  updatedAt: schema.request.updatedAt,
  duplicateOf: schema.request.duplicateOf,
  txHash: schema.request.txHash,
};

/**
 * The agency's latest public note on each request: the last non-empty note of a status change
 * made by someone other than the citizen (a citizen's answer to NeedsInfo is theirs, not a status note).
 */
async function latestNotes(ids: bigint[]): Promise<Map<bigint, string>> {
  const notes = new Map<bigint, string>();
  if (ids.length === 0) return notes;
  const rows = await db
    .select({ requestId: schema.requestEvent.requestId, note: schema.requestEvent.note })
    .from(schema.requestEvent)
    .innerJoin(schema.request, eq(schema.request.id, schema.requestEvent.requestId))
    .where(
      and(
        inArray(schema.requestEvent.requestId, ids),
        eq(schema.requestEvent.kind, "status"),
        sql`coalesce(${schema.requestEvent.note}, '') <> ''`,
        ne(schema.requestEvent.by, schema.request.citizen),
      ),
    )
    .orderBy(desc(schema.requestEvent.blockNumber), desc(schema.requestEvent.logIndex));
  for (const row of rows) if (!notes.has(row.requestId) && row.note) notes.set(row.requestId, row.note);
  return notes;
}

async function formatRequests(rows: Open311Request[], cat: Catalogue) {
  const notes = await latestNotes(rows.map((r) => r.id));
  return rows.map((r) => {
    const service = cat.services.find((s) => s.id === r.serviceId);
    return formatRequest(r, {
      service,
      agency: cat.agencies.get(r.agencyId),
      code: cat.codes.get(r.serviceId) ?? String(r.serviceId),
      note: notes.get(r.id),
      tz: TZ,
      chainId: CHAIN_ID,
      contract: CONTRACT,
    });
  });
}

const baseUrl = (c: Context) =>
  (process.env.LAYANAN_OPEN311_BASE_URL || `${new URL(c.req.url).origin}/open311/v2`).replace(/\/+$/, "");

export const open311 = new Hono();

// Read only: POST requests (and any other write) is refused, with the reason.
open311.on(["POST", "PUT", "PATCH", "DELETE"], "*", (c) =>
  sendError(c, formatOf(c.req.path), 405, POST_REFUSED, { Allow: "GET, HEAD, OPTIONS" }),
);

for (const format of ["json", "xml"] as const) {
  open311.get(
    `/discovery.${format}`,
    handle(format, (c) =>
      send(
        c,
        format,
        "discovery",
        discoveryDocument({ baseUrl: baseUrl(c), tz: TZ, contact: process.env.LAYANAN_OPEN311_CONTACT || undefined }),
      ),
    ),
  );

  // The services offered: active services of active agencies (services/{code} still answers for the others).
  open311.get(
    `/services.${format}`,
    handle(format, async (c) => {
      const cat = await catalogue();
      const offered = cat.services.filter((s) => s.active && cat.agencies.get(s.agencyId)?.active === true);
      const list = offered.map((s) => formatService(s, cat.agencies.get(s.agencyId), cat.codes.get(s.id)!));
      return send(c, format, "services", list);
    }),
  );

  open311.get(
    `/requests.${format}`,
    handle(format, async (c) => {
      const q = parseRequestsQuery(c.req.query(), await indexedNow());
      const cat = await catalogue();
      const r = schema.request;
      const conditions: ReturnType<typeof eq>[] = [];
      if (q.ids !== null) {
        conditions.push(inArray(r.id, q.ids));
      } else {
        if (q.serviceCodes !== null) {
          const ids = q.serviceCodes.map((code) => {
            const service = serviceByCode(cat, code);
            if (!service)
              throw new Open311Error(400, `service_code "${code}" is not a service (see services.${format})`);
            return service.id;
          });
          conditions.push(inArray(r.serviceId, ids));
        }
        if (q.start !== null) conditions.push(gte(r.submittedAt, BigInt(Math.ceil(q.start))));
        if (q.end !== null) conditions.push(lte(r.submittedAt, BigInt(Math.floor(q.end))));
        if (q.status !== null) conditions.push(eq(r.open, q.status === "open"));
      }
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      // Newest first: ids grow with submission time, so id descending is requested_datetime descending.
      const [rows, totals] = await Promise.all([
        db.select(requestColumns).from(r).where(where).orderBy(desc(r.id)).limit(q.pageSize).offset(q.offset),
        db.select({ total: count() }).from(r).where(where),
      ]);
      const list = await formatRequests(rows, cat);
      return send(c, format, "service_requests", list, 200, {
        "X-Total-Count": String(totals[0]?.total ?? 0),
        "X-Page": String(q.page),
        "X-Page-Size": String(q.pageSize),
      });
    }),
  );
}

open311.get("/services/:file", async (c) => {
  const file = splitFile(c.req.param("file"));
  if (!file) return sendError(c, formatOf(c.req.path), 404, "Not found: use services/{service_code}.json or .xml");
  return handle(file.format, async () => {
    const cat = await catalogue();
    const service = serviceByCode(cat, file.name);
    if (!service) throw new Open311Error(404, `service_code "${file.name}" is not a service`);
    return send(c, file.format, "service_definition", serviceDefinition(cat.codes.get(service.id)!));
  })(c);
});

open311.get("/requests/:file", async (c) => {
  const file = splitFile(c.req.param("file"));
  if (!file)
    return sendError(c, formatOf(c.req.path), 404, "Not found: use requests/{service_request_id}.json or .xml");
  return handle(file.format, async () => {
    if (!/^\d{1,78}$/.test(file.name))
      throw new Open311Error(404, `service_request_id "${file.name}" is not a request`);
    const id = BigInt(file.name);
    const [cat, rows] = await Promise.all([
      catalogue(),
      db.select(requestColumns).from(schema.request).where(eq(schema.request.id, id)).limit(1),
    ]);
    if (rows.length === 0) throw new Open311Error(404, `service_request_id ${id} is not a request`);
    // The spec answers a list, even for one request.
    return send(c, file.format, "service_requests", await formatRequests(rows, cat));
  })(c);
});

open311.all("*", (c) =>
  sendError(
    c,
    formatOf(c.req.path),
    404,
    "Not found. Routes: discovery, services, services/{service_code}, requests, requests/{service_request_id}, each .json or .xml",
  ),
);
