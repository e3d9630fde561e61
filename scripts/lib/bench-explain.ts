// The query plans behind the indexer's lists, read from the benchmark's PGlite database once the
// indexer has stopped: the SQL that indexer/src/api/lists.ts sends for each read (as Drizzle
// builds it), run under EXPLAIN (ANALYZE, BUFFERS), so that a slow read shows which step costs.
import { PGlite } from "@electric-sql/pglite";

export interface Plan {
  read: string;
  sql: string;
  /** Execution time PGlite reported, milliseconds. */
  ms: number;
  plan: string;
}

export interface ExplainInput {
  /** The PGlite folder (LAYANAN_PGLITE_DIR). */
  dir: string;
  /** Ponder's schema (`ponder start --schema`). */
  schema: string;
  /** The agency, citizen and request the reads name; by default the busiest of each in the database. */
  agencyId?: number;
  citizen?: string;
  requestId?: bigint;
  /** The chain time "overdue" is decided at; by default the latest event's. */
  now?: number;
}

/** Fills what the input leaves out from the database itself: the busiest agency, citizen and request. */
async function subjects(db: PGlite, input: ExplainInput): Promise<Required<ExplainInput>> {
  const s = `"${input.schema.replace(/"/g, "")}"`;
  const one = async <T>(sql: string) => (await db.query<T>(sql)).rows[0];
  const agencyId =
    input.agencyId ??
    Number(
      (await one<{ a: number }>(`select agency_id as a from ${s}.request group by 1 order by count(*) desc limit 1`)).a,
    );
  const citizen =
    input.citizen ??
    (await one<{ c: string }>(`select citizen as c from ${s}.request group by 1 order by count(*) desc limit 1`)).c;
  const requestId =
    input.requestId ??
    BigInt(
      (
        await one<{ r: string }>(
          `select request_id::text as r from ${s}.request_event group by 1 order by count(*) desc limit 1`,
        )
      ).r,
    );
  const now = input.now ?? Number((await one<{ t: string }>(`select max(time)::text as t from ${s}.request_event`)).t);
  return { ...input, agencyId, citizen, requestId, now };
}

/**
 * The plans as the indexer left the database (Ponder never runs ANALYZE, and PGlite has no
 * autovacuum, so the planner has no statistics), then after `VACUUM ANALYZE` of the two tables the
 * lists read: what a maintenance step would change.
 */
export async function explainLists(
  input: ExplainInput,
): Promise<{ asIndexed: Plan[]; analyzed: Plan[]; analyzeMs: number }> {
  const db = await PGlite.create({ dataDir: input.dir });
  try {
    input = await subjects(db, input);
    // The SQL below is what indexer/src/api/lists.ts sends for each read (as Drizzle builds it):
    // keep the two in step when the routes change.
    const asIndexed = await explainAll(db, input as Required<ExplainInput>);
    const t = performance.now();
    const s = `"${input.schema.replace(/"/g, "")}"`;
    await db.query(`vacuum analyze ${s}.request`);
    await db.query(`vacuum analyze ${s}.request_event`);
    await db.query(`vacuum analyze ${s}.agency_status`).catch(() => undefined);
    const analyzeMs = performance.now() - t;
    return { asIndexed, analyzed: await explainAll(db, input as Required<ExplainInput>), analyzeMs };
  } finally {
    await db.close();
  }
}

async function explainAll(db: PGlite, input: Required<ExplainInput>): Promise<Plan[]> {
  const s = `"${input.schema.replace(/"/g, "")}"`;
  const columns = `id, citizen, service_id, agency_id, summary, status, escalated, rating, submitted_at, due_at`;
  const agency = `agency_id = ${Number(input.agencyId)}`;
  const citizen = `citizen = '${input.citizen.toLowerCase().replace(/[^0-9a-fx]/g, "")}'`;
  const queries: { read: string; sql: string }[] = [
    {
      read: "queue page: open, by due date",
      sql: `select ${columns} from ${s}.request where ${agency} and open = true order by due_at asc, id asc limit 50`,
    },
    {
      // The counts by status come from the agency_status counters the handlers keep (O(1) a change).
      read: "queue counts: by status (agency_status)",
      sql: `select status, sum(requests), sum(escalated) from ${s}.agency_status where ${agency} group by status`,
    },
    {
      read: "queue counts: overdue",
      sql: `select count(*) from ${s}.request where ${agency} and open = true and due_at < ${Number(input.now)}`,
    },
    {
      read: 'queue page: open, "lampu", by due date',
      sql: `select ${columns} from ${s}.request where ${agency} and open = true and summary ilike '%lampu%' order by due_at asc, id asc limit 50`,
    },
    {
      read: 'queue total: open, "lampu"',
      sql: `select count(*) from ${s}.request where ${agency} and open = true and summary ilike '%lampu%'`,
    },
    {
      read: "queue page: all, newest first, page 20",
      sql: `select ${columns} from ${s}.request where ${agency} order by id desc limit 50 offset 950`,
    },
    {
      read: "citizen page",
      sql: `select ${columns} from ${s}.request where ${citizen} order by id desc limit 50`,
    },
    { read: "citizen total", sql: `select count(*) from ${s}.request where ${citizen}` },
    {
      read: "timeline",
      sql: `select * from ${s}.request_event where request_id = ${input.requestId} order by block_number asc, log_index asc`,
    },
  ];
  const plans: Plan[] = [];
  const tables = new Set(
    (
      await db.query<{ t: string }>(
        `select table_name as t from information_schema.tables where table_schema = '${input.schema}'`,
      )
    ).rows.map((r) => r.t),
  );
  for (const { read, sql } of queries) {
    // A table an older indexer did not have (agency_status): nothing to explain.
    const table = /from "[^"]+"\.(\w+)/.exec(sql)?.[1];
    if (table !== undefined && !tables.has(table)) continue;
    // Twice: the first run warms PGlite's buffers, as the benchmark's warm-up calls did.
    await db.query(`explain (analyze, buffers) ${sql}`);
    const result = await db.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${sql}`);
    const plan = result.rows.map((row) => row["QUERY PLAN"]).join("\n");
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);
    plans.push({ read, sql, ms, plan });
  }
  return plans;
}

/** The plans as markdown: a summary table (as indexed, after ANALYZE), then each plan in full. */
export function plansMarkdown(title: string, result: Awaited<ReturnType<typeof explainLists>>): string {
  const rows = result.asIndexed.map((plan, i) => {
    const after = result.analyzed[i];
    const top = (p: Plan) =>
      p.plan
        .split("\n")
        .filter((line) => /Scan|Sort  |Aggregate/.test(line))
        .map((line) =>
          line
            .trim()
            .replace(/\s+\(cost.*$/, "")
            .replace(/^->\s*/, ""),
        )
        .join(" ← ");
    return `| ${plan.read} | ${plan.ms.toFixed(1)} | ${top(plan)} | ${after.ms.toFixed(1)} | ${top(after)} |`;
  });
  const full = (label: string, plans: Plan[]) =>
    plans
      .map((p) => `### ${p.read} (${label})\n\n\`\`\`sql\n${p.sql}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\`\n`)
      .join("\n");
  return [
    `# ${title}`,
    "",
    "The SQL indexer/src/api/lists.ts sends for each read, under `EXPLAIN (ANALYZE, BUFFERS)` in the benchmark's PGlite",
    "database after the indexer stopped (warm: each query ran once before). Left: as Ponder left the database (no",
    `statistics: Ponder never runs ANALYZE and PGlite has no autovacuum). Right: after \`VACUUM ANALYZE\` of request and request_event (${result.analyzeMs.toFixed(0)} ms).`,
    "",
    "| query | ms as indexed | plan | ms after ANALYZE | plan |",
    "| --- | ---: | --- | ---: | --- |",
    ...rows,
    "",
    "## Plans as indexed",
    "",
    full("as indexed", result.asIndexed),
    "## Plans after ANALYZE",
    "",
    full("after ANALYZE", result.analyzed),
  ].join("\n");
}
