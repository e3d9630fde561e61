/**
 * The agency admin's page (/console/agency) and the governor's page (/console/governor: agencies,
 * claim types and document types with their trusted agencies). The
 * seeded chain (scripts/lib/seed.ts) is shared by every spec file, so these tests only add things
 * with unique codes (Date.now()) and fresh wallets, and change only what they added: the seeded
 * agencies 1-3 stay active and their seeded officers stay in place.
 */
import type { Locator, Page } from "@playwright/test";
import { keccak256, stringToBytes } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { confirmed, openAs } from "./console";
import { demoAccount } from "./env";
import { connectWallet, expect, test } from "./fixtures";
import type { TestWallet } from "./wallet";

const ADMIN = "admin-dpmptsp";
const GOVERNOR = "governor";

/** An address no agency knows (never funded: it only has to be named). */
const freshAddress = () => privateKeyToAccount(generatePrivateKey()).address;

/**
 * Clicks a write's button and waits for its receipt: first until the wallet sent a new
 * transaction (or the write failed), so an earlier write's "confirmed" line is never taken for
 * this one's; a failed write fails the test with its decoded sentence.
 */
async function write(page: Page, wallet: TestWallet, button: Locator): Promise<void> {
  const before = wallet.sent.length;
  await expect(button).toBeEnabled();
  await button.click();
  const failed = page.locator('[data-testid="tx-status"][data-phase="failed"]');
  await expect
    .poll(async () => wallet.sent.length > before || (await failed.count()) > 0, { timeout: 20_000 })
    .toBe(true);
  await confirmed(page);
}

const officerRow = (page: Page, address: string) =>
  page.locator(`[data-testid="officer-row"][data-address="${address.toLowerCase()}"]`);

test("an agency admin adds an officer and removes it, adds a service, switches it off and on; a citizen sees it in the catalogue", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  const seededOfficer = demoAccount("officer-dpmptsp").address;
  await openAs(page, wallet, ADMIN, "/console/agency");
  await expect(page.getByTestId("agency-name")).toHaveText(/Penanaman Modal/, { timeout: 15_000 });
  await expect(page.getByTestId("agency-summary")).toHaveAttribute("data-active", "true");
  await expect(page.getByTestId("agency-summary")).toContainText("DPMPTSP");
  await expect(officerRow(page, seededOfficer)).toBeVisible();
  const officersBefore = await page.getByTestId("officer-row").count();

  // A wrong address is explained and sends nothing.
  const input = page.getByTestId("officer-address");
  await input.fill("0x12345");
  await expect(page.getByTestId("officer-address-error")).toBeVisible();
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const sentBefore = wallet.sent.length;
  await page.getByTestId("add-officer").click();
  await expect(page.getByTestId("tx-status")).toHaveCount(0);
  expect(wallet.sent.length).toBe(sentBefore);

  // A fresh officer: added, listed, removed.
  const officer = freshAddress();
  await input.fill(officer);
  await expect(page.getByTestId("officer-address-error")).toHaveCount(0);
  await write(page, wallet, page.getByTestId("add-officer"));
  await expect(officerRow(page, officer)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("officer-row")).toHaveCount(officersBefore + 1);
  await expect(input).toHaveValue("");
  await write(page, wallet, officerRow(page, officer).getByTestId("remove-officer"));
  await expect(officerRow(page, officer)).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByTestId("officer-row")).toHaveCount(officersBefore);
  await expect(officerRow(page, seededOfficer)).toBeVisible();

  // A new service, open to any wallet (no level then), five days.
  const stamp = Date.now();
  const code = `E2E_${stamp}`;
  const name = `Izin uji e2e ${stamp}`;
  await page.getByTestId("service-code").fill(code);
  await page.getByTestId("service-name").fill(name);
  await page.getByTestId("service-sla-days").fill("0");
  await expect(page.getByText("Isi jumlah hari dengan angka bulat dari 1 sampai 366.")).toBeVisible();
  await page.getByTestId("service-sla-days").fill("5");
  // A claim asks for a level; "open to any wallet" does not.
  const claim = page.getByTestId("service-claim");
  const level = page.getByTestId("service-level");
  await expect(claim).toHaveValue(/^0x0{64}$/);
  await expect(level).toBeDisabled();
  await claim.selectOption({ label: "KTP-el terverifikasi oleh Disdukcapil" });
  await expect(level).toBeEnabled();
  await claim.selectOption({ index: 0 });
  await expect(level).toBeDisabled();
  await write(page, wallet, page.getByTestId("add-service"));

  const row = page.getByTestId("service-row").filter({ hasText: name });
  await expect(row).toHaveAttribute("data-active", "true", { timeout: 15_000 });
  await expect(row).toContainText(code);
  await expect(row).toContainText("5 hari");
  await expect(row).toContainText("Terbuka untuk semua dompet");
  const serviceId = await row.getAttribute("data-service-id");
  expect(Number(serviceId)).toBeGreaterThan(5);
  await expect(page.getByTestId("service-code")).toHaveValue("");

  await write(page, wallet, row.getByTestId("service-toggle"));
  await expect(row).toHaveAttribute("data-active", "false", { timeout: 15_000 });
  await write(page, wallet, row.getByTestId("service-toggle"));
  await expect(row).toHaveAttribute("data-active", "true", { timeout: 15_000 });

  // A citizen with no claims finds it in the catalogue, open to apply.
  await openAs(page, wallet, "citizen-andi", "/services");
  const card = page.locator(`[data-testid="service"][data-service-id="${serviceId}"]`);
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(card).toContainText(name);
  await expect(card).toHaveAttribute("data-active", "true");
  await expect(card).toHaveAttribute("data-eligible", "true");
});

test("the governor registers an agency, suspends and reactivates it, changes its admin; registers a claim type and trusts the agency for it, then stops", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const code = `E2E_AG_${stamp}`;
  const name = `Dinas Uji E2E ${stamp}`;
  const admin = freshAddress();
  const nextAdmin = freshAddress();

  await openAs(page, wallet, GOVERNOR, "/console/governor");
  await expect(page.getByTestId("agency-row").first()).toBeVisible({ timeout: 15_000 });
  const agenciesBefore = await page.getByTestId("agency-row").count();
  await page.getByTestId("agency-code").fill(code);
  await page.getByTestId("agency-name").fill(name);
  await page.getByTestId("agency-admin").fill(admin);
  await write(page, wallet, page.getByTestId("register-agency"));

  const row = page.getByTestId("agency-row").filter({ hasText: code });
  await expect(row).toHaveAttribute("data-active", "true", { timeout: 15_000 });
  await expect(page.getByTestId("agency-row")).toHaveCount(agenciesBefore + 1);
  await expect(row).toContainText(name);
  await expect(row.getByTestId("agency-admin-address")).toHaveText(new RegExp(`^${admin}$`, "i"));
  const agencyId = (await row.getAttribute("data-agency-id"))!;
  expect(Number(agencyId)).toBe(agenciesBefore + 1);

  await write(page, wallet, row.getByTestId("agency-toggle"));
  await expect(row).toHaveAttribute("data-active", "false", { timeout: 15_000 });
  await write(page, wallet, row.getByTestId("agency-toggle"));
  await expect(row).toHaveAttribute("data-active", "true", { timeout: 15_000 });

  await row.getByTestId("agency-admin-input").fill(nextAdmin);
  await write(page, wallet, row.getByTestId("agency-admin-save"));
  await expect(row.getByTestId("agency-admin-address")).toHaveText(new RegExp(`^${nextAdmin}$`, "i"), {
    timeout: 15_000,
  });

  // A claim type: its id is keccak256 of the name.
  const claimName = `E2E_KLAIM_${stamp}`;
  const claimId = keccak256(stringToBytes(claimName));
  await page.getByTestId("claim-name").fill("bukan huruf besar");
  await expect(page.getByText(/Nama jenis klaim hanya boleh huruf besar/)).toBeVisible();
  await page.getByTestId("claim-name").fill(claimName);
  await expect(page.getByTestId("claim-id-preview")).toContainText(claimId.slice(0, 10));
  await page.getByTestId("claim-description").fill(`Klaim uji e2e ${stamp}`);
  await write(page, wallet, page.getByTestId("register-claim"));
  const claimRow = page.locator(`[data-testid="claim-type"][data-claim="${claimId}"]`);
  await expect(claimRow).toContainText(`Klaim uji e2e ${stamp}`, { timeout: 15_000 });
  await expect(claimRow.getByTestId("no-trusted-issuer")).toBeVisible();

  // Trust the new agency for it, then stop.
  const trusted = page.locator(`[data-testid="trusted-issuer"][data-claim="${claimId}"][data-agency-id="${agencyId}"]`);
  await page.getByTestId("trust-claim").selectOption(claimId);
  await page.getByTestId("trust-agency").selectOption(agencyId);
  await expect(page.getByTestId("trust-state")).toHaveAttribute("data-trusted", "false");
  await expect(page.getByTestId("trust-unset")).toBeDisabled();
  await write(page, wallet, page.getByTestId("trust-set"));
  await expect(trusted).toBeVisible({ timeout: 15_000 });
  await expect(trusted).toContainText(name);
  await expect(page.getByTestId("trust-state")).toHaveAttribute("data-trusted", "true");
  await write(page, wallet, page.getByTestId("trust-unset"));
  await expect(trusted).toHaveCount(0, { timeout: 15_000 });
  await expect(claimRow.getByTestId("no-trusted-issuer")).toBeVisible();
  // The seeded trust is untouched: Disdukcapil (1) still issues the resident claim.
  await expect(page.locator('[data-testid="trusted-issuer"][data-agency-id="1"]').first()).toBeVisible();
});

test("the governor registers a document type and trusts an agency for it: its officers may then issue it; untrusted, it is no longer offered", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const typeName = `E2E_DOKUMEN_${stamp}`;
  const typeId = keccak256(stringToBytes(typeName));
  const description = `Dokumen uji e2e ${stamp}`;

  await openAs(page, wallet, GOVERNOR, "/console/governor");
  // The seeded types, each with its trusted agency: birth certificates by Disdukcapil (1).
  const akta = page.locator(`[data-testid="doc-type"][data-doc-type="${keccak256(stringToBytes("AKTA_KELAHIRAN"))}"]`);
  await expect(akta).toContainText("Akta kelahiran", { timeout: 15_000 });
  await expect(akta.locator('[data-testid="doc-trusted-issuer"][data-agency-id="1"]')).toBeVisible();

  // The name is UPPER_SNAKE_CASE, hashed into the type's code (shown before sending).
  await page.getByTestId("doc-type-name").fill("akta baru");
  await expect(page.getByText(/Nama jenis dokumen hanya boleh huruf besar/)).toBeVisible();
  await page.getByTestId("doc-type-name").fill(typeName);
  await expect(page.getByTestId("doc-type-id-preview")).toContainText(typeId.slice(0, 10));
  await page.getByTestId("doc-type-description").fill(description);
  await write(page, wallet, page.getByTestId("register-doc-type"));
  const row = page.locator(`[data-testid="doc-type"][data-doc-type="${typeId}"]`);
  await expect(row).toContainText(description, { timeout: 15_000 });
  await expect(row.getByTestId("doc-no-trusted-issuer")).toBeVisible();

  // The same name again: the registry refuses it, in words.
  const sentBefore = wallet.sent.length;
  await page.getByTestId("doc-type-name").fill(typeName);
  await page.getByTestId("doc-type-description").fill(description);
  await page.getByTestId("register-doc-type").click();
  await expect(page.locator('[role="alert"][data-error="DocumentsTypeExists"]')).toHaveText(
    "Jenis dokumen ini sudah terdaftar.",
  );
  expect(wallet.sent.length, "the simulation failed, so nothing was sent").toBe(sentBefore);

  // Trust DPMPTSP (2) for it.
  await page.getByTestId("doc-trust-type").selectOption(typeId);
  await page.getByTestId("doc-trust-agency").selectOption("2");
  await expect(page.getByTestId("doc-trust-state")).toHaveAttribute("data-trusted", "false");
  await expect(page.getByTestId("doc-trust-unset")).toBeDisabled();
  await write(page, wallet, page.getByTestId("doc-trust-set"));
  const trusted = row.locator('[data-testid="doc-trusted-issuer"][data-agency-id="2"]');
  await expect(trusted).toBeVisible({ timeout: 15_000 });
  await expect(trusted).toContainText("DPMPTSP");
  await expect(page.getByTestId("doc-trust-state")).toHaveAttribute("data-trusted", "true");

  // DPMPTSP's officer now finds it in the issue form, after the business permit.
  const officerTypes = page.getByTestId("issue-doc-type").locator("option");
  await openAs(page, wallet, "officer-dpmptsp", "/console/documents");
  await expect(officerTypes).toHaveText(["Izin usaha", description], { timeout: 15_000 });

  // Untrusted again: no longer offered.
  await openAs(page, wallet, GOVERNOR, "/console/governor");
  await page.getByTestId("doc-trust-type").selectOption(typeId);
  await page.getByTestId("doc-trust-agency").selectOption("2");
  await expect(page.getByTestId("doc-trust-state")).toHaveAttribute("data-trusted", "true", { timeout: 15_000 });
  await write(page, wallet, page.getByTestId("doc-trust-unset"));
  await expect(trusted).toHaveCount(0, { timeout: 15_000 });
  await expect(row.getByTestId("doc-no-trusted-issuer")).toBeVisible();
  await openAs(page, wallet, "officer-dpmptsp", "/console/documents");
  await expect(officerTypes).toHaveText(["Izin usaha"], { timeout: 15_000 });
});

test("two agencies attest the same claim: each agency's is current; once one agency is no longer trusted, the citizen reads why its claim stopped counting", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const claimName = `E2E_DUA_INSTANSI_${stamp}`;
  const claimId = keccak256(stringToBytes(claimName));
  const citizenKey = generatePrivateKey();
  const citizen = privateKeyToAccount(citizenKey).address;

  // A fresh claim type, trusted for Disdukcapil (1) and DPMPTSP (2).
  await openAs(page, wallet, GOVERNOR, "/console/governor");
  await page.getByTestId("claim-name").fill(claimName);
  await page.getByTestId("claim-description").fill(`Klaim dua instansi ${stamp}`);
  await write(page, wallet, page.getByTestId("register-claim"));
  await expect(page.locator(`[data-testid="claim-type"][data-claim="${claimId}"]`)).toBeVisible({ timeout: 15_000 });
  for (const agencyId of ["1", "2"]) {
    await page.getByTestId("trust-claim").selectOption(claimId);
    await page.getByTestId("trust-agency").selectOption(agencyId);
    await expect(page.getByTestId("trust-state")).toHaveAttribute("data-trusted", "false", { timeout: 15_000 });
    await write(page, wallet, page.getByTestId("trust-set"));
    await expect(
      page.locator(`[data-testid="trusted-issuer"][data-claim="${claimId}"][data-agency-id="${agencyId}"]`),
    ).toBeVisible({ timeout: 15_000 });
  }

  // Each agency's officer attests the same wallet.
  for (const [officer, level] of [
    ["officer-disdukcapil", "2"],
    ["officer-dpmptsp", "1"],
  ] as const) {
    await openAs(page, wallet, officer, "/console/attest");
    await page.getByTestId("attest-subject").fill(citizen);
    await page.getByTestId("attest-claim").selectOption(claimId);
    await page.getByTestId("attest-level").selectOption(level);
    await page.getByTestId("attest-nik").fill("3273099901010002");
    await page.getByTestId("attest-submit").click();
    await confirmed(page);
    await expect(page.getByTestId("attest-receipt")).toBeVisible();
  }

  // The citizen: two current claims, one per agency, both valid.
  await wallet.switchToNewAccount(citizenKey);
  await page.goto("/claims");
  await connectWallet(page, wallet);
  const section = page.locator(`[data-testid="claim-type"][data-claim-type="${claimId}"]`);
  const cards = section.getByTestId("claim");
  await expect(cards).toHaveCount(2, { timeout: 15_000 });
  await expect(section.locator('[data-testid="claim"][data-current="true"][data-status="valid"]')).toHaveCount(2);
  await expect(section.getByTestId("claim-several-agencies")).toBeVisible();
  await expect(cards.filter({ hasText: "Dinas Kependudukan" })).toContainText("Klaim terkini dari Dinas Kependudukan");
  await expect(cards.filter({ hasText: "Penanaman Modal" })).toContainText("Klaim terkini dari Dinas Penanaman Modal");

  // Disdukcapil is no longer trusted for it: its claim stops counting, and says why; DPMPTSP's stands.
  await openAs(page, wallet, GOVERNOR, "/console/governor");
  await page.getByTestId("trust-claim").selectOption(claimId);
  await page.getByTestId("trust-agency").selectOption("1");
  await expect(page.getByTestId("trust-state")).toHaveAttribute("data-trusted", "true", { timeout: 15_000 });
  await write(page, wallet, page.getByTestId("trust-unset"));
  await expect(page.locator(`[data-testid="trusted-issuer"][data-claim="${claimId}"][data-agency-id="1"]`)).toHaveCount(
    0,
    { timeout: 15_000 },
  );

  await wallet.switchToNewAccount(citizenKey);
  await page.goto("/claims");
  await connectWallet(page, wallet);
  const untrusted = section.locator('[data-testid="claim"][data-status="untrusted"]');
  await expect(untrusted).toHaveCount(1, { timeout: 15_000 });
  await expect(untrusted).toContainText("Dinas Kependudukan");
  await expect(untrusted).toContainText("tidak lagi dipercaya");
  await expect(section.locator('[data-testid="claim"][data-status="valid"]')).toContainText("Penanaman Modal");
  await page.goto("/en/claims");
  await expect(untrusted).toContainText("no longer trusted", { timeout: 15_000 });
});

test("the contract refuses a taken agency code: the decoded error in both languages, nothing is sent or added", async ({
  page,
  wallet,
}) => {
  const cases = [
    { locale: "id", path: "/console/governor", sentence: "Kode instansi sudah dipakai oleh instansi 1." },
    { locale: "en", path: "/en/console/governor", sentence: "This agency code is already used by agency 1." },
  ];
  for (const { locale, path, sentence } of cases) {
    await openAs(page, wallet, GOVERNOR, path);
    await expect(page.getByTestId("agency-row").first()).toBeVisible({ timeout: 15_000 });
    const agencies = await page.getByTestId("agency-row").count();
    const sentBefore = wallet.sent.length;
    await page.getByTestId("agency-code").fill("DISDUKCAPIL");
    await page.getByTestId("agency-name").fill("Dinas Kependudukan kedua");
    await page.getByTestId("agency-admin").fill(freshAddress());
    await page.getByTestId("register-agency").click();
    await expect(page.getByTestId("tx-status"), locale).toHaveAttribute("data-phase", "failed", { timeout: 15_000 });
    await expect(page.locator('[role="alert"][data-error="AgencyDirectoryCodeTaken"]'), locale).toHaveText(sentence);
    expect(wallet.sent.length, "the simulation failed, so nothing was sent").toBe(sentBefore);
    // The form keeps what was typed, to correct it; the list is unchanged after a fresh read.
    await expect(page.getByTestId("agency-code")).toHaveValue("DISDUKCAPIL");
    await page.reload();
    await expect(page.getByTestId("agency-row").first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("agency-row")).toHaveCount(agencies);
  }
});

test("an officer sees neither admin page; an agency admin does not see the governor's page", async ({
  page,
  wallet,
}) => {
  for (const path of ["/console/agency", "/console/governor"]) {
    await openAs(page, wallet, "officer-dpmptsp", path);
    await expect(page.getByTestId("no-role"), path).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("console-nav-agency"), path).toHaveCount(0);
    await expect(page.getByTestId("console-nav-governor"), path).toHaveCount(0);
    await expect(page.getByTestId("add-officer"), path).toHaveCount(0);
    await expect(page.getByTestId("add-service"), path).toHaveCount(0);
    await expect(page.getByTestId("register-agency"), path).toHaveCount(0);
    await expect(page.getByTestId("agency-row"), path).toHaveCount(0);
  }

  await openAs(page, wallet, ADMIN, "/console/governor");
  await expect(page.getByTestId("no-role")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("console-nav-agency")).toBeVisible();
  await expect(page.getByTestId("console-nav-governor")).toHaveCount(0);
  await expect(page.getByTestId("register-agency")).toHaveCount(0);
  await expect(page.getByTestId("agency-toggle")).toHaveCount(0);
  await expect(page.getByTestId("register-claim")).toHaveCount(0);
  await expect(page.getByTestId("register-doc-type")).toHaveCount(0);

  // The admin's own page works, from the console's menu.
  await page.getByTestId("console-nav-agency").click();
  await expect(page).toHaveURL(/\/console\/agency$/);
  await expect(page.getByTestId("officer-row").first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("no-role")).toHaveCount(0);
});
