"use client";
import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { formatDateTime, formatRelative } from "@/lib/citizen/format";
import { useCatalogue, useChainNow, useMyRequests } from "@/lib/citizen/hooks";
import { type Catalogue, findService, isOpenStatus, isOverdueAt, type RequestSummary } from "@layanan/core";
import { Loading } from "@/components/Loading";
import { ChainProgress } from "@/components/data/ChainProgress";
import { LoadMore } from "@/components/data/LoadMore";
import { ReadError } from "@/components/data/ReadError";
import { SourceNote } from "@/components/data/SourceNote";
import { CitizenGate } from "./CitizenGate";
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
  const tLists = useTranslations("lists");
  const requests = useMyRequests(address);
  const catalogue = useCatalogue();
  const now = useChainNow();
  const { list } = requests;
  if (!list && requests.error) return <ReadError error={requests.error} onRetry={requests.refetch} />;
  if (!list) return <Loading />;
  const { items } = list;
  // From the chain, an empty first window is not an empty list: older windows may hold requests.
  const none = items.length === 0 && !requests.hasMore;
  return (
    <div data-testid="request-list" data-source={list.source}>
      <SourceNote fallback={list.fallback} behind={list.behind} />
      {none ? (
        <p data-testid="no-requests">
          {t("empty")} <Link href="/services">{t("toCatalogue")}</Link>
        </p>
      ) : items.length === 0 ? (
        <p className="note" data-testid="none-yet">
          {tLists("chain.noneYet")}
        </p>
      ) : (
        <>
          <p className="note" data-testid="requests-count">
            {t("count", { count: list.total ?? items.length })}
          </p>
          <ul className={styles.list} data-testid="requests">
            {items.map((request) => (
              <RequestRow key={request.id.toString()} request={request} catalogue={catalogue.data} now={now} />
            ))}
          </ul>
        </>
      )}
      {requests.error && <ReadError error={requests.error} onRetry={requests.refetch} />}
      {(requests.hasMore || requests.paged || list.chain) && (
        <LoadMore hasMore={requests.hasMore} loading={requests.loadingMore} onLoad={requests.loadMore}>
          {list.total !== null && (
            <span className="note" data-testid="list-showing">
              {tLists("showing", { shown: items.length, total: list.total })}
            </span>
          )}
          {list.chain && <ChainProgress chain={list.chain} />}
        </LoadMore>
      )}
    </div>
  );
}

/**
 * /requests: the connected citizen's requests, newest first, 50 at a time: from the indexer, or
 * read from the chain in windows of blocks with "load more" reaching further back.
 */
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
