"use client";
import { useTranslations } from "next-intl";
import type { DecodedError } from "@layanan/core";

/** A decoded error as one calm sentence in the current language. */
export function ErrorText({ error }: { error: DecodedError }) {
  const t = useTranslations();
  // Keys with a namespace ("passkey.errors.cancelled", "sponsor.quotaExhausted") are read there;
  // a sponsor rule the dApp does not know yet (a newer service) falls back to a general refusal.
  const candidates = error.key.includes(".")
    ? [error.key, error.key.startsWith("sponsor.") ? "passkey.sponsor.refused" : ""]
    : [`errors.${error.key}`];
  const key = candidates.find((k) => k !== "" && t.has(k as never)) ?? "errors.unknown";
  return (
    <p role="alert" className="error" data-error={error.key}>
      {t(key as never, error.values as never)}
    </p>
  );
}
