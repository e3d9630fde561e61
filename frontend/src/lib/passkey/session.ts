/**
 * The passkey the citizen signed in with, kept in localStorage so that a reload (wagmi's
 * reconnect) keeps them signed in. Only public things are stored: the credential id, its public
 * key, the keccak256 of the id and the account's address. The private key never leaves the
 * phone's authenticator.
 */
import { type Address, type Hex, isAddress, isHex } from "viem";

export interface PasskeySession {
  /** The WebAuthn credential id as the browser reports it (base64url). */
  credentialId: string;
  /** The P-256 public key, x ‖ y (64 bytes, hex, no 0x04 prefix). */
  publicKey: Hex;
  /** keccak256 of the raw credential id: the passkey's name on chain. */
  credentialIdHash: Hex;
  /** The citizen account (CitizenAccount) this passkey signs for. */
  address: Address;
}

const KEY = "layanan.passkey.session";
/** Told when the session changes (the connector listens, so wagmi follows). */
export const SESSION_EVENT = "layanan:passkey-session";

const valid = (s: Partial<PasskeySession> | null): s is PasskeySession =>
  Boolean(
    s &&
    typeof s.credentialId === "string" &&
    s.credentialId.length > 0 &&
    isHex(s.publicKey) &&
    isHex(s.credentialIdHash) &&
    typeof s.address === "string" &&
    isAddress(s.address, { strict: false }),
  );

export function loadSession(): PasskeySession | null {
  if (typeof window === "undefined") return null;
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY) ?? "null") as Partial<PasskeySession> | null;
    return valid(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveSession(session: PasskeySession): void {
  window.localStorage.setItem(KEY, JSON.stringify(session));
  window.dispatchEvent(new Event(SESSION_EVENT));
}

export function clearSession(): void {
  if (typeof window === "undefined") return;
  window.localStorage.removeItem(KEY);
  window.dispatchEvent(new Event(SESSION_EVENT));
}
