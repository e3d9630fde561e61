/**
 * The officer's console: the agency's queue and one request as an officer works it. The seeded
 * chain (scripts/lib/seed.ts) is shared by every spec file, so each test files its own fresh
 * requests (citizen-siti, service 3 AKTA_LAHIR of agency 1, Disdukcapil) and compares figures
 * before and after; seeded request 1 (Siti's, overdue and escalated) is only read, never changed.
 */
import type { Page } from "@playwright/test";
import { computeIkm } from "@layanan/core";
import { confirmed, openAs } from "./console";
import { expect, requestCount, test } from "./fixtures";
import type { TestWallet } from "./wallet";

const OFFICER = "officer-disdukcapil";
const CITIZEN = "citizen-siti";

const queueRow = (page: Page, id: bigint | number) =>
  page.locator(`[data-testid="queue-row"][data-request-id="${id}"]`);

/** Siti files a request to service 3 through the citizen's form; returns its id. */
async function fileRequest(page: Page, wallet: TestWallet, summary: string): Promise<bigint> {
  await openAs(page, wallet, CITIZEN, "/requests/new?service=3");
  await page.getByTestId("summary").fill(summary);
  const before = await requestCount();
  await page.getByTestId("submit-request").click();
  await expect(page).toHaveURL(/\/requests\/\d+(\?|$)/, { timeout: 20_000 });
  const id = BigInt(/\/requests\/(\d+)/.exec(page.url())![1]);
  expect(id, "the new request's id").toBe(before + 1n);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");
  return id;
}

/** Disdukcapil's public figures on /transparency: completed requests and the IKM (score and number of ratings). */
async function disdukcapilFigures(page: Page) {
  await page.goto("/transparency");
  const card = page.locator('[data-testid="agency-stats"][data-agency-id="1"]');
  await expect(card).toBeVisible({ timeout: 15_000 });
  const completed = Number(
    (await card.locator('[data-figure="completed"] span').first().innerText()).replace(/\D/g, ""),
  );
  const ikm = card.getByTestId("ikm");
  const score = (await ikm.getAttribute("data-score")) ?? "";
  const ratings = score === "" ? 0 : Number(/(\d+)/.exec(await ikm.locator(".note").innerText())![1]);
  return { completed, score, ratings };
}

/** Clicks a status button after writing the public note, and waits until the page shows the new status. */
async function setStatus(page: Page, status: string, note: string) {
  await page.getByTestId("officer-note").fill(note);
  await page.getByTestId(`set-status-${status}`).click();
  await confirmed(page);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", status, { timeout: 15_000 });
}

const statusButtons = (page: Page) => page.locator('[data-testid^="set-status-"]');

test("the full loop: a citizen files, the officer works the request from the queue, the citizen answers and rates, the public figures move", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  const before = await disdukcapilFigures(page);

  // Siti files a new birth-certificate request through the citizen's form.
  const summary = `Akta kelahiran anak ketiga (e2e petugas ${Date.now()})`;
  const id = await fileRequest(page, wallet, summary);

  // The officer finds it in the queue and opens it.
  await openAs(page, wallet, OFFICER, "/console/queue");
  const row = queueRow(page, id);
  await expect(row).toHaveAttribute("data-status", "Submitted", { timeout: 15_000 });
  await expect(row).toContainText(summary);
  await expect(row).toContainText("Penerbitan Akta Kelahiran");
  await row.getByTestId("queue-row-link").click();
  await expect(page).toHaveURL(new RegExp(`/console/requests/${id}$`));
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");

  // The applicant's eligibility: RESIDENT_KOTA_BANDUNG at level 2, the service needs level 1.
  const claim = page.getByTestId("citizen-claim");
  await expect(claim).toHaveAttribute("data-eligible", "true");
  await expect(claim).toHaveText(/^Memegang Penduduk Kota Bandung .* pada tingkat 2 \(perlu 1\): ya$/);

  // From Submitted: only "in progress" and "rejected".
  await expect(statusButtons(page)).toHaveCount(2);
  await expect(page.getByTestId("set-status-InProgress")).toBeVisible();
  await expect(page.getByTestId("set-status-Rejected")).toBeVisible();
  await setStatus(page, "InProgress", "Berkas diterima, sedang diverifikasi petugas");

  // From InProgress: needs-info, completed, rejected; asking for information needs a note.
  await expect(statusButtons(page)).toHaveCount(3);
  await expect(page.getByTestId("set-status-NeedsInfo")).toBeDisabled();
  await expect(page.getByTestId("needs-info-note-required")).toBeVisible();
  const question = "Mohon lengkapi surat keterangan lahir dari bidan atau rumah sakit";
  await setStatus(page, "NeedsInfo", question);
  await expect(page.getByTestId("timeline")).toContainText(question);

  // Siti sees the question and answers it: the request is in progress again.
  await openAs(page, wallet, CITIZEN, `/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "NeedsInfo");
  await expect(page.getByTestId("respond-form")).toContainText(question);
  await page.getByTestId("respond-note").fill("Surat keterangan lahir sudah saya lampirkan");
  await page.getByTestId("respond").click();
  await confirmed(page);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "InProgress", { timeout: 15_000 });

  // The officer completes it; a final status offers nothing more.
  await openAs(page, wallet, OFFICER, `/console/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "InProgress");
  await setStatus(page, "Completed", "Akta kelahiran selesai dan dapat diambil di kantor Disdukcapil");
  await expect(page.getByTestId("officer-final")).toBeVisible();
  await expect(statusButtons(page)).toHaveCount(0);
  await expect(page.getByTestId("mark-duplicate")).toHaveCount(0);

  // Siti rates the service 4 (very good).
  await openAs(page, wallet, CITIZEN, `/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Completed");
  await page.getByTestId("rate-4").click();
  await expect(page.getByTestId("rate-confirm")).toContainText("tidak dapat diubah");
  await page.getByTestId("rate-confirm-yes").click();
  await confirmed(page);
  await expect(page.getByTestId("rating")).toBeVisible({ timeout: 15_000 });

  // The public figures: one more completed request, one more rating, the IKM recomputed with a 4.
  const ratingSum = before.score === "" ? 0 : Math.round((Number(before.score) * before.ratings) / 25);
  const expectedIkm = computeIkm(ratingSum + 4, before.ratings + 1)!;
  const after = await disdukcapilFigures(page);
  expect(after).toEqual({
    completed: before.completed + 1,
    score: expectedIkm.value.toFixed(2),
    ratings: before.ratings + 1,
  });
});

test("queue filters: overdue, escalated and status, sorted by due date, kept in the URL", async ({ page, wallet }) => {
  test.setTimeout(120_000);
  const fresh = await fileRequest(page, wallet, `Akta kelahiran, uji saringan antrean (e2e ${Date.now()})`);

  await openAs(page, wallet, OFFICER, "/console/queue");
  await expect(queueRow(page, fresh)).toBeVisible({ timeout: 15_000 });
  const rows = page.getByTestId("queue-row");
  const total = Number(await page.getByTestId("queue-count-total").innerText());
  await expect(rows).toHaveCount(total);
  // Seeded request 1 is open, overdue and escalated; the fresh one is neither.
  await expect(queueRow(page, 1)).toHaveAttribute("data-overdue", "true");
  await expect(queueRow(page, fresh)).toHaveAttribute("data-overdue", "false");

  // Overdue only.
  await page.getByTestId("filter-overdue").check();
  await expect(page).toHaveURL(/[?&]overdue=1/);
  await expect(queueRow(page, 1)).toBeVisible();
  await expect(queueRow(page, fresh)).toHaveCount(0);
  await expect(rows).toHaveCount(Number(await page.getByTestId("queue-count-overdue").innerText()));
  for (const value of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-overdue"))))
    expect(value).toBe("true");

  // Escalated only.
  await page.getByTestId("filter-overdue").uncheck();
  await page.getByTestId("filter-escalated").check();
  await expect(page).toHaveURL(/[?&]escalated=1/);
  await expect(page).not.toHaveURL(/overdue=1/);
  await expect(queueRow(page, 1)).toBeVisible();
  await expect(queueRow(page, fresh)).toHaveCount(0);
  await expect(rows).toHaveCount(Number(await page.getByTestId("queue-count-escalated").innerText()));
  await page.getByTestId("filter-escalated").uncheck();

  // By status: Submitted shows the fresh request and not request 1 (in progress).
  await page.getByTestId("filter-status").selectOption("Submitted");
  await expect(page).toHaveURL(/[?&]status=Submitted/);
  await expect(queueRow(page, fresh)).toBeVisible();
  await expect(queueRow(page, 1)).toHaveCount(0);
  await expect(rows).toHaveCount(Number(await page.getByTestId("queue-count-Submitted").innerText()));
  for (const value of await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-status"))))
    expect(value).toBe("Submitted");
  await page.getByTestId("filter-status").selectOption("all");
  await expect(rows).toHaveCount(total);

  // Sorted by due date: ascending by default, descending on request.
  const dueDates = async () =>
    (await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-due-at"))))) as number[];
  const ascending = await dueDates();
  expect(ascending.length).toBe(total);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.getByTestId("sort-due").selectOption("desc");
  await expect(page).toHaveURL(/[?&]sort=desc/);
  await expect.poll(dueDates).toEqual([...ascending].sort((a, b) => b - a));

  // A shared link opens the same view.
  await page.goto("/console/queue?status=open&overdue=1");
  await expect(queueRow(page, 1)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("filter-status")).toHaveValue("open");
  await expect(page.getByTestId("filter-overdue")).toBeChecked();
  await expect(page.getByTestId("filter-escalated")).not.toBeChecked();
  await expect(queueRow(page, fresh)).toHaveCount(0);
});

test("a citizen's wallet sees no officer controls in the console and no console link; an officer's does", async ({
  page,
  wallet,
}) => {
  for (const path of ["/console", "/console/queue", "/console/requests/1"]) {
    await openAs(page, wallet, CITIZEN, path);
    await expect(page.getByTestId("no-role"), path).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("console-nav"), path).toHaveCount(0);
    await expect(page.getByTestId("console-link"), path).toHaveCount(0);
    await expect(statusButtons(page), path).toHaveCount(0);
    await expect(page.getByTestId("mark-duplicate"), path).toHaveCount(0);
    await expect(page.getByTestId("queue-row"), path).toHaveCount(0);
    await expect(page.getByTestId("filter-status"), path).toHaveCount(0);
  }

  await openAs(page, wallet, OFFICER, "/console");
  await expect(page.getByTestId("console-link")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("console-nav")).toBeVisible();
  await expect(page.getByTestId("no-role")).toHaveCount(0);
});

test("an officer of another agency sees a request read-only", async ({ page, wallet }) => {
  // Request 6 is Dewi's pothole report to PUPR (agency 3); the Disdukcapil officer may only look.
  await openAs(page, wallet, OFFICER, "/console/requests/6");
  await expect(page.getByTestId("other-agency")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");
  // An open service: no claim needed.
  await expect(page.getByTestId("citizen-claim")).toHaveAttribute("data-eligible", "true");
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByTestId("officer-actions")).toHaveCount(0);
  await expect(statusButtons(page)).toHaveCount(0);
  await expect(page.getByTestId("mark-duplicate")).toHaveCount(0);
});

test("the contract rejects a forced duplicate: the decoded error in both languages, the request stays open; a valid original closes it", async ({
  page,
  wallet,
}) => {
  test.setTimeout(120_000);
  const id = await fileRequest(page, wallet, `Akta kelahiran, uji duplikat (e2e ${Date.now()})`);

  // Request 6 is PUPR's: not of the same agency, so not a possible original. The UI does not
  // pre-check it; the contract refuses (RequestInvalidOriginal) and the page says so.
  const cases = [
    {
      locale: "id",
      path: `/console/requests/${id}`,
      sentence: `Permohonan #6 tidak bisa dijadikan permohonan asli untuk #${id}.`,
    },
    { locale: "en", path: `/en/console/requests/${id}`, sentence: `Request #6 cannot be the original of #${id}.` },
  ];
  const unknown = {
    id: "Terjadi kesalahan yang tidak terduga. Silakan coba lagi.",
    en: "Something unexpected went wrong. Please try again.",
  };
  for (const { locale, path, sentence } of cases) {
    const sentBefore = wallet.sent.length;
    await openAs(page, wallet, OFFICER, path);
    await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted", { timeout: 15_000 });
    await page.getByTestId("duplicate-of").fill("6");
    await page.getByTestId("mark-duplicate").click();
    await expect(page.getByTestId("tx-status")).toHaveAttribute("data-phase", "failed", { timeout: 15_000 });
    const alert = page.locator('[role="alert"][data-error="RequestInvalidOriginal"]');
    await expect(alert, locale).toHaveText(sentence);
    await expect(alert, locale).not.toHaveText(unknown[locale as "id" | "en"]);
    expect(wallet.sent.length, "the simulation failed, so nothing was sent").toBe(sentBefore);

    // Still open, after a fresh read.
    await page.reload();
    await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted", { timeout: 15_000 });
  }

  // The UI only checks "a positive integer".
  await page.goto(`/console/requests/${id}`);
  await page.getByTestId("duplicate-of").fill("0");
  await expect(page.getByTestId("mark-duplicate")).toBeDisabled();

  // The search lists the agency's earlier requests whose summary matches: request 1 (Siti's
  // "Permohonan akta kelahiran anak kedua"), never PUPR's nor this request itself.
  await page.getByTestId("duplicate-search").fill("akta kelahiran anak");
  const candidates = page.getByTestId("duplicate-candidate");
  await expect(page.locator('[data-testid="duplicate-candidate"][data-request-id="1"]')).toBeVisible();
  const candidateIds = await candidates.evaluateAll((els) =>
    els.map((el) => Number(el.getAttribute("data-request-id"))),
  );
  expect(candidateIds.every((c) => c < Number(id) && c !== 6)).toBe(true);
  await page.locator('[data-testid="duplicate-candidate"][data-request-id="1"]').getByRole("button").click();
  await expect(page.getByTestId("duplicate-of")).toHaveValue("1");
  await page.getByTestId("mark-duplicate").click();
  await confirmed(page);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Duplicate", { timeout: 15_000 });
  await expect(page.getByTestId("original-link")).toHaveAttribute("href", /\/console\/requests\/1$/);
  await expect(page.getByTestId("officer-final")).toBeVisible();

  // The applicant may rate a request closed as a duplicate (once).
  await openAs(page, wallet, CITIZEN, `/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Duplicate", { timeout: 15_000 });
  await page.getByTestId("rate-3").click();
  await page.getByTestId("rate-confirm-yes").click();
  await confirmed(page);
  await expect(page.getByTestId("rating")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("rate")).toHaveCount(0);
});

test("rejecting needs a reason: the button waits for a note, the reason is shown to the applicant, who may rate", async ({
  page,
  wallet,
}) => {
  test.setTimeout(120_000);
  const id = await fileRequest(page, wallet, `Akta kelahiran, uji penolakan (e2e ${Date.now()})`);

  await openAs(page, wallet, OFFICER, `/console/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted", { timeout: 15_000 });
  const reject = page.getByTestId("set-status-Rejected");
  await expect(reject).toBeDisabled();
  await expect(page.getByTestId("reject-note-required")).toBeVisible();
  // Spaces are no reason.
  await page.getByTestId("officer-note").fill("   ");
  await expect(reject).toBeDisabled();
  const reason = "Dokumen pendukung bukan untuk layanan ini; ajukan lewat layanan perubahan KK";
  await page.getByTestId("officer-note").fill(reason);
  await expect(page.getByTestId("reject-note-required")).toHaveCount(0);
  await expect(reject).toBeEnabled();
  // Rejecting is final and the applicant is told: it asks first, naming both, with the reason.
  await reject.click();
  const confirm = page.getByTestId("reject-confirm");
  await expect(confirm).toBeFocused();
  await expect(confirm).toContainText(`Tolak permohonan #${id}?`);
  await expect(confirm).toContainText("tidak dapat dibuka lagi");
  await expect(page.getByTestId("reject-confirm-note")).toHaveText(reason);
  const sent = wallet.sent.length;
  await page.getByTestId("reject-confirm-no").click();
  await expect(confirm).toHaveCount(0);
  await expect(reject).toBeFocused();
  expect(wallet.sent.length, "going back sends nothing").toBe(sent);
  await reject.click();
  await page.getByTestId("reject-confirm-yes").click();
  await confirmed(page);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Rejected", { timeout: 15_000 });
  await expect(page.getByTestId("timeline")).toContainText(reason);

  await openAs(page, wallet, CITIZEN, `/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Rejected", { timeout: 15_000 });
  await expect(page.getByTestId("timeline")).toContainText(reason);
  await page.getByTestId("rate-2").click();
  await page.getByTestId("rate-confirm-yes").click();
  await confirmed(page);
  await expect(page.getByTestId("rating")).toBeVisible({ timeout: 15_000 });
});
