/**
 * A document's status as DocumentRegistry.verify gives it, with the issuing agency's name and, for
 * a revoked one, the reason and time of its revocation. Read over a viem public client.
 */
import type { Hex, PublicClient } from "viem";
import { ZERO_HASH } from "../commitment.ts";
import type { Layanan } from "../contracts.ts";
import { decodeReason, DOCUMENT_STATUS, type DocumentStatusName, type VerifyQuery } from "../documents.ts";
import { eventsNewestFirst, type ReadWindowOptions } from "./logs.ts";

export interface Revocation {
  reason: { code: string; readable: string } | null;
  /** When it was revoked (unix seconds), null when unknown. */
  at: number | null;
  /** True when the whole batch was withdrawn rather than this document alone. */
  wholeBatch: boolean;
}

export interface DocumentCheck {
  query: VerifyQuery;
  status: DocumentStatusName;
  agencyId: number;
  /** The issuing agency's name, null when it could not be read. */
  agencyName: string | null;
  /** Unix seconds; 0 when Unknown. */
  issuedAt: number;
  /** Unix seconds; 0 = never expires. */
  expiresAt: number;
  /** The document type (zero hash when Unknown) and its description (null when it could not be read). */
  docType: Hex;
  docTypeDescription: string | null;
  /** Only for Revoked; null when the revocation event could not be read. */
  revocation: Revocation | null;
}

async function blockTime(client: PublicClient, blockNumber: bigint | null): Promise<number | null> {
  if (blockNumber === null) return null;
  try {
    return Number((await client.getBlock({ blockNumber })).timestamp);
  } catch {
    return null;
  }
}

/**
 * The reason and time of a revocation: the newest DocumentRevoked event of the anchor (under
 * whichever root it was revoked: a revoked anchor is revoked everywhere) or BatchRevoked event of
 * its batch's root, read newest first in windows of blocks, stopping at the first one found.
 */
export async function findRevocation(
  client: PublicClient,
  { contracts: { documents }, fromBlock }: Layanan,
  query: VerifyQuery,
  options: ReadWindowOptions = {},
): Promise<Revocation | null> {
  const filters =
    query.root !== ZERO_HASH
      ? ([
          { eventName: "DocumentRevoked", args: { documentHash: query.anchor } },
          { eventName: "BatchRevoked", args: { root: query.root } },
        ] as const)
      : ([{ eventName: "DocumentRevoked", args: { documentHash: query.anchor } }] as const);
  try {
    for await (const window of eventsNewestFirst(client, { ...documents, filters }, { fromBlock, ...options })) {
      const hit = window.logs[0];
      if (hit)
        return {
          reason: decodeReason(hit.args.reason),
          at: await blockTime(client, hit.blockNumber),
          wholeBatch: hit.eventName === "BatchRevoked",
        };
    }
  } catch {
    // The RPC refused even one block's logs, or is down: the status still stands without its reason.
  }
  return null;
}

/** Asks DocumentRegistry.verify about a fingerprint (and its batch root and proof). */
export async function checkDocument(
  client: PublicClient,
  layanan: Layanan,
  query: VerifyQuery,
  options: ReadWindowOptions = {},
): Promise<DocumentCheck> {
  const { documents, directory } = layanan.contracts;
  const [status, agencyId, issuedAt, expiresAt, docType] = await client.readContract({
    address: documents.address,
    abi: documents.abi,
    functionName: "verify",
    args: [query.anchor, query.root, query.proof],
  });
  const name = DOCUMENT_STATUS[status] ?? "Unknown";
  const check: DocumentCheck = {
    query,
    status: name,
    agencyId,
    agencyName: null,
    issuedAt: Number(issuedAt),
    expiresAt: Number(expiresAt),
    docType,
    docTypeDescription: null,
    revocation: null,
  };
  if (name === "Unknown") return check;
  const [agency, description, revocation] = await Promise.all([
    client
      .readContract({ address: directory.address, abi: directory.abi, functionName: "getAgency", args: [agencyId] })
      .catch(() => null),
    client.readContract({ ...documents, functionName: "documentTypeDescription", args: [docType] }).catch(() => null),
    name === "Revoked" ? findRevocation(client, layanan, query, options) : Promise.resolve(null),
  ]);
  check.agencyName = agency?.name ?? null;
  check.docTypeDescription = description || null;
  check.revocation = revocation;
  return check;
}
