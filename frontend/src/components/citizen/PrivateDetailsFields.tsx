"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { type AttachmentFingerprint, fingerprintBlob } from "@layanan/core";
import { formatSize, shortHex } from "@/lib/citizen/format";
import styles from "./citizen.module.css";

/**
 * Private details and attachments: they never leave the device. Attachments are fingerprinted
 * (SHA-256) in the browser; only a commitment reaches the chain.
 */
export function PrivateDetailsFields({
  details,
  onDetails,
  attachments,
  onAttachments,
  onHashing,
  disabled,
  testIds = { details: "details", attachments: "attachments" },
}: {
  details: string;
  onDetails: (value: string) => void;
  attachments: AttachmentFingerprint[];
  onAttachments: (value: AttachmentFingerprint[]) => void;
  onHashing?: (hashing: boolean) => void;
  disabled?: boolean;
  testIds?: { details: string; attachments: string };
}) {
  const t = useTranslations("citizen.privateDetails");
  const locale = useLocale();
  const id = useId();
  const [hashing, setHashing] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onFiles(files: FileList | null) {
    setFailed(false);
    if (!files || files.length === 0) {
      onAttachments([]);
      return;
    }
    setHashing(true);
    onHashing?.(true);
    try {
      const fingerprints = await Promise.all(
        Array.from(files).map(async (file) => ({
          name: file.name,
          size: file.size,
          sha256: await fingerprintBlob(file),
        })),
      );
      onAttachments(fingerprints);
    } catch {
      setFailed(true);
      onAttachments([]);
    } finally {
      setHashing(false);
      onHashing?.(false);
    }
  }

  return (
    <div className={styles.privateBox}>
      <p>
        <strong>{t("title")}</strong> {t("explain")}
      </p>
      <label htmlFor={`${id}-details`}>
        {t("detailsLabel")}
        <span className={styles.fieldHint}>{t("detailsHint")}</span>
      </label>
      <textarea
        id={`${id}-details`}
        rows={4}
        value={details}
        disabled={disabled}
        onChange={(event) => onDetails(event.target.value)}
        data-testid={testIds.details}
        autoComplete="off"
      />
      <label htmlFor={`${id}-files`}>
        {t("attachmentsLabel")}
        <span className={styles.fieldHint}>{t("attachmentsHint")}</span>
      </label>
      <input
        id={`${id}-files`}
        type="file"
        multiple
        disabled={disabled}
        onChange={(event) => onFiles(event.target.files)}
        data-testid={testIds.attachments}
        className={styles.fullWidth}
      />
      <div aria-live="polite">
        {hashing && <p className="note">{t("hashing")}</p>}
        {failed && <p className="error">{t("hashFailed")}</p>}
        {!hashing && attachments.length > 0 && (
          <ul className={styles.fileList} data-testid="attachment-fingerprints">
            {attachments.map((file) => (
              <li key={`${file.name}-${file.sha256}`}>
                {file.name} · {formatSize(locale, file.size)}
                <br />
                <span className="note">
                  {t("fingerprint")}{" "}
                  <span className="mono" title={file.sha256}>
                    {shortHex(file.sha256)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
