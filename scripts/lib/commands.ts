import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import {
  attestArgs,
  attestationReceipt,
  checkDocument,
  decodeCode,
  documentReceipts,
  isOpenService,
  issueProblem,
  loadCatalogue,
  loadOfficers,
  loadTransparency,
  parseReceipt,
  planIssue,
  qrFileName,
  qrSvg,
  verifyQueryOf,
  withSalts,
  plainText,
  prepareAttestation,
  receiptFileName,
  summarize,
  ZERO_HASH,
  type AttestationReceipt,
  type ParsedReceipt,
} from "@layanan/core";
import { fingerprintFile } from "@layanan/core/node";
import { getAddress, isAddress } from "ethers";
import { option, parseDuration, parseExpiry, parseInteger, requireOption, type Args } from "./args.js";
import { agencyIdOf, bytes32Code, claimTypeOf, localDir, requireOfficer, send, type Context } from "./context.js";
import { CsvError, parseCsv } from "./csv.js";
import { UserError } from "./manifest.js";
import { writePrivateFile, writePrivateJson } from "./private-files.js";
import { requestCommands } from "./requests-commands.js";
import { sponsorCommands } from "./sponsor-commands.js";

export interface Command {
  /** e.g. "agencies add". */
  name: string;
  usage: string;
  summary: string;
  /** Resolves to the exit code when it is not 0 (e.g. a document that does not verify). */
  run(ctx: Context, args: Args): Promise<void | number>;
}

function arg(args: Args, index: number, what: string): string {
  const value = args.positional[index];
  if (value === undefined) throw new UserError(`Missing ${what}.`);
  return value;
}

function address(text: string, what: string): string {
  if (!isAddress(text))
    throw new UserError(`${what} must be an address (0x followed by 40 hex digits), got "${text}".`);
  return getAddress(text);
}

function readJsonFile<T>(file: string, what: string): T {
  if (!existsSync(file)) throw new UserError(`${what} ${file} does not exist.`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new UserError(`${what} ${file} is not valid JSON (${(error as Error).message}).`);
  }
}

/** Receipts hold personal data and salts: owner-only (0600, a new folder 0700). */
function writeJson(file: string, value: unknown): void {
  writePrivateJson(file, value);
}

async function chainNow(ctx: Context): Promise<number> {
  const block = await ctx.connection.ethers.provider.getBlock("latest");
  return block?.timestamp ?? Math.floor(Date.now() / 1000);
}

const iso = (seconds: bigint | number) =>
  Number(seconds) === 0 ? "never" : new Date(Number(seconds) * 1000).toISOString();

// -------------------------------------------------------------------------------------------------
// Agencies and officers
// -------------------------------------------------------------------------------------------------

const agencies: Command[] = [
  {
    name: "agencies list",
    usage: "agencies list",
    summary: "List the agencies with their admin and state.",
    async run(ctx) {
      const { agencies } = await loadCatalogue(ctx.client, ctx.layanan);
      if (agencies.length === 0) ctx.out("No agencies yet.");
      for (const agency of agencies) {
        ctx.out(
          `${agency.id}\t${plainText(decodeCode(agency.code))}\t${plainText(agency.name)}\tadmin ${agency.admin}\t${agency.active ? "active" : "SUSPENDED"}`,
        );
      }
    },
  },
  {
    name: "agencies add",
    usage: "agencies add <CODE> <name> <admin-address>",
    summary: "Register an agency (governor).",
    async run(ctx, args) {
      const code = bytes32Code(arg(args, 0, "the agency code (e.g. DISDUKCAPIL)"));
      const name = arg(args, 1, "the agency name");
      const admin = address(arg(args, 2, "the admin address"), "The admin");
      const { result } = await send(ctx, ctx.contracts.directory, "registerAgency", [code, name, admin]);
      ctx.out(`Registered agency ${String(result)} ${decodeCode(code)} (${name}) with admin ${admin}.`);
    },
  },
  ...(["activate", "suspend"] as const).map((verb): Command => ({
    name: `agencies ${verb}`,
    usage: `agencies ${verb} <agency id or code>`,
    summary: verb === "activate" ? "Reactivate a suspended agency (governor)." : "Suspend an agency (governor).",
    async run(ctx, args) {
      const agencyId = await agencyIdOf(ctx, arg(args, 0, "the agency"));
      await send(ctx, ctx.contracts.directory, "setAgencyActive", [agencyId, verb === "activate"]);
      ctx.out(`Agency ${agencyId} is now ${verb === "activate" ? "active" : "suspended"}.`);
    },
  })),
  {
    name: "agencies set-admin",
    usage: "agencies set-admin <agency> <address>",
    summary: "Replace an agency's admin (governor).",
    async run(ctx, args) {
      const agencyId = await agencyIdOf(ctx, arg(args, 0, "the agency"));
      const admin = address(arg(args, 1, "the new admin address"), "The admin");
      await send(ctx, ctx.contracts.directory, "setAgencyAdmin", [agencyId, admin]);
      ctx.out(`Agency ${agencyId}'s admin is now ${admin}.`);
    },
  },
  {
    name: "officers list",
    usage: "officers list <agency>",
    summary: "List an agency's current officers (from the directory's events).",
    async run(ctx, args) {
      const agencyId = await agencyIdOf(ctx, arg(args, 0, "the agency"));
      const officers = await loadOfficers(ctx.client, ctx.layanan, agencyId);
      for (const officer of officers) ctx.out(officer.address);
      if (officers.length === 0) ctx.out(`Agency ${agencyId} has no officers.`);
    },
  },
  {
    name: "officers add",
    usage: "officers add <agency> <address>",
    summary: "Add an officer (governor or the agency's admin).",
    async run(ctx, args) {
      const agencyId = await agencyIdOf(ctx, arg(args, 0, "the agency"));
      const officer = address(arg(args, 1, "the officer address"), "The officer");
      await send(ctx, ctx.contracts.directory, "addOfficer", [agencyId, officer]);
      ctx.out(`${officer} is now an officer of agency ${agencyId}.`);
    },
  },
  {
    name: "officers remove",
    usage: "officers remove <address>",
    summary: "Remove an officer (governor or the agency's admin).",
    async run(ctx, args) {
      const officer = address(arg(args, 0, "the officer address"), "The officer");
      await send(ctx, ctx.contracts.directory, "removeOfficer", [officer]);
      ctx.out(`${officer} is no longer an officer.`);
    },
  },
];

// -------------------------------------------------------------------------------------------------
// Claim types and trusted issuers
// -------------------------------------------------------------------------------------------------

const claims: Command[] = [
  {
    name: "claims list",
    usage: "claims list",
    summary: "List the claim types and the agencies trusted to issue them.",
    async run(ctx) {
      const { claimTypes } = await loadCatalogue(ctx.client, ctx.layanan);
      if (claimTypes.length === 0) ctx.out("No claim types yet.");
      for (const claimType of claimTypes) {
        ctx.out(
          `${claimType.id}\t${plainText(claimType.description)}\ttrusted: ${claimType.issuers.join(", ") || "none"}`,
        );
      }
    },
  },
  {
    name: "claims add",
    usage: "claims add <NAME> <description>",
    summary: "Register a claim type keccak256(NAME) (governor).",
    async run(ctx, args) {
      const name = arg(args, 0, "the claim type name (e.g. KTP_VERIFIED)");
      const claimType = claimTypeOf(name);
      const description = arg(args, 1, "the description");
      await send(ctx, ctx.contracts.attestations, "registerClaimType", [claimType, description]);
      ctx.out(`Registered claim type ${name} = ${claimType}.`);
    },
  },
  ...(["trust", "distrust"] as const).map((verb): Command => ({
    name: `claims ${verb}`,
    usage: `claims ${verb} <NAME> <agency>`,
    summary: `${verb === "trust" ? "Trust" : "Stop trusting"} an agency as issuer of a claim type (governor).`,
    async run(ctx, args) {
      const claimType = claimTypeOf(arg(args, 0, "the claim type"));
      const agencyId = await agencyIdOf(ctx, arg(args, 1, "the agency"));
      await send(ctx, ctx.contracts.attestations, "setTrustedIssuer", [claimType, agencyId, verb === "trust"]);
      ctx.out(`Agency ${agencyId} is ${verb === "trust" ? "now" : "no longer"} trusted for ${args.positional[0]}.`);
    },
  })),
];

// -------------------------------------------------------------------------------------------------
// Services
// -------------------------------------------------------------------------------------------------

const services: Command[] = [
  {
    name: "services list",
    usage: "services list [--agency <agency>]",
    summary: "List the service catalogue.",
    async run(ctx, args) {
      const filter = option(args, "agency");
      const agencyId = filter === undefined ? undefined : await agencyIdOf(ctx, filter);
      const { services } = await loadCatalogue(ctx.client, ctx.layanan);
      const shown = services.filter((service) => agencyId === undefined || service.agencyId === agencyId);
      for (const service of shown) {
        const gate = isOpenService(service)
          ? "open to anyone"
          : `needs ${service.requiredClaim} level ${service.minLevel}`;
        ctx.out(
          `${service.id}\tagency ${service.agencyId}\t${plainText(decodeCode(service.code))}\t${plainText(service.name)}\tSLA ${service.slaSeconds / 3600} h\t${gate}\t${service.active ? "active" : "inactive"}`,
        );
      }
      if (shown.length === 0) ctx.out("No services.");
    },
  },
  {
    name: "services add",
    usage: "services add <agency> <CODE> <name> --sla <3d|24h|seconds> [--claim <NAME> --level <1-3>]",
    summary: "Add a service (agency admin or governor).",
    async run(ctx, args) {
      const agencyId = await agencyIdOf(ctx, arg(args, 0, "the agency"));
      const code = bytes32Code(arg(args, 1, "the service code"));
      const name = arg(args, 2, "the service name");
      const sla = parseDuration(requireOption(args, "sla", "the service level, e.g. 3d"));
      const claim = option(args, "claim");
      const requiredClaim = claim === undefined ? ZERO_HASH : claimTypeOf(claim);
      const minLevel =
        claim === undefined ? 0 : parseInteger(requireOption(args, "level", "the minimum level"), "--level", 1, 3);
      const { result } = await send(ctx, ctx.contracts.requests, "addService", [
        agencyId,
        code,
        name,
        sla,
        requiredClaim,
        minLevel,
      ]);
      ctx.out(`Added service ${String(result)} ${decodeCode(code)} (${name}) to agency ${agencyId}.`);
    },
  },
  ...(["activate", "deactivate"] as const).map((verb): Command => ({
    name: `services ${verb}`,
    usage: `services ${verb} <serviceId>`,
    summary: `${verb === "activate" ? "Open" : "Close"} a service to new requests (agency admin or governor).`,
    async run(ctx, args) {
      const serviceId = parseInteger(arg(args, 0, "the service id"), "The service id", 1);
      await send(ctx, ctx.contracts.requests, "setServiceActive", [serviceId, verb === "activate"]);
      ctx.out(`Service ${serviceId} is now ${verb === "activate" ? "active" : "inactive"}.`);
    },
  })),
];

// -------------------------------------------------------------------------------------------------
// Attestations
// -------------------------------------------------------------------------------------------------

async function attestOne(
  ctx: Context,
  subject: string,
  claim: string,
  level: number,
  expiresAt: number,
  data: Record<string, unknown>,
): Promise<AttestationReceipt> {
  const prepared = prepareAttestation({
    subject: subject as `0x${string}`,
    claimType: claimTypeOf(claim),
    level,
    expiresAt,
    data,
  });
  const { result, receipt } = await send(ctx, ctx.contracts.attestations, "attest", [...attestArgs(prepared)]);
  return attestationReceipt(prepared, {
    claim,
    uid: String(result) as `0x${string}`,
    agencyId: Number(await ctx.contracts.directory.activeAgencyOf(ctx.signer.address)),
    chainId: ctx.manifest.chainId,
    contract: ctx.manifest.contracts.CitizenAttestations.address,
    transactionHash: receipt.hash as `0x${string}`,
  });
}

function readCitizenData(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new UserError(`The data file ${file} does not exist.`);
  if (file.endsWith(".csv")) {
    const { rows } = parseCsvFile(file);
    if (rows.length !== 1)
      throw new UserError(`${file} must hold exactly one data row for attest (use attest-bulk for more).`);
    return rows[0].values;
  }
  const data = readJsonFile<unknown>(file, "The data file");
  if (data === null || typeof data !== "object" || Array.isArray(data) || Object.keys(data).length === 0) {
    throw new UserError(`${file} must hold a JSON object with the citizen's data, e.g. {"nik": "...", "name": "..."}.`);
  }
  return data as Record<string, unknown>;
}

function parseCsvFile(file: string) {
  try {
    return parseCsv(readFileSync(file, "utf8"));
  } catch (error) {
    if (error instanceof CsvError) throw new UserError(`Malformed CSV ${file}, ${error.message}; nothing was sent.`);
    throw error;
  }
}

const receiptsDir = () => path.join(localDir(), "receipts");

const attestations: Command[] = [
  {
    name: "attest",
    usage:
      "attest <subject> --claim <NAME> --level <1-3> --data <file.json|file.csv> [--expires <date|365d>] [--out <receipt.json>]",
    summary: "Attest a claim: the data is committed with a fresh salt locally; only the commitment is sent.",
    async run(ctx, args) {
      const subject = address(arg(args, 0, "the citizen's address"), "The subject");
      const claim = requireOption(args, "claim", "the claim type name");
      const level = parseInteger(requireOption(args, "level", "the assurance level 1-3"), "--level", 1, 3);
      const data = readCitizenData(requireOption(args, "data", "the citizen's data file"));
      const expiresAt = parseExpiry(option(args, "expires"), await chainNow(ctx));
      await requireOfficer(ctx);
      const receipt = await attestOne(ctx, subject, claim, level, expiresAt, data);
      const out = option(args, "out") ?? path.join(receiptsDir(), `attestation-${receipt.uid.slice(2, 14)}.json`);
      writeJson(out, receipt);
      ctx.out(`Attested ${claim} level ${level} for ${subject}: uid ${receipt.uid}.`);
      ctx.out(`The citizen's receipt (data and salt, keep it private) is in ${out}.`);
    },
  },
  {
    name: "attest-bulk",
    usage: "attest-bulk <file.csv> --claim <NAME> --level <1-3> [--expires <date|365d>] [--out <folder>]",
    summary: "Attest many citizens from a CSV with a `subject` column; any bad row means nothing is sent.",
    async run(ctx, args) {
      const file = arg(args, 0, "the CSV file");
      if (!existsSync(file)) throw new UserError(`The CSV file ${file} does not exist.`);
      const claim = requireOption(args, "claim", "the claim type name");
      const claimType = claimTypeOf(claim);
      const level = parseInteger(requireOption(args, "level", "the assurance level 1-3"), "--level", 1, 3);
      const expiresAt = parseExpiry(option(args, "expires"), await chainNow(ctx));
      const { header, rows } = parseCsvFile(file);
      if (!header.includes("subject")) throw new UserError(`${file} needs a "subject" column; nothing was sent.`);
      if (header.length < 2)
        throw new UserError(`${file} needs at least one data column besides "subject"; nothing was sent.`);
      if (rows.length === 0) throw new UserError(`${file} has no rows; nothing was sent.`);

      const problems: string[] = [];
      const seen = new Map<string, number>();
      for (const row of rows) {
        const subject = row.values.subject;
        if (!isAddress(subject)) problems.push(`line ${row.line}: subject "${subject}" is not an address`);
        else {
          const key = getAddress(subject);
          if (seen.has(key)) problems.push(`line ${row.line}: subject ${key} is already on line ${seen.get(key)}`);
          seen.set(key, row.line);
        }
        for (const [column, value] of Object.entries(row.values)) {
          if (column !== "subject" && value === "") problems.push(`line ${row.line}: "${column}" is empty`);
        }
      }
      if (problems.length > 0)
        throw new UserError(`${problems.length} bad row(s) in ${file}; nothing was sent:\n  ${problems.join("\n  ")}`);
      await requireOfficer(ctx);
      if (!(await ctx.contracts.attestations.isClaimType(claimType)))
        throw new UserError(`Claim type ${claim} is not registered; nothing was sent.`);

      const outDir = option(args, "out") ?? receiptsDir();
      for (const row of rows) {
        const { subject, ...data } = row.values;
        const receipt = await attestOne(ctx, getAddress(subject), claim, level, expiresAt, data);
        writeJson(path.join(outDir, `attestation-${receipt.uid.slice(2, 14)}.json`), receipt);
        ctx.out(`line ${row.line}: attested ${getAddress(subject)} uid ${receipt.uid}`);
      }
      ctx.out(`Attested ${rows.length} citizen(s); receipts in ${outDir}.`);
    },
  },
];

// -------------------------------------------------------------------------------------------------
// Documents
// -------------------------------------------------------------------------------------------------

function documentFiles(target: string): string[] {
  if (!existsSync(target)) throw new UserError(`${target} does not exist.`);
  if (!statSync(target).isDirectory()) return [target];
  const files = readdirSync(target)
    .filter((name) => !name.startsWith(".") && !name.endsWith(".receipt.json") && !name.endsWith(".qr.svg"))
    .map((name) => path.join(target, name))
    .filter((file) => statSync(file).isFile())
    .sort();
  if (files.length === 0) throw new UserError(`The folder ${target} has no files to issue.`);
  return files;
}

const besideOrIn = (name: (file: string) => string, file: string, outDir?: string) =>
  outDir === undefined ? name(file) : path.join(outDir, name(path.basename(file)));

/** The dApp's verify page, which share links and QR codes open (LAYANAN_DAPP_URL, default the local dApp). */
export function verifyUrl(): string {
  return `${(process.env.LAYANAN_DAPP_URL ?? "http://localhost:3000").replace(/\/+$/, "")}/verify`;
}

function loadReceipt(file: string, receiptFile: string | undefined): ParsedReceipt | undefined {
  const candidate = receiptFile ?? receiptFileName(file);
  if (receiptFile === undefined && !existsSync(candidate)) return undefined;
  const parsed = parseReceipt(JSON.stringify(readJsonFile<unknown>(candidate, "The receipt")));
  if (!parsed.ok) {
    throw new UserError(`${candidate} is not a document receipt (fingerprint, root and proof are needed).`);
  }
  return parsed.receipt;
}

async function documentTypeDescription(ctx: Context, docType: `0x${string}`): Promise<string> {
  return plainText(await ctx.contracts.documents.documentTypeDescription(docType));
}

const documents: Command[] = [
  {
    name: "documents types",
    usage: "documents types",
    summary: "List the document types and the agencies trusted to issue them.",
    async run(ctx) {
      const { documentTypes } = await loadCatalogue(ctx.client, ctx.layanan);
      if (documentTypes.length === 0) ctx.out("No document types yet.");
      for (const type of documentTypes) {
        ctx.out(`${type.id}\t${plainText(type.description)}\ttrusted: ${type.issuers.join(", ") || "none"}`);
      }
    },
  },
  {
    name: "documents add-type",
    usage: "documents add-type <NAME> <description>",
    summary: "Register a document type keccak256(NAME), e.g. AKTA_KELAHIRAN (governor).",
    async run(ctx, args) {
      const name = arg(args, 0, "the document type name (e.g. AKTA_KELAHIRAN)");
      const docType = claimTypeOf(name);
      const description = arg(args, 1, "the description");
      await send(ctx, ctx.contracts.documents, "registerDocumentType", [docType, description]);
      ctx.out(`Registered document type ${name} = ${docType}.`);
    },
  },
  ...(["trust", "distrust"] as const).map((verb): Command => ({
    name: `documents ${verb}`,
    usage: `documents ${verb} <NAME> <agency>`,
    summary: `${verb === "trust" ? "Trust" : "Stop trusting"} an agency to issue a document type (governor).`,
    async run(ctx, args) {
      const docType = claimTypeOf(arg(args, 0, "the document type"));
      const agencyId = await agencyIdOf(ctx, arg(args, 1, "the agency"));
      await send(ctx, ctx.contracts.documents, "setTrustedDocumentIssuer", [docType, agencyId, verb === "trust"]);
      ctx.out(
        `Agency ${agencyId} is ${verb === "trust" ? "now" : "no longer"} trusted to issue ${args.positional[0]}.`,
      );
    },
  })),
  {
    name: "documents issue",
    usage: "documents issue <file|folder> --type <NAME> [--public] [--expires <date|365d>] [--out <folder>]",
    summary:
      "Issue: a file singly, a folder as one Merkle batch. Salted anchors (personal data) unless --public; " +
      "writes a receipt and a QR code per file.",
    async run(ctx, args) {
      const target = arg(args, 0, "the file or folder to issue");
      const paths = documentFiles(target);
      const batch = statSync(target).isDirectory();
      const docType = claimTypeOf(requireOption(args, "type", "the document type, e.g. AKTA_KELAHIRAN"));
      const personal = args.options.get("public") !== true;
      const expiresAt = parseExpiry(option(args, "expires"), await chainNow(ctx));
      const agencyId = await requireOfficer(ctx);
      const outDir = option(args, "out");
      const unsalted = paths.map((file) => ({ name: path.basename(file), fingerprint: fingerprintFile(file) }));
      if (issueProblem(unsalted)?.kind === "sameContent")
        throw new UserError(`Two files in ${target} have the same content; nothing was sent.`);
      const files = withSalts(unsalted, personal);
      const plan = planIssue(files, { batch });
      const { receipt } =
        plan.kind === "single"
          ? await send(ctx, ctx.contracts.documents, "issue", [plan.anchor, docType, expiresAt])
          : await send(ctx, ctx.contracts.documents, "issueBatch", [plan.root, plan.count, docType, expiresAt]);
      const receipts = documentReceipts(files, plan, {
        docType,
        registry: ctx.manifest.contracts.DocumentRegistry.address,
        chainId: ctx.manifest.chainId,
        agencyId,
        expiresAt,
        transactionHash: receipt.hash as `0x${string}`,
        verifyUrl: verifyUrl(),
      });
      receipts.forEach((documentReceipt, i) => {
        writeJson(besideOrIn(receiptFileName, paths[i], outDir), documentReceipt);
        writePrivateFile(besideOrIn(qrFileName, paths[i], outDir), qrSvg(documentReceipt.link!));
      });
      const kind = personal
        ? "salted (personal data: verifying needs the receipt or the QR code)"
        : "public (the file alone verifies)";
      if (plan.kind === "single") {
        ctx.out(
          `Issued ${files[0].name} as ${await documentTypeDescription(ctx, docType)}, ${kind}: anchor ${plan.anchor}; ` +
            `receipt ${besideOrIn(receiptFileName, paths[0], outDir)}, QR code ${besideOrIn(qrFileName, paths[0], outDir)}.`,
        );
        return;
      }
      ctx.out(
        `Issued ${files.length} documents as batch ${plan.root}, ${kind}; receipts and QR codes beside ${outDir === undefined ? "each file" : `them in ${outDir}`}.`,
      );
    },
  },
  {
    name: "documents verify",
    usage: "documents verify <file> [--receipt <file.receipt.json>]",
    summary: "Check a file against the registry (exit code 0 only when Valid). Uses <file>.receipt.json when present.",
    async run(ctx, args) {
      const file = arg(args, 0, "the file to verify");
      if (!existsSync(file)) throw new UserError(`The file ${file} does not exist.`);
      const receipt = loadReceipt(file, option(args, "receipt"));
      const value = fingerprintFile(file);
      if (receipt !== undefined && receipt.fingerprint.toLowerCase() !== value.toLowerCase()) {
        ctx.out(
          `Unknown: the receipt is for another file (fingerprint ${receipt.fingerprint}, this file is ${value}).`,
        );
        return 1;
      }
      const check = await checkDocument(
        ctx.client,
        ctx.layanan,
        verifyQueryOf({
          fingerprint: value,
          salt: receipt?.salt ?? null,
          root: receipt?.root ?? ZERO_HASH,
          proof: receipt?.proof ?? [],
        }),
      );
      if (check.status === "Unknown")
        ctx.out(
          receipt
            ? `Unknown: ${value} was not issued under this receipt.`
            : `Unknown: ${value} was not issued as a public document. A document issued in a batch or with personal data needs its receipt (--receipt) or its QR code.`,
        );
      else {
        ctx.out(
          `${check.status}: ${plainText(check.docTypeDescription ?? "document")}, issued by ${plainText(check.agencyName ?? "?")} (agency ${check.agencyId}) on ${iso(check.issuedAt)}, expires ${iso(check.expiresAt)}.`,
        );
      }
      return check.status === "Valid" ? 0 : 1;
    },
  },
  {
    name: "documents revoke",
    usage: "documents revoke <file> [--receipt <file.receipt.json>] [--reason <CODE>]",
    summary: "Revoke one issued document everywhere (an officer of the issuing agency, or the governor).",
    async run(ctx, args) {
      const file = arg(args, 0, "the file to revoke");
      if (!existsSync(file)) throw new UserError(`The file ${file} does not exist.`);
      const receipt = loadReceipt(file, option(args, "receipt"));
      const value = fingerprintFile(file);
      if (receipt !== undefined && receipt.fingerprint.toLowerCase() !== value.toLowerCase()) {
        throw new UserError(`The receipt is for another file; nothing was sent.`);
      }
      const query = verifyQueryOf({
        fingerprint: value,
        salt: receipt?.salt ?? null,
        root: receipt?.root ?? ZERO_HASH,
        proof: receipt?.proof ?? [],
      });
      const reason = bytes32Code(option(args, "reason") ?? "REVOKED");
      await send(ctx, ctx.contracts.documents, "revoke", [query.anchor, query.root, query.proof, reason]);
      ctx.out(`Revoked ${path.basename(file)} (${query.anchor}).`);
    },
  },
];

// -------------------------------------------------------------------------------------------------
// Requests and figures
// -------------------------------------------------------------------------------------------------

const requests: Command[] = [
  ...requestCommands,
  {
    name: "stats",
    usage: "stats [--agency <agency>]",
    summary: "The transparency figures of each agency, with the IKM score and grade.",
    async run(ctx, args) {
      const filter = option(args, "agency");
      const only = filter === undefined ? undefined : await agencyIdOf(ctx, filter);
      const reports = (await loadTransparency(ctx.client, ctx.layanan)).filter(
        (r) => only === undefined || r.id === only,
      );
      if (reports.length === 0) ctx.out("No agencies yet.");
      for (const { id, name, active, stats: s } of reports) {
        const { onTimePercent, averageResolutionSeconds, ikm } = summarize(s);
        const onTime = onTimePercent === null ? "-" : `${onTimePercent.toFixed(0)}%`;
        const average = averageResolutionSeconds === null ? "-" : `${(averageResolutionSeconds / 3600).toFixed(1)} h`;
        ctx.out(`${id} ${plainText(name)}${active ? "" : " (suspended)"}`);
        ctx.out(
          `  submitted ${s.submitted}, open ${s.open}, completed ${s.completed} (on time ${onTime}, average ${average}), rejected ${s.rejected}, cancelled ${s.cancelled}, duplicates ${s.duplicates}, escalated ${s.escalated}`,
        );
        ctx.out(
          `  IKM ${ikm === null ? "- (no ratings yet)" : `${ikm.value.toFixed(2)} grade ${ikm.grade} from ${s.ratingCount} rating(s)`}`,
        );
      }
    },
  },
];

export const COMMANDS: Command[] = [
  ...agencies,
  ...claims,
  ...services,
  ...attestations,
  ...documents,
  ...requests,
  ...sponsorCommands,
];
