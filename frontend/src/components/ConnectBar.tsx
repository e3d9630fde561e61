"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useChainId, useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { deployment } from "@/generated/deployment";
import { chain, IS_LOCAL_CHAIN } from "@/lib/chain";
import { DEV_WALLET_RDNS, devWallet } from "@/lib/devWallet";
import { type DecodedError, decodeError } from "@layanan/core";
import { ErrorText } from "./ErrorText";

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Connect, choose a wallet, switch network; the development wallet's account picker on 31337. */
export function ConnectBar() {
  const t = useTranslations("wallet");
  const { address, status, connector } = useConnection();
  const chainId = useChainId();
  const connectors = useConnectors();
  const { connectAsync, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const { switchChain } = useSwitchChain();
  const [error, setError] = useState<DecodedError | undefined>();
  const [choosing, setChoosing] = useState(false);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  // EIP-6963 wallets first; the plain injected connector only when nothing was announced.
  const announced = connectors.filter((c) => c.type === "injected" && c.id !== "injected");
  const choices = announced.length > 0 ? announced : connectors;
  const isDev = connector?.id === DEV_WALLET_RDNS;
  const demo = deployment?.demoAccounts ?? [];
  const role = demo.find((a) => a.address.toLowerCase() === address?.toLowerCase());

  async function connect(index: number) {
    setError(undefined);
    try {
      await connectAsync({ connector: choices[index], chainId: chain.id });
      setChoosing(false);
    } catch (e) {
      setError(decodeError(e));
    }
  }

  if (!mounted) return <div className="connect-bar" aria-busy="true" />;

  return (
    <div className="connect-bar" data-testid="connect-bar">
      {status === "connected" && address ? (
        <>
          <span data-testid="connected-address" title={address}>
            {t("connectedAs", { address: shortAddress(address) })}
            {role ? ` · ${role.label}` : ""}
          </span>
          {isDev && IS_LOCAL_CHAIN && (
            <label className="dev-account">
              {t("devAccount")}{" "}
              <select
                value={address}
                onChange={(event) => devWallet()?.select(event.target.value)}
                data-testid="dev-account"
              >
                {demo.map((account) => (
                  <option key={account.address} value={account.address}>
                    {account.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="secondary" onClick={() => disconnect()}>
            {t("disconnect")}
          </button>
          {chainId !== chain.id && (
            <div role="alert" className="warning">
              {t("wrongNetwork")}{" "}
              <button type="button" onClick={() => switchChain({ chainId: chain.id })}>
                {t("switchNetwork")}
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
      ) : (
        <button type="button" onClick={() => setChoosing(true)} data-testid="connect">
          {t("connect")}
        </button>
      )}
      {error && <ErrorText error={error} />}
    </div>
  );
}
