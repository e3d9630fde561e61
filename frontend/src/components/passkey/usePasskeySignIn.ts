"use client";
import { type DecodedError } from "@layanan/core";
import { useState } from "react";
import { useConnect, useConnectors } from "wagmi";
import { chain } from "@/lib/chain";
import { createPasskey, findExistingPasskey } from "@/lib/passkey/ceremony";
import { PASSKEY_CONNECTOR_ID } from "@/lib/passkey/connector";
import { decodePasskeyError } from "@/lib/passkey/send";
import { type PasskeySession, saveSession } from "@/lib/passkey/session";

export type SignInState =
  | { phase: "idle" }
  | { phase: "creating" }
  | { phase: "finding" }
  | { phase: "notFound" }
  | { phase: "failed"; error: DecodedError };

/** Create a passkey or use an existing one, then connect wagmi's passkey connector. */
export function usePasskeySignIn() {
  const connectors = useConnectors();
  const { connectAsync } = useConnect();
  const [state, setState] = useState<SignInState>({ phase: "idle" });

  async function connect(session: PasskeySession) {
    saveSession(session);
    const connector = connectors.find((c) => c.id === PASSKEY_CONNECTOR_ID);
    if (!connector) throw new Error("the passkey connector is not configured");
    await connectAsync({ connector, chainId: chain.id });
    setState({ phase: "idle" });
  }

  async function create() {
    setState({ phase: "creating" });
    try {
      await connect(await createPasskey());
    } catch (error) {
      setState({ phase: "failed", error: decodePasskeyError(error) });
    }
  }

  async function useExisting() {
    setState({ phase: "finding" });
    try {
      const found = await findExistingPasskey();
      if (!found.found) {
        setState({ phase: "notFound" });
        return;
      }
      await connect(found.session);
    } catch (error) {
      setState({ phase: "failed", error: decodePasskeyError(error) });
    }
  }

  const busy = state.phase === "creating" || state.phase === "finding";
  return { state, busy, create, useExisting };
}
