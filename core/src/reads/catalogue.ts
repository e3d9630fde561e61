/**
 * The catalogue: every service, agency and claim type (with its trusted issuers), and whether a
 * citizen may use each service now. Read over a viem public client.
 */
import type { Hex, PublicClient } from "viem";
import { isZeroHash } from "../commitment.ts";
import type { Layanan } from "../contracts.ts";

const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

export interface ServiceInfo {
  id: number;
  agencyId: number;
  code: Hex;
  name: string;
  slaSeconds: number;
  requiredClaim: Hex;
  minLevel: number;
  active: boolean;
}

export interface AgencyInfo {
  id: number;
  code: Hex;
  name: string;
  admin: `0x${string}`;
  active: boolean;
}

export interface ClaimTypeInfo {
  id: Hex;
  description: string;
  /** Agencies trusted to issue this claim type. */
  issuers: number[];
}

/** A document type (DocumentRegistry), with the agencies trusted to issue it. */
export type DocumentTypeInfo = ClaimTypeInfo;

export interface Catalogue {
  services: ServiceInfo[];
  agencies: AgencyInfo[];
  claimTypes: ClaimTypeInfo[];
  documentTypes: DocumentTypeInfo[];
}

/** A service with no required claim is open to any account. */
export const isOpenService = (service: Pick<ServiceInfo, "requiredClaim">) => isZeroHash(service.requiredClaim);

/** Every service, agency, claim type and document type (each type with its trusted issuers). */
export async function loadCatalogue(client: PublicClient, { contracts: c }: Layanan): Promise<Catalogue> {
  const [serviceCount, agencyCount, claimTypeIds, documentTypeIds] = await Promise.all([
    client.readContract({ ...c.requests, functionName: "serviceCount" }),
    client.readContract({ ...c.directory, functionName: "agencyCount" }),
    client.readContract({ ...c.attestations, functionName: "claimTypes" }),
    client.readContract({ ...c.documents, functionName: "documentTypes" }),
  ]);
  const [services, agencies, claimTypes, documentTypes] = await Promise.all([
    Promise.all(
      range(Number(serviceCount)).map(async (id): Promise<ServiceInfo> => {
        const s = await client.readContract({ ...c.requests, functionName: "getService", args: [id] });
        return {
          id,
          agencyId: Number(s.agencyId),
          code: s.code,
          name: s.name,
          slaSeconds: Number(s.slaSeconds),
          requiredClaim: s.requiredClaim,
          minLevel: Number(s.minLevel),
          active: s.active,
        };
      }),
    ),
    Promise.all(
      range(Number(agencyCount)).map(async (id): Promise<AgencyInfo> => {
        const a = await client.readContract({ ...c.directory, functionName: "getAgency", args: [id] });
        return { id, code: a.code, name: a.name, admin: a.admin, active: a.active };
      }),
    ),
    Promise.all(
      claimTypeIds.map(async (id): Promise<ClaimTypeInfo> => {
        const [description, issuers] = await Promise.all([
          client.readContract({ ...c.attestations, functionName: "claimTypeDescription", args: [id] }),
          client.readContract({ ...c.attestations, functionName: "trustedIssuers", args: [id] }),
        ]);
        return { id, description, issuers: issuers.map(Number).sort((a, b) => a - b) };
      }),
    ),
    Promise.all(
      documentTypeIds.map(async (id): Promise<DocumentTypeInfo> => {
        const [description, trusted] = await Promise.all([
          client.readContract({ ...c.documents, functionName: "documentTypeDescription", args: [id] }),
          Promise.all(
            range(Number(agencyCount)).map((agencyId) =>
              client.readContract({ ...c.documents, functionName: "isTrustedDocumentIssuer", args: [id, agencyId] }),
            ),
          ),
        ]);
        return { id, description, issuers: trusted.flatMap((isTrusted, i) => (isTrusted ? [i + 1] : [])) };
      }),
    ),
  ]);
  return { services, agencies, claimTypes, documentTypes };
}

export const findAgency = (catalogue: Catalogue | undefined, id: number) =>
  catalogue?.agencies.find((a) => a.id === id);
export const findService = (catalogue: Catalogue | undefined, id: number) =>
  catalogue?.services.find((s) => s.id === id);
export const findClaimType = (catalogue: Catalogue | undefined, id: Hex) =>
  catalogue?.claimTypes.find((ct) => ct.id.toLowerCase() === id.toLowerCase());
export const findDocumentType = (catalogue: Catalogue | undefined, id: Hex) =>
  catalogue?.documentTypes.find((dt) => dt.id.toLowerCase() === id.toLowerCase());

/** For each service that needs a claim: whether `citizen` holds it at the service's level now. */
export async function loadEligibility(
  client: PublicClient,
  { contracts: c }: Layanan,
  citizen: `0x${string}`,
  services: ServiceInfo[],
): Promise<Record<number, boolean>> {
  const entries = await Promise.all(
    services.map(async (service): Promise<[number, boolean]> => {
      if (isOpenService(service)) return [service.id, true];
      const ok = await client.readContract({
        ...c.attestations,
        functionName: "hasValidClaim",
        args: [citizen, service.requiredClaim, service.minLevel],
      });
      return [service.id, ok];
    }),
  );
  return Object.fromEntries(entries);
}
