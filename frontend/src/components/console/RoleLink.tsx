"use client";
import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useRole } from "@/lib/console/hooks";
import { hasAnyRole } from "@layanan/core";

/** Role-aware navigation: a link to the console, shown only to a wallet that serves an agency or governs. */
export function RoleLink() {
  const t = useTranslations("console.nav");
  const { data: role } = useRole();
  if (!hasAnyRole(role)) return null;
  return (
    <p className="role-link">
      <Link href="/console" data-testid="console-link">
        {role!.governor && role!.agencyId === 0 ? t("openGovernor") : t("open", { agency: role!.agencyName })}
      </Link>
    </p>
  );
}
