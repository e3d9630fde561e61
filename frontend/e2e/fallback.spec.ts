/**
 * Without the indexer (round 2 of scripts/e2e.ts: the indexer stopped and 10,000 empty blocks
 * mined past the last event, the RPC a capping proxy that refuses eth_getLogs over 2,000 blocks):
 * every list and record still reads, from the chain, in windows newest first with "load more",
 * and no page says "unexpected error".
 */
import type { Locator, Page } from "@playwright/test";
import { openAs } from "./console";
import { connectWallet, expect, test } from "./fixtures";
import { docs, env } from "./env";

test.skip(env.indexerUp, "runs in the fallback round, with the indexer stopped (npx tsx scripts/e2e.ts)");

const UNEXPECTED = /Terjadi kesalahan yang tidak terduga|Something unexpected went wrong/;

/** Clicks "load more" until `target` shows (or nothing more can be loaded); returns the clicks it took. */
async function loadUntil(page: Page, target: Locator, maxClicks = 20): Promise<number> {
  const more = page.getByTestId("load-more");
  const done = page.getByTestId("all-loaded");
  for (let clicks = 0; clicks <= maxClicks; clicks++) {
    // Wait for the page being read: the target shows, everything is loaded, or "load more" can be pressed.
    await expect(async () => {
      if ((await target.isVisible()) || (await done.isVisible())) return;
      expect(await more.isEnabled({ timeout: 500 })).toBe(true);
    }).toPass({ timeout: 30_000 });
    if (await target.isVisible()) return clicks;
    if (await done.isVisible()) break;
    await more.click();
  }
  await expect(target).toBeVisible();
  return -1;
}

/** Clicks "load more" until everything is loaded. */
async function loadAll(page: Page): Promise<void> {
  await expect(async () => {
    const more = page.getByTestId("load-more");
    if ((await more.isVisible()) && (await more.isEnabled())) await more.click();
    await expect(page.getByTestId("all-loaded")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

test("@fallback the citizen's requests are read from the chain in windows, load more reaching the older ones", async ({
  page,
  wallet,
}) => {
  test.setTimeout(120_000);
  await page.goto("/requests");
  await connectWallet(page, wallet);
  const list = page.getByTestId("request-list");
  await expect(list).toHaveAttribute("data-source", "chain", { timeout: 30_000 });
  await expect(page.getByTestId("source-fallback")).toContainText("indeks tidak tersedia");
  // The newest windows hold only empty blocks: the seeded requests are further back.
  const seeded = page.locator('[data-testid="request-row"][data-request-id="1"]');
  const clicks = await loadUntil(page, seeded);
  expect(clicks, "load more was needed to reach the seeded requests").toBeGreaterThan(0);
  for (const id of [4, 5])
    await expect(page.locator(`[data-testid="request-row"][data-request-id="${id}"]`)).toBeVisible();
  await expect(page.locator('[data-testid="request-row"][data-request-id="4"]')).toHaveAttribute(
    "data-status",
    "NeedsInfo",
  );
  await expect(page.getByTestId("chain-progress")).toBeVisible();
  await expect(page.getByText(UNEXPECTED)).toHaveCount(0);
});

test("@fallback the officer's queue is read from the chain: filtered and counted over what is loaded", async ({
  page,
  wallet,
}) => {
  test.setTimeout(120_000);
  await openAs(page, wallet, "officer-disdukcapil", "/console/queue");
  await expect(page.getByTestId("queue-list")).toHaveAttribute("data-source", "chain", { timeout: 30_000 });
  await loadUntil(page, page.locator('[data-testid="queue-row"][data-request-id="1"]'));
  // Load everything, then the counts cover the whole queue.
  await loadAll(page);
  await expect(page.getByTestId("chain-progress")).toHaveAttribute("data-complete", "true");
  await expect(page.getByTestId("queue-counts-partial")).toBeVisible();
  const rows = page.getByTestId("queue-row");
  await expect(rows).toHaveCount(Number(await page.getByTestId("queue-count-total").innerText()));

  // Filters and the search work on the loaded rows.
  await page.getByTestId("filter-overdue").check();
  await expect(page.locator('[data-testid="queue-row"][data-request-id="1"]')).toBeVisible();
  await expect(rows).toHaveCount(Number(await page.getByTestId("queue-count-overdue").innerText()));
  await page.getByTestId("filter-overdue").uncheck();
  await page.getByTestId("queue-search").fill("KTP-EL RUSAK");
  await expect(page.locator('[data-testid="queue-row"][data-request-id="3"]')).toBeVisible();
  await expect(page.locator('[data-testid="queue-row"][data-request-id="1"]')).toHaveCount(0);
  await expect(page.getByText(UNEXPECTED)).toHaveCount(0);
});

test("@fallback a request's page shows its timeline from the chain", async ({ page, wallet }) => {
  test.setTimeout(90_000);
  await page.goto("/requests/4");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("request-record")).toHaveAttribute("data-source", "chain", { timeout: 30_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "NeedsInfo");
  await expect(page.getByTestId("timeline")).toContainText("Mohon lengkapi titik koordinat lokasi usaha");
  await expect(page.getByTestId("index-mismatch")).toHaveCount(0);

  await openAs(page, wallet, "officer-disdukcapil", "/console/requests/1");
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "InProgress", { timeout: 30_000 });
  await expect(page.getByTestId("timeline")).toContainText("Berkas diterima, sedang diverifikasi");
  await expect(page.getByText(UNEXPECTED)).toHaveCount(0);
});

test("@fallback a document's verdict and its revocation reason are read from the chain", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/verify");
  await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.revoked));
  await page.getByTestId("verify-file").setInputFiles(docs.revoked);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked", { timeout: 30_000 });
  await expect(page.getByTestId("verify-reason")).toContainText("Salah cetak", { timeout: 30_000 });
  await expect(page.getByTestId("verify-reason")).toHaveAttribute("data-source", "chain");

  await page.goto(docs.linkPath(docs.valid));
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 30_000 });
  await expect(page.getByText(UNEXPECTED)).toHaveCount(0);
});

test("@fallback the claims are read from the chain", async ({ page, wallet }) => {
  test.setTimeout(90_000);
  await page.goto("/claims");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("claims")).toHaveAttribute("data-source", "chain", { timeout: 30_000 });
  await expect(page.locator('[data-testid="claim"][data-status="valid"]')).toHaveCount(2);
  await expect(page.getByText(UNEXPECTED)).toHaveCount(0);
});
