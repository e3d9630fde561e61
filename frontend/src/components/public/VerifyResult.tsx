"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { type DocumentCheck, shareQuery, ZERO_HASH } from "@layanan/core";
import { DATE_TIME, fromSeconds } from "@/lib/public/format";
import { ShareLink } from "./ShareLink";
import { StatusIcon } from "./StatusIcon";
import styles from "./public.module.css";

/** How the fingerprint reached the check: a file alone, a file with its receipt, or a shared link. */
export type CheckSource = "file" | "receipt" | "link";

const BADGE = { Valid: "ok", Revoked: "bad", Expired: "warn", Unknown: "" } as const;
const CARD = {
  Valid: styles.resultValid,
  Revoked: styles.resultRevoked,
  Expired: styles.resultExpired,
  Unknown: styles.resultUnknown,
} as const;

/** The outcome of DocumentRegistry.verify, in words. */
export function VerifyResult({ check, source }: { check: DocumentCheck; source: CheckSource }) {
  const t = useTranslations("verify");
  const format = useFormatter();
  const headingId = useId();
  const { status } = check;
  const date = (seconds: number) => format.dateTime(fromSeconds(seconds), DATE_TIME);

  const explanation =
    status !== "Unknown"
      ? t(`explain.${status}`)
      : source === "link"
        ? t("explain.unknownLink")
        : source === "receipt"
          ? t("explain.unknownReceipt")
          : t("explain.unknownSingle");

  const reason = check.revocation?.reason;
  const reasonText = reason
    ? t.has(`reasons.${reason.code}`)
      ? `${t(`reasons.${reason.code}`)} (${reason.code})`
      : reason.readable === reason.code
        ? reason.code
        : `${reason.readable} (${reason.code})`
    : t("details.reasonUnknown");

  return (
    <section
      className={`card ${styles.result} ${CARD[status]}`}
      data-testid="verify-result"
      data-status={status}
      aria-labelledby={headingId}
    >
      <h2 id={headingId}>
        <span className={`badge ${BADGE[status]} ${styles.statusBadge}`}>
          <StatusIcon status={status} />
          {t(`status.${status}`)}
        </span>
        <span>{t(`headline.${status}`)}</span>
      </h2>
      <p>{explanation}</p>
      {source === "link" && status !== "Unknown" && <p className="note">{t("explain.fromLink")}</p>}

      {status !== "Unknown" && (
        <dl className={styles.facts}>
          <dt>{t("details.agency")}</dt>
          <dd data-testid="verify-agency">{check.agencyName ?? t("details.agencyFallback", { id: check.agencyId })}</dd>
          <dt>{t("details.issuedAt")}</dt>
          <dd>
            <time dateTime={fromSeconds(check.issuedAt).toISOString()}>{date(check.issuedAt)}</time>
          </dd>
          <dt>{status === "Expired" ? t("details.expiredAt") : t("details.expiresAt")}</dt>
          <dd>
            {check.expiresAt === 0 ? (
              t("details.noExpiry")
            ) : (
              <time dateTime={fromSeconds(check.expiresAt).toISOString()}>{date(check.expiresAt)}</time>
            )}
          </dd>
          {status === "Revoked" && (
            <>
              {check.revocation?.at != null && (
                <>
                  <dt>{t("details.revokedAt")}</dt>
                  <dd>
                    <time dateTime={fromSeconds(check.revocation.at).toISOString()}>{date(check.revocation.at)}</time>
                  </dd>
                </>
              )}
              <dt>{t("details.reason")}</dt>
              <dd data-testid="verify-reason">
                {reasonText}
                {check.revocation?.wholeBatch && <span className={styles.hint}> {t("details.wholeBatch")}</span>}
              </dd>
            </>
          )}
        </dl>
      )}

      <details className={styles.fingerprint}>
        <summary>{t("details.technical")}</summary>
        <p className="note">{t("details.fingerprintHelp")}</p>
        <p>
          {t("details.fingerprint")}: <code data-testid="verify-fingerprint">{check.query.fingerprint}</code>
        </p>
        {check.query.root !== ZERO_HASH && (
          <p className={styles.wrap}>{t("details.batch", { root: check.query.root })}</p>
        )}
      </details>

      <ShareLink query={shareQuery(check.query)} />
    </section>
  );
}
