import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { IkmGrades } from "@/components/public/IkmGrades";
import { TransparencyBoard } from "@/components/public/TransparencyBoard";
import { TransparencySponsorship } from "@/components/public/TransparencySponsorship";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "transparency" });
  return { title: t("title"), description: t("metaDescription") };
}

/** Each agency's public figures and IKM, read from the chain, and what the city paid for (the indexer's). No wallet. */
export default async function TransparencyPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("transparency");
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <IkmGrades />
      <TransparencyBoard />
      <TransparencySponsorship />
    </>
  );
}
