"use client";
import { IndexerError } from "@layanan/core";
import { useTranslations } from "next-intl";
import { QueryError } from "@/components/QueryError";

const KEYS = {
  unreachable: "unreachable",
  timeout: "timeout",
  "bad-response": "badResponse",
  "not-found": "notFound",
} as const;

/**
 * A read that failed, as one sentence and a retry: the index's failures (unreachable, too slow, a
 * garbled answer, an unknown record) in words of their own; anything else as QueryError says it
 * (the chain's errors, the RPC's limits).
 */
export function ReadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useTranslations("lists.indexerError");
  const tCommon = useTranslations("common");
  if (error instanceof IndexerError)
    return (
      <div className="card" data-testid="load-error">
        <p role="alert" className="error" data-error={`indexer-${error.kind}`}>
          {t(KEYS[error.kind as keyof typeof KEYS] ?? "badResponse")}
        </p>
        <button type="button" className="secondary" onClick={onRetry}>
          {tCommon("retry")}
        </button>
      </div>
    );
  return <QueryError error={error} onRetry={onRetry} />;
}
