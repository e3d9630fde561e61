import { useTranslations } from "next-intl";

export default function NotFound() {
  const t = useTranslations("common");
  return <h1>{t("notFound")}</h1>;
}
