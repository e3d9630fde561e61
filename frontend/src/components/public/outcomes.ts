/** The outcomes of requests, in the order the chart stacks them, with colours that read on white. */
export const OUTCOMES = [
  { key: "completed", color: "#1a7f37" },
  { key: "rejected", color: "#cf222e" },
  { key: "cancelled", color: "#6e7781" },
  { key: "duplicates", color: "#8250df" },
  { key: "open", color: "#0969da" },
] as const;

export type OutcomeKey = (typeof OUTCOMES)[number]["key"];
