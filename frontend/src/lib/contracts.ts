import type { Abi } from "viem";

type AbiError = Extract<Abi[number], { type: "error" }>;
import { agencyDirectoryAbi, citizenAttestationsAbi, documentRegistryAbi, serviceRequestsAbi } from "@/generated/abis";
import { deployment } from "@/generated/deployment";

/** The four contracts of the current deployment (null when the network has none). */
export const contracts = deployment && {
  directory: { address: deployment.addresses.agencyDirectory, abi: agencyDirectoryAbi },
  attestations: { address: deployment.addresses.citizenAttestations, abi: citizenAttestationsAbi },
  requests: { address: deployment.addresses.serviceRequests, abi: serviceRequestsAbi },
  documents: { address: deployment.addresses.documentRegistry, abi: documentRegistryAbi },
};

export type Contracts = NonNullable<typeof contracts>;

/** The block to start log queries from. */
export const FROM_BLOCK = BigInt(deployment?.deployBlock ?? 0);

/** Every custom error of the suite, to decode a revert whichever contract raised it. */
export const allErrorsAbi: Abi = (() => {
  const seen = new Set<string>();
  const errors: AbiError[] = [];
  for (const abi of [
    agencyDirectoryAbi,
    citizenAttestationsAbi,
    serviceRequestsAbi,
    documentRegistryAbi,
  ] as readonly Abi[]) {
    for (const item of abi) {
      if (item.type === "error" && !seen.has(item.name)) {
        seen.add(item.name);
        errors.push(item);
      }
    }
  }
  return errors;
})();

export { OPEN_STATUSES, STATUS_NAMES, type StatusName } from "./status";

/** Document statuses returned by DocumentRegistry.verify. */
export const DOCUMENT_STATUS = ["Unknown", "Valid", "Revoked", "Expired"] as const;
