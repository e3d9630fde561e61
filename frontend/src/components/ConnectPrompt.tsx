"use client";
import { useTranslations } from "next-intl";
import { PasskeySignIn } from "./passkey/PasskeySignIn";

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
      {/* Citizens without a wallet: a passkey account (officers use their wallets in the console). */}
      {purpose !== "console" && <PasskeySignIn />}
    </section>
  );
}
