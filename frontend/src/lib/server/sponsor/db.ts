/**
 * The sponsor's state in Postgres: embedded PGlite in a folder by default, a Postgres server when
 * DATABASE_URL is set. Tables live in the schema `layanan_sponsor` and are created at start
 * (idempotently):
 * - `sponsored_operations`: every operation the sponsor signed (user operation hash, sender, calls,
 *   validUntil, Jakarta day, when);
 * - `daily_usage`: signed operations per (account, Jakarta day), what the quota counts.
 */

/** What runs SQL: the database, or one transaction of it. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface SponsorDb extends SqlRunner {
  /** "pglite:<folder>", "pglite:memory" or "postgres". */
  readonly kind: string;
  /** Runs `fn` in one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const SCHEMA = "layanan_sponsor";

const MIGRATION = [
  `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${SCHEMA}.sponsored_operations (
    user_op_hash text PRIMARY KEY,
    sender text NOT NULL,
    calls jsonb NOT NULL,
    valid_until bigint NOT NULL,
    day date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX IF NOT EXISTS sponsored_operations_sender_day ON ${SCHEMA}.sponsored_operations (sender, day)`,
  `CREATE TABLE IF NOT EXISTS ${SCHEMA}.daily_usage (
    account text NOT NULL,
    day date NOT NULL,
    operations integer NOT NULL,
    PRIMARY KEY (account, day)
  )`,
];

/** Creates the schema and tables when they are missing. */
export async function migrate(db: SqlRunner): Promise<void> {
  for (const statement of MIGRATION) await db.query(statement);
}

/**
 * PGlite keeps its files in `dir` (created when missing), or in memory without one. Loaded at run
 * time and left out of the Next bundle (its WebAssembly and data files are read from node_modules).
 */
export async function openPglite(dir?: string): Promise<SponsorDb> {
  if (dir) {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
  }
  const { PGlite } = (await import(
    /* webpackIgnore: true */ /* turbopackIgnore: true */ "@electric-sql/pglite"
  )) as typeof import("@electric-sql/pglite");
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  // One connection: a transaction must not interleave with another caller's statements.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const db: SponsorDb = {
    kind: dir ? `pglite:${dir}` : "pglite:memory",
    query: (sql, params) => serial(() => pglite.query(sql, params as unknown[])) as never,
    transaction: (fn) =>
      serial(async () => {
        let result: unknown;
        await pglite.transaction(async (tx) => {
          result = await fn({ query: (sql, params) => tx.query(sql, params as unknown[]) as never });
        });
        return result as never;
      }),
    close: () => serial(() => pglite.close()),
  };
  await migrate(db);
  return db;
}

/** The part of `pg` used here (its types are not a dependency of the dApp). */
interface PgClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  release(): void;
}
interface PgPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): void;
}

/** A Postgres server (DATABASE_URL), through a `pg` pool. */
export async function openPostgres(connectionString: string, log: (line: string) => void = console.error) {
  const pg = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "pg")) as unknown as {
    default?: { Pool: new (options: { connectionString: string }) => PgPool };
    Pool?: new (options: { connectionString: string }) => PgPool;
  };
  const Pool = pg.default?.Pool ?? pg.Pool;
  if (!Pool) throw new Error("the pg package has no Pool");
  const pool = new Pool({ connectionString });
  pool.on("error", (error) => log(`sponsor: Postgres connection error: ${error.message}`));
  const db: SponsorDb = {
    kind: "postgres",
    query: (sql, params) => pool.query(sql, params) as never,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({ query: (sql, params) => client.query(sql, params) as never });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  await migrate(db);
  return db;
}

/** A signed operation, as the sponsor records it. */
export interface SignedOperation {
  userOpHash: string;
  sender: string;
  calls: unknown;
  validUntil: number;
  day: string;
}

/** Signed operations of `account` on Jakarta day `day` (YYYY-MM-DD). */
/** The daily_usage row that counts every account's signed operations together (the city-wide cap). */
export const CITY_ACCOUNT = "city";

export async function usageOf(db: SqlRunner, account: string, day: string): Promise<number> {
  const { rows } = await db.query<{ operations: number }>(
    `SELECT operations FROM ${SCHEMA}.daily_usage WHERE account = $1 AND day = $2::date`,
    [account.toLowerCase(), day],
  );
  return rows.length === 0 ? 0 : Number(rows[0].operations);
}

/**
 * Records a signed operation and counts it against its sender's quota, in one transaction.
 * Resolves to the sender's count for the day afterwards, or to `null` (nothing recorded) when the
 * quota is spent. The same operation hash recorded again (the same request repeated within a
 * second) is not counted twice.
 */
export async function recordSigned(db: SponsorDb, op: SignedOperation, quota: number): Promise<number | null> {
  const account = op.sender.toLowerCase();
  return db
    .transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ${SCHEMA}.sponsored_operations (user_op_hash, sender, calls, valid_until, day)
       VALUES ($1, $2, $3::jsonb, $4, $5::date)
       ON CONFLICT (user_op_hash) DO NOTHING
       RETURNING user_op_hash`,
        [op.userOpHash.toLowerCase(), account, JSON.stringify(op.calls), op.validUntil, op.day],
      );
      if (inserted.rows.length === 0) return usageOf(tx, account, op.day);
      if (quota <= 0) throw new QuotaSpent();
      const counted = await tx.query<{ operations: number }>(
        `INSERT INTO ${SCHEMA}.daily_usage AS u (account, day, operations) VALUES ($1, $2::date, 1)
       ON CONFLICT (account, day) DO UPDATE SET operations = u.operations + 1 WHERE u.operations < $3
       RETURNING operations`,
        [account, op.day, quota],
      );
      // Nothing updated: the quota is spent; roll the recorded operation back.
      if (counted.rows.length === 0) throw new QuotaSpent();
      await tx.query(
        `INSERT INTO ${SCHEMA}.daily_usage AS u (account, day, operations) VALUES ($1, $2::date, 1)
       ON CONFLICT (account, day) DO UPDATE SET operations = u.operations + 1`,
        [CITY_ACCOUNT, op.day],
      );
      return Number(counted.rows[0].operations);
    })
    .catch((error) => {
      if (error instanceof QuotaSpent) return null;
      throw error;
    });
}

class QuotaSpent extends Error {}

/** The operations recorded for `account` (newest first): for tests and support. */
export async function signedOperationsOf(db: SqlRunner, account: string): Promise<SignedOperation[]> {
  const { rows } = await db.query<{
    user_op_hash: string;
    sender: string;
    calls: unknown;
    valid_until: string | number | bigint;
    day: string;
  }>(
    `SELECT user_op_hash, sender, calls, valid_until, day::text AS day FROM ${SCHEMA}.sponsored_operations
     WHERE sender = $1 ORDER BY created_at DESC, user_op_hash`,
    [account.toLowerCase()],
  );
  return rows.map((row) => ({
    userOpHash: row.user_op_hash,
    sender: row.sender,
    calls: typeof row.calls === "string" ? JSON.parse(row.calls) : row.calls,
    validUntil: Number(row.valid_until),
    day: row.day,
  }));
}
