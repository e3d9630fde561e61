"use client";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { formatDate, formatDateTime } from "@/lib/citizen/format";
import { useCatalogue, useClaims } from "@/lib/citizen/hooks";
import { type Catalogue, type ClaimGroup, type ClaimStatus, type ClaimView, findAgency } from "@layanan/core";
import { Loading } from "@/components/Loading";
import { CitizenGate } from "./CitizenGate";
import { QueryError } from "@/components/QueryError";
import { ReadError } from "@/components/data/ReadError";
import { SourceNote } from "@/components/data/SourceNote";
import styles from "./citizen.module.css";

const tone: Record<ClaimStatus, string> = {
  valid: "ok",
  expired: "warn",
  revoked: "bad",
  superseded: "",
  suspended: "warn",
  untrusted: "warn",
};

function ClaimCard({ claim, catalogue, now }: { claim: ClaimView; catalogue: Catalogue; now: number }) {
  const t = useTranslations("citizen.claims");
  const tCommon = useTranslations("common");
  const locale = useLocale();
  const agency = findAgency(catalogue, claim.agencyId);
  const expiresSoon = claim.status === "valid" && claim.expiresAt !== 0 && claim.expiresAt - now < 30 * 86_400;
  return (
    <li
      className="card"
      data-testid="claim"
      data-status={claim.status}
      data-claim-type={claim.claimType}
      data-current={claim.current}
      data-level={claim.level}
    >
      <div className={styles.cardHead}>
        <h3>
          {claim.current
            ? t("current", { agency: agency?.name ?? t("unknownAgency", { id: claim.agencyId }) })
            : t("older", { agency: agency?.name ?? t("unknownAgency", { id: claim.agencyId }) })}
        </h3>
        <span className={`badge ${tone[claim.status]}`}>{t(`status.${claim.status}`)}</span>
      </div>
      <p className="note">{t(`statusHelp.${claim.status}`)}</p>
      <dl className={styles.meta}>
        <dt>{t("level")}</dt>
        <dd>{tCommon(`level.${claim.level}`)}</dd>
        <dt>{t("issuedBy")}</dt>
        <dd>
          {agency?.name ?? t("unknownAgency", { id: claim.agencyId })}
          {agency && !agency.active ? ` (${t("agencySuspended")})` : ""}
        </dd>
        <dt>{t("issuedAt")}</dt>
        <dd>{formatDateTime(locale, claim.issuedAt)}</dd>
        <dt>{t("expiresAt")}</dt>
        <dd>
          {claim.expiresAt === 0 ? t("neverExpires") : formatDate(locale, claim.expiresAt)}
          {expiresSoon ? ` · ${t("expiresSoon")}` : ""}
        </dd>
        {claim.revokedAt !== 0 && (
          <>
            <dt>{t("revokedAt")}</dt>
            <dd>{formatDateTime(locale, claim.revokedAt)}</dd>
          </>
        )}
      </dl>
      <details className={styles.technical}>
        <summary>{t("technical")}</summary>
        <p className="note">{t("technicalNote")}</p>
        <dl className={styles.meta}>
          <dt>{t("uid")}</dt>
          <dd className="mono">{claim.uid}</dd>
          {claim.dataHash && (
            <>
              <dt>{t("dataHash")}</dt>
              <dd className="mono">{claim.dataHash}</dd>
            </>
          )}
        </dl>
      </details>
    </li>
  );
}

function ClaimSection({ group, catalogue, now }: { group: ClaimGroup; catalogue: Catalogue; now: number }) {
  const t = useTranslations("citizen.claims");
  const issuers = group.claimType.issuers.map((id) => findAgency(catalogue, id)?.name).filter(Boolean) as string[];
  // Each agency keeps its own current attestation: the claim counts when any of them is valid.
  const currents = group.attestations.filter((a) => a.current);
  const valid = group.attestations.some((a) => a.status === "valid");
  const headingId = `claim-${group.claimType.id.slice(2, 12)}`;
  return (
    <section aria-labelledby={headingId} data-testid="claim-type" data-claim-type={group.claimType.id}>
      <h2 id={headingId}>{group.claimType.description}</h2>
      {!valid && (
        <p>
          {group.attestations.length > 0 ? t("getAgain") : t("none")}{" "}
          {issuers.length > 0 ? t("getFrom", { agencies: issuers.join(", ") }) : t("noIssuer")}
        </p>
      )}
      {currents.length > 1 && (
        <p className="note" data-testid="claim-several-agencies">
          {t("severalAgencies", { count: currents.length })}
        </p>
      )}
      {group.attestations.length > 0 && (
        <ul className={styles.list}>
          {group.attestations.map((claim) => (
            <ClaimCard key={claim.uid} claim={claim} catalogue={catalogue} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Claims({ address }: { address: `0x${string}` }) {
  const t = useTranslations("citizen.claims");
  const catalogue = useCatalogue();
  const claims = useClaims(address, catalogue.data);
  if (catalogue.error) return <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />;
  if (claims.error) return <ReadError error={claims.error} onRetry={() => claims.refetch()} />;
  if (!catalogue.data || !claims.data) return <Loading />;
  const { groups, now, source, fallback } = claims.data;
  const held = groups.filter((g) => g.attestations.length > 0).length;
  return (
    <div data-testid="claims" data-source={source}>
      <SourceNote fallback={fallback} retry={false} />
      {groups.length === 0 ? <p>{t("noClaimTypes")}</p> : held === 0 && <p data-testid="no-claims">{t("noneAtAll")}</p>}
      {groups.map((group) => (
        <ClaimSection key={group.claimType.id} group={group} catalogue={catalogue.data} now={now} />
      ))}
      <p className="note">
        {t("servicesHint")} <Link href="/services">{t("servicesLink")}</Link>
      </p>
    </div>
  );
}

/** /claims: what agencies attested about the connected wallet, and whether each claim counts now. */
export function ClaimsView() {
  const t = useTranslations("citizen.claims");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className={styles.intro}>{t("intro")}</p>
      <CitizenGate purpose="claims">{(address) => <Claims address={address} />}</CitizenGate>
    </>
  );
}
