import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { HeaderNav } from "./HeaderNav";
import { LanguageSwitch } from "./LanguageSwitch";

/**
 * The header of every page, one line on a phone: the site's name (home), the main menu and the
 * language switch. No wallet code, so the public pages load none.
 */
export async function SiteHeader() {
  const t = await getTranslations("common");
  const items = [
    { href: "/services", label: t("nav.services") },
    { href: "/requests", label: t("nav.requests") },
    { href: "/claims", label: t("nav.claims") },
    { href: "/verify", label: t("nav.verify") },
    { href: "/transparency", label: t("nav.transparency") },
  ];
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="7" fill="#0b5cad" />
          <path
            d="M16 5 4.5 11.5V14h23v-2.5zM7 15.5h3v8H7zm7.5 0h3v8h-3zm7.5 0h3v8h-3zM4.5 25h23v2.5h-23z"
            fill="#fff"
          />
        </svg>
        {t("appName")}
      </Link>
      <HeaderNav items={items} />
      <LanguageSwitch />
    </header>
  );
}
