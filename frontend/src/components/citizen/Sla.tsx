"use client";
import { useTranslations } from "next-intl";
import { slaParts } from "@/lib/citizen/format";

/** A service level in words: "3 hari (72 jam)", "12 jam", "30 menit". */
export function Sla({ seconds }: { seconds: number }) {
  const t = useTranslations("citizen.sla");
  const { days, hours, totalHours, minutes } = slaParts(seconds);
  if (totalHours === 0) return <>{t("minutes", { minutes })}</>;
  if (days === 0) return <>{t("hours", { hours: totalHours })}</>;
  if (hours === 0) return <>{t("days", { days, totalHours })}</>;
  return <>{t("daysHours", { days, hours, totalHours })}</>;
}
