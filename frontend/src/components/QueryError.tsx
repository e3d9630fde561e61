"use client";
import { useTranslations } from "next-intl";
import { ErrorText } from "@/components/ErrorText";
import { decodeError } from "@layanan/core";

/** A read that failed (RPC down, …): one calm sentence and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useTranslations("common");
  const decoded =
    error instanceof Error && error.message === "notDeployed" ? { key: "notDeployed", values: {} } : decodeError(error);
  return (
    <div className="card" data-testid="load-error">
      <ErrorText error={decoded} />
      <button type="button" className="secondary" onClick={onRetry}>
        {t("retry")}
      </button>
    </div>
  );
}
