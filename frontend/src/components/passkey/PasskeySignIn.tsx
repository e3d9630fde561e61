"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ErrorText } from "@/components/ErrorText";
import { passkeysSupported } from "@/lib/passkey/ceremony";
import styles from "./passkey.module.css";
import { usePasskeySignIn } from "./usePasskeySignIn";

/**
 * "Sign in with a passkey": first time, create one; else use the one this device (or a synced
 * one) already has. Shown wherever a citizen page asks to connect, next to the wallet option.
 */
export function PasskeySignIn({ compact = false }: { compact?: boolean }) {
  const t = useTranslations("passkey.signIn");
  const { state, busy, create, useExisting } = usePasskeySignIn();
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => setSupported(passkeysSupported()), []);

  return (
    <div className={styles.signIn} data-testid="passkey-sign-in" data-phase={state.phase}>
      {!compact && <h3 className={styles.title}>{t("title")}</h3>}
      {!compact && <p>{t("intro")}</p>}
      {supported === false ? (
        <p className="note" data-testid="passkey-unsupported">
          {t("unsupported")}
        </p>
      ) : (
        <div className={styles.choices}>
          <div>
            <button type="button" onClick={create} disabled={busy || supported !== true} data-testid="passkey-create">
              {t("create")}
            </button>
            {!compact && <p className="note">{t("createHint")}</p>}
          </div>
          <div>
            <button
              type="button"
              className="secondary"
              onClick={useExisting}
              disabled={busy || supported !== true}
              data-testid="passkey-use"
            >
              {t("useExisting")}
            </button>
            {!compact && <p className="note">{t("useExistingHint")}</p>}
          </div>
        </div>
      )}
      {state.phase === "creating" && (
        <p role="status" aria-live="polite">
          {t("creating")}
        </p>
      )}
      {state.phase === "finding" && (
        <p role="status" aria-live="polite">
          {t("finding")}
        </p>
      )}
      {state.phase === "notFound" && (
        <p role="alert" data-testid="passkey-not-found">
          {t("notFound")}
        </p>
      )}
      {state.phase === "failed" && <ErrorText error={state.error} />}
    </div>
  );
}
