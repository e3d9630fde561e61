import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { OfficerRequestView } from "@/components/console/officer/OfficerRequestView";

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const t = await getTranslations({ locale, namespace: "officer.request" });
  return { title: t("title", { id }) };
}

/** /console/requests/<id>: one request as an officer works it. */
export default async function OfficerRequestPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  return <OfficerRequestView id={id} />;
}
