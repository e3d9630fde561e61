"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { looksLikeNik, looksLikePhone, MAX_PUBLIC_TEXT_BYTES, utf8Length } from "@layanan/core";
import styles from "./citizen.module.css";

/** Whether public text can be sent: within 280 bytes and without anything that looks like a NIK. */
export function publicTextProblem(text: string): "tooLong" | "nik" | null {
  if (utf8Length(text) > MAX_PUBLIC_TEXT_BYTES) return "tooLong";
  if (looksLikeNik(text)) return "nik";
  return null;
}

/**
 * Public text that goes on chain for anyone to read: a live byte counter (UTF-8 bytes, as the
 * contract counts) and a clear warning never to put personal data there.
 */
export function PublicTextField({
  label,
  hint,
  value,
  onChange,
  testId,
  counterTestId,
  disabled,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  counterTestId: string;
  disabled?: boolean;
}) {
  const t = useTranslations("citizen.publicText");
  const id = useId();
  const bytes = utf8Length(value);
  const over = bytes > MAX_PUBLIC_TEXT_BYTES;
  const nik = looksLikeNik(value);
  const phone = !nik && looksLikePhone(value);
  return (
    <div className={styles.publicBox}>
      <label htmlFor={id}>
        {label}
        {hint && <span className={styles.fieldHint}>{hint}</span>}
      </label>
      <p id={`${id}-warning`}>
        <strong>{t("publicWarningTitle")}</strong> {t("publicWarning")}
      </p>
      <textarea
        id={id}
        rows={3}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={`${id}-warning ${id}-counter${nik || phone ? ` ${id}-problem` : ""}`}
        aria-invalid={over || nik}
        data-testid={testId}
        className={styles.fullWidth}
        autoComplete="off"
      />
      <p
        id={`${id}-counter`}
        className={`${styles.counter} ${over ? styles.counterOver : ""}`}
        data-testid={counterTestId}
        data-bytes={bytes}
        aria-live="polite"
      >
        {t("counter", { bytes, max: MAX_PUBLIC_TEXT_BYTES })}
        {over ? ` · ${t("tooLong", { over: bytes - MAX_PUBLIC_TEXT_BYTES })}` : ""}
      </p>
      {nik && (
        <p id={`${id}-problem`} className="error" role="alert" data-testid="summary-nik">
          {t("nik")}
        </p>
      )}
      {phone && (
        <p id={`${id}-problem`} className="warning" role="alert">
          {t("phone")}
        </p>
      )}
    </div>
  );
}
