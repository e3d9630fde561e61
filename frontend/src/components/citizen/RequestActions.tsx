"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import type { Hex } from "viem";
import { ConfirmStep } from "@/components/ConfirmStep";
import { TxStatus } from "@/components/TxStatus";
import { useFocusAfterRender } from "@/lib/focus";
import { chain } from "@/lib/chain";
import { HOW_TO_CHECK, saveBundle } from "@/lib/citizen/bundle";
import {
  type AttachmentFingerprint,
  commitPrivateContent,
  isOpenStatus,
  randomBytes32,
  type RequestDetail,
  ZERO_HASH,
} from "@layanan/core";
import { formatDateTime } from "@/lib/citizen/format";
import { contracts } from "@/lib/contracts";
import { useWrite, type Write } from "@/lib/useWrite";
import { PrivateDetailsFields } from "./PrivateDetailsFields";
import { PublicTextField, publicTextProblem } from "./PublicTextField";
import styles from "./citizen.module.css";

function RespondForm({ request, write }: { request: RequestDetail; write: Write }) {
  const { busy } = write;
  const t = useTranslations("citizen.actions");
  const [salt] = useState<Hex>(() => randomBytes32());
  const [note, setNote] = useState("");
  const [details, setDetails] = useState("");
  const [attachments, setAttachments] = useState<AttachmentFingerprint[]>([]);
  const [hashing, setHashing] = useState(false);
  const problem = publicTextProblem(note);
  const question = [...request.timeline].reverse().find((e) => e.kind === "status" && e.to === 3);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (problem || hashing || !contracts || write.busy) return;
    const c = contracts;
    const { payload, contentHash } = commitPrivateContent(salt, { details, attachments });
    if (payload) {
      saveBundle({
        kind: "layanan.private-bundle",
        version: 1,
        purpose: "respond",
        chainId: chain.id,
        contract: c.requests.address,
        citizen: request.citizen,
        serviceId: request.serviceId,
        requestId: request.id.toString(),
        clientRef: null,
        details,
        attachments,
        salt,
        payload,
        contentHash,
        howToCheck: HOW_TO_CHECK,
        createdAt: new Date().toISOString(),
      });
    }
    void write.send({ ...c.requests, functionName: "respond", args: [request.id, contentHash, note] });
  }

  return (
    <form onSubmit={submit} className="card" aria-labelledby="respond-title" data-testid="respond-form" noValidate>
      <h3 id="respond-title">{t("respondTitle")}</h3>
      {question?.kind === "status" && question.note ? (
        <>
          <p className="note">{t("officerAsked")}</p>
          <p className={styles.quote}>{question.note}</p>
        </>
      ) : (
        <p className="note">{t("officerAskedNoNote")}</p>
      )}
      <PublicTextField
        label={t("respondNoteLabel")}
        hint={t("respondNoteHint")}
        value={note}
        onChange={setNote}
        testId="respond-note"
        counterTestId="respond-note-bytes"
        disabled={busy}
      />
      <PrivateDetailsFields
        details={details}
        onDetails={setDetails}
        attachments={attachments}
        onAttachments={setAttachments}
        onHashing={setHashing}
        disabled={busy}
        testIds={{ details: "respond-details", attachments: "respond-attachments" }}
      />
      <button type="submit" disabled={busy || hashing || problem !== null} data-testid="respond">
        {t("respond")}
      </button>
    </form>
  );
}

/**
 * What the citizen who filed the request may do now: respond (NeedsInfo), cancel (Submitted or
 * NeedsInfo), escalate (open, past due, once), rate (Completed, Rejected or Duplicate, once). One write at a
 * time (useWrite); after each, the request and the lists are read again.
 */
export function RequestActions({ request, now }: { request: RequestDetail; now: number | undefined }) {
  const t = useTranslations("citizen.actions");
  const tRating = useTranslations("citizen.rating");
  const locale = useLocale();
  const write = useWrite();
  // Cancelling and rating cannot be undone: each asks first (ConfirmStep).
  const [confirming, setConfirming] = useState<{ kind: "cancel" } | { kind: "rate"; score: number } | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const rateButtons = useRef<Record<number, HTMLButtonElement | null>>({});
  const focusAfterRender = useFocusAfterRender();
  const statusBox = useRef<HTMLDivElement>(null);

  const status = request.statusName;
  const open = isOpenStatus(request.status);
  const canRespond = status === "NeedsInfo";
  const canCancel = status === "Submitted" || status === "NeedsInfo";
  const pastDue = now !== undefined && now > request.dueAt;
  const canEscalate = open && pastDue && !request.escalated;
  const canRate = (status === "Completed" || status === "Rejected" || status === "Duplicate") && request.rating === 0;
  const { busy } = write;
  const c = contracts;
  if (!c) return null;

  const escalateLater = open && !pastDue && !request.escalated && now !== undefined;
  const nothing = !canRespond && !canCancel && !canEscalate && !canRate && !escalateLater;

  /** Back: nothing is sent, and focus returns to the button that asked. */
  function back() {
    const trigger = confirming?.kind === "rate" ? rateButtons.current[confirming.score] : cancelButton.current;
    setConfirming(null);
    focusAfterRender(() => trigger);
  }
  /** Yes: the write goes out, and focus moves to its status line. */
  function confirm(send: () => void) {
    setConfirming(null);
    send();
    focusAfterRender(() => statusBox.current);
  }
  return (
    <section aria-labelledby="actions-title" data-testid="actions">
      <h2 id="actions-title">{t("title")}</h2>
      <div aria-live="polite" ref={statusBox} tabIndex={-1}>
        <TxStatus write={write} onRetry={write.retry} />
      </div>
      {canRespond && <RespondForm key={request.timeline.length} request={request} write={write} />}
      {canEscalate && (
        <div className="card">
          <h3>{t("escalateTitle")}</h3>
          <p>{t("escalateExplain", { due: formatDateTime(locale, request.dueAt) })}</p>
          <button
            type="button"
            disabled={busy}
            onClick={() => write.send({ ...c.requests, functionName: "escalate", args: [request.id] })}
            data-testid="escalate"
          >
            {t("escalate")}
          </button>
        </div>
      )}
      {escalateLater && <p className="note">{t("escalateLater", { due: formatDateTime(locale, request.dueAt) })}</p>}
      {canCancel && (
        <div className="card">
          <h3>{t("cancelTitle")}</h3>
          <p>{t("cancelExplain")}</p>
          <button
            ref={cancelButton}
            type="button"
            className="secondary"
            disabled={busy}
            aria-expanded={confirming?.kind === "cancel"}
            onClick={() => setConfirming({ kind: "cancel" })}
            data-testid="cancel"
          >
            {t("cancel")}
          </button>
          {confirming?.kind === "cancel" && (
            <ConfirmStep
              title={t("cancelConfirmTitle", { id: request.id.toString() })}
              confirmLabel={t("cancelConfirmYes")}
              cancelLabel={t("confirmBack")}
              busy={busy}
              onCancel={back}
              onConfirm={() =>
                confirm(() => void write.send({ ...c.requests, functionName: "cancel", args: [request.id] }))
              }
              testId="cancel-confirm"
            >
              <p>{t("cancelConfirmText")}</p>
            </ConfirmStep>
          )}
        </div>
      )}
      {canRate && (
        <fieldset className="card" data-testid="rate">
          <legend>
            <strong>{t("rateTitle")}</strong>
          </legend>
          <p>{t("rateExplain")}</p>
          <div className={styles.ratingButtons}>
            {[1, 2, 3, 4].map((score) => (
              <button
                key={score}
                ref={(element) => {
                  rateButtons.current[score] = element;
                }}
                type="button"
                className="secondary"
                disabled={busy}
                aria-pressed={confirming?.kind === "rate" && confirming.score === score}
                onClick={() => setConfirming({ kind: "rate", score })}
                data-testid={`rate-${score}`}
              >
                {score} · {tRating(String(score))}
              </button>
            ))}
          </div>
          {confirming?.kind === "rate" && (
            <ConfirmStep
              key={confirming.score}
              title={t("rateConfirmTitle", { score: confirming.score, label: tRating(String(confirming.score)) })}
              confirmLabel={t("rateConfirmYes")}
              cancelLabel={t("confirmBack")}
              busy={busy}
              onCancel={back}
              onConfirm={() => {
                const { score } = confirming;
                confirm(
                  () => void write.send({ ...c.requests, functionName: "rate", args: [request.id, score, ZERO_HASH] }),
                );
              }}
              testId="rate-confirm"
            >
              <p>{t("rateConfirmText", { id: request.id.toString() })}</p>
            </ConfirmStep>
          )}
        </fieldset>
      )}
      {request.rating !== 0 && (
        <p data-testid="rating">{t("yourRating", { label: tRating(String(request.rating)), score: request.rating })}</p>
      )}
      {nothing && request.rating === 0 && <p className="note">{t("nothingNow")}</p>}
    </section>
  );
}
