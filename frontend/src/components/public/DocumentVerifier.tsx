"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from "react";
import { ErrorText } from "@/components/ErrorText";
import { CHAIN_ID } from "@/lib/chain";
import { contracts } from "@/lib/contracts";
import {
  type DecodedError,
  decodeError,
  type DocumentCheck,
  type DocumentLink,
  fingerprintBlob,
  parseReceipt,
  type parseShareQuery,
  type ReceiptParse,
  type ReceiptProblem,
  receiptProblems,
  verifyQueryOf,
  ZERO_HASH,
} from "@layanan/core";
import { checkDocument } from "@/lib/public/read";
import { VerifyResult, type CheckSource } from "./VerifyResult";
import styles from "./public.module.css";

/** What a shareable link or a QR code carried (parsed on the server from ?fp=&salt=&root=&proof=). */
export type LinkQuery = ReturnType<typeof parseShareQuery>;

interface Warning {
  key: ReceiptProblem | "notJson" | "notReceipt" | "linkMismatch";
  values?: Record<string, string>;
}

type Phase =
  | { kind: "idle" }
  | { kind: "hashing" }
  | { kind: "checking" }
  | { kind: "readFailed" }
  | { kind: "error"; error: DecodedError }
  | { kind: "result"; check: DocumentCheck; source: CheckSource; link: DocumentLink };

/** A receipt is a small JSON file; anything much larger is not one. */
const MAX_RECEIPT_BYTES = 256 * 1024;

const isReceiptName = (name: string) => /\.receipt\.json$/i.test(name);

/**
 * Checks a document, in one of three ways: its file alone (a public document: the anchor is the
 * file's SHA-256), its file with its receipt (the receipt's salt, batch root and proof), or a share
 * link / the QR code printed on it (?fp=…&salt=…, no file needed; a file given as well must have the
 * link's fingerprint). The file is hashed on the device and never uploaded; DocumentRegistry.verify
 * is asked about the anchor.
 */
export function DocumentVerifier({ link }: { link: LinkQuery }) {
  const t = useTranslations("verify");
  const fileId = useId();
  const receiptId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const receiptRef = useRef<HTMLInputElement>(null);

  const [file, setFile] = useState<File | null>(null);
  const [receipt, setReceipt] = useState<{ name: string; parse: ReceiptParse } | null>(null);
  const [useLink, setUseLink] = useState(link?.ok === true);
  const [attempt, setAttempt] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [phase, setPhase] = useState<Phase>(contracts && link?.ok ? { kind: "checking" } : { kind: "idle" });
  const linked = useLink && link?.ok === true ? link.link : null;

  useEffect(() => {
    if (!contracts) return;
    const registry = contracts.documents.address;
    let cancelled = false;

    async function run() {
      let document: DocumentLink;
      let source: CheckSource;
      const found: Warning[] = [];
      if (file) {
        setWarnings([]);
        setPhase({ kind: "hashing" });
        let fingerprint;
        try {
          fingerprint = await fingerprintBlob(file);
        } catch {
          if (!cancelled) setPhase({ kind: "readFailed" });
          return;
        }
        if (cancelled) return;
        // The file alone: a public document, whose anchor is its fingerprint.
        document = { fingerprint, salt: null, root: ZERO_HASH, proof: [] };
        source = "file";
        if (receipt && !receipt.parse.ok) found.push({ key: receipt.parse.problem });
        let fromReceipt = false;
        if (receipt?.parse.ok) {
          const r = receipt.parse.receipt;
          const problems = receiptProblems(r, { fingerprint, chainId: CHAIN_ID, registry });
          for (const key of problems) {
            found.push({ key, values: { chainId: String(r.chainId ?? ""), registry: r.registry ?? "" } });
          }
          if (!problems.includes("otherFile")) {
            document = { fingerprint, salt: r.salt, root: r.root, proof: r.proof };
            source = "receipt";
            fromReceipt = true;
          }
        }
        if (!fromReceipt && linked) {
          // A link (or QR code) and a file: the file must be the link's document.
          if (linked.fingerprint.toLowerCase() === fingerprint.toLowerCase()) {
            document = linked;
            source = "linkFile";
          } else {
            found.push({ key: "linkMismatch" });
          }
        }
      } else if (linked) {
        document = linked;
        source = "link";
      } else {
        setWarnings([]);
        setPhase({ kind: "idle" });
        return;
      }
      setWarnings(found);
      setPhase({ kind: "checking" });
      try {
        const check = await checkDocument(verifyQueryOf(document));
        if (!cancelled) setPhase({ kind: "result", check, source, link: document });
      } catch (error) {
        if (!cancelled) setPhase({ kind: "error", error: decodeError(error) });
      }
    }

    void run();
    return () => {
      cancelled = true;
    };
  }, [file, receipt, linked, attempt]);

  function chooseFile(next: File | null) {
    setFile(next);
  }

  /** Opens the receipt picker (offered when a file alone is not found). */
  function pickReceipt() {
    receiptRef.current?.focus();
    receiptRef.current?.click();
  }

  async function chooseReceipt(next: File | null) {
    if (!next) {
      setReceipt(null);
      return;
    }
    let parse: ReceiptParse;
    try {
      parse = next.size > MAX_RECEIPT_BYTES ? { ok: false, problem: "notReceipt" } : parseReceipt(await next.text());
    } catch {
      parse = { ok: false, problem: "notJson" };
    }
    setReceipt({ name: next.name, parse });
  }

  function onFileInput(event: ChangeEvent<HTMLInputElement>) {
    chooseFile(event.target.files?.[0] ?? null);
  }

  function onReceiptInput(event: ChangeEvent<HTMLInputElement>) {
    void chooseReceipt(event.target.files?.[0] ?? null);
  }

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent) {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = Array.from(event.dataTransfer.files);
    const receiptFile = dropped.find((f) => isReceiptName(f.name));
    const documentFile = dropped.find((f) => !isReceiptName(f.name));
    if (receiptFile) await chooseReceipt(receiptFile);
    if (documentFile) chooseFile(documentFile);
  }

  function removeReceipt() {
    if (receiptRef.current) receiptRef.current.value = "";
    setReceipt(null);
  }

  function startOver() {
    if (fileRef.current) fileRef.current.value = "";
    if (receiptRef.current) receiptRef.current.value = "";
    setReceipt(null);
    setFile(null);
    setUseLink(false);
    if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
    fileRef.current?.focus();
  }

  if (!contracts) {
    return (
      <p role="status" className="error" data-testid="verify-not-deployed">
        {t("notDeployed")}
      </p>
    );
  }

  const busy = phase.kind === "hashing" || phase.kind === "checking";
  // A shared link's result comes first: whoever opens it came for the result, not for the form.
  const linkFirst = linked !== null;
  const showStartOver = file !== null || receipt !== null || linked !== null;

  const status = (
    <div aria-live="polite" aria-busy={busy} data-testid="verify-status" data-phase={phase.kind}>
      {receipt && !file && <p className="note">{t("form.needFile")}</p>}

      {warnings.length > 0 && (
        <div className={styles.warnings} data-testid="verify-receipt-warning">
          {warnings.map((w) => (
            <p key={w.key} data-warning={w.key}>
              {t(`receiptProblem.${w.key}`, w.values ?? {})}
            </p>
          ))}
        </div>
      )}

      {phase.kind === "idle" && !receipt && <p className="note">{t("state.idle")}</p>}

      {busy && (
        <p className={styles.progress} role="status">
          <span className={styles.spinner} aria-hidden="true" />
          {phase.kind === "hashing" ? t("state.hashing") : t("state.checking")}
        </p>
      )}

      {phase.kind === "readFailed" && (
        <p className="error" role="alert">
          {t("readFailed")}
        </p>
      )}

      {phase.kind === "error" && (
        <div data-testid="verify-error">
          <ErrorText error={phase.error} />
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t("state.retry")}
          </button>
        </div>
      )}

      {phase.kind === "result" && (
        <VerifyResult
          check={phase.check}
          source={phase.source}
          link={phase.link}
          onPickReceipt={phase.source === "file" && !receipt ? pickReceipt : undefined}
        />
      )}
    </div>
  );

  return (
    <>
      {linkFirst && status}

      {link?.ok === false && !file && (
        <p className="error" role="alert" data-testid="verify-bad-link">
          {t("badLink")}
        </p>
      )}

      <div
        className={`${styles.dropZone} ${dragging ? styles.dragging : ""}`}
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        data-testid="verify-drop"
      >
        <fieldset>
          <legend>{t("form.legend")}</legend>
          <p className={styles.dropHint}>
            {dragging ? t("form.dropActive") : linked ? t("form.dropZoneLink") : t("form.dropZone")}
          </p>

          <label htmlFor={fileId}>{linked ? t("form.fileLabelLink") : t("form.fileLabel")}</label>
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            onChange={onFileInput}
            aria-describedby={`${fileId}-hint`}
            data-testid="verify-file"
          />
          <p id={`${fileId}-hint`} className={styles.hint}>
            {linked ? t("form.fileHintLink") : t("form.fileHint")}
          </p>

          <label htmlFor={receiptId}>{t("form.receiptLabel")}</label>
          <input
            ref={receiptRef}
            id={receiptId}
            type="file"
            accept=".json,application/json"
            onChange={onReceiptInput}
            aria-describedby={`${receiptId}-hint`}
            data-testid="verify-receipt"
          />
          <p id={`${receiptId}-hint`} className={styles.hint}>
            {t("form.receiptHint")}
          </p>

          {(file || receipt) && (
            <ul className={styles.chosen}>
              {file && <li>{t("form.chosenFile", { name: file.name })}</li>}
              {receipt && (
                <li>
                  <span>{t("form.chosenReceipt", { name: receipt.name })}</span>
                  <button type="button" className={styles.linkButton} onClick={removeReceipt}>
                    {t("form.removeReceipt")}
                  </button>
                </li>
              )}
            </ul>
          )}
        </fieldset>
      </div>

      <div className={styles.privacy}>
        <svg
          width="22"
          height="22"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
          focusable="false"
          style={{ color: "var(--ok)", flex: "none" }}
        >
          <rect x="5" y="11" width="14" height="10" rx="2" />
          <path d="M8 11V8a4 4 0 0 1 8 0v3" />
        </svg>
        <p>{t("privacy")}</p>
      </div>

      {!linkFirst && status}

      {showStartOver && !busy && (
        <p>
          <button type="button" className="secondary" onClick={startOver}>
            {t("form.startOver")}
          </button>
        </p>
      )}
    </>
  );
}
