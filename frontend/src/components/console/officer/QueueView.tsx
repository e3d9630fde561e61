"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { Loading } from "@/components/Loading";
import { ChainProgress } from "@/components/data/ChainProgress";
import { LoadMore } from "@/components/data/LoadMore";
import { ReadError } from "@/components/data/ReadError";
import { SourceNote } from "@/components/data/SourceNote";
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
  MAX_QUEUE_SEARCH,
  QUEUE_STATUSES,
  type QueueCountKey,
  type QueueQuery,
  queueQueryString,
  type QueueSort,
  queueView,
  type RequestSummary,
  type Role,
  type StatusFilter,
} from "@layanan/core";
import type { ServerCounts } from "@/lib/reads/requests";
import { ConsoleGate } from "../ConsoleGate";
import { useAgencyQueue } from "./data";
import styles from "./officer.module.css";

const HEADLINE_COUNTS: QueueCountKey[] = ["total", "open", "overdue", "escalated", "NeedsInfo"];

type Counts = Record<QueueCountKey, number>;

/** The indexer's counts over the whole queue, in the shape of countQueue's. */
function fromServer(counts: ServerCounts): Counts {
  const result = {
    total: counts.all,
    open: counts.open,
    overdue: counts.overdue,
    escalated: counts.escalated,
  } as Counts;
  for (const name of QUEUE_STATUSES) result[name] = counts.byStatus[name] ?? 0;
  return result;
}

function Counts({ counts, partial }: { counts: Counts; partial: string | null }) {
  const t = useTranslations("officer.queue.counts");
  const tCommon = useTranslations("common");
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
      {partial && (
        <p className="note" data-testid="queue-counts-partial">
          {partial}
        </p>
      )}
    </section>
  );
}

/** The search box: what is typed reaches the query (and the URL, and the indexer) after a short pause. */
function SearchBox({ id, value, onChange }: { id: string; value: string; onChange: (q: string) => void }) {
  const t = useTranslations("lists.queue");
  const [text, setText] = useState(value);
  // The query changed from elsewhere ("clear filters"): show it, unless it is what was typed.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value !== text.trim()) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => onChange(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div>
      <label htmlFor={id}>{t("search")}</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        maxLength={MAX_QUEUE_SEARCH}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-hint`}
        data-testid="queue-search"
      />
      <p id={`${id}-hint`} className="note">
        {t("searchHint")}
      </p>
    </div>
  );
}

function Filters({ query, onChange }: { query: QueueQuery; onChange: (patch: Partial<QueueQuery>) => void }) {
  const t = useTranslations("officer.queue.filters");
  const tLists = useTranslations("lists.queue");
  const tCommon = useTranslations("common");
  const id = useId();
  const isDefault = queueQueryString(query) === "";
  const setSearch = useCallback((q: string) => onChange({ q }), [onChange]);
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
          <label htmlFor={`${id}-sort`}>{tLists("sort")}</label>
          <select
            id={`${id}-sort`}
            value={query.sort}
            onChange={(e) => onChange({ sort: e.target.value as QueueSort })}
            data-testid="sort-due"
          >
            <option value="asc">{t("asc")}</option>
            <option value="desc">{t("desc")}</option>
            <option value="age">{tLists("sortAge")}</option>
          </select>
        </div>
      </div>
      <SearchBox id={`${id}-q`} value={query.q} onChange={setSearch} />
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
  const tLists = useTranslations("lists");
  const [query, setQuery] = useState(initial);
  const requests = useAgencyQueue(role.agencyId, query);
  const catalogue = useCatalogue();
  const now = useChainNow();
  const { list } = requests;
  // From the indexer the rows come filtered and sorted; from the chain the page does it over what is loaded.
  const rows = useMemo(
    () => (!list ? [] : list.source === "indexer" ? list.items : queueView(list.items, query, now)),
    [list, query, now],
  );
  const counts = useMemo(
    () => (!list ? null : list.counts ? fromServer(list.counts) : countQueue(list.items, now)),
    [list, now],
  );

  const update = useCallback((patch: Partial<QueueQuery>) => setQuery((current) => ({ ...current, ...patch })), []);
  // The view in the address bar, so it can be shared or bookmarked (Next.js syncs its router with it).
  useEffect(() => {
    const url = `${window.location.pathname}${queueQueryString(query)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  }, [query]);

  let body;
  if (!list && requests.error) body = <ReadError error={requests.error} onRetry={requests.refetch} />;
  else if (!list || !counts) body = <Loading />;
  else {
    const fromChain = list.chain;
    const empty = counts.total === 0 && !requests.hasMore && (fromChain !== null || queueQueryString(query) === "");
    body = (
      <div data-testid="queue-list" data-source={list.source} aria-busy={requests.updating}>
        <SourceNote fallback={list.fallback} behind={list.behind} />
        {empty ? (
          <p data-testid="queue-empty">{t("empty")}</p>
        ) : (
          <>
            <Counts
              counts={counts}
              partial={
                fromChain
                  ? fromChain.complete
                    ? tLists("chain.countsComplete")
                    : tLists("chain.counts", { count: list.items.length })
                  : null
              }
            />
            <Filters query={query} onChange={update} />
            <p className="note" role="status" data-testid="queue-showing">
              {list.total !== null
                ? t("showing", { shown: rows.length, total: list.total })
                : tLists("showingLoaded", { shown: rows.length, loaded: list.items.length })}
            </p>
            {list.items.length === 0 && requests.hasMore ? (
              <p className="note" data-testid="none-yet">
                {tLists("chain.noneYet")}
              </p>
            ) : rows.length === 0 ? (
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
        {requests.error && <ReadError error={requests.error} onRetry={requests.refetch} />}
        {(requests.hasMore || requests.paged || fromChain) && (
          <LoadMore hasMore={requests.hasMore} loading={requests.loadingMore} onLoad={requests.loadMore}>
            {fromChain && <ChainProgress chain={fromChain} />}
          </LoadMore>
        )}
      </div>
    );
  }

  return (
    <>
      <p>{t("intro", { agency: role.agencyName })}</p>
      {body}
    </>
  );
}

/**
 * /console/queue: the requests of the officer's agency, filtered, searched, sorted by due date or
 * age and counted, 50 at a time: by the indexer, or over what has been read from the chain.
 */
export function QueueView({ initial }: { initial: QueueQuery }) {
  const t = useTranslations("officer.queue");
  return (
    <>
      <h1>{t("title")}</h1>
      <ConsoleGate need="officer">{(role) => <Queue role={role} initial={initial} />}</ConsoleGate>
    </>
  );
}
