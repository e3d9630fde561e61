/**
 * Console helpers: open a console page as a demo role (the test wallet switches to that role's
 * development key before connecting).
 */
import type { Page } from "@playwright/test";
import { connectWallet, expect } from "./fixtures";
import type { TestWallet } from "./wallet";

/** Opens `path` with the wallet connected as `role` (e.g. "officer-disdukcapil", "governor"). */
export async function openAs(page: Page, wallet: TestWallet, role: string, path: string): Promise<void> {
  await wallet.switchAccount(role);
  await page.goto(path);
  await connectWallet(page, wallet);
}

/** Waits for a write's status line to reach "confirmed" (a failed write fails the test with its message). */
export async function confirmed(page: Page): Promise<void> {
  const status = page.getByTestId("tx-status").last();
  await expect(status).toHaveAttribute("data-phase", /confirmed|failed/, { timeout: 20_000 });
  const phase = await status.getAttribute("data-phase");
  if (phase === "failed") throw new Error(`The write failed: ${await status.innerText()}`);
}
