"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { isAddress, parseEventLogs, type Hex } from "viem";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { TxStatus } from "@/components/TxStatus";
import { chain } from "@/lib/chain";
import { formatDate, formatDateTime } from "@/lib/citizen/format";
import { useCatalogue, useChainNow, useClaims } from "@/lib/citizen/hooks";
import {
  attestArgs,
  attestationReceipt,
  type AttestationReceipt,
  attestationReceiptFileName,
  type AttestField,
  type AttestFormValues,
  attestProblems,
  type Catalogue,
  type CitizenData,
  citizenPayloadData,
  expiryToSeconds,
  findClaimType,
  prepareAttestation,
  reasonCode,
  REVOKE_REASONS,
  type RevokeReason,
  type Role,
} from "@layanan/core";
import { contracts } from "@/lib/contracts";
import { downloadJson } from "@/lib/download";
import { useWrite } from "@/lib/useWrite";
import { ConsoleGate } from "../ConsoleGate";
import { Field, TextField } from "../Field";
import { ReasonSelect } from "./ReasonSelect";
import styles from "./issuer.module.css";

const EMPTY_DATA: CitizenData = { nik: "", name: "", birthDate: "", address: "" };

/** The printable receipt: what the citizen takes home. Shown on screen too, so the officer can check it. */
function ReceiptSheet({ receipt, agencyName }: { receipt: AttestationReceipt; agencyName: string }) {
  const t = useTranslations("issuer.attest.receipt");
  const tCommon = useTranslations("common");
  const tData = useTranslations("issuer.attest.data");
  const locale = useLocale();
  const fields: (keyof CitizenData)[] = ["nik", "name", "birthDate", "address"];
  return (
    <div className={`print-area ${styles.sheet}`} data-testid="attest-receipt-sheet">
      <h3>{t("sheetTitle")}</h3>
      <p>{t("sheetIntro", { agency: agencyName })}</p>
      <dl className={styles.meta}>
        <dt>{t("subject")}</dt>
        <dd className="mono">{receipt.subject}</dd>
        <dt>{t("claim")}</dt>
        <dd>{receipt.claim}</dd>
        <dt>{t("level")}</dt>
        <dd>{tCommon(`level.${receipt.level}`)}</dd>
        <dt>{t("expires")}</dt>
        <dd>{receipt.expiresAt === 0 ? t("never") : formatDateTime(locale, receipt.expiresAt)}</dd>
        {fields.map((field) =>
          typeof receipt.data[field] === "string" ? (
            <div key={field} className={styles.pair}>
              <dt>{tData(field)}</dt>
              <dd data-testid={`attest-receipt-${field}`}>{String(receipt.data[field])}</dd>
            </div>
          ) : null,
        )}
        <dt>{t("uid")}</dt>
        <dd className="mono" data-testid="attest-receipt-uid">
          {receipt.uid}
        </dd>
        <dt>{t("salt")}</dt>
        <dd className="mono" data-testid="attest-receipt-salt">
          {receipt.salt}
        </dd>
        <dt>{t("dataHash")}</dt>
        <dd className="mono" data-testid="attest-receipt-datahash">
          {receipt.dataHash}
        </dd>
      </dl>
      <p className="note">{t("sheetKeep")}</p>
    </div>
  );
}

/**
 * The citizen's receipt after a confirmed attestation: a download and a printable page. It lives
 * only in this page's memory; the officer is warned before it is dropped unsaved.
 */
function AttestReceipt({
  receipt,
  agencyName,
  onNext,
  children,
}: {
  receipt: AttestationReceipt;
  agencyName: string;
  onNext: () => void;
  /** The write's confirmed status line. */
  children: ReactNode;
}) {
  const t = useTranslations("issuer.attest.receipt");
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (saved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saved]);

  function next() {
    if (!saved && !window.confirm(t("unsavedConfirm"))) return;
    onNext();
  }

  return (
    <section className="card" aria-labelledby="attest-receipt-title" data-testid="attest-receipt">
      <h2 id="attest-receipt-title">{t("title")}</h2>
      {children}
      <p>{t("intro")}</p>
      <p className="warning">{t("privacy")}</p>
      <div className={styles.buttons}>
        <button
          type="button"
          onClick={() => {
            downloadJson(attestationReceiptFileName(receipt), receipt);
            setSaved(true);
          }}
          data-testid="attest-receipt-download"
        >
          {t("download")}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setSaved(true);
            window.print();
          }}
          data-testid="attest-receipt-print"
        >
          {t("print")}
        </button>
        <button type="button" className="secondary" onClick={next} data-testid="attest-next">
          {t("next")}
        </button>
      </div>
      {!saved && (
        <p className="note" data-testid="attest-receipt-unsaved">
          {t("unsaved")}
        </p>
      )}
      <ReceiptSheet receipt={receipt} agencyName={agencyName} />
    </section>
  );
}

/** Claim types this agency is trusted to attest, from the catalogue. */
const trustedClaims = (catalogue: Catalogue, agencyId: number) =>
  catalogue.claimTypes.filter((ct) => ct.issuers.includes(agencyId));

function AttestForm({ role, catalogue }: { role: Role; catalogue: Catalogue }) {
  const t = useTranslations("issuer.attest");
  const tCommon = useTranslations("common");
  const id = useId();
  const write = useWrite();
  const now = useChainNow();
  const claims = trustedClaims(catalogue, role.agencyId);
  const [values, setValues] = useState<AttestFormValues>({
    subject: "",
    claimType: claims[0]?.id ?? "",
    level: "2",
    expiry: "",
    data: EMPTY_DATA,
  });
  const [tried, setTried] = useState(false);
  const [receipt, setReceipt] = useState<AttestationReceipt | null>(null);
  const c = contracts;
  if (!c) return null;

  const problems = now === undefined ? {} : attestProblems(values, now);
  const shown = (field: AttestField) => {
    const problem = problems[field];
    return tried && problem ? t(`problems.${problem}`) : undefined;
  };
  const set = (patch: Partial<AttestFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const setData = (patch: Partial<CitizenData>) => setValues((v) => ({ ...v, data: { ...v.data, ...patch } }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!c || now === undefined || write.busy || Object.keys(attestProblems(values, now)).length > 0) return;
    const level = Number(values.level);
    const prepared = prepareAttestation({
      subject: values.subject.trim() as `0x${string}`,
      claimType: values.claimType as Hex,
      level,
      expiresAt: expiryToSeconds(values.expiry) ?? 0,
      data: citizenPayloadData(values.data, level),
    });
    const mined = await write.send({ ...c.attestations, functionName: "attest", args: attestArgs(prepared) });
    if (!mined) return;
    const [attested] = parseEventLogs({ abi: c.attestations.abi, logs: mined.logs, eventName: "Attested" });
    setReceipt(
      attestationReceipt(prepared, {
        claim: findClaimType(catalogue, prepared.claimType)?.description ?? prepared.claimType,
        uid: attested.args.uid,
        agencyId: role.agencyId,
        chainId: chain.id,
        contract: c.attestations.address,
        transactionHash: mined.transactionHash,
      }),
    );
  }

  function next() {
    setReceipt(null);
    setTried(false);
    write.reset();
    setValues((v) => ({ ...v, subject: "", expiry: "", data: EMPTY_DATA }));
  }

  if (receipt) {
    return (
      <AttestReceipt receipt={receipt} agencyName={role.agencyName} onNext={next}>
        <TxStatus write={write} />
      </AttestReceipt>
    );
  }

  if (claims.length === 0) {
    return (
      <p className="card" data-testid="attest-no-claims">
        {t("noClaims")}
      </p>
    );
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="attest-form">
      <h2 id={`${id}-title`}>{t("formTitle")}</h2>
      <TextField
        id={`${id}-subject`}
        label={t("subject")}
        hint={t("subjectHint")}
        problem={shown("subject")}
        value={values.subject}
        // A citizen's account code may be pasted grouped ("0x 1a2B 3c4D …"): spaces and dashes go.
        onChange={(subject) => set({ subject: subject.replace(/[\s\u00a0\-\u2013\u00b7]/g, "") })}
        disabled={write.busy}
        testId="attest-subject"
        placeholder="0x…"
      />
      <Field id={`${id}-claim`} label={t("claim")} problem={shown("claimType")}>
        {(describedBy, invalid) => (
          <select
            id={`${id}-claim`}
            className={styles.wide}
            value={values.claimType}
            onChange={(e) => set({ claimType: e.target.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            disabled={write.busy}
            data-testid="attest-claim"
          >
            {claims.map((ct) => (
              <option key={ct.id} value={ct.id}>
                {ct.description}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-level`} label={t("level")} hint={t("levelHint")} problem={shown("level")}>
        {(describedBy, invalid) => (
          <select
            id={`${id}-level`}
            className={styles.wide}
            value={values.level}
            onChange={(e) => set({ level: e.target.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            disabled={write.busy}
            data-testid="attest-level"
          >
            {[1, 2, 3].map((level) => (
              <option key={level} value={String(level)}>
                {tCommon(`level.${level}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        id={`${id}-expiry`}
        type="date"
        label={t("expiry")}
        hint={t("expiryHint")}
        problem={shown("expiry")}
        value={values.expiry}
        onChange={(expiry) => set({ expiry })}
        disabled={write.busy}
        testId="attest-expiry"
      />
      <fieldset className={styles.private}>
        <legend>{t("dataLegend")}</legend>
        <p className="note">{t("dataPrivacy")}</p>
        <TextField
          id={`${id}-nik`}
          label={t("data.nik")}
          hint={t("nikHint")}
          problem={shown("nik")}
          value={values.data.nik}
          onChange={(nik) => setData({ nik })}
          disabled={write.busy}
          testId="attest-nik"
          inputMode="numeric"
        />
        <TextField
          id={`${id}-name`}
          label={t("data.name")}
          problem={shown("name")}
          value={values.data.name}
          onChange={(name) => setData({ name })}
          disabled={write.busy}
          testId="attest-name"
        />
        <TextField
          id={`${id}-birthdate`}
          type="date"
          label={t("data.birthDate")}
          problem={shown("birthDate")}
          value={values.data.birthDate}
          onChange={(birthDate) => setData({ birthDate })}
          disabled={write.busy}
          testId="attest-birthdate"
        />
        <TextField
          id={`${id}-address`}
          type="multiline"
          label={t("data.address")}
          value={values.data.address}
          onChange={(address) => setData({ address })}
          disabled={write.busy}
          testId="attest-address"
        />
      </fieldset>
      <p className="note">{t("supersedes")}</p>
      <div className={styles.buttons}>
        <button type="submit" disabled={write.busy || now === undefined} data-testid="attest-submit">
          {t("submit")}
        </button>
      </div>
      {tried && Object.keys(problems).length > 0 && (
        <p className="error" role="alert" data-testid="attest-problems">
          {t("fixFields")}
        </p>
      )}
      <div aria-live="polite">
        <TxStatus write={write} />
      </div>
    </form>
  );
}

/**
 * Revoking an attestation: found by the citizen's wallet (this agency's valid attestations about
 * it) or by its uid from the receipt; a reason code is recorded on chain.
 */
function RevokeAttestation({ role, catalogue }: { role: Role; catalogue: Catalogue }) {
  const t = useTranslations("issuer.attest.revoke");
  const tCommon = useTranslations("common");
  const locale = useLocale();
  const id = useId();
  const write = useWrite();
  const [subject, setSubject] = useState("");
  const [uid, setUid] = useState("");
  const [reason, setReason] = useState<RevokeReason>(REVOKE_REASONS[1]);
  const c = contracts;
  const subjectOk = isAddress(subject.trim(), { strict: false });
  const claims = useClaims(subjectOk ? (subject.trim() as `0x${string}`) : undefined, catalogue);
  const uidOk = /^0x[0-9a-fA-F]{64}$/.test(uid.trim());
  if (!c) return null;

  const ours = (claims.data?.groups ?? [])
    .flatMap((group) => group.attestations)
    .filter((a) => a.agencyId === role.agencyId && a.status === "valid");

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!c || !uidOk || write.busy) return;
    await write.send({
      ...c.attestations,
      functionName: "revoke",
      args: [uid.trim() as Hex, reasonCode(reason)],
    });
  }

  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="attest-revoke-form"
    >
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <p className="note">{t("intro")}</p>
      <label htmlFor={`${id}-subject`}>{t("subject")}</label>
      <input
        id={`${id}-subject`}
        className={styles.wide}
        autoComplete="off"
        spellCheck={false}
        placeholder="0x…"
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        data-testid="revoke-subject"
      />
      {subjectOk && claims.isPending && <Loading />}
      {subjectOk && claims.error && <QueryError error={claims.error} onRetry={() => claims.refetch()} />}
      {subjectOk && claims.data && ours.length === 0 && (
        <p className="note" data-testid="revoke-none">
          {t("none")}
        </p>
      )}
      {ours.length > 0 && (
        <ul className={styles.list} aria-label={t("found")}>
          {ours.map((a) => (
            <li key={a.uid} data-testid="revoke-candidate" data-uid={a.uid}>
              <span>
                {findClaimType(catalogue, a.claimType)?.description ?? a.claimType} · {tCommon(`levelShort.${a.level}`)}{" "}
                · {formatDate(locale, a.issuedAt)}
              </span>
              <button type="button" className="secondary" onClick={() => setUid(a.uid)} disabled={write.busy}>
                {t("pick")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-uid`}>
        {t("uid")}
        <span className={styles.hint}>{t("uidHint")}</span>
      </label>
      <input
        id={`${id}-uid`}
        className={styles.wide}
        autoComplete="off"
        spellCheck={false}
        value={uid}
        onChange={(e) => setUid(e.target.value)}
        aria-invalid={uid.trim() !== "" && !uidOk}
        disabled={write.busy}
        data-testid="revoke-uid"
      />
      {uid.trim() !== "" && !uidOk && <p className="error">{t("uidInvalid")}</p>}
      <ReasonSelect
        id={`${id}-reason`}
        label={t("reason")}
        value={reason}
        onChange={setReason}
        disabled={write.busy}
        testId="revoke-reason"
      />
      <div className={styles.buttons}>
        <button type="submit" className="secondary" disabled={write.busy || !uidOk} data-testid="revoke-attestation">
          {t("submit")}
        </button>
      </div>
      <div aria-live="polite">
        <TxStatus write={write} />
      </div>
    </form>
  );
}

function AttestConsole({ role }: { role: Role }) {
  const t = useTranslations("issuer.attest");
  const catalogue = useCatalogue();
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro", { agency: role.agencyName })}</p>
      {catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : (
        <>
          <AttestForm role={role} catalogue={catalogue.data} />
          <RevokeAttestation role={role} catalogue={catalogue.data} />
        </>
      )}
    </>
  );
}

/** /console/attest: an officer attests a citizen's wallet and revokes attestations. */
export function AttestView() {
  return <ConsoleGate need="officer">{(role) => <AttestConsole role={role} />}</ConsoleGate>;
}
