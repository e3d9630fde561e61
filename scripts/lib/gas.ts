import { readFileSync, writeFileSync } from "node:fs";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { network as hardhatNetwork } from "hardhat";
import { P256 } from "ox";
import { type Hex, concat, encodeFunctionData, numberToHex } from "viem";
import {
  ENTRY_POINT_V08,
  type Passkey,
  draftUserOperation,
  encodeAccountCalls,
  encodeCreateAccount,
  serviceRequestsAbi,
  signUserOperation,
  softwarePasskey,
  sponsorUserOperation,
} from "@layanan/core";
import { ensureEntryPoint, entryPointArtifact, signsSponsorData } from "./entrypoint.js";

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
  // Citizen accounts: the same `submit` as above, sent as a sponsored user operation through
  // EntryPoint v0.8's handleOps (the bundler's whole transaction), with and without the P-256
  // precompile (RIP-7212 / EIP-7951 at 0x100: present from Osaka, absent before).
  {
    key: "accountSubmitFirst",
    label: "sponsored `submit`, first operation (deploys the account), P-256 precompile",
    ceiling: 430_000,
    anchor: "SimpleAccount v0.8 first operation: ~260,500",
  },
  {
    key: "accountSubmit",
    label: "sponsored `submit`, steady state, P-256 precompile",
    ceiling: 235_000,
    anchor: "SimpleAccount v0.8 later operation: ~93,500",
  },
  {
    key: "accountSubmitFirstNoPrecompile",
    label: "sponsored `submit`, first operation (deploys the account), no precompile (Prague)",
    ceiling: 690_000,
    anchor: "—",
  },
  {
    key: "accountSubmitNoPrecompile",
    label: "sponsored `submit`, steady state, no precompile (Prague)",
    ceiling: 490_000,
    anchor: "—",
  },
  {
    key: "submitPrague",
    label: "`submit` from a wallet on the Prague chain (beside the sponsored ones)",
    ceiling: 115_000,
    anchor: "—",
  },
] as const;

export type GasKey = (typeof GAS_BUDGET)[number]["key"];
export type GasFigures = Record<GasKey, number>;
/** The figures {@link measureAccountGas} measures. */
export type AccountGasKey =
  | "accountSubmitFirst"
  | "accountSubmit"
  | "accountSubmitFirstNoPrecompile"
  | "accountSubmitNoPrecompile"
  | "submitPrague";
export type CoreGasKey = Exclude<GasKey, AccountGasKey>;

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
export async function measureGas(ethers: HardhatEthers): Promise<Record<CoreGasKey, number>> {
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

type NetworkManager = typeof hardhatNetwork;
type Connection = Awaited<ReturnType<NetworkManager["create"]>>;

/** The hardfork of the connection without the P-256 precompile (the last one before Osaka). */
export const NO_PRECOMPILE_HARDFORK = "prague";
/** 2100-01-01: a fixed end of the sponsor's window in the gas measurements. */
const SPONSOR_VALID_UNTIL = 4_102_444_800;
/** The P-256 verification precompile (RIP-7212, EIP-7951 from Osaka). */
export const P256_PRECOMPILE = "0x0000000000000000000000000000000000000100";

/** Whether the chain of `ethers` answers a valid P-256 verification at 0x100 (an absent precompile returns nothing). */
export async function hasP256Precompile(ethers: HardhatEthers): Promise<boolean> {
  const privateKey = P256.randomPrivateKey();
  const { x, y } = P256.getPublicKey({ privateKey });
  const hash = ethers.id("layanan p256 probe") as Hex;
  const { r, s } = P256.sign({ payload: hash, privateKey });
  const input = concat([hash, ...[r, s, x, y].map((v) => numberToHex(v, { size: 32 }))]);
  const result = await ethers.provider.call({ to: P256_PRECOMPILE, data: input });
  return BigInt(result === "0x" ? 0 : result) === 1n;
}

/**
 * The sponsored `submit` of a passkey account on one connection: the same claim-gated `submit` as
 * {@link measureGas} (280-byte summary, the agency's stats slot non-zero), carried by a user operation
 * signed by a software passkey, sponsored by LayananPaymaster, sent alone to EntryPoint v0.8's
 * `handleOps` by a bundler EOA. `receipt.gasUsed` of the bundler's transaction: the first operation
 * (with the account's deployment through `initCode`; its address attested beforehand) and the
 * account's second operation (steady state: nonce slot non-zero).
 */
export async function measureSponsoredSubmit(
  connection: Connection,
): Promise<{ wallet: number; first: number; steady: number }> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const [governor, admin, officer, , , citizen, citizen2] = signers;
  const bundler = signers[12];
  const directory = await ethers.deployContract("AgencyDirectory", [governor.address]);
  const attestations = await ethers.deployContract("CitizenAttestations", [await directory.getAddress()]);
  const requests = await ethers.deployContract("ServiceRequests", [
    await directory.getAddress(),
    await attestations.getAddress(),
  ]);
  const resident = keccak(ethers, "RESIDENT_KOTA_BANDUNG");
  await (await directory.registerAgency(b32("DISDUKCAPIL"), "Disdukcapil Kota Bandung", admin.address)).wait();
  await (await directory.connect(admin).getFunction("addOfficer")(1, officer.address)).wait();
  await (await attestations.registerClaimType(resident, "Resident of Kota Bandung")).wait();
  await (await attestations.setTrustedIssuer(resident, 1, true)).wait();
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

  await ensureEntryPoint(governor, connection.provider as never, () => {});
  const entryPoint = new ethers.Contract(ENTRY_POINT_V08, entryPointArtifact().abi as never, bundler);
  const factory = await ethers.deployContract("CitizenAccountFactory");
  // Fixed keys and validity window: the signatures, so the calldata and the P-256 verification's cost
  // in Solidity, are the same at every run (RFC 6979 signatures).
  const sponsor = new ethers.Wallet(keccak(ethers, "layanan gas sponsor key"));
  const paymaster = await ethers.deployContract("LayananPaymaster", [
    await directory.getAddress(),
    await requests.getAddress(),
    await factory.getAddress(),
    sponsor.address,
  ]);
  await (await paymaster.getFunction("deposit")({ value: ethers.parseEther("10") })).wait();
  const { chainId } = await ethers.provider.getNetwork();

  const summary = "Mohon penggantian KTP-el yang rusak karena terendam banjir di Kelurahan Cibangkong. "
    .repeat(4)
    .slice(0, 280);
  const submitData = (i: number) =>
    encodeFunctionData({
      abi: serviceRequestsAbi,
      functionName: "submit",
      args: [1, keccak(ethers, `details ${i}`) as Hex, keccak(ethers, `ref ${i}`) as Hex, summary],
    });
  // An earlier submission by a wallet: the agency's stats slot is non-zero, as in measureGas.
  await (await attestations.connect(officer).getFunction("attest")(citizen.address, resident, b32("d"), 2, 0)).wait();
  await (await requests.connect(citizen).getFunction("submit")(1, b32("x"), b32("y"), summary)).wait();
  // The same submit from a wallet on this chain: another citizen's first request.
  await (await attestations.connect(officer).getFunction("attest")(citizen2.address, resident, b32("e"), 2, 0)).wait();
  const wallet = await gasOf(requests.connect(citizen2).getFunction("submit")(1, b32("x2"), b32("y2"), summary));

  const passkey = softwarePasskey({
    privateKey: keccak(ethers, "layanan gas passkey") as Hex,
    credentialId: keccak(ethers, "layanan gas credential") as Hex,
  });
  const sender = (await factory.getFunction("predictAddress")(passkey.x, passkey.y, passkey.credentialIdHash)) as Hex;
  await (await attestations.connect(officer).getFunction("attest")(sender, resident, b32("p"), 2, 0)).wait();

  const paymasterAddress = (await paymaster.getAddress()) as Hex;
  const factoryAddress = (await factory.getAddress()) as Hex;
  const requestsAddress = (await requests.getAddress()) as Hex;
  const sendOp = async (signer: Passkey, nonce: bigint, deploy: boolean, i: number) => {
    const draft = draftUserOperation({
      sender,
      nonce,
      ...(deploy ? { factory: factoryAddress, factoryData: encodeCreateAccount(signer) } : {}),
      callData: encodeAccountCalls([{ to: requestsAddress, data: submitData(i) }]),
      paymaster: paymasterAddress,
    });
    const sponsored = await sponsorUserOperation(
      draft,
      { paymaster: paymasterAddress, chainId: Number(chainId), validAfter: 0, validUntil: SPONSOR_VALID_UNTIL },
      signsSponsorData(sponsor),
    );
    const { packed } = await signUserOperation(sponsored, Number(chainId), signer);
    const receipt = await (
      await entryPoint.getFunction("handleOps")([packed], bundler.address, {
        gasLimit: 15_000_000,
      })
    ).wait();
    const event = receipt!.logs
      .map((log: { topics: string[]; data: string }) => entryPoint.interface.parseLog(log))
      .find((parsed: { name: string } | null) => parsed?.name === "UserOperationEvent");
    if (!event?.args.success) throw new Error("the sponsored submit failed");
    return Number(receipt!.gasUsed);
  };
  const first = await sendOp(passkey, 0n, true, 1);
  const steady = await sendOp(passkey, 1n, false, 2);
  if ((await requests.getFunction("requestCount")()) !== 4n) throw new Error("expected four requests");
  if ((await ethers.provider.getBalance(sender)) !== 0n) throw new Error("the account must hold no ETH");
  return { wallet, first, steady };
}

/**
 * The citizen accounts' figures: a sponsored `submit` on the default network (Osaka: the P-256
 * precompile is there) and on a second in-process chain pinned to Prague (no precompile: OpenZeppelin's
 * P256 verifies in Solidity). Throws when the precompile is not where it is expected.
 */
export async function measureAccountGas(network: NetworkManager): Promise<Record<AccountGasKey, number>> {
  const osaka = await network.create({ network: "hardhat" });
  const prague = await network.create({ network: "hardhat", override: { hardfork: NO_PRECOMPILE_HARDFORK } });
  if (!(await hasP256Precompile(osaka.ethers))) throw new Error("the default network has no P-256 precompile");
  if (await hasP256Precompile(prague.ethers)) throw new Error(`${NO_PRECOMPILE_HARDFORK} has a P-256 precompile`);
  const withPrecompile = await measureSponsoredSubmit(osaka);
  const without = await measureSponsoredSubmit(prague);
  return {
    accountSubmitFirst: withPrecompile.first,
    accountSubmit: withPrecompile.steady,
    accountSubmitFirstNoPrecompile: without.first,
    accountSubmitNoPrecompile: without.steady,
    submitPrague: without.wallet,
  };
}

/** Every budgeted figure: {@link measureGas} on a fresh chain, then {@link measureAccountGas}. */
export async function measureAllGas(network: NetworkManager): Promise<GasFigures> {
  const { ethers } = await network.create({ network: "hardhat" });
  return { ...(await measureGas(ethers)), ...(await measureAccountGas(network)) };
}

/** bench/gas-accounts.md: the sponsored `submit` beside the same `submit` from a wallet. */
export function accountsGasTable(figures: GasFigures): string {
  const fmt = (n: number) => n.toLocaleString("en-US");
  const times = (n: number, wallet: number) => `${(n / wallet).toFixed(1)}×`;
  return [
    "# Gas: a citizen's `submit` from a passkey account and from a wallet",
    "",
    "Written by `npm run gas:update` (scripts/gas.ts, scripts/lib/gas.ts); checked by test/GasSnapshot.ts",
    "against gas-snapshot.json. The same `submit` in every row: a claim-gated service (RESIDENT level 2),",
    "a 280-byte summary, fresh request and client-reference slots, the agency's stats slot non-zero.",
    "The account rows are `receipt.gasUsed` of the bundler's `EntryPoint.handleOps` transaction carrying",
    "that one sponsored user operation (EntryPoint v0.8, CitizenAccount signed by a P-256 passkey,",
    'LayananPaymaster checking the sponsor\'s ECDSA signature and the on-chain policy). "First" deploys',
    "the account (ERC-1167 clone through `initCode`), attested beforehand at its predicted address;",
    '"steady state" is the account\'s second operation. With the precompile: the default in-process',
    "network (Osaka, P-256 verification at 0x100). Without: a second in-process chain pinned to",
    `\`${NO_PRECOMPILE_HARDFORK}\` (\`network.create({ override: { hardfork: "${NO_PRECOMPILE_HARDFORK}" } })\`), where 0x100 is`,
    "empty (checked before measuring) and OpenZeppelin's `P256` verifies in Solidity.",
    "",
    "| `submit` sent | P-256 precompile (Osaka) | no precompile (Prague) |",
    "|---|---:|---:|",
    `| from a wallet (EOA) | ${fmt(figures.submit)} | ${fmt(figures.submitPrague)} |`,
    `| sponsored, first operation (deploys the account) | ${fmt(figures.accountSubmitFirst)} (${times(figures.accountSubmitFirst, figures.submit)}) | ${fmt(figures.accountSubmitFirstNoPrecompile)} (${times(figures.accountSubmitFirstNoPrecompile, figures.submitPrague)}) |`,
    `| sponsored, steady state | ${fmt(figures.accountSubmit)} (${times(figures.accountSubmit, figures.submit)}) | ${fmt(figures.accountSubmitNoPrecompile)} (${times(figures.accountSubmitNoPrecompile, figures.submitPrague)}) |`,
    "",
    "The wallet's `submit` verifies no P-256 signature; the Prague figure is measured on the Prague chain.",
    "The multiple in brackets is relative to the wallet's `submit` on the same chain. The precompile saves",
    `${fmt(figures.accountSubmitNoPrecompile - figures.accountSubmit)} gas an operation. For comparison, TOOLCHAIN.md measured a SimpleAccount v0.8`,
    "(ECDSA owner, no paymaster) at about 260,500 gas for a first operation and 93,500 later.",
    "",
  ].join("\n");
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
