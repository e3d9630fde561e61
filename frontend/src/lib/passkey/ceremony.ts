/**
 * The two WebAuthn ceremonies of signing in: create a new passkey (its account's address is
 * predicted; the first operation deploys it), or use an existing one (a discoverable assertion
 * names the credential; its account is looked up and the assertion checked against each
 * candidate's key).
 */
import { credentialIdFromBase64Url, credentialIdHash, predictAccountAddress, splitPublicKey } from "@layanan/core";
import { PublicKey, WebAuthnP256 } from "ox";
import { type Address, bytesToHex, getAddress } from "viem";
import { createWebAuthnCredential } from "viem/account-abstraction";
import { deployment } from "@/generated/deployment";
import { publicClient } from "../publicClient";
import { accountsForPasskey } from "./lookup";
import type { PasskeySession } from "./session";

export const RP_NAME = "Layanan";
export const USER_NAME = "Warga Layanan";

/** Is this browser able to use passkeys at all? */
export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function" && window.isSecureContext;
}

function factoryAddress(): Address {
  const factory = deployment?.accounts?.factory;
  if (!factory) throw new Error("No citizen account factory is deployed on this chain.");
  return factory;
}

/**
 * A new passkey on this device (one biometric prompt) and its account's address. `existingIds`
 * (base64url credential ids) are excluded, so that the same authenticator is not registered twice.
 */
export async function createPasskey(existingIds: readonly string[] = []): Promise<PasskeySession> {
  const credential = await createWebAuthnCredential({
    rp: { id: window.location.hostname, name: RP_NAME },
    // A random user handle: a discoverable credential with the same handle would replace an older one.
    user: { name: USER_NAME, displayName: USER_NAME, id: crypto.getRandomValues(new Uint8Array(16)) },
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    excludeCredentialIds: existingIds.length > 0 ? existingIds : undefined,
  });
  const publicKey = `0x${credential.publicKey.slice(2).replace(/^04(?=[0-9a-fA-F]{128}$)/, "")}` as const;
  const { x, y } = splitPublicKey(publicKey);
  const idHash = credentialIdHash(credentialIdFromBase64Url(credential.id));
  const address = await predictAccountAddress(publicClient, factoryAddress(), { credentialIdHash: idHash, x, y });
  return { credentialId: credential.id, publicKey: `0x${x.slice(2)}${y.slice(2)}`, credentialIdHash: idHash, address };
}

export type ExistingPasskey =
  | { found: true; session: PasskeySession }
  /** The passkey signed, but no Layanan account names it (yet). */
  | { found: false; credentialIdHash: `0x${string}` };

/** Asks the device for any passkey of this site (no allowCredentials) and finds its account. */
export async function findExistingPasskey(): Promise<ExistingPasskey> {
  const challenge = bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
  const assertion = await WebAuthnP256.sign({
    challenge,
    rpId: window.location.hostname,
    userVerification: "required",
  });
  const idHash = credentialIdHash(credentialIdFromBase64Url(assertion.id));
  const candidates = await accountsForPasskey(idHash);
  const verified = candidates.find((candidate) => {
    try {
      return WebAuthnP256.verify({
        challenge,
        metadata: assertion.metadata,
        signature: assertion.signature,
        publicKey: PublicKey.fromHex(`0x04${candidate.x.slice(2)}${candidate.y.slice(2)}`),
        rpId: window.location.hostname,
      });
    } catch {
      return false;
    }
  });
  if (!verified) return { found: false, credentialIdHash: idHash };
  return {
    found: true,
    session: {
      credentialId: assertion.id,
      publicKey: `0x${verified.x.slice(2)}${verified.y.slice(2)}`,
      credentialIdHash: idHash,
      address: getAddress(verified.account),
    },
  };
}
