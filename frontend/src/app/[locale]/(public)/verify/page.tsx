import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { DocumentVerifier } from "@/components/public/DocumentVerifier";
import styles from "@/components/public/public.module.css";
import { parseShareQuery } from "@layanan/core";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "verify" });
  return { title: t("title"), description: t("metaDescription") };
}

/**
 * Anyone checks a document: its file (hashed on the device, never uploaded), its file with its
 * receipt, or a share link / the QR code printed on it. No wallet.
 */
export default async function VerifyPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("verify");
  const link = parseShareQuery(await searchParams);
  const key = link?.ok
    ? `${link.link.fingerprint}:${link.link.salt ?? ""}:${link.link.root}:${link.link.proof.join(",")}`
    : String(link?.ok);
  return (
    <>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <DocumentVerifier key={key} link={link} />
      <section className={`card ${styles.how}`} aria-labelledby="verify-how">
        <h2 id="verify-how">{t("how.title")}</h2>
        <ol>
          <li>{t("how.step1")}</li>
          <li>{t("how.step2")}</li>
          <li>{t("how.step3")}</li>
        </ol>
        <p className="note">{t("how.expert")}</p>
      </section>
    </>
  );
}
