import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HDNodeWallet, ZeroHash, encodeBytes32String, getAddress, id, zeroPadValue, toBeHex } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  attestArgs,
  commitment,
  documentReceipts,
  fileAnchor,
  planIssue,
  qrFileName,
  qrSvg,
  withSalts,
  prepareAttestation,
  randomBytes32,
  receiptFileName,
  type DocumentReceipt,
  type Manifest,
} from "@layanan/core";
import { fingerprintFile } from "@layanan/core/node";
import type { Hex } from "viem";
import { verifyUrl } from "./commands.js";
import { contractsFor, localDir, type DemoAccount } from "./context.js";
import { UserError } from "./manifest.js";
import { makePrivateDir, writePrivateFile, writePrivateJson } from "./private-files.js";

/** Writes each document's receipt beside it (`<file>.receipt.json`, owner-only), as `documents issue` does. */
/**
 * Writes each document's receipt and QR code beside it (`<file>.receipt.json`, `<file>.qr.svg`), as
 * `documents issue` does; both carry the salt of a personal document, so both are owner-only.
 */
function writeReceipts(files: readonly string[], receipts: readonly DocumentReceipt[]): void {
  receipts.forEach((receipt, i) => {
    writePrivateJson(receiptFileName(files[i]), receipt);
    if (receipt.link) writePrivateFile(qrFileName(files[i]), qrSvg(receipt.link));
  });
}

/** Hardhat's well-known development mnemonic: its keys are public and used on chain 31337 only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const LOCAL_CHAIN_ID = 31337;
const DAY = 86_400;

const RESIDENT = "RESIDENT_KOTA_BANDUNG";
const KTP = "KTP_VERIFIED";
const AKTA = "AKTA_KELAHIRAN";
const DOMISILI = "SURAT_DOMISILI";
const IZIN_USAHA = "IZIN_USAHA";

/** The demo roles, by development account index. */
const ROLES: { index: number; role: string; label: string; agency?: string }[] = [
  { index: 0, role: "governor", label: "Governor (Pemerintah Kota Bandung)" },
  { index: 1, role: "admin-disdukcapil", label: "Admin, Disdukcapil", agency: "DISDUKCAPIL" },
  { index: 2, role: "officer-disdukcapil", label: "Petugas, Disdukcapil", agency: "DISDUKCAPIL" },
  { index: 3, role: "officer2-disdukcapil", label: "Petugas 2, Disdukcapil", agency: "DISDUKCAPIL" },
  { index: 4, role: "admin-dpmptsp", label: "Admin, DPMPTSP", agency: "DPMPTSP" },
  { index: 5, role: "officer-dpmptsp", label: "Petugas, DPMPTSP", agency: "DPMPTSP" },
  { index: 6, role: "admin-pupr", label: "Admin, Dinas PUPR", agency: "PUPR" },
  { index: 7, role: "officer-pupr", label: "Petugas, Dinas PUPR", agency: "PUPR" },
  { index: 8, role: "citizen-siti", label: "Warga: Siti Nurhaliza (KTP level 3)" },
  { index: 9, role: "citizen-budi", label: "Warga: Budi Santoso (KTP level 2)" },
  { index: 10, role: "citizen-dewi", label: "Warga: Dewi Lestari (self-declared, level 1)" },
  { index: 11, role: "citizen-andi", label: "Warga: Andi Pratama (no claims yet)" },
];

/** Demo personal data: fictitious, written only to the git-ignored local/ folder, never to the chain. */
export const DEMO_CITIZENS = {
  "citizen-siti": {
    nik: "3273014506880002",
    name: "Siti Nurhaliza",
    birthDate: "1988-06-05",
    address: "Jl. Cibeunying Kidul No. 12, Bandung",
  },
  "citizen-budi": {
    nik: "3273021203900005",
    name: "Budi Santoso",
    birthDate: "1990-03-12",
    address: "Jl. Kopo No. 88, Bandung",
  },
  "citizen-dewi": {
    nik: "3273036611950003",
    name: "Dewi Lestari",
    birthDate: "1995-11-26",
    address: "Jl. Cibaduyut Raya No. 5, Bandung",
  },
  "citizen-andi": {
    nik: "3273040709920001",
    name: "Andi Pratama",
    birthDate: "1992-09-07",
    address: "Jl. Dago No. 140, Bandung",
  },
} as const;

export interface SeedSummary {
  accounts: DemoAccount[];
  requests: number;
  documents: { batchRoot: string; files: string[]; single: string; revoked: string; unissued: string };
  localDir: string;
}

/**
 * A plausible Kota Bandung on a local chain: three agencies with admins and officers, claim types,
 * services with SLAs, demo citizens with attestations at different levels, requests in every
 * status (one overdue and escalated, one duplicate, one rated) and a batch of document files.
 * Personal data, salts, files and receipts go to the git-ignored local/ folder.
 */
export async function seed(
  connection: NetworkConnection,
  manifest: Manifest,
  log: (line: string) => void = console.log,
): Promise<SeedSummary> {
  const { ethers } = connection;
  const { chainId } = await ethers.provider.getNetwork();
  if (Number(chainId) !== LOCAL_CHAIN_ID) {
    throw new UserError(
      `seed only runs on a local chain (31337); this is chain ${chainId}. Demo data must never reach a real chain.`,
    );
  }
  const signers = await ethers.getSigners();
  if (signers.length < ROLES.length)
    throw new UserError(`seed needs ${ROLES.length} accounts; the network has ${signers.length}.`);
  const as = (role: string): HardhatEthersSigner => signers[ROLES.find((r) => r.role === role)!.index];
  const c = (role: string) => contractsFor(manifest, as(role));
  if ((await c("governor").directory.agencyCount()) > 0n) {
    throw new UserError(
      "This chain already has agencies: seed runs once, on a fresh deployment (npm start, or deploy --fresh).",
    );
  }
  const wait = async (tx: Promise<{ wait(): Promise<unknown> }>) => (await tx).wait();
  const dir = localDir();
  makePrivateDir(dir);

  // Agencies, admins and officers.
  const agencies = [
    {
      code: "DISDUKCAPIL",
      name: "Dinas Kependudukan dan Pencatatan Sipil Kota Bandung",
      admin: "admin-disdukcapil",
      officers: ["officer-disdukcapil", "officer2-disdukcapil"],
    },
    {
      code: "DPMPTSP",
      name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Bandung",
      admin: "admin-dpmptsp",
      officers: ["officer-dpmptsp"],
    },
    {
      code: "PUPR",
      name: "Dinas Pekerjaan Umum dan Penataan Ruang Kota Bandung",
      admin: "admin-pupr",
      officers: ["officer-pupr"],
    },
  ];
  for (const [i, agency] of agencies.entries()) {
    await wait(
      c("governor").directory.registerAgency(encodeBytes32String(agency.code), agency.name, as(agency.admin).address),
    );
    for (const officer of agency.officers) await wait(c(agency.admin).directory.addOfficer(i + 1, as(officer).address));
  }
  log(`Seeded ${agencies.length} agencies with their admins and officers.`);

  // Claim types and trusted issuers.
  const gov = c("governor").attestations;
  await wait(gov.registerClaimType(id(RESIDENT), "Penduduk Kota Bandung (domisili sesuai Kartu Keluarga)"));
  await wait(gov.registerClaimType(id(KTP), "KTP-el terverifikasi oleh Disdukcapil"));
  await wait(gov.setTrustedIssuer(id(RESIDENT), 1, true));
  await wait(gov.setTrustedIssuer(id(KTP), 1, true));

  // Document types and who may issue them.
  const registry = c("governor").documents;
  await wait(registry.registerDocumentType(id(AKTA), "Akta kelahiran"));
  await wait(registry.registerDocumentType(id(DOMISILI), "Surat keterangan domisili"));
  await wait(registry.registerDocumentType(id(IZIN_USAHA), "Izin usaha"));
  await wait(registry.setTrustedDocumentIssuer(id(AKTA), 1, true));
  await wait(registry.setTrustedDocumentIssuer(id(DOMISILI), 1, true));
  await wait(registry.setTrustedDocumentIssuer(id(IZIN_USAHA), 2, true));

  // Services: SLAs as the city publishes them (working days are counted as calendar days here).
  const services = [
    {
      admin: "admin-disdukcapil",
      agency: 1,
      code: "KTP_EL",
      name: "Penggantian KTP-el (rusak atau hilang)",
      sla: 3 * DAY,
      claim: RESIDENT,
      level: 2,
    },
    {
      admin: "admin-disdukcapil",
      agency: 1,
      code: "KK_UPDATE",
      name: "Perubahan data Kartu Keluarga",
      sla: DAY,
      claim: RESIDENT,
      level: 2,
    },
    {
      admin: "admin-disdukcapil",
      agency: 1,
      code: "AKTA_LAHIR",
      name: "Penerbitan Akta Kelahiran",
      sla: DAY,
      claim: RESIDENT,
      level: 1,
    },
    {
      admin: "admin-dpmptsp",
      agency: 2,
      code: "NIB_UMKM",
      name: "Perizinan Berusaha (NIB) untuk Usaha Mikro",
      sla: 14 * DAY,
      claim: KTP,
      level: 2,
    },
    {
      admin: "admin-pupr",
      agency: 3,
      code: "JALAN_RUSAK",
      name: "Laporan Jalan Rusak",
      sla: 7 * DAY,
      claim: undefined,
      level: 0,
    },
  ];
  for (const s of services) {
    await wait(
      c(s.admin).requests.addService(
        s.agency,
        encodeBytes32String(s.code),
        s.name,
        s.sla,
        s.claim === undefined ? ZeroHash : id(s.claim),
        s.level,
      ),
    );
  }
  log(`Seeded ${services.length} services.`);

  // Citizens: attestations at different levels; data and salts stay in local/citizens.json.
  const citizens: Record<string, unknown> = {};
  const attest = async (
    officer: string,
    citizen: keyof typeof DEMO_CITIZENS,
    claim: string,
    level: number,
    data: Record<string, unknown>,
    expiresAt = 0,
  ) => {
    const prepared = prepareAttestation({
      subject: as(citizen).address as Hex,
      claimType: id(claim) as Hex,
      level,
      expiresAt,
      data,
    });
    const { payload, salt, dataHash } = prepared;
    await wait(c(officer).attestations.attest(...attestArgs(prepared)));
    const uid = await c(officer).attestations.currentAttestation(as(citizen).address, id(claim));
    const entry = (citizens[citizen] ??= {
      address: as(citizen).address,
      data: DEMO_CITIZENS[citizen],
      attestations: [],
    }) as { attestations: unknown[] };
    entry.attestations.push({ claim, claimType: id(claim), level, uid, payload, salt, dataHash, expiresAt });
  };
  const now = async () => (await ethers.provider.getBlock("latest"))!.timestamp;
  const siti = DEMO_CITIZENS["citizen-siti"];
  const budi = DEMO_CITIZENS["citizen-budi"];
  const dewi = DEMO_CITIZENS["citizen-dewi"];
  await attest(
    "officer-disdukcapil",
    "citizen-siti",
    KTP,
    3,
    { nik: siti.nik, name: siti.name, birthDate: siti.birthDate, method: "biometrik" },
    (await now()) + 5 * 365 * DAY,
  );
  await attest("officer-disdukcapil", "citizen-siti", RESIDENT, 2, { nik: siti.nik, address: siti.address });
  await attest("officer2-disdukcapil", "citizen-budi", KTP, 2, {
    nik: budi.nik,
    name: budi.name,
    birthDate: budi.birthDate,
    method: "dokumen",
  });
  await attest("officer2-disdukcapil", "citizen-budi", RESIDENT, 2, { nik: budi.nik, address: budi.address });
  await attest("officer-disdukcapil", "citizen-dewi", RESIDENT, 1, {
    nik: dewi.nik,
    address: dewi.address,
    method: "mandiri",
  });
  citizens["citizen-andi"] = {
    address: as("citizen-andi").address,
    data: DEMO_CITIZENS["citizen-andi"],
    attestations: [],
  };
  log("Seeded attestations for 3 demo citizens (levels 3, 2 and 1); a 4th has none.");

  // Requests in every status.
  let ref = 0;
  const submit = async (citizen: string, serviceId: number, summary: string, details?: string) => {
    ref++;
    const contentHash = details === undefined ? ZeroHash : commitment(randomBytes32(), details);
    await wait(
      c(citizen).requests.submit(serviceId, contentHash, zeroPadValue(toBeHex(0x5eed0000 + ref), 32), summary),
    );
    return Number(await c(citizen).requests.requestCount());
  };
  const officerUpdate = (officer: string, requestId: number, status: number, note: string) =>
    wait(c(officer).requests.updateStatus(requestId, status, ZeroHash, note));

  const overdue = await submit(
    "citizen-siti",
    3,
    "Permohonan akta kelahiran anak kedua",
    "akta: data bayi dan orang tua",
  );
  await officerUpdate("officer-disdukcapil", overdue, 2, "Berkas diterima, sedang diverifikasi");
  await ethers.provider.send("evm_increaseTime", [2 * DAY]);
  await ethers.provider.send("evm_mine", []);
  await wait(c("citizen-siti").requests.escalate(overdue));

  const completed = await submit(
    "citizen-budi",
    2,
    "Perubahan KK: penambahan anggota keluarga",
    "KK: data anggota baru",
  );
  await officerUpdate("officer2-disdukcapil", completed, 2, "Sedang diproses");
  await officerUpdate("officer2-disdukcapil", completed, 4, "KK baru dapat diunduh atau diambil di kantor kecamatan");
  await wait(c("citizen-budi").requests.rate(completed, 4, ZeroHash));

  const inProgress = await submit(
    "citizen-budi",
    1,
    "KTP-el rusak (retak), mohon penggantian",
    "KTP: foto kartu rusak",
  );
  await officerUpdate("officer-disdukcapil", inProgress, 2, "Jadwal perekaman ulang: Senin pukul 09.00");

  const needsInfo = await submit(
    "citizen-siti",
    4,
    "Pengajuan NIB untuk usaha katering rumahan",
    "NIB: rencana usaha dan lokasi",
  );
  await officerUpdate("officer-dpmptsp", needsInfo, 2, "Sedang diperiksa");
  await officerUpdate("officer-dpmptsp", needsInfo, 3, "Mohon lengkapi titik koordinat lokasi usaha");

  const rejected = await submit("citizen-siti", 1, "Penggantian KTP-el karena pindah alamat");
  await officerUpdate(
    "officer-disdukcapil",
    rejected,
    5,
    "Pindah alamat diajukan lewat layanan perubahan KK, bukan penggantian KTP-el",
  );
  await wait(c("citizen-siti").requests.rate(rejected, 3, ZeroHash));

  const pothole = await submit(
    "citizen-dewi",
    5,
    "Jalan berlubang besar di Jl. Cibaduyut Raya depan No. 5, membahayakan motor",
  );
  const duplicate = await submit("citizen-andi", 5, "Lubang di Jl. Cibaduyut Raya dekat pasar");
  await wait(c("officer-pupr").requests.markDuplicate(duplicate, pothole));
  const cancelled = await submit("citizen-budi", 5, "Lampu jalan mati di Jl. Kopo");
  await wait(c("citizen-budi").requests.cancel(cancelled));
  await submit("citizen-andi", 5, "");
  log(
    `Seeded ${Number(await c("governor").requests.requestCount())} requests in every status (one overdue and escalated, one duplicate, two rated).`,
  );

  // Documents: a batch of birth certificates (personal data: salted anchors) and one public document
  // issued singly (its file alone verifies), with receipts and QR codes beside them.
  const docsDir = path.join(dir, "documents");
  rmSync(docsDir, { recursive: true, force: true });
  const batchDir = path.join(docsDir, "akta-kelahiran-batch");
  makePrivateDir(batchDir);
  mkdirSync(path.join(docsDir, "unissued"), { recursive: true });
  const babies = ["Aisyah Putri", "Rizky Ramadhan", "Nadia Safitri", "Fajar Nugroho", "Putri Ayu"];
  const files = babies.map((baby, i) => {
    const file = path.join(batchDir, `akta-kelahiran-${String(i + 1).padStart(3, "0")}.txt`);
    writePrivateFile(
      file,
      `KUTIPAN AKTA KELAHIRAN (contoh demo)\nNomor: 3273-LT-2026-${1000 + i}\nNama: ${baby}\nKota Bandung\n`,
    );
    return file;
  });
  const batchFiles = withSalts(
    files.map((file) => ({ name: path.basename(file), fingerprint: fingerprintFile(file) })),
    true,
  );
  const batch = planIssue(batchFiles, { batch: true });
  if (batch.kind !== "batch") throw new Error("unreachable: a folder is issued as a batch");
  const officer = c("officer-disdukcapil");
  const batchTx = await officer.documents.issueBatch(batch.root, batch.count, id(AKTA), 0);
  await batchTx.wait();
  const issuedBy = {
    registry: manifest.contracts.DocumentRegistry.address,
    chainId: LOCAL_CHAIN_ID,
    agencyId: 1,
    verifyUrl: verifyUrl(),
  };
  writeReceipts(
    files,
    documentReceipts(batchFiles, batch, {
      ...issuedBy,
      docType: id(AKTA) as Hex,
      expiresAt: 0,
      transactionHash: batchTx.hash as Hex,
    }),
  );
  const revokedFile = files[4];
  const revokedAnchor = fileAnchor(batchFiles[4]);
  await wait(
    officer.documents.revoke(
      revokedAnchor,
      batch.root,
      batch.proofs.get(revokedAnchor) ?? [],
      encodeBytes32String("SALAH_CETAK"),
    ),
  );

  const single = path.join(docsDir, "surat-keterangan-domisili.txt");
  writeFileSync(single, "SURAT KETERANGAN DOMISILI (contoh demo)\nNomor: 470/123/DISDUKCAPIL/2026\nKota Bandung\n");
  const singleExpiresAt = (await now()) + 365 * DAY;
  const singleFiles = [{ name: path.basename(single), fingerprint: fingerprintFile(single), salt: null }];
  const singlePlan = planIssue(singleFiles);
  const singleTx = await officer.documents.issue(singleFiles[0].fingerprint, id(DOMISILI), singleExpiresAt);
  await singleTx.wait();
  writeReceipts(
    [single],
    documentReceipts(singleFiles, singlePlan, {
      ...issuedBy,
      docType: id(DOMISILI) as Hex,
      expiresAt: singleExpiresAt,
      transactionHash: singleTx.hash as Hex,
    }),
  );
  const unissued = path.join(docsDir, "unissued", "akta-kelahiran-palsu.txt");
  writeFileSync(
    unissued,
    "KUTIPAN AKTA KELAHIRAN (contoh dokumen yang TIDAK pernah diterbitkan)\nNomor: 3273-LT-2026-9999\n",
  );
  log(
    `Seeded ${files.length} documents as one batch (one revoked) and one single document in ${path.relative(process.cwd(), docsDir)}.`,
  );

  // Local files: demo accounts (development keys of chain 31337 only) and citizens' private data.
  const accounts: DemoAccount[] = ROLES.map(({ index, role, label, agency }) => {
    const wallet = HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
    const address = getAddress(signers[index].address);
    return {
      role,
      label,
      address,
      privateKey: wallet.address === address ? wallet.privateKey : "",
      ...(agency ? { agency } : {}),
    };
  });
  writePrivateFile(
    path.join(dir, "demo-accounts.json"),
    JSON.stringify(
      {
        warning: "DEVELOPMENT ONLY: Hardhat's public test keys, for chain 31337. Never use them anywhere else.",
        chainId: LOCAL_CHAIN_ID,
        accounts,
      },
      null,
      2,
    ) + "\n",
  );
  writePrivateFile(
    path.join(dir, "citizens.json"),
    JSON.stringify(
      {
        warning: "Fictitious demo personal data and the salts that open the on-chain commitments. Local only.",
        citizens,
      },
      null,
      2,
    ) + "\n",
  );
  return {
    accounts,
    requests: Number(await c("governor").requests.requestCount()),
    documents: { batchRoot: batch.root, files, single, revoked: revokedFile, unissued },
    localDir: dir,
  };
}
