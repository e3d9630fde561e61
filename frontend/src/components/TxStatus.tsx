"use client";
import { useTranslations } from "next-intl";
import type { TxState } from "@/lib/useTx";
import { ErrorText } from "./ErrorText";

/** Pending, confirmed and failed states of a write, announced to screen readers. */
export function TxStatus({ state, onRetry }: { state: TxState; onRetry?: () => void }) {
  const t = useTranslations("common");
  if (state.phase === "idle") return null;
  if (state.phase === "failed") {
    return (
      <div className="tx tx-failed" data-testid="tx-status" data-phase="failed">
        <ErrorText error={state.error} />
        {onRetry && (
          <button type="button" className="secondary" onClick={onRetry}>
            {t("retry")}
          </button>
        )}
      </div>
    );
  }
  return (
    <p
      className={`tx tx-${state.phase}`}
      role="status"
      aria-live="polite"
      data-testid="tx-status"
      data-phase={state.phase}
    >
      {t(`tx.${state.phase}`)}
    </p>
  );
}
