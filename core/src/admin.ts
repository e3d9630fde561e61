/**
 * What the governor and the agency admins register, as pure functions: short codes (agency and
 * service codes as bytes32, as ethers' encodeBytes32String writes them), claim type names and their
 * hashes, the service level in days, the contracts' limits as form checks, and an agency's current
 * officers folded from the directory's events. The console's admin pages and the admin commands
 * use them; the tests are test/ConsoleAdmin.ts.
 */
import { hexToBytes, isAddress, keccak256, stringToBytes, stringToHex, type Hex } from "viem";
import { ZERO_HASH } from "./commitment.ts";
import { utf8Length } from "./text.ts";

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

/** A code is stored as bytes32 with a terminating zero: at most 31 bytes of UTF-8 text. */
export const MAX_CODE_BYTES = 31;

export type CodeProblem = "codeEmpty" | "codeTooLong";

/** What is wrong with a code typed in a form (surrounding spaces are ignored), or null. */
export function codeProblem(text: string): CodeProblem | null {
  const code = text.trim();
  if (code === "") return "codeEmpty";
  if (utf8Length(code) > MAX_CODE_BYTES) return "codeTooLong";
  return null;
}

/**
 * A code as bytes32, exactly as the CLI's bytes32Code and ethers' encodeBytes32String write it
 * (UTF-8, right-padded with zeros). Throws for a code that codeProblem rejects.
 */
export function encodeCode(text: string): Hex {
  const problem = codeProblem(text);
  if (problem) throw new Error(`A code must be 1 to ${MAX_CODE_BYTES} bytes, got "${text}" (${problem}).`);
  return stringToHex(text.trim(), { size: 32 });
}

/**
 * A bytes32 code as text (the zero padding dropped), as ethers' decodeBytes32String reads it; the
 * hex itself when it is not zero-padded UTF-8 text.
 */
export function decodeCode(code: Hex): string {
  const bytes = hexToBytes(code);
  const end = bytes.indexOf(0) === -1 ? bytes.length : bytes.indexOf(0);
  if (bytes.length !== 32 || bytes.subarray(end).some((b) => b !== 0)) return code;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
  } catch {
    return code;
  }
}

/** Codes are easiest to read and type in UPPER_SNAKE_CASE (e.g. KTP_EL, DISDUKCAPIL). */
export const isUpperSnake = (text: string) => /^[A-Z0-9]+(_[A-Z0-9]+)*$/.test(text.trim());

/**
 * An UPPER_SNAKE_CASE suggestion for what was typed ("Izin usaha mikro" -> "IZIN_USAHA_MIKRO"):
 * letters without accents, digits, one underscore between words. Empty when nothing is left.
 */
export function suggestCode(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

// ---------------------------------------------------------------------------------------------
// Claim types
// ---------------------------------------------------------------------------------------------

export type ClaimNameProblem = "claimNameEmpty" | "claimNameFormat";

/** A claim type's name as the CLI takes it: UPPER_SNAKE_CASE letters, digits and _, 2 to 64 characters. */
export function claimNameProblem(name: string): ClaimNameProblem | null {
  if (name.trim() === "") return "claimNameEmpty";
  return /^[A-Z0-9_]{2,64}$/.test(name) ? null : "claimNameFormat";
}

/** A claim type is keccak256 of its name's UTF-8 bytes (ethers' id(name)). Throws for a bad name. */
export function claimTypeOf(name: string): Hex {
  const problem = claimNameProblem(name);
  if (problem) throw new Error(`"${name}" is not a claim type name (UPPER_SNAKE_CASE, 2 to 64 characters).`);
  return keccak256(stringToBytes(name));
}

/** A document type is named and hashed as a claim type is (e.g. keccak256("AKTA_KELAHIRAN")). */
export const documentTypeOf = claimTypeOf;

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

export const DAY_SECONDS = 24 * 60 * 60;
/** ServiceRequests.MAX_SLA_SECONDS is 366 days. */
export const MAX_SLA_DAYS = 366;
/** Agency and service names: ServiceRequests and AgencyDirectory MAX_NAME_LENGTH. */
export const MAX_NAME_BYTES = 128;
/** Claim type descriptions: CitizenAttestations.MAX_DESCRIPTION_LENGTH. */
export const MAX_DESCRIPTION_BYTES = 280;
export const MAX_LEVEL = 3;
/** CitizenAttestations.MAX_ISSUERS: at most this many agencies trusted for one claim type (AttestationsTooManyIssuers). */
export const MAX_CLAIM_ISSUERS = 7;

/** A service level typed as a whole number of days (1..366) in seconds, or null when it is not one. */
export function slaDaysToSeconds(days: string | number): number | null {
  const text = String(days).trim();
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  if (value < 1 || value > MAX_SLA_DAYS) return null;
  return value * DAY_SECONDS;
}

export type NameProblem = "nameEmpty" | "nameTooLong";

export function nameProblem(name: string, maxBytes = MAX_NAME_BYTES): NameProblem | null {
  if (name.trim() === "") return "nameEmpty";
  return utf8Length(name.trim()) > maxBytes ? "nameTooLong" : null;
}

export interface ServiceFormValues {
  code: string;
  name: string;
  slaDays: string;
  /** A registered claim type, or ZERO_HASH for "open to any wallet". */
  claim: Hex;
  /** "1".."3"; ignored for an open service. */
  level: string;
}

export type ServiceProblem = CodeProblem | NameProblem | "slaInvalid" | "levelInvalid";
export type ServiceProblems = Partial<Record<"code" | "name" | "slaDays" | "level", ServiceProblem>>;

export const isOpenClaim = (claim: Hex) => /^0x0{64}$/i.test(claim);

/** Each wrong field of the add-service form, by field; {} when the form can be sent. */
export function serviceProblems(values: ServiceFormValues): ServiceProblems {
  const problems: ServiceProblems = {};
  const code = codeProblem(values.code);
  if (code) problems.code = code;
  const name = nameProblem(values.name);
  if (name) problems.name = name;
  if (slaDaysToSeconds(values.slaDays) === null) problems.slaDays = "slaInvalid";
  if (!isOpenClaim(values.claim)) {
    const level = Number(values.level);
    if (!Number.isInteger(level) || level < 1 || level > MAX_LEVEL) problems.level = "levelInvalid";
  }
  return problems;
}

/**
 * ServiceRequests.addService's arguments for a checked form: the code as bytes32, the name trimmed,
 * the SLA in seconds, and level 0 for an open service (the contract requires it). Throws when the
 * form has a problem.
 */
export function addServiceArgs(
  agencyId: number,
  values: ServiceFormValues,
): readonly [number, Hex, string, number, Hex, number] {
  const problems = serviceProblems(values);
  const first = Object.values(problems)[0];
  if (first) throw new Error(`The service form is not complete: ${first}.`);
  const open = isOpenClaim(values.claim);
  return [
    agencyId,
    encodeCode(values.code),
    values.name.trim(),
    slaDaysToSeconds(values.slaDays)!,
    open ? ZERO_HASH : values.claim,
    open ? 0 : Number(values.level),
  ] as const;
}

// ---------------------------------------------------------------------------------------------
// Agencies and claim types (governor)
// ---------------------------------------------------------------------------------------------

export type AddressProblem = "addressEmpty" | "addressInvalid";

/** A wallet address typed in a form: 0x and 40 hex digits (mixed case must be a valid checksum). */
export function addressProblem(text: string): AddressProblem | null {
  const value = text.trim();
  if (value === "") return "addressEmpty";
  return isAddress(value) && !/^0x0{40}$/i.test(value) ? null : "addressInvalid";
}

export interface AgencyFormValues {
  code: string;
  name: string;
  admin: string;
}
export type AgencyProblems = Partial<Record<keyof AgencyFormValues, CodeProblem | NameProblem | AddressProblem>>;

export function agencyProblems(values: AgencyFormValues): AgencyProblems {
  const problems: AgencyProblems = {};
  const code = codeProblem(values.code);
  if (code) problems.code = code;
  const name = nameProblem(values.name);
  if (name) problems.name = name;
  const admin = addressProblem(values.admin);
  if (admin) problems.admin = admin;
  return problems;
}

export interface ClaimFormValues {
  name: string;
  description: string;
}
export type ClaimProblems = Partial<Record<keyof ClaimFormValues, ClaimNameProblem | NameProblem>>;

export function claimProblems(values: ClaimFormValues): ClaimProblems {
  const problems: ClaimProblems = {};
  const name = claimNameProblem(values.name);
  if (name) problems.name = name;
  const description = nameProblem(values.description, MAX_DESCRIPTION_BYTES);
  if (description) problems.description = description;
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Officers
// ---------------------------------------------------------------------------------------------

/**
 * The directory events that change an agency's officers, as viem's getContractEvents returns them.
 * AgencyAdminChanged matters too: an officer promoted to admin stops being an officer without an
 * OfficerRemoved event.
 */
export type OfficerEvent =
  | {
      eventName: "OfficerAdded" | "OfficerRemoved";
      args: { agencyId?: number; officer?: `0x${string}` };
      blockNumber?: bigint | null;
      logIndex?: number | null;
    }
  | {
      eventName: "AgencyAdminChanged";
      args: { agencyId?: number; newAdmin?: `0x${string}` };
      blockNumber?: bigint | null;
      logIndex?: number | null;
    };

export interface Officer {
  /** As the latest OfficerAdded event wrote it (checksummed when it comes from viem). */
  address: `0x${string}`;
  /** The block of the OfficerAdded event that made it an officer (again). */
  addedAtBlock: bigint | null;
}

/** Chain order (block, then log index) where both events carry it; 0 otherwise (keep the given order). */
function byChainOrder(a: OfficerEvent, b: OfficerEvent): number {
  const blockA = a.blockNumber ?? null;
  const blockB = b.blockNumber ?? null;
  if (blockA === null || blockB === null) return 0;
  if (blockA !== blockB) return blockA < blockB ? -1 : 1;
  const indexA = a.logIndex ?? null;
  const indexB = b.logIndex ?? null;
  return indexA === null || indexB === null ? 0 : indexA - indexB;
}

/**
 * An agency's current officers from its events: in the order they were (last) added, removed ones
 * dropped, re-added ones back at their new place, an officer promoted to admin dropped. Events of
 * other agencies are ignored when `agencyId` is given. Events are put in chain order (block, then
 * log index) first; events without a position keep the order given.
 */
export function foldOfficers(events: readonly OfficerEvent[], agencyId?: number): Officer[] {
  const current = new Map<string, Officer>();
  const ordered = events.map((event, index) => ({ event, index }));
  ordered.sort((a, b) => byChainOrder(a.event, b.event) || a.index - b.index);
  for (const { event } of ordered) {
    if (agencyId !== undefined && event.args.agencyId !== undefined && Number(event.args.agencyId) !== agencyId)
      continue;
    if (event.eventName === "AgencyAdminChanged") {
      if (event.args.newAdmin) current.delete(event.args.newAdmin.toLowerCase());
      continue;
    }
    const officer = event.args.officer;
    if (!officer) continue;
    const key = officer.toLowerCase();
    current.delete(key);
    if (event.eventName === "OfficerAdded")
      current.set(key, { address: officer, addedAtBlock: event.blockNumber ?? null });
  }
  return [...current.values()];
}
