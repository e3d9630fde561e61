"use client";
import { useTranslations } from "next-intl";
import type { StatusName } from "@layanan/core";

const tone: Record<StatusName, string> = {
  None: "",
  Submitted: "",
  InProgress: "warn",
  NeedsInfo: "bad",
  Completed: "ok",
  Rejected: "bad",
  Cancelled: "",
  Duplicate: "",
};

/** A request's status in words (common.status.*). */
export function StatusBadge({ status, testId }: { status: StatusName; testId?: string }) {
  const t = useTranslations("common");
  return (
    <span className={`badge ${tone[status]}`} data-status={status} data-testid={testId}>
      {t(`status.${status}`)}
    </span>
  );
}

export function OverdueBadge() {
  const t = useTranslations("common");
  return (
    <span className="badge bad" data-testid="overdue">
      {t("overdue")}
    </span>
  );
}

export function EscalatedBadge() {
  const t = useTranslations("common");
  return (
    <span className="badge warn" data-testid="escalated">
      {t("escalated")}
    </span>
  );
}
