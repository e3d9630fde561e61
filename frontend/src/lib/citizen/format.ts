/** Dates in Western Indonesian Time (Kota Bandung), in the page's language. */
export function formatDateTime(locale: string, seconds: number): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
  return new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Jakarta",
    timeZoneName: "short",
  }).format(new Date(seconds * 1000));
}

export function formatDate(locale: string, seconds: number): string {
  return new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", {
    dateStyle: "medium",
    timeZone: "Asia/Jakarta",
  }).format(new Date(seconds * 1000));
}

/** A service level in whole days and hours: 259200 s -> {days: 3, hours: 0, totalHours: 72}. */
export function slaParts(seconds: number) {
  const totalHours = Math.round(seconds / 3600);
  return { days: Math.floor(totalHours / 24), hours: totalHours % 24, totalHours, minutes: Math.round(seconds / 60) };
}

/** The largest whole unit of a span of seconds, for "in 3 days" / "2 hours ago". */
export function relativeParts(seconds: number): { value: number; unit: "day" | "hour" | "minute" } {
  const abs = Math.abs(seconds);
  if (abs >= 86_400) return { value: Math.round(seconds / 86_400), unit: "day" };
  if (abs >= 3_600) return { value: Math.round(seconds / 3_600), unit: "hour" };
  return { value: Math.round(seconds / 60), unit: "minute" };
}

export function formatRelative(locale: string, seconds: number): string {
  const { value, unit } = relativeParts(seconds);
  return new Intl.RelativeTimeFormat(locale === "id" ? "id-ID" : "en-GB", { numeric: "auto" }).format(value, unit);
}

export const shortHex = (hex: string) => `${hex.slice(0, 10)}…${hex.slice(-6)}`;

/** A file size in bytes, kB or MB, in the page's language. */
export function formatSize(locale: string, bytes: number): string {
  const tag = locale === "id" ? "id-ID" : "en-GB";
  if (bytes < 1024)
    return new Intl.NumberFormat(tag, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
  if (bytes < 1024 * 1024)
    return new Intl.NumberFormat(tag, { style: "unit", unit: "kilobyte", maximumFractionDigits: 1 }).format(
      bytes / 1024,
    );
  return new Intl.NumberFormat(tag, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 }).format(
    bytes / 1024 / 1024,
  );
}
