"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { BaseError, type EIP1193Provider, numberToHex } from "viem";
import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { deployment } from "@/generated/deployment";
import { chain, IS_LOCAL_CHAIN } from "@/lib/chain";
import { DEV_WALLET_RDNS, devWallet, type DevAccount } from "@/lib/devWallet";
import { type DecodedError, decodeError } from "@layanan/core";
import { ErrorText } from "./ErrorText";
import { PASSKEY_CONNECTOR_ID } from "@/lib/passkey/connector";
import { PasskeyBarLinks } from "./passkey/PasskeyBarLinks";

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** What a wallet needs to add Layanan's chain when it does not know it (EIP-3085), from lib/chain.ts. */
const ADD_CHAIN = {
  chainName: chain.name,
  nativeCurrency: chain.nativeCurrency,
  rpcUrls: [...chain.rpcUrls.default.http],
};

/**
 * A wallet that does not know the chain: EIP-1193 code 4902 (wagmi then adds the chain itself), or
 * only the words, as some wallets answer (e.g. "Unrecognized chain ID") with another code.
 */
function unrecognizedChain(error: unknown): boolean {
  const matches = (e: unknown) => {
    const { code, message, details } = (e ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    if (code === 4902) return false; // handled by wagmi already
    return /unrecognized chain|unknown chain|chain .*not (been )?added/i.test(`${message ?? ""} ${details ?? ""}`);
  };
  if (error instanceof BaseError) return Boolean(error.walk(matches));
  return matches(error);
}

/** A demo account's label in the page's language (known roles), else the label the seed wrote. */
function useDemoLabel() {
  const t = useTranslations("wallet.demoRoles");
  return (account: Pick<DevAccount, "role" | "label">) => (t.has(account.role) ? t(account.role) : account.label);
}

/**
 * One line: connect (and choose a wallet), or the short address with a small "disconnect"; the
 * development wallet's account picker on 31337; a wallet on another chain is flagged at once, with
 * a button that asks the wallet to switch (and to add the chain when it does not know it).
 */
export function ConnectBar() {
  const t = useTranslations("wallet");
  const demoLabel = useDemoLabel();
  // The wallet's own chain (useChainId would only ever give a chain the dApp is configured for).
  const { address, status, connector, chainId } = useConnection();
  const connectors = useConnectors();
  const { connectAsync, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const { mutateAsync: switchChainAsync, isPending: switching } = useSwitchChain();
  const [error, setError] = useState<DecodedError | undefined>();
  const [choosing, setChoosing] = useState(false);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  // EIP-6963 wallets first; the plain injected connector only when nothing was announced.
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const choices = announced.length > 0 ? announced : connectors.filter((c) => c.id !== PASSKEY_CONNECTOR_ID);
  const isDev = connector?.id === DEV_WALLET_RDNS;
  const demo = deployment?.demoAccounts ?? [];
  const role = demo.find((a) => a.address.toLowerCase() === address?.toLowerCase());
  const connected = status === "connected" && address !== undefined;
  const wrongChain = connected && chainId !== undefined && chainId !== chain.id;

  // A new connection or account: an earlier error no longer applies.
  useEffect(() => setError(undefined), [address, chainId]);

  async function connect(index: number) {
    setError(undefined);
    try {
      await connectAsync({ connector: choices[index], chainId: chain.id });
      setChoosing(false);
    } catch (e) {
      setError(decodeError(e));
    }
  }

  async function switchNetwork() {
    setError(undefined);
    try {
      await switchChainAsync({ chainId: chain.id, addEthereumChainParameter: ADD_CHAIN });
    } catch (e) {
      if (!unrecognizedChain(e) || !connector) {
        setError(decodeError(e));
        return;
      }
      // The wallet does not know the chain but said so without code 4902: add it, then switch.
      try {
        const provider = (await connector.getProvider()) as EIP1193Provider;
        await provider.request({
          method: "wallet_addEthereumChain",
          params: [{ chainId: numberToHex(chain.id), ...ADD_CHAIN }],
        });
        await switchChainAsync({ chainId: chain.id, addEthereumChainParameter: ADD_CHAIN });
      } catch (again) {
        setError(decodeError(again));
      }
    }
  }

  if (!mounted) return <div className="connect-bar" aria-busy="true" />;

  return (
    <div className="connect-bar" data-testid="connect-bar" data-status={status}>
      {connected ? (
        <>
          <span className="connected" data-testid="connected-address" title={address}>
            <span className="dot" aria-hidden="true" />
            <span className="visually-hidden">{t("connectedPrefix")} </span>
            <span className="mono">{shortAddress(address)}</span>
            {role && !isDev ? <span className="role">· {demoLabel(role)}</span> : null}
          </span>
          {isDev && IS_LOCAL_CHAIN && (
            <label className="dev-account">
              <span className="visually-hidden">{t("devAccount")}</span>
              <select
                value={address}
                onChange={(event) => devWallet()?.select(event.target.value)}
                data-testid="dev-account"
              >
                {demo.map((account) => (
                  <option key={account.address} value={account.address}>
                    {demoLabel(account)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="secondary" onClick={() => disconnect()} data-testid="disconnect">
            {t("disconnect")}
          </button>
          {wrongChain && (
            <div role="alert" className="network-warning" data-testid="wrong-network" data-chain-id={chainId}>
              <span>{t("wrongNetwork")}</span>
              <button type="button" onClick={switchNetwork} disabled={switching} data-testid="switch-network">
                {switching ? t("switchingNetwork") : t("switchNetwork")}
              </button>
            </div>
          )}
        </>
      ) : choosing ? (
        <div className="wallet-choices" role="group" aria-label={t("choose")}>
          {choices.length === 0 && <p>{t("noWallet")}</p>}
          {choices.map((c, index) => (
            <button
              key={c.uid}
              type="button"
              disabled={isPending}
              onClick={() => connect(index)}
              data-testid="wallet-choice"
            >
              {c.id === DEV_WALLET_RDNS ? t("devWallet") : c.name}
            </button>
          ))}
          {choices.some((c) => c.id === DEV_WALLET_RDNS) && <p className="note">{t("devWalletNote")}</p>}
        </div>
      ) : status === "reconnecting" ? (
        <span role="status" data-testid="reconnecting">
          {t("reconnecting")}
        </span>
      ) : (
        <button type="button" onClick={() => setChoosing(true)} data-testid="connect">
          {t("connect")}
        </button>
      )}
      <PasskeyBarLinks />
      {error && <ErrorText error={error} />}
    </div>
  );
}
