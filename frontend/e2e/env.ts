/**
 * What scripts/e2e.ts hands the browser tests: the dApp's URL, the chain's RPC, the folder where
 * the seed wrote the demo accounts and documents, and the deployment manifest.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Run the browser tests through the runner, which starts a chain and the dApp: npx tsx scripts/e2e.ts`,
    );
  }
  return value;
}

export const env = {
  baseUrl: required("LAYANAN_E2E_BASE_URL"),
  rpcUrl: required("LAYANAN_E2E_RPC_URL"),
  localDir: required("LAYANAN_E2E_LOCAL_DIR"),
  manifest: required("LAYANAN_E2E_MANIFEST"),
};

interface DemoAccount {
  role: string;
  label: string;
  address: `0x${string}`;
  privateKey: `0x${string}`;
}

let accounts: DemoAccount[] | undefined;

/** A demo account written by the seed (Hardhat's public development keys, chain 31337 only). */
export function demoAccount(role: string): DemoAccount {
  accounts ??= (
    JSON.parse(readFileSync(path.join(env.localDir, "demo-accounts.json"), "utf8")) as { accounts: DemoAccount[] }
  ).accounts;
  const account = accounts.find((a) => a.role === role);
  if (!account) throw new Error(`No demo account "${role}" in ${env.localDir}/demo-accounts.json`);
  return account;
}

/** The seeded document files (scripts/lib/seed.ts) and their receipts. */
const documents = () => path.join(env.localDir, "documents");
export const docs = {
  /** A member of the issued batch: valid with its receipt. */
  get valid() {
    return path.join(documents(), "akta-kelahiran-batch", "akta-kelahiran-001.txt");
  },
  /** The batch member the seed revoked (SALAH_CETAK). */
  get revoked() {
    return path.join(documents(), "akta-kelahiran-batch", "akta-kelahiran-005.txt");
  },
  /** A singly issued document (valid for a year, no receipt needed). */
  get single() {
    return path.join(documents(), "surat-keterangan-domisili.txt");
  },
  /** A file that was never issued. */
  get unknown() {
    return path.join(documents(), "unissued", "akta-kelahiran-palsu.txt");
  },
  receipt: (file: string) => `${file}.receipt.json`,
};

/** Addresses of the deployment under test. */
export function addresses(): { serviceRequests: `0x${string}`; documentRegistry: `0x${string}` } {
  const manifest = JSON.parse(readFileSync(env.manifest, "utf8")) as {
    contracts: Record<string, { address: `0x${string}` }>;
  };
  return {
    serviceRequests: manifest.contracts.ServiceRequests.address,
    documentRegistry: manifest.contracts.DocumentRegistry.address,
  };
}
