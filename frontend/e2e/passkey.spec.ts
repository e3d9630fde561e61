/**
 * Citizens with a passkey account (ERC-4337 v0.8, sponsored by the city), on a 360 px phone, with
 * Chromium's WebAuthn virtual authenticator (DevTools protocol): create a passkey, show the account
 * code, be attested by an officer, file a claim-gated request, rate it, never hold ETH; a reload
 * keeps the session; the biometric prompt failing, the bundler down and the daily quota spent each
 * give a calm sentence and a retry; the same passkey found again from another browser; another
 * device's passkey added and removed.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Browser, BrowserContext, CDPSession, Page } from "@playwright/test";
import { createPublicClient, getAddress, http, keccak256, stringToHex } from "viem";
import { confirmed, openAs } from "./console";
import { env } from "./env";
import { expect, test } from "./fixtures";
import { TestWallet } from "./wallet";

const OFFICER = "officer-disdukcapil";
const RESIDENT = keccak256(stringToHex("RESIDENT_KOTA_BANDUNG"));
const PHONE = { width: 360, height: 800 };
const BUNDLER_URL = env.bundlerUrl;
const QUOTA = Number(process.env.LAYANAN_E2E_SPONSOR_QUOTA ?? 8);
/** KTP_EL (RESIDENT level 2) and JALAN_RUSAK (no claim) of the seed (scripts/lib/seed.ts). */
const CLAIM_GATED_SERVICE = 1;
const OPEN_SERVICE = 5;

const node = createPublicClient({ transport: http(env.nodeUrl) });

test.use({ viewport: PHONE });

interface Authenticator {
  cdp: CDPSession;
  id: string;
}

async function addAuthenticator(context: BrowserContext, page: Page): Promise<Authenticator> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

const setUserVerified = (a: Authenticator, isUserVerified: boolean) =>
  a.cdp.send("WebAuthn.setUserVerified", { authenticatorId: a.id, isUserVerified });

async function newPhone(browser: Browser) {
  const context = await browser.newContext({ baseURL: env.baseUrl, viewport: PHONE, locale: "id-ID" });
  const page = await context.newPage();
  const authenticator = await addAuthenticator(context, page);
  return { context, page, authenticator };
}

/** Creates a new passkey account from a citizen page's prompt; returns its address. */
async function createAccount(page: Page): Promise<`0x${string}`> {
  await page.goto("/requests");
  const prompt = page.getByTestId("connect-prompt");
  await prompt.getByTestId("passkey-create").click();
  await expect(page.getByTestId("connected-address")).toBeVisible({ timeout: 20_000 });
  await page.goto("/account");
  const code = page.getByTestId("account-code");
  await expect(code).toBeVisible();
  return getAddress((await code.getAttribute("data-address"))!);
}

const balance = (address: `0x${string}`) => node.getBalance({ address });

/** Files a request through the form; returns the time from the tap to the confirmed write, and the id. */
async function fileRequest(page: Page, service: number, summary: string): Promise<{ id: bigint; ms: number }> {
  await page.goto(`/requests/new?service=${service}`);
  await page.getByTestId("summary").fill(summary);
  const started = Date.now();
  await page.getByTestId("submit-request").click();
  await expect(page).toHaveURL(/\/requests\/\d+(\?|$)/, { timeout: 30_000 });
  const ms = Date.now() - started;
  return { id: BigInt(/\/requests\/(\d+)/.exec(page.url())![1]), ms };
}

async function failedWith(page: Page, key: string) {
  const status = page.getByTestId("tx-status").last();
  await expect(status).toHaveAttribute("data-phase", "failed", { timeout: 30_000 });
  await expect(status.locator(`[data-error="${key}"]`)).toBeVisible();
}

test("passkey: a new citizen creates a passkey, is attested at the office, files a claim-gated request and rates it, never holding ETH", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const citizen = await newPhone(browser);
  const page = citizen.page;
  const address = await createAccount(page);
  expect(await balance(address)).toBe(0n);
  await expect(page.getByTestId("account-qr").locator("svg")).toBeVisible();
  await expect(page.getByTestId("lost-devices")).toContainText("KTP");
  const grouped = (await page.getByTestId("account-code").innerText()).trim();
  expect(grouped).toMatch(/^0x( [0-9a-fA-F]{4}){10}$/);

  // A reload keeps the citizen signed in (wagmi reconnects the passkey connector).
  await page.reload();
  await expect(page.getByTestId("account-code")).toHaveAttribute("data-address", address, { timeout: 15_000 });

  // Not yet attested: the KTP service is not open to this account.
  await page.goto(`/requests/new?service=${CLAIM_GATED_SERVICE}`);
  await expect(page.getByTestId("missing-claim")).toBeVisible({ timeout: 15_000 });

  // The officer, on a desktop with a wallet, attests the account from the code as the citizen shows it.
  const officerContext = await browser.newContext({ baseURL: env.baseUrl, locale: "id-ID" });
  const officerWallet = await TestWallet.install(officerContext, OFFICER);
  const officer = await officerContext.newPage();
  await openAs(officer, officerWallet, OFFICER, "/console/attest");
  await officer.getByTestId("attest-subject").fill(grouped);
  await officer.getByTestId("attest-claim").selectOption(RESIDENT);
  await officer.getByTestId("attest-level").selectOption("2");
  await officer.getByTestId("attest-expiry").fill("2099-12-31");
  await officer.getByTestId("attest-nik").fill("3273 0999 0202 0002");
  await officer.getByTestId("attest-name").fill("Wulan Sari");
  await officer.getByTestId("attest-submit").click();
  await confirmed(officer);
  await expect(officer.getByTestId("attest-receipt")).toContainText(address);

  // The citizen files the claim-gated request: one biometric prompt, the city pays.
  const filed = await fileRequest(
    page,
    CLAIM_GATED_SERVICE,
    `KTP-el hilang, mohon penggantian (passkey ${Date.now()})`,
  );
  console.log(`passkey: tap → confirmed (first operation, deploys the account): ${filed.ms} ms`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted", { timeout: 15_000 });
  expect(await node.getCode({ address })).not.toBe(undefined);
  expect(await balance(address)).toBe(0n);

  // The officer completes it in the console.
  await officer.goto(`/console/requests/${filed.id}`);
  for (const [status, note] of [
    ["InProgress", "Sedang diproses di loket Disdukcapil"],
    ["Completed", "KTP-el baru dapat diambil di kantor Disdukcapil"],
  ] as const) {
    await expect(officer.getByTestId(`set-status-${status}`)).toBeVisible({ timeout: 15_000 });
    await officer.getByTestId("officer-note").fill(note);
    await officer.getByTestId(`set-status-${status}`).click();
    await confirmed(officer);
    await expect(officer.getByTestId("request-status")).toHaveAttribute("data-status", status, { timeout: 15_000 });
  }

  // The citizen rates it (a second sponsored operation).
  await page.goto(`/requests/${filed.id}`);
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Completed", { timeout: 15_000 });
  await page.getByTestId("rate-4").click();
  const started = Date.now();
  await page.getByTestId("rate-confirm-yes").click();
  await confirmed(page);
  console.log(`passkey: tap → confirmed (rating, account deployed): ${Date.now() - started} ms`);
  await expect(page.getByTestId("rating")).toBeVisible({ timeout: 15_000 });
  expect(await balance(address)).toBe(0n);
  await officerContext.close();
  await citizen.context.close();
});

test("passkey: the biometric prompt failing and the bundler down each give a calm sentence, and a retry goes through", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { context, page, authenticator } = await newPhone(browser);
  const address = await createAccount(page);

  // The fingerprint is not recognised: nothing is sent, a calm sentence, a retry once it works.
  await page.goto(`/requests/new?service=${OPEN_SERVICE}`);
  await page.getByTestId("summary").fill(`Jalan berlubang di Jl. Dago (passkey uv ${Date.now()})`);
  await setUserVerified(authenticator, false);
  await page.getByTestId("submit-request").click();
  await failedWith(page, "passkey.errors.cancelled");
  await expect(page.getByTestId("tx-status").last()).toContainText("sidik jari atau wajah");
  await setUserVerified(authenticator, true);
  await page.getByTestId("tx-status").last().getByRole("button").click();
  await expect(page).toHaveURL(/\/requests\/\d+(\?|$)/, { timeout: 30_000 });

  // The bundler cannot be reached: a calm sentence; once it is back, the retry goes through.
  await page.route(`${BUNDLER_URL}/**`, (route) => route.abort("connectionrefused"));
  await page.route(BUNDLER_URL, (route) => route.abort("connectionrefused"));
  await page.goto(`/requests/new?service=${OPEN_SERVICE}`);
  await page.getByTestId("summary").fill(`Lampu jalan mati di Jl. Riau (passkey bundler ${Date.now()})`);
  await page.getByTestId("submit-request").click();
  await failedWith(page, "passkey.errors.bundlerDown");
  await page.unrouteAll();
  await page.getByTestId("tx-status").last().getByRole("button").click();
  await expect(page).toHaveURL(/\/requests\/\d+(\?|$)/, { timeout: 30_000 });
  expect(await balance(address)).toBe(0n);
  await context.close();
});

test("passkey: the day's sponsored operations spent, the citizen reads the quota sentence", async ({ browser }) => {
  test.setTimeout(240_000);
  const { context, page } = await newPhone(browser);
  const address = await createAccount(page);
  for (let i = 1; i <= QUOTA; i++) {
    await fileRequest(page, OPEN_SERVICE, `Trotoar rusak nomor ${i} di Jl. Asia Afrika (kuota ${Date.now()})`);
  }
  await page.goto(`/requests/new?service=${OPEN_SERVICE}`);
  await page.getByTestId("summary").fill(`Satu lagi setelah kuota habis (${Date.now()})`);
  await page.getByTestId("submit-request").click();
  await failedWith(page, "sponsor.quotaExhausted");
  await expect(page.getByTestId("tx-status").last()).toContainText(String(QUOTA));
  expect(await balance(address)).toBe(0n);
  await context.close();
});

test("passkey: the same passkey in another browser finds the same account; another device's passkey is added and removed", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const first = await newPhone(browser);
  const address = await createAccount(first.page);
  // The first operation deploys the account (and records its passkey on chain).
  await fileRequest(first.page, OPEN_SERVICE, `Saluran air tersumbat di Jl. Cihampelas (passkey ${Date.now()})`);

  const second = await newPhone(browser);
  // A passkey of this site that no account names: a calm sentence, with the create option.
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  await second.authenticator.cdp.send("WebAuthn.addCredential", {
    authenticatorId: second.authenticator.id,
    credential: {
      credentialId: randomBytes(16).toString("base64"),
      isResidentCredential: true,
      rpId: "localhost",
      privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
      userHandle: randomBytes(16).toString("base64"),
      signCount: 0,
    },
  });
  await second.page.goto("/requests");
  await second.page.getByTestId("connect-prompt").getByTestId("passkey-use").click();
  await expect(second.page.getByTestId("connect-prompt").getByTestId("passkey-not-found")).toBeVisible({
    timeout: 20_000,
  });
  await expect(second.page.getByTestId("connect-prompt").getByTestId("passkey-create")).toBeVisible();

  // The first phone's passkey, synced to this browser: "use an existing passkey" finds the account.
  const { credentials } = await first.authenticator.cdp.send("WebAuthn.getCredentials", {
    authenticatorId: first.authenticator.id,
  });
  expect(credentials).toHaveLength(1);
  await second.authenticator.cdp.send("WebAuthn.clearCredentials", { authenticatorId: second.authenticator.id });
  await second.authenticator.cdp.send("WebAuthn.addCredential", {
    authenticatorId: second.authenticator.id,
    credential: credentials[0],
  });
  await second.page.getByTestId("connect-prompt").getByTestId("passkey-use").click();
  await expect(second.page.getByTestId("connected-address")).toBeVisible({ timeout: 20_000 });
  await second.page.goto("/account");
  await expect(second.page.getByTestId("account-code")).toHaveAttribute("data-address", address, { timeout: 15_000 });

  // Another device's passkey: created on this authenticator, added through the account (sponsored).
  const devices = second.page.getByTestId("device");
  await expect(devices).toHaveCount(1, { timeout: 20_000 });
  await expect(second.page.getByTestId("device-remove")).toHaveCount(0);
  await second.page.getByTestId("device-add").click();
  await confirmed(second.page);
  await expect(devices).toHaveCount(2, { timeout: 20_000 });
  // The new one can be removed (never the last, never the one in use here).
  second.page.once("dialog", (dialog) => dialog.accept());
  await second.page.getByTestId("device-remove").click();
  await confirmed(second.page);
  await expect(devices).toHaveCount(1, { timeout: 20_000 });
  expect(await balance(address)).toBe(0n);
  await first.context.close();
  await second.context.close();
});
