/**
 * Attesting a citizen, as pure functions: checking the officer's form, turning the personal data
 * into the canonical payload and its salted commitment (the only thing that goes on chain), the
 * expiry as chain seconds, and the citizen's receipt (data, salt, uid). The console's attest page
 * and the admin commands (`attest`, `attest-bulk`) build the attestation and its receipt here; the
 * tests are test/ConsoleIssuer.ts.
 */
import { isAddress, type Hex } from "viem";
import { canonicalJson, commitment, randomBytes32 } from "./commitment.ts";

/** The personal data fields an officer enters. Only their commitment leaves the device. */
export interface CitizenData {
  nik: string;
  name: string;
  birthDate: string;
  address: string;
}

export interface AttestFormValues {
  subject: string;
  claimType: string;
  level: string;
  /** YYYY-MM-DD, or empty for "never expires". */
  expiry: string;
  data: CitizenData;
}

export type AttestField = "subject" | "claimType" | "level" | "expiry" | "nik" | "name" | "birthDate";
export type AttestProblem =
  | "subjectInvalid"
  | "claimTypeMissing"
  | "levelInvalid"
  | "expiryPast"
  | "expiryInvalid"
  | "nikInvalid"
  | "nameTooLong"
  | "birthDateInvalid";

/** How the level was checked, written into the payload as the seed and the CLI do. */
export const LEVEL_METHOD: Record<number, string> = { 1: "mandiri", 2: "dokumen", 3: "biometrik" };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Western Indonesia Time (WIB, UTC+7): the city's day boundaries. */
const WIB_OFFSET_SECONDS = 7 * 3600;

/** Parses YYYY-MM-DD as a real calendar date (no 31 February); null otherwise. */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/**
 * The attestation's expiry in chain seconds: the end of the chosen day in Bandung (23:59:59 WIB);
 * 0 ("never expires") for an empty field; null for a date that is not one.
 */
export function expiryToSeconds(text: string): number | null {
  if (text.trim() === "") return 0;
  const date = parseDate(text);
  if (!date) return null;
  return Date.UTC(date.year, date.month - 1, date.day, 23, 59, 59) / 1000 - WIB_OFFSET_SECONDS;
}

/**
 * What is wrong with an expiry field (attestations and documents alike): not a date, or not after
 * `now`, the chain's time in seconds (not checked while the time is unknown). Empty is "never".
 */
export function expiryProblem(text: string, now: number | undefined): "expiryInvalid" | "expiryPast" | null {
  const expiresAt = expiryToSeconds(text);
  if (expiresAt === null) return "expiryInvalid";
  if (expiresAt !== 0 && now !== undefined && expiresAt <= now) return "expiryPast";
  return null;
}

/** A NIK is 16 digits; spaces, dots and dashes the officer typed to group them are dropped. */
export function normalizeNik(text: string): string {
  return text.replace(/[\s.-]/g, "");
}

export const isNik = (text: string) => /^\d{16}$/.test(normalizeNik(text));

/** The longest name accepted (a typo guard, not a rule of the chain: names never go on chain). */
export const MAX_NAME_LENGTH = 120;

/**
 * What is wrong with the form, field by field (empty when it may be sent). `now` is the chain's
 * time in seconds, so an expiry is checked against the clock the contract uses.
 */
export function attestProblems(values: AttestFormValues, now: number): Partial<Record<AttestField, AttestProblem>> {
  const problems: Partial<Record<AttestField, AttestProblem>> = {};
  if (!isAddress(values.subject.trim(), { strict: false })) problems.subject = "subjectInvalid";
  if (!/^0x[0-9a-fA-F]{64}$/.test(values.claimType)) problems.claimType = "claimTypeMissing";
  if (!/^[123]$/.test(values.level)) problems.level = "levelInvalid";
  const expiry = expiryProblem(values.expiry, now);
  if (expiry) problems.expiry = expiry;
  if (!isNik(values.data.nik)) problems.nik = "nikInvalid";
  if (values.data.name.trim().length > MAX_NAME_LENGTH) problems.name = "nameTooLong";
  if (values.data.birthDate.trim() !== "" && parseDate(values.data.birthDate) === null)
    problems.birthDate = "birthDateInvalid";
  return problems;
}

/**
 * The data the commitment covers: the NIK (digits only), the fields the officer filled (trimmed;
 * empty ones left out) and how the level was checked.
 */
export function citizenPayloadData(data: CitizenData, level: number): Record<string, string> {
  const out: Record<string, string> = { nik: normalizeNik(data.nik) };
  if (data.name.trim()) out.name = data.name.trim().replace(/\s+/g, " ");
  if (data.birthDate.trim()) out.birthDate = data.birthDate.trim();
  if (data.address.trim()) out.address = data.address.trim().replace(/\s+/g, " ");
  const method = LEVEL_METHOD[level];
  if (method) out.method = method;
  return out;
}

/** Payload (canonical JSON) and dataHash = keccak256(abi.encode(salt, payload)), as DESIGN.md sets out. */
export function commitCitizenData(salt: Hex, data: Record<string, unknown>): { payload: string; dataHash: Hex } {
  const payload = canonicalJson(data);
  return { payload, dataHash: commitment(salt, payload) };
}

/** An attestation ready to send: its fields, the payload and salt that open the commitment, and the commitment. */
export interface PreparedAttestation {
  subject: `0x${string}`;
  claimType: Hex;
  level: number;
  /** Chain seconds; 0 = never expires. */
  expiresAt: number;
  data: Record<string, unknown>;
  payload: string;
  salt: Hex;
  dataHash: Hex;
}

/**
 * Commits the citizen's data with a fresh salt (or the one given): payload = canonical JSON of
 * `data`, dataHash = keccak256(abi.encode(salt, payload)). Only dataHash goes on chain.
 */
export function prepareAttestation(
  input: Pick<PreparedAttestation, "subject" | "claimType" | "level" | "expiresAt" | "data">,
  salt: Hex = randomBytes32(),
): PreparedAttestation {
  const { payload, dataHash } = commitCitizenData(salt, input.data);
  return { ...input, payload, salt, dataHash };
}

/** CitizenAttestations.attest's arguments (subject, claimType, dataHash, level, expiresAt). */
export const attestArgs = (a: PreparedAttestation) =>
  [a.subject, a.claimType, a.dataHash, a.level, BigInt(a.expiresAt)] as const;

/** What the chain said once the attestation was mined, and what the receipt calls the claim. */
export interface AttestationIssued {
  /** The claim type as the officer knows it: the CLI writes the name it was given, the console the description. */
  claim: string;
  uid: Hex;
  agencyId: number;
  chainId: number;
  /** The CitizenAttestations address. */
  contract: string;
  transactionHash: Hex;
}

/** The citizen's receipt: what opens the commitment. The console and the admin commands write the same file. */
export interface AttestationReceipt extends PreparedAttestation, AttestationIssued {
  version: 1;
  warning: string;
}

/** The receipt of a mined attestation, fields in a fixed order. */
export function attestationReceipt(prepared: PreparedAttestation, issued: AttestationIssued): AttestationReceipt {
  return {
    version: 1,
    warning: RECEIPT_WARNING,
    subject: prepared.subject,
    claim: issued.claim,
    claimType: prepared.claimType,
    level: prepared.level,
    expiresAt: prepared.expiresAt,
    data: prepared.data,
    payload: prepared.payload,
    salt: prepared.salt,
    dataHash: prepared.dataHash,
    uid: issued.uid,
    agencyId: issued.agencyId,
    chainId: issued.chainId,
    contract: issued.contract,
    transactionHash: issued.transactionHash,
  };
}

export const RECEIPT_WARNING =
  "Personal data and the salt that opens the on-chain commitment. Give this file to the citizen; do not publish or commit it.";

/** The receipt's file name: the citizen's short address and the claim, no personal data. */
export function attestationReceiptFileName(receipt: Pick<AttestationReceipt, "subject" | "uid">): string {
  return `layanan-atestasi-${receipt.subject.slice(2, 8).toLowerCase()}-${receipt.uid.slice(2, 10)}.json`;
}

/** True when the receipt's data and salt give the dataHash it claims (and so the one on chain). */
export function receiptOpens(receipt: Pick<AttestationReceipt, "salt" | "payload" | "dataHash" | "data">): boolean {
  return (
    canonicalJson(receipt.data) === receipt.payload &&
    commitment(receipt.salt, receipt.payload).toLowerCase() === receipt.dataHash.toLowerCase()
  );
}
