"use client";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from "react";
import type { Hex } from "viem";
import { Loading } from "@/components/Loading";
import { TxStatus } from "@/components/TxStatus";
import { Link } from "@/i18n/navigation";
import { chain } from "@/lib/chain";
import { useChainNow } from "@/lib/citizen/hooks";
import {
  type DocumentReceipt,
  documentReceipts,
  expiryProblem,
  expiryToSeconds,
  fingerprintBlob,
  type FingerprintedFile,
  issueProblem,
  type ParsedReceipt,
  parseReceipt,
  planIssue,
  reasonCode,
  receiptFileName,
  receiptProblems,
  REVOKE_REASONS,
  type RevokeReason,
  type Role,
  shareQuery,
  ZERO_HASH,
} from "@layanan/core";
import { contracts } from "@/lib/contracts";
import { downloadJson } from "@/lib/download";
import { useWrite } from "@/lib/useWrite";
import { ConsoleGate } from "../ConsoleGate";
import { ReasonSelect } from "./ReasonSelect";
import styles from "./issuer.module.css";

type Picked =
  { phase: "none" } | { phase: "hashing" } | { phase: "failed" } | { phase: "ready"; files: FingerprintedFile[] };

/** Hashes the picked files on the device (SHA-256); nothing is uploaded. */
async function fingerprintAll(files: FileList): Promise<FingerprintedFile[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, fingerprint: await fingerprintBlob(file) })));
}

/** The receipts of a confirmed issue: one per file, each downloadable, each with a link to check it. */
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
  const download = (receipt: DocumentReceipt) => {
    downloadJson(receiptFileName(receipt.file), receipt);
    setSaved((s) => new Set(s).add(receipt.fingerprint));
  };
  const allSaved = receipts.every((r) => saved.has(r.fingerprint));
  function next() {
    if (!allSaved && !window.confirm(t("unsavedConfirm"))) return;
    onNext();
  }
  return (
    <section className="card" aria-labelledby="issued-title" data-testid="issue-result">
      <h2 id="issued-title">{t("title", { count: receipts.length })}</h2>
      {children}
      <p>{t("intro")}</p>
      <ul className={styles.list} aria-label={t("receipts")}>
        {receipts.map((receipt) => (
          <li
            key={receipt.fingerprint}
            data-testid="issue-receipt"
            data-file={receipt.file}
            data-fingerprint={receipt.fingerprint}
          >
            <span>
              {receipt.file}
              <span className={styles.fingerprint}>{receipt.fingerprint}</span>
            </span>
            <span className={styles.buttons}>
              <button type="button" onClick={() => download(receipt)} data-testid="issue-receipt-download">
                {saved.has(receipt.fingerprint) ? t("downloadAgain") : t("download")}
                <span className="visually-hidden"> {receipt.file}</span>
              </button>
              <Link href={`/verify?${shareQuery(receipt)}`} data-testid="issue-receipt-check">
                {t("check")}
                <span className="visually-hidden"> {receipt.file}</span>
              </Link>
            </span>
          </li>
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

/** Issue: one file singly, several as one Merkle batch; a receipt per file afterwards. */
function IssueForm({ role }: { role: Role }) {
  const t = useTranslations("issuer.documents.issue");
  const id = useId();
  const write = useWrite();
  const now = useChainNow();
  const input = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked>({ phase: "none" });
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

  const files = picked.phase === "ready" ? picked.files : [];
  const problem = picked.phase === "ready" ? issueProblem(files) : null;
  const expiresAt = expiryToSeconds(expiry);
  const expiryIssue = expiryProblem(expiry, now);
  const ready = picked.phase === "ready" && problem === null && expiryIssue === null && now !== undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!c || !ready || write.busy || expiresAt === null) return;
    const plan = planIssue(files);
    const mined =
      plan.kind === "single"
        ? await write.send({ ...c.documents, functionName: "issue", args: [plan.fingerprint, BigInt(expiresAt)] })
        : await write.send({
            ...c.documents,
            functionName: "issueBatch",
            args: [plan.root, plan.count, BigInt(expiresAt)],
          });
    if (!mined) return;
    setReceipts(
      documentReceipts(files, plan, {
        registry: c.documents.address,
        chainId: chain.id,
        agencyId: role.agencyId,
        expiresAt,
        transactionHash: mined.transactionHash,
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

type RevokeTarget =
  | { phase: "none" }
  | { phase: "reading" }
  | { phase: "failed"; problem: "readFailed" | "notJson" | "notReceipt" | "otherFile" | "otherChain" | "otherRegistry" }
  | { phase: "ready"; fingerprint: Hex; receipt: ParsedReceipt | null };

/**
 * Revoke one document: its file (hashed here) and, for a document of a batch, its receipt (the
 * root and proof). The reason is recorded on chain and shown to whoever checks the document.
 */
function RevokeDocumentForm() {
  const t = useTranslations("issuer.documents.revoke");
  const id = useId();
  const write = useWrite();
  const fileInput = useRef<HTMLInputElement>(null);
  const receiptInput = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<RevokeTarget>({ phase: "none" });
  const [reason, setReason] = useState<RevokeReason>(REVOKE_REASONS[0]);
  const c = contracts;

  async function read() {
    write.reset();
    const file = fileInput.current?.files?.[0];
    const receiptFile = receiptInput.current?.files?.[0];
    if (!file || !c) return setTarget({ phase: "none" });
    setTarget({ phase: "reading" });
    let fingerprint: Hex;
    let receipt: ParsedReceipt | null = null;
    try {
      fingerprint = await fingerprintBlob(file);
      if (receiptFile) {
        const parsed = parseReceipt(await receiptFile.text());
        if (!parsed.ok) return setTarget({ phase: "failed", problem: parsed.problem });
        receipt = parsed.receipt;
      }
    } catch {
      return setTarget({ phase: "failed", problem: "readFailed" });
    }
    if (receipt) {
      const [problem] = receiptProblems(receipt, { fingerprint, chainId: chain.id, registry: c.documents.address });
      if (problem) return setTarget({ phase: "failed", problem });
    }
    setTarget({ phase: "ready", fingerprint, receipt });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!c || target.phase !== "ready" || write.busy) return;
    await write.send({
      ...c.documents,
      functionName: "revoke",
      args: [target.fingerprint, target.receipt?.root ?? ZERO_HASH, target.receipt?.proof ?? [], reasonCode(reason)],
    });
  }

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
        <p className="error" role="alert" data-testid="revoke-doc-problem">
          {t(`problems.${target.problem}`)}
        </p>
      )}
      {target.phase === "ready" && (
        <p className="note" data-testid="revoke-doc-target">
          {target.receipt && target.receipt.root !== ZERO_HASH ? t("targetBatch") : t("targetSingle")}
          <span className={styles.fingerprint}>{target.fingerprint}</span>
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

/** /console/documents: an officer issues document fingerprints (one or a batch) and revokes them. */
export function DocumentsView() {
  return <ConsoleGate need="officer">{(role) => <DocumentsConsole role={role} />}</ConsoleGate>;
}
