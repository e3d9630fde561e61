import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AttestView } from "@/components/console/issuer/AttestView";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "issuer.attest" });
  return { title: t("title") };
}

/** /console/attest: an officer attests a citizen's wallet (personal data hashed on this device) and revokes. */
export default async function AttestPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <AttestView />;
}
