/** Dates on the public pages are shown in Kota Bandung's time (WIB), with the zone named. */
export const TIME_ZONE = "Asia/Jakarta";

export const DATE_TIME = {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: TIME_ZONE,
  timeZoneName: "short",
} as const;

/** Unix seconds (as the contracts store them) to a Date. */
export const fromSeconds = (seconds: number | bigint) => new Date(Number(seconds) * 1000);
