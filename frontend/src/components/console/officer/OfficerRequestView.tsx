"use client";
import { useLocale, useTranslations } from "next-intl";
import { Loading } from "@/components/Loading";
import { RequestMismatch } from "@/components/data/IndexMismatch";
import { ReadError } from "@/components/data/ReadError";
import { SourceNote } from "@/components/data/SourceNote";
import { RequestTimeline } from "@/components/citizen/RequestTimeline";
import { EscalatedBadge, OverdueBadge, StatusBadge } from "@/components/citizen/StatusBadge";
import citizenStyles from "@/components/citizen/citizen.module.css";
import { Link } from "@/i18n/navigation";
import { formatDateTime, formatRelative } from "@/lib/citizen/format";
import { useCatalogue, useChainNow, useRequestDetail } from "@/lib/citizen/hooks";
import { findAgency, findService, isOpenStatus, isOverdueAt, type RequestDetail, type Role } from "@layanan/core";
import { ConsoleGate } from "../ConsoleGate";
import { CitizenClaim } from "./CitizenClaim";
import { OfficerActions } from "./OfficerActions";
import styles from "./officer.module.css";

function OfficerRequest({ request, role }: { request: RequestDetail; role: Role }) {
  const t = useTranslations("officer.request");
  const locale = useLocale();
  const catalogue = useCatalogue();
  const chainNow = useChainNow();
  const now = chainNow !== undefined ? Math.max(chainNow, request.now) : request.now;
  const service = findService(catalogue.data, request.serviceId);
  const agencyId = service?.agencyId ?? request.agencyId;
  const agency = findAgency(catalogue.data, agencyId);
  const mine = agencyId === role.agencyId;
  const open = isOpenStatus(request.status);

  return (
    <>
      <section className="card" aria-labelledby="officer-request-title">
        <h2 id="officer-request-title">{service?.name ?? t("serviceN", { id: request.serviceId })}</h2>
        <div className={citizenStyles.row}>
          <StatusBadge status={request.statusName} testId="request-status" />
          {isOverdueAt(request, now) && <OverdueBadge />}
          {request.escalated && <EscalatedBadge />}
        </div>
        <dl className={citizenStyles.meta}>
          <dt>{t("agency")}</dt>
          <dd>{agency?.name ?? "…"}</dd>
          <dt>{t("summary")}</dt>
          <dd>
            {request.summary ? (
              <span className={citizenStyles.summary}>{request.summary}</span>
            ) : (
              <span className="note">{t("anonymous")}</span>
            )}
          </dd>
          <dt>{t("citizen")}</dt>
          <dd className="mono" data-testid="request-citizen">
            {request.citizen}
          </dd>
          <dt>{t("submittedAt")}</dt>
          <dd>{formatDateTime(locale, request.submittedAt)}</dd>
          <dt>{t("dueAt")}</dt>
          <dd data-testid="due-at">
            {formatDateTime(locale, request.dueAt)}
            {open && ` (${formatRelative(locale, request.dueAt - now)})`}
          </dd>
          {request.duplicateOf !== null && (
            <>
              <dt>{t("duplicateOf")}</dt>
              <dd>
                <Link href={`/console/requests/${request.duplicateOf}`} data-testid="original-link">
                  {t("seeOriginal", { id: request.duplicateOf.toString() })}
                </Link>
              </dd>
            </>
          )}
        </dl>
      </section>

      {!mine && (
        <p className={`card ${styles.notice}`} role="note" data-testid="other-agency">
          {t("otherAgency", { agency: agency?.name ?? `#${agencyId}` })}
        </p>
      )}

      <CitizenClaim citizen={request.citizen} service={service} catalogue={catalogue.data} />

      {mine && <OfficerActions request={request} />}

      <RequestTimeline request={request} />
    </>
  );
}

function Body({ id, role }: { id: string; role: Role }) {
  const t = useTranslations("officer.request");
  const valid = /^\d{1,30}$/.test(id) && BigInt(id) > 0n;
  const detail = useRequestDetail(valid ? BigInt(id) : undefined);
  if (!valid || detail.data === null)
    return (
      <p data-testid="request-unknown">
        {t("unknown", { id })} <Link href="/console/queue">{t("back")}</Link>
      </p>
    );
  if (detail.error) return <ReadError error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <Loading />;
  return (
    <div data-testid="request-record" data-source={detail.data.source}>
      <SourceNote fallback={detail.data.fallback} behind={detail.data.behind} retry={false} />
      <RequestMismatch fields={detail.data.mismatch} />
      <OfficerRequest request={detail.data.detail} role={role} />
    </div>
  );
}

/** /console/requests/<id>: a request as an officer of its agency works it (read-only for other agencies). */
export function OfficerRequestView({ id }: { id: string }) {
  const t = useTranslations("officer.request");
  const valid = /^\d{1,30}$/.test(id);
  return (
    <>
      <p className="note">
        <Link href="/console/queue">{t("back")}</Link>
      </p>
      <h1>{t("title", { id: valid ? id : "?" })}</h1>
      <ConsoleGate need="officer">{(role) => <Body id={id} role={role} />}</ConsoleGate>
    </>
  );
}
