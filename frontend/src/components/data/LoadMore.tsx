"use client";
import { useTranslations } from "next-intl";
import styles from "./data.module.css";

/** "Load more" under a list while there is more to load; what has been loaded is said beside it. */
export function LoadMore({
  hasMore,
  loading,
  onLoad,
  children,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
  /** What is loaded so far ("showing 50 of 120", "read back to block X"). */
  children?: React.ReactNode;
}) {
  const t = useTranslations("lists");
  return (
    <div className={styles.more} data-testid="list-more">
      {children}
      {hasMore ? (
        <button
          type="button"
          className="secondary"
          onClick={onLoad}
          disabled={loading}
          aria-busy={loading}
          data-testid="load-more"
        >
          {loading ? t("loadingMore") : t("loadMore")}
        </button>
      ) : (
        <span className="note" data-testid="all-loaded">
          {t("allLoaded")}
        </span>
      )}
    </div>
  );
}
