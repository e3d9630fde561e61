"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from "react";
import type { Hex } from "viem";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { TxStatus } from "@/components/TxStatus";
import { getPathname } from "@/i18n/navigation";
import { chain } from "@/lib/chain";
import { useCatalogue, useChainNow, useClient } from "@/lib/citizen/hooks";
import {
  checkDocument,
  type DocumentCheck,
  type DocumentReceipt,
  documentReceipts,
  type DocumentTypeInfo,
  expiryProblem,
  expiryToSeconds,
  findAgency,
  fingerprintBlob,
  type FingerprintedFile,
  issueProblem,
  type ParsedReceipt,
  parseReceipt,
  planIssue,
  qrFileName,
  qrSvg,
  reasonCode,
  receiptFileName,
  receiptProblems,
  REVOKE_REASONS,
  type RevokeReason,
  type Role,
  type VerifyQuery,
  withSalts,
  ZERO_HASH,
} from "@layanan/core";
import { contracts, layanan } from "@/lib/contracts";
import { downloadJson, downloadText, svgDataUrl } from "@/lib/download";
import { useWrite } from "@/lib/useWrite";
import { ConsoleGate } from "../ConsoleGate";
import { Field } from "../Field";
import { ReasonSelect } from "./ReasonSelect";
import styles from "./issuer.module.css";

type Picked =
  { phase: "none" } | { phase: "hashing" } | { phase: "failed" } | { phase: "ready"; files: FingerprintedFile[] };

/** Hashes the picked files on the device (SHA-256); nothing is uploaded. */
async function fingerprintAll(files: FileList): Promise<FingerprintedFile[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, fingerprint: await fingerprintBlob(file) })));
}

/** This site's /verify page in the current language, as an absolute URL (what the share links and QR codes open). */
function verifyUrlOf(locale: string): string {
  return `${window.location.origin}${getPathname({ href: "/verify", locale })}`;
}

/** The document types this officer's agency is trusted to issue. */
function useIssuableTypes(role: Role) {
  const catalogue = useCatalogue();
  const types = useMemo(
    () => (catalogue.data?.documentTypes ?? []).filter((dt) => dt.issuers.includes(role.agencyId)),
    [catalogue.data, role.agencyId],
  );
  return { catalogue, types };
}

/** One issued file: its receipt and QR code to download, its share link and the QR code on screen. */
function IssuedFile({ receipt, saved, onSaved }: { receipt: DocumentReceipt; saved: boolean; onSaved: () => void }) {
  const t = useTranslations("issuer.documents.issued");
  const link = receipt.link ?? "";
  const svg = useMemo(() => qrSvg(link), [link]);
  return (
    <li
      className={styles.issued}
      data-testid="issue-receipt"
      data-file={receipt.file}
      data-fingerprint={receipt.fingerprint}
      data-anchor={receipt.anchor}
      data-salted={receipt.salt !== null}
    >
      <div className={styles.issuedText}>
        <strong>{receipt.file}</strong>
        <span className={styles.fingerprint}>{receipt.fingerprint}</span>
        <p className={styles.linkLine}>
          {t("link")}{" "}
          <a href={link} className={styles.shareLink} data-testid="issue-receipt-link">
            {link}
          </a>
        </p>
        <span className={styles.buttons}>
          <button
            type="button"
            onClick={() => {
              downloadJson(receiptFileName(receipt.file), receipt);
              onSaved();
            }}
            data-testid="issue-receipt-download"
          >
            {saved ? t("downloadAgain") : t("download")}
            <span className="visually-hidden"> {receipt.file}</span>
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => downloadText(qrFileName(receipt.file), svg, "image/svg+xml")}
            data-testid="issue-receipt-qr-download"
          >
            {t("downloadQr")}
            <span className="visually-hidden"> {receipt.file}</span>
          </button>
          <a href={link} className={styles.check} data-testid="issue-receipt-check">
            {t("check")}
            <span className="visually-hidden"> {receipt.file}</span>
          </a>
        </span>
      </div>
      <img
        className={styles.qr}
        src={svgDataUrl(svg)}
        alt={t("qrAlt", { file: receipt.file })}
        width={160}
        height={160}
        data-testid="issue-receipt-qr"
      />
    </li>
  );
}

/** The receipts of a confirmed issue: one per file, each with its QR code and share link. */
function IssuedList({
  receipts,
  onNext,
  children,
}: {
  receipts: DocumentReceipt[];
  onNext: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("issuer.documents.issued");
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const salted = receipts.some((r) => r.salt !== null);
  const allSaved = receipts.every((r) => saved.has(r.anchor));
  function next() {
    if (!allSaved && !window.confirm(t("unsavedConfirm"))) return;
    onNext();
  }
  return (
    <section className="card" aria-labelledby="issued-title" data-testid="issue-result">
      <h2 id="issued-title">{t("title", { count: receipts.length })}</h2>
      {children}
      <p data-testid="issue-handover">{salted ? t("handoverPersonal") : t("handoverPublic")}</p>
      <ul className={styles.list} aria-label={t("receipts")}>
        {receipts.map((receipt) => (
          <IssuedFile
            key={receipt.anchor}
            receipt={receipt}
            saved={saved.has(receipt.anchor)}
            onSaved={() => setSaved((s) => new Set(s).add(receipt.anchor))}
          />
        ))}
      </ul>
      {!allSaved && <p className="note">{t("unsaved")}</p>}
      <div className={styles.buttons}>
        <button type="button" className="secondary" onClick={next} data-testid="issue-next">
          {t("next")}
        </button>
      </div>
    </section>
  );
}

/**
 * Issue: a document type this agency is trusted for, personal (salted anchors, the default) or
 * public (the fingerprint itself), one file singly or several as one Merkle batch; afterwards a
 * receipt, a share link and a QR code per file.
 */
function IssueForm({ role }: { role: Role }) {
  const t = useTranslations("issuer.documents.issue");
  const locale = useLocale();
  const id = useId();
  const write = useWrite();
  const now = useChainNow();
  const input = useRef<HTMLInputElement>(null);
  const { catalogue, types } = useIssuableTypes(role);
  const [picked, setPicked] = useState<Picked>({ phase: "none" });
  const [chosenType, setChosenType] = useState<string>("");
  const [personal, setPersonal] = useState(true);
  const [expiry, setExpiry] = useState("");
  const [receipts, setReceipts] = useState<DocumentReceipt[] | null>(null);
  const c = contracts;

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    write.reset();
    const list = event.target.files;
    if (!list || list.length === 0) return setPicked({ phase: "none" });
    setPicked({ phase: "hashing" });
    try {
      setPicked({ phase: "ready", files: await fingerprintAll(list) });
    } catch {
      setPicked({ phase: "failed" });
    }
  }

  // The chosen type while it is still one this agency may issue, else the first one it may.
  const docType: DocumentTypeInfo | undefined = types.find((dt) => dt.id === chosenType) ?? types[0];
  const files = picked.phase === "ready" ? picked.files : [];
  const problem = picked.phase === "ready" ? issueProblem(files) : null;
  const expiresAt = expiryToSeconds(expiry);
  const expiryIssue = expiryProblem(expiry, now);
  const ready =
    picked.phase === "ready" && problem === null && expiryIssue === null && now !== undefined && docType !== undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!c || !ready || !docType || write.busy || expiresAt === null) return;
    // A fresh salt per file for a personal document: its anchor then reveals nothing of the file.
    const issued = withSalts(files, personal);
    const plan = planIssue(issued);
    const mined =
      plan.kind === "single"
        ? await write.send({
            ...c.documents,
            functionName: "issue",
            args: [plan.anchor, docType.id, BigInt(expiresAt)],
          })
        : await write.send({
            ...c.documents,
            functionName: "issueBatch",
            args: [plan.root, plan.count, docType.id, BigInt(expiresAt)],
          });
    if (!mined) return;
    setReceipts(
      documentReceipts(issued, plan, {
        docType: docType.id,
        registry: c.documents.address,
        chainId: chain.id,
        agencyId: role.agencyId,
        expiresAt,
        transactionHash: mined.transactionHash,
        verifyUrl: verifyUrlOf(locale),
      }),
    );
  }

  function next() {
    setReceipts(null);
    setPicked({ phase: "none" });
    setExpiry("");
    write.reset();
    if (input.current) input.current.value = "";
  }

  if (receipts) {
    return (
      <IssuedList receipts={receipts} onNext={next}>
        <TxStatus write={write} />
      </IssuedList>
    );
  }

  const noTypes = catalogue.data !== undefined && types.length === 0;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="issue-form">
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <p className="note">{t("privacy")}</p>
      <label htmlFor={`${id}-files`}>
        {t("files")}
        <span className={styles.hint}>{t("filesHint")}</span>
      </label>
      <input
        id={`${id}-files`}
        ref={input}
        type="file"
        multiple
        onChange={pick}
        disabled={write.busy}
        data-testid="issue-files"
      />
      {picked.phase === "hashing" && <Loading label={t("hashing")} />}
      {picked.phase === "failed" && (
        <p className="error" role="alert">
          {t("readFailed")}
        </p>
      )}
      {files.length > 0 && (
        <ul className={styles.list} aria-label={t("picked")} data-testid="issue-picked">
          {files.map((file) => (
            <li key={`${file.name}-${file.fingerprint}`}>
              <span>
                {file.name}
                <span className={styles.fingerprint}>{file.fingerprint}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {problem?.kind === "sameContent" && (
        <p className="error" role="alert" data-testid="issue-same-content">
          {t("sameContent", { first: problem.first, second: problem.second })}
        </p>
      )}

      {catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : noTypes ? (
        <p className="note" role="status" data-testid="issue-no-doc-types">
          {t("noTypes")}
        </p>
      ) : (
        <Field id={`${id}-type`} label={t("type")} hint={t("typeHint")}>
          {(describedBy) => (
            <select
              id={`${id}-type`}
              className={styles.wide}
              value={docType?.id ?? ""}
              onChange={(e) => setChosenType(e.target.value)}
              aria-describedby={describedBy}
              disabled={write.busy}
              data-testid="issue-doc-type"
            >
              {types.map((dt) => (
                <option key={dt.id} value={dt.id}>
                  {dt.description}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}

      <fieldset className={styles.choice} data-testid="issue-privacy">
        <legend>{t("contentLegend")}</legend>
        <label className={styles.option}>
          <input
            type="radio"
            name={`${id}-content`}
            checked={personal}
            onChange={() => setPersonal(true)}
            disabled={write.busy}
            aria-describedby={`${id}-personal-hint`}
            data-testid="issue-personal"
          />
          <span>
            {t("personal")}
            <span id={`${id}-personal-hint`} className={styles.hint}>
              {t("personalHint")}
            </span>
          </span>
        </label>
        <label className={styles.option}>
          <input
            type="radio"
            name={`${id}-content`}
            checked={!personal}
            onChange={() => setPersonal(false)}
            disabled={write.busy}
            aria-describedby={`${id}-public-hint`}
            data-testid="issue-public"
          />
          <span>
            {t("public")}
            <span id={`${id}-public-hint`} className={styles.hint}>
              {t("publicHint")}
            </span>
          </span>
        </label>
      </fieldset>

      <label htmlFor={`${id}-expiry`}>
        {t("expiry")}
        <span className={styles.hint}>{t("expiryHint")}</span>
      </label>
      <input
        id={`${id}-expiry`}
        type="date"
        value={expiry}
        onChange={(e) => setExpiry(e.target.value)}
        aria-invalid={expiryIssue !== null}
        aria-describedby={expiryIssue ? `${id}-expiry-problem` : undefined}
        disabled={write.busy}
        data-testid="issue-expiry"
      />
      {expiryIssue && (
        <p id={`${id}-expiry-problem`} className="error">
          {t(expiryIssue)}
        </p>
      )}
      <p className="note">{files.length > 1 ? t("batchExplain", { count: files.length }) : t("singleExplain")}</p>
      <div className={styles.buttons}>
        <button type="submit" disabled={!ready || write.busy} data-testid="issue-submit">
          {files.length > 1 ? t("submitBatch", { count: files.length }) : t("submitSingle")}
        </button>
      </div>
      <div aria-live="polite">
        <TxStatus write={write} />
      </div>
    </form>
  );
}

type RevokeProblem =
  | "readFailed"
  | "notJson"
  | "notReceipt"
  | "otherFile"
  | "otherChain"
  | "otherRegistry"
  | "notFound"
  | "notFoundWithReceipt"
  | "alreadyRevoked";

type RevokeTarget =
  | { phase: "none" }
  | { phase: "reading" }
  | { phase: "failed"; problem: RevokeProblem }
  | { phase: "ready"; query: VerifyQuery; salted: boolean; check: DocumentCheck | null };

/**
 * Revoke one document: its file (hashed here) and its receipt, which a personal document (its salt
 * makes the anchor) and a document of a batch (its root and proof) need. The document is looked up
 * first, so that the officer sees what is about to be revoked; the reason is recorded on chain and
 * shown to whoever checks the document.
 */
function RevokeDocumentForm() {
  const t = useTranslations("issuer.documents.revoke");
  const id = useId();
  const write = useWrite();
  const client = useClient();
  const { data: catalogue } = useCatalogue();
  const fileInput = useRef<HTMLInputElement>(null);
  const receiptInput = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<RevokeTarget>({ phase: "none" });
  const [reason, setReason] = useState<RevokeReason>(REVOKE_REASONS[0]);
  const attempt = useRef(0);
  const c = contracts;

  async function read() {
    write.reset();
    const run = ++attempt.current;
    const file = fileInput.current?.files?.[0];
    const receiptFile = receiptInput.current?.files?.[0];
    if (!file || !c) return setTarget({ phase: "none" });
    setTarget({ phase: "reading" });
    const settle = (next: RevokeTarget) => {
      if (run === attempt.current) setTarget(next);
    };
    let fingerprint: Hex;
    let receipt: ParsedReceipt | null = null;
    try {
      fingerprint = await fingerprintBlob(file);
      if (receiptFile) {
        const parsed = parseReceipt(await receiptFile.text());
        if (!parsed.ok) return settle({ phase: "failed", problem: parsed.problem });
        receipt = parsed.receipt;
      }
    } catch {
      return settle({ phase: "failed", problem: "readFailed" });
    }
    if (receipt) {
      const [problem] = receiptProblems(receipt, { fingerprint, chainId: chain.id, registry: c.documents.address });
      if (problem) return settle({ phase: "failed", problem });
    }
    // Without a receipt: a public document issued singly, whose anchor is its fingerprint.
    const query: VerifyQuery = receipt
      ? { anchor: receipt.anchor, root: receipt.root, proof: receipt.proof }
      : { anchor: fingerprint, root: ZERO_HASH, proof: [] };
    const salted = receipt?.salt != null;
    let check: DocumentCheck | null = null;
    if (client && layanan) {
      try {
        check = await checkDocument(client, layanan, query);
      } catch {
        check = null; // the contract still decides; its error is shown if the revocation fails
      }
    }
    if (check?.status === "Unknown")
      return settle({ phase: "failed", problem: receipt ? "notFoundWithReceipt" : "notFound" });
    if (check?.status === "Revoked") return settle({ phase: "failed", problem: "alreadyRevoked" });
    settle({ phase: "ready", query, salted, check });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!c || target.phase !== "ready" || write.busy) return;
    const { anchor, root, proof } = target.query;
    await write.send({ ...c.documents, functionName: "revoke", args: [anchor, root, proof, reasonCode(reason)] });
  }

  const described = target.phase === "ready" ? target.check : null;
  const agencyName = described ? (described.agencyName ?? findAgency(catalogue, described.agencyId)?.name) : undefined;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="revoke-doc-form">
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <p className="note">{t("intro")}</p>
      <label htmlFor={`${id}-file`}>{t("file")}</label>
      <input
        id={`${id}-file`}
        ref={fileInput}
        type="file"
        onChange={read}
        disabled={write.busy}
        data-testid="revoke-doc-file"
      />
      <label htmlFor={`${id}-receipt`}>
        {t("receipt")}
        <span className={styles.hint}>{t("receiptHint")}</span>
      </label>
      <input
        id={`${id}-receipt`}
        ref={receiptInput}
        type="file"
        accept=".json,application/json"
        onChange={read}
        disabled={write.busy}
        data-testid="revoke-doc-receipt"
      />
      {target.phase === "reading" && <Loading label={t("reading")} />}
      {target.phase === "failed" && (
        <p className="error" role="alert" data-testid="revoke-doc-problem" data-problem={target.problem}>
          {t(`problems.${target.problem}`)}
        </p>
      )}
      {target.phase === "ready" && (
        <p
          className="note"
          data-testid="revoke-doc-target"
          data-batch={target.query.root !== ZERO_HASH}
          data-salted={target.salted}
        >
          {target.query.root !== ZERO_HASH
            ? t("targetBatch")
            : target.salted
              ? t("targetSingleSalted")
              : t("targetSingle")}
          {described && (
            <span data-testid="revoke-doc-described">
              {" "}
              {t("described", {
                type: described.docTypeDescription ?? t("unknownType"),
                agency: agencyName ?? t("agencyN", { id: described.agencyId }),
              })}
            </span>
          )}
          <span className={styles.fingerprint}>{target.query.anchor}</span>
        </p>
      )}
      <ReasonSelect
        id={`${id}-reason`}
        label={t("reason")}
        value={reason}
        onChange={setReason}
        disabled={write.busy}
        testId="revoke-doc-reason"
      />
      <div className={styles.buttons}>
        <button
          type="submit"
          className="secondary"
          disabled={target.phase !== "ready" || write.busy}
          data-testid="revoke-document"
        >
          {t("submit")}
        </button>
      </div>
      <div aria-live="polite">
        <TxStatus write={write} />
      </div>
    </form>
  );
}

function DocumentsConsole({ role }: { role: Role }) {
  const t = useTranslations("issuer.documents");
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro", { agency: role.agencyName })}</p>
      <IssueForm role={role} />
      <RevokeDocumentForm />
    </>
  );
}

/** /console/documents: an officer issues documents of a type its agency is trusted for, and revokes them. */
export function DocumentsView() {
  return <ConsoleGate need="officer">{(role) => <DocumentsConsole role={role} />}</ConsoleGate>;
}
