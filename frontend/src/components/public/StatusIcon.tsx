import type { DocumentStatusName } from "@layanan/core";

/** A decorative icon for a document status (the text beside it carries the meaning). */
export function StatusIcon({ status }: { status: DocumentStatusName }) {
  const common = {
    width: 18,
    height: 18,
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 3,
    "aria-hidden": true,
    focusable: false,
  } as const;
  switch (status) {
    case "Valid":
      return (
        <svg {...common}>
          <path d="M4 12.5l5 5L20 6.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case "Revoked":
      return (
        <svg {...common}>
          <path d="M6 6l12 12M18 6L6 18" strokeLinecap="round" />
        </svg>
      );
    case "Expired":
      return (
        <svg {...common} strokeWidth={2.5}>
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7v5l3 3" strokeLinecap="round" />
        </svg>
      );
    default:
      return (
        <svg {...common} strokeWidth={2.5}>
          <circle cx="12" cy="12" r="9" />
          <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V14" strokeLinecap="round" />
          <circle cx="12" cy="17.5" r="0.6" fill="currentColor" />
        </svg>
      );
  }
}
