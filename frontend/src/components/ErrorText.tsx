"use client";
import { useTranslations } from "next-intl";
import type { DecodedError } from "@layanan/core";

/** A decoded error as one calm sentence in the current language. */
export function ErrorText({ error }: { error: DecodedError }) {
  const t = useTranslations("errors");
  const key = t.has(error.key) ? error.key : "unknown";
  return (
    <p role="alert" className="error" data-error={error.key}>
      {t(key, error.values)}
    </p>
  );
}
