/**
 * Shared fixtures: every browser context gets the test wallet "installed" (as a browser with a
 * wallet extension would have it), helpers to connect it, to read the chain, and the list of pages.
 */
import path from "node:path";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { createPublicClient, http } from "viem";
import { serviceRequestsAbi } from "@layanan/core";
import { addresses, docs, env } from "./env";
import { TestWallet, WALLET_NAME } from "./wallet";

export { expect };

export const test = base.extend<{ wallet: TestWallet }>({
  wallet: [
    async ({ context }, use) => {
      await use(await TestWallet.install(context, "citizen-siti"));
    },
    { auto: true },
  ],
});

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "..", "test-output", "screenshots");

const chainClient = createPublicClient({ transport: http(env.rpcUrl) });

/** ServiceRequests.requestCount() on chain. */
export async function requestCount(): Promise<bigint> {
  return chainClient.readContract({
    address: addresses().serviceRequests,
    abi: serviceRequestsAbi,
    functionName: "requestCount",
  });
}

/** The short form of an address the dApp shows (0x1234…abcd), as a case-insensitive pattern. */
export const addressPattern = (address: string) => new RegExp(`${address.slice(0, 6)}.*${address.slice(-4)}`, "i");

/**
 * Connects the test wallet on a citizen page through the dApp's own buttons ("connect", then the
 * wallet's "wallet-choice"). Once the wallet has approved the site, wagmi reconnects by itself on
 * later page loads, so then this only waits for the connected address.
 */
export async function connectWallet(page: Page, wallet: TestWallet): Promise<void> {
  const connected = page.getByTestId("connected-address");
  if (!wallet.isConnected) {
    const connect = page.getByTestId("connect");
    const choice = page.getByTestId("wallet-choice").filter({ hasText: WALLET_NAME });
    await expect(connect.or(choice)).toBeVisible();
    if (!(await choice.isVisible())) await connect.click();
    await choice.click();
  }
  await expect(connected).toContainText(addressPattern(wallet.address));
}

/** The page's own "requestProvider" count: wallet code (wagmi's EIP-6963 discovery) dispatches one. */
export const requestProviderCount = (page: Page) =>
  page.evaluate(() => (window as unknown as { __requestProviderCount?: number }).__requestProviderCount ?? -1);

export interface AppPage {
  name: string;
  path: string;
  /** A citizen page: the wallet is connected first. */
  wallet?: boolean;
  /** The demo role the wallet acts as (default: the fixture's citizen-siti). */
  role?: string;
  /** Done once the page shows its content. */
  ready: (page: Page) => Promise<void>;
}

const visible = (locator: (page: Page) => Locator) => async (page: Page) => {
  await expect(locator(page).first()).toBeVisible({ timeout: 15_000 });
};

/** Every page of the dApp, in a state worth looking at. */
export const APP_PAGES: AppPage[] = [
  { name: "home", path: "/", ready: visible((p) => p.locator("main h1")) },
  {
    name: "verify",
    path: "/verify",
    ready: async (page) => {
      await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.valid));
      await page.getByTestId("verify-file").setInputFiles(docs.valid);
      await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 15_000 });
    },
  },
  {
    // A QR code's link (a salted batch member): the result without a file.
    name: "verify-link",
    get path() {
      return docs.linkPath(docs.valid);
    },
    ready: async (page) => {
      await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 15_000 });
    },
  },
  {
    // A salted document's file alone: not found, with the explanation and the receipt picker.
    name: "verify-needs-receipt",
    path: "/verify",
    ready: async (page) => {
      await page.getByTestId("verify-file").setInputFiles(docs.valid);
      await expect(page.getByTestId("verify-needs-receipt")).toBeVisible({ timeout: 15_000 });
    },
  },
  { name: "transparency", path: "/transparency", ready: visible((p) => p.getByTestId("agency-stats")) },
  { name: "services", path: "/services", wallet: true, ready: visible((p) => p.getByTestId("service")) },
  { name: "claims", path: "/claims", wallet: true, ready: visible((p) => p.getByTestId("claim")) },
  { name: "requests", path: "/requests", wallet: true, ready: visible((p) => p.getByTestId("request-row")) },
  {
    name: "new-request",
    path: "/requests/new?service=1",
    wallet: true,
    ready: visible((p) => p.getByTestId("summary")),
  },
  // Request 4 is Siti's NeedsInfo request (scripts/lib/seed.ts): the page with the most to show.
  { name: "request", path: "/requests/4", wallet: true, ready: visible((p) => p.getByTestId("request-status")) },
  // The console, each part as the role that may use it.
  ...(
    [
      ["console", "/console", "officer-disdukcapil", "console-nav"],
      ["console-queue", "/console/queue", "officer-disdukcapil", "queue-row"],
      ["console-request", "/console/requests/1", "officer-disdukcapil", "set-status-NeedsInfo"],
      ["console-attest", "/console/attest", "officer-disdukcapil", "attest-subject"],
      ["console-documents", "/console/documents", "officer-disdukcapil", "issue-submit"],
      ["console-agency", "/console/agency", "admin-disdukcapil", "service-row"],
      ["console-governor", "/console/governor", "governor", "agency-row"],
    ] as const
  ).map(([name, path, role, testId]) => ({
    name,
    path,
    wallet: true,
    role,
    ready: visible((p) => p.getByTestId(testId)),
  })),
  // What a citizen's wallet sees there: no controls.
  { name: "console-citizen", path: "/console/queue", wallet: true, ready: visible((p) => p.getByTestId("no-role")) },
];

/** Opens an app page (connecting the wallet on citizen pages) and waits until it shows its content. */
export async function openPage(page: Page, wallet: TestWallet, appPage: AppPage): Promise<void> {
  if (appPage.role) await wallet.switchAccount(appPage.role);
  await page.goto(appPage.path);
  if (appPage.wallet) await connectWallet(page, wallet);
  await appPage.ready(page);
}
