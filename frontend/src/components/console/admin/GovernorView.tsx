"use client";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { Hex } from "viem";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import { shortHex } from "@/lib/citizen/format";
import { useCatalogue } from "@/lib/citizen/hooks";
import {
  addressProblem,
  type AgencyFormValues,
  type AgencyInfo,
  agencyProblems,
  type Catalogue,
  type ClaimFormValues,
  claimProblems,
  type ClaimTypeInfo,
  claimTypeOf,
  decodeCode,
  encodeCode,
  MAX_DESCRIPTION_BYTES,
  MAX_NAME_BYTES,
} from "@layanan/core";
import { contracts } from "@/lib/contracts";
import { ConsoleGate } from "../ConsoleGate";
import { Field, TextField } from "../Field";
import { CodeField } from "./CodeField";
import { ActiveBadge } from "./ActiveBadge";
import { useScopedWrite, WriteScope, WriteStatus } from "@/components/WriteScope";
import styles from "./admin.module.css";

const agencyLabel = (agency: { name: string; code: Hex }) => `${agency.name} (${decodeCode(agency.code)})`;

/** One agency: suspend or reactivate it, and hand it to a new admin. */
function AgencyRow({ agency }: { agency: AgencyInfo }) {
  const t = useTranslations("admin.governor.agencies");
  const tProblem = useTranslations("admin.problems");
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [admin, setAdmin] = useState("");
  const [tried, setTried] = useState(false);
  const problem = addressProblem(admin);
  const c = contracts!;
  const at = `agency-${agency.id}`;

  const toggle = () =>
    write.send({ ...c.directory, functionName: "setAgencyActive", args: [agency.id, !agency.active] }, { at });

  async function saveAdmin(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem || busy) return;
    const next = admin.trim() as `0x${string}`;
    const ok = Boolean(
      await write.send({ ...c.directory, functionName: "setAgencyAdmin", args: [agency.id, next] }, { at }),
    );
    if (ok) {
      setAdmin("");
      setTried(false);
    }
  }

  return (
    <li className="card" data-testid="agency-row" data-agency-id={agency.id} data-active={agency.active}>
      <div className={styles.head}>
        <h3>
          {agency.id}. {agency.name}
        </h3>
        <ActiveBadge active={agency.active} yes={t("active")} no={t("suspended")} />
      </div>
      <dl className={styles.meta}>
        <dt>{t("code")}</dt>
        <dd>
          <code>{decodeCode(agency.code)}</code>
        </dd>
        <dt>{t("admin")}</dt>
        <dd className={styles.address} data-testid="agency-admin-address">
          {agency.admin}
        </dd>
      </dl>
      <button
        type="button"
        className="secondary"
        onClick={() => void toggle()}
        disabled={busy}
        data-testid="agency-toggle"
      >
        {agency.active ? t("suspend") : t("reactivate")}
        <span className="visually-hidden">: {agency.name}</span>
      </button>
      <form className={styles.inline} onSubmit={saveAdmin} noValidate>
        <TextField
          id={`${id}-admin`}
          label={t("newAdmin", { agency: decodeCode(agency.code) })}
          problem={problem && (tried || admin !== "") ? tProblem(problem) : null}
          value={admin}
          disabled={busy}
          placeholder="0x…"
          onChange={(value) => setAdmin(value)}
          testId="agency-admin-input"
        />
        <button type="submit" disabled={busy} data-testid="agency-admin-save">
          {t("saveAdmin")}
          <span className="visually-hidden">: {agency.name}</span>
        </button>
      </form>
      <WriteStatus at={at} />
    </li>
  );
}

const EMPTY_AGENCY: AgencyFormValues = { code: "", name: "", admin: "" };

function RegisterAgency() {
  const t = useTranslations("admin.governor.register");
  const tProblem = useTranslations("admin.problems");
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [values, setValues] = useState(EMPTY_AGENCY);
  const [tried, setTried] = useState(false);
  const problems = agencyProblems(values);
  const set = (patch: Partial<AgencyFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const show = (field: "name" | "admin") => {
    const problem = problems[field];
    return problem && (tried || values[field] !== "") ? tProblem(problem, { max: MAX_NAME_BYTES }) : null;
  };
  const c = contracts!;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0 || busy) return;
    const args = [encodeCode(values.code), values.name.trim(), values.admin.trim() as `0x${string}`] as const;
    const ok = Boolean(
      await write.send({ ...c.directory, functionName: "registerAgency", args }, { at: "register-agency" }),
    );
    if (ok) {
      setValues(EMPTY_AGENCY);
      setTried(false);
    }
  }

  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="register-agency-form"
    >
      <h3 id={`${id}-title`}>{t("title")}</h3>
      <CodeField
        id={`${id}-code`}
        label={t("code")}
        value={values.code}
        onChange={(code) => set({ code })}
        showProblem={tried}
        disabled={busy}
        testId="agency-code"
      />
      <TextField
        id={`${id}-name`}
        label={t("name")}
        hint={t("nameHint")}
        problem={show("name")}
        value={values.name}
        disabled={busy}
        onChange={(value) => set({ name: value })}
        testId="agency-name"
      />
      <TextField
        id={`${id}-admin`}
        label={t("admin")}
        hint={t("adminHint")}
        problem={show("admin")}
        value={values.admin}
        disabled={busy}
        placeholder="0x…"
        onChange={(value) => set({ admin: value })}
        testId="agency-admin"
      />
      <div className={styles.buttons}>
        <button type="submit" disabled={busy} data-testid="register-agency">
          {t("submit")}
        </button>
      </div>
      <WriteStatus at="register-agency" />
    </form>
  );
}

function Agencies() {
  const t = useTranslations("admin.governor.agencies");
  const catalogue = useCatalogue();
  return (
    <section aria-labelledby="agencies-title" data-testid="agencies">
      <h2 id="agencies-title">{t("title")}</h2>
      <p className="note">{t("explain")}</p>
      {catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : catalogue.data.agencies.length === 0 ? (
        <p data-testid="agencies-empty">{t("empty")}</p>
      ) : (
        <ul className={styles.cards} aria-label={t("listLabel")}>
          {catalogue.data.agencies.map((agency) => (
            <AgencyRow key={agency.id} agency={agency} />
          ))}
        </ul>
      )}
      <RegisterAgency />
    </section>
  );
}

function ClaimTypeRow({ claim, catalogue }: { claim: ClaimTypeInfo; catalogue: Catalogue }) {
  const t = useTranslations("admin.governor.claims");
  return (
    <li className="card" data-testid="claim-type" data-claim={claim.id}>
      <div className={styles.head}>
        <h3>{claim.description}</h3>
      </div>
      <dl className={styles.meta}>
        <dt>{t("id")}</dt>
        <dd>
          <code title={claim.id}>{shortHex(claim.id)}</code>
        </dd>
        <dt>{t("issuers")}</dt>
        <dd>
          {claim.issuers.length === 0 ? (
            <span data-testid="no-trusted-issuer">{t("noIssuers")}</span>
          ) : (
            <ul className={styles.issuers}>
              {claim.issuers.map((agencyId) => {
                const agency = catalogue.agencies.find((a) => a.id === agencyId);
                return (
                  <li
                    key={agencyId}
                    className="badge"
                    data-testid="trusted-issuer"
                    data-claim={claim.id}
                    data-agency-id={agencyId}
                  >
                    {agency ? agencyLabel(agency) : t("agencyN", { id: agencyId })}
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
      </dl>
    </li>
  );
}

const EMPTY_CLAIM: ClaimFormValues = { name: "", description: "" };

function RegisterClaim() {
  const t = useTranslations("admin.governor.registerClaim");
  const tProblem = useTranslations("admin.problems");
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [values, setValues] = useState(EMPTY_CLAIM);
  const [tried, setTried] = useState(false);
  const problems = claimProblems(values);
  const set = (patch: Partial<ClaimFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const show = (field: keyof ClaimFormValues) => {
    const problem = problems[field];
    return problem && (tried || values[field] !== "") ? tProblem(problem, { max: MAX_DESCRIPTION_BYTES }) : null;
  };
  const c = contracts!;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0 || busy) return;
    const args = [claimTypeOf(values.name), values.description.trim()] as const;
    const ok = Boolean(
      await write.send({ ...c.attestations, functionName: "registerClaimType", args }, { at: "register-claim" }),
    );
    if (ok) {
      setValues(EMPTY_CLAIM);
      setTried(false);
    }
  }

  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="register-claim-form"
    >
      <h3 id={`${id}-title`}>{t("title")}</h3>
      <TextField
        id={`${id}-name`}
        label={t("name")}
        hint={t("nameHint")}
        problem={show("name")}
        value={values.name}
        disabled={busy}
        autoCapitalize="characters"
        onChange={(value) => set({ name: value })}
        testId="claim-name"
      />
      {!problems.name && (
        <p className="note" data-testid="claim-id-preview">
          {t("idPreview")} <code>{shortHex(claimTypeOf(values.name))}</code>
        </p>
      )}
      <TextField
        id={`${id}-description`}
        label={t("description")}
        hint={t("descriptionHint")}
        problem={show("description")}
        value={values.description}
        disabled={busy}
        onChange={(value) => set({ description: value })}
        testId="claim-description"
      />
      <div className={styles.buttons}>
        <button type="submit" disabled={busy} data-testid="register-claim">
          {t("submit")}
        </button>
      </div>
      <WriteStatus at="register-claim" />
    </form>
  );
}

/** Trust or stop trusting an agency to issue a claim type. */
function Trust({ catalogue }: { catalogue: Catalogue }) {
  const t = useTranslations("admin.governor.trust");
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [claimId, setClaimId] = useState<string>("");
  const [agencyId, setAgencyId] = useState<string>("");
  const claim = catalogue.claimTypes.find((ct) => ct.id === claimId);
  const agency = catalogue.agencies.find((a) => String(a.id) === agencyId);
  const trusted = claim && agency ? claim.issuers.includes(agency.id) : undefined;
  const c = contracts!;

  const set = (value: boolean) => {
    if (!claim || !agency) return;
    void write.send(
      { ...c.attestations, functionName: "setTrustedIssuer", args: [claim.id, agency.id, value] },
      { at: "trust" },
    );
  };

  return (
    <form
      className="card"
      onSubmit={(e) => e.preventDefault()}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="trust-form"
    >
      <h3 id={`${id}-title`}>{t("title")}</h3>
      <p className="note">{t("explain")}</p>
      <Field id={`${id}-claim`} label={t("claim")}>
        {() => (
          <select
            id={`${id}-claim`}
            value={claimId}
            onChange={(e) => setClaimId(e.target.value)}
            disabled={busy}
            data-testid="trust-claim"
          >
            <option value="">{t("pickClaim")}</option>
            {catalogue.claimTypes.map((ct) => (
              <option key={ct.id} value={ct.id}>
                {ct.description}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-agency`} label={t("agency")}>
        {() => (
          <select
            id={`${id}-agency`}
            value={agencyId}
            onChange={(e) => setAgencyId(e.target.value)}
            disabled={busy}
            data-testid="trust-agency"
          >
            <option value="">{t("pickAgency")}</option>
            {catalogue.agencies.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {agencyLabel(a)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {trusted !== undefined && (
        <p className={styles.trustState} data-testid="trust-state" data-trusted={trusted}>
          {trusted ? t("isTrusted", { agency: agency!.name }) : t("isNotTrusted", { agency: agency!.name })}
        </p>
      )}
      <div className={styles.buttons}>
        <button type="button" onClick={() => set(true)} disabled={busy || trusted !== false} data-testid="trust-set">
          {t("set")}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => set(false)}
          disabled={busy || trusted !== true}
          data-testid="trust-unset"
        >
          {t("unset")}
        </button>
      </div>
      <WriteStatus at="trust" />
    </form>
  );
}

function ClaimTypes() {
  const t = useTranslations("admin.governor.claims");
  const catalogue = useCatalogue();
  return (
    <section aria-labelledby="claims-title" data-testid="claim-types">
      <h2 id="claims-title">{t("title")}</h2>
      <p className="note">{t("explain")}</p>
      {catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : (
        <>
          {catalogue.data.claimTypes.length === 0 ? (
            <p data-testid="claims-empty">{t("empty")}</p>
          ) : (
            <ul className={styles.cards} aria-label={t("listLabel")}>
              {catalogue.data.claimTypes.map((claim) => (
                <ClaimTypeRow key={claim.id} claim={claim} catalogue={catalogue.data} />
              ))}
            </ul>
          )}
          <RegisterClaim />
          <Trust catalogue={catalogue.data} />
        </>
      )}
    </section>
  );
}

/** /console/governor: the city's administrator registers agencies and claim types and names trusted issuers. */
export function GovernorView() {
  const t = useTranslations("admin.governor");
  return (
    <>
      <h1>{t("title")}</h1>
      <ConsoleGate need="governor">
        {() => (
          <WriteScope>
            <p>{t("intro")}</p>
            <Agencies />
            <ClaimTypes />
          </WriteScope>
        )}
      </ConsoleGate>
    </>
  );
}
