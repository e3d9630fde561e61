/**
 * The public pages' reads: @layanan/core's, bound to the read-only client (no wallet code) and to
 * this deployment. A document's verdict is always the chain's (DocumentRegistry.verify); the reason
 * of a revocation comes from the indexer when there is one, else from the chain's events read in
 * windows of blocks, and where the two disagree on whether the document is revoked, the verdict
 * says so.
 */
import {
  checkDocument as coreCheckDocument,
  DOCUMENT_STATUS,
  type DocumentCheck,
  findRevocation,
  loadTransparency as coreLoadTransparency,
  type Revocation,
  type VerifyQuery,
} from "@layanan/core";
import { layanan } from "@/lib/contracts";
import { publicClient } from "@/lib/publicClient";
import {
  type DataSource,
  type FallbackReason,
  fromIndexerOrChain,
  indexer,
  LOG_WINDOW_BLOCKS,
} from "@/lib/reads/source";

export class NotDeployedError extends Error {
  constructor() {
    super("Layanan's contracts are not deployed on this network");
  }
}

function need() {
  if (!layanan) throw new NotDeployedError();
  return layanan;
}

/** How the index's record of a revocation compares with the chain's verdict. */
export type RevocationMismatch =
  /** The chain says Revoked, the index has no revocation (yet). */
  | "missingRevocation"
  /** The index has a revocation, the chain says the document is valid or expired. */
  | "unexpectedRevocation";

/** A document check with where its revocation's reason came from, and the index's agreement. */
export interface VerifiedDocument extends DocumentCheck {
  /** Where `revocation` was read (null: no revocation read). */
  revocationSource: DataSource | null;
  /** Why the chain was read although an indexer is configured. */
  fallback: FallbackReason | null;
  /** Null when the index agrees with the chain (or there is no index). */
  indexMismatch: RevocationMismatch | null;
}

const windows = { windowBlocks: LOG_WINDOW_BLOCKS };

/** DocumentRegistry.verify with the agency's name and the document type's description; no revocation read. */
async function verdictOnChain(query: VerifyQuery): Promise<DocumentCheck> {
  const { documents, directory } = need().contracts;
  const [status, agencyId, issuedAt, expiresAt, docType] = await publicClient.readContract({
    ...documents,
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
  const [agency, description] = await Promise.all([
    publicClient.readContract({ ...directory, functionName: "getAgency", args: [agencyId] }).catch(() => null),
    publicClient
      .readContract({ ...documents, functionName: "documentTypeDescription", args: [docType] })
      .catch(() => null),
  ]);
  check.agencyName = agency?.name ?? null;
  check.docTypeDescription = description || null;
  return check;
}

/**
 * Asks DocumentRegistry.verify about a fingerprint (and its batch root and proof); for a revoked
 * document, the reason and time from the indexer, else from the chain.
 */
export async function checkDocument(query: VerifyQuery): Promise<VerifiedDocument> {
  const deployment = need();
  if (!indexer) {
    const check = await coreCheckDocument(publicClient, deployment, query, windows);
    return { ...check, revocationSource: check.revocation ? "chain" : null, fallback: null, indexMismatch: null };
  }
  const [check, indexed] = await Promise.all([
    verdictOnChain(query),
    // undefined: not read from the index (it failed; the chain is read below when it matters).
    fromIndexerOrChain<Revocation | null | undefined>(
      publicClient,
      (ix) => ix.revocation(query),
      async () => undefined,
    ),
  ]);
  const revoked = check.status === "Revoked";
  const fromChain = async () => (revoked ? findRevocation(publicClient, deployment, query, windows) : null);
  if (indexed.source === "chain" || indexed.data === undefined) {
    const revocation = await fromChain();
    return {
      ...check,
      revocation,
      revocationSource: revocation ? "chain" : null,
      fallback: indexed.fallback,
      indexMismatch: null,
    };
  }
  const fromIndex = indexed.data;
  if (revoked && fromIndex)
    return { ...check, revocation: fromIndex, revocationSource: "indexer", fallback: null, indexMismatch: null };
  if (revoked) {
    // The chain says Revoked and the index knows no revocation yet: the chain's own record of it.
    const revocation = await fromChain();
    return {
      ...check,
      revocation,
      revocationSource: revocation ? "chain" : null,
      fallback: null,
      indexMismatch: "missingRevocation",
    };
  }
  // A revocation in the index for a document the chain holds valid (or expired): the chain's verdict stands.
  const contradicts = fromIndex !== null && (check.status === "Valid" || check.status === "Expired");
  return {
    ...check,
    revocation: null,
    revocationSource: null,
    fallback: null,
    indexMismatch: contradicts ? "unexpectedRevocation" : null,
  };
}

/** Every agency with its figures. */
export const loadTransparency = () => coreLoadTransparency(publicClient, need());
