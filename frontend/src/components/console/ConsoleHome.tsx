"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { ConsoleGate } from "./ConsoleGate";

/** The console's landing page: the wallet's roles and the work each allows. */
export function ConsoleHome() {
  const t = useTranslations("console");
  return (
    <>
      <h1>{t("home.heading")}</h1>
      <p>{t("home.intro")}</p>
      <ConsoleGate need="any">
        {(role) => {
          const agency = role.agencyName;
          const cards = [
            role.officer && ["queue", "/console/queue"],
            role.officer && ["attest", "/console/attest"],
            role.officer && ["documents", "/console/documents"],
            role.admin && ["agency", "/console/agency"],
            role.governor && ["governor", "/console/governor"],
          ].filter((card): card is [string, string] => Boolean(card));
          return (
            <>
              <ul className="role-list" data-testid="roles">
                {role.officer && <li>{t("home.roles.officer", { agency })}</li>}
                {role.admin && <li>{t("home.roles.admin", { agency })}</li>}
                {role.agencyId !== 0 && !role.agencyActive && (
                  <li className="warning">{t("home.roles.suspended", { agency })}</li>
                )}
                {role.governor && <li>{t("home.roles.governor")}</li>}
              </ul>
              {cards.map(([id, href]) => (
                <section key={id} className="card">
                  <h2>
                    <Link href={href}>{t(`nav.${id}`)}</Link>
                  </h2>
                  <p>{t(`home.cards.${id}`)}</p>
                </section>
              ))}
            </>
          );
        }}
      </ConsoleGate>
    </>
  );
}
