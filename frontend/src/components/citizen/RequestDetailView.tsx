"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { Link } from "@/i18n/navigation";
import { chain } from "@/lib/chain";
import { bundlesFor, type PrivateBundle } from "@/lib/citizen/bundle";
import { findAgency, findService, isOpenStatus, isOverdueAt, type RequestDetail, ZERO_HASH } from "@layanan/core";
import { formatDateTime, formatRelative } from "@/lib/citizen/format";
import { useCatalogue, useChainNow, useCitizen, useRequestDetail } from "@/lib/citizen/hooks";
import { contracts } from "@/lib/contracts";
import { BundleBox } from "./BundleBox";
import { ConnectPrompt } from "@/components/ConnectPrompt";
import { Loading } from "@/components/Loading";
import { RequestMismatch } from "@/components/data/IndexMismatch";
import { ReadError } from "@/components/data/ReadError";
import { SourceNote } from "@/components/data/SourceNote";
import { RequestActions } from "./RequestActions";
import { RequestTimeline } from "./RequestTimeline";
import { EscalatedBadge, OverdueBadge, StatusBadge } from "./StatusBadge";
import styles from "./citizen.module.css";

/** The commitments of this request kept by the citizen: the submission's and the answers'. */
function citizenHashes(request: RequestDetail): string[] {
  const hashes = [request.contentHash];
  for (const entry of request.timeline) {
    if (entry.kind === "status" && entry.by.toLowerCase() === request.citizen.toLowerCase())
      hashes.push(entry.noteHash);
  }
  return hashes.filter((hash) => hash !== ZERO_HASH).map((hash) => hash.toLowerCase());
}

function useDeviceBundles(request: RequestDetail | null | undefined) {
  const [bundles, setBundles] = useState<PrivateBundle[]>([]);
  const hashes = useMemo(() => (request ? citizenHashes(request) : []), [request]);
  useEffect(() => {
    if (!contracts || hashes.length === 0) {
      setBundles([]);
      return;
    }
    // Bundles are stored under the hash as written (lower-case hex from viem).
    setBundles(bundlesFor(chain.id, contracts.requests.address, hashes));
  }, [hashes]);
  return { bundles, hashes };
}

function Detail({ request, isNew }: { request: RequestDetail; isNew: boolean }) {
  const t = useTranslations("citizen.request");
  const locale = useLocale();
  const catalogue = useCatalogue();
  const chainNow = useChainNow();
  const now = chainNow !== undefined ? Math.max(chainNow, request.now) : request.now;
  const { address, connecting } = useCitizen();
  const service = findService(catalogue.data, request.serviceId);
  const agency = findAgency(catalogue.data, service?.agencyId ?? request.agencyId);
  const overdue = isOverdueAt(request, now);
  const open = isOpenStatus(request.status);
  const isOwner = address?.toLowerCase() === request.citizen.toLowerCase();
  const { bundles, hashes } = useDeviceBundles(request);

  return (
    <>
      {isNew && (
        <p className="card" role="status" data-testid="request-created">
          <strong>{t("createdTitle")}</strong> {t("createdBody")}
        </p>
      )}
      <section className="card" aria-labelledby="request-summary-title">
        <h2 id="request-summary-title" className={styles.row}>
          {service?.name ?? t("serviceN", { id: request.serviceId })}
        </h2>
        <div className={styles.row}>
          <StatusBadge status={request.statusName} testId="request-status" />
          {overdue && <OverdueBadge />}
          {request.escalated && <EscalatedBadge />}
        </div>
        <p className="note">{t(`statusHelp.${request.statusName}`)}</p>
        {request.duplicateOf !== null && (
          <p>
            {t("duplicateOf")}{" "}
            <Link href={`/requests/${request.duplicateOf}`} data-testid="original-link">
              {t("seeOriginal", { id: request.duplicateOf.toString() })}
            </Link>
          </p>
        )}
        <dl className={styles.meta}>
          <dt>{t("agency")}</dt>
          <dd>{agency?.name ?? "…"}</dd>
          <dt>{t("summary")}</dt>
          <dd>
            {request.summary ? (
              <span className={styles.summary}>{request.summary}</span>
            ) : (
              <span className="note">{t("noSummary")}</span>
            )}
          </dd>
          <dt>{t("submittedAt")}</dt>
          <dd>{formatDateTime(locale, request.submittedAt)}</dd>
          <dt>{t("dueAt")}</dt>
          <dd data-testid="due-at">
            {formatDateTime(locale, request.dueAt)}
            {open && ` (${formatRelative(locale, request.dueAt - now)})`}
          </dd>
          <dt>{t("privateDetails")}</dt>
          <dd>
            {request.contentHash === ZERO_HASH ? (
              t("noPrivate")
            ) : (
              <>
                {t("privateCommitted")} <span className="mono">{request.contentHash}</span>
              </>
            )}
          </dd>
        </dl>
      </section>

      <BundleBox bundles={bundles} highlight={isNew} onChain={new Set(hashes)} />
      {isOwner && hashes.length > 0 && bundles.length === 0 && (
        <p className="note" data-testid="no-bundle">
          {t("bundleNotHere")}
        </p>
      )}

      {connecting ? (
        <Loading />
      ) : isOwner ? (
        <RequestActions request={request} now={now} />
      ) : !address ? (
        <ConnectPrompt purpose="request" />
      ) : (
        <p className="note" data-testid="not-owner">
          {t("notOwner")}
        </p>
      )}

      <RequestTimeline request={request} />
    </>
  );
}

/**
 * /requests/<id>: a request's state, its timeline and, for the citizen who filed it, what they can
 * do. The state is always the chain's; a copy from the index that differs from it is reported.
 */
export function RequestDetailView({ id, isNew }: { id: string; isNew: boolean }) {
  const t = useTranslations("citizen.request");
  const tErrors = useTranslations("errors");
  const valid = /^\d{1,30}$/.test(id) && BigInt(id) > 0n;
  const requestId = valid ? BigInt(id) : undefined;
  const detail = useRequestDetail(requestId);
  let body;
  if (!contracts) body = <p className="error">{tErrors("notDeployed")}</p>;
  else if (!valid || detail.data === null)
    body = (
      <p data-testid="request-unknown">
        {t("unknown", { id })} <Link href="/requests">{t("toList")}</Link>
      </p>
    );
  else if (detail.error) body = <ReadError error={detail.error} onRetry={() => detail.refetch()} />;
  else if (!detail.data) body = <Loading />;
  else
    body = (
      <div data-testid="request-record" data-source={detail.data.source}>
        <SourceNote fallback={detail.data.fallback} behind={detail.data.behind} retry={false} />
        <RequestMismatch fields={detail.data.mismatch} />
        <Detail request={detail.data.detail} isNew={isNew} />
      </div>
    );
  return (
    <>
      <p className="note">
        <Link href="/requests">{t("back")}</Link>
      </p>
      <h1>{t("title", { id: valid ? id : "?" })}</h1>
      {body}
    </>
  );
}
