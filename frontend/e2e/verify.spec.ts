/**
 * Anyone checks a document, without a wallet: the file is hashed in the browser and
 * DocumentRegistry.verify is asked. The seeded documents: a batch of five birth certificates (one
 * revoked) with receipts, a singly issued letter, and a file that was never issued.
 */
import { docs } from "./env";
import { connectWallet, expect, requestProviderCount, test } from "./fixtures";

test.describe("verify a document", () => {
  test("a batch member with its receipt is Valid, and its shareable link reproduces the result", async ({
    page,
    browser,
  }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.valid));
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    const result = page.getByTestId("verify-result");
    await expect(result).toHaveAttribute("data-status", "Valid");
    await expect(page.getByTestId("verify-agency")).toContainText("Kependudukan");

    const share = page.getByTestId("verify-share");
    await expect(share).toBeVisible();
    const href = await share.evaluate((element) =>
      element instanceof HTMLAnchorElement ? element.href : (element.textContent ?? "").trim(),
    );
    expect(href).toMatch(/[?&]fp=0x[0-9a-f]{64}/);
    expect(href).toMatch(/[?&]root=0x[0-9a-f]{64}/);

    // Someone else opens the link: a fresh browser, no file, no receipt.
    const other = await browser.newContext();
    try {
      const page2 = await other.newPage();
      await page2.goto(href);
      await expect(page2.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
      await expect(page2.getByTestId("verify-agency")).toHaveText(
        (await page.getByTestId("verify-agency").textContent()) ?? "",
      );
    } finally {
      await other.close();
    }
  });

  test("a batch member without its receipt is not found (the receipt carries the proof)", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Unknown");
  });

  test("a singly issued document is Valid without a receipt", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.single);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
    await expect(page.getByTestId("verify-agency")).toContainText("Kependudukan");
  });

  test("a revoked document is Revoked", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.revoked));
    await page.getByTestId("verify-file").setInputFiles(docs.revoked);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked");
  });

  test("a file that was never issued is Unknown", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.unknown);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Unknown");
  });

  test("the English page gives the same result", async ({ page }) => {
    await page.goto("/en/verify");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.revoked));
    await page.getByTestId("verify-file").setInputFiles(docs.revoked);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked");
  });
});

test.describe("wallet code stays on the citizen pages", () => {
  test("verify and transparency dispatch no eip6963:requestProvider; a citizen page does", async ({ page, wallet }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.single);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
    await page.waitForLoadState("networkidle");
    expect(await requestProviderCount(page), "requestProvider events on /verify").toBe(0);

    await page.goto("/transparency");
    await expect(page.getByTestId("agency-stats").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await requestProviderCount(page), "requestProvider events on /transparency").toBe(0);

    // The harness itself works: a citizen page runs wagmi, which asks for wallets.
    await page.goto("/services");
    await connectWallet(page, wallet);
    await expect
      .poll(() => requestProviderCount(page), { message: "requestProvider events on /services" })
      .toBeGreaterThan(0);
  });
});
