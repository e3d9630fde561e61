"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { ErrorText } from "@/components/ErrorText";
import { contracts } from "@/lib/contracts";
import { type AgencyReport, type DecodedError, decodeError } from "@layanan/core";
import { DATE_TIME } from "@/lib/public/format";
import { loadTransparency } from "@/lib/public/read";
import { AgencyStatsCard } from "./AgencyStatsCard";
import { OutcomeChart } from "./OutcomeChart";
import styles from "./public.module.css";

type State =
  | { kind: "loading"; previous?: { agencies: AgencyReport[]; at: Date } }
  | { kind: "loaded"; agencies: AgencyReport[]; at: Date }
  | { kind: "error"; error: DecodedError };

/** Every agency's figures, read from the chain in the browser (no wallet). */
export function TransparencyBoard() {
  const t = useTranslations("transparency");
  const common = useTranslations("common");
  const format = useFormatter();
  const [state, setState] = useState<State>({ kind: "loading" });

  const load = useCallback(async (signal: { cancelled: boolean }) => {
    setState((s) => ({
      kind: "loading",
      previous: s.kind === "loaded" ? { agencies: s.agencies, at: s.at } : undefined,
    }));
    try {
      const agencies = await loadTransparency();
      if (!signal.cancelled) setState({ kind: "loaded", agencies, at: new Date() });
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

  if (!contracts) {
    return (
      <p role="status" className="error" data-testid="transparency-not-deployed">
        {t("notDeployed")}
      </p>
    );
  }

  const shown = state.kind === "loaded" ? state : state.kind === "loading" ? state.previous : undefined;

  return (
    <div aria-busy={state.kind === "loading"} data-testid="transparency" data-state={state.kind}>
      {state.kind === "error" && <ErrorText error={state.error} />}
      <div className={styles.toolbar}>
        <button
          type="button"
          className="secondary"
          onClick={() => void load({ cancelled: false })}
          disabled={state.kind === "loading"}
        >
          {state.kind === "error" ? common("retry") : t("refresh")}
        </button>
        <span role="status" aria-live="polite" className="note">
          {state.kind === "loading"
            ? t("loading")
            : shown
              ? t("updated", { time: format.dateTime(shown.at, DATE_TIME) })
              : ""}
        </span>
      </div>

      {shown && shown.agencies.length === 0 && <p>{t("empty")}</p>}
      {shown && shown.agencies.length > 0 && (
        <>
          {shown.agencies.map((agency) => (
            <AgencyStatsCard key={agency.id} agency={agency} />
          ))}
          <OutcomeChart agencies={shown.agencies} />
        </>
      )}
    </div>
  );
}
