// `requests list` and `requests show`: from the indexer when one is configured (LAYANAN_INDEXER_URL,
// else the manifest's services.indexer), else from the chain in windows of blocks (newest first, at
// most LAYANAN_LOGS_WINDOW blocks per eth_getLogs, 2,000 by default) with per-item reads through
// Multicall3. `requests list` prints each page as it arrives and takes --limit and --page.
import {
  IndexerError,
  indexerClient,
  isOverdueAt,
  loadRequest,
  loadRequestsPage,
  logsWindowFrom,
  plainText,
  STATUS_NAMES,
  statusNameOf,
  type IndexerClient,
  type RequestDetail,
  type RequestQuery,
  type RequestStatusName,
  type RequestSummary,
  type TimelineEntry,
} from "@layanan/core";
import { option, parseInteger, type Args } from "./args.js";
import { agencyIdOf, type Context } from "./context.js";
import { UserError } from "./manifest.js";

import type { Command } from "./commands.js";

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
const SORTS = ["newest", "age", "due", "-due"] as const;
type Sort = (typeof SORTS)[number];

/** The indexer to read from: --source chain turns it off; --source indexer requires one. */
function indexerOf(ctx: Context, args: Args): { url: string; client: IndexerClient } | null {
  const source = option(args, "source");
  if (source !== undefined && source !== "indexer" && source !== "chain") {
    throw new UserError(`--source must be "indexer" or "chain", not "${source}".`);
  }
  const url = process.env.LAYANAN_INDEXER_URL || ctx.manifest.services?.indexer;
  if (source === "chain") return null;
  if (!url) {
    if (source === "indexer") {
      throw new UserError(
        `No indexer for network "${ctx.network}": set LAYANAN_INDEXER_URL or services.indexer in its manifest.`,
      );
    }
    return null;
  }
  return { url, client: indexerClient(url, { timeoutMs: Number(process.env.LAYANAN_INDEXER_TIMEOUT_MS ?? 10_000) }) };
}

/** Whether to read the chain instead after the indexer failed: yes, unless the indexer was asked for. */
function fallBack(ctx: Context, args: Args, url: string, error: unknown): void {
  if (!(error instanceof IndexerError) || option(args, "source") === "indexer") throw error;
  process.stderr.write(`The indexer at ${url} did not answer (${error.message}); reading the chain instead.\n`);
}

function windowOf(args: Args): number {
  const given = option(args, "window");
  return given === undefined
    ? logsWindowFrom(process.env.LAYANAN_LOGS_WINDOW)
    : parseInteger(given, "--window", 1, 1_000_000);
}

function statusFilter(text: string | undefined): RequestQuery["status"] {
  if (text === undefined) return undefined;
  if (text === "open" || text === "closed") return text;
  const names = text.split(",").map((name) => name.trim());
  for (const name of names) {
    if (name === "None" || !(STATUS_NAMES as readonly string[]).includes(name)) {
      throw new UserError(`--status takes open, closed or status names (${STATUS_NAMES.slice(1).join(", ")}).`);
    }
  }
  return names as RequestStatusName[];
}

function matchesStatus(request: RequestSummary, status: RequestQuery["status"]): boolean {
  if (status === undefined) return true;
  const open = request.status >= 1 && request.status <= 3;
  if (status === "open") return open;
  if (status === "closed") return !open;
  return (status as readonly string[]).includes(request.statusName);
}

function row(request: RequestSummary, now: number): string {
  const overdue = isOverdueAt(request, now) ? " OVERDUE" : "";
  return `#${request.id}\t${request.statusName}${overdue}${request.escalated ? " escalated" : ""}\tservice ${request.serviceId}\tcitizen ${request.citizen}\tdue ${iso(request.dueAt)}\t"${plainText(request.summary)}"`;
}

/** One line of a request's timeline, as `requests show` prints it. */
export function timelineLine(entry: TimelineEntry): string {
  switch (entry.kind) {
    case "submitted":
      return `submitted: "${plainText(entry.summary)}"`;
    case "status":
      return `${statusNameOf(entry.from)} -> ${statusNameOf(entry.to)} by ${entry.by}${entry.note ? `: "${plainText(entry.note)}"` : ""}`;
    case "duplicate":
      return `closed as duplicate of #${entry.originalId}`;
    case "escalated":
      return "escalated (overdue)";
    case "rated":
      return `rated ${entry.score}/4`;
  }
}

async function chainNow(ctx: Context): Promise<number> {
  return Number((await ctx.client.getBlock({ blockTag: "latest" })).timestamp);
}

const list: Command = {
  name: "requests list",
  usage:
    "requests list [--agency <agency>] [--citizen <address>] [--status open|closed|<name>[,<name>…]] [--service <id>] [--search <text>] [--sort newest|age|due|-due] [--limit <n>] [--page <n>] [--source indexer|chain] [--window <blocks>]",
  summary:
    "List requests, newest first, a page at a time (50 by default): from the indexer when one is configured, else the chain in windows of blocks.",
  async run(ctx, args) {
    const agencyText = option(args, "agency");
    const agencyId = agencyText === undefined ? undefined : await agencyIdOf(ctx, agencyText);
    const citizenText = option(args, "citizen");
    if (citizenText !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(citizenText)) {
      throw new UserError(`--citizen must be an address, got "${citizenText}".`);
    }
    const citizen = citizenText?.toLowerCase() as `0x${string}` | undefined;
    const status = statusFilter(option(args, "status"));
    const serviceText = option(args, "service");
    const serviceId = serviceText === undefined ? undefined : parseInteger(serviceText, "--service", 1);
    const search = option(args, "search");
    const sortText = option(args, "sort") ?? "newest";
    if (!(SORTS as readonly string[]).includes(sortText))
      throw new UserError(`--sort must be one of ${SORTS.join(", ")}.`);
    const sort = sortText as Sort;
    const limit = parseInteger(option(args, "limit") ?? "50", "--limit", 1, 200);
    const page = parseInteger(option(args, "page") ?? "1", "--page", 1);

    const indexer = indexerOf(ctx, args);
    if (indexer) {
      try {
        const result = await indexer.client.requests({
          agencyId,
          citizen,
          status,
          serviceId,
          q: search,
          sort,
          page,
          pageSize: limit,
        });
        for (const request of result.items) ctx.out(row(request, result.now));
        const pages = Math.max(1, Math.ceil(result.total / limit));
        ctx.out(
          result.total === 0
            ? "No requests."
            : `Page ${page} of ${pages} (${result.total} request(s), ${limit} per page; from the indexer)${page < pages ? `; next: --page ${page + 1}` : ""}.`,
        );
        return;
      } catch (error) {
        fallBack(ctx, args, indexer.url, error);
      }
    }

    // The chain: newest first only (any other order needs the whole history: that is the indexer's job).
    if (sort !== "newest") {
      throw new UserError(`--sort ${sort} needs the indexer; without one, requests are listed newest first.`);
    }
    const windowBlocks = windowOf(args);
    const now = await chainNow(ctx);
    const skip = (page - 1) * limit;
    const needle = search?.toLowerCase();
    let matched = 0;
    let shown = 0;
    let cursor: string | null | undefined;
    do {
      const result = await loadRequestsPage(
        ctx.client,
        ctx.layanan,
        { citizen, agencyId },
        { cursor, limit, windowBlocks },
      );
      for (const request of result.items) {
        if (!matchesStatus(request, status)) continue;
        if (serviceId !== undefined && request.serviceId !== serviceId) continue;
        if (needle !== undefined && !request.summary.toLowerCase().includes(needle)) continue;
        matched++;
        if (matched <= skip) continue;
        ctx.out(row(request, now));
        shown++;
        if (shown === limit) break;
      }
      cursor = result.cursor;
    } while (shown < limit && cursor !== null);
    if (shown === 0) ctx.out(page === 1 ? "No requests." : `No requests on page ${page}.`);
    else
      ctx.out(
        `Page ${page} (${limit} per page; read from the chain in windows of ${windowBlocks} blocks)${cursor !== null || shown === limit ? `; next: --page ${page + 1}` : ""}.`,
      );
  },
};

/** Where the indexer's copy and the chain differ, in words (empty: they agree). */
export function differences(indexed: RequestSummary, chain: RequestSummary): string[] {
  const out: string[] = [];
  if (indexed.status !== chain.status)
    out.push(`status ${indexed.statusName} (indexer) vs ${chain.statusName} (chain)`);
  if (indexed.escalated !== chain.escalated) out.push(`escalated ${indexed.escalated} vs ${chain.escalated}`);
  if (indexed.rating !== chain.rating) out.push(`rating ${indexed.rating} vs ${chain.rating}`);
  if (indexed.dueAt !== chain.dueAt) out.push(`due ${iso(indexed.dueAt)} vs ${iso(chain.dueAt)}`);
  return out;
}

async function chainState(ctx: Context, id: bigint): Promise<RequestSummary> {
  const r = await ctx.client.readContract({
    ...ctx.layanan.contracts.requests,
    functionName: "getRequest",
    args: [id],
  });
  const status = Number(r.status);
  return {
    id,
    citizen: r.citizen,
    serviceId: Number(r.serviceId),
    agencyId: 0,
    summary: "",
    status,
    statusName: statusNameOf(status),
    escalated: r.escalated,
    rating: Number(r.rating),
    submittedAt: Number(r.submittedAt),
    dueAt: Number(r.dueAt),
  };
}

const show: Command = {
  name: "requests show",
  usage: "requests show <requestId> [--source indexer|chain] [--window <blocks>]",
  summary: "Show a request and its timeline (from the indexer, checked against the chain; or from the chain alone).",
  async run(ctx, args) {
    const text = args.positional[0];
    if (text === undefined) throw new UserError("Give the request id: requests show <requestId>");
    const id = BigInt(parseInteger(text, "The request id", 1));
    let request: RequestDetail | null = null;
    let source = "the chain";
    const indexer = indexerOf(ctx, args);
    if (indexer) {
      try {
        request = await indexer.client.request(id);
        source = "the indexer";
      } catch (error) {
        fallBack(ctx, args, indexer.url, error);
      }
    }
    let mismatch: string[] = [];
    if (source === "the indexer") {
      if (request === null) {
        // Not indexed (yet): the chain decides whether it exists.
        source = "the chain";
      } else {
        mismatch = differences(request, await chainState(ctx, id));
      }
    }
    if (source === "the chain")
      request = await loadRequest(ctx.client, ctx.layanan, id, { windowBlocks: windowOf(args) });
    if (request === null) throw new UserError(`There is no request ${id}.`);
    const service = await ctx.client.readContract({
      ...ctx.layanan.contracts.requests,
      functionName: "getService",
      args: [request.serviceId],
    });
    ctx.out(`Request #${id}: ${plainText(service.name)} (service ${request.serviceId}, agency ${service.agencyId})`);
    ctx.out(`  citizen   ${request.citizen}`);
    ctx.out(`  status    ${request.statusName}${request.escalated ? ", escalated" : ""}`);
    ctx.out(`  submitted ${iso(request.submittedAt)}, due ${iso(request.dueAt)}`);
    if (request.rating > 0) ctx.out(`  rating    ${request.rating}/4`);
    if (request.duplicateOf !== null) ctx.out(`  duplicate of #${request.duplicateOf}`);
    ctx.out(`  source    ${source}`);
    if (mismatch.length > 0) {
      ctx.out(`  WARNING   the indexer does not match the chain yet: ${mismatch.join("; ")}. The chain is right.`);
    }
    ctx.out("  timeline:");
    for (const entry of request.timeline) ctx.out(`    ${iso(entry.time)}  ${timelineLine(entry)}`);
  },
};

export const requestCommands: Command[] = [list, show];
