/**
 * The four Layanan contracts as viem sees them: their ABIs (generated from the compiled artifacts
 * by scripts/core-abis.ts), an address book, and every custom error of the suite in one ABI so a
 * revert is decoded whichever contract raised it.
 */
import type { Abi } from "viem";
import {
  agencyDirectoryAbi,
  citizenAccountAbi,
  citizenAccountFactoryAbi,
  citizenAttestationsAbi,
  documentRegistryAbi,
  layananPaymasterAbi,
  serviceRequestsAbi,
} from "./generated/abis.ts";

export { agencyDirectoryAbi, citizenAttestationsAbi, documentRegistryAbi, serviceRequestsAbi, layananPaymasterAbi };

/** The four contracts, in deployment order, as the manifest names them. */
export const CONTRACT_NAMES = [
  "AgencyDirectory",
  "CitizenAttestations",
  "ServiceRequests",
  "DocumentRegistry",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

type Address = `0x${string}`;

/** The contracts' addresses, keyed as the dApp's generated deployment module keys them. */
export interface LayananAddresses {
  agencyDirectory: Address;
  citizenAttestations: Address;
  serviceRequests: Address;
  documentRegistry: Address;
}

/** The manifest's contract name to its key in LayananAddresses ("AgencyDirectory" -> "agencyDirectory"). */
export const addressKey = (name: ContractName) => (name[0].toLowerCase() + name.slice(1)) as keyof LayananAddresses;

/** Address and ABI of each contract, ready to spread into viem's readContract or wagmi's writeContract. */
export function layananContracts(addresses: LayananAddresses) {
  return {
    directory: { address: addresses.agencyDirectory, abi: agencyDirectoryAbi },
    attestations: { address: addresses.citizenAttestations, abi: citizenAttestationsAbi },
    requests: { address: addresses.serviceRequests, abi: serviceRequestsAbi },
    documents: { address: addresses.documentRegistry, abi: documentRegistryAbi },
  } as const;
}

export type LayananContracts = ReturnType<typeof layananContracts>;

/**
 * One deployment as the read functions need it: the contracts, the chain, and the block to start
 * log queries from (the deployment block).
 */
export interface Layanan {
  chainId: number;
  contracts: LayananContracts;
  fromBlock: bigint;
}

export function layanan(deployment: { chainId: number; deployBlock: number; addresses: LayananAddresses }): Layanan {
  return {
    chainId: deployment.chainId,
    contracts: layananContracts(deployment.addresses),
    fromBlock: BigInt(deployment.deployBlock),
  };
}

type AbiError = Extract<Abi[number], { type: "error" }>;

/** Every custom error of the four contracts and the citizen-account contracts (each name once). */
export const allErrorsAbi: readonly AbiError[] = (() => {
  const seen = new Set<string>();
  const errors: AbiError[] = [];
  for (const abi of [
    agencyDirectoryAbi,
    citizenAttestationsAbi,
    serviceRequestsAbi,
    documentRegistryAbi,
    citizenAccountAbi,
    citizenAccountFactoryAbi,
    layananPaymasterAbi,
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
