"use client";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { type RequestDetail, STATUS_NAMES, type TimelineEntry, ZERO_HASH } from "@layanan/core";
import { formatDateTime, shortHex } from "@/lib/citizen/format";
import { Link } from "@/i18n/navigation";
import { shortAddress } from "@/components/ConnectBar";
import styles from "./citizen.module.css";

const statusName = (status: number) => STATUS_NAMES[status] ?? "None";

function Entry({ entry, request }: { entry: TimelineEntry; request: RequestDetail }) {
  const t = useTranslations("citizen.timeline");
  const tCommon = useTranslations("common");
  const tRating = useTranslations("citizen.rating");
  const locale = useLocale();
  const byCitizen = (by: string) => by.toLowerCase() === request.citizen.toLowerCase();
  const who = (by: `0x${string}`) => (byCitizen(by) ? t("byCitizen") : t("byOfficer", { address: shortAddress(by) }));

  let title: string;
  let body: ReactNode = null;
  switch (entry.kind) {
    case "submitted":
      title = t("submitted");
      body = (
        <>
          {entry.summary ? <p className={styles.quote}>{entry.summary}</p> : <p className="note">{t("noSummary")}</p>}
          {entry.contentHash !== ZERO_HASH && (
            <p className="note">{t("privateCommitted", { hash: shortHex(entry.contentHash) })}</p>
          )}
        </>
      );
      break;
    case "status": {
      const to = statusName(entry.to);
      if (to === "Cancelled") title = t("cancelled", { who: who(entry.by) });
      else if (statusName(entry.from) === "NeedsInfo" && to === "InProgress" && byCitizen(entry.by))
        title = t("responded");
      else
        title = t("statusChanged", {
          from: tCommon(`status.${statusName(entry.from)}`),
          to: tCommon(`status.${to}`),
          who: who(entry.by),
        });
      body = (
        <>
          {entry.note && (
            <>
              <span className={`note ${styles.entryTitle}`}>{t("publicNote")}</span>
              <p className={styles.quote}>{entry.note}</p>
            </>
          )}
          {entry.noteHash !== ZERO_HASH && (
            <p className="note">{t("privateCommitted", { hash: shortHex(entry.noteHash) })}</p>
          )}
        </>
      );
      break;
    }
    case "duplicate":
      title = t("duplicate", { who: who(entry.by) });
      body = (
        <p>
          <Link href={`/requests/${entry.originalId}`} data-testid="duplicate-of">
            {t("seeOriginal", { id: entry.originalId.toString() })}
          </Link>
        </p>
      );
      break;
    case "escalated":
      title = t("escalated");
      body = <p className="note">{t("escalatedDue", { due: formatDateTime(locale, entry.dueAt) })}</p>;
      break;
    case "rated":
      title = t("rated", { label: tRating(String(entry.score)), score: entry.score });
      break;
  }
  return (
    <li data-testid="timeline-entry" data-kind={entry.kind}>
      <time dateTime={new Date(entry.time * 1000).toISOString()}>{formatDateTime(locale, entry.time)}</time>
      <strong className={styles.entryTitle}>{title}</strong>
      {body}
    </li>
  );
}

/** The request's history, built from its events, oldest first. */
export function RequestTimeline({ request }: { request: RequestDetail }) {
  const t = useTranslations("citizen.timeline");
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("title")}</h2>
      <ol className={styles.timeline} data-testid="timeline">
        {request.timeline.map((entry) => (
          <Entry key={`${entry.blockNumber}-${entry.logIndex}`} entry={entry} request={request} />
        ))}
      </ol>
    </section>
  );
}
