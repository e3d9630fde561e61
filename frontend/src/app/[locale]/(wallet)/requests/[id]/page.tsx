import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { RequestDetailView } from "@/components/citizen/RequestDetailView";

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const t = await getTranslations({ locale, namespace: "citizen.request" });
  return { title: t("title", { id }) };
}

export default async function RequestPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const isNew = (await searchParams).new === "1";
  return <RequestDetailView id={id} isNew={isNew} />;
}
