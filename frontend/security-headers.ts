/**
 * The security headers every page of the dApp is served with (next.config.ts, `headers()`).
 *
 * - Content-Security-Policy: scripts, styles, fonts, images and workers from the dApp itself only;
 *   `connect-src` names 'self' and the origins of the chain's RPC and of the configured extra
 *   services (later the bundler, the sponsor and the indexer), nothing else and no wildcard;
 *   `frame-ancestors 'none'`: the console must never be framed (clickjacking).
 * - X-Frame-Options: DENY, the same for browsers that predate frame-ancestors.
 * - Referrer-Policy: no-referrer: a shared verification link carries a document's fingerprint and
 *   proof in its query, which must not leak to another site through the Referer header.
 * - X-Content-Type-Options: nosniff.
 * - Permissions-Policy: the camera for this origin only (a QR scan may come later), no microphone,
 *   no geolocation.
 *
 * A pure function of its arguments, so that it can be tested without a server.
 */

export interface SecurityHeaderOptions {
  /** The chain's JSON-RPC URL the pages talk to (NEXT_PUBLIC_RPC_URL). Only its origin is named. */
  rpcUrl: string;
  /** Further URLs the pages may connect to (bundler, sponsor, indexer): only their origins are named. */
  extraConnect?: readonly string[];
  /** `next dev`: also what the dev server needs (HMR over WebSocket, eval for React refresh). */
  dev?: boolean;
}

export interface Header {
  key: string;
  value: string;
}

const CONNECT_SCHEMES = new Set(["http:", "https:", "ws:", "wss:"]);

/**
 * The origin (scheme://host[:port]) of a URL the pages connect to. Anything else (a wildcard, a
 * bare host, another scheme) is a configuration mistake and stops the build rather than silently
 * widening or breaking the policy.
 */
export function connectOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`Not a URL for the Content-Security-Policy's connect-src: "${url}"`);
  }
  if (!CONNECT_SCHEMES.has(parsed.protocol) || parsed.hostname === "" || parsed.hostname.includes("*")) {
    throw new Error(`connect-src takes http(s) or ws(s) URLs of one host, not "${url}"`);
  }
  // URL.origin drops a default port (https://host:443 is https://host), which CSP matches the same.
  return parsed.origin;
}

/** A comma-separated list of URLs (an environment variable such as LAYANAN_CONNECT_SRC); blanks are ignored. */
export function parseUrlList(list: string | undefined): string[] {
  return (list ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** The Content-Security-Policy's directives, in order. */
export function contentSecurityPolicy({ rpcUrl, extraConnect = [], dev = false }: SecurityHeaderOptions): string {
  const connect = new Set(["'self'", connectOrigin(rpcUrl), ...extraConnect.map(connectOrigin)]);
  if (dev) {
    // Next's dev server pushes hot updates over a WebSocket on its own origin (its port is only
    // known once `next dev` runs; not every browser lets 'self' cover ws:).
    connect.add("ws://localhost:*");
    connect.add("ws://127.0.0.1:*");
  }
  const directives: [string, string[]][] = [
    ["default-src", ["'self'"]],
    // 'unsafe-inline': the App Router streams its data to the page in inline <script> tags, whose
    // content changes with every response (a nonce would make every page dynamic). No script comes
    // from anywhere else. 'unsafe-eval' only in development: React refresh and Next's dev overlay
    // evaluate code; the production build does not.
    ["script-src", ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])]],
    // React's style={{…}} attributes and the charts' inline styles.
    ["style-src", ["'self'", "'unsafe-inline'"]],
    // data: for the wallets' EIP-6963 icons, blob: for files made on the device.
    ["img-src", ["'self'", "data:", "blob:"]],
    ["font-src", ["'self'"]],
    ["connect-src", [...connect]],
    ["worker-src", ["'self'", "blob:"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'self'"]],
    ["form-action", ["'self'"]],
    ["frame-ancestors", ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ");
}

/** Every security header, as Next's `headers()` takes them. */
export function securityHeaders(options: SecurityHeaderOptions): Header[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "no-referrer" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=()" },
  ];
}
