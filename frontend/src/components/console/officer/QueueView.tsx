"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { EscalatedBadge, OverdueBadge, StatusBadge } from "@/components/citizen/StatusBadge";
import citizenStyles from "@/components/citizen/citizen.module.css";
import { Link } from "@/i18n/navigation";
import { formatDateTime, formatRelative } from "@/lib/citizen/format";
import { useCatalogue, useChainNow } from "@/lib/citizen/hooks";
import {
  type Catalogue,
  countQueue,
  DEFAULT_QUERY,
  findService,
  isOpen,
  isOverdue,
  QUEUE_STATUSES,
  type QueueCountKey,
  type QueueQuery,
  queueQueryString,
  queueView,
  type RequestSummary,
  type Role,
  type SortOrder,
  type StatusFilter,
} from "@layanan/core";
import { ConsoleGate } from "../ConsoleGate";
import { useAgencyRequests } from "./data";
import styles from "./officer.module.css";

const HEADLINE_COUNTS: QueueCountKey[] = ["total", "open", "overdue", "escalated", "NeedsInfo"];

function Counts({ requests, now }: { requests: RequestSummary[]; now: number | undefined }) {
  const t = useTranslations("officer.queue.counts");
  const tCommon = useTranslations("common");
  const counts = countQueue(requests, now);
  const label = (key: QueueCountKey) =>
    key === "total" || key === "open" || key === "overdue" || key === "escalated" ? t(key) : tCommon(`status.${key}`);
  const item = (key: QueueCountKey) => (
    <li key={key} className={styles.count}>
      <span className={styles.countValue} data-testid={`queue-count-${key}`}>
        {counts[key]}
      </span>
      <span className={styles.countLabel}>{label(key)}</span>
    </li>
  );
  return (
    <section aria-label={t("label")} data-testid="queue-counts">
      <ul className={styles.counts}>{HEADLINE_COUNTS.map(item)}</ul>
      <ul className={`${styles.counts} ${styles.countsSmall}`}>
        {QUEUE_STATUSES.filter((s) => s !== "NeedsInfo").map(item)}
      </ul>
    </section>
  );
}

function Filters({ query, onChange }: { query: QueueQuery; onChange: (patch: Partial<QueueQuery>) => void }) {
  const t = useTranslations("officer.queue.filters");
  const tCommon = useTranslations("common");
  const id = useId();
  const isDefault = queueQueryString(query) === "";
  return (
    <fieldset className={`card ${styles.filters}`}>
      <legend>
        <strong>{t("legend")}</strong>
      </legend>
      <div className={styles.filterGrid}>
        <div>
          <label htmlFor={`${id}-status`}>{t("status")}</label>
          <select
            id={`${id}-status`}
            value={query.status}
            onChange={(e) => onChange({ status: e.target.value as StatusFilter })}
            data-testid="filter-status"
          >
            <option value="all">{t("all")}</option>
            <option value="open">{t("open")}</option>
            {QUEUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tCommon(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-sort`}>{t("sort")}</label>
          <select
            id={`${id}-sort`}
            value={query.sort}
            onChange={(e) => onChange({ sort: e.target.value as SortOrder })}
            data-testid="sort-due"
          >
            <option value="asc">{t("asc")}</option>
            <option value="desc">{t("desc")}</option>
          </select>
        </div>
      </div>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={query.overdue}
          onChange={(e) => onChange({ overdue: e.target.checked })}
          data-testid="filter-overdue"
        />
        {t("overdue")}
      </label>
      <label className={styles.check}>
        <input
          type="checkbox"
          checked={query.escalated}
          onChange={(e) => onChange({ escalated: e.target.checked })}
          data-testid="filter-escalated"
        />
        {t("escalated")}
      </label>
      {!isDefault && (
        <button type="button" className="secondary" onClick={() => onChange(DEFAULT_QUERY)} data-testid="filter-reset">
          {t("reset")}
        </button>
      )}
      <p className="note">{t("shareHint")}</p>
    </fieldset>
  );
}

function QueueRow({
  request,
  catalogue,
  now,
}: {
  request: RequestSummary;
  catalogue: Catalogue | undefined;
  now: number | undefined;
}) {
  const t = useTranslations("officer.queue.row");
  const locale = useLocale();
  const service = findService(catalogue, request.serviceId);
  const overdue = isOverdue(request, now);
  return (
    <li
      className="card"
      data-testid="queue-row"
      data-request-id={request.id.toString()}
      data-status={request.statusName}
      data-overdue={overdue}
      data-escalated={request.escalated}
      data-due-at={request.dueAt}
    >
      <div className={citizenStyles.cardHead}>
        <Link
          href={`/console/requests/${request.id}`}
          className={citizenStyles.requestLink}
          data-testid="queue-row-link"
        >
          {t("title", {
            id: request.id.toString(),
            service: service?.name ?? t("serviceN", { id: request.serviceId }),
          })}
        </Link>
        <span className={citizenStyles.row}>
          <StatusBadge status={request.statusName} />
          {overdue && <OverdueBadge />}
          {request.escalated && <EscalatedBadge />}
        </span>
      </div>
      {request.summary ? (
        <p className={citizenStyles.summary}>{request.summary}</p>
      ) : (
        <p className="note" data-testid="anonymous">
          {t("anonymous")}
        </p>
      )}
      <dl className={citizenStyles.meta}>
        <dt>{t("dueAt")}</dt>
        <dd>
          {formatDateTime(locale, request.dueAt)}
          {isOpen(request.status) && now !== undefined && ` (${formatRelative(locale, request.dueAt - now)})`}
        </dd>
        <dt>{t("submittedAt")}</dt>
        <dd>{formatDateTime(locale, request.submittedAt)}</dd>
      </dl>
    </li>
  );
}

function Queue({ role, initial }: { role: Role; initial: QueueQuery }) {
  const t = useTranslations("officer.queue");
  const [query, setQuery] = useState(initial);
  const requests = useAgencyRequests(role.agencyId);
  const catalogue = useCatalogue();
  const now = useChainNow();
  const rows = useMemo(() => queueView(requests.data ?? [], query, now), [requests.data, query, now]);

  function update(patch: Partial<QueueQuery>) {
    const next = { ...query, ...patch };
    setQuery(next);
    // The view in the address bar, so it can be shared or bookmarked (Next.js syncs its router with it).
    window.history.replaceState(null, "", `${window.location.pathname}${queueQueryString(next)}`);
  }

  return (
    <>
      <p>{t("intro", { agency: role.agencyName })}</p>
      {requests.error ? (
        <QueryError error={requests.error} onRetry={() => requests.refetch()} />
      ) : !requests.data ? (
        <Loading />
      ) : requests.data.length === 0 ? (
        <p data-testid="queue-empty">{t("empty")}</p>
      ) : (
        <>
          <Counts requests={requests.data} now={now} />
          <Filters query={query} onChange={update} />
          <p className="note" role="status" data-testid="queue-showing">
            {t("showing", { shown: rows.length, total: requests.data.length })}
          </p>
          {rows.length === 0 ? (
            <p data-testid="queue-no-match">{t("noMatch")}</p>
          ) : (
            <ul className={citizenStyles.list} aria-label={t("listLabel")} data-testid="queue">
              {rows.map((request) => (
                <QueueRow key={request.id.toString()} request={request} catalogue={catalogue.data} now={now} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/** /console/queue: the requests of the officer's agency, filtered, sorted by due date, counted. */
export function QueueView({ initial }: { initial: QueueQuery }) {
  const t = useTranslations("officer.queue");
  return (
    <>
      <h1>{t("title")}</h1>
      <ConsoleGate need="officer">{(role) => <Queue role={role} initial={initial} />}</ConsoleGate>
    </>
  );
}
