"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import styles from "./public.module.css";

/**
 * A link that reproduces a check, with "copy" (and, on phones, "share") buttons. The link of a
 * personal document carries its salt (as its QR code does): whoever has it can check the document.
 */
export function ShareLink({ query, salted }: { query: string; salted: boolean }) {
  const t = useTranslations("verify.share");
  const headingId = useId();
  const [url, setUrl] = useState("");
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const [canShare, setCanShare] = useState(false);

  useEffect(() => {
    setUrl(`${window.location.origin}${window.location.pathname}?${query}`);
    setCanShare(typeof navigator.share === "function");
    setCopy("idle");
  }, [query]);

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopy("copied");
      return;
    } catch {
      // no Clipboard API (a page not on https) or no permission: try the older way
    }
    try {
      copyWithSelection(url);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  async function shareLink() {
    try {
      await navigator.share({ title: t("shareText"), url });
    } catch {
      // dismissed by the user: nothing to say
    }
  }

  if (!url) return null;
  return (
    <section className={styles.share} aria-labelledby={headingId}>
      <h3 id={headingId}>{t("title")}</h3>
      <p className="note">{salted ? t("helpSalted") : t("help")}</p>
      <a
        href={url}
        className={`mono ${styles.shareLink}`}
        data-testid="verify-share"
        aria-label={`${t("label")}: ${url}`}
      >
        {url}
      </a>
      <div className={styles.actions}>
        <button type="button" onClick={copyLink} data-testid="verify-copy">
          {t("copy")}
        </button>
        {canShare && (
          <button type="button" className="secondary" onClick={shareLink}>
            {t("share")}
          </button>
        )}
        <span role="status" aria-live="polite" className={copy === "failed" ? "error" : "note"}>
          {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : ""}
        </span>
      </div>
    </section>
  );
}

/** Copies text where the Clipboard API is missing or refused (pages not served over https). */
function copyWithSelection(text: string) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}
