"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useConnection } from "wagmi";
import { Link } from "@/i18n/navigation";
import { PASSKEY_CONNECTOR_ID } from "@/lib/passkey/connector";
import { PasskeySignIn } from "./PasskeySignIn";

/**
 * In the connect bar: "Sign in with a passkey" next to the wallet button while nobody is signed
 * in (it opens the two passkey choices), and "My account" once signed in.
 */
export function PasskeyBarLinks() {
  const t = useTranslations("passkey.signIn");
  const { status, connector } = useConnection();
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  if (status === "connected") {
    return (
      <Link
        href="/account"
        className="secondary"
        data-testid="account-link"
        data-passkey={connector?.id === PASSKEY_CONNECTOR_ID}
      >
        {t("myAccount")}
      </Link>
    );
  }
  if (status !== "disconnected") return null;
  return open ? (
    <PasskeySignIn compact />
  ) : (
    <button type="button" className="secondary" onClick={() => setOpen(true)} data-testid="passkey-open">
      {t("barButton")}
    </button>
  );
}
