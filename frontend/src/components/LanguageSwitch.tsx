"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { Link, usePathname } from "@/i18n/navigation";

function Switch() {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const other = locale === "id" ? "en" : "id";
  return (
    <Link
      href={search ? `${pathname}?${search}` : pathname}
      locale={other}
      hrefLang={other}
      className="language-switch"
      data-testid="language-switch"
      aria-label={`${other.toUpperCase()}: ${t("switchTo")}`}
    >
      {other === "en" ? "EN" : "ID"}
    </Link>
  );
}

/** Switches between Bahasa Indonesia and English, keeping the page and its query. */
export function LanguageSwitch() {
  return (
    <Suspense>
      <Switch />
    </Suspense>
  );
}
