/**
 * Security headers on every page (frontend/security-headers.ts, served through next.config.ts's
 * `headers()`): a Content-Security-Policy whose connect-src names only the dApp itself, the
 * chain's RPC, the indexer and the bundler, no framing (the console must not be framed: frame-ancestors 'none' and
 * X-Frame-Options), no Referer (shared links carry fingerprints), nosniff, and a Permissions-Policy.
 * The pages run under that policy without a single violation.
 */
import type { ConsoleMessage, Page, Request } from "@playwright/test";
import { connectOrigin, contentSecurityPolicy, parseUrlList, securityHeaders } from "../security-headers";
import { docs, env } from "./env";
import { connectWallet, expect, test } from "./fixtures";

/** Pages of every kind: public, localised, wallet, console, a request. */
const PATHS = ["/", "/verify", "/transparency", "/en/services", "/console", "/requests/1", "/en/console/queue"];

/** The connect-src of the build under test: the dApp, the e2e chain, and whatever the runner's environment added. */
const CONNECT_SRC = [
  "'self'",
  new URL(env.rpcUrl).origin,
  ...parseUrlList(process.env.LAYANAN_CONNECT_SRC),
  new URL(env.indexerUrl).origin,
  new URL(env.bundlerUrl).origin,
];

/** The production policy, directive by directive. */
const EXPECTED_CSP: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'unsafe-inline'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'"],
  "connect-src": CONNECT_SRC,
  "worker-src": ["'self'", "blob:"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/** A policy's directives: name → sources. */
function parseCsp(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const directive of policy.split(";")) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources;
  }
  return directives;
}

test.describe("security headers", () => {
  for (const path of PATHS) {
    test(`${path} is served with the CSP and the other security headers`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.ok(), `${path}: HTTP ${response.status()}`).toBe(true);
      const headers = response.headers();

      const csp = headers["content-security-policy"];
      expect(csp, `${path} has a Content-Security-Policy`).toBeTruthy();
      const directives = parseCsp(csp);
      expect(directives).toEqual(EXPECTED_CSP);
      // Spelled out, as the issue asks: the RPC and the dApp only, no framing, no eval.
      expect(directives["connect-src"].slice(0, 2)).toEqual(["'self'", new URL(env.rpcUrl).origin]);
      expect(directives["connect-src"].join(" ")).not.toContain("*");
      expect(directives["frame-ancestors"]).toEqual(["'none'"]);
      expect(directives["script-src"]).not.toContain("'unsafe-eval'");

      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["permissions-policy"]).toBe("camera=(self), microphone=(), geolocation=()");
      expect(headers["x-powered-by"]).toBeUndefined();
    });
  }

  test("a page that does not exist is served with the same headers", async ({ request }) => {
    const response = await request.get("/no-such-page");
    expect(response.status()).toBe(404);
    expect(parseCsp(response.headers()["content-security-policy"] ?? "")).toEqual(EXPECTED_CSP);
    expect(response.headers()["x-frame-options"]).toBe("DENY");
  });

  /** Opens a page that frames `target` (as #app); returns the frame and what the browser said about it. */
  async function frameIt(page: Page, target: string, open: () => Promise<unknown>) {
    const blocked: string[] = [];
    const messages: string[] = [];
    const onFailed = (request: Request) => {
      if (request.url() === target) blocked.push(request.failure()?.errorText ?? "");
    };
    const onConsole = (message: ConsoleMessage) => {
      messages.push(message.text());
    };
    page.on("requestfailed", onFailed);
    page.on("console", onConsole);
    await open();
    const frame = await (await page.locator("#app").elementHandle())!.contentFrame();
    expect(frame).not.toBeNull();
    return {
      frame: frame!,
      blocked,
      messages,
      done: () => {
        page.off("requestfailed", onFailed);
        page.off("console", onConsole);
      },
    };
  }

  /** Chromium refused the frame because of the response's headers, and shows its error page there. */
  async function expectRefused(framed: Awaited<ReturnType<typeof frameIt>>, target: string) {
    await expect.poll(() => framed.blocked).toEqual(["net::ERR_BLOCKED_BY_RESPONSE"]);
    await expect.poll(() => framed.messages.join("\n")).toContain(`directive: "frame-ancestors 'none'"`);
    expect(framed.frame.url()).not.toBe(target);
    expect(await framed.frame.locator("#main, .site-header").count()).toBe(0);
    framed.done();
  }

  test("another site cannot frame the console (and the check would see a framed page)", async ({ page }) => {
    // A page on another origin (the next port) that frames the console; Playwright serves it.
    const framerUrl = new URL(env.baseUrl);
    framerUrl.port = String(Number(framerUrl.port) + 1);
    framerUrl.pathname = "/framer";
    const framer = framerUrl.href;
    const target = new URL("/console", env.baseUrl).href;
    await page.route(framer, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>framer</title><iframe id="app" src="${target}" width="800" height="600"></iframe>`,
      }),
    );
    // The console's response is the server's own, passed on untouched. (Chromium's local network
    // access check would refuse a page Playwright serves framing localhost anyway; a response passed
    // on by Playwright is not subject to it, so only the headers decide.)
    await page.route(target, async (route) => route.fulfill({ response: await route.fetch() }));
    // page.goto waits for the load event, which waits for the iframe's own load (or its refusal).
    await expectRefused(await frameIt(page, target, () => page.goto(framer)), target);

    // The control: the same response with the two anti-framing headers taken out renders in the
    // frame, so the check above would have seen the dApp had the headers let it through.
    await page.unroute(target);
    await page.route(target, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      delete headers["x-frame-options"];
      await route.fulfill({ response, headers });
    });
    const framed = await frameIt(page, target, () => page.goto(framer));
    expect(framed.frame.url()).toBe(target);
    await expect(framed.frame.locator("#main")).toBeVisible();
    expect(framed.blocked).toEqual([]);
    framed.done();
  });

  test("not even the dApp's own pages can frame the console", async ({ page }) => {
    const target = new URL("/console", env.baseUrl).href;
    // A page of the dApp itself, same origin as the console: nothing but the headers stands in the
    // way, and the frame comes from the server untouched.
    await page.goto("/verify");
    const framed = await frameIt(page, target, () =>
      page.evaluate(
        (src) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement("iframe");
            frame.id = "app";
            frame.src = src;
            frame.addEventListener("load", () => resolve(), { once: true });
            document.body.append(frame);
          }),
        target,
      ),
    );
    await expectRefused(framed, target);
  });

  test("the pages run under the policy without a violation", async ({ page, wallet }) => {
    const messages: string[] = [];
    page.on("console", (message) => {
      if (/Content[ -]Security[ -]Policy|Refused to/i.test(message.text())) messages.push(message.text());
    });
    // The browser's own report of each violation, whether or not it also logs one.
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        w.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}`),
      );
    });
    const violations = (p: Page) =>
      p.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    const found: string[] = [];

    await page.goto("/");
    await expect(page.locator("main h1").first()).toBeVisible();
    // Through the site's own navigation (client-side routing): the language switch.
    await page.getByTestId("language-switch").click();
    await expect(page).toHaveURL(/\/en\/?$/);
    found.push(...(await violations(page)));

    // The file is hashed in the browser and the chain asked over the RPC.
    await page.goto("/verify");
    await page.getByTestId("verify-receipt").setInputFiles(docs.receipt(docs.valid));
    await page.getByTestId("verify-file").setInputFiles(docs.valid);
    await expect(page.getByTestId("verify-result")).toHaveAttribute("data-status", "Valid", { timeout: 15_000 });
    found.push(...(await violations(page)));

    // Charts (inline styles) and chain reads.
    await page.goto("/transparency");
    await expect(page.getByTestId("agency-stats").first()).toBeVisible({ timeout: 15_000 });
    found.push(...(await violations(page)));

    // A wallet page: wagmi connects and reads the chain.
    await page.goto("/services");
    await connectWallet(page, wallet);
    await expect(page.getByTestId("service").first()).toBeVisible({ timeout: 15_000 });
    found.push(...(await violations(page)));

    expect(found, "securitypolicyviolation events").toEqual([]);
    expect(messages, "console messages about the Content Security Policy").toEqual([]);
  });
});

test.describe("securityHeaders()", () => {
  test("connect-src names the origins of the RPC and the extra services, nothing else", () => {
    const policy = parseCsp(
      contentSecurityPolicy({
        rpcUrl: "https://user:secret@rpc.example.org/v3/0123456789abcdef?x=1",
        extraConnect: [
          "https://bundler.example.org/rpc",
          "wss://indexer.example.org:8443/graphql",
          "https://rpc.example.org:443/other",
        ],
      }),
    );
    expect(policy["connect-src"]).toEqual([
      "'self'",
      "https://rpc.example.org",
      "https://bundler.example.org",
      "wss://indexer.example.org:8443",
    ]);
    expect(policy["script-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
  });

  test("development adds only what next dev needs", () => {
    const production = parseCsp(contentSecurityPolicy({ rpcUrl: "http://127.0.0.1:8545" }));
    const dev = parseCsp(contentSecurityPolicy({ rpcUrl: "http://127.0.0.1:8545", dev: true }));
    expect(production["connect-src"]).toEqual(["'self'", "http://127.0.0.1:8545"]);
    expect(dev["connect-src"]).toEqual(["'self'", "http://127.0.0.1:8545", "ws://localhost:*", "ws://127.0.0.1:*"]);
    expect(dev["script-src"]).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
    expect({ ...dev, "connect-src": [], "script-src": [] }).toEqual({
      ...production,
      "connect-src": [],
      "script-src": [],
    });
  });

  test("a wildcard or a non-URL in the configuration stops the build", () => {
    for (const bad of [
      "*",
      "https://*.example.org",
      "rpc.example.org",
      "ftp://files.example.org",
      "javascript:alert(1)",
      "",
    ]) {
      expect(() => connectOrigin(bad), bad).toThrow();
      expect(() => securityHeaders({ rpcUrl: "http://127.0.0.1:8545", extraConnect: [bad] }), bad).toThrow();
    }
  });

  test("LAYANAN_CONNECT_SRC is a comma-separated list; blanks are ignored", () => {
    expect(parseUrlList(undefined)).toEqual([]);
    expect(parseUrlList("")).toEqual([]);
    expect(parseUrlList(" https://a.example , ,https://b.example:8080/x,")).toEqual([
      "https://a.example",
      "https://b.example:8080/x",
    ]);
  });

  test("every header is there, once", () => {
    const keys = securityHeaders({ rpcUrl: "http://127.0.0.1:8545" }).map((h) => h.key);
    expect(keys).toEqual([
      "Content-Security-Policy",
      "X-Frame-Options",
      "Referrer-Policy",
      "X-Content-Type-Options",
      "Permissions-Policy",
    ]);
  });
});
