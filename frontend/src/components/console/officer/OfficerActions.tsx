"use client";
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, type FormEvent } from "react";
import { PublicTextField, publicTextProblem } from "@/components/citizen/PublicTextField";
import { StatusBadge } from "@/components/citizen/StatusBadge";
import { ConfirmStep } from "@/components/ConfirmStep";
import { TxStatus } from "@/components/TxStatus";
import { useFocusAfterRender } from "@/lib/focus";
import {
  allowedTransitions,
  duplicateCandidates,
  isOpen,
  noteRequired,
  parseRequestId,
  type QueueStatusName,
  type RequestDetail,
  statusNumber,
  ZERO_HASH,
} from "@layanan/core";
import { contracts } from "@/lib/contracts";
import { useWrite } from "@/lib/useWrite";
import { useAgencyRequests } from "./data";
import styles from "./officer.module.css";

type Busy = { busy: boolean };

/** The statuses that need a public note (asking for information, rejecting): core's noteRequired. */
const needsNote = noteRequired;

/** The status changes the contract allows from the current status, with a public note. */
function StatusForm({
  request,
  busy,
  onSend,
}: { request: RequestDetail; onSend: (to: QueueStatusName, note: string) => void } & Busy) {
  const t = useTranslations("officer.request.status");
  const hintId = useId();
  const [note, setNote] = useState("");
  // A rejection is final and the applicant is told: it asks first (ConfirmStep).
  const [confirmReject, setConfirmReject] = useState(false);
  const rejectButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const problem = publicTextProblem(note);
  const targets = allowedTransitions(request.status);
  const empty = note.trim() === "";
  const hintFor = (to: QueueStatusName) =>
    to === "NeedsInfo" ? `${hintId}-needs-info` : to === "Rejected" ? `${hintId}-reject` : undefined;
  return (
    <form className="card" aria-labelledby={`${hintId}-title`} onSubmit={(e) => e.preventDefault()} noValidate>
      <h3 id={`${hintId}-title`}>{t("title")}</h3>
      <PublicTextField
        label={t("noteLabel")}
        hint={t("noteHint")}
        value={note}
        onChange={setNote}
        testId="officer-note"
        counterTestId="officer-note-bytes"
        disabled={busy}
      />
      <div className={styles.buttons}>
        {targets.map((to) => {
          const missingNote = needsNote(to, note);
          return (
            <button
              key={to}
              ref={to === "Rejected" ? rejectButton : undefined}
              type="button"
              className={to === "Rejected" ? "secondary" : undefined}
              disabled={busy || problem !== null || missingNote}
              aria-describedby={missingNote ? hintFor(to) : undefined}
              aria-expanded={to === "Rejected" ? confirmReject : undefined}
              onClick={() => (to === "Rejected" ? setConfirmReject(true) : onSend(to, note))}
              data-testid={`set-status-${to}`}
            >
              {t(`to.${to}`)}
            </button>
          );
        })}
      </div>
      {confirmReject && !empty && (
        <ConfirmStep
          title={t("rejectConfirmTitle", { id: request.id.toString() })}
          confirmLabel={t("rejectConfirmYes")}
          cancelLabel={t("confirmBack")}
          busy={busy}
          onCancel={() => {
            setConfirmReject(false);
            focusAfterRender(() => rejectButton.current);
          }}
          onConfirm={() => {
            setConfirmReject(false);
            onSend("Rejected", note);
          }}
          testId="reject-confirm"
        >
          <p>{t("rejectConfirmText")}</p>
          <p className={styles.quote} data-testid="reject-confirm-note">
            {note.trim()}
          </p>
        </ConfirmStep>
      )}
      {targets.includes("NeedsInfo") && empty && (
        <p id={`${hintId}-needs-info`} className="note" data-testid="needs-info-note-required">
          {t("needsNote")}
        </p>
      )}
      {targets.includes("Rejected") && empty && (
        <p id={`${hintId}-reject`} className="note" data-testid="reject-note-required">
          {t("rejectNote")}
        </p>
      )}
    </form>
  );
}

/**
 * Mark as a duplicate: the original's id, typed or picked from the agency's earlier requests whose
 * summary matches. Only "a positive integer" is checked here; the contract decides the rest, and
 * its error is shown decoded.
 */
function DuplicateForm({
  request,
  busy,
  onMark,
}: { request: RequestDetail; onMark: (originalId: bigint) => void } & Busy) {
  const t = useTranslations("officer.request.duplicate");
  const id = useId();
  const [original, setOriginal] = useState("");
  const [search, setSearch] = useState("");
  const agencyRequests = useAgencyRequests(request.agencyId);
  const candidates = useMemo(
    () => duplicateCandidates(agencyRequests.data ?? [], request, search),
    [agencyRequests.data, request, search],
  );
  const originalId = parseRequestId(original);
  const invalid = original.trim() !== "" && originalId === null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (originalId !== null && !busy) onMark(originalId);
  }

  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate>
      <h3 id={`${id}-title`}>{t("title")}</h3>
      <p className="note">{t("explain")}</p>
      <label htmlFor={`${id}-original`}>{t("originalLabel")}</label>
      <input
        id={`${id}-original`}
        className={styles.field}
        inputMode="numeric"
        autoComplete="off"
        value={original}
        onChange={(e) => setOriginal(e.target.value)}
        disabled={busy}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-invalid` : undefined}
        data-testid="duplicate-of"
      />
      {invalid && (
        <p id={`${id}-invalid`} className="error">
          {t("invalid")}
        </p>
      )}
      <label htmlFor={`${id}-search`}>
        {t("searchLabel")}
        <span className={styles.hint}>{t("searchHint")}</span>
      </label>
      <input
        id={`${id}-search`}
        className={styles.field}
        type="search"
        autoComplete="off"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="duplicate-search"
      />
      {search.trim() !== "" &&
        (candidates.length === 0 ? (
          <p className="note" data-testid="no-candidates">
            {t("noCandidates")}
          </p>
        ) : (
          <ul className={styles.candidates} aria-label={t("candidatesLabel")}>
            {candidates.map((c) => (
              <li key={c.id.toString()} data-testid="duplicate-candidate" data-request-id={c.id.toString()}>
                <span className={styles.candidateText}>
                  #{c.id.toString()} · {c.summary} <StatusBadge status={c.statusName} />
                </span>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setOriginal(c.id.toString())}
                  disabled={busy}
                >
                  {t("pick", { id: c.id.toString() })}
                </button>
              </li>
            ))}
          </ul>
        ))}
      <div className={styles.buttons}>
        <button type="submit" disabled={busy || originalId === null} data-testid="mark-duplicate">
          {t("mark")}
        </button>
      </div>
    </form>
  );
}

/** What an officer of the request's agency may do now; one write at a time, then the request and the queue reload. */
export function OfficerActions({ request }: { request: RequestDetail }) {
  const t = useTranslations("officer.request.actions");
  const write = useWrite();
  const c = contracts;
  if (!c) return null;

  const setStatus = (to: QueueStatusName, note: string) =>
    write.send({ ...c.requests, functionName: "updateStatus", args: [request.id, statusNumber(to), ZERO_HASH, note] });
  const markDuplicate = (originalId: bigint) =>
    write.send({ ...c.requests, functionName: "markDuplicate", args: [request.id, originalId] });

  // Forms are keyed by the request's history, so a note typed for one step does not linger into the next.
  const version = `${request.status}-${request.timeline.length}`;
  return (
    <section aria-labelledby="officer-actions-title" data-testid="officer-actions">
      <h2 id="officer-actions-title">{t("title")}</h2>
      <div aria-live="polite">
        <TxStatus write={write} />
      </div>
      {isOpen(request.status) ? (
        <>
          <StatusForm key={`status-${version}`} request={request} busy={write.busy} onSend={setStatus} />
          <DuplicateForm key={`duplicate-${version}`} request={request} busy={write.busy} onMark={markDuplicate} />
        </>
      ) : (
        <p className="note" data-testid="officer-final">
          {t("final")}
        </p>
      )}
    </section>
  );
}
