"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { parseEventLogs, type Hex } from "viem";
import { TxStatus } from "@/components/TxStatus";
import { useFocusAfterRender } from "@/lib/focus";
import { Link, useRouter } from "@/i18n/navigation";
import { chain } from "@/lib/chain";
import { HOW_TO_CHECK, saveBundle, type PrivateBundle } from "@/lib/citizen/bundle";
import {
  type AttachmentFingerprint,
  type Catalogue,
  commitPrivateContent,
  findAgency,
  findService,
  randomBytes32,
  type RequestSummary,
  type ServiceInfo,
} from "@layanan/core";
import { useCatalogue, useCitizen, useClient, useEligibility } from "@/lib/citizen/hooks";
import { contracts, layanan } from "@/lib/contracts";
import { findOpenTwin, twinKey } from "@/lib/reads/requests";
import { useWrite } from "@/lib/useWrite";
import { BundleBox } from "./BundleBox";
import { ConnectPrompt } from "@/components/ConnectPrompt";
import { Loading } from "@/components/Loading";
import { PrivateDetailsFields } from "./PrivateDetailsFields";
import { PublicTextField, publicTextProblem } from "./PublicTextField";
import { QueryError } from "@/components/QueryError";
import { MissingClaim, Requirement } from "./ServiceCatalogue";
import { Sla } from "./Sla";
import styles from "./citizen.module.css";

function Form({ service, address }: { service: ServiceInfo; address: `0x${string}` }) {
  const t = useTranslations("citizen.newRequest");
  const router = useRouter();
  const write = useWrite();
  // Once per form: a retry or a double click reuses them, so the contract can refuse a second request.
  const [clientRef] = useState<Hex>(() => randomBytes32());
  const [salt] = useState<Hex>(() => randomBytes32());
  const [summary, setSummary] = useState("");
  const [details, setDetails] = useState("");
  const [attachments, setAttachments] = useState<AttachmentFingerprint[]>([]);
  const [hashing, setHashing] = useState(false);
  const [bundle, setBundle] = useState<PrivateBundle | null>(null);
  const [createdId, setCreatedId] = useState<bigint | null>(null);
  const client = useClient();
  // The twin check: an open request of this citizen to this service with the same summary.
  const [twin, setTwin] = useState<RequestSummary | null>(null);
  const [checking, setChecking] = useState(false);
  const checkingNow = useRef(false);
  const twinBox = useRef<HTMLDivElement>(null);
  const focusAfterRender = useFocusAfterRender();

  const problem = publicTextProblem(summary);
  const duplicateId =
    write.state.phase === "failed" && write.state.error.key === "RequestDuplicateSubmission"
      ? write.state.error.values.requestId
      : undefined;
  // Sent already (confirmed here, or found by the contract under this form's clientRef): nothing more to send.
  const done = write.state.phase === "confirmed" || createdId !== null || duplicateId !== undefined;
  const busy = write.busy || hashing || checking;

  function changeSummary(value: string) {
    setSummary(value);
    setTwin(null);
  }

  /** The open twin of this form, if any (none for an empty summary: nothing to compare). A failed read does not block. */
  async function openTwin(): Promise<RequestSummary | null> {
    if (twinKey(summary) === "" || !client || !layanan) return null;
    checkingNow.current = true;
    setChecking(true);
    try {
      return await findOpenTwin(client, layanan, address, service.id, summary);
    } catch {
      return null;
    } finally {
      checkingNow.current = false;
      setChecking(false);
    }
  }

  // The contract already holds a request under this clientRef: the bundle belongs to it.
  useEffect(() => {
    if (duplicateId && bundle && bundle.requestId === null) {
      const linked = { ...bundle, requestId: duplicateId };
      saveBundle(linked);
      setBundle(linked);
    }
  }, [duplicateId, bundle]);

  /** `checked`: the twin check was done (or the citizen chose to file anyway). */
  async function submit(event?: FormEvent, checked = false) {
    event?.preventDefault();
    if (write.busy || hashing || checkingNow.current || problem || done || !contracts) return;
    if (!checked) {
      const found = await openTwin();
      if (found) {
        setTwin(found);
        focusAfterRender(() => twinBox.current);
        return;
      }
    }
    setTwin(null);
    if (!contracts) return;
    const { payload, contentHash } = commitPrivateContent(salt, { details, attachments });
    let kept: PrivateBundle | null = null;
    if (payload) {
      // Kept on the device before the wallet is asked, so it survives a closed tab.
      kept = {
        kind: "layanan.private-bundle",
        version: 1,
        purpose: "submit",
        chainId: chain.id,
        contract: contracts.requests.address,
        citizen: address,
        serviceId: service.id,
        requestId: null,
        clientRef,
        details,
        attachments,
        salt,
        payload,
        contentHash,
        howToCheck: HOW_TO_CHECK,
        createdAt: new Date().toISOString(),
      };
      saveBundle(kept);
      setBundle(kept);
    }
    const receipt = await write.send({
      ...contracts.requests,
      functionName: "submit",
      args: [service.id, contentHash, clientRef, summary],
    });
    if (!receipt) return;
    const [submitted] = parseEventLogs({
      abi: contracts.requests.abi,
      logs: receipt.logs,
      eventName: "RequestSubmitted",
    });
    const requestId = submitted?.args.requestId;
    if (requestId === undefined) return;
    setCreatedId(requestId);
    if (kept) {
      kept = { ...kept, requestId: requestId.toString() };
      saveBundle(kept);
      setBundle(kept);
    }
    router.push(`/requests/${requestId}?new=1`);
  }

  return (
    <form onSubmit={submit} noValidate data-testid="new-request-form" aria-describedby="form-intro">
      <p id="form-intro">{t("formIntro")}</p>
      <PublicTextField
        label={t("summaryLabel")}
        hint={t("summaryHint")}
        value={summary}
        onChange={changeSummary}
        testId="summary"
        counterTestId="summary-bytes"
        disabled={busy || done}
      />
      <PrivateDetailsFields
        details={details}
        onDetails={setDetails}
        attachments={attachments}
        onAttachments={setAttachments}
        onHashing={setHashing}
        disabled={busy || done}
      />
      <p className="note">{t("nothingUploaded")}</p>
      <button
        type="submit"
        className={styles.submit}
        disabled={busy || done || problem !== null}
        data-testid="submit-request"
        aria-busy={busy}
      >
        {busy ? t("submitting") : t("submit")}
      </button>
      {checking && (
        <p className="note" role="status">
          {t("twinChecking")}
        </p>
      )}
      {twin && (
        <div
          ref={twinBox}
          role="alert"
          tabIndex={-1}
          className={`card ${styles.twin}`}
          data-testid="twin-warning"
          data-request-id={twin.id.toString()}
        >
          <p>
            <strong>{t("twinTitle")}</strong>
          </p>
          <p>{t("twinText", { id: twin.id.toString() })}</p>
          <p className={styles.twinSummary}>{twin.summary}</p>
          <div className={styles.twinButtons}>
            <Link href={`/requests/${twin.id}`} className="button" data-testid="twin-link">
              {t("twinOpen", { id: twin.id.toString() })}
            </Link>
            <button
              type="button"
              className="secondary"
              onClick={() => submit(undefined, true)}
              data-testid="twin-file-anyway"
            >
              {t("twinFileAnyway")}
            </button>
          </div>
        </div>
      )}
      {problem === "tooLong" && <p className="error">{t("fixSummaryLength")}</p>}
      {problem === "nik" && <p className="error">{t("fixSummaryNik")}</p>}
      <div aria-live="polite">
        <TxStatus write={write} onRetry={duplicateId ? undefined : () => submit(undefined, true)} />
        {duplicateId && (
          <p data-testid="duplicate-submission">
            <Link href={`/requests/${duplicateId}`}>{t("openExisting", { id: duplicateId })}</Link>
          </p>
        )}
        {createdId !== null && (
          <p role="status">
            {t("created", { id: createdId.toString() })}{" "}
            <Link href={`/requests/${createdId}?new=1`}>{t("openCreated")}</Link>
          </p>
        )}
      </div>
      {bundle && <BundleBox bundles={[bundle]} highlight />}
    </form>
  );
}

function ServiceSummary({ service, catalogue }: { service: ServiceInfo; catalogue: Catalogue }) {
  const t = useTranslations("citizen.services");
  return (
    <dl className={`card ${styles.meta}`} data-testid="service-summary" data-service-id={service.id}>
      <dt>{t("agency")}</dt>
      <dd>{findAgency(catalogue, service.agencyId)?.name ?? `#${service.agencyId}`}</dd>
      <dt>{t("sla")}</dt>
      <dd>
        <Sla seconds={service.slaSeconds} />
      </dd>
      <dt>{t("requirement")}</dt>
      <dd>
        <Requirement service={service} catalogue={catalogue} />
      </dd>
    </dl>
  );
}

/** /requests/new?service=<id>: file a request; private details are committed, never uploaded. */
export function NewRequestForm({ serviceId }: { serviceId: number | null }) {
  const t = useTranslations("citizen.newRequest");
  const tErrors = useTranslations("errors");
  const { address, connecting, deployed } = useCitizen();
  const catalogue = useCatalogue();
  const eligibility = useEligibility(address, catalogue.data);
  const service = serviceId !== null ? findService(catalogue.data, serviceId) : undefined;
  const agency = service ? findAgency(catalogue.data, service.agencyId) : undefined;

  let body;
  if (!deployed) body = <p className="error">{tErrors("notDeployed")}</p>;
  else if (catalogue.error) body = <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />;
  else if (!catalogue.data) body = <Loading />;
  else if (!service)
    body = (
      <p data-testid="unknown-service">
        {serviceId === null ? t("chooseService") : t("unknownService", { id: serviceId })}{" "}
        <Link href="/services">{t("toCatalogue")}</Link>
      </p>
    );
  else {
    let action;
    if (!service.active) action = <p className="warning">{t("inactive")}</p>;
    else if (agency && !agency.active) action = <p className="warning">{t("agencySuspended")}</p>;
    else if (connecting) action = <Loading />;
    else if (!address) action = <ConnectPrompt purpose="apply" />;
    else if (eligibility.error) action = <QueryError error={eligibility.error} onRetry={() => eligibility.refetch()} />;
    else if (!eligibility.data) action = <Loading />;
    else if (eligibility.data[service.id] === false)
      action = <MissingClaim service={service} catalogue={catalogue.data} />;
    // A new form (new clientRef) per account.
    else action = <Form key={address} service={service} address={address} />;
    body = (
      <>
        <ServiceSummary service={service} catalogue={catalogue.data} />
        {action}
      </>
    );
  }

  return (
    <>
      <h1>{service ? t("titleFor", { service: service.name }) : t("title")}</h1>
      {body}
    </>
  );
}
