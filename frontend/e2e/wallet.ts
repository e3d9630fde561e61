/**
 * The test wallet: an EIP-1193 provider announced through EIP-6963 in every page of a browser
 * context, like a wallet extension. The page side only forwards requests to Node (through an
 * exposed function); Node holds the key and signs with viem, then sends the raw transaction to the
 * local chain. Hardhat's public development keys only, on chain 31337.
 *
 * Test controls: `rejectNext()` makes the next request that needs the user's approval
 * (connect, send, sign) fail with EIP-1193 error 4001, as if the user pressed "Reject";
 * `switchAccount(role)` changes the account and tells the pages (accountsChanged);
 * `switchToNewAccount()` does the same with a fresh, funded key that no agency knows;
 * `moveToChain(id, { forget })` puts the wallet on another chain (as a user switching networks in
 * the wallet does) and can make it forget chains, so that `wallet_switchEthereumChain` to them
 * answers 4902 until the page adds them with `wallet_addEthereumChain` (EIP-3085; the wallet then
 * switches to the added chain, as MetaMask does). By default the wallet is on 31337 and knows it.
 * Every page also counts the `eip6963:requestProvider` events dispatched in it
 * (window.__requestProviderCount): wallet code (wagmi) dispatches one, public pages must not.
 */
import type { BrowserContext } from "@playwright/test";
import {
  createWalletClient,
  defineChain,
  http,
  nonceManager,
  type Hex,
  type PrivateKeyAccount,
  type TypedDataDefinition,
  type WalletClient,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { demoAccount, env } from "./env";

export const WALLET_NAME = "Test Wallet";
export const WALLET_RDNS = "test.layanan.wallet";
export const CHAIN_ID = 31337;

const ICON =
  "data:image/svg+xml;base64," +
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4ed8"/><text x="16" y="22" font-size="16" text-anchor="middle" fill="#fff">T</text></svg>',
  ).toString("base64");

/** Methods a real wallet asks the user to approve: `rejectNext()` applies to these. */
const APPROVAL_METHODS = new Set([
  "eth_requestAccounts",
  "wallet_requestPermissions",
  "eth_sendTransaction",
  "personal_sign",
  "eth_sign",
  "eth_signTypedData_v4",
  "wallet_switchEthereumChain",
  "wallet_addEthereumChain",
]);

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}
type Reply = { result: unknown } | { error: RpcError };

class ProviderError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

const chain = defineChain({
  id: CHAIN_ID,
  name: "Layanan e2e (31337)",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [env.rpcUrl] } },
});

export class TestWallet {
  /** Hashes of the transactions this wallet signed and sent. */
  readonly sent: Hex[] = [];
  /** Requests that were rejected through `rejectNext()`, by method. */
  readonly rejected: string[] = [];
  /** Every method the pages asked for, in order (for debugging a failed test). */
  readonly log: string[] = [];
  /** The chains the pages asked the wallet to add (wallet_addEthereumChain's parameters). */
  readonly addedChains: Record<string, unknown>[] = [];
  private chainId = CHAIN_ID;
  private readonly knownChains = new Set<number>([CHAIN_ID]);
  private account!: PrivateKeyAccount;
  private client!: WalletClient;
  private connected = false;
  private rejectPending = false;

  private constructor(
    private readonly context: BrowserContext,
    role: string,
  ) {
    this.use(role);
  }

  /** Installs the wallet in every page of the context (present and future), as the given demo role. */
  static async install(context: BrowserContext, role = "citizen-siti"): Promise<TestWallet> {
    const wallet = new TestWallet(context, role);
    await context.exposeFunction("__testWalletRequest", (method: string, params: unknown[]) =>
      wallet.handle(method, params),
    );
    await context.addInitScript(installInPage, {
      uuid: "6c2f7a4e-0b1d-4f51-9d8e-7e2e5e11a001",
      name: WALLET_NAME,
      icon: ICON,
      rdns: WALLET_RDNS,
    });
    return wallet;
  }

  /** Whether the user approved the site (eth_requestAccounts) and has not disconnected since. */
  get isConnected(): boolean {
    return this.connected;
  }

  get address(): `0x${string}` {
    return this.account.address;
  }

  /** The next request that needs approval (connect, send, sign) is rejected with code 4001. */
  rejectNext(): void {
    this.rejectPending = true;
  }

  /** Changes the wallet's account and tells every open page, as a wallet extension does. */
  async switchAccount(role: string): Promise<void> {
    this.use(role);
    if (this.connected) await this.emit("accountsChanged", [this.address]);
  }

  /**
   * Switches to a brand-new wallet (a fresh random key, funded on the local chain with
   * hardhat_setBalance): an account no agency knows, as a new citizen's would be. Returns its address.
   * Pass the key of an account made this way to switch back to it later.
   */
  async switchToNewAccount(key: Hex = generatePrivateKey()): Promise<`0x${string}`> {
    await forward("hardhat_setBalance", [privateKeyToAccount(key).address, "0x56BC75E2D63100000"]); // 100 ETH
    this.useKey(key);
    if (this.connected) await this.emit("accountsChanged", [this.address]);
    return this.address;
  }

  /** The chain the wallet is on. */
  get currentChainId(): number {
    return this.chainId;
  }

  /**
   * Puts the wallet on another chain and tells every open page (chainChanged), as a user switching
   * networks in the wallet does. `forget`: chains the wallet no longer knows (switching to them
   * answers 4902 until they are added again).
   */
  async moveToChain(chainId: number, { forget = [] }: { forget?: number[] } = {}): Promise<void> {
    for (const id of forget) this.knownChains.delete(id);
    this.knownChains.add(chainId);
    await this.setChain(chainId);
  }

  private async setChain(chainId: number): Promise<void> {
    if (chainId === this.chainId) return;
    this.chainId = chainId;
    if (this.connected) await this.emit("chainChanged", `0x${chainId.toString(16)}`);
  }

  private use(role: string): void {
    this.useKey(demoAccount(role).privateKey);
  }

  private useKey(privateKey: Hex): void {
    // nonceManager: concurrent sends (e.g. a double-click) get distinct nonces, as in a real wallet.
    this.account = privateKeyToAccount(privateKey, { nonceManager });
    this.client = createWalletClient({ account: this.account, chain, transport: http(env.rpcUrl) });
  }

  private async emit(event: string, ...args: unknown[]): Promise<void> {
    for (const page of this.context.pages()) {
      await page
        .evaluate(
          ([name, values]) => {
            const emit = (window as unknown as { __testWalletEmit?: (e: string, ...a: unknown[]) => void })
              .__testWalletEmit;
            emit?.(name, ...values);
          },
          [event, args] as [string, unknown[]],
        )
        .catch(() => undefined); // a page that is closing
    }
  }

  private async handle(method: string, params: unknown[]): Promise<Reply> {
    this.log.push(method);
    try {
      if (APPROVAL_METHODS.has(method) && this.rejectPending) {
        this.rejectPending = false;
        this.rejected.push(method);
        throw new ProviderError(4001, "User rejected the request.");
      }
      return { result: await this.dispatch(method, params) };
    } catch (error) {
      return { error: toRpcError(error) };
    }
  }

  private async dispatch(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case "eth_requestAccounts":
        this.connected = true;
        return [this.address];
      case "eth_accounts":
        return this.connected ? [this.address] : [];
      case "eth_chainId":
        return `0x${this.chainId.toString(16)}`;
      case "net_version":
        return String(this.chainId);
      case "wallet_switchEthereumChain": {
        const [{ chainId }] = params as [{ chainId: string }];
        if (!this.knownChains.has(Number(chainId))) {
          throw new ProviderError(
            4902,
            `Unrecognized chain ID ${chainId}. Try adding the chain using wallet_addEthereumChain first.`,
          );
        }
        await this.setChain(Number(chainId));
        return null;
      }
      case "wallet_addEthereumChain": {
        const [chain] = params as [Record<string, unknown>];
        const rpcUrls = chain?.rpcUrls as unknown[] | undefined;
        const currency = chain?.nativeCurrency as { decimals?: unknown } | undefined;
        if (typeof chain?.chainId !== "string" || !/^0x[0-9a-f]+$/i.test(chain.chainId)) {
          throw new ProviderError(-32602, "wallet_addEthereumChain: chainId must be a hex string.");
        }
        if (!Array.isArray(rpcUrls) || rpcUrls.length === 0 || typeof chain.chainName !== "string") {
          throw new ProviderError(-32602, "wallet_addEthereumChain: chainName and rpcUrls are required.");
        }
        if (currency?.decimals !== 18) throw new ProviderError(-32602, "wallet_addEthereumChain: nativeCurrency.");
        this.addedChains.push(chain);
        this.knownChains.add(Number(chain.chainId));
        await this.setChain(Number(chain.chainId));
        return null;
      }
      case "wallet_requestPermissions":
        this.connected = true;
        return [{ parentCapability: "eth_accounts" }];
      case "wallet_getPermissions":
        return this.connected ? [{ parentCapability: "eth_accounts" }] : [];
      case "wallet_revokePermissions":
        this.connected = false;
        return null;
      case "eth_sendTransaction":
        return this.sendTransaction(params[0] as Record<string, string | undefined>);
      case "personal_sign": {
        const [message, address] = params as [Hex, string];
        this.assertOwn(address);
        return this.account.signMessage({ message: { raw: message } });
      }
      case "eth_signTypedData_v4": {
        const [address, json] = params as [string, string];
        this.assertOwn(address);
        const typed = (typeof json === "string" ? JSON.parse(json) : json) as TypedDataDefinition & {
          types: Record<string, unknown>;
        };
        const { EIP712Domain: _domain, ...types } = typed.types;
        return this.account.signTypedData({ ...typed, types } as TypedDataDefinition);
      }
      case "eth_sign":
        throw new ProviderError(4200, "eth_sign is not supported.");
      default:
        return forward(method, params);
    }
  }

  private assertOwn(address: string | undefined): void {
    if (!this.connected) throw new ProviderError(4100, "The wallet is not connected.");
    if (address !== undefined && address.toLowerCase() !== this.address.toLowerCase()) {
      throw new ProviderError(4100, `The wallet does not hold ${address}.`);
    }
  }

  private async sendTransaction(tx: Record<string, string | undefined>): Promise<Hex> {
    this.assertOwn(tx.from);
    if (this.chainId !== CHAIN_ID) {
      throw new ProviderError(
        -32603,
        `The wallet is on chain ${this.chainId}: this test wallet sends on ${CHAIN_ID} only.`,
      );
    }
    const big = (value: string | undefined) => (value === undefined ? undefined : BigInt(value));
    const hash = await this.client.sendTransaction({
      account: this.account,
      chain,
      to: tx.to as `0x${string}` | undefined,
      data: (tx.data ?? tx.input) as Hex | undefined,
      value: big(tx.value),
      gas: big(tx.gas),
    });
    this.sent.push(hash);
    return hash;
  }
}

/** Plain JSON-RPC to the node, keeping the error's code and revert data for the dApp to decode. */
async function forward(method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(env.rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: RpcError };
  if (body.error) throw new ProviderError(body.error.code, body.error.message, body.error.data);
  return body.result;
}

function toRpcError(error: unknown): RpcError {
  if (error instanceof ProviderError) return { code: error.code, message: error.message, data: error.data };
  // viem errors: find the node's JSON-RPC error (code and data) inside.
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && typeof current === "object"; depth++) {
    const { code, data } = current as { code?: unknown; data?: unknown };
    if (typeof code === "number" && code !== 0) {
      return { code, message: (current as Error).message?.split("\n")[0] ?? "error", data };
    }
    current = (current as { cause?: unknown }).cause;
  }
  const message = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : "";
  return { code: -32603, message: message.split("\n")[0] || "Internal error" };
}

/** Runs in the page before its own scripts: the provider and its EIP-6963 announcement. */
function installInPage(info: { uuid: string; name: string; icon: string; rdns: string }): void {
  type Listener = (...args: unknown[]) => void;
  const w = window as unknown as Record<string, unknown> & {
    __requestProviderCount: number;
    __testWalletRequest: (method: string, params: unknown[]) => Promise<Reply>;
  };
  w.__requestProviderCount = 0;
  window.addEventListener("eip6963:requestProvider", () => {
    w.__requestProviderCount += 1;
  });
  const listeners = new Map<string, Set<Listener>>();
  const provider = {
    async request({ method, params }: { method: string; params?: unknown[] | object }) {
      const list = Array.isArray(params) ? params : params === undefined ? [] : [params];
      const reply = await w.__testWalletRequest(method, list);
      if ("error" in reply) {
        throw Object.assign(new Error(reply.error.message), { code: reply.error.code, data: reply.error.data });
      }
      return reply.result;
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  w.__testWalletEmit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  const detail = Object.freeze({ info: Object.freeze({ ...info }), provider });
  const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}
