"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { looksLikeNik, looksLikePhone, MAX_PUBLIC_TEXT_BYTES, utf8Length } from "@layanan/core";
import styles from "./citizen.module.css";

/** Characters as a reader counts them: grapheme clusters (an emoji with its modifiers is one) where the browser can tell. */
export function characters(text: string): string[] {
  if (typeof Intl !== "undefined" && "Segmenter" in Intl) {
    return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), (s) => s.segment);
  }
  return Array.from(text);
}

/**
 * The counter's figures: the characters typed, and how many characters fit in the byte limit:
 * those typed plus the room left as plain (one-byte) letters, or, past the limit, how many of the
 * characters typed fit.
 */
export function measureText(text: string, maxBytes = MAX_PUBLIC_TEXT_BYTES) {
  const chars = characters(text);
  const bytes = utf8Length(text);
  if (bytes <= maxBytes) return { chars: chars.length, bytes, capacity: chars.length + maxBytes - bytes };
  let used = 0;
  let fitting = 0;
  for (const char of chars) {
    used += utf8Length(char);
    if (used > maxBytes) break;
    fitting++;
  }
  return { chars: chars.length, bytes, capacity: fitting };
}

/** Whether public text can be sent: within 280 bytes and without anything that looks like a NIK. */
export function publicTextProblem(text: string): "tooLong" | "nik" | null {
  if (utf8Length(text) > MAX_PUBLIC_TEXT_BYTES) return "tooLong";
  if (looksLikeNik(text)) return "nik";
  return null;
}

/**
 * Public text that goes on chain for anyone to read, with a clear warning never to put personal
 * data there. The counter counts characters; the limit is the contract's (280 UTF-8 bytes), so a
 * character that takes more than one byte (an emoji, an accented letter) lowers the number of
 * characters that fit, and the counter says so in plain words.
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
  const { chars, bytes, capacity } = measureText(value);
  const over = bytes > MAX_PUBLIC_TEXT_BYTES;
  const full = bytes === MAX_PUBLIC_TEXT_BYTES;
  const multiByte = bytes > chars;
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
        aria-describedby={`${id}-warning ${id}-counter${multiByte ? ` ${id}-multibyte` : ""}${nik || phone ? ` ${id}-problem` : ""}`}
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
        data-chars={chars}
        data-max-chars={capacity}
      >
        {t("counter", { chars, max: capacity })}
      </p>
      <div aria-live="polite">
        {multiByte && (
          <p id={`${id}-multibyte`} className={styles.counterHint} data-testid={`${counterTestId}-multibyte`}>
            {t("multiByte", { max: capacity, limit: MAX_PUBLIC_TEXT_BYTES })}
          </p>
        )}
        {full && (
          <p className={styles.counterHint} data-testid={`${counterTestId}-full`}>
            {t("full")}
          </p>
        )}
        {over && (
          <p className={`${styles.counter} ${styles.counterOver}`} data-testid={`${counterTestId}-over`}>
            {multiByte
              ? t("tooLongMulti", { over: bytes - MAX_PUBLIC_TEXT_BYTES })
              : t("tooLong", { over: bytes - MAX_PUBLIC_TEXT_BYTES })}
          </p>
        )}
      </div>
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
