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
  type ClaimNameProblem,
  claimProblems,
  type ClaimTypeInfo,
  claimTypeOf,
  decodeCode,
  documentTypeOf,
  encodeCode,
  MAX_CLAIM_ISSUERS,
  MAX_DESCRIPTION_BYTES,
  MAX_NAME_BYTES,
} from "@layanan/core";
import { contracts } from "@/lib/contracts";
import { ConsoleGate } from "../ConsoleGate";
import { Field, TextField } from "../Field";
import { CodeField } from "./CodeField";
import { ActiveBadge } from "./ActiveBadge";
import { useScopedWrite, WriteScope, WriteStatus } from "@/components/WriteScope";
import type { Write } from "@/lib/useWrite";
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

/**
 * The two registries of types the governor keeps, with the agencies trusted for each: claim types
 * (CitizenAttestations) and document types (DocumentRegistry). Both are named in UPPER_SNAKE_CASE,
 * hashed the same way (claimTypeOf / documentTypeOf), described in at most 280 bytes, and trusted
 * per agency; the page shows them with the same rows and forms.
 */
interface TypeKind {
  key: "claim" | "document";
  list: (catalogue: Catalogue) => ClaimTypeInfo[];
  /** Message namespaces: the list, the register form, the trust form. */
  ns: { list: string; register: string; trust: string };
  /** The data attribute that names a type on its row and on its trusted-issuer badges. */
  attr: "data-claim" | "data-doc-type";
  ids: {
    section: string;
    row: string;
    issuer: string;
    noIssuer: string;
    empty: string;
    registerForm: string;
    name: string;
    preview: string;
    description: string;
    register: string;
    trustForm: string;
    trustType: string;
    trustAgency: string;
    trustState: string;
    trustSet: string;
    trustUnset: string;
    trustFull: string;
  };
  /** WriteStatus places. */
  at: { register: string; trust: string };
  hashName: (name: string) => Hex;
  /** The admin.problems key of a name problem. */
  nameProblemKey: (problem: ClaimNameProblem) => string;
  /** At most this many trusted agencies per type (none for document types). */
  maxIssuers?: number;
  register: (write: Write, id: Hex, description: string, at: string) => Promise<unknown>;
  setTrust: (write: Write, id: Hex, agencyId: number, trusted: boolean, at: string) => Promise<unknown>;
}

const CLAIM_KIND: TypeKind = {
  key: "claim",
  list: (catalogue) => catalogue.claimTypes,
  ns: { list: "admin.governor.claims", register: "admin.governor.registerClaim", trust: "admin.governor.trust" },
  attr: "data-claim",
  ids: {
    section: "claim-types",
    row: "claim-type",
    issuer: "trusted-issuer",
    noIssuer: "no-trusted-issuer",
    empty: "claims-empty",
    registerForm: "register-claim-form",
    name: "claim-name",
    preview: "claim-id-preview",
    description: "claim-description",
    register: "register-claim",
    trustForm: "trust-form",
    trustType: "trust-claim",
    trustAgency: "trust-agency",
    trustState: "trust-state",
    trustSet: "trust-set",
    trustUnset: "trust-unset",
    trustFull: "trust-full",
  },
  at: { register: "register-claim", trust: "trust" },
  hashName: claimTypeOf,
  nameProblemKey: (problem) => problem,
  maxIssuers: MAX_CLAIM_ISSUERS,
  register: (write, id, description, at) =>
    write.send({ ...contracts!.attestations, functionName: "registerClaimType", args: [id, description] }, { at }),
  setTrust: (write, id, agencyId, trusted, at) =>
    write.send({ ...contracts!.attestations, functionName: "setTrustedIssuer", args: [id, agencyId, trusted] }, { at }),
};

const DOCUMENT_KIND: TypeKind = {
  key: "document",
  list: (catalogue) => catalogue.documentTypes,
  ns: {
    list: "admin.governor.documents",
    register: "admin.governor.registerDocument",
    trust: "admin.governor.trustDocument",
  },
  attr: "data-doc-type",
  ids: {
    section: "document-types",
    row: "doc-type",
    issuer: "doc-trusted-issuer",
    noIssuer: "doc-no-trusted-issuer",
    empty: "doc-types-empty",
    registerForm: "register-doc-type-form",
    name: "doc-type-name",
    preview: "doc-type-id-preview",
    description: "doc-type-description",
    register: "register-doc-type",
    trustForm: "doc-trust-form",
    trustType: "doc-trust-type",
    trustAgency: "doc-trust-agency",
    trustState: "doc-trust-state",
    trustSet: "doc-trust-set",
    trustUnset: "doc-trust-unset",
    trustFull: "doc-trust-full",
  },
  at: { register: "register-doc-type", trust: "doc-trust" },
  hashName: documentTypeOf,
  nameProblemKey: (problem) => (problem === "claimNameEmpty" ? "docNameEmpty" : "docNameFormat"),
  register: (write, id, description, at) =>
    write.send({ ...contracts!.documents, functionName: "registerDocumentType", args: [id, description] }, { at }),
  setTrust: (write, id, agencyId, trusted, at) =>
    write.send(
      { ...contracts!.documents, functionName: "setTrustedDocumentIssuer", args: [id, agencyId, trusted] },
      { at },
    ),
};

function TypeRow({ kind, type, catalogue }: { kind: TypeKind; type: ClaimTypeInfo; catalogue: Catalogue }) {
  const t = useTranslations(kind.ns.list);
  return (
    <li className="card" data-testid={kind.ids.row} {...{ [kind.attr]: type.id }}>
      <div className={styles.head}>
        <h3>{type.description}</h3>
      </div>
      <dl className={styles.meta}>
        <dt>{t("id")}</dt>
        <dd>
          <code title={type.id}>{shortHex(type.id)}</code>
        </dd>
        <dt>{t("issuers")}</dt>
        <dd>
          {type.issuers.length === 0 ? (
            <span data-testid={kind.ids.noIssuer}>{t("noIssuers")}</span>
          ) : (
            <ul className={styles.issuers}>
              {type.issuers.map((agencyId) => {
                const agency = catalogue.agencies.find((a) => a.id === agencyId);
                return (
                  <li
                    key={agencyId}
                    className="badge"
                    data-testid={kind.ids.issuer}
                    data-agency-id={agencyId}
                    {...{ [kind.attr]: type.id }}
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

const EMPTY_TYPE: ClaimFormValues = { name: "", description: "" };

/** Register a type: its UPPER_SNAKE_CASE name (hashed into its id, shown before sending) and a description. */
function RegisterType({ kind }: { kind: TypeKind }) {
  const t = useTranslations(kind.ns.register);
  const tProblem = useTranslations("admin.problems");
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [values, setValues] = useState(EMPTY_TYPE);
  const [tried, setTried] = useState(false);
  const problems = claimProblems(values);
  const set = (patch: Partial<ClaimFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const show = (field: keyof ClaimFormValues) => {
    const problem = problems[field];
    if (!problem || (!tried && values[field] === "")) return null;
    const key = field === "name" ? kind.nameProblemKey(problem as ClaimNameProblem) : problem;
    return tProblem(key, { max: MAX_DESCRIPTION_BYTES });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0 || busy) return;
    const ok = Boolean(
      await kind.register(write, kind.hashName(values.name), values.description.trim(), kind.at.register),
    );
    if (ok) {
      setValues(EMPTY_TYPE);
      setTried(false);
    }
  }

  return (
    <form
      className="card"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid={kind.ids.registerForm}
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
        testId={kind.ids.name}
      />
      {!problems.name && (
        <p className="note" data-testid={kind.ids.preview}>
          {t("idPreview")} <code>{shortHex(kind.hashName(values.name))}</code>
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
        testId={kind.ids.description}
      />
      <div className={styles.buttons}>
        <button type="submit" disabled={busy} data-testid={kind.ids.register}>
          {t("submit")}
        </button>
      </div>
      <WriteStatus at={kind.at.register} />
    </form>
  );
}

/** Trust or stop trusting an agency to issue a type. */
function Trust({ kind, catalogue }: { kind: TypeKind; catalogue: Catalogue }) {
  const t = useTranslations(kind.ns.trust);
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [typeId, setTypeId] = useState<string>("");
  const [agencyId, setAgencyId] = useState<string>("");
  const types = kind.list(catalogue);
  const type = types.find((ct) => ct.id === typeId);
  const agency = catalogue.agencies.find((a) => String(a.id) === agencyId);
  const trusted = type && agency ? type.issuers.includes(agency.id) : undefined;
  // The contract's limit on trusted agencies, checked before anything is sent.
  const full = kind.maxIssuers !== undefined && type !== undefined && type.issuers.length >= kind.maxIssuers;

  const set = (value: boolean) => {
    if (!type || !agency) return;
    void kind.setTrust(write, type.id, agency.id, value, kind.at.trust);
  };

  return (
    <form
      className="card"
      onSubmit={(e) => e.preventDefault()}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid={kind.ids.trustForm}
    >
      <h3 id={`${id}-title`}>{t("title")}</h3>
      <p className="note">{t("explain")}</p>
      <Field id={`${id}-type`} label={t("type")}>
        {() => (
          <select
            id={`${id}-type`}
            value={typeId}
            onChange={(e) => setTypeId(e.target.value)}
            disabled={busy}
            data-testid={kind.ids.trustType}
          >
            <option value="">{t("pickType")}</option>
            {types.map((ct) => (
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
            data-testid={kind.ids.trustAgency}
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
        <p className={styles.trustState} data-testid={kind.ids.trustState} data-trusted={trusted}>
          {trusted ? t("isTrusted", { agency: agency!.name }) : t("isNotTrusted", { agency: agency!.name })}
        </p>
      )}
      {trusted === false && full && (
        <p id={`${id}-full`} className="note" data-testid={kind.ids.trustFull}>
          {t("full", { max: kind.maxIssuers! })}
        </p>
      )}
      <div className={styles.buttons}>
        <button
          type="button"
          onClick={() => set(true)}
          disabled={busy || trusted !== false || full}
          aria-describedby={trusted === false && full ? `${id}-full` : undefined}
          data-testid={kind.ids.trustSet}
        >
          {t("set")}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => set(false)}
          disabled={busy || trusted !== true}
          data-testid={kind.ids.trustUnset}
        >
          {t("unset")}
        </button>
      </div>
      <WriteStatus at={kind.at.trust} />
    </form>
  );
}

/** One registry of types: the list with each type's trusted agencies, the register form, the trust form. */
function Types({ kind }: { kind: TypeKind }) {
  const t = useTranslations(kind.ns.list);
  const catalogue = useCatalogue();
  const titleId = `${kind.key}-types-title`;
  return (
    <section aria-labelledby={titleId} data-testid={kind.ids.section}>
      <h2 id={titleId}>{t("title")}</h2>
      <p className="note">{t("explain")}</p>
      {catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : (
        <>
          {kind.list(catalogue.data).length === 0 ? (
            <p data-testid={kind.ids.empty}>{t("empty")}</p>
          ) : (
            <ul className={styles.cards} aria-label={t("listLabel")}>
              {kind.list(catalogue.data).map((type) => (
                <TypeRow key={type.id} kind={kind} type={type} catalogue={catalogue.data} />
              ))}
            </ul>
          )}
          <RegisterType kind={kind} />
          <Trust kind={kind} catalogue={catalogue.data} />
        </>
      )}
    </section>
  );
}

/**
 * /console/governor: the city's administrator registers agencies, claim types and document types,
 * and names the agencies trusted to issue each.
 */
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
            <Types kind={CLAIM_KIND} />
            <Types kind={DOCUMENT_KIND} />
          </WriteScope>
        )}
      </ConsoleGate>
    </>
  );
}
