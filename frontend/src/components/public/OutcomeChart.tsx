"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { AgencyReport } from "@layanan/core";
import { OUTCOMES } from "./outcomes";
import styles from "./public.module.css";

/**
 * Requests by outcome per agency: a stacked bar chart (agencies by their short code) with its title
 * and description, followed by a table with the same figures for screen readers and small screens.
 */
export function OutcomeChart({ agencies }: { agencies: AgencyReport[] }) {
  const t = useTranslations("transparency");
  const format = useFormatter();
  const titleId = useId();
  const descId = useId();
  const tableId = useId();
  const data = agencies.map((a) => ({
    code: a.code || `#${a.id}`,
    name: a.name,
    completed: a.stats.completed,
    rejected: a.stats.rejected,
    cancelled: a.stats.cancelled,
    duplicates: a.stats.duplicates,
    open: a.stats.open,
  }));
  const totals = Object.fromEntries(
    OUTCOMES.map(({ key }) => [key, data.reduce((sum, row) => sum + row[key], 0)]),
  ) as Record<(typeof OUTCOMES)[number]["key"], number>;
  const rowTotal = (row: (typeof data)[number]) => OUTCOMES.reduce((sum, { key }) => sum + row[key], 0);
  const height = 60 + data.length * 52;

  return (
    <figure
      className={`card ${styles.chart}`}
      aria-labelledby={titleId}
      aria-describedby={descId}
      data-testid="outcome-chart"
    >
      <figcaption>
        <strong id={titleId}>{t("chart.title")}</strong>
        <span id={descId} className="note">
          {t("chart.desc")}
        </span>
      </figcaption>
      <ul className={styles.legend} aria-hidden="true">
        {OUTCOMES.map(({ key, color }) => (
          <li key={key}>
            <span className={styles.swatch} style={{ background: color }} />
            {t(`outcome.${key}`)}
          </li>
        ))}
      </ul>
      <div className={styles.chartBox} style={{ height }}>
        <BarChart
          responsive
          style={{ width: "100%", height: "100%" }}
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 12, bottom: 8, left: 4 }}
          title={t("chart.title")}
          desc={t("chart.desc")}
        >
          <CartesianGrid horizontal={false} stroke="#d0d7de" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: "#57606a", fontSize: 12 }} />
          <YAxis type="category" dataKey="code" width={110} tick={{ fill: "#1f2328", fontSize: 12 }} />
          <Tooltip
            formatter={(value, name) => [
              format.number(Number(value)),
              t(`outcome.${name as (typeof OUTCOMES)[number]["key"]}`),
            ]}
            labelFormatter={(label, payload) => payload?.[0]?.payload?.name ?? String(label)}
          />
          {OUTCOMES.map(({ key, color }) => (
            <Bar key={key} dataKey={key} name={key} stackId="outcome" fill={color} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <p id={tableId} className={styles.tableCaption}>
        {t("chart.tableCaption")}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={tableId}>
        <table data-testid="outcome-table" aria-labelledby={tableId} className={styles.compact}>
          <thead>
            <tr>
              <th scope="col">{t("chart.agency")}</th>
              {OUTCOMES.map(({ key }) => (
                <th scope="col" key={key} className={styles.numeric}>
                  {t(`outcome.${key}`)}
                </th>
              ))}
              <th scope="col" className={styles.numeric}>
                {t("chart.total")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.code}>
                <th scope="row">
                  <abbr title={row.name}>{row.code}</abbr>
                </th>
                {OUTCOMES.map(({ key }) => (
                  <td key={key} className={styles.numeric}>
                    {format.number(row[key])}
                  </td>
                ))}
                <td className={styles.numeric}>{format.number(rowTotal(row))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("chart.allAgencies")}</th>
              {OUTCOMES.map(({ key }) => (
                <td key={key} className={styles.numeric}>
                  {format.number(totals[key])}
                </td>
              ))}
              <td className={styles.numeric}>
                {format.number(OUTCOMES.reduce((sum, { key }) => sum + totals[key], 0))}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}
