/**
 * What a newcomer meets on a 360×800 phone: a compact header and wallet bar, links with distinct
 * names, a confirmation before what cannot be undone, a warning before filing the same request
 * twice, a character counter that explains emoji, the verdict brought into view, a localized 404,
 * a favicon, a wallet connection that survives a reload, and a wallet on another chain flagged at
 * once with a working switch (adding the chain when the wallet does not know it).
 */
import type { Page } from "@playwright/test";
import { docs, env } from "./env";
import { addressPattern, connectWallet, expect, requestCount, test } from "./fixtures";
import { CHAIN_ID } from "./wallet";

test.use({ viewport: { width: 360, height: 800 } });

const OTHER_CHAIN = 11155111; // Sepolia: a network the dApp does not use

/** Files a request to service 5 (open to any account) through the form; returns its id. */
async function fileRequest(page: Page, summary: string): Promise<bigint> {
  await page.goto("/requests/new?service=5");
  await page.getByTestId("summary").fill(summary);
  const before = await requestCount();
  await page.getByTestId("submit-request").click();
  await expect(page).toHaveURL(new RegExp(`/requests/${before + 1n}(\\?|$)`), { timeout: 20_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");
  return before + 1n;
}

/** Every link of the page: its accessible name (aria-label, else its text) and where it leads. */
const linksOf = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAnchorElement>("a[href]")).map((a) => {
      const text = (node: Node): string =>
        node instanceof Element && node.getAttribute("aria-hidden") === "true"
          ? ""
          : node.nodeType === Node.TEXT_NODE
            ? (node.textContent ?? "")
            : Array.from(node.childNodes).map(text).join("");
      const name = (a.getAttribute("aria-label") ?? text(a)).replace(/\s+/g, " ").trim();
      const url = new URL(a.href);
      return { name, to: `${url.pathname}${url.search}` };
    }),
  );

test("at 360×800 the header and the wallet bar together take at most 140 px; the menu opens and leads on", async ({
  page,
  wallet,
}) => {
  await page.goto("/claims");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("claim").first()).toBeVisible({ timeout: 15_000 });

  const header = (await page.locator("header.site-header").boundingBox())!;
  const bar = (await page.getByTestId("connect-bar").boundingBox())!;
  expect(header.y).toBe(0);
  expect(header.height, "the header is one line").toBeLessThanOrEqual(64);
  expect(bar.height, "the wallet bar is one line").toBeLessThanOrEqual(64);
  expect(bar.y + bar.height, "header and wallet bar").toBeLessThanOrEqual(140);
  await expect(page.locator("main h1")).toBeInViewport();
  // The short address, and a small disconnect button on the same line.
  await expect(page.getByTestId("connected-address")).toContainText(addressPattern(wallet.address));
  const disconnect = (await page.getByTestId("disconnect").boundingBox())!;
  expect(disconnect.y + disconnect.height).toBeLessThanOrEqual(bar.y + bar.height);
  // The demo account's label in the page's language (the seed writes it in English).
  await expect(page.getByTestId("connected-address")).toContainText("Warga: Siti Nurhaliza (KTP, tingkat 3)");

  // The menu: closed, then open, then a link leads to its page and the menu closes again.
  const menu = page.getByTestId("menu-button");
  const nav = page.getByRole("navigation", { name: "Menu utama" });
  const requests = nav.getByRole("link", { name: "Permohonan saya" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(requests).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(requests).toBeVisible();
  await expect(nav.getByRole("link", { name: "Ajukan layanan" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(requests).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await requests.click();
  await expect(page).toHaveURL(/\/requests$/);
  await expect(requests).toBeHidden();
  await expect(page.getByTestId("request-row").first()).toBeVisible({ timeout: 15_000 });
});

test("no two links with the same name lead to different pages; the site name, the menu and the home heading differ", async ({
  page,
  wallet,
}) => {
  await page.goto("/");
  const brand = page.locator("header .brand");
  await expect(brand).toHaveText("Layanan Kota");
  await expect(brand).toHaveAttribute("href", "/");
  const heading = (await page.locator("main h1").innerText()).trim();
  expect(heading).not.toBe("Layanan Kota");
  expect(heading).not.toBe("Layanan");
  // The menu's links (closed on a phone, so found by their place rather than their role).
  const navNames = (await page.locator("header nav a").allTextContents()).map((n) => n.trim());
  expect(navNames).toContain("Ajukan layanan");
  expect(navNames).not.toContain("Layanan Kota");
  expect(navNames).not.toContain(heading);

  const pages = [
    "/",
    "/verify",
    "/transparency",
    "/claims",
    "/services",
    "/requests",
    "/requests/4",
    "/en",
    "/en/services",
  ];
  for (const [index, path] of pages.entries()) {
    await page.goto(path);
    if (index === 3) await connectWallet(page, wallet);
    if (path.includes("services")) await expect(page.getByTestId("apply").first()).toBeVisible({ timeout: 15_000 });
    if (path === "/en/services") {
      await expect(page.getByTestId("connected-address")).toContainText("Citizen: Siti Nurhaliza (KTP, level 3)");
    }
    if (path === "/requests") await expect(page.getByTestId("request-row").first()).toBeVisible({ timeout: 15_000 });
    if (path === "/requests/4") await expect(page.getByTestId("request-status")).toBeVisible({ timeout: 15_000 });
    const byName = new Map<string, Set<string>>();
    for (const { name, to } of await linksOf(page)) {
      const key = name.toLocaleLowerCase();
      byName.set(key, (byName.get(key) ?? new Set()).add(to));
    }
    const clashes = [...byName].filter(([, targets]) => targets.size > 1).map(([name, t]) => `${name} → ${[...t]}`);
    expect(clashes, `links on ${path} with one name and several targets`).toEqual([]);
  }
});

test("cancelling a request asks first: going back sends nothing, confirming cancels it", async ({ page, wallet }) => {
  test.setTimeout(90_000);
  await page.goto("/requests/new?service=5");
  await connectWallet(page, wallet);
  const id = await fileRequest(page, `Lampu taman mati, uji pembatalan (e2e ${Date.now()})`);
  const sent = wallet.sent.length;

  const cancel = page.getByTestId("cancel");
  const dialog = page.getByRole("alertdialog");
  await cancel.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeFocused();
  await expect(dialog).toContainText(`Batalkan permohonan #${id}?`);
  await expect(dialog).toContainText("tidak dapat dibuka lagi");

  // "Kembali": nothing is sent, the request stays open, focus returns to the button.
  await dialog.getByRole("button", { name: "Kembali" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cancel).toBeFocused();
  // Escape closes it too.
  await cancel.click();
  await expect(dialog).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(wallet.sent.length, "nothing sent after going back").toBe(sent);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");

  // "Ya, batalkan": one transaction, the request is cancelled.
  await cancel.click();
  await dialog.getByRole("button", { name: "Ya, batalkan" }).click();
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Cancelled", { timeout: 20_000 });
  expect(wallet.sent.length).toBe(sent + 1);
  await expect(page.getByTestId("cancel")).toHaveCount(0);
});

test("filing the same request again after a reload warns about the open one, and files only when asked to", async ({
  page,
  wallet,
}) => {
  test.setTimeout(90_000);
  const summary = `Trotoar rusak di Jl. Riau (e2e ${Date.now()})`;
  await page.goto("/requests/new?service=5");
  await connectWallet(page, wallet);
  const first = await fileRequest(page, summary);

  // The same form again (as after a reload), the same summary with other spaces and case.
  await page.goto("/requests/new?service=5");
  await page.getByTestId("summary").fill(`  ${summary.toUpperCase()} `);
  const sent = wallet.sent.length;
  await page.getByTestId("submit-request").click();
  const warning = page.getByTestId("twin-warning");
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await expect(warning).toHaveAttribute("data-request-id", String(first));
  await expect(warning).toBeFocused();
  await expect(warning).toContainText(`#${first}`);
  await expect(warning.getByTestId("twin-link")).toHaveAttribute("href", new RegExp(`/requests/${first}$`));
  await page.waitForTimeout(500);
  expect(wallet.sent.length, "nothing sent before the citizen decides").toBe(sent);
  expect(await requestCount()).toBe(first);

  // Another summary: no warning. Back to the twin, then "Tetap ajukan" files it.
  await page.getByTestId("summary").fill(`${summary} (kedua)`);
  await expect(warning).toHaveCount(0);
  await page.getByTestId("summary").fill(summary);
  await page.getByTestId("submit-request").click();
  await expect(warning).toBeVisible({ timeout: 15_000 });
  await warning.getByRole("button", { name: "Tetap ajukan" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${first + 1n}(\\?|$)`), { timeout: 20_000 });
  expect(await requestCount()).toBe(first + 1n);
});

test("the summary counts characters (an emoji is one), explains what takes more room and says when the limit is reached", async ({
  page,
  wallet,
}) => {
  await page.goto("/requests/new?service=5");
  await connectWallet(page, wallet);
  const summary = page.getByTestId("summary");
  const counter = page.getByTestId("summary-bytes");
  const hint = page.getByTestId("summary-bytes-multibyte");
  const full = page.getByTestId("summary-bytes-full");
  const over = page.getByTestId("summary-bytes-over");
  const submit = page.getByTestId("submit-request");

  await summary.fill("Jalan rusak");
  await expect(counter).toHaveText("11 / 280 karakter");
  await expect(hint).toHaveCount(0);

  // 👍🏽 is two code points and 8 bytes, but one character.
  const text = "Terima kasih 👍🏽";
  expect(Buffer.byteLength(text)).toBe(21);
  await summary.fill(text);
  await expect(counter).toHaveText("14 / 273 karakter");
  await expect(counter).toHaveAttribute("data-bytes", "21");
  await expect(hint).toBeVisible();
  await expect(hint).toContainText("Emoji");
  await expect(hint).toContainText("273");

  // Exactly at the byte limit: a clear message, still sendable.
  await summary.fill("👍🏽".repeat(35));
  await expect(counter).toHaveText("35 / 35 karakter");
  await expect(full).toBeVisible();
  await expect(over).toHaveCount(0);
  await expect(submit).toBeEnabled();

  // Beyond it: told how much to remove, and the form cannot be sent.
  await summary.fill("👍🏽".repeat(36));
  await expect(counter).toHaveText("36 / 35 karakter");
  await expect(over).toBeVisible();
  await expect(over).toContainText("8");
  await expect(submit).toBeDisabled();

  await summary.fill("a".repeat(281));
  await expect(counter).toHaveText("281 / 280 karakter");
  await expect(over).toContainText("hapus 1 karakter");
  await expect(hint).toHaveCount(0);
  await expect(submit).toBeDisabled();
});

test("on /verify the verdict gets the focus and scrolls into view", async ({ page }) => {
  await page.goto("/verify");
  const heading = page.getByTestId("verify-heading");
  await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.valid));
  await page.getByTestId("verify-file").setInputFiles(docs.valid);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 15_000 });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY), "the page scrolled to the verdict").toBeGreaterThan(0);

  // Another file: the new verdict takes the focus again.
  await page.getByTestId("verify-file").focus();
  await page.getByTestId("verify-file").setInputFiles(docs.revoked);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", /Revoked|Unknown/, {
    timeout: 15_000,
  });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
});

test("unknown addresses show the not-found page in the site's language, with a way home", async ({ page }) => {
  for (const { path, lang, title, home, href } of [
    { path: "/id/tidak-ada", lang: "id", title: "Halaman tidak ditemukan.", home: "Kembali ke beranda", href: "/" },
    {
      path: "/tidak-ada/sama-sekali",
      lang: "id",
      title: "Halaman tidak ditemukan.",
      home: "Kembali ke beranda",
      href: "/",
    },
    { path: "/en/nope", lang: "en", title: "Page not found.", home: "Back to the home page", href: "/en" },
    // Outside any locale and not localized by the proxy (it has a file extension).
    { path: "/nope.txt", lang: "id", title: "Halaman tidak ditemukan.", home: "Kembali ke beranda", href: "/" },
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.locator("html"), path).toHaveAttribute("lang", lang);
    await expect(page.locator("main h1").first(), path).toHaveText(title);
    await expect(page.locator("body"), path).not.toContainText("This page could not be found");
    const link = page.getByRole("link", { name: home });
    await expect(link, path).toHaveAttribute("href", href);
  }
  await page.goto("/en/nope");
  await page.getByRole("link", { name: "Back to the home page" }).click();
  await expect(page).toHaveURL(/\/en\/?$/);
  await expect(page.locator("main h1")).toHaveText("Kota Bandung's public services, from your phone");
});

test("the favicon is an SVG, linked from the pages and served", async ({ page, request }) => {
  await page.goto("/");
  const icon = page.locator('link[rel="icon"][type="image/svg+xml"]');
  await expect(icon).toHaveCount(1);
  const href = (await icon.getAttribute("href"))!;
  expect(href).toMatch(/^\/icon\.svg/);
  const response = await request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
  expect(await response.text()).toContain("<svg");
});

test("a reload keeps the wallet connected, without asking the wallet again", async ({ page, wallet, context }) => {
  await page.goto("/claims");
  await connectWallet(page, wallet);
  await expect(page.getByTestId("claim").first()).toBeVisible({ timeout: 15_000 });
  const approvals = () => wallet.log.filter((m) => m === "eth_requestAccounts").length;
  expect(approvals()).toBe(1);

  // The connection's cookie outlives the session (a phone browser may drop session cookies).
  const cookie = (await context.cookies()).find((c) => c.name === "wagmi.store");
  expect(cookie, "wagmi's cookie").toBeDefined();
  expect(cookie!.expires, "the cookie's expiry (seconds)").toBeGreaterThan(Date.now() / 1000 + 7 * 24 * 3600);

  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByTestId("connected-address")).toContainText(addressPattern(wallet.address), {
      timeout: 10_000,
    });
    await expect(page.getByTestId("connect")).toHaveCount(0);
    await expect(page.getByTestId("claim").first()).toBeVisible({ timeout: 15_000 });
  }
  // Another page of the dApp, opened afresh.
  await page.goto("/requests");
  await expect(page.getByTestId("connected-address")).toContainText(addressPattern(wallet.address));
  expect(approvals(), "the wallet was not asked to approve the site again").toBe(1);

  // Disconnecting holds across a reload too.
  await page.getByTestId("disconnect").click();
  await expect(page.getByTestId("connect")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("connect")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("connected-address")).toHaveCount(0);
});

test("a wallet on another chain is flagged at once; the switch button switches it, adding the chain it does not know", async ({
  page,
  wallet,
}) => {
  await page.goto("/claims");
  await connectWallet(page, wallet);
  const warning = page.getByTestId("wrong-network");
  await expect(page.getByTestId("claim").first()).toBeVisible({ timeout: 15_000 });
  await expect(warning).toHaveCount(0);

  // The user picks another network in the wallet, one where it has never had Layanan's chain.
  await wallet.moveToChain(OTHER_CHAIN, { forget: [CHAIN_ID] });
  await expect(warning).toBeVisible({ timeout: 3_000 });
  await expect(warning).toHaveAttribute("role", "alert");
  await expect(warning).toHaveAttribute("data-chain-id", String(OTHER_CHAIN));
  expect(wallet.sent, "flagged before any transaction").toHaveLength(0);

  // On a reload, too, before anything is sent.
  await page.reload();
  await expect(warning).toBeVisible({ timeout: 10_000 });

  // The button: the wallet does not know the chain (4902), so the dApp adds it, then it is on it.
  const before = wallet.log.length;
  await warning.getByTestId("switch-network").click();
  await expect(warning).toHaveCount(0, { timeout: 10_000 });
  const asked = wallet.log.slice(before).filter((m) => m.startsWith("wallet_"));
  expect(asked).toEqual(["wallet_switchEthereumChain", "wallet_addEthereumChain"]);
  expect(wallet.currentChainId).toBe(CHAIN_ID);
  expect(wallet.addedChains).toHaveLength(1);
  const added = wallet.addedChains[0] as { chainId: string; rpcUrls: string[]; nativeCurrency: { symbol: string } };
  expect(added.chainId).toBe(`0x${CHAIN_ID.toString(16)}`);
  expect(added.rpcUrls).toContain(env.rpcUrl);
  expect(added.nativeCurrency.symbol).toBe("ETH");

  // A chain the wallet knows: switching back is a plain switch, no second add.
  await wallet.moveToChain(OTHER_CHAIN);
  await expect(warning).toBeVisible({ timeout: 3_000 });
  await warning.getByTestId("switch-network").click();
  await expect(warning).toHaveCount(0, { timeout: 10_000 });
  expect(wallet.addedChains).toHaveLength(1);
  await expect(page.getByTestId("claim").first()).toBeVisible();
});
