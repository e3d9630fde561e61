import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { GovernorView } from "@/components/console/admin/GovernorView";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin.governor" });
  return { title: t("title") };
}

/** /console/governor: the governor registers agencies, claim types and trusted issuers. */
export default async function GovernorPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <GovernorView />;
}
