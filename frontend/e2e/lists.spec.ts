/**
 * The dApp's lists from the indexer (round 1: the indexer is up, behind the capping proxy): the
 * officer's queue filtered, searched, sorted, counted and paged by the indexer, the citizen's
 * requests, a request's page checked against the chain (and a visible notice when the index's copy
 * differs), a revoked document's reason, and the chain standing in when the indexer fails.
 * Figures are compared with the chain itself, read through the node (not the capped proxy).
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  countQueue,
  layananOf,
  loadRequests,
  parseManifest,
  QUEUE_STATUSES,
  serviceRequestsAbi,
  ZERO_HASH,
} from "@layanan/core";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  nonceManager,
  toHex,
  type Hex,
  type PublicClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { openAs } from "./console";
import { connectWallet, expect, test } from "./fixtures";
import { docs, env } from "./env";

const localChain = defineChain({
  id: 31337,
  name: "Layanan e2e (31337)",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [env.nodeUrl] } },
});
const node = createPublicClient({ transport: http(env.nodeUrl) }) as PublicClient;
const deployment = () => layananOf(parseManifest(JSON.parse(readFileSync(env.manifest, "utf8"))));

/** Disdukcapil's requests on chain and the counts the queue must show, at the chain's time. */
async function chainQueue(agencyId: number) {
  const rows = await loadRequests(node, deployment(), { agencyId });
  const now = Number((await node.getBlock({ blockTag: "latest" })).timestamp);
  return { rows, counts: countQueue(rows, now) };
}

const rows = (page: Page) => page.getByTestId("queue-row");
const ids = (page: Page, testId = "queue-row") =>
  page.getByTestId(testId).evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-request-id")))) as Promise<
    number[]
  >;
const queueRow = (page: Page, id: number | bigint) =>
  page.locator(`[data-testid="queue-row"][data-request-id="${id}"]`);

/**
 * Files `count` requests to service 5 (Laporan Jalan Rusak, PUPR: open to any account) from a
 * fresh, funded account, straight to the node; returns the account's key and the new ids.
 */
async function fileMany(count: number, label: string): Promise<{ key: Hex; ids: bigint[] }> {
  const key = generatePrivateKey();
  const account = privateKeyToAccount(key, { nonceManager });
  await node.request({
    method: "hardhat_setBalance" as never,
    params: [account.address, "0x56BC75E2D63100000"] as never,
  });
  const wallet = createWalletClient({ account, transport: http(env.nodeUrl), chain: localChain });
  const { address } = deployment().contracts.requests;
  const before = await node.readContract({ address, abi: serviceRequestsAbi, functionName: "requestCount" });
  const hashes: Hex[] = [];
  for (let i = 0; i < count; i++) {
    hashes.push(
      await wallet.writeContract({
        address,
        abi: serviceRequestsAbi,
        functionName: "submit",
        args: [5, ZERO_HASH, toHex(BigInt(Date.now()) * 1000n + BigInt(i + 1), { size: 32 }), `${label} ${i + 1}`],
      }),
    );
  }
  for (const hash of hashes) await node.waitForTransactionReceipt({ hash });
  await indexerCaughtUp();
  return { key, ids: Array.from({ length: count }, (_, i) => before + BigInt(i + 1)) };
}

/**
 * Waits until the indexer has the chain's latest block: these tests are about paging, and a busy
 * machine can keep the indexer a few seconds behind 52 fresh transactions (freshness has its own
 * guard in the dApp, tested elsewhere).
 */
async function indexerCaughtUp(seconds = 60): Promise<void> {
  const head = await node.getBlockNumber();
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const status = (await (await fetch(`${env.indexerUrl}/api/status`)).json()) as { block?: string };
      if (status.block !== undefined && BigInt(status.block) >= head) return;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The indexer did not reach block ${head} within ${seconds} s.`);
}

test("the queue comes from the indexer: counts as on chain, filters, search and order sent to it", async ({
  page,
  wallet,
}) => {
  test.setTimeout(90_000);
  await openAs(page, wallet, "officer-disdukcapil", "/console/queue");
  const list = page.getByTestId("queue-list");
  await expect(list).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  await expect(page.getByTestId("source-fallback")).toHaveCount(0);

  // The counts at a glance are the chain's.
  const { rows: onChain, counts } = await chainQueue(1);
  await expect(page.getByTestId("queue-count-total")).toHaveText(String(counts.total));
  for (const key of ["open", "overdue", "escalated", ...QUEUE_STATUSES] as const)
    await expect(page.getByTestId(`queue-count-${key}`), key).toHaveText(String(counts[key]));
  await expect(rows(page)).toHaveCount(Math.min(onChain.length, 50));
  await expect(page.getByTestId("queue-showing")).toContainText(`dari ${onChain.length}`);

  // Search in the summary (case ignored), kept in the URL: seeded #1 "Permohonan akta kelahiran anak kedua".
  await page.getByTestId("queue-search").fill("AKTA KELAHIRAN");
  await expect(page).toHaveURL(/[?&]q=AKTA\+KELAHIRAN/);
  const matching = onChain.filter((r) => r.summary.toLowerCase().includes("akta kelahiran"));
  await expect(rows(page)).toHaveCount(Math.min(matching.length, 50));
  await expect(queueRow(page, 1)).toBeVisible();
  await expect(queueRow(page, 3)).toHaveCount(0); // "KTP-el rusak (retak)…"
  await expect(page.getByTestId("queue-showing")).toContainText(`dari ${matching.length}`);
  // The counts stay those of the whole queue.
  await expect(page.getByTestId("queue-count-total")).toHaveText(String(counts.total));

  // No match at all.
  await page.getByTestId("queue-search").fill("tidak ada ringkasan seperti ini");
  await expect(page.getByTestId("queue-no-match")).toBeVisible();
  await page.getByTestId("queue-search").fill("");
  await expect(rows(page)).toHaveCount(Math.min(onChain.length, 50));

  // A status: Completed only (seeded #2).
  await page.getByTestId("filter-status").selectOption("Completed");
  await expect(queueRow(page, 2)).toBeVisible();
  await expect(rows(page)).toHaveCount(counts.Completed);
  await page.getByTestId("filter-status").selectOption("all");

  // Order: by age (the oldest first), and by due date descending.
  await page.getByTestId("sort-due").selectOption("age");
  await expect(page).toHaveURL(/[?&]sort=age/);
  const byAge = [...onChain].sort((a, b) => Number(a.id - b.id)).map((r) => Number(r.id));
  await expect.poll(() => ids(page)).toEqual(byAge.slice(0, 50));
  await page.getByTestId("sort-due").selectOption("desc");
  const dueDates = () =>
    rows(page).evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-due-at")))) as Promise<number[]>;
  await expect.poll(dueDates).toEqual(
    onChain
      .map((r) => r.dueAt)
      .sort((a, b) => b - a)
      .slice(0, 50),
  );

  // A shared link with a search opens the same view.
  await page.goto("/console/queue?q=akta&sort=age");
  await expect(page.getByTestId("queue-search")).toHaveValue("akta");
  await expect(page.getByTestId("sort-due")).toHaveValue("age");
  await expect(queueRow(page, 1)).toBeVisible({ timeout: 15_000 });
  await expect(queueRow(page, 3)).toHaveCount(0);
});

test("the lists come in pages of 50 from the indexer, with load more", async ({ page, wallet }) => {
  test.setTimeout(120_000);
  const label = `Lampu jalan padam, uji halaman (e2e ${Date.now()})`;
  const { key, ids: filed } = await fileMany(52, label);

  // The citizen's own list: the newest 50, then the other 2.
  await wallet.switchToNewAccount(key);
  await page.goto("/requests");
  await connectWallet(page, wallet);
  const list = page.getByTestId("request-list");
  await expect(list).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  const row = page.getByTestId("request-row");
  await expect(row).toHaveCount(50);
  await expect(page.getByTestId("requests-count")).toContainText("52");
  await expect(page.getByTestId("list-showing")).toContainText("50 dari 52");
  const newest = filed.map(Number).reverse();
  expect(await ids(page, "request-row")).toEqual(newest.slice(0, 50));
  await page.getByTestId("load-more").click();
  await expect(row).toHaveCount(52);
  expect(await ids(page, "request-row")).toEqual(newest);
  await expect(page.getByTestId("load-more")).toHaveCount(0);
  await expect(page.getByTestId("all-loaded")).toBeVisible();

  // PUPR's queue searched for them, oldest first: 50, then 2 more.
  await openAs(page, wallet, "officer-pupr", `/console/queue?sort=age&q=${encodeURIComponent(label)}`);
  await expect(page.getByTestId("queue-list")).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  await expect(rows(page)).toHaveCount(50);
  await expect(page.getByTestId("queue-showing")).toContainText("50 dari 52");
  await page.getByTestId("load-more").click();
  await expect(rows(page)).toHaveCount(52);
  expect(await ids(page)).toEqual(filed.map(Number));
  await expect(page.getByTestId("queue-showing")).toContainText("52 dari 52");
});

test("the citizen's requests come from the indexer, newest first", async ({ page, wallet }) => {
  await page.goto("/requests");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("request-list")).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  const shown = await ids(page, "request-row");
  for (const id of [1, 4, 5]) expect(shown, `seeded #${id}`).toContain(id);
  expect(shown).toEqual([...shown].sort((a, b) => b - a));
  await expect(page.locator('[data-testid="request-row"][data-request-id="4"]')).toHaveAttribute(
    "data-status",
    "NeedsInfo",
  );
});

test("a request's page: the indexer's timeline agrees with the chain, for the citizen and the officer", async ({
  page,
  wallet,
}) => {
  await page.goto("/requests/4");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("request-record")).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "NeedsInfo");
  await expect(page.getByTestId("timeline")).toContainText("Mohon lengkapi titik koordinat lokasi usaha");
  await expect(page.getByTestId("index-mismatch")).toHaveCount(0);

  await openAs(page, wallet, "officer-disdukcapil", "/console/requests/1");
  await expect(page.getByTestId("request-record")).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "InProgress");
  await expect(page.getByTestId("timeline")).toContainText("Berkas diterima, sedang diverifikasi");
  await expect(page.getByTestId("index-mismatch")).toHaveCount(0);
});

test("a request whose index copy differs from the chain shows the chain's state and says so", async ({
  page,
  wallet,
}) => {
  // The index answers as if request 4 were still in progress and never escalated… and rated.
  await page.route(`${env.indexerUrl}/api/requests/4`, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, status: 2, statusName: "InProgress", rating: 3 } });
  });
  await page.goto("/requests/4");
  await connectWallet(page, wallet);
  const notice = page.getByTestId("index-mismatch");
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toHaveAttribute("data-fields", "status,rating");
  await expect(notice).toContainText("Indeks belum sama dengan rantai");
  // The chain's values: still waiting for the citizen's answer.
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "NeedsInfo");
  await expect(page.getByTestId("respond")).toBeVisible();
});

test("a revoked document's reason comes from the indexer; an index without it is reported", async ({ page }) => {
  await page.goto(docs.linkPath(docs.revoked));
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked", { timeout: 15_000 });
  await expect(page.getByTestId("verify-reason")).toContainText("Salah cetak");
  await expect(page.getByTestId("verify-reason")).toHaveAttribute("data-source", "indexer");
  await expect(page.getByTestId("index-mismatch")).toHaveCount(0);

  // An index that does not know the revocation: the chain's verdict and its own record of the reason.
  await page.route(`${env.indexerUrl}/api/documents/**`, (route) =>
    route.fulfill({ json: { revocation: null }, headers: { "access-control-allow-origin": "*" } }),
  );
  await page.goto(docs.linkPath(docs.revoked));
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked", { timeout: 15_000 });
  await expect(page.getByTestId("index-mismatch")).toHaveAttribute("data-kind", "missingRevocation");
  await expect(page.getByTestId("verify-reason")).toContainText("Salah cetak");
  await expect(page.getByTestId("verify-reason")).toHaveAttribute("data-source", "chain");
});

test("claims come from the indexer; an unreachable indexer falls back to the chain and says so", async ({
  page,
  wallet,
}) => {
  await page.goto("/claims");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("claims")).toHaveAttribute("data-source", "indexer", { timeout: 15_000 });
  await expect(page.locator('[data-testid="claim"][data-status="valid"]')).toHaveCount(2);

  // The indexer refuses every connection: the same lists, read from the chain, with a note.
  await page.route(`${env.indexerUrl}/**`, (route) => route.abort("connectionrefused"));
  await page.goto("/claims");
  await expect(page.getByTestId("claims")).toHaveAttribute("data-source", "chain", { timeout: 15_000 });
  await expect(page.locator('[data-testid="claim"][data-status="valid"]')).toHaveCount(2);
  await expect(page.getByTestId("source-fallback")).toContainText("indeks tidak tersedia");

  await page.goto("/requests");
  await expect(page.getByTestId("request-list")).toHaveAttribute("data-source", "chain", { timeout: 15_000 });
  await expect(page.getByTestId("source-fallback")).toBeVisible();
  await expect(page.locator('[data-testid="request-row"][data-request-id="4"]')).toBeVisible();
  await expect(page.getByText("Terjadi kesalahan yang tidak terduga")).toHaveCount(0);
});
