/**
 * What the public pages read from the chain, through the read-only viem client (no wallet code).
 */
import { decodeCode } from "@/lib/console/admin";
import { contracts, DOCUMENT_STATUS, FROM_BLOCK } from "@/lib/contracts";
import { publicClient } from "@/lib/publicClient";
import { decodeReason, ZERO_HASH, type VerifyQuery } from "./documents";
import type { AgencyStats } from "./stats";

export type DocumentStatusName = (typeof DOCUMENT_STATUS)[number];

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
  /** Only for Revoked; null when the revocation event could not be read. */
  revocation: Revocation | null;
}

export class NotDeployedError extends Error {
  constructor() {
    super("Layanan's contracts are not deployed on this network");
  }
}

function need() {
  if (!contracts) throw new NotDeployedError();
  return contracts;
}

async function blockTime(blockNumber: bigint | null): Promise<number | null> {
  if (blockNumber === null) return null;
  try {
    return Number((await publicClient.getBlock({ blockNumber })).timestamp);
  } catch {
    return null;
  }
}

/** The reason and time of a revocation, from the DocumentRevoked (or, for a batch, BatchRevoked) event. */
async function findRevocation(query: VerifyQuery): Promise<Revocation | null> {
  const { documents } = need();
  try {
    const single = await publicClient.getContractEvents({
      address: documents.address,
      abi: documents.abi,
      eventName: "DocumentRevoked",
      args: { documentHash: query.fingerprint, root: query.root },
      fromBlock: FROM_BLOCK,
      strict: true,
    });
    const own = single.at(-1);
    if (own) return { reason: decodeReason(own.args.reason), at: await blockTime(own.blockNumber), wholeBatch: false };
    if (query.root !== ZERO_HASH) {
      const batch = await publicClient.getContractEvents({
        address: documents.address,
        abi: documents.abi,
        eventName: "BatchRevoked",
        args: { root: query.root },
        fromBlock: FROM_BLOCK,
        strict: true,
      });
      const all = batch.at(-1);
      if (all) return { reason: decodeReason(all.args.reason), at: await blockTime(all.blockNumber), wholeBatch: true };
    }
  } catch {
    // Some RPCs limit log queries; the status still stands without its reason.
  }
  return null;
}

/** Asks DocumentRegistry.verify about a fingerprint (and its batch root and proof). */
export async function checkDocument(query: VerifyQuery): Promise<DocumentCheck> {
  const { documents, directory } = need();
  const [status, agencyId, issuedAt, expiresAt] = await publicClient.readContract({
    address: documents.address,
    abi: documents.abi,
    functionName: "verify",
    args: [query.fingerprint, query.root, query.proof],
  });
  const name = DOCUMENT_STATUS[status] ?? "Unknown";
  const check: DocumentCheck = {
    query,
    status: name,
    agencyId,
    agencyName: null,
    issuedAt: Number(issuedAt),
    expiresAt: Number(expiresAt),
    revocation: null,
  };
  if (name === "Unknown") return check;
  const [agency, revocation] = await Promise.all([
    publicClient
      .readContract({ address: directory.address, abi: directory.abi, functionName: "getAgency", args: [agencyId] })
      .catch(() => null),
    name === "Revoked" ? findRevocation(query) : Promise.resolve(null),
  ]);
  check.agencyName = agency?.name ?? null;
  check.revocation = revocation;
  return check;
}

export interface AgencyReport {
  id: number;
  code: string;
  name: string;
  active: boolean;
  stats: AgencyStats;
}

/** Every agency with its figures (AgencyDirectory.getAgency and ServiceRequests.agencyStats). */
export async function loadTransparency(): Promise<AgencyReport[]> {
  const { directory, requests } = need();
  const count = await publicClient.readContract({
    address: directory.address,
    abi: directory.abi,
    functionName: "agencyCount",
  });
  const ids = Array.from({ length: Number(count) }, (_, i) => i + 1);
  return Promise.all(
    ids.map(async (id) => {
      const [agency, stats] = await Promise.all([
        publicClient.readContract({
          address: directory.address,
          abi: directory.abi,
          functionName: "getAgency",
          args: [id],
        }),
        publicClient.readContract({
          address: requests.address,
          abi: requests.abi,
          functionName: "agencyStats",
          args: [id],
        }),
      ]);
      return { id, code: decodeCode(agency.code), name: agency.name, active: agency.active, stats };
    }),
  );
}
