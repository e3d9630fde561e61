"use client";
import { useTranslations } from "next-intl";
import type { MismatchField } from "@/lib/reads/requests";
import styles from "./data.module.css";

/** The index's copy of a request disagrees with the chain: say so, and which fields (the chain's are shown). */
export function RequestMismatch({ fields }: { fields: MismatchField[] }) {
  const t = useTranslations("lists.mismatch");
  if (fields.length === 0) return null;
  return (
    <p className={`card ${styles.mismatch}`} role="note" data-testid="index-mismatch" data-fields={fields.join(",")}>
      {t("request")} {t("fields", { fields: fields.map((field) => t(`field.${field}`)).join(", ") })}
    </p>
  );
}

/** The index and the chain disagree on whether a document is revoked (the chain's verdict is shown). */
export function RevocationMismatch({ kind }: { kind: "missingRevocation" | "unexpectedRevocation" }) {
  const t = useTranslations("lists.mismatch");
  return (
    <p className={`card ${styles.mismatch}`} role="note" data-testid="index-mismatch" data-kind={kind}>
      {kind === "missingRevocation" ? t("revocationMissing") : t("revocationUnexpected")}
    </p>
  );
}
