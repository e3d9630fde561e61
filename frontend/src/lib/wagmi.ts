import { cookieStorage, createConfig, createStorage, http, injected } from "wagmi";
import { RPC_URL, chain } from "./chain";
import { passkeyConnector } from "./passkey/connector";

/** How long the browser keeps the wallet connection's cookie: wagmi's own cookie lasts only the session. */
const COOKIE_MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

/**
 * wagmi's cookie storage, kept for 30 days: the server reads it (cookieToInitialState in the
 * wallet pages' layout) to render the connection while wagmi reconnects, and a phone browser that
 * drops session cookies when it is sent to the background still finds it.
 */
export const walletCookieStorage = {
  getItem: cookieStorage.getItem,
  removeItem: cookieStorage.removeItem,
  setItem(key: string, value: string) {
    if (typeof window === "undefined") return;
    const secure = window.location.protocol === "https:" ? ";secure" : "";
    document.cookie = `${key}=${value};path=/;max-age=${COOKIE_MAX_AGE_SECONDS};samesite=Lax${secure}`;
  },
};

/**
 * wagmi for the App Router with SSR (cookie storage, so the server renders the reconnecting
 * state). Wallets are discovered through EIP-6963 (on by default) and a plain injected provider
 * (window.ethereum) is accepted too. On mount, WagmiProvider reconnects the wallet the site was
 * connected to (reconnectOnMount, the default).
 */
export function makeWagmiConfig() {
  return createConfig({
    chains: [chain],
    // The citizen's passkey account (lib/passkey) next to the wallets.
    connectors: [injected(), passkeyConnector()],
    transports: { [chain.id]: http(RPC_URL) },
    ssr: true,
    storage: createStorage({ storage: walletCookieStorage }),
  });
}

export type WagmiConfig = ReturnType<typeof makeWagmiConfig>;
