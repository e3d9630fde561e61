import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { QueueView } from "@/components/console/officer/QueueView";
import { parseQueueQuery } from "@layanan/core";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "officer.queue" });
  return { title: t("title") };
}

/** /console/queue?status=…&overdue=1&escalated=1&sort=desc: the officer's agency's requests. */
export default async function QueuePage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <QueueView initial={parseQueueQuery(await searchParams)} />;
}
