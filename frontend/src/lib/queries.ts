/**
 * Every query of the dApp's reads is keyed [LAYANAN_KEY, chainId, family, ...], so that a write can
 * invalidate exactly the families it affects (see useWrite) and nothing else.
 */
import type { Query } from "@tanstack/react-query";
import type { Contracts } from "./contracts";
import { chain } from "./chain";

export const LAYANAN_KEY = "layanan";

export type QueryFamily =
  /** Services, agencies, claim and document types and their issuers. */
  | "catalogue"
  /** Which services a citizen may use now. */
  | "eligibility"
  /** The attestations about an account. */
  | "claims"
  /** A citizen's claim for one service, as the console shows it. */
  | "citizenClaim"
  /** Lists of requests: a citizen's, an agency's queue. */
  | "requests"
  /** One request with its timeline. */
  | "request"
  /** What the connected wallet may do (agency, officer, admin, governor). */
  | "role"
  /** An agency's officers. */
  | "officers";

export const queryKey = (family: QueryFamily, ...rest: readonly unknown[]) =>
  [LAYANAN_KEY, chain.id, family, ...rest] as const;

/**
 * The families a write to each contract affects. Suspending an agency changes the validity of its
 * attestations (claims, eligibility); adding a service changes the catalogue; trusting an issuer
 * changes the catalogue and every claim of that type; registering a document type or trusting its
 * issuers changes the catalogue (the document types the issue form offers).
 */
export const AFFECTED: Record<keyof Contracts, readonly QueryFamily[]> = {
  directory: ["catalogue", "role", "officers", "claims", "eligibility", "citizenClaim"],
  attestations: ["catalogue", "claims", "eligibility", "citizenClaim"],
  requests: ["catalogue", "requests", "request"],
  documents: ["catalogue"],
};

/**
 * Whether a query is one a write of these families must refetch: one of the families on this chain,
 * or wagmi's latest block (the chain's "now", which the overdue rule and the forms' expiry use).
 */
export function isAffected(query: Pick<Query, "queryKey">, families: readonly QueryFamily[]): boolean {
  const [root, chainId, family] = query.queryKey as readonly unknown[];
  if (root === "block") return true;
  return root === LAYANAN_KEY && chainId === chain.id && families.includes(family as QueryFamily);
}
