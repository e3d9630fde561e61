import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";

/** A page that does not exist, in the page's language, with the way back home. */
export default function NotFound() {
  const t = useTranslations("common");
  return (
    <section aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title">{t("notFound")}</h1>
      <p>{t("notFoundText")}</p>
      <p>
        <Link href="/" className="button" data-testid="not-found-home">
          {t("notFoundHome")}
        </Link>
      </p>
    </section>
  );
}
