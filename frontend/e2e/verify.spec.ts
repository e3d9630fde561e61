/**
 * Anyone checks a document, without a wallet: the file is hashed in the browser and
 * DocumentRegistry.verify is asked about its anchor. The seeded documents (scripts/lib/seed.ts): a
 * batch of five birth certificates with personal data (salted anchors, one revoked), each with its
 * receipt and QR code; a public letter issued singly (its file alone verifies); a file never issued.
 */
import { readFileSync } from "node:fs";
import { docs } from "./env";
import { connectWallet, expect, requestProviderCount, test } from "./fixtures";

const BIRTH = /^Akta kelahiran, diterbitkan oleh Dinas Kependudukan/;

test.describe("verify a document", () => {
  test("a salted batch member with its receipt is Valid, names its type and agency, uploads nothing; its share link reproduces the result", async ({
    page,
    browser,
  }) => {
    // Nothing the page sends may carry the file's content.
    const content = readFileSync(docs.valid, "utf8").trim().split("\n")[1];
    const bodies: string[] = [];
    page.on("request", (request) => bodies.push(request.postData() ?? ""));

    await page.goto("/verify");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.valid));
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    const result = page.getByTestId("verify-result");
    await expect(result).toHaveAttribute("data-status", "Valid");
    await expect(page.getByTestId("verify-verdict")).toHaveText(BIRTH);
    await expect(page.getByTestId("verify-doc-type")).toHaveText("Akta kelahiran");
    await expect(page.getByTestId("verify-agency")).toContainText("Kependudukan");
    expect(
      bodies.filter((body) => body.includes(content)),
      "requests carrying the file's content",
    ).toEqual([]);

    const share = page.getByTestId("verify-share");
    await expect(share).toBeVisible();
    const href = await share.evaluate((element) =>
      element instanceof HTMLAnchorElement ? element.href : (element.textContent ?? "").trim(),
    );
    expect(href).toMatch(/[?&]fp=0x[0-9a-f]{64}/);
    expect(href).toMatch(/[?&]salt=0x[0-9a-f]{64}/);
    expect(href).toMatch(/[?&]root=0x[0-9a-f]{64}/);

    // Someone else opens the link: a fresh browser, no file, no receipt.
    const other = await browser.newContext();
    try {
      const page2 = await other.newPage();
      await page2.goto(href);
      await expect(page2.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
      await expect(page2.getByTestId("verify-from-link")).toBeVisible();
      await expect(page2.getByTestId("verify-agency")).toHaveText(
        (await page.getByTestId("verify-agency").textContent()) ?? "",
      );
    } finally {
      await other.close();
    }
  });

  test("the QR code's link verifies without a file; the file then confirms it is the same, another file does not", async ({
    page,
  }) => {
    // The QR code printed on the document carries the same link as its receipt.
    const qr = readFileSync(docs.qr(docs.valid), "utf8");
    expect(qr).toContain("<svg");

    await page.goto(docs.linkPath(docs.valid));
    const result = page.getByTestId("verify-result");
    await expect(result).toHaveAttribute("data-status", "Valid");
    await expect(page.getByTestId("verify-verdict")).toHaveText(BIRTH);
    await expect(page.getByTestId("verify-from-link")).toBeVisible();

    // The holder's file: its fingerprint is the link's.
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    await expect(page.getByTestId("verify-link-confirmed")).toBeVisible();
    await expect(result).toHaveAttribute("data-status", "Valid");

    // Another file: not the link's document; checked alone, it is not on record.
    await page.getByTestId("verify-file").setInputFiles(docs.unknown);
    await expect(page.locator('[data-warning="linkMismatch"]')).toBeVisible();
    await expect(result).toHaveAttribute("data-status", "Unknown");
    await expect(page.getByTestId("verify-link-confirmed")).toHaveCount(0);
  });

  test("a salted document's file alone is not found; the page says why and offers the receipt, which then verifies it", async ({
    page,
  }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Unknown");
    const why = page.getByTestId("verify-needs-receipt");
    await expect(why).toContainText("data pribadi");
    await expect(why).toContainText("tanda terima");
    await expect(why).toContainText("kode QR");

    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByTestId("verify-pick-receipt").click(),
    ]);
    await chooser.setFiles(docs.receipt(docs.valid));
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
    await expect(page.getByTestId("verify-needs-receipt")).toHaveCount(0);
  });

  test("a public document issued singly is Valid from its file alone", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.single);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
    await expect(page.getByTestId("verify-verdict")).toHaveText(
      /^Surat keterangan domisili, diterbitkan oleh Dinas Kependudukan/,
    );
    await expect(page.getByTestId("verify-agency")).toContainText("Kependudukan");
    // Its receipt holds no salt, and its share link carries none.
    const receipt = JSON.parse(readFileSync(docs.receipt(docs.single), "utf8")) as { salt: unknown };
    expect(receipt.salt).toBeNull();
    await expect(page.getByTestId("verify-share")).not.toHaveText(/salt=/);
  });

  test("a revoked document is Revoked, with its reason and time", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.revoked));
    await page.getByTestId("verify-file").setInputFiles(docs.revoked);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked");
    await expect(page.getByTestId("verify-verdict")).toHaveText(BIRTH);
    await expect(page.getByTestId("verify-reason")).toContainText("Salah cetak");
    await expect(page.getByTestId("verify-result")).toContainText("Dicabut pada");
  });

  test("a revoked document's QR link is Revoked too", async ({ page }) => {
    await page.goto(docs.linkPath(docs.revoked));
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked");
    await expect(page.getByTestId("verify-reason")).toContainText("Salah cetak");
  });

  test("a file that was never issued is Unknown", async ({ page }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.unknown);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Unknown");
  });

  test("a damaged link is explained", async ({ page }) => {
    await page.goto("/verify?fp=0x1234&salt=zz");
    await expect(page.getByTestId("verify-bad-link")).toBeVisible();
  });

  test("the English page gives the same result and explains in English", async ({ page }) => {
    await page.goto("/en/verify");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.revoked));
    await page.getByTestId("verify-file").setInputFiles(docs.revoked);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Revoked");
    await expect(page.getByTestId("verify-verdict")).toHaveText(/^Akta kelahiran, issued by Dinas Kependudukan/);
    await expect(page.getByTestId("verify-reason")).toContainText("Misprint");

    await page.getByRole("button", { name: "Check another document" }).click();
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Unknown");
    await expect(page.getByTestId("verify-needs-receipt")).toContainText("personal data");
    await expect(page.getByTestId("verify-needs-receipt")).toContainText("receipt");
  });
});

test.describe("wallet code stays on the citizen pages", () => {
  test("verify and transparency dispatch no eip6963:requestProvider; a citizen page does", async ({ page, wallet }) => {
    await page.goto("/verify");
    await page.getByTestId("verify-file").setInputFiles(docs.single);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
    await page.waitForLoadState("networkidle");
    expect(await requestProviderCount(page), "requestProvider events on /verify").toBe(0);

    // A QR code's link: the same, no wallet code.
    await page.goto(docs.linkPath(docs.valid));
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
    await page.waitForLoadState("networkidle");
    expect(await requestProviderCount(page), "requestProvider events on /verify?fp=…").toBe(0);

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
