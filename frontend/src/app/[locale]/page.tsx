import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("common");
  return (
    <>
      <h1>{t("appName")}</h1>
      <p>{t("tagline")}</p>
      <ul className="home-links">
        <li><Link href="/services">{t("nav.services")}</Link></li>
        <li><Link href="/requests">{t("nav.requests")}</Link></li>
        <li><Link href="/claims">{t("nav.claims")}</Link></li>
        <li><Link href="/verify">{t("nav.verify")}</Link></li>
        <li><Link href="/transparency">{t("nav.transparency")}</Link></li>
      </ul>
    </>
  );
}
