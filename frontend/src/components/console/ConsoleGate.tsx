"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ConnectPrompt } from "@/components/ConnectPrompt";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { useCitizen } from "@/lib/citizen/hooks";
import { useRole } from "@/lib/console/hooks";
import type { Role } from "@layanan/core";
import { ConsoleNav } from "./ConsoleNav";

export type Need = "any" | "officer" | "admin" | "governor";

function allowed(role: Role, need: Need): boolean {
  if (need === "officer") return role.officer;
  if (need === "admin") return role.admin;
  if (need === "governor") return role.governor;
  return role.agencyId !== 0 || role.governor;
}

/**
 * Renders a console page's controls only for a wallet that may use them (read from the directory);
 * any other wallet sees a plain explanation and no controls. The contract checks again anyway.
 */
export function ConsoleGate({ need, children }: { need: Need; children: (role: Role) => ReactNode }) {
  const t = useTranslations("console.gate");
  const tErrors = useTranslations("errors");
  const { address, connecting, deployed } = useCitizen();
  const role = useRole();
  if (!deployed) return <p className="error">{tErrors("notDeployed")}</p>;
  if (connecting) return <Loading />;
  if (!address) return <ConnectPrompt purpose="console" />;
  if (role.error) return <QueryError error={role.error} onRetry={() => role.refetch()} />;
  if (!role.data) return <Loading />;
  const ok = allowed(role.data, need);
  return (
    <>
      <ConsoleNav role={role.data} />
      {ok ? (
        children(role.data)
      ) : (
        <section className="card" data-testid="no-role" aria-labelledby="no-role-title">
          <h2 id="no-role-title">{t("title")}</h2>
          <p>{t(`need.${need}`)}</p>
          {role.data.agencyId !== 0 && !role.data.agencyActive && <p className="warning">{t("suspended")}</p>}
          <p className="note">{t("citizenHint")}</p>
        </section>
      )}
    </>
  );
}
