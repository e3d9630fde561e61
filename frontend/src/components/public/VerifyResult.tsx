"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { type DocumentCheck, type DocumentLink, shareQuery, ZERO_HASH } from "@layanan/core";
import { RevocationMismatch } from "@/components/data/IndexMismatch";
import { SourceNote } from "@/components/data/SourceNote";
import { DATE_TIME, fromSeconds } from "@/lib/public/format";
import type { VerifiedDocument } from "@/lib/public/read";
import { ShareLink } from "./ShareLink";
import { StatusIcon } from "./StatusIcon";
import styles from "./public.module.css";

/**
 * How the document reached the check: its file alone, its file with its receipt, a share link or QR
 * code alone, or a link confirmed by its file (the file's fingerprint is the link's).
 */
export type CheckSource = "file" | "receipt" | "link" | "linkFile";

const BADGE = { Valid: "ok", Revoked: "bad", Expired: "warn", Unknown: "" } as const;
const CARD = {
  Valid: styles.resultValid,
  Revoked: styles.resultRevoked,
  Expired: styles.resultExpired,
  Unknown: styles.resultUnknown,
} as const;

/**
 * The outcome of DocumentRegistry.verify, in words: the verdict names the document type and the
 * issuing agency; a revoked document keeps its reason and time; a file alone that is not found is
 * told why (a personal or batch document needs its receipt, QR code or link), with the receipt
 * picker at hand (`onPickReceipt`). The verdict is the chain's; where the index's record of a
 * revocation disagrees with it, a notice says so.
 */
export function VerifyResult({
  check,
  source,
  link,
  onPickReceipt,
}: {
  /** A check from lib/public/read.ts carries where its revocation was read and the index's agreement. */
  check: DocumentCheck & Partial<Pick<VerifiedDocument, "revocationSource" | "fallback" | "indexMismatch">>;
  source: CheckSource;
  link: DocumentLink;
  onPickReceipt?: () => void;
}) {
  const t = useTranslations("verify");
  const format = useFormatter();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // A verdict is shown (each check mounts a new result): focus moves to it and it scrolls into
  // view, since on a phone it appears below the form, out of sight.
  useEffect(() => {
    const element = heading.current;
    if (!element) return;
    element.focus({ preventScroll: true });
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
  }, []);
  const { status } = check;
  const date = (seconds: number) => format.dateTime(fromSeconds(seconds), DATE_TIME);

  const explanation =
    status === "Valid" && source === "link"
      ? t("explain.ValidLink")
      : status !== "Unknown"
        ? t(`explain.${status}`)
        : source === "link" || source === "linkFile"
          ? t("explain.unknownLink")
          : source === "receipt"
            ? t("explain.unknownReceipt")
            : t("explain.unknownSingle");
  const typeName = check.docTypeDescription ?? t("details.typeFallback");
  const agencyName = check.agencyName ?? t("details.agencyFallback", { id: check.agencyId });
  const salted = link.salt !== null;

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
      <h2 id={headingId} ref={heading} tabIndex={-1} className={styles.resultHeading} data-testid="verify-heading">
        <span className={`badge ${BADGE[status]} ${styles.statusBadge}`}>
          <StatusIcon status={status} />
          {t(`status.${status}`)}
        </span>
        <span>{t(`headline.${status}`)}</span>
      </h2>
      {status !== "Unknown" && (
        <p className={styles.verdict} data-testid="verify-verdict">
          {t(`verdict.${status}`, { type: typeName, agency: agencyName })}
        </p>
      )}
      <p data-testid="verify-explain">{explanation}</p>
      {check.indexMismatch && <RevocationMismatch kind={check.indexMismatch} />}
      {status === "Revoked" && <SourceNote fallback={check.fallback ?? null} retry={false} />}
      {status === "Unknown" && source === "file" && (
        <div className={styles.needReceipt} data-testid="verify-needs-receipt">
          <p>{t("explain.needReceipt")}</p>
          {onPickReceipt && (
            <button type="button" onClick={onPickReceipt} data-testid="verify-pick-receipt">
              {t("explain.pickReceipt")}
            </button>
          )}
        </div>
      )}
      {source === "link" && status !== "Unknown" && (
        <p className="note" data-testid="verify-from-link">
          {t("explain.fromLink")}
        </p>
      )}
      {source === "linkFile" && (
        <p className="note" data-testid="verify-link-confirmed">
          {t("explain.linkConfirmed")}
        </p>
      )}

      {status !== "Unknown" && (
        <dl className={styles.facts}>
          <dt>{t("details.type")}</dt>
          <dd data-testid="verify-doc-type">{typeName}</dd>
          <dt>{t("details.agency")}</dt>
          <dd data-testid="verify-agency">{agencyName}</dd>
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
              <dd data-testid="verify-reason" data-source={check.revocationSource ?? undefined}>
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
        <p className={styles.wrap}>
          {t("details.fingerprint")}: <code data-testid="verify-fingerprint">{link.fingerprint}</code>
        </p>
        {salted && (
          <p className={styles.wrap}>
            {t("details.anchor")}: <code data-testid="verify-anchor">{check.query.anchor}</code>
          </p>
        )}
        {check.query.root !== ZERO_HASH && (
          <p className={styles.wrap}>{t("details.batch", { root: check.query.root })}</p>
        )}
      </details>

      <ShareLink query={shareQuery(link)} salted={salted} />
    </section>
  );
}
