"use client";
import type { ReactNode } from "react";
import styles from "./field.module.css";

/** A labelled form field with an optional hint and its problem, both linked to the control. */
export function Field({
  id,
  label,
  hint,
  problem,
  problemTestId,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  problem?: string | null;
  problemTestId?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className={styles.hint}>
          {hint}
        </p>
      )}
      {children(describedBy, Boolean(problem))}
      {problem && (
        <p id={`${id}-problem`} className="error" data-testid={problemTestId}>
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * A text, number, date or multi-line input inside a Field. Console forms hold addresses, codes and
 * personal data: no autocomplete, no spellcheck.
 */
export function TextField({
  id,
  label,
  hint,
  problem,
  problemTestId,
  value,
  onChange,
  disabled,
  testId,
  type = "text",
  inputMode,
  placeholder,
  min,
  max,
  autoCapitalize,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  problem?: string | null;
  problemTestId?: string;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  testId: string;
  type?: "text" | "number" | "date" | "multiline";
  inputMode?: "numeric" | "text";
  placeholder?: string;
  min?: number;
  max?: number;
  autoCapitalize?: "characters";
}) {
  return (
    <Field id={id} label={label} hint={hint} problem={problem} problemTestId={problemTestId}>
      {(describedBy, invalid) => {
        const common = {
          id,
          value,
          disabled,
          autoComplete: "off",
          spellCheck: false,
          "aria-describedby": describedBy,
          "aria-invalid": invalid,
          "data-testid": testId,
        };
        return type === "multiline" ? (
          <textarea {...common} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            type={type}
            inputMode={inputMode}
            placeholder={placeholder}
            min={min}
            max={max}
            autoCapitalize={autoCapitalize}
            onChange={(e) => onChange(e.target.value)}
          />
        );
      }}
    </Field>
  );
}
