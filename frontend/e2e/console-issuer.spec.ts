/**
 * The officer as issuer: attesting a citizen's wallet (personal data hashed in the browser, only
 * the commitment on chain, the receipt downloaded and printable) and issuing and revoking documents
 * of a type the agency is trusted for (three personal documents as a Merkle batch with salted
 * anchors, one public document singly; a receipt, share link and QR code per file, checked on
 * /verify). Each test makes its own fresh wallet or files, so the seeded data other specs read
 * stays as it was.
 */
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { createPublicClient, http, keccak256, stringToHex, toHex, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { anchorOf, citizenAttestationsAbi, commitment } from "@layanan/core";
import { confirmed, openAs } from "./console";
import { env, localPath } from "./env";
import { connectWallet, expect, SCREENSHOT_DIR, test } from "./fixtures";
import type { TestWallet } from "./wallet";

const OFFICER = "officer-disdukcapil";
const RESIDENT = keccak256(stringToHex("RESIDENT_KOTA_BANDUNG"));
const AKTA_KELAHIRAN = keccak256(stringToHex("AKTA_KELAHIRAN"));
const SURAT_DOMISILI = keccak256(stringToHex("SURAT_DOMISILI"));
const FILES = path.resolve(import.meta.dirname, "..", "test-output", "issuer-files");

const client = createPublicClient({ transport: http(env.rpcUrl) });

function manifestAddress(name: string): `0x${string}` {
  const manifest = JSON.parse(readFileSync(env.manifest, "utf8")) as {
    contracts: Record<string, { address: `0x${string}` }>;
  };
  return manifest.contracts[name].address;
}

const hasResident = (subject: `0x${string}`, level: number) =>
  client.readContract({
    address: manifestAddress("CitizenAttestations"),
    abi: citizenAttestationsAbi,
    functionName: "hasValidClaim",
    args: [subject, RESIDENT, level],
  });

/** Opens `pathname` with the wallet connected as the fresh account `key` (made by switchToNewAccount). */
async function openAsKey(page: Page, wallet: TestWallet, key: Hex, pathname: string) {
  await wallet.switchToNewAccount(key);
  await page.goto(pathname);
  await connectWallet(page, wallet);
}

/** Files with unique content for this run, written where the browser can pick them. */
function makeFiles(prefix: string, count: number): string[] {
  mkdirSync(FILES, { recursive: true });
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(FILES, `${prefix}-${stamp}-${i + 1}.txt`);
    writeFileSync(file, `Surat keterangan ${prefix} nomor ${i + 1}, ${stamp}\n`);
    return file;
  });
}

/** Clicks a download button and saves the file at `target`; returns its parsed JSON. */
async function download(page: Page, click: () => Promise<void>, target: string): Promise<Record<string, unknown>> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  await file.saveAs(target);
  return JSON.parse(readFileSync(target, "utf8")) as Record<string, unknown>;
}

async function verifyStatus(page: Page, file: string, receipt?: string): Promise<string | null> {
  await page.goto("/verify");
  if (receipt) await page.getByTestId("verify-receipt").setInputFiles(receipt);
  await page.getByTestId("verify-file").setInputFiles(file);
  const result = page.getByTestId("verify-result");
  await expect(result).toHaveAttribute("data-status", /Valid|Revoked|Expired|Unknown/, { timeout: 15_000 });
  return result.getAttribute("data-status");
}

test("an officer attests a new wallet; only a commitment goes on chain; the wallet then files to the claim-gated KTP service", async ({
  page,
  wallet,
}) => {
  test.setTimeout(150_000);
  const key = generatePrivateKey();
  const citizen = privateKeyToAccount(key).address;
  const nik = "3273099901010001";
  const name = "Rina Kartika";

  // A brand-new wallet may not use the KTP service (RESIDENT level 2).
  await openAsKey(page, wallet, key, "/requests/new?service=1");
  await expect(page.getByTestId("missing-claim")).toBeVisible({ timeout: 15_000 });
  expect(await hasResident(citizen, 2)).toBe(false);

  // The officer attests it: address, claim type, level, expiry and the personal data.
  await openAs(page, wallet, OFFICER, "/console/attest");
  await page.getByTestId("attest-subject").fill(citizen);
  await page.getByTestId("attest-claim").selectOption(RESIDENT);
  await page.getByTestId("attest-level").selectOption("2");
  await page.getByTestId("attest-expiry").fill("2099-12-31");
  await page.getByTestId("attest-nik").fill("3273 0999 0101 0001");
  await page.getByTestId("attest-name").fill(name);
  await page.getByTestId("attest-birthdate").fill("1994-04-01");
  await page.getByTestId("attest-address").fill("Jl. Braga No. 7, Bandung");
  const sentBefore = wallet.sent.length;
  await page.getByTestId("attest-submit").click();
  await confirmed(page);
  await expect(page.getByTestId("attest-receipt")).toBeVisible();
  await expect(page.getByTestId("attest-receipt-unsaved")).toBeVisible();

  // The receipt: the data, the salt and the uid, which open the commitment recorded on chain.
  const receipt = await download(
    page,
    () => page.getByTestId("attest-receipt-download").click(),
    path.join(FILES, `attest-${citizen}.json`),
  );
  await expect(page.getByTestId("attest-receipt-unsaved")).toHaveCount(0);
  expect(receipt.subject).toBe(citizen);
  expect(receipt.data).toEqual({
    nik,
    name,
    birthDate: "1994-04-01",
    address: "Jl. Braga No. 7, Bandung",
    method: "dokumen",
  });
  const attestation = await client.readContract({
    address: manifestAddress("CitizenAttestations"),
    abi: citizenAttestationsAbi,
    functionName: "getAttestation",
    args: [receipt.uid as Hex],
  });
  expect(attestation.subject).toBe(citizen);
  expect(attestation.level).toBe(2);
  expect(attestation.dataHash).toBe(receipt.dataHash);
  expect(commitment(receipt.salt as Hex, receipt.payload as string)).toBe(attestation.dataHash);
  await expect(page.getByTestId("attest-receipt-uid")).toHaveText(receipt.uid as string);

  // No personal data in the transaction: neither the NIK nor the name, as text or as digits.
  expect(wallet.sent.length).toBe(sentBefore + 1);
  const tx = await client.getTransaction({ hash: wallet.sent.at(-1)! });
  const input = tx.input.toLowerCase();
  for (const secret of [nik, name, "Braga"]) {
    expect(input).not.toContain(toHex(secret).slice(2).toLowerCase());
  }
  expect(input).toContain((receipt.dataHash as string).slice(2).toLowerCase());

  // The printable page: printing shows the receipt and hides the rest of the page.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await page.getByTestId("attest-receipt-print").click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("attest-receipt-sheet")).toBeVisible();
  await expect(page.getByTestId("attest-receipt-nik")).toHaveText(nik);
  await expect(page.getByTestId("console-nav")).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // The attested wallet now files a KTP request.
  expect(await hasResident(citizen, 2)).toBe(true);
  await openAsKey(page, wallet, key, "/requests/new?service=1");
  await page.getByTestId("summary").fill("KTP-el hilang (e2e atestasi)");
  await page.getByTestId("submit-request").click();
  await expect(page).toHaveURL(/\/requests\/\d+(\?|$)/, { timeout: 20_000 });
  await expect(page.getByTestId("request-status")).toHaveAttribute("data-status", "Submitted");

  // The officer finds the wallet's attestation and revokes it; the claim no longer holds.
  await openAs(page, wallet, OFFICER, "/console/attest");
  await page.getByTestId("revoke-subject").fill(citizen);
  const candidate = page.locator(`[data-testid="revoke-candidate"][data-uid="${receipt.uid as string}"]`);
  await candidate.getByRole("button").click();
  await expect(page.getByTestId("revoke-uid")).toHaveValue(receipt.uid as string);
  await page.getByTestId("revoke-reason").selectOption("SALAH_DATA");
  await page.getByTestId("revoke-attestation").click();
  await confirmed(page);
  await expect(page.getByTestId("revoke-none")).toBeVisible({ timeout: 15_000 });
  expect(await hasResident(citizen, 1)).toBe(false);
});

test("the attest form names wrong fields and sends nothing", async ({ page, wallet }) => {
  await openAs(page, wallet, OFFICER, "/console/attest");
  await page.getByTestId("attest-subject").fill("0x1234");
  await page.getByTestId("attest-nik").fill("12345");
  const sentBefore = wallet.sent.length;
  await page.getByTestId("attest-submit").click();
  await expect(page.getByTestId("attest-problems")).toBeVisible();
  await expect(page.getByTestId("attest-subject")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("attest-nik")).toHaveAttribute("aria-invalid", "true");
  expect(wallet.sent.length).toBe(sentBefore);
});

test("an officer issues a batch of three birth certificates with personal data: salted anchors, a receipt, link and QR code each; the file alone is not found, its receipt or link verifies; revoking one leaves the others Valid", async ({
  page,
  wallet,
}) => {
  test.setTimeout(180_000);
  const files = makeFiles("batch", 3);
  await openAs(page, wallet, OFFICER, "/console/documents");
  await page.getByTestId("issue-files").setInputFiles(files);
  // Disdukcapil is trusted for birth certificates and domicile letters; personal data is the default.
  const type = page.getByTestId("issue-doc-type");
  await expect(type.locator("option")).toHaveText(["Akta kelahiran", "Surat keterangan domisili"]);
  await type.selectOption({ label: "Akta kelahiran" });
  await expect(page.getByTestId("issue-personal")).toBeChecked();
  await expect(page.getByTestId("issue-submit")).toBeEnabled({ timeout: 10_000 });
  await expect(page.getByTestId("issue-submit")).toContainText("3");
  await page.getByTestId("issue-submit").click();
  await confirmed(page);
  await expect(page.getByTestId("issue-handover")).toContainText("Cetak kode QR pada dokumen");
  await expect(page.getByTestId("issue-handover")).toContainText("tanda terima");

  // A receipt per file, in the CLI's format, saved beside the file as <file>.receipt.json, and its QR code.
  const rows = page.getByTestId("issue-receipt");
  await expect(rows).toHaveCount(3);
  const roots = new Set<string>();
  const receipts: Record<string, unknown>[] = [];
  for (const file of files) {
    const row = page.locator(`[data-testid="issue-receipt"][data-file="${path.basename(file)}"]`);
    const receipt = await download(
      page,
      () => row.getByTestId("issue-receipt-download").click(),
      `${file}.receipt.json`,
    );
    expect(receipt.version).toBe(2);
    expect(receipt.file).toBe(path.basename(file));
    expect(receipt.docType).toBe(AKTA_KELAHIRAN);
    expect(receipt.salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(receipt.anchor).not.toBe(receipt.fingerprint);
    expect(anchorOf(receipt.fingerprint as Hex, receipt.salt as Hex)).toBe(receipt.anchor);
    expect((receipt.proof as string[]).length).toBeGreaterThan(0);
    expect(receipt.chainId).toBe(31337);
    expect(receipt.agencyId).toBe(1);
    // The share link: this site's /verify, absolute, with the salt; shown and in the QR code.
    expect(receipt.link).toMatch(new RegExp(`^${env.baseUrl}/verify\\?fp=0x[0-9a-f]{64}&salt=0x[0-9a-f]{64}&root=`));
    await expect(row.getByTestId("issue-receipt-link")).toHaveText(receipt.link as string);
    await expect(row.getByTestId("issue-receipt-qr")).toBeVisible();
    const [qr] = await Promise.all([
      page.waitForEvent("download"),
      row.getByTestId("issue-receipt-qr-download").click(),
    ]);
    expect(qr.suggestedFilename()).toBe(`${path.basename(file)}.qr.svg`);
    await qr.saveAs(`${file}.qr.svg`);
    expect(readFileSync(`${file}.qr.svg`, "utf8")).toContain("<svg");
    roots.add(receipt.root as string);
    receipts.push(receipt);
  }
  expect(roots.size).toBe(1);

  // The issued view (receipts, links, QR codes) at a phone's width: a screenshot, and no serious axe finding.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, "console-documents-issued-360x800.png"), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Only salted anchors went on chain: no file's fingerprint is in the transaction.
  const tx = await client.getTransaction({ hash: wallet.sent.at(-1)! });
  for (const receipt of receipts) expect(tx.input).not.toContain((receipt.fingerprint as string).slice(2));

  // The "check" link carries the fingerprint, salt, root and proof: Valid without the file.
  await page
    .locator(`[data-testid="issue-receipt"][data-file="${path.basename(files[0])}"]`)
    .getByTestId("issue-receipt-check")
    .click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 15_000 });
  await expect(page.getByTestId("verify-verdict")).toHaveText(/^Akta kelahiran, diterbitkan oleh Dinas Kependudukan/);

  for (const file of files) expect(await verifyStatus(page, file, `${file}.receipt.json`)).toBe("Valid");

  // The file alone is not found: the page says a personal or batch document needs its receipt or QR code.
  expect(await verifyStatus(page, files[0])).toBe("Unknown");
  await expect(page.getByTestId("verify-needs-receipt")).toContainText("tanda terima");

  // The share link (what the QR code opens) verifies, and the file confirms it.
  await page.goto(localPath(receipts[2].link as string));
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 15_000 });
  await page.getByTestId("verify-file").setInputFiles(files[2]);
  await expect(page.getByTestId("verify-link-confirmed")).toBeVisible();

  // Revoking needs the receipt of a salted document: the file alone is not found.
  await openAs(page, wallet, OFFICER, "/console/documents");
  await page.getByTestId("revoke-doc-file").setInputFiles(files[1]);
  await expect(page.getByTestId("revoke-doc-problem")).toHaveAttribute("data-problem", "notFound");
  await expect(page.getByTestId("revoke-document")).toBeDisabled();
  await page.getByTestId("revoke-doc-receipt").setInputFiles(`${files[1]}.receipt.json`);
  const target = page.getByTestId("revoke-doc-target");
  await expect(target).toHaveAttribute("data-batch", "true");
  await expect(target).toHaveAttribute("data-salted", "true");
  await expect(target).toContainText("Akta kelahiran, diterbitkan oleh Dinas Kependudukan");
  await page.getByTestId("revoke-doc-reason").selectOption("SALAH_CETAK");
  const sentBefore = wallet.sent.length;
  await page.getByTestId("revoke-document").click();
  await confirmed(page);
  // revoke(anchor, root, proof, reason): the salted anchor, not the fingerprint.
  expect(wallet.sent.length).toBe(sentBefore + 1);
  const revokeTx = await client.getTransaction({ hash: wallet.sent.at(-1)! });
  expect(revokeTx.input).toContain((receipts[1].anchor as string).slice(2));

  expect(await verifyStatus(page, files[1], `${files[1]}.receipt.json`)).toBe("Revoked");
  await expect(page.getByTestId("verify-result")).toContainText("Salah cetak");
  expect(await verifyStatus(page, files[0], `${files[0]}.receipt.json`)).toBe("Valid");
  expect(await verifyStatus(page, files[2], `${files[2]}.receipt.json`)).toBe("Valid");
});

test("a public document is issued singly and verifies from its file alone; issuing it again is refused with the contract's reason; it is revoked with its file alone", async ({
  page,
  wallet,
}) => {
  test.setTimeout(150_000);
  const [file] = makeFiles("single", 1);
  await openAs(page, wallet, OFFICER, "/console/documents");
  await page.getByTestId("issue-files").setInputFiles(file);
  await page.getByTestId("issue-doc-type").selectOption({ label: "Surat keterangan domisili" });
  await page.getByTestId("issue-public").check();
  await page.getByTestId("issue-expiry").fill("2099-12-31");
  await page.getByTestId("issue-submit").click();
  await confirmed(page);
  await expect(page.getByTestId("issue-receipt")).toHaveAttribute("data-salted", "false");
  const receipt = await download(
    page,
    () => page.getByTestId("issue-receipt-download").click(),
    `${file}.receipt.json`,
  );
  expect(receipt.salt).toBeNull();
  expect(receipt.anchor).toBe(receipt.fingerprint);
  expect(receipt.docType).toBe(SURAT_DOMISILI);
  expect(receipt.root).toBe(`0x${"0".repeat(64)}`);
  expect(receipt.proof).toEqual([]);
  expect(receipt.link).not.toContain("salt=");
  expect(await verifyStatus(page, file)).toBe("Valid");
  await expect(page.getByTestId("verify-verdict")).toHaveText(
    /^Surat keterangan domisili, diterbitkan oleh Dinas Kependudukan/,
  );

  // The same file again, public: the same anchor, which the registry refuses; the officer reads why.
  await openAs(page, wallet, OFFICER, "/console/documents");
  await page.getByTestId("issue-files").setInputFiles(file);
  await page.getByTestId("issue-public").check();
  await page.getByTestId("issue-submit").click();
  const status = page.getByTestId("tx-status");
  await expect(status).toHaveAttribute("data-phase", "failed", { timeout: 15_000 });
  await expect(status.locator("[data-error]")).toHaveAttribute("data-error", "DocumentsAlreadyIssued");
  await expect(status).toContainText("Dokumen ini sudah pernah diterbitkan.");

  // Two files with the same content cannot be issued together: nothing is sent.
  const [copy] = makeFiles("single", 1);
  writeFileSync(copy, readFileSync(file));
  await page.getByTestId("issue-files").setInputFiles([file, copy]);
  await expect(page.getByTestId("issue-same-content")).toBeVisible();
  await expect(page.getByTestId("issue-submit")).toBeDisabled();

  // A public document issued singly is revoked with its file alone.
  await page.getByTestId("revoke-doc-file").setInputFiles(file);
  const target = page.getByTestId("revoke-doc-target");
  await expect(target).toHaveAttribute("data-batch", "false");
  await expect(target).toHaveAttribute("data-salted", "false");
  await page.getByTestId("revoke-doc-reason").selectOption("DIBATALKAN");
  await page.getByTestId("revoke-document").click();
  await confirmed(page);
  expect(await verifyStatus(page, file)).toBe("Revoked");
  await expect(page.getByTestId("verify-reason")).toContainText("Dibatalkan");

  // Revoking it again: the form says it is already revoked and sends nothing.
  await openAs(page, wallet, OFFICER, "/console/documents");
  await page.getByTestId("revoke-doc-file").setInputFiles(file);
  await expect(page.getByTestId("revoke-doc-problem")).toHaveAttribute("data-problem", "alreadyRevoked");
  await expect(page.getByTestId("revoke-document")).toBeDisabled();
});

test("an officer of an agency trusted for no document type is told so and cannot issue", async ({ page, wallet }) => {
  // PUPR (agency 3) is trusted for no document type in the seed.
  await openAs(page, wallet, "officer-pupr", "/console/documents");
  await expect(page.getByTestId("issue-no-doc-types")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("issue-doc-type")).toHaveCount(0);
  const [file] = makeFiles("pupr", 1);
  await page.getByTestId("issue-files").setInputFiles(file);
  await expect(page.getByTestId("issue-picked")).toBeVisible();
  await expect(page.getByTestId("issue-submit")).toBeDisabled();
});

test("a citizen's wallet sees no attest or issue controls", async ({ page, wallet }) => {
  for (const pathname of ["/console/attest", "/console/documents"]) {
    await openAs(page, wallet, "citizen-siti", pathname);
    await expect(page.getByTestId("no-role")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("attest-submit")).toHaveCount(0);
    await expect(page.getByTestId("issue-submit")).toHaveCount(0);
    await expect(page.getByTestId("revoke-document")).toHaveCount(0);
  }
});
