/**
 * A citizen with a browser wallet: Siti Nurhaliza (citizen-siti) holds KTP_VERIFIED at level 3 and
 * RESIDENT_KOTA_BANDUNG at level 2 (scripts/lib/seed.ts), so every seeded service is open to her.
 */
import type { Page } from "@playwright/test";
import { connectWallet, addressPattern, expect, requestCount, test } from "./fixtures";
import { WALLET_NAME } from "./wallet";

const navLink = (page: Page, path: string) => page.locator(`header nav a[href$="${path}"]`).first();

test("a citizen connects, sees her claims, opens the catalogue and files exactly one request with a double click", async ({
  page,
  wallet,
}) => {
  await page.goto("/claims");
  await connectWallet(page, wallet);

  // Her two claims, both valid.
  await expect(page.locator('[data-testid="claim"][data-status="valid"]')).toHaveCount(2);

  // The catalogue: the five seeded services, each with an apply link.
  await navLink(page, "/services").click();
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.locator('[data-testid="service"][data-service-id]')).toHaveCount(5);
  const service = page.locator('[data-testid="service"][data-service-id="1"]');
  await service.getByTestId("apply").click();
  await expect(page).toHaveURL(/\/requests\/new\?service=1$/);

  // The form: a public summary (characters counted, the contract's byte limit kept), private details.
  const summary = `KTP-el retak — mohon penggantian (e2e ${Date.now()})`;
  await page.getByTestId("summary").fill(summary);
  const bytes = Buffer.byteLength(summary);
  const counter = page.getByTestId("summary-bytes");
  await expect(counter).toHaveAttribute("data-bytes", String(bytes));
  // The em dash is one character of three bytes: two fewer characters fit.
  await expect(counter).toHaveText(`${summary.length} / ${summary.length + 280 - bytes} karakter`);
  await page.getByTestId("details").fill("Kartu retak di bagian foto; data pribadi ini tidak dikirim ke blockchain.");

  const before = await requestCount();
  await page.getByTestId("submit-request").dblclick();
  const id = before + 1n;
  await expect.poll(requestCount, { message: "one request on chain", timeout: 20_000 }).toBe(id);

  // The citizen lands on the new request's page.
  await expect(page).toHaveURL(new RegExp(`/requests/${id}(\\?|$)`), { timeout: 20_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");
  await expect(page.getByText(summary).first()).toBeVisible();
  // Still one: no second transaction arrives late.
  await page.waitForTimeout(1_000);
  expect(await requestCount(), "request count after a double click").toBe(id);

  // Her list: the new request, once.
  await navLink(page, "/requests").click();
  await expect(page).toHaveURL(/\/requests$/);
  const row = page.locator(`[data-testid="request-row"][data-request-id="${id}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute("data-status", "Submitted");
  await expect(row).toContainText(summary);
  await expect(page.getByTestId("request-row").filter({ hasText: summary })).toHaveCount(1);

  // And its page, opened from the list.
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/requests/${id}(\\?|$)`));
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByTestId("cancel")).toBeVisible();
});

test("a rejected signature: a calm message, nothing sent, and the retry goes through", async ({ page, wallet }) => {
  await page.goto("/requests/new?service=5");
  await connectWallet(page, wallet);
  const summary = `Lampu jalan mati di Jl. Dago (e2e ${Date.now()})`;
  await page.getByTestId("summary").fill(summary);

  const before = await requestCount();
  wallet.rejectNext();
  await page.getByTestId("submit-request").click();
  const status = page.getByTestId("tx-status");
  await expect(status).toHaveAttribute("data-phase", "failed");
  await expect(page.locator('[role="alert"][data-error="userRejected"]')).toBeVisible();
  expect(wallet.rejected, "the wallet was asked once and the user said no").toEqual(["eth_sendTransaction"]);
  expect(wallet.sent, "no transaction was sent").toHaveLength(0);
  expect(await requestCount(), "no request on chain").toBe(before);

  // Retry: the same form, now approved.
  await status.getByRole("button").click();
  await expect.poll(requestCount, { timeout: 20_000 }).toBe(before + 1n);
  expect(wallet.sent).toHaveLength(1);
  await expect(page).toHaveURL(new RegExp(`/requests/${before + 1n}(\\?|$)`), { timeout: 20_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");
});

test("a rejected connection is explained, and connecting again works", async ({ page, wallet }) => {
  await page.goto("/claims");
  wallet.rejectNext();
  await page.getByTestId("connect").click();
  await page.getByTestId("wallet-choice").filter({ hasText: WALLET_NAME }).click();
  await expect(page.locator('[role="alert"][data-error="userRejected"]')).toBeVisible();
  await expect(page.getByTestId("connected-address")).toHaveCount(0);
  await connectWallet(page, wallet);
});

test("switching the account in the wallet shows the other citizen's claims", async ({ page, wallet }) => {
  await page.goto("/claims");
  await connectWallet(page, wallet);
  await expect(page.locator('[data-testid="claim"][data-status="valid"]')).toHaveCount(2);

  await wallet.switchAccount("citizen-andi"); // no claims yet
  await expect(page.getByTestId("connected-address")).toContainText(addressPattern(wallet.address));
  await expect(page.getByTestId("claim")).toHaveCount(0);
  await expect(page.getByTestId("no-claims")).toBeVisible();
});

test("a request's page offers what its status allows", async ({ page, wallet }) => {
  // Seeded: #1 Siti's overdue, escalated, in progress; #4 Siti's request that needs more information.
  await page.goto("/requests/4");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "NeedsInfo");
  await expect(page.getByTestId("respond")).toBeVisible();
  await expect(page.getByTestId("cancel")).toBeVisible();
  await expect(page.getByTestId("timeline")).toBeVisible();

  await page.goto("/requests/1");
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "InProgress");
  await expect(page.getByTestId("overdue")).toBeVisible();
  await expect(page.getByTestId("escalate")).toHaveCount(0); // escalated once already
  await expect(page.getByTestId("cancel")).toHaveCount(0); // in progress: no longer cancellable

  // Her list has her seeded requests with their statuses.
  await page.goto("/requests");
  await expect(page.locator('[data-testid="request-row"][data-request-id="5"]')).toHaveAttribute(
    "data-status",
    "Rejected",
  );
});
