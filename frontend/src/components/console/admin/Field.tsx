"use client";
import type { ReactNode } from "react";
import styles from "./admin.module.css";

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

/** Active or suspended, as a badge. */
export function ActiveBadge({ active, yes, no }: { active: boolean; yes: string; no: string }) {
  return <span className={`badge ${active ? "ok" : "bad"}`}>{active ? yes : no}</span>;
}
