"use client";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import type { Hex } from "viem";
import { Loading } from "@/components/Loading";
import { QueryError } from "@/components/QueryError";
import {
  addressProblem,
  addServiceArgs,
  type AgencyInfo,
  type Catalogue,
  decodeCode,
  findAgency,
  findClaimType,
  isOpenClaim,
  isOpenService,
  MAX_NAME_BYTES,
  MAX_SLA_DAYS,
  type Role,
  type ServiceFormValues,
  type ServiceInfo,
  serviceProblems,
  ZERO_HASH,
} from "@layanan/core";
import { slaParts } from "@/lib/citizen/format";
import { useCatalogue } from "@/lib/citizen/hooks";
import { contracts } from "@/lib/contracts";
import { ConsoleGate } from "../ConsoleGate";
import { Field, TextField } from "../Field";
import { CodeField } from "./CodeField";
import { useOfficers } from "./data";
import { ActiveBadge } from "./ActiveBadge";
import { useScopedWrite, WriteScope, WriteStatus } from "@/components/WriteScope";
import styles from "./admin.module.css";

/** The agency's name, code, admin and whether it is active. */
function AgencySummary({ agency, role }: { agency: AgencyInfo; role: Role }) {
  const t = useTranslations("admin.agency.summary");
  return (
    <section
      className="card"
      aria-labelledby="agency-summary-title"
      data-testid="agency-summary"
      data-active={agency.active}
    >
      <div className={styles.head}>
        <h2 id="agency-summary-title" data-testid="agency-name">
          {agency.name}
        </h2>
        <span data-testid="agency-status">
          <ActiveBadge active={agency.active} yes={t("active")} no={t("suspended")} />
        </span>
      </div>
      <dl className={styles.meta}>
        <dt>{t("code")}</dt>
        <dd>
          <code>{decodeCode(agency.code)}</code>
        </dd>
        <dt>{t("admin")}</dt>
        <dd className={styles.address}>
          {agency.admin}
          {agency.admin.toLowerCase() === role.address.toLowerCase() && ` (${t("you")})`}
        </dd>
      </dl>
      {!agency.active && (
        <p className="warning" data-testid="agency-suspended">
          {t("suspendedExplain")}
        </p>
      )}
    </section>
  );
}

/** The agency's officers: the list (each removable) and a form to add one by wallet address. */
function Officers({ agencyId }: { agencyId: number }) {
  const t = useTranslations("admin.agency.officers");
  const tProblem = useTranslations("admin.problems");
  const write = useScopedWrite();
  const { busy } = write;
  const officers = useOfficers(agencyId);
  const id = useId();
  const [address, setAddress] = useState("");
  const [tried, setTried] = useState(false);
  const problem = addressProblem(address);
  const c = contracts!;

  async function add(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem || busy) return;
    const officer = address.trim() as `0x${string}`;
    const ok = Boolean(
      await write.send({ ...c.directory, functionName: "addOfficer", args: [agencyId, officer] }, { at: "officers" }),
    );
    if (ok) {
      setAddress("");
      setTried(false);
    }
  }

  const remove = (officer: `0x${string}`) =>
    write.send({ ...c.directory, functionName: "removeOfficer", args: [officer] }, { at: "officers" });

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="officers">
      <h2 id={`${id}-title`}>{t("title")}</h2>
      <p className="note">{t("explain")}</p>
      {officers.error ? (
        <QueryError error={officers.error} onRetry={() => officers.refetch()} />
      ) : !officers.data ? (
        <Loading />
      ) : officers.data.length === 0 ? (
        <p data-testid="officers-empty">{t("empty")}</p>
      ) : (
        <ul className={styles.list} aria-label={t("listLabel")}>
          {officers.data.map((officer) => (
            <li key={officer.address} data-testid="officer-row" data-address={officer.address.toLowerCase()}>
              <span className={styles.address}>{officer.address}</span>
              <button
                type="button"
                className="secondary"
                onClick={() => void remove(officer.address)}
                disabled={busy}
                data-testid="remove-officer"
              >
                {t("remove")}
                <span className="visually-hidden"> {officer.address}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate aria-labelledby={`${id}-add-title`}>
        <h3 id={`${id}-add-title`}>{t("addTitle")}</h3>
        <TextField
          id={`${id}-address`}
          label={t("addressLabel")}
          hint={t("addressHint")}
          problem={problem && (tried || address !== "") ? tProblem(problem) : null}
          problemTestId="officer-address-error"
          value={address}
          disabled={busy}
          placeholder="0x…"
          inputMode="text"
          onChange={(value) => setAddress(value)}
          testId="officer-address"
        />
        <div className={styles.buttons}>
          <button type="submit" disabled={busy} data-testid="add-officer">
            {t("add")}
          </button>
        </div>
      </form>
      <WriteStatus at="officers" />
    </section>
  );
}

function ServiceRow({ service, catalogue }: { service: ServiceInfo; catalogue: Catalogue }) {
  const t = useTranslations("admin.agency.services");
  const tCommon = useTranslations("common");
  const write = useScopedWrite();
  const { busy } = write;
  const c = contracts!;
  const open = isOpenService(service);
  const claim = open ? undefined : findClaimType(catalogue, service.requiredClaim);
  const { days, hours } = slaParts(service.slaSeconds);
  const toggle = () =>
    write.send(
      { ...c.requests, functionName: "setServiceActive", args: [service.id, !service.active] },
      { at: "services" },
    );
  return (
    <li className="card" data-testid="service-row" data-service-id={service.id} data-active={service.active}>
      <div className={styles.head}>
        <h3>{service.name}</h3>
        <ActiveBadge active={service.active} yes={t("active")} no={t("inactive")} />
      </div>
      <dl className={styles.meta}>
        <dt>{t("code")}</dt>
        <dd>
          <code>{decodeCode(service.code)}</code>
        </dd>
        <dt>{t("sla")}</dt>
        <dd>{t("slaValue", { days, hours })}</dd>
        <dt>{t("claim")}</dt>
        <dd>
          {open
            ? t("open")
            : t("claimValue", {
                claim: claim?.description ?? service.requiredClaim,
                level: tCommon(`levelShort.${service.minLevel}`),
              })}
        </dd>
      </dl>
      <button
        type="button"
        className="secondary"
        onClick={() => void toggle()}
        disabled={busy}
        data-testid="service-toggle"
      >
        {service.active ? t("deactivate") : t("activate")}
        <span className="visually-hidden">: {service.name}</span>
      </button>
    </li>
  );
}

const EMPTY_SERVICE: ServiceFormValues = { code: "", name: "", slaDays: "", claim: ZERO_HASH, level: "2" };

/** A new service of the agency: code, name, service level in days, the claim it needs and at which level. */
function AddService({ agencyId, catalogue }: { agencyId: number; catalogue: Catalogue }) {
  const t = useTranslations("admin.agency.addService");
  const tProblem = useTranslations("admin.problems");
  const tCommon = useTranslations("common");
  const write = useScopedWrite();
  const { busy } = write;
  const id = useId();
  const [values, setValues] = useState<ServiceFormValues>(EMPTY_SERVICE);
  const [tried, setTried] = useState(false);
  const problems = serviceProblems(values);
  const open = isOpenClaim(values.claim);
  const set = (patch: Partial<ServiceFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const show = (field: keyof ServiceFormValues) => {
    const problem = problems[field as keyof typeof problems];
    return problem && (tried || values[field] !== "")
      ? tProblem(problem, { max: MAX_NAME_BYTES, maxDays: MAX_SLA_DAYS })
      : null;
  };
  const c = contracts!;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0 || busy) return;
    const args = addServiceArgs(agencyId, values);
    const ok = Boolean(await write.send({ ...c.requests, functionName: "addService", args }, { at: "add-service" }));
    if (ok) {
      setValues(EMPTY_SERVICE);
      setTried(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="add-service-form">
      <h3 id={`${id}-title`}>{t("title")}</h3>
      <CodeField
        id={`${id}-code`}
        label={t("code")}
        value={values.code}
        onChange={(code) => set({ code })}
        showProblem={tried}
        disabled={busy}
        testId="service-code"
      />
      <TextField
        id={`${id}-name`}
        label={t("name")}
        hint={t("nameHint")}
        problem={show("name")}
        value={values.name}
        disabled={busy}
        onChange={(value) => set({ name: value })}
        testId="service-name"
      />
      <Field id={`${id}-sla`} label={t("slaDays")} hint={t("slaHint", { max: MAX_SLA_DAYS })} problem={show("slaDays")}>
        {(describedBy, invalid) => (
          <input
            id={`${id}-sla`}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SLA_DAYS}
            step={1}
            value={values.slaDays}
            onChange={(e) => set({ slaDays: e.target.value })}
            disabled={busy}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="service-sla-days"
          />
        )}
      </Field>
      <Field id={`${id}-claim`} label={t("claim")} hint={t("claimHint")}>
        {(describedBy) => (
          <select
            id={`${id}-claim`}
            value={values.claim}
            onChange={(e) => set({ claim: e.target.value as Hex })}
            disabled={busy}
            aria-describedby={describedBy}
            data-testid="service-claim"
          >
            <option value={ZERO_HASH}>{t("open")}</option>
            {catalogue.claimTypes.map((claim) => (
              <option key={claim.id} value={claim.id}>
                {claim.description}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${id}-level`}
        label={t("level")}
        hint={open ? t("levelOpen") : t("levelHint")}
        problem={open ? null : show("level")}
      >
        {(describedBy, invalid) => (
          <select
            id={`${id}-level`}
            value={open ? "" : values.level}
            onChange={(e) => set({ level: e.target.value })}
            disabled={busy || open}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            data-testid="service-level"
          >
            {open && <option value="">{t("levelNone")}</option>}
            {[1, 2, 3].map((level) => (
              <option key={level} value={String(level)}>
                {tCommon(`level.${level}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className={styles.buttons}>
        <button type="submit" disabled={busy} data-testid="add-service">
          {t("submit")}
        </button>
      </div>
      <WriteStatus at="add-service" />
    </form>
  );
}

/** The agency's services (each can be switched on and off) and the form to add one. */
function Services({ agencyId }: { agencyId: number }) {
  const t = useTranslations("admin.agency.services");
  const catalogue = useCatalogue();
  const services = catalogue.data?.services.filter((s) => s.agencyId === agencyId) ?? [];
  return (
    <section aria-labelledby="services-title" data-testid="services">
      <h2 id="services-title">{t("title")}</h2>
      <p className="note">{t("explain")}</p>
      {catalogue.error ? (
        <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />
      ) : !catalogue.data ? (
        <Loading />
      ) : (
        <>
          {services.length === 0 ? (
            <p data-testid="services-empty">{t("empty")}</p>
          ) : (
            <ul className={styles.cards} aria-label={t("listLabel")}>
              {services.map((service) => (
                <ServiceRow key={service.id} service={service} catalogue={catalogue.data} />
              ))}
            </ul>
          )}
          <WriteStatus at="services" />
          <AddService agencyId={agencyId} catalogue={catalogue.data} />
        </>
      )}
    </section>
  );
}

function AgencyAdmin({ role }: { role: Role }) {
  const t = useTranslations("admin.agency");
  const catalogue = useCatalogue();
  if (catalogue.error) return <QueryError error={catalogue.error} onRetry={() => catalogue.refetch()} />;
  const agency = findAgency(catalogue.data, role.agencyId);
  if (!agency) return <Loading />;
  return (
    <WriteScope>
      <p>{t("intro")}</p>
      <AgencySummary agency={agency} role={role} />
      <Officers agencyId={role.agencyId} />
      <Services agencyId={role.agencyId} />
    </WriteScope>
  );
}

/** /console/agency: the agency admin manages the agency's officers and its service catalogue. */
export function AgencyAdminView() {
  const t = useTranslations("admin.agency");
  return (
    <>
      <h1>{t("title")}</h1>
      <ConsoleGate need="admin">{(role) => <AgencyAdmin role={role} />}</ConsoleGate>
    </>
  );
}
