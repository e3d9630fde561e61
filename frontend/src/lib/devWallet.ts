import { CHAIN_ID, IS_LOCAL_CHAIN, RPC_URL } from "./chain";

/**
 * The development wallet of chain 31337: an EIP-1193 provider announced through EIP-6963 like
 * any wallet extension. It holds no keys: it picks one of the demo accounts, which the local
 * Hardhat node keeps unlocked, and sends the transactions to the node to sign. It exists only on
 * the local chain.
 */
export interface DevAccount {
  role: string;
  label: string;
  address: `0x${string}`;
}

type Listener = (...args: unknown[]) => void;
const STORAGE_KEY = "layanan.devAccount";
/** Whether the site was approved (as a wallet extension remembers it), so that a reload reconnects. */
const CONNECTED_KEY = "layanan.devWallet.connected";
export const DEV_WALLET_RDNS = "id.layanan.devwallet";

let instance: { select(address: string): void; selected(): string } | undefined;

export function devWallet() {
  return instance;
}

export function announceDevWallet(accounts: DevAccount[]) {
  if (typeof window === "undefined" || !IS_LOCAL_CHAIN || accounts.length === 0 || instance) return instance;
  let selected =
    window.localStorage.getItem(STORAGE_KEY) ??
    accounts.find((a) => a.role.startsWith("citizen"))?.address ??
    accounts[0].address;
  let connected = window.localStorage.getItem(CONNECTED_KEY) === "1";
  const setConnected = (value: boolean) => {
    connected = value;
    if (value) window.localStorage.setItem(CONNECTED_KEY, "1");
    else window.localStorage.removeItem(CONNECTED_KEY);
  };
  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args));

  async function rpc(method: string, params: unknown[]) {
    const response = await fetch(RPC_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: Date.now(), method, params }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error)
      throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  }

  const provider = {
    async request({ method, params }: { method: string; params?: unknown[] }) {
      switch (method) {
        case "eth_requestAccounts":
          setConnected(true);
          return [selected];
        case "eth_accounts":
          return connected ? [selected] : [];
        case "eth_chainId":
          return `0x${CHAIN_ID.toString(16)}`;
        case "wallet_switchEthereumChain":
        case "wallet_requestPermissions":
          return null;
        case "wallet_revokePermissions":
          setConnected(false);
          emit("accountsChanged", []);
          return null;
        case "eth_sendTransaction": {
          const [tx] = (params ?? []) as [Record<string, unknown>];
          return rpc(method, [{ ...tx, from: selected }]);
        }
        default:
          return rpc(method, params ?? []);
      }
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
  };

  const icon =
    "data:image/svg+xml;base64," +
    btoa(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b45309"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff">D</text></svg>',
    );
  const detail = Object.freeze({
    info: {
      uuid: "3f0e5d9a-7a69-4c1a-9e0b-1a7ea0de7000",
      name: "Layanan Dev Wallet (31337)",
      icon,
      rdns: DEV_WALLET_RDNS,
    },
    provider,
  });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();

  instance = {
    select(address: string) {
      selected = address;
      window.localStorage.setItem(STORAGE_KEY, address);
      if (connected) emit("accountsChanged", [address]);
    },
    selected: () => selected,
  };
  return instance;
}
