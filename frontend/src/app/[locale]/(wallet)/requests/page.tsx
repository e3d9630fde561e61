import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { MyRequests } from "@/components/citizen/MyRequests";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "citizen.requests" });
  return { title: t("title") };
}

export default async function RequestsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <MyRequests />;
}
