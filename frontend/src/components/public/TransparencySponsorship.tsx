"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState } from "react";
import { formatEther } from "viem";
import { ErrorText } from "@/components/ErrorText";
import { contracts } from "@/lib/contracts";
import { type DecodedError, decodeError, type SponsorshipFigures } from "@layanan/core";
import type { Sourced } from "@/lib/reads/source";
import { loadSponsorship, type SponsorshipReport } from "@/lib/reads/sponsorship";
import styles from "./public.module.css";

type State =
  | { kind: "loading" }
  | { kind: "loaded"; report: Sourced<SponsorshipReport | null> }
  | { kind: "error"; error: DecodedError };

/**
 * "What the city paid for": the fees of citizens' passkey accounts that the city's paymaster paid,
 * per month (each month's days inside) and per agency service over the last twelve months, with the
 * totals since the start. From the indexer only: without it, a note says the figures need it.
 */
export function TransparencySponsorship() {
  const t = useTranslations("transparency.sponsorship");
  const common = useTranslations("common");
  const format = useFormatter();
  const headingId = useId();
  const monthsId = useId();
  const servicesId = useId();
  const [state, setState] = useState<State>({ kind: "loading" });

  const load = useCallback(async (signal: { cancelled: boolean }) => {
    setState({ kind: "loading" });
    try {
      const report = await loadSponsorship();
      if (!signal.cancelled) setState({ kind: "loaded", report });
    } catch (error) {
      if (!signal.cancelled) setState({ kind: "error", error: decodeError(error) });
    }
  }, []);

  useEffect(() => {
    if (!contracts) return;
    const signal = { cancelled: false };
    void load(signal);
    return () => {
      signal.cancelled = true;
    };
  }, [load]);

  if (!contracts) return null;

  const eth = (wei: bigint) =>
    t("eth", { value: format.number(Number(formatEther(wei)), { maximumFractionDigits: 6 }) });
  const month = (period: string) =>
    format.dateTime(new Date(`${period}-01T00:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" });
  const day = (period: string) =>
    format.dateTime(new Date(`${period}T00:00:00Z`), { day: "numeric", month: "long", timeZone: "UTC" });
  const cells = (f: SponsorshipFigures) => (
    <>
      <td className={styles.numeric}>{format.number(f.operations)}</td>
      <td className={styles.numeric}>{eth(f.paidWei)}</td>
      <td className={styles.numeric}>{format.number(f.accountsCreated)}</td>
    </>
  );
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className={styles.numeric}>
          {t("operations")}
        </th>
        <th scope="col" className={styles.numeric}>
          {t("paid")}
        </th>
        <th scope="col" className={styles.numeric}>
          {t("accountsCreated")}
        </th>
      </tr>
    </thead>
  );

  const sourced = state.kind === "loaded" ? state.report : null;
  const report = sourced?.data ?? null;

  return (
    <section
      className="card"
      aria-labelledby={headingId}
      aria-busy={state.kind === "loading"}
      data-testid="sponsorship"
      data-state={state.kind}
      data-source={sourced?.source ?? ""}
    >
      <h2 id={headingId}>{t("title")}</h2>
      <p>{t("intro")}</p>
      {state.kind === "loading" && (
        <p role="status" className="note">
          {t("loading")}
        </p>
      )}
      {state.kind === "error" && (
        <>
          <ErrorText error={state.error} />
          <button type="button" className="secondary" onClick={() => void load({ cancelled: false })}>
            {common("retry")}
          </button>
        </>
      )}
      {sourced && report === null && (
        <p role="status" className="note" data-testid="sponsorship-needs-indexer">
          {t("needsIndexer")}{" "}
          {sourced.fallback && (
            <button type="button" className="secondary" onClick={() => void load({ cancelled: false })}>
              {common("retry")}
            </button>
          )}
        </p>
      )}
      {report && report.paymaster === null && <p data-testid="sponsorship-none">{t("notDeployed")}</p>}
      {report && report.paymaster !== null && (
        <>
          <ul className={styles.figures} aria-label={t("totalsLabel")} data-testid="sponsorship-totals">
            <li className={styles.figure} data-figure="operations">
              <span className={styles.figureValue}>{format.number(report.totals.operations)}</span>
              <span className={styles.figureLabel}>{t("totalOperations")}</span>
            </li>
            <li className={styles.figure} data-figure="paid">
              <span className={styles.figureValue}>{eth(report.totals.paidWei)}</span>
              <span className={styles.figureLabel}>{t("totalPaid")}</span>
            </li>
            <li className={styles.figure} data-figure="accountsCreated">
              <span className={styles.figureValue}>{format.number(report.totals.accountsCreated)}</span>
              <span className={styles.figureLabel}>{t("totalAccounts")}</span>
            </li>
          </ul>
          {report.totals.failed > 0 && <p className="note">{t("failed", { count: report.totals.failed })}</p>}

          {report.months.length === 0 ? (
            <p>{t("empty")}</p>
          ) : (
            <>
              <h3 id={monthsId}>{t("perMonth")}</h3>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={monthsId}>
                <table className={styles.compact} aria-labelledby={monthsId} data-testid="sponsorship-months">
                  {head(t("month"))}
                  <tbody>
                    {report.months.map((m) => (
                      <tr key={m.period} data-month={m.period}>
                        <th scope="row">
                          <details>
                            <summary>{month(m.period)}</summary>
                            <ul className="note">
                              {m.days.map((d) => (
                                <li key={d.period} data-day={d.period}>
                                  {t("dayLine", {
                                    day: day(d.period),
                                    operations: format.number(d.operations),
                                    paid: eth(d.paidWei),
                                    accounts: format.number(d.accountsCreated),
                                  })}
                                </li>
                              ))}
                            </ul>
                          </details>
                        </th>
                        {cells(m)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>

              <h3 id={servicesId}>{t("perService")}</h3>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={servicesId}>
                <table className={styles.compact} aria-labelledby={servicesId} data-testid="sponsorship-services">
                  {head(t("service"))}
                  <tbody>
                    {report.services.map((s) => (
                      <tr key={s.serviceId} data-service-id={s.serviceId}>
                        <th scope="row">
                          {s.serviceId === 0
                            ? t("noService")
                            : t("serviceOf", {
                                service: s.serviceName ?? t("serviceNumber", { id: s.serviceId }),
                                agency: s.agencyName ?? t("agencyNumber", { id: s.agencyId }),
                              })}
                        </th>
                        {cells(s)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="note">{t("howCounted")}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
