"use client";
import { useTranslations } from "next-intl";

/** A read in progress, announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const t = useTranslations("common");
  return (
    <p role="status" aria-live="polite" aria-busy="true" className="note">
      {label ?? t("loading")}
    </p>
  );
}
