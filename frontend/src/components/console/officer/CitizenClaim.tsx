"use client";
import { useTranslations } from "next-intl";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { shortHex } from "@/lib/citizen/format";
import { type Catalogue, findClaimType, type ServiceInfo } from "@layanan/core";
import { useCitizenClaim } from "./data";
import styles from "./officer.module.css";

/**
 * Whether the applicant holds the service's required claim now, and at what level: read from
 * CitizenAttestations (hasValidClaim, currentAttestation, getAttestation's level, isValid). No
 * personal data: the attestation's dataHash is never read out, only its level and validity.
 */
export function CitizenClaim({
  citizen,
  service,
  catalogue,
}: {
  citizen: `0x${string}`;
  service: ServiceInfo | undefined;
  catalogue: Catalogue | undefined;
}) {
  const t = useTranslations("officer.request.claim");
  const claim = useCitizenClaim(citizen, service);
  let body;
  if (claim.error) body = <QueryError error={claim.error} onRetry={() => claim.refetch()} />;
  else if (!claim.data) body = <Loading />;
  else {
    const data = claim.data;
    let text: string;
    if (data.open) text = t("open");
    else {
      const name = findClaimType(catalogue, data.claimType)?.description ?? shortHex(data.claimType);
      const values = { claim: name, min: data.minLevel, answer: data.eligible ? t("yes") : t("no") };
      if (data.current === null) text = t("none", values);
      else text = t(data.current.valid ? "holds" : "holdsInvalid", { ...values, level: data.current.level });
    }
    body = (
      <p className={styles.eligible} data-testid="citizen-claim" data-eligible={String(data.eligible)}>
        {text}
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="citizen-claim-title">
      <h2 id="citizen-claim-title">{t("title")}</h2>
      {body}
      <p className="note">{t("privacy")}</p>
    </section>
  );
}
