"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useCatalogue, useCitizen, useEligibility } from "@/lib/citizen/hooks";
import { type Catalogue, findAgency, findClaimType, isOpenService, type ServiceInfo } from "@layanan/core";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { Sla } from "./Sla";
import styles from "./citizen.module.css";

/** What a service requires, in words. */
export function Requirement({ service, catalogue }: { service: ServiceInfo; catalogue: Catalogue }) {
  const t = useTranslations("citizen.services");
  const tCommon = useTranslations("common");
  if (isOpenService(service)) return <>{t("openToAnyone")}</>;
  const claimType = findClaimType(catalogue, service.requiredClaim);
  return (
    <>
      {t("needsClaim", { claim: claimType?.description ?? service.requiredClaim })}
      <br />
      <span className="note">{t("minimumLevel", { level: tCommon(`level.${service.minLevel}`) })}</span>
    </>
  );
}

/** Why a citizen cannot apply yet, and where to get the claim. */
export function MissingClaim({ service, catalogue }: { service: ServiceInfo; catalogue: Catalogue }) {
  const t = useTranslations("citizen.services");
  const tCommon = useTranslations("common");
  const claimType = findClaimType(catalogue, service.requiredClaim);
  const issuers = (claimType?.issuers ?? []).map((id) => findAgency(catalogue, id)?.name).filter(Boolean) as string[];
  return (
    <div className="note" role="note" data-testid="missing-claim">
      <p className="warning">
        {t("cannotApply", { claim: claimType?.description ?? "", level: tCommon(`levelShort.${service.minLevel}`) })}
      </p>
      <p>
        {issuers.length > 0 ? t("whereToGet", { agencies: issuers.join(", ") }) : t("noIssuer")}{" "}
        <Link href="/claims">{t("seeMyClaims")}</Link>
      </p>
    </div>
  );
}

function ServiceCard({
  service,
  catalogue,
  eligible,
}: {
  service: ServiceInfo;
  catalogue: Catalogue;
  eligible: boolean | undefined;
}) {
  const t = useTranslations("citizen.services");
  const agency = findAgency(catalogue, service.agencyId);
  const agencyActive = agency?.active !== false;
  const accepting = service.active && agencyActive;
  const headingId = `service-${service.id}`;
  return (
    <li
      className="card"
      data-testid="service"
      data-service-id={service.id}
      data-active={service.active}
      data-eligible={eligible === undefined ? "unknown" : String(eligible)}
    >
      <div className={styles.cardHead}>
        <h2 id={headingId}>{service.name}</h2>
        {!service.active && (
          <span className="badge bad" data-testid="service-inactive">
            {t("inactive")}
          </span>
        )}
        {service.active && !agencyActive && <span className="badge warn">{t("agencySuspended")}</span>}
      </div>
      <dl className={styles.meta}>
        <dt>{t("agency")}</dt>
        <dd>{agency?.name ?? `#${service.agencyId}`}</dd>
        <dt>{t("sla")}</dt>
        <dd>
          <Sla seconds={service.slaSeconds} />
        </dd>
        <dt>{t("requirement")}</dt>
        <dd>
          <Requirement service={service} catalogue={catalogue} />
        </dd>
      </dl>
      {!accepting ? (
        <p className="note">{service.active ? t("agencySuspendedNote") : t("inactiveNote")}</p>
      ) : eligible === false ? (
        <MissingClaim service={service} catalogue={catalogue} />
      ) : (
        <div className={styles.actions}>
          <Link
            href={`/requests/new?service=${service.id}`}
            className="button"
            data-testid="apply"
            aria-describedby={headingId}
          >
            {t("apply")}
            {/* The service in the link's name: each "Ajukan" leads to its own form. */}
            <span className="visually-hidden"> {service.name}</span>
          </Link>
        </div>
      )}
    </li>
  );
}

/** /services: the catalogue, with what each service requires and whether the connected citizen may apply. */
export function ServiceCatalogue() {
  const t = useTranslations("citizen.services");
  const tErrors = useTranslations("errors");
  const { address, deployed } = useCitizen();
  const catalogue = useCatalogue();
  const eligibility = useEligibility(address, catalogue.data);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className={styles.intro}>{t("intro")}</p>
      {!deployed ? (
        <p className="error">{tErrors("notDeployed")}</p>
      ) : catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : (
        <>
          {!address && <p className="note">{t("connectToCheck")}</p>}
          {catalogue.data.services.length === 0 ? (
            <p>{t("empty")}</p>
          ) : (
            <ul className={styles.list} data-testid="services">
              {catalogue.data.services.map((service) => (
                <ServiceCard
                  key={service.id}
                  service={service}
                  catalogue={catalogue.data}
                  eligible={address ? eligibility.data?.[service.id] : undefined}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
