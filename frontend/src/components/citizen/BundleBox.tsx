"use client";
import { useLocale, useTranslations } from "next-intl";
import { downloadBundle, type PrivateBundle } from "@/lib/citizen/bundle";
import { commitment } from "@layanan/core";
import { formatDateTime } from "@/lib/citizen/format";
import styles from "./citizen.module.css";

/** One private bundle: what it holds and a download button. */
export function BundleItem({ bundle, matches }: { bundle: PrivateBundle; matches?: boolean }) {
  const t = useTranslations("citizen.bundle");
  const locale = useLocale();
  return (
    <li data-testid="bundle" data-content-hash={bundle.contentHash} data-request-id={bundle.requestId ?? ""}>
      <strong>{bundle.purpose === "respond" ? t("purposeRespond") : t("purposeSubmit")}</strong>{" "}
      <span className="note">{formatDateTime(locale, Math.floor(Date.parse(bundle.createdAt) / 1000))}</span>
      <br />
      <span className="note">
        {t("contains", { attachments: bundle.attachments.length })}
        {matches === true && ` · ${t("matches")}`}
        {matches === false && ` · ${t("doesNotMatch")}`}
      </span>
      <div className={styles.actions}>
        <button
          type="button"
          className="secondary"
          onClick={() => downloadBundle(bundle)}
          data-testid="download-bundle"
        >
          {t("download")}
        </button>
      </div>
    </li>
  );
}

/** Where the private bundle is and why the citizen must keep it. */
/** True when the bundle's salt and payload give its contentHash and that commitment is on chain. */
function checks(bundle: PrivateBundle, onChain: Set<string>) {
  try {
    return (
      commitment(bundle.salt, bundle.payload) === bundle.contentHash.toLowerCase() &&
      onChain.has(bundle.contentHash.toLowerCase())
    );
  } catch {
    return false;
  }
}

export function BundleBox({
  bundles,
  highlight,
  onChain,
}: {
  bundles: PrivateBundle[];
  highlight?: boolean;
  onChain?: Set<string>;
}) {
  const t = useTranslations("citizen.bundle");
  if (bundles.length === 0) return null;
  return (
    <section
      className={highlight ? styles.publicBox : styles.privateBox}
      aria-labelledby="bundle-title"
      data-testid="bundle-box"
    >
      <h2 id="bundle-title">{t("title")}</h2>
      <p>{t("explain")}</p>
      <ul className={styles.fileList}>
        {bundles.map((bundle) => (
          <BundleItem
            key={bundle.contentHash}
            bundle={bundle}
            matches={onChain ? checks(bundle, onChain) : undefined}
          />
        ))}
      </ul>
      <p className="note">{t("keepSafe")}</p>
    </section>
  );
}
