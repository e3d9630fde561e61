import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type {
  AgencyDirectory,
  CitizenAttestations,
  DocumentRegistry,
  ServiceRequests,
} from "../../types/ethers-contracts/index.js";

/** One in-process chain shared by the TypeScript tests; fixtures snapshot and restore it. */
export const connection = await network.getOrCreate();
export const { ethers, networkHelpers } = connection;

export const DAY = 24 * 60 * 60;

export const code = (text: string) => ethers.encodeBytes32String(text);
export const id = (text: string) => ethers.id(text);

export const RESIDENT = id("RESIDENT_KOTA_BANDUNG");
export const KTP_VERIFIED = id("KTP_VERIFIED");
/** Document types: birth certificates (agency A is trusted), business permits (agency B is trusted). */
export const AKTA_KELAHIRAN = id("AKTA_KELAHIRAN");
export const IZIN_USAHA = id("IZIN_USAHA");
export const AGENCY_A = 1n;
export const AGENCY_B = 2n;
/** Service 1: Disdukcapil's KTP-el replacement, gated on RESIDENT at level 2, due in 3 days. */
export const SERVICE_GATED = 1n;
/** Service 2: DPMPTSP's road-damage style report, open to any wallet, due in 7 days. */
export const SERVICE_OPEN = 2n;

export const Status = {
  None: 0,
  Submitted: 1,
  InProgress: 2,
  NeedsInfo: 3,
  Completed: 4,
  Rejected: 5,
  Cancelled: 6,
  Duplicate: 7,
} as const;

/** The EIP-712 types of a signed attestation (CitizenAttestations.attestBySig). */
export const ATTEST_TYPES = {
  Attest: [
    { name: "subject", type: "address" },
    { name: "claimType", type: "bytes32" },
    { name: "dataHash", type: "bytes32" },
    { name: "level", type: "uint8" },
    { name: "expiresAt", type: "uint64" },
    { name: "agencyId", type: "uint32" },
    { name: "officer", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export const DocumentStatus = { Unknown: 0, Valid: 1, Revoked: 2, Expired: 3 } as const;

/** A salted commitment, as the dApp and the scripts compute it: keccak256(abi.encode(salt, payload)). */
export function commitment(payload: string, salt: string = ethers.hexlify(ethers.randomBytes(32))): string {
  return ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "string"], [salt, payload]));
}

export interface Deployment {
  directory: AgencyDirectory;
  attestations: CitizenAttestations;
  requests: ServiceRequests;
  documents: DocumentRegistry;
  governor: HardhatEthersSigner;
  adminA: HardhatEthersSigner;
  officerA: HardhatEthersSigner;
  adminB: HardhatEthersSigner;
  officerB: HardhatEthersSigner;
  citizen: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  citizen2: HardhatEthersSigner;
}

/** The four contracts, wired as in DESIGN.md, with no data. */
export async function deployFixture(): Promise<Deployment> {
  const [governor, adminA, officerA, adminB, officerB, citizen, stranger, citizen2] = await ethers.getSigners();
  const directory = (await ethers.deployContract("AgencyDirectory", [governor.address])) as unknown as AgencyDirectory;
  const attestations = (await ethers.deployContract("CitizenAttestations", [
    await directory.getAddress(),
  ])) as unknown as CitizenAttestations;
  const requests = (await ethers.deployContract("ServiceRequests", [
    await directory.getAddress(),
    await attestations.getAddress(),
  ])) as unknown as ServiceRequests;
  const documents = (await ethers.deployContract("DocumentRegistry", [
    await directory.getAddress(),
  ])) as unknown as DocumentRegistry;
  return {
    directory,
    attestations,
    requests,
    documents,
    governor,
    adminA,
    officerA,
    adminB,
    officerB,
    citizen,
    stranger,
    citizen2,
  };
}

/**
 * A small city: agency A (Disdukcapil, admin adminA, officer officerA) trusted for RESIDENT and
 * KTP_VERIFIED and for AKTA_KELAHIRAN documents; agency B (DPMPTSP, admin adminB, officer officerB)
 * trusted for no claim type and for IZIN_USAHA documents; service 1 of A gated on RESIDENT level 2
 * (3 days); service 2 of B open to anyone (7 days).
 */
export async function cityFixture(): Promise<Deployment> {
  const d = await deployFixture();
  const { directory, attestations, requests, documents, governor, adminA, officerA, adminB, officerB } = d;
  await directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil Kota Bandung", adminA.address);
  await directory.connect(governor).registerAgency(code("DPMPTSP"), "DPMPTSP Kota Bandung", adminB.address);
  await directory.connect(adminA).addOfficer(AGENCY_A, officerA.address);
  await directory.connect(adminB).addOfficer(AGENCY_B, officerB.address);
  await attestations.connect(governor).registerClaimType(RESIDENT, "Resident of Kota Bandung");
  await attestations.connect(governor).registerClaimType(KTP_VERIFIED, "KTP-el verified");
  await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, true);
  await attestations.connect(governor).setTrustedIssuer(KTP_VERIFIED, AGENCY_A, true);
  await documents.connect(governor).registerDocumentType(AKTA_KELAHIRAN, "Akta kelahiran");
  await documents.connect(governor).registerDocumentType(IZIN_USAHA, "Izin usaha");
  await documents.connect(governor).setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, true);
  await documents.connect(governor).setTrustedDocumentIssuer(IZIN_USAHA, AGENCY_B, true);
  await requests.connect(adminA).addService(AGENCY_A, code("KTP_EL"), "Penggantian KTP-el", 3 * DAY, RESIDENT, 2);
  await requests
    .connect(adminB)
    .addService(AGENCY_B, code("JALAN_RUSAK"), "Laporan jalan rusak", 7 * DAY, ethers.ZeroHash, 0);
  return d;
}

/** The city plus a level-2 RESIDENT attestation for `citizen`. */
export async function residentFixture() {
  const d = await cityFixture();
  const dataHash = commitment("3273010101900001|Kota Bandung");
  await d.attestations.connect(d.officerA).attest(d.citizen.address, RESIDENT, dataHash, 2, 0);
  const uid = await d.attestations.currentAttestation(d.citizen.address, RESIDENT);
  return { ...d, dataHash, uid };
}

let refCounter = 0;
/** A fresh client reference, as the dApp makes one per form. */
export function clientRef(): string {
  refCounter += 1;
  return ethers.zeroPadValue(ethers.toBeHex(refCounter), 32);
}

export async function now(): Promise<number> {
  return networkHelpers.time.latest();
}
