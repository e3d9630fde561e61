import { getTranslations, setRequestLocale } from "next-intl/server";
import styles from "@/components/public/home.module.css";
import { Link } from "@/i18n/navigation";

export default async function HomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const common = await getTranslations("common");
  const t = await getTranslations("home");
  return (
    <>
      <h1>{t("title")}</h1>
      <p className={styles.lead}>{common("tagline")}</p>
      <p>{t("lead")}</p>

      <section aria-labelledby="home-public">
        <h2 id="home-public">{t("publicTitle")}</h2>
        <ul className={styles.tiles}>
          <li className={styles.tile}>
            <Link href="/verify">{common("nav.verify")}</Link>
            <p>{t("verifyText")}</p>
          </li>
          <li className={styles.tile}>
            <Link href="/transparency">{common("nav.transparency")}</Link>
            <p>{t("transparencyText")}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="home-citizen">
        <h2 id="home-citizen">{t("citizenTitle")}</h2>
        <p className="note">{t("citizenNote")}</p>
        <ul className={styles.tiles}>
          <li className={styles.tile}>
            <Link href="/services">{common("nav.services")}</Link>
            <p>{t("servicesText")}</p>
          </li>
          <li className={styles.tile}>
            <Link href="/requests">{common("nav.requests")}</Link>
            <p>{t("requestsText")}</p>
          </li>
          <li className={styles.tile}>
            <Link href="/claims">{common("nav.claims")}</Link>
            <p>{t("claimsText")}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="home-privacy" className={styles.privacy}>
        <h2 id="home-privacy">{t("privacyTitle")}</h2>
        <p>{t("privacy")}</p>
      </section>
    </>
  );
}
