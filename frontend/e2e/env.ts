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
  /** The RPC the dApp uses: a capping proxy in front of the node (2,000 blocks, 10,000 results per eth_getLogs). */
  rpcUrl: required("LAYANAN_E2E_RPC_URL"),
  /** The node itself, without the cap (the runner's and the tests' own setup calls). */
  nodeUrl: required("LAYANAN_E2E_NODE_URL"),
  indexerUrl: required("LAYANAN_E2E_INDEXER_URL"),
  /** The ERC-4337 bundler (Alto) the passkey accounts send through: the manifest's services.bundler. */
  bundlerUrl: required("LAYANAN_E2E_BUNDLER_URL"),
  /** False in the round that proves the fallback: the indexer is stopped. */
  indexerUp: process.env.LAYANAN_E2E_INDEXER_UP !== "0",
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

/**
 * The seeded document files (scripts/lib/seed.ts), each with its receipt and QR code beside it: a
 * batch of five salted birth certificates (AKTA_KELAHIRAN, one revoked), one public letter issued
 * singly (SURAT_DOMISILI), and a file never issued.
 */
const documents = () => path.join(env.localDir, "documents");
export const docs = {
  /** A member of the issued batch (personal data, salted): valid with its receipt or its QR code's link. */
  get valid() {
    return path.join(documents(), "akta-kelahiran-batch", "akta-kelahiran-001.txt");
  },
  /** The batch member the seed revoked (SALAH_CETAK). */
  get revoked() {
    return path.join(documents(), "akta-kelahiran-batch", "akta-kelahiran-005.txt");
  },
  /** A public document issued singly (valid for a year; the file alone verifies). */
  get single() {
    return path.join(documents(), "surat-keterangan-domisili.txt");
  },
  /** A file that was never issued. */
  get unknown() {
    return path.join(documents(), "unissued", "akta-kelahiran-palsu.txt");
  },
  receipt: (file: string) => `${file}.receipt.json`,
  qr: (file: string) => `${file}.qr.svg`,
  /**
   * The path and query of the link a document's receipt (and its QR code) carries, to open on the
   * dApp under test (the seed writes the link for the developer's dApp URL).
   */
  linkPath(file: string): string {
    const receipt = JSON.parse(readFileSync(docs.receipt(file), "utf8")) as { link?: string };
    if (!receipt.link) throw new Error(`${docs.receipt(file)} has no link`);
    return localPath(receipt.link);
  },
};

/** A dApp URL (e.g. a receipt's link, made for another host) as a path and query on the dApp under test. */
export function localPath(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

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
