import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DocumentsView } from "@/components/console/issuer/DocumentsView";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "issuer.documents" });
  return { title: t("title") };
}

/** /console/documents: an officer issues document fingerprints (one file or a batch) and revokes them. */
export default async function DocumentsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <DocumentsView />;
}
