/**
 * The wagmi connector of a citizen's passkey account (id "passkey"). It signs nothing itself:
 * the page runs the WebAuthn ceremony (create a passkey or use an existing one, see ceremony.ts),
 * stores the session (session.ts), then connects this connector, which reports the account's
 * address on Layanan's chain. wagmi's reconnect finds the session again after a reload. Writes go
 * through useWrite, which sends a sponsored user operation for this connector (send.ts).
 */
import { type Address, type EIP1193Provider, getAddress, numberToHex } from "viem";
import { createConnector } from "wagmi";
import { chain } from "../chain";
import { publicClient } from "../publicClient";
import { clearSession, loadSession } from "./session";

export const PASSKEY_CONNECTOR_ID = "passkey";

/** No passkey session in this browser: sign in with a passkey first. */
export class NoPasskeySessionError extends Error {
  override name = "NoPasskeySessionError";
  constructor() {
    super("No passkey session: create a passkey or use an existing one first.");
  }
}

/**
 * A minimal EIP-1193 provider: the account and the chain, reads forwarded to the RPC. Sending a
 * transaction is refused (a passkey account sends user operations, see send.ts).
 */
function passkeyProvider(): EIP1193Provider {
  return {
    on() {},
    removeListener() {},
    async request({ method, params }: { method: string; params?: unknown }) {
      switch (method) {
        case "eth_accounts":
        case "eth_requestAccounts": {
          const session = loadSession();
          return session ? [getAddress(session.address)] : [];
        }
        case "eth_chainId":
          return numberToHex(chain.id);
        case "eth_sendTransaction":
        case "eth_sign":
        case "personal_sign":
        case "eth_signTypedData_v4":
          throw Object.assign(new Error("A passkey account sends sponsored user operations only."), { code: 4200 });
        default:
          return publicClient.request({ method, params } as never);
      }
    },
  } as unknown as EIP1193Provider;
}

export function passkeyConnector() {
  let provider: EIP1193Provider | undefined;
  let listener: (() => void) | undefined;
  return createConnector<EIP1193Provider>((config) => ({
    id: PASSKEY_CONNECTOR_ID,
    name: "Passkey",
    type: "passkey",
    async connect(parameters) {
      const session = loadSession();
      if (!session) throw new NoPasskeySessionError();
      if (typeof window !== "undefined" && !listener) {
        // Another tab (or this page) signed in with another passkey, or signed out.
        listener = () => {
          const next = loadSession();
          if (!next) config.emitter.emit("disconnect");
          else config.emitter.emit("change", { accounts: [getAddress(next.address)] });
        };
        window.addEventListener("storage", listener);
      }
      const accounts = [getAddress(session.address)] as readonly Address[];
      return {
        accounts: (parameters?.withCapabilities
          ? accounts.map((address) => ({ address, capabilities: {} }))
          : accounts) as never,
        chainId: chain.id,
      };
    },
    async disconnect() {
      clearSession();
      if (listener && typeof window !== "undefined") window.removeEventListener("storage", listener);
      listener = undefined;
    },
    async getAccounts() {
      const session = loadSession();
      return session ? [getAddress(session.address)] : [];
    },
    async getChainId() {
      return chain.id;
    },
    async getProvider() {
      provider ??= passkeyProvider();
      return provider;
    },
    async isAuthorized() {
      return loadSession() !== null;
    },
    async switchChain({ chainId }) {
      if (chainId !== chain.id) throw new Error(`A passkey account lives on chain ${chain.id} only.`);
      return chain;
    },
    onAccountsChanged(accounts) {
      if (accounts.length === 0) config.emitter.emit("disconnect");
      else config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
    },
    onChainChanged() {},
    onDisconnect() {
      config.emitter.emit("disconnect");
    },
  }));
}
