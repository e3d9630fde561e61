import { readFileSync, writeFileSync } from "node:fs";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";

/** The operations the gas budget covers, with their ceilings and the anchors' figures. */
export const GAS_BUDGET = [
  {
    key: "attest",
    label: "`attest` (a new subject and claim type)",
    ceiling: 130_000,
    anchor: "EAS `attest`: ~200,000 (one 32-byte field), ~274,000 (4 fields)",
  },
  { key: "attestationRevoke", label: "attestation `revoke`", ceiling: 45_000, anchor: "EAS `revoke`: ~73,000" },
  { key: "submit", label: "`submit` (280-byte summary, claim-gated service)", ceiling: 115_000, anchor: "—" },
  { key: "updateStatus", label: "`updateStatus`", ceiling: 50_000, anchor: "—" },
  // Issue 10: document types with trusted issuers; "keep issue and issueBatch at or under 58,000".
  { key: "documentIssue", label: "document `issue`", ceiling: 58_000, anchor: "OpenAttestation `issue`: ~45,700" },
  {
    key: "issueBatch",
    label: "`issueBatch` (1,024 documents)",
    ceiling: 58_000,
    anchor: "OpenAttestation `issue`: ~45,700",
  },
  {
    key: "documentRevoke",
    label: "document `revoke` with a 10-level proof",
    ceiling: 70_000,
    anchor: "OpenAttestation `revoke`: ~45,700 (no proof, no reason)",
  },
] as const;

export type GasKey = (typeof GAS_BUDGET)[number]["key"];
export type GasFigures = Record<GasKey, number>;

export const GAS_SNAPSHOT_PATH = new URL("../../gas-snapshot.json", import.meta.url);

export function readGasSnapshot(): GasFigures {
  return JSON.parse(readFileSync(GAS_SNAPSHOT_PATH, "utf8")) as GasFigures;
}

export function writeGasSnapshot(figures: GasFigures): void {
  writeFileSync(GAS_SNAPSHOT_PATH, JSON.stringify(figures, null, 2) + "\n");
}

async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<number> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("transaction was not mined");
  return Number(receipt.gasUsed);
}

const b32 = (text: string) => `0x${Buffer.from(text).toString("hex").padEnd(64, "0")}`;
const keccak = (ethers: HardhatEthers, text: string) => ethers.id(text);

/**
 * Deploys the suite on the given (in-process) chain and measures `receipt.gasUsed` (21k base
 * included) of each budgeted operation in steady state: every operation is called once first, so
 * counters and the contracts' warm-up writes are done, and the second call is measured. What each
 * figure measures:
 * - `attest`: a new (subject, claim type, agency) by an officer who has attested before, so the
 *   officer's nonce slot (used up by every direct attest) goes from non-zero to non-zero; writes
 *   the agency's current state slot and the two Details slots, all fresh.
 * - attestation `revoke`: the current attestation of a subject, by an officer of the issuing agency.
 * - `submit`: a citizen's first request (fresh request, clientRef slots) to a claim-gated service of
 *   an agency the citizen does not serve, with a 280-byte summary; the agency's stats slot is
 *   non-zero (an earlier submission).
 * - `updateStatus`: Submitted -> InProgress with an empty note (not a rejection, which needs one).
 * - document `issue` / `issueBatch`: a fresh anchor / root of a registered type the officer's
 *   agency is trusted for (one cold read of the trust slot, one fresh record slot).
 * - document `revoke`: a batch member with a 10-level proof, its anchor's revocation slot fresh.
 */
export async function measureGas(ethers: HardhatEthers): Promise<GasFigures> {
  const signers = await ethers.getSigners();
  const [governor, admin, officer] = signers;
  const citizens = signers.slice(5, 12);
  const directory = await ethers.deployContract("AgencyDirectory", [governor.address]);
  const attestations = await ethers.deployContract("CitizenAttestations", [await directory.getAddress()]);
  const requests = await ethers.deployContract("ServiceRequests", [
    await directory.getAddress(),
    await attestations.getAddress(),
  ]);
  const documents = await ethers.deployContract("DocumentRegistry", [await directory.getAddress()]);

  const resident = keccak(ethers, "RESIDENT_KOTA_BANDUNG");
  await (await directory.registerAgency(b32("DISDUKCAPIL"), "Disdukcapil Kota Bandung", admin.address)).wait();
  await (await directory.connect(admin).getFunction("addOfficer")(1, officer.address)).wait();
  await (await attestations.registerClaimType(resident, "Resident of Kota Bandung")).wait();
  await (await attestations.setTrustedIssuer(resident, 1, true)).wait();
  const akta = keccak(ethers, "AKTA_KELAHIRAN");
  await (await documents.getFunction("registerDocumentType")(akta, "Akta kelahiran")).wait();
  await (await documents.getFunction("setTrustedDocumentIssuer")(akta, 1, true)).wait();
  await (
    await requests.connect(admin).getFunction("addService")(
      1,
      b32("KTP_EL"),
      "Penggantian KTP-el",
      3 * 86400,
      resident,
      2,
    )
  ).wait();

  const dataHash = (i: number) => keccak(ethers, `commitment ${i}`);
  const attest = (i: number) =>
    attestations.connect(officer).getFunction("attest")(citizens[i].address, resident, dataHash(i), 2, 0);
  // The first attest also turns the officer's nonce slot from zero to one; the second is measured.
  await (await attest(0)).wait();
  const attestGas = await gasOf(attest(1));
  for (let i = 2; i < citizens.length; i++) await (await attest(i)).wait();

  const summary = "Mohon penggantian KTP-el yang rusak karena terendam banjir di Kelurahan Cibangkong. "
    .repeat(4)
    .slice(0, 280);
  if (Buffer.byteLength(summary) !== 280) throw new Error("summary must be 280 bytes");
  const submit = (i: number) =>
    requests.connect(citizens[i]).getFunction("submit")(1, dataHash(100 + i), dataHash(200 + i), summary);
  await (await submit(0)).wait();
  const submitGas = await gasOf(submit(1));
  await (await submit(2)).wait();

  const updateStatus = (requestId: number) =>
    requests.connect(officer).getFunction("updateStatus")(requestId, 2, ethers.ZeroHash, "");
  await (await updateStatus(1)).wait();
  const updateStatusGas = await gasOf(updateStatus(2));

  const uidOf = (i: number) => attestations.currentAttestation(citizens[i].address, resident);
  await (await attestations.connect(officer).getFunction("revoke")(await uidOf(3), b32("DATA_CHANGED"))).wait();
  const revokeGas = await gasOf(
    attestations.connect(officer).getFunction("revoke")(await uidOf(4), b32("DATA_CHANGED")),
  );

  const fingerprint = (i: number) => ethers.sha256(ethers.toUtf8Bytes(`document ${i}`));
  await (await documents.connect(officer).getFunction("issue")(fingerprint(0), akta, 0)).wait();
  const issueGas = await gasOf(documents.connect(officer).getFunction("issue")(fingerprint(1), akta, 0));

  const leaves = Array.from({ length: 1024 }, (_, i) => [fingerprint(10_000 + i)]);
  const tree = StandardMerkleTree.of(leaves, ["bytes32"]);
  const otherTree = StandardMerkleTree.of(leaves.slice(0, 512), ["bytes32"]);
  await (await documents.connect(officer).getFunction("issueBatch")(otherTree.root, 512, akta, 0)).wait();
  const batchGas = await gasOf(documents.connect(officer).getFunction("issueBatch")(tree.root, 1024, akta, 0));

  const revokeMember = (i: number) =>
    documents.connect(officer).getFunction("revoke")(leaves[i][0], tree.root, tree.getProof(i), b32("ISSUED_IN_ERROR"));
  if (tree.getProof(0).length !== 10) throw new Error("expected a 10-level proof");
  await (await revokeMember(0)).wait();
  const documentRevokeGas = await gasOf(revokeMember(1));

  return {
    attest: attestGas,
    attestationRevoke: revokeGas,
    submit: submitGas,
    updateStatus: updateStatusGas,
    documentIssue: issueGas,
    issueBatch: batchGas,
    documentRevoke: documentRevokeGas,
  };
}

/** A Markdown table of the figures beside the snapshot, the ceiling and the anchor. */
export function gasTable(figures: GasFigures, snapshot?: Partial<GasFigures>): string {
  const fmt = (n: number) => n.toLocaleString("en-US");
  const rows = GAS_BUDGET.map(({ key, label, ceiling, anchor }) => {
    const before = snapshot?.[key];
    const delta =
      before === undefined
        ? ""
        : figures[key] === before
          ? " (=)"
          : ` (${figures[key] > before ? "+" : ""}${fmt(figures[key] - before)})`;
    return `| ${label} | ${fmt(figures[key])}${delta} | ≤ ${fmt(ceiling)} | ${anchor} |`;
  });
  return ["| operation | gas used | ceiling | anchor |", "|---|---:|---:|---|", ...rows].join("\n");
}
