"use client";
import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import type { Role } from "@layanan/core";

/** The console's own menu: only the parts this wallet may use. */
export function ConsoleNav({ role }: { role: Role }) {
  const t = useTranslations("console.nav");
  const pathname = usePathname();
  const items = [
    role.officer && { href: "/console/queue", label: t("queue"), id: "queue" },
    role.officer && { href: "/console/attest", label: t("attest"), id: "attest" },
    role.officer && { href: "/console/documents", label: t("documents"), id: "documents" },
    role.admin && { href: "/console/agency", label: t("agency"), id: "agency" },
    role.governor && { href: "/console/governor", label: t("governor"), id: "governor" },
  ].filter((item): item is { href: string; label: string; id: string } => Boolean(item));
  if (items.length === 0) return null;
  return (
    <nav aria-label={t("label")} className="console-nav" data-testid="console-nav">
      <ul>
        <li>
          <Link href="/console" aria-current={pathname === "/console" ? "page" : undefined}>
            {t("home")}
          </Link>
        </li>
        {items.map((item) => (
          <li key={item.id}>
            <Link
              href={item.href}
              data-testid={`console-nav-${item.id}`}
              aria-current={pathname.startsWith(item.href) ? "page" : undefined}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
