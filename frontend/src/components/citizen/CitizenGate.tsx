"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useCitizen } from "@/lib/citizen/hooks";

export type GatePurpose = "claims" | "requests" | "apply" | "request" | "console";

/** Asks a citizen to connect: there is no login; the wallet is the account. */
export function ConnectPrompt({ purpose }: { purpose: GatePurpose }) {
  const t = useTranslations("citizen.gate");
  function openConnect() {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="connect"]');
    if (button) {
      button.focus();
      button.click();
    }
    window.scrollTo({ top: 0, behavior: "smooth" });
  }
  return (
    <section className="card" aria-labelledby="connect-title" data-testid="connect-prompt">
      <h2 id="connect-title">{t("title")}</h2>
      <p>{t(`why.${purpose}`)}</p>
      <p className="note">{t("whatIsWallet")}</p>
      <button type="button" onClick={openConnect}>
        {t("button")}
      </button>
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useTranslations("common");
  return (
    <p role="status" aria-live="polite" aria-busy="true" className="note">
      {label ?? t("loading")}
    </p>
  );
}

/** Renders its children with the connected address, or asks to connect. */
export function CitizenGate({ purpose, children }: { purpose: GatePurpose; children: (address: `0x${string}`) => ReactNode }) {
  const tErrors = useTranslations("errors");
  const { address, connecting, deployed } = useCitizen();
  if (!deployed) return <p className="error">{tErrors("notDeployed")}</p>;
  if (connecting) return <Loading />;
  if (!address) return <ConnectPrompt purpose={purpose} />;
  return <>{children(address)}</>;
}
