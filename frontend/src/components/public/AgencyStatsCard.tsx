"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { type AgencyReport, durationParts, summarize } from "@layanan/core";
import styles from "./public.module.css";

const GRADE_CLASS = { A: styles.gradeA, B: styles.gradeB, C: styles.gradeC, D: styles.gradeD } as const;

/** One agency's public figures and its IKM score and grade. */
export function AgencyStatsCard({ agency }: { agency: AgencyReport }) {
  const t = useTranslations("transparency");
  const format = useFormatter();
  const headingId = useId();
  const { stats } = agency;
  const summary = summarize(stats);

  const duration = (() => {
    if (summary.averageResolutionSeconds === null) return t("figures.noneCompleted");
    const { value, unit } = durationParts(summary.averageResolutionSeconds);
    return t(`duration.${unit}`, { value: format.number(value), count: value });
  })();

  // `text`: a sentence rather than a figure, shown smaller.
  const figures: Array<{ key: string; label: string; value: string; text?: boolean }> = [
    { key: "submitted", label: t("figures.submitted"), value: format.number(stats.submitted) },
    { key: "open", label: t("figures.open"), value: format.number(stats.open) },
    { key: "completed", label: t("figures.completed"), value: format.number(stats.completed) },
    {
      key: "onTime",
      label: t("figures.onTime"),
      value:
        summary.onTimePercent === null
          ? t("figures.noneCompleted")
          : format.number(summary.onTimePercent / 100, { style: "percent", maximumFractionDigits: 0 }),
      text: summary.onTimePercent === null,
    },
    {
      key: "averageResolution",
      label: t("figures.averageResolution"),
      value: duration,
      text: summary.averageResolutionSeconds === null || summary.averageResolutionSeconds < 60,
    },
    { key: "escalated", label: t("figures.escalated"), value: format.number(stats.escalated) },
  ];

  const { ikm } = summary;
  return (
    <article
      className={`card ${styles.agency}`}
      aria-labelledby={headingId}
      data-testid="agency-stats"
      data-agency-id={agency.id}
    >
      <h2 id={headingId}>{agency.name}</h2>
      <div className={styles.agencyHead}>
        <span className={styles.code}>{t("agencyCode", { code: agency.code })}</span>
        {!agency.active && <span className="badge warn">{t("inactive")}</span>}
      </div>

      <ul className={styles.figures} aria-label={t("figures.label", { agency: agency.name })}>
        {figures.map((f) => (
          <li key={f.key} className={styles.figure} data-figure={f.key}>
            <span className={f.text ? styles.figureText : styles.figureValue}>{f.value}</span>
            <span className={styles.figureLabel}>{f.label}</span>
          </li>
        ))}
      </ul>
      <p className={styles.others}>
        {t("figures.others", {
          rejected: format.number(stats.rejected),
          cancelled: format.number(stats.cancelled),
          duplicates: format.number(stats.duplicates),
        })}
      </p>

      <div
        className={styles.ikm}
        data-testid="ikm"
        data-score={ikm ? ikm.value.toFixed(2) : ""}
        data-grade={ikm?.grade ?? ""}
      >
        <span>{t("ikm.title")}</span>
        {ikm ? (
          <>
            <span className={styles.ikmScore}>
              {t("ikm.score", {
                score: format.number(ikm.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
              })}
            </span>
            <span>
              <span className={`${styles.grade} ${GRADE_CLASS[ikm.grade]}`}>
                {t("ikm.grade", { grade: ikm.grade })}
              </span>{" "}
              {t(`ikm.gradeLabel.${ikm.grade}`)}
            </span>
            <span className="note">{t("ikm.from", { count: ikm.ratings })}</span>
          </>
        ) : (
          <strong>{t("ikm.none")}</strong>
        )}
      </div>
    </article>
  );
}
