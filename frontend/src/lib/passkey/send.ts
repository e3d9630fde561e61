/**
 * A citizen's write as a passkey account: one user operation carrying the call, paid by the city
 * (the sponsor service, ERC-7677) and carried by an ERC-4337 bundler. One biometric prompt: the
 * passkey signs the user operation's hash. The account never holds ETH.
 */
import {
  type DecodedError,
  allErrorsAbi,
  decodeError,
  decodeRevertData,
  passkeyFromWebAuthn,
  passkeyPaymaster,
  refusalValues,
  toCitizenAccount,
} from "@layanan/core";
import { type Address, type Hex, type TransactionReceipt, http, isHex } from "viem";
import { createBundlerClient, createPaymasterClient, toWebAuthnAccount } from "viem/account-abstraction";
import { deployment } from "@/generated/deployment";
import { publicClient } from "../publicClient";
import type { PasskeySession } from "./session";

/** The bundler's and the sponsor's URLs from the deployment (the sponsor defaults to this dApp's /api/sponsor). */
export function accountServices(): { bundler: string | null; sponsor: string; factory: Address | null } {
  const sponsor =
    deployment?.services.sponsor ??
    (typeof window !== "undefined" ? `${window.location.origin}/api/sponsor` : "/api/sponsor");
  return {
    bundler: deployment?.services.bundler ?? null,
    sponsor,
    factory: deployment?.accounts?.factory ?? null,
  };
}

/** What went wrong, tagged with where: the sentence keys live in messages passkey.json and sponsor.json. */
export class PasskeySendError extends Error {
  override name = "PasskeySendError";
  constructor(readonly decoded: DecodedError) {
    super(decoded.key);
  }
}

export interface PasskeyCall {
  to: Address;
  data: Hex;
}

export interface PasskeySendHooks {
  /** The biometric prompt is about to show (after the sponsor agreed and the bundler estimated). */
  onSigning?: () => void;
  /** The bundler took the operation: its hash. */
  onSent?: (userOpHash: Hex) => void;
}

const causes = (error: unknown): unknown[] => {
  const chain: unknown[] = [];
  let current = error;
  for (let i = 0; current && i < 20; i++) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
};

const sameService = (url: unknown, service: string | null) => {
  if (typeof url !== "string" || !service) return false;
  try {
    const a = new URL(url, window.location.href);
    const b = new URL(service, window.location.href);
    return a.origin === b.origin && a.pathname.replace(/\/+$/, "") === b.pathname.replace(/\/+$/, "");
  } catch {
    return false;
  }
};

/**
 * A passkey write's failure as a sentence key: the biometric prompt cancelled or failed, the
 * sponsor's refusal (its rule and values), the sponsor or the bundler unreachable, a revert.
 */
export function decodePasskeyError(error: unknown): DecodedError {
  if (error instanceof PasskeySendError) return error.decoded;
  const chain = causes(error);
  const { bundler, sponsor } = accountServices();
  // The biometric prompt: cancelled, timed out or refused (WebAuthn says NotAllowedError for all).
  if (chain.some((e) => (e as { name?: string })?.name === "NotAllowedError")) {
    return { key: "passkey.errors.cancelled", values: {} };
  }
  // The sponsor's answer: JSON-RPC error data { rule, …values }.
  for (const e of chain) {
    const data = (e as { data?: unknown })?.data;
    if (data && typeof data === "object" && typeof (data as { rule?: unknown }).rule === "string") {
      const rule = (data as { rule: string }).rule;
      if (rule === "sponsorUnavailable") return { key: "passkey.errors.sponsorDown", values: {} };
      return { key: `sponsor.${rule}`, values: refusalValues(data as Record<string, unknown>) };
    }
  }
  // Unreachable services: which one, from the failed request's URL.
  for (const e of chain) {
    const { name, url, status } = (e ?? {}) as { name?: string; url?: unknown; status?: number };
    if (name !== "HttpRequestError" && name !== "TimeoutError" && name !== "RpcRequestError") continue;
    const down = name !== "RpcRequestError" || (status !== undefined && status >= 500);
    if (down && sameService(url, sponsor)) return { key: "passkey.errors.sponsorDown", values: {} };
    if (down && sameService(url, bundler)) return { key: "passkey.errors.bundlerDown", values: {} };
    // The bundler answered but refused the operation (e.g. an AA error of the EntryPoint's checks).
    if (!down && sameService(url, bundler)) return { key: "passkey.errors.bundlerRejected", values: {} };
  }
  const decoded = decodeError(error);
  if (decoded.key === "unknown" && chain.some((e) => /WebAuthn|credential/i.test(String((e as Error)?.message)))) {
    return { key: "passkey.errors.cancelled", values: {} };
  }
  return decoded;
}

/**
 * Sends `call` from the passkey account: sponsor stub data → bundler estimate (plus what the real
 * P-256 check costs) → sponsor signature → one biometric prompt → bundler → receipt. Throws
 * (decodePasskeyError reads it); an operation mined with success=false throws its decoded revert.
 */
export async function sendAsPasskey(
  session: PasskeySession,
  call: PasskeyCall,
  hooks: PasskeySendHooks = {},
): Promise<{ userOpHash: Hex; receipt: TransactionReceipt }> {
  const { bundler, sponsor, factory } = accountServices();
  if (!bundler || !factory) throw new PasskeySendError({ key: "passkey.errors.notConfigured", values: {} });
  const webAuthn = toWebAuthnAccount({
    credential: { id: session.credentialId, publicKey: session.publicKey },
    rpId: window.location.hostname,
  });
  const passkey = passkeyFromWebAuthn(webAuthn);
  const signer = {
    ...passkey,
    async sign(challenge: Hex) {
      hooks.onSigning?.();
      return passkey.sign(challenge);
    },
  };
  const account = await toCitizenAccount({ client: publicClient, factory, passkey: signer, address: session.address });
  const paymaster = createPaymasterClient({ transport: http(sponsor, { retryCount: 0, timeout: 20_000 }) });
  const bundlerClient = createBundlerClient({
    client: publicClient,
    transport: http(bundler, { retryCount: 0, timeout: 20_000 }),
    pollingInterval: 250,
    paymaster: passkeyPaymaster(paymaster),
  });
  const userOpHash = await bundlerClient.sendUserOperation({ account, calls: [{ to: call.to, data: call.data }] });
  hooks.onSent?.(userOpHash);
  const result = await bundlerClient.waitForUserOperationReceipt({ hash: userOpHash, timeout: 90_000 });
  if (!result.success) {
    const reason = result.reason;
    const decoded = reason && isHex(reason) ? decodeRevertData(reason) : null;
    throw new PasskeySendError(decoded ? namedFromRevert(decoded) : { key: "passkey.errors.reverted", values: {} });
  }
  return { userOpHash, receipt: result.receipt };
}

/** A custom error of the suite as decodeError names it (its arguments by name). */
function namedFromRevert(decoded: { errorName: string; args: readonly unknown[] }): DecodedError {
  const item = allErrorsAbi.find((entry) => entry.type === "error" && entry.name === decoded.errorName);
  const inputs = item && item.type === "error" ? item.inputs : [];
  const values: Record<string, string> = {};
  inputs.forEach((input, i) => {
    const arg = decoded.args[i];
    if (input.name) values[input.name] = typeof arg === "bigint" ? arg.toString() : String(arg);
  });
  return { key: decoded.errorName, values };
}
