/**
 * Citizen accounts and what the city paid for (API.md, "Citizen accounts and sponsorship"): the
 * accounts that name a passkey (a browser holding a synced passkey finds its account), one account
 * with its passkeys, and the sponsored operations' figures per Jakarta day with their totals. Every
 * query reads an index or a primary key of ponder.schema.ts: the figures are the sponsorship_*
 * tables the indexing functions keep, never a scan of the operations.
 */
import { db } from "ponder:api";
import {
  citizenAccount,
  passkey,
  service,
  sponsorshipAgencyDay,
  sponsorshipDay,
  sponsorshipServiceDay,
  sponsorshipTotal,
} from "ponder:schema";
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from "ponder";
import { Hono } from "hono";
import { accountContracts } from "../manifest.ts";
import {
  address,
  answerError,
  BadQuery,
  bytes32,
  integer,
  knownParameters,
  MAX_PAGE_SIZE,
  NotFound,
  UINT32_MAX,
} from "./lists.ts";

export const accounts = new Hono();
accounts.onError(answerError);

// ---------------------------------------------------------------------------------------------
// Passkeys and accounts
// ---------------------------------------------------------------------------------------------

/** Every account where a passkey of this credential id hash may sign now, in the order they were added. */
accounts.get("/passkeys/:credentialIdHash", async (c) => {
  knownParameters(c, []);
  const credentialIdHash = bytes32(c.req.param("credentialIdHash"), "The credential id hash");
  const rows = await db
    .select()
    .from(passkey)
    .where(and(eq(passkey.credentialIdHash, credentialIdHash), eq(passkey.active, true)))
    .orderBy(asc(passkey.addedAtBlock), asc(passkey.addedAtLogIndex));
  return c.json({
    items: rows.map((p) => ({
      account: p.account,
      credentialIdHash: p.credentialIdHash,
      x: p.x,
      y: p.y,
      addedAt: Number(p.addedAt),
      addedAtBlock: p.addedAtBlock.toString(),
    })),
  });
});

accounts.get("/accounts/:address", async (c) => {
  knownParameters(c, []);
  const account = address(c.req.param("address"), "The account");
  const [[row], keys] = await Promise.all([
    db.select().from(citizenAccount).where(eq(citizenAccount.address, account)),
    db
      .select()
      .from(passkey)
      .where(eq(passkey.account, account))
      .orderBy(asc(passkey.addedAtBlock), asc(passkey.addedAtLogIndex)),
  ]);
  if (!row) throw new NotFound(`No citizen account ${account} is indexed.`);
  return c.json({
    address: row.address,
    credentialIdHash: row.credentialIdHash,
    x: row.x,
    y: row.y,
    createdAt: Number(row.createdAt),
    createdAtBlock: row.createdAtBlock.toString(),
    txHash: row.txHash,
    userOpHash: row.userOpHash,
    passkeys: keys.map((p) => ({
      credentialIdHash: p.credentialIdHash,
      x: p.x,
      y: p.y,
      active: p.active,
      addedAt: Number(p.addedAt),
      addedAtBlock: p.addedAtBlock.toString(),
      removedAt: p.removedAt === null ? null : Number(p.removedAt),
    })),
  });
});

// ---------------------------------------------------------------------------------------------
// Sponsorship: what the city paid for
// ---------------------------------------------------------------------------------------------

interface Figures {
  operations: number;
  failed: number;
  paidWei: bigint;
  gasUsed: bigint;
  accountsCreated: number;
}

const NO_FIGURES: Figures = { operations: 0, failed: 0, paidWei: 0n, gasUsed: 0n, accountsCreated: 0 };

const figuresJson = (f: Figures) => ({
  operations: f.operations,
  failed: f.failed,
  paidWei: f.paidWei.toString(),
  gasUsed: f.gasUsed.toString(),
  accountsCreated: f.accountsCreated,
});

/** The Jakarta date (YYYY-MM-DD) of a Jakarta day number. */
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** One of the three levels of figures: every service, one agency, one service. */
type Level = typeof sponsorshipDay | typeof sponsorshipAgencyDay | typeof sponsorshipServiceDay;

const sums = (table: Level) => ({
  operations: sql<number>`coalesce(sum(${table.operations}), 0)`.mapWith(Number),
  failed: sql<number>`coalesce(sum(${table.failed}), 0)`.mapWith(Number),
  paidWei: sql<bigint>`coalesce(sum(${table.paidWei}), 0)`.mapWith(BigInt),
  gasUsed: sql<bigint>`coalesce(sum(${table.gasUsed}), 0)`.mapWith(BigInt),
  accountsCreated: sql<number>`coalesce(sum(${table.accountsCreated}), 0)`.mapWith(Number),
});

const SPONSORSHIP_PARAMETERS = ["from", "to", "agency", "service", "page", "pageSize"] as const;

/**
 * The figures per Jakarta day, newest first, each with its services' figures; `totals` over the
 * same filters (every day: a sponsorship_total row; a range: a sum over its day rows, one a day).
 */
accounts.get("/sponsorship", async (c) => {
  const p = knownParameters(c, SPONSORSHIP_PARAMETERS);
  const agencyId = p.agency === undefined ? undefined : integer(p.agency, "The agency id", 0, UINT32_MAX);
  const serviceId = p.service === undefined ? undefined : integer(p.service, "The service id", 0, UINT32_MAX);
  const from = p.from === undefined ? undefined : integer(p.from, "from", 0, 1_000_000_000);
  const to = p.to === undefined ? undefined : integer(p.to, "to", 0, 1_000_000_000);
  if (from !== undefined && to !== undefined && from > to) throw new BadQuery(`from (${from}) is after to (${to}).`);
  const ranged = from !== undefined || to !== undefined;
  const page = p.page === undefined ? 1 : integer(p.page, "page", 1, 1_000_000);
  const pageSize = p.pageSize === undefined ? 50 : integer(p.pageSize, "pageSize", 1, MAX_PAGE_SIZE);

  // The level the filters select, and its condition (a service's rows also carry their agency).
  const table: Level =
    serviceId !== undefined ? sponsorshipServiceDay : agencyId !== undefined ? sponsorshipAgencyDay : sponsorshipDay;
  const where = [];
  if (serviceId !== undefined) where.push(eq(sponsorshipServiceDay.serviceId, serviceId));
  if (agencyId !== undefined)
    where.push(
      serviceId !== undefined
        ? eq(sponsorshipServiceDay.agencyId, agencyId)
        : eq(sponsorshipAgencyDay.agencyId, agencyId),
    );
  if (from !== undefined) where.push(gte(table.day, from));
  if (to !== undefined) where.push(lte(table.day, to));
  const condition = where.length > 0 ? and(...where) : undefined;

  const totalsQuery = async (): Promise<Figures> => {
    if (!ranged) {
      const scope = serviceId !== undefined ? "service" : agencyId !== undefined ? "agency" : "all";
      const id = serviceId ?? agencyId ?? 0;
      const [row] = await db
        .select()
        .from(sponsorshipTotal)
        .where(and(eq(sponsorshipTotal.scope, scope), eq(sponsorshipTotal.id, id)));
      // A service's total answers for an agency too only when the service is that agency's.
      if (row && serviceId !== undefined && agencyId !== undefined) {
        const [one] = await db.select({ agencyId: service.agencyId }).from(service).where(eq(service.id, serviceId));
        if (one?.agencyId !== agencyId) return NO_FIGURES;
      }
      return row ?? NO_FIGURES;
    }
    const [row] = await db.select(sums(table)).from(table).where(condition);
    return row ?? NO_FIGURES;
  };

  const offset = (page - 1) * pageSize;
  const [days, [{ n }], totals] = await Promise.all([
    db.select().from(table).where(condition).orderBy(desc(table.day)).limit(pageSize).offset(offset) as Promise<
      (Figures & { day: number })[]
    >,
    db.select({ n: count() }).from(table).where(condition),
    totalsQuery(),
  ]);

  const services =
    days.length === 0
      ? []
      : await db
          .select()
          .from(sponsorshipServiceDay)
          .where(
            and(
              inArray(
                sponsorshipServiceDay.day,
                days.map((d) => d.day),
              ),
              serviceId === undefined ? undefined : eq(sponsorshipServiceDay.serviceId, serviceId),
              agencyId === undefined ? undefined : eq(sponsorshipServiceDay.agencyId, agencyId),
            ),
          )
          .orderBy(asc(sponsorshipServiceDay.day), asc(sponsorshipServiceDay.serviceId));

  return c.json({
    items: days.map((d) => ({
      day: d.day,
      date: dateOf(d.day),
      ...figuresJson(d),
      services: services
        .filter((s) => s.day === d.day)
        .map((s) => ({ serviceId: s.serviceId, agencyId: s.agencyId, ...figuresJson(s) })),
    })),
    page,
    pageSize,
    total: Number(n),
    totals: figuresJson(totals),
    paymaster: accountContracts?.paymaster ?? null,
  });
});
