"use client";
import { useTranslations } from "next-intl";
import type { FallbackReason } from "@/lib/reads/source";
import { markIndexerUp } from "@/lib/reads/source";
import styles from "./data.module.css";

/**
 * Where a read came from, when that matters to the reader: the chain because the index is
 * unavailable (with a button to try the index again), or an index still catching up with the chain.
 * Nothing when the index answered in time, or when the deployment has no index at all.
 */
export function SourceNote({
  fallback,
  behind,
  retry = true,
}: {
  fallback: FallbackReason | null;
  behind?: { indexed: bigint; head: bigint } | null;
  /** Offer "try the index again" (the lists; a single record retries by itself). */
  retry?: boolean;
}) {
  const t = useTranslations("lists.source");
  if (fallback)
    return (
      <p className={`note ${styles.source}`} role="status" data-testid="source-fallback" data-reason={fallback}>
        {t("fallback")}{" "}
        {retry && (
          <button type="button" className="secondary" onClick={markIndexerUp} data-testid="retry-index">
            {t("retryIndex")}
          </button>
        )}
      </p>
    );
  if (behind)
    return (
      <p className={`note ${styles.source}`} role="status" data-testid="source-behind">
        {t("behind", { indexed: behind.indexed.toString(), head: behind.head.toString() })}
      </p>
    );
  return null;
}
