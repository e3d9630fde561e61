import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { LanguageSwitch } from "./LanguageSwitch";

/** The header of every page: plain links only, so the public pages load no wallet code. */
export async function SiteHeader() {
  const t = await getTranslations("common");
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {t("appName")}
      </Link>
      <nav aria-label={t("nav.menu")}>
        <ul>
          <li>
            <Link href="/services">{t("nav.services")}</Link>
          </li>
          <li>
            <Link href="/requests">{t("nav.requests")}</Link>
          </li>
          <li>
            <Link href="/claims">{t("nav.claims")}</Link>
          </li>
          <li>
            <Link href="/verify">{t("nav.verify")}</Link>
          </li>
          <li>
            <Link href="/transparency">{t("nav.transparency")}</Link>
          </li>
        </ul>
      </nav>
      <LanguageSwitch />
    </header>
  );
}
