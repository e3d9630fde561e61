"use client";
import { citizenAccountAbi, qrSvg } from "@layanan/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { getAddress } from "viem";
import { useConnection } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { Loading } from "@/components/Loading";
import { useMounted } from "@/lib/citizen/hooks";
import { createPasskey } from "@/lib/passkey/ceremony";
import { PASSKEY_CONNECTOR_ID } from "@/lib/passkey/connector";
import { passkeysOf } from "@/lib/passkey/lookup";
import { decodePasskeyError } from "@/lib/passkey/send";
import { type PasskeySession, loadSession } from "@/lib/passkey/session";
import { useWrite } from "@/lib/useWrite";
import { ErrorText } from "@/components/ErrorText";
import type { DecodedError } from "@layanan/core";
import { PasskeySignIn } from "./PasskeySignIn";
import styles from "./passkey.module.css";

/** The checksummed address in groups of four after "0x" (what an officer reads out or types). */
export function groupedCode(address: string): string {
  const checksummed = getAddress(address);
  return `0x ${checksummed
    .slice(2)
    .match(/.{1,4}/g)!
    .join(" ")}`;
}

/** The citizen's account code (the address), its QR code, and (for a passkey account) its devices. */
export function AccountView() {
  const t = useTranslations("passkey.account");
  const mounted = useMounted();
  const { address, status, connector } = useConnection();
  const [copied, setCopied] = useState(false);
  if (!mounted || status === "reconnecting" || status === "connecting") return <Loading />;
  if (status !== "connected" || !address) {
    return (
      <section className="card" data-testid="account-signed-out">
        <h1>{t("title")}</h1>
        <p>{t("notSignedIn")}</p>
        <PasskeySignIn />
      </section>
    );
  }
  const checksummed = getAddress(address);
  const viaPasskey = connector?.id === PASSKEY_CONNECTOR_ID;
  return (
    <>
      <section className="card" aria-labelledby="account-title" data-testid="account-code-card">
        <h1 id="account-title">{t("title")}</h1>
        <p>{t("intro")}</p>
        <div className={styles.ends} aria-hidden="true">
          <span>
            <small>{t("codeStart")}</small>
            {checksummed.slice(2, 6)}
          </span>
          <span>
            <small>{t("codeEnd")}</small>
            {checksummed.slice(-4)}
          </span>
        </div>
        <p>
          <strong>{t("code")}</strong>
        </p>
        <p className={styles.code} data-testid="account-code" data-address={checksummed}>
          {groupedCode(checksummed)}
        </p>
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(checksummed).catch(() => undefined);
            setCopied(true);
          }}
          data-testid="account-copy"
        >
          {t("copy")}
        </button>
        {copied && <p role="status">{t("copied")}</p>}
        <figure className={styles.qr} data-testid="account-qr">
          {/* An SVG made on this device from the address alone (core's qrSvg). */}
          <div role="img" aria-label={t("qr")} dangerouslySetInnerHTML={{ __html: qrSvg(checksummed) }} />
        </figure>
        <p className="note">{viaPasskey ? t("viaPasskey") : t("viaWallet")}</p>
      </section>
      {viaPasskey && <Devices address={checksummed} />}
      <LostDevices />
    </>
  );
}

function LostDevices() {
  const t = useTranslations("passkey.lost");
  return (
    <section className="card" aria-labelledby="lost-title" data-testid="lost-devices">
      <h2 id="lost-title">{t("title")}</h2>
      <p>{t("body")}</p>
    </section>
  );
}

/** The account's passkeys (indexer, else the chain); add another device's, remove one (never the last). */
function Devices({ address }: { address: `0x${string}` }) {
  const t = useTranslations("passkey.devices");
  const write = useWrite();
  const [session, setSession] = useState<PasskeySession | null>(null);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<DecodedError | null>(null);
  const [added, setAdded] = useState(false);
  useEffect(() => setSession(loadSession()), []);
  // A confirmed add or removal the list does not show yet (the indexer catches up a block or two
  // later): the list is read again every second until it does.
  const [expected, setExpected] = useState<{ credentialIdHash: string; present: boolean } | null>(null);
  const keys = useQuery({
    queryKey: ["passkeys", address],
    queryFn: () => passkeysOf(address),
    refetchInterval: (query) => {
      if (!expected) return false;
      const present = (query.state.data ?? []).some(
        (key) => key.credentialIdHash.toLowerCase() === expected.credentialIdHash.toLowerCase(),
      );
      return present === expected.present ? false : 1_000;
    },
  });
  const list = keys.data ?? [];

  async function add() {
    setCreateError(null);
    setAdded(false);
    setCreating(true);
    let fresh: PasskeySession;
    try {
      fresh = await createPasskey();
    } catch (error) {
      setCreateError(decodePasskeyError(error));
      return;
    } finally {
      setCreating(false);
    }
    const receipt = await write.send(
      {
        address,
        abi: citizenAccountAbi,
        functionName: "addPasskey",
        args: [fresh.credentialIdHash, `0x${fresh.publicKey.slice(2, 66)}`, `0x${fresh.publicKey.slice(66)}`],
      },
      { at: "devices", invalidates: [] },
    );
    if (receipt) {
      setAdded(true);
      setExpected({ credentialIdHash: fresh.credentialIdHash, present: true });
      await keys.refetch();
    }
  }

  async function remove(credentialIdHash: `0x${string}`) {
    if (!window.confirm(t("removeConfirm"))) return;
    const receipt = await write.send(
      { address, abi: citizenAccountAbi, functionName: "removePasskey", args: [credentialIdHash] },
      { at: "devices", invalidates: [] },
    );
    if (receipt) {
      setExpected({ credentialIdHash, present: false });
      await keys.refetch();
    }
  }

  return (
    <section className="card" aria-labelledby="devices-title" data-testid="devices">
      <h2 id="devices-title">{t("title")}</h2>
      <p>{t("intro")}</p>
      {keys.isPending ? (
        <Loading label={t("loading")} />
      ) : list.length === 0 ? (
        <p className="note">{t("none")}</p>
      ) : (
        <ul className={styles.devices} data-testid="device-list">
          {list.map((key) => {
            const current = session?.credentialIdHash.toLowerCase() === key.credentialIdHash.toLowerCase();
            const last = list.length <= 1;
            return (
              <li key={key.credentialIdHash} data-testid="device" data-current={current}>
                <span className="mono">
                  {t("item", { code: `${key.credentialIdHash.slice(2, 6)}…${key.credentialIdHash.slice(-4)}` })}
                  {current && <> · {t("current")}</>}
                </span>
                {last ? (
                  <span className="note">{t("lastOne")}</span>
                ) : current ? (
                  <span className="note">{t("removeCurrent")}</span>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    disabled={write.busy}
                    onClick={() => remove(key.credentialIdHash)}
                    data-testid="device-remove"
                  >
                    {t("remove")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="note">{t("addHint")}</p>
      <button type="button" onClick={add} disabled={creating || write.busy} data-testid="device-add">
        {t("add")}
      </button>
      {createError && <ErrorText error={createError} />}
      <TxStatus write={write} at="devices" onRetry={write.retry} />
      {added && <p role="status">{t("added")}</p>}
    </section>
  );
}
