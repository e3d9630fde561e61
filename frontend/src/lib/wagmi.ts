import { cookieStorage, createConfig, createStorage, http, injected } from "wagmi";
import { RPC_URL, chain } from "./chain";

/**
 * wagmi for the App Router with SSR (cookie storage, so the server renders the reconnecting
 * state). Wallets are discovered through EIP-6963 (on by default) and a plain injected provider
 * (window.ethereum) is accepted too.
 */
export function makeWagmiConfig() {
  return createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: http(RPC_URL) },
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
  });
}

export type WagmiConfig = ReturnType<typeof makeWagmiConfig>;
