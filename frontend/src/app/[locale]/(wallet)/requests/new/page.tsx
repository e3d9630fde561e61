import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { NewRequestForm } from "@/components/citizen/NewRequestForm";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "citizen.newRequest" });
  return { title: t("title") };
}

export default async function NewRequestPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = (await searchParams).service;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const serviceId = value && /^\d{1,9}$/.test(value) ? Number(value) : null;
  return <NewRequestForm serviceId={serviceId} />;
}
