import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { parseUrlList, securityHeaders } from "./security-headers.ts";
import { readFileSync } from "node:fs";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

/**
 * The origins the pages may connect to (the Content-Security-Policy's connect-src, see
 * security-headers.ts): the chain's RPC (the same default as src/lib/chain.ts) and
 * LAYANAN_CONNECT_SRC, a comma-separated list of further URLs, e.g. the bundler, the sponsor and
 * the indexer once the dApp uses them ("https://bundler.example,https://indexer.example"). Only
 * their origins are named. Both are read when the dApp is built (like NEXT_PUBLIC_RPC_URL, which
 * the build inlines): set them for `next build`.
 */
const RPC_URL = process.env.NEXT_PUBLIC_RPC_URL ?? "http://127.0.0.1:8545";
/**
 * The indexer's URL as src/lib/services.ts gives it to the pages (NEXT_PUBLIC_INDEXER_URL, else the
 * manifest's services.indexer), read here from the environment and the manifest file itself: the
 * config must load even where the generated deployment module is absent (`next start` after the
 * end-to-end runner put the developer's files back).
 */
function indexerUrl(): string | null {
  const fromEnv = process.env.NEXT_PUBLIC_INDEXER_URL;
  if (fromEnv !== undefined) return fromEnv.trim() || null;
  const dir = process.env.LAYANAN_DEPLOYMENTS_DIR ?? path.resolve(import.meta.dirname, "..", "deployments");
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(dir, `${process.env.LAYANAN_NETWORK ?? "localhost"}.json`), "utf8"),
    ) as { services?: { indexer?: string } };
    return manifest.services?.indexer ?? null;
  } catch {
    return null;
  }
}
const INDEXER_URL = indexerUrl();

/** The ERC-4337 bundler the passkey accounts send through (the manifest's services.bundler), or null. */
function bundlerUrl(): string | null {
  const dir = process.env.LAYANAN_DEPLOYMENTS_DIR ?? path.resolve(import.meta.dirname, "..", "deployments");
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(dir, `${process.env.LAYANAN_NETWORK ?? "localhost"}.json`), "utf8"),
    ) as { services?: { bundler?: string | null } };
    return manifest.services?.bundler ?? null;
  } catch {
    return null;
  }
}
const BUNDLER_URL = bundlerUrl();

// The indexer and the bundler are always allowed (the sponsor is the dApp's own /api/sponsor).
const EXTRA_CONNECT = [
  ...parseUrlList(process.env.LAYANAN_CONNECT_SRC),
  ...(INDEXER_URL ? [INDEXER_URL] : []),
  ...(BUNDLER_URL ? [BUNDLER_URL] : []),
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // One npm workspace: dependencies are hoisted to the repository root.
  turbopack: { root: path.resolve(import.meta.dirname, "..") },
  outputFileTracingRoot: path.resolve(import.meta.dirname, ".."),
  poweredByHeader: false,
  // `next dev` serves its scripts and hot reload only to these hosts: the dApp works opened at
  // 127.0.0.1 as well as at localhost.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  // Separate build folders let several builds coexist (e.g. the end-to-end tests' own build).
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({
          rpcUrl: RPC_URL,
          extraConnect: EXTRA_CONNECT,
          dev: process.env.NODE_ENV !== "production",
        }),
      },
    ];
  },
};

export default withNextIntl(nextConfig);
