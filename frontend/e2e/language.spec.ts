/**
 * Bahasa Indonesia is the default (no prefix); English lives under /en. The switch keeps the page
 * (and its query) and changes the text and <html lang>.
 */
import type { Page } from "@playwright/test";
import { docs } from "./env";
import { connectWallet, expect, test } from "./fixtures";

const heading = (page: Page) => page.locator("main h1").first();

async function switchLanguage(page: Page, to: "id" | "en", expectedPath: RegExp): Promise<void> {
  await page.getByTestId("language-switch").click();
  await expect(page).toHaveURL(expectedPath);
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

for (const path of ["/verify", "/transparency", "/services"]) {
  test(`the language switch on ${path} keeps the page and changes the language`, async ({ page, wallet }) => {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    if (path === "/services") await connectWallet(page, wallet);
    const indonesian = (await heading(page).textContent())?.trim();
    expect(indonesian).toBeTruthy();

    await switchLanguage(page, "en", new RegExp(`/en${path}$`));
    await expect(heading(page)).not.toHaveText(indonesian!);
    const english = (await heading(page).textContent())?.trim();
    expect(english).toBeTruthy();

    // Back to Bahasa Indonesia: the page itself, unprefixed (or as /id/…, which the server redirects).
    await switchLanguage(page, "id", new RegExp(`:\\d+(/id)?${path}$`));
    await expect(heading(page)).toHaveText(indonesian!);
  });
}

test("the home page switches to /en and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  const indonesian = (await page.locator("main").innerText()).trim();
  await switchLanguage(page, "en", /\/en\/?$/);
  await expect(page.locator("main")).not.toHaveText(indonesian);
  await switchLanguage(page, "id", /:\d+(\/id)?\/?$/);
});

test("the switch keeps a shared verification link's query", async ({ page }) => {
  await page.goto("/verify");
  await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.valid));
  await page.getByTestId("verify-file").setInputFiles(docs.valid);
  const href = await page.getByTestId("verify-share").getAttribute("href");
  expect(href).toBeTruthy();
  const query = new URL(href!, page.url()).search;

  await page.goto(`/verify${query}`);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
  const indonesian = (await page.getByTestId("verify-result").innerText()).trim();
  await page.getByTestId("language-switch").click();
  const params = new URLSearchParams(query);
  await expect(page).toHaveURL(
    (url) =>
      url.pathname === "/en/verify" &&
      ["fp", "root", "proof"].every((key) => url.searchParams.get(key) === params.get(key)),
  );
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid");
  await expect(page.getByTestId("verify-result")).not.toHaveText(indonesian);
});
