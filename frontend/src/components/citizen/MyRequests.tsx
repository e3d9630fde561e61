"use client";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { formatDateTime, formatRelative } from "@/lib/citizen/format";
import { useCatalogue, useChainNow, useMyRequests } from "@/lib/citizen/hooks";
import { type Catalogue, findService, isOpenStatus, isOverdueAt, type RequestSummary } from "@layanan/core";
import { Loading } from "@/components/Loading";
import { CitizenGate } from "./CitizenGate";
import { QueryError } from "@/components/QueryError";
import { EscalatedBadge, OverdueBadge, StatusBadge } from "./StatusBadge";
import styles from "./citizen.module.css";

function RequestRow({
  request,
  catalogue,
  now,
}: {
  request: RequestSummary;
  catalogue: Catalogue | undefined;
  now: number | undefined;
}) {
  const t = useTranslations("citizen.requests");
  const locale = useLocale();
  const service = findService(catalogue, request.serviceId);
  const overdue = isOverdueAt(request, now);
  const open = isOpenStatus(request.status);
  return (
    <li
      className="card"
      data-testid="request-row"
      data-request-id={request.id.toString()}
      data-status={request.statusName}
      data-overdue={overdue}
    >
      <div className={styles.cardHead}>
        <Link href={`/requests/${request.id}`} className={styles.requestLink}>
          {t("rowTitle", {
            id: request.id.toString(),
            service: service?.name ?? t("serviceN", { id: request.serviceId }),
          })}
        </Link>
        <span className={styles.row}>
          <StatusBadge status={request.statusName} />
          {overdue && <OverdueBadge />}
          {request.escalated && <EscalatedBadge />}
        </span>
      </div>
      {request.summary ? <p className={styles.summary}>{request.summary}</p> : <p className="note">{t("noSummary")}</p>}
      <dl className={styles.meta}>
        <dt>{t("submittedAt")}</dt>
        <dd>{formatDateTime(locale, request.submittedAt)}</dd>
        <dt>{t("dueAt")}</dt>
        <dd>
          {formatDateTime(locale, request.dueAt)}
          {open && now !== undefined && ` (${formatRelative(locale, request.dueAt - now)})`}
        </dd>
      </dl>
    </li>
  );
}

function Requests({ address }: { address: `0x${string}` }) {
  const t = useTranslations("citizen.requests");
  const requests = useMyRequests(address);
  const catalogue = useCatalogue();
  const now = useChainNow();
  if (requests.error) return <QueryError error={requests.error} onRetry={() => requests.refetch()} />;
  if (!requests.data) return <Loading />;
  if (requests.data.length === 0)
    return (
      <p data-testid="no-requests">
        {t("empty")} <Link href="/services">{t("toCatalogue")}</Link>
      </p>
    );
  return (
    <>
      <p className="note">{t("count", { count: requests.data.length })}</p>
      <ul className={styles.list} data-testid="requests">
        {requests.data.map((request) => (
          <RequestRow key={request.id.toString()} request={request} catalogue={catalogue.data} now={now} />
        ))}
      </ul>
    </>
  );
}

/** /requests: the connected citizen's requests, newest first. */
export function MyRequests() {
  const t = useTranslations("citizen.requests");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className={styles.intro}>
        {t("intro")} <Link href="/services">{t("newRequest")}</Link>
      </p>
      <CitizenGate purpose="requests">{(address) => <Requests address={address} />}</CitizenGate>
    </>
  );
}
