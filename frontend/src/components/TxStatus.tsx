"use client";
import { useTranslations } from "next-intl";
import type { Write } from "@/lib/useWrite";
import { ErrorText } from "./ErrorText";

/**
 * Pending, confirmed and failed states of a write (useWrite), announced to screen readers. With
 * `at`, only when the write was started from that part of the page. `onRetry` offers a retry
 * button after a failure (pass `write.retry` to send the same request again).
 */
export function TxStatus({ write, at, onRetry }: { write: Write; at?: string; onRetry?: () => void }) {
  const t = useTranslations("common");
  const tPasskey = useTranslations("passkey.tx");
  const { state } = write;
  if (state.phase === "idle" || (at !== undefined && write.at !== at)) return null;
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
      {state.phase === "sponsored" || (state.phase === "signing" && state.via === "passkey")
        ? tPasskey(state.phase)
        : t(`tx.${state.phase}`)}
    </p>
  );
}
