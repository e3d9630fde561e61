import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AgencyAdminView } from "@/components/console/admin/AgencyAdminView";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin.agency" });
  return { title: t("title") };
}

/** /console/agency: the agency admin manages the agency's officers and its services. */
export default async function AgencyPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <AgencyAdminView />;
}
