"use client";
import { useTranslations } from "next-intl";
import { REVOKE_REASONS, type RevokeReason } from "@layanan/core";
import styles from "./issuer.module.css";

/** The reason for a revocation, picked from codes that /verify explains in both languages. */
export function ReasonSelect({
  id,
  label,
  value,
  onChange,
  disabled,
  testId,
}: {
  id: string;
  label: string;
  value: RevokeReason;
  onChange: (reason: RevokeReason) => void;
  disabled: boolean;
  testId: string;
}) {
  const tReasons = useTranslations("verify.reasons");
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={styles.wide}
        value={value}
        onChange={(e) => onChange(e.target.value as RevokeReason)}
        disabled={disabled}
        data-testid={testId}
      >
        {REVOKE_REASONS.map((code) => (
          <option key={code} value={code}>
            {tReasons(code)}
          </option>
        ))}
      </select>
    </>
  );
}
