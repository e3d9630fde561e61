"use client";

/** Active or suspended, as a badge. */
export function ActiveBadge({ active, yes, no }: { active: boolean; yes: string; no: string }) {
  return <span className={`badge ${active ? "ok" : "bad"}`}>{active ? yes : no}</span>;
}
