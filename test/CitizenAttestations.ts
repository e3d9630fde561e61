import { expect } from "chai";
import type { ContractTransactionResponse, Signer, TypedDataDomain } from "ethers";
import type { CitizenAttestations, MockERC1271Wallet } from "../types/ethers-contracts/index.js";
import {
  ATTEST_TYPES,
  AGENCY_A,
  AGENCY_B,
  DAY,
  KTP_VERIFIED,
  RESIDENT,
  SERVICE_GATED,
  cityFixture,
  clientRef,
  code,
  deployFixture,
  commitment,
  ethers,
  id,
  networkHelpers,
  now,
  residentFixture,
  type Deployment,
} from "./helpers/fixture.js";

const { loadFixture, time } = networkHelpers;

// -------------------------------------------------------------------------------------------------
// EIP-712 and the two ways to attest (EAS style: every scenario runs directly and by signature)
// -------------------------------------------------------------------------------------------------

const ATTEST_TYPE =
  "Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,uint32 agencyId," +
  "address officer,uint256 nonce,uint256 deadline)";

const UINT40_MAX = 2n ** 40n - 1n;
const EMPLOYER = id("EMPLOYER_VERIFIED");
const MAX_ISSUERS = 7;
const MAX_SIGNATURE_LIFETIME = BigInt(7 * DAY);

type Mode = "direct" | "bySig";
const MODES: Mode[] = ["direct", "bySig"];

interface AttestParams {
  subject: string;
  claimType: string;
  dataHash: string;
  level: number;
  expiresAt: bigint;
}

interface SignOptions {
  /** The officer named in the typed data and passed to attestBySig (defaults to the signer's address). */
  officer?: string;
  nonce?: bigint;
  deadline?: bigint;
  /** The agency named in the typed data (defaults to the officer's active agency when signing). */
  agencyId?: bigint;
  domain?: Partial<TypedDataDomain>;
}

async function domainOf(attestations: CitizenAttestations): Promise<TypedDataDomain> {
  return {
    name: "Layanan CitizenAttestations",
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await attestations.getAddress(),
  };
}

/**
 * Signs an Attest typed-data message with `signer` for `officer` at the officer's current nonce and
 * for the agency the officer serves now (what attestBySig will check at redemption).
 */
async function signAttest(
  attestations: CitizenAttestations,
  signer: Signer,
  p: AttestParams,
  options: SignOptions = {},
): Promise<{ officer: string; deadline: bigint; nonce: bigint; agencyId: bigint; signature: string }> {
  const officer = options.officer ?? (await signer.getAddress());
  const nonce = options.nonce ?? (await attestations.nonces(officer));
  const deadline = options.deadline ?? BigInt(await now()) + BigInt(DAY);
  const directory = await ethers.getContractAt("AgencyDirectory", await attestations.DIRECTORY());
  const agencyId = options.agencyId ?? (await directory.activeAgencyOf(officer));
  const domain = { ...(await domainOf(attestations)), ...options.domain };
  const signature = await signer.signTypedData(domain, ATTEST_TYPES, { ...p, agencyId, officer, nonce, deadline });
  return { officer, deadline, nonce, agencyId, signature };
}

/** The uid of an agency's `seq`-th attestation (from 0) of (subject, claim type), as the contract derives it. */
async function uidOf(
  attestations: CitizenAttestations,
  subject: string,
  claimType: string,
  agencyId: bigint,
  seq: number,
): Promise<string> {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["address", "address", "bytes32", "uint32", "uint32"],
      [await attestations.getAddress(), subject, claimType, agencyId, seq],
    ),
  );
}

/** The position in its agency's history of attestation `uid` (found by trying the first 32). */
async function seqOf(
  attestations: CitizenAttestations,
  uid: string,
  subject: string,
  claimType: string,
  agencyId: bigint,
): Promise<number> {
  for (let seq = 0; seq < 32; seq++) {
    if ((await uidOf(attestations, subject, claimType, agencyId, seq)) === uid) return seq;
  }
  throw new Error(`${uid} is not among the first 32 uids of agency ${agencyId}`);
}

interface Prepared {
  officer: string;
  staticCall: () => Promise<string>;
  send: () => Promise<ContractTransactionResponse>;
}

/**
 * One attestation, ready to run: `direct` has `signer` call attest; `bySig` has `signer` sign the
 * typed data off chain and the stranger submit it through attestBySig.
 */
async function prepare(
  d: Deployment,
  mode: Mode,
  signer: Signer,
  p: AttestParams,
  options: SignOptions = {},
): Promise<Prepared> {
  const { attestations, stranger } = d;
  if (mode === "direct") {
    const contract = attestations.connect(signer);
    const args = [p.subject, p.claimType, p.dataHash, p.level, p.expiresAt] as const;
    return {
      officer: await signer.getAddress(),
      staticCall: () => contract.attest.staticCall(...args),
      send: () => contract.attest(...args),
    };
  }
  const { officer, deadline, signature } = await signAttest(attestations, signer, p, options);
  const contract = attestations.connect(stranger);
  const args = [p.subject, p.claimType, p.dataHash, p.level, p.expiresAt, officer, deadline, signature] as const;
  return {
    officer,
    staticCall: () => contract.attestBySig.staticCall(...args),
    send: () => contract.attestBySig(...args),
  };
}

/**
 * Attests and checks everything together: the uid returned (staticCall) and how it is derived, the
 * Attested and NonceUsed events with all their arguments, every stored field, the agency's current
 * attestation, currentAttestation, isValid and the officer's nonce (used up either way).
 * `superseded` is the same agency's attestation this one replaces; `current` is what
 * currentAttestation must return afterwards (this attestation unless another agency's ranks higher).
 */
async function expectAttest(
  d: Deployment,
  mode: Mode,
  signer: Signer,
  p: AttestParams,
  expected: { agencyId?: bigint; superseded?: string; current?: string; options?: SignOptions } = {},
): Promise<string> {
  const { attestations } = d;
  const agencyId = expected.agencyId ?? AGENCY_A;
  const superseded = expected.superseded ?? ethers.ZeroHash;
  const prepared = await prepare(d, mode, signer, p, expected.options);
  const nonceBefore = await attestations.nonces(prepared.officer);
  expect(await attestations.currentAttestationOf(p.subject, p.claimType, agencyId)).to.equal(superseded);
  const seq =
    superseded === ethers.ZeroHash ? 0 : (await seqOf(attestations, superseded, p.subject, p.claimType, agencyId)) + 1;

  const uid = await prepared.staticCall();
  expect(uid).to.equal(await uidOf(attestations, p.subject, p.claimType, agencyId, seq));
  expect(uid).to.not.equal(superseded);
  const tx = await prepared.send();
  const receipt = await tx.wait();
  const block = await ethers.provider.getBlock(receipt!.blockNumber);

  await expect(tx)
    .to.emit(attestations, "Attested")
    .withArgs(uid, p.subject, p.claimType, agencyId, prepared.officer, p.dataHash, p.level, p.expiresAt, superseded);
  await expect(tx).to.emit(attestations, "NonceUsed").withArgs(prepared.officer, nonceBefore);
  const stored = await attestations.getAttestation(uid);
  expect(stored.subject).to.equal(p.subject);
  expect(stored.claimType).to.equal(p.claimType);
  expect(stored.dataHash).to.equal(p.dataHash);
  expect(stored.agencyId).to.equal(agencyId);
  expect(stored.level).to.equal(p.level);
  expect(stored.issuedAt).to.equal(block!.timestamp);
  expect(stored.expiresAt).to.equal(p.expiresAt);
  expect(stored.revokedAt).to.equal(0n);
  expect(await attestations.currentAttestationOf(p.subject, p.claimType, agencyId)).to.equal(uid);
  expect(await attestations.currentAttestation(p.subject, p.claimType)).to.equal(expected.current ?? uid);
  expect(await attestations.isValid(uid)).to.equal(true);
  if (superseded !== ethers.ZeroHash) expect(await attestations.isValid(superseded)).to.equal(false);
  // A direct attest uses up the officer's nonce too, so signatures given out before it are void.
  expect(await attestations.nonces(prepared.officer)).to.equal(nonceBefore + 1n);
  return uid;
}

/** Expects the attestation to revert with `error(args)` and to leave the officer's nonce unused. */
async function expectAttestRevert(
  d: Deployment,
  mode: Mode,
  signer: Signer,
  p: AttestParams,
  error: string,
  args: unknown[],
  options: SignOptions = {},
): Promise<void> {
  const { attestations } = d;
  const prepared = await prepare(d, mode, signer, p, options);
  const nonceBefore = await attestations.nonces(prepared.officer);
  await expect(prepared.send())
    .to.be.revertedWithCustomError(attestations, error)
    .withArgs(...args);
  expect(await attestations.nonces(prepared.officer)).to.equal(nonceBefore);
}

function params(d: Deployment, overrides: Partial<AttestParams> = {}): AttestParams {
  return {
    subject: d.citizen.address,
    claimType: RESIDENT,
    dataHash: commitment("3273010101900001|Kota Bandung"),
    level: 2,
    expiresAt: 0n,
    ...overrides,
  };
}

/** The city plus an ERC-1271 wallet, owned by citizen2's key, serving agency A as an officer. */
async function walletOfficerFixture() {
  const d = await cityFixture();
  const wallet = (await ethers.deployContract("MockERC1271Wallet", [
    d.citizen2.address,
  ])) as unknown as MockERC1271Wallet;
  await d.directory.connect(d.adminA).addOfficer(AGENCY_A, await wallet.getAddress());
  return { ...d, wallet, walletAddress: await wallet.getAddress() };
}

/** The city plus a RESIDENT attestation of `citizen` that expires in 30 days. */
async function expiringFixture() {
  const d = await cityFixture();
  const expiresAt = BigInt(await now()) + BigInt(30 * DAY);
  const dataHash = commitment("3273010101900001|Kota Bandung");
  await d.attestations.connect(d.officerA).attest(d.citizen.address, RESIDENT, dataHash, 2, expiresAt);
  const uid = await d.attestations.currentAttestation(d.citizen.address, RESIDENT);
  return { ...d, expiresAt, dataHash, uid };
}

const hexOf = (text: string) => Buffer.from(text, "utf8").toString("hex");

// -------------------------------------------------------------------------------------------------

describe("CitizenAttestations", function () {
  describe("constructor and constants", function () {
    it("points at the agency directory it was deployed with", async function () {
      const { attestations, directory } = await loadFixture(cityFixture);
      expect(await attestations.DIRECTORY()).to.equal(await directory.getAddress());
    });

    it("publishes the EIP-712 Attest type hash, the description limit and the highest level", async function () {
      const { attestations } = await loadFixture(cityFixture);
      expect(await attestations.ATTEST_TYPEHASH()).to.equal(ethers.id(ATTEST_TYPE));
      expect(ethers.TypedDataEncoder.from(ATTEST_TYPES).encodeType("Attest")).to.equal(ATTEST_TYPE);
      expect(await attestations.MAX_DESCRIPTION_LENGTH()).to.equal(280n);
      expect(await attestations.MAX_LEVEL()).to.equal(3n);
    });

    it("publishes the most trusted issuers per claim type and the longest signature lifetime", async function () {
      const { attestations } = await loadFixture(cityFixture);
      expect(await attestations.MAX_ISSUERS()).to.equal(BigInt(MAX_ISSUERS));
      expect(await attestations.MAX_SIGNATURE_LIFETIME()).to.equal(MAX_SIGNATURE_LIFETIME);
    });
  });

  describe("eip712Domain", function () {
    it("returns the domain that officers sign against", async function () {
      const { attestations } = await loadFixture(cityFixture);
      const domain = await attestations.eip712Domain();
      expect(domain.fields).to.equal("0x0f");
      expect(domain.name).to.equal("Layanan CitizenAttestations");
      expect(domain.version).to.equal("1");
      expect(domain.chainId).to.equal((await ethers.provider.getNetwork()).chainId);
      expect(domain.verifyingContract).to.equal(await attestations.getAddress());
      expect(domain.salt).to.equal(ethers.ZeroHash);
      expect(domain.extensions).to.deep.equal([]);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Governor
  // -----------------------------------------------------------------------------------------------

  describe("registerClaimType", function () {
    it("registers a claim type, emits ClaimTypeRegistered and lists it after the existing ones", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      expect(await attestations.isClaimType(EMPLOYER)).to.equal(false);
      expect(await attestations.claimTypeDescription(EMPLOYER)).to.equal("");

      await expect(attestations.connect(governor).registerClaimType(EMPLOYER, "Pekerja terverifikasi"))
        .to.emit(attestations, "ClaimTypeRegistered")
        .withArgs(EMPLOYER, "Pekerja terverifikasi");

      expect(await attestations.isClaimType(EMPLOYER)).to.equal(true);
      expect(await attestations.claimTypeDescription(EMPLOYER)).to.equal("Pekerja terverifikasi");
      expect(await attestations.claimTypes()).to.deep.equal([RESIDENT, KTP_VERIFIED, EMPLOYER]);
      expect(await attestations.claimTypeDescription(RESIDENT)).to.equal("Resident of Kota Bandung");
      expect(await attestations.isTrustedIssuer(EMPLOYER, AGENCY_A)).to.equal(false);
    });

    it("starts with no claim types on a fresh deployment", async function () {
      const { attestations } = await loadFixture(deployFixture);
      expect(await attestations.claimTypes()).to.deep.equal([]);
      expect(await attestations.isClaimType(RESIDENT)).to.equal(false);
    });

    it("rejects a caller who is not the governor, even an agency admin", async function () {
      const { attestations, adminA, stranger } = await loadFixture(cityFixture);
      for (const caller of [adminA, stranger]) {
        await expect(attestations.connect(caller).registerClaimType(EMPLOYER, "Pekerja"))
          .to.be.revertedWithCustomError(attestations, "AttestationsNotGovernor")
          .withArgs(caller.address);
      }
      expect(await attestations.isClaimType(EMPLOYER)).to.equal(false);
    });

    it("rejects a zero claim type", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).registerClaimType(ethers.ZeroHash, "Nothing"))
        .to.be.revertedWithCustomError(attestations, "AttestationsZeroClaimType")
        .withArgs();
    });

    it("rejects an empty description", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).registerClaimType(EMPLOYER, ""))
        .to.be.revertedWithCustomError(attestations, "AttestationsInvalidDescription")
        .withArgs(0, 280);
    });

    it("accepts a description of exactly 280 bytes and rejects 281", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).registerClaimType(id("TOO_LONG"), "a".repeat(281)))
        .to.be.revertedWithCustomError(attestations, "AttestationsInvalidDescription")
        .withArgs(281, 280);
      await expect(attestations.connect(governor).registerClaimType(EMPLOYER, "a".repeat(280)))
        .to.emit(attestations, "ClaimTypeRegistered")
        .withArgs(EMPLOYER, "a".repeat(280));
      expect(await attestations.claimTypeDescription(EMPLOYER)).to.equal("a".repeat(280));
    });

    it("counts the description in UTF-8 bytes, not characters", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      // "é" is two bytes: 141 of them are 282 bytes, 140 are exactly 280.
      await expect(attestations.connect(governor).registerClaimType(id("TOO_LONG"), "é".repeat(141)))
        .to.be.revertedWithCustomError(attestations, "AttestationsInvalidDescription")
        .withArgs(282, 280);
      await expect(attestations.connect(governor).registerClaimType(EMPLOYER, "é".repeat(140)))
        .to.emit(attestations, "ClaimTypeRegistered")
        .withArgs(EMPLOYER, "é".repeat(140));
    });

    it("rejects a claim type registered before", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).registerClaimType(RESIDENT, "Again"))
        .to.be.revertedWithCustomError(attestations, "AttestationsClaimTypeExists")
        .withArgs(RESIDENT);
      expect(await attestations.claimTypeDescription(RESIDENT)).to.equal("Resident of Kota Bandung");
      expect(await attestations.claimTypes()).to.deep.equal([RESIDENT, KTP_VERIFIED]);
    });

    it("rejects a claim type beyond the 65535 that a uint16 index can hold", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      // _claimTypes is the first slot after EIP712's two fallback strings and Nonces' mapping.
      const slot = 3n;
      const address = await attestations.getAddress();
      expect(BigInt(await ethers.provider.getStorage(address, slot))).to.equal(
        BigInt((await attestations.claimTypes()).length),
      );
      await networkHelpers.setStorageAt(address, slot, 65535n);
      await expect(
        attestations.connect(governor).registerClaimType(EMPLOYER, "One too many"),
      ).to.be.revertedWithCustomError(attestations, "AttestationsTooManyClaimTypes");
      await networkHelpers.setStorageAt(address, slot, 65534n);
      await expect(attestations.connect(governor).registerClaimType(EMPLOYER, "The last one"))
        .to.emit(attestations, "ClaimTypeRegistered")
        .withArgs(EMPLOYER, "The last one");
    });
  });

  describe("setTrustedIssuer", function () {
    it("trusts an agency, emits TrustedIssuerSet and lets its officers attest the claim", async function () {
      const { attestations, governor, officerB, citizen } = await loadFixture(cityFixture);
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_B)).to.equal(false);
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_B, true))
        .to.emit(attestations, "TrustedIssuerSet")
        .withArgs(RESIDENT, AGENCY_B, true);
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_B)).to.equal(true);
      expect(await attestations.isTrustedIssuer(KTP_VERIFIED, AGENCY_B)).to.equal(false);
      await expect(attestations.connect(officerB).attest(citizen.address, RESIDENT, commitment("x"), 1, 0)).to.emit(
        attestations,
        "Attested",
      );
    });

    it("distrusts an agency, emits TrustedIssuerSet and stops its officers from attesting the claim", async function () {
      const { attestations, governor, officerA, citizen } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, false))
        .to.emit(attestations, "TrustedIssuerSet")
        .withArgs(RESIDENT, AGENCY_A, false);
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_A)).to.equal(false);
      expect(await attestations.isTrustedIssuer(KTP_VERIFIED, AGENCY_A)).to.equal(true);
      await expect(attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("x"), 2, 0))
        .to.be.revertedWithCustomError(attestations, "AttestationsUntrustedIssuer")
        .withArgs(RESIDENT, AGENCY_A);
    });

    it("trusts an agency again after distrusting it", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, false);
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, true))
        .to.emit(attestations, "TrustedIssuerSet")
        .withArgs(RESIDENT, AGENCY_A, true);
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_A)).to.equal(true);
    });

    it("makes the agency's attestations invalid while it is distrusted, and valid again once trusted", async function () {
      const { attestations, governor, citizen, uid } = await loadFixture(residentFixture);
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, false);
      // isValid = exists, current for its agency, not revoked, not expired, agency active and trusted.
      expect(await attestations.isValid(uid)).to.equal(false);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(false);
      expect(await attestations.currentAttestation(citizen.address, RESIDENT)).to.equal(ethers.ZeroHash);
      // The record itself is untouched: it is neither revoked nor superseded.
      expect((await attestations.getAttestation(uid)).revokedAt).to.equal(0n);
      expect(await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_A)).to.equal(uid);
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, true);
      expect(await attestations.isValid(uid)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(true);
      expect(await attestations.currentAttestation(citizen.address, RESIDENT)).to.equal(uid);
    });

    it("does not touch the agency's attestations of the claim types it is still trusted for", async function () {
      const { attestations, governor, officerA, citizen, uid } = await loadFixture(residentFixture);
      await attestations.connect(officerA).attest(citizen.address, KTP_VERIFIED, commitment("ktp"), 2, 0);
      const ktp = await attestations.currentAttestation(citizen.address, KTP_VERIFIED);
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, false);
      expect(await attestations.isValid(uid)).to.equal(false);
      expect(await attestations.isValid(ktp)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, KTP_VERIFIED, 2)).to.equal(true);
    });

    it(`trusts at most ${MAX_ISSUERS} agencies per claim type and reuses a place once one is distrusted`, async function () {
      const { attestations, directory, governor } = await loadFixture(cityFixture);
      // Agencies 3..9 besides A and B (admins that serve nowhere else).
      for (let i = 3; i <= 9; i++) {
        await directory
          .connect(governor)
          .registerAgency(code(`DINAS_${i}`), `Dinas ${i}`, ethers.Wallet.createRandom().address);
      }
      // RESIDENT already trusts A: six more fill its seven places.
      for (const agencyId of [AGENCY_B, 3n, 4n, 5n, 6n, 7n]) {
        await attestations.connect(governor).setTrustedIssuer(RESIDENT, agencyId, true);
      }
      expect([...(await attestations.trustedIssuers(RESIDENT))].sort()).to.deep.equal(
        [AGENCY_A, AGENCY_B, 3n, 4n, 5n, 6n, 7n].sort(),
      );
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, 8n, true))
        .to.be.revertedWithCustomError(attestations, "AttestationsTooManyIssuers")
        .withArgs(RESIDENT, MAX_ISSUERS);
      expect(await attestations.isTrustedIssuer(RESIDENT, 8n)).to.equal(false);
      // Another claim type has its own places.
      await expect(attestations.connect(governor).setTrustedIssuer(KTP_VERIFIED, 8n, true))
        .to.emit(attestations, "TrustedIssuerSet")
        .withArgs(KTP_VERIFIED, 8n, true);
      // Distrusting one frees its place.
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, 4n, false);
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, 8n, true))
        .to.emit(attestations, "TrustedIssuerSet")
        .withArgs(RESIDENT, 8n, true);
      expect(await attestations.isTrustedIssuer(RESIDENT, 8n)).to.equal(true);
      expect(await attestations.isTrustedIssuer(RESIDENT, 4n)).to.equal(false);
      expect([...(await attestations.trustedIssuers(RESIDENT))].sort()).to.deep.equal(
        [AGENCY_A, AGENCY_B, 3n, 5n, 6n, 7n, 8n].sort(),
      );
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, 9n, true))
        .to.be.revertedWithCustomError(attestations, "AttestationsTooManyIssuers")
        .withArgs(RESIDENT, MAX_ISSUERS);
    });

    it("rejects a caller who is not the governor, even an agency admin", async function () {
      const { attestations, adminA, officerA, stranger } = await loadFixture(cityFixture);
      for (const caller of [adminA, officerA, stranger]) {
        await expect(attestations.connect(caller).setTrustedIssuer(RESIDENT, AGENCY_B, true))
          .to.be.revertedWithCustomError(attestations, "AttestationsNotGovernor")
          .withArgs(caller.address);
      }
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_B)).to.equal(false);
    });

    it("rejects an unknown claim type", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).setTrustedIssuer(EMPLOYER, AGENCY_A, true))
        .to.be.revertedWithCustomError(attestations, "AttestationsUnknownClaimType")
        .withArgs(EMPLOYER);
    });

    it("rejects an unknown agency, including agency 0", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      for (const agencyId of [0n, 3n]) {
        await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, agencyId, true))
          .to.be.revertedWithCustomError(attestations, "AttestationsUnknownAgency")
          .withArgs(agencyId);
      }
    });

    it("rejects trusting a trusted agency or distrusting an untrusted one", async function () {
      const { attestations, governor } = await loadFixture(cityFixture);
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_A, true))
        .to.be.revertedWithCustomError(attestations, "AttestationsTrustUnchanged")
        .withArgs(RESIDENT, AGENCY_A);
      await expect(attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_B, false))
        .to.be.revertedWithCustomError(attestations, "AttestationsTrustUnchanged")
        .withArgs(RESIDENT, AGENCY_B);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Attesting, directly and by signature
  // -----------------------------------------------------------------------------------------------

  for (const mode of MODES) {
    describe(mode === "direct" ? "attest" : "attestBySig (same scenarios, signed by the officer)", function () {
      describe("a new attestation", function () {
        for (const level of [1, 2, 3]) {
          it(`attests level ${level} that never expires`, async function () {
            const d = await loadFixture(cityFixture);
            await expectAttest(d, mode, d.officerA, params(d, { level }));
            expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, level)).to.equal(true);
          });
        }

        it("attests with an expiry one second ahead", async function () {
          const d = await loadFixture(cityFixture);
          const blockTime = BigInt(await now()) + 10n;
          await time.setNextBlockTimestamp(blockTime);
          await expectAttest(d, mode, d.officerA, params(d, { expiresAt: blockTime + 1n }));
        });

        it("attests with the latest expiry a uint40 can hold", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttest(d, mode, d.officerA, params(d, { expiresAt: UINT40_MAX }));
        });

        it("lets the agency admin attest, since an admin counts as an officer", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttest(d, mode, d.adminA, params(d, { claimType: KTP_VERIFIED }));
        });

        it("gives distinct uids across subjects and claim types", async function () {
          const d = await loadFixture(cityFixture);
          const uids = [
            await expectAttest(d, mode, d.officerA, params(d)),
            await expectAttest(d, mode, d.officerA, params(d, { claimType: KTP_VERIFIED })),
            await expectAttest(d, mode, d.officerA, params(d, { subject: d.citizen2.address })),
            await expectAttest(
              d,
              mode,
              d.officerA,
              params(d, { subject: d.citizen2.address, claimType: KTP_VERIFIED }),
            ),
          ];
          expect(new Set(uids).size).to.equal(4);
          for (const uid of uids) expect(await d.attestations.isValid(uid)).to.equal(true);
        });

        it("gives a different uid to the same claim attested on another deployment", async function () {
          const d = await loadFixture(cityFixture);
          const first = await expectAttest(d, mode, d.officerA, params(d));
          const other = (await ethers.deployContract("CitizenAttestations", [
            await d.directory.getAddress(),
          ])) as unknown as CitizenAttestations;
          await other.connect(d.governor).registerClaimType(RESIDENT, "Resident of Kota Bandung");
          await other.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_A, true);
          const second = await expectAttest({ ...d, attestations: other }, mode, d.officerA, params(d));
          expect(second).to.not.equal(first);
          expect(await d.attestations.isValid(second)).to.equal(false);
        });
      });

      describe("validation", function () {
        it("rejects a caller who is not an officer", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttestRevert(d, mode, d.stranger, params(d), "AttestationsNotOfficer", [d.stranger.address]);
        });

        it("rejects an officer of a suspended agency", async function () {
          const d = await loadFixture(cityFixture);
          await d.directory.connect(d.governor).setAgencyActive(AGENCY_A, false);
          await expectAttestRevert(d, mode, d.officerA, params(d), "AttestationsNotOfficer", [d.officerA.address]);
        });

        it("rejects an officer who was removed from the agency", async function () {
          const d = await loadFixture(cityFixture);
          await d.directory.connect(d.adminA).removeOfficer(d.officerA.address);
          await expectAttestRevert(d, mode, d.officerA, params(d), "AttestationsNotOfficer", [d.officerA.address]);
        });

        it("rejects an unknown claim type", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttestRevert(
            d,
            mode,
            d.officerA,
            params(d, { claimType: EMPLOYER }),
            "AttestationsUnknownClaimType",
            [EMPLOYER],
          );
        });

        it("rejects an officer whose agency is not trusted for the claim type", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttestRevert(d, mode, d.officerB, params(d), "AttestationsUntrustedIssuer", [RESIDENT, AGENCY_B]);
        });

        it("rejects a zero subject", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttestRevert(
            d,
            mode,
            d.officerA,
            params(d, { subject: ethers.ZeroAddress }),
            "AttestationsZeroSubject",
            [],
          );
        });

        it("rejects a zero data commitment", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttestRevert(
            d,
            mode,
            d.officerA,
            params(d, { dataHash: ethers.ZeroHash }),
            "AttestationsZeroDataHash",
            [],
          );
        });

        for (const level of [0, 4, 255]) {
          it(`rejects assurance level ${level}`, async function () {
            const d = await loadFixture(cityFixture);
            await expectAttestRevert(d, mode, d.officerA, params(d, { level }), "AttestationsInvalidLevel", [level]);
          });
        }

        it("rejects an expiry in the past", async function () {
          const d = await loadFixture(cityFixture);
          const expiresAt = BigInt(await now()) - 1n;
          await expectAttestRevert(d, mode, d.officerA, params(d, { expiresAt }), "AttestationsInvalidExpiry", [
            expiresAt,
          ]);
        });

        it("rejects an expiry equal to the block time", async function () {
          const d = await loadFixture(cityFixture);
          const expiresAt = BigInt(await now()) + 60n;
          const prepared = await prepare(d, mode, d.officerA, params(d, { expiresAt }));
          await time.setNextBlockTimestamp(expiresAt);
          await expect(prepared.send())
            .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidExpiry")
            .withArgs(expiresAt);
        });

        it("rejects an expiry beyond what a uint40 can hold", async function () {
          const d = await loadFixture(cityFixture);
          for (const expiresAt of [UINT40_MAX + 1n, 2n ** 64n - 1n]) {
            await expectAttestRevert(d, mode, d.officerA, params(d, { expiresAt }), "AttestationsInvalidExpiry", [
              expiresAt,
            ]);
          }
        });

        it("leaves no attestation behind when it reverts", async function () {
          const d = await loadFixture(cityFixture);
          await expectAttestRevert(d, mode, d.officerA, params(d, { level: 0 }), "AttestationsInvalidLevel", [0]);
          expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(ethers.ZeroHash);
          expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 0)).to.equal(false);
        });
      });

      describe("supersede", function () {
        it("replaces the current attestation of the same subject and claim type", async function () {
          const d = await loadFixture(residentFixture);
          const { attestations, citizen, uid: oldUid, dataHash: oldDataHash } = d;
          const oldStored = await attestations.getAttestation(oldUid);

          const newUid = await expectAttest(
            d,
            mode,
            d.officerA,
            params(d, { dataHash: commitment("new address"), level: 3 }),
            {
              superseded: oldUid,
            },
          );

          expect(newUid).to.not.equal(oldUid);
          expect(await attestations.currentAttestation(citizen.address, RESIDENT)).to.equal(newUid);
          expect(await attestations.isValid(oldUid)).to.equal(false);
          expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 3)).to.equal(true);
          // The superseded attestation's record is untouched (not marked revoked).
          const after = await attestations.getAttestation(oldUid);
          expect([...after]).to.deep.equal([...oldStored]);
          expect(after.dataHash).to.equal(oldDataHash);
          expect(after.revokedAt).to.equal(0n);
        });

        it("chains: a third attestation supersedes the second, and each old uid stays invalid", async function () {
          const d = await loadFixture(residentFixture);
          const second = await expectAttest(d, mode, d.officerA, params(d, { level: 1 }), { superseded: d.uid });
          const third = await expectAttest(d, mode, d.officerA, params(d, { level: 3 }), { superseded: second });
          expect(new Set([d.uid, second, third]).size).to.equal(3);
          expect(await d.attestations.isValid(d.uid)).to.equal(false);
          expect(await d.attestations.isValid(second)).to.equal(false);
          expect(await d.attestations.isValid(third)).to.equal(true);
        });

        it("does not touch the subject's attestations of other claim types or other subjects", async function () {
          const d = await loadFixture(residentFixture);
          const ktp = await expectAttest(d, mode, d.officerA, params(d, { claimType: KTP_VERIFIED }));
          const other = await expectAttest(d, mode, d.officerA, params(d, { subject: d.citizen2.address }));
          await expectAttest(d, mode, d.officerA, params(d, { level: 3 }), { superseded: d.uid });
          expect(await d.attestations.isValid(ktp)).to.equal(true);
          expect(await d.attestations.isValid(other)).to.equal(true);
          expect(await d.attestations.currentAttestation(d.citizen.address, KTP_VERIFIED)).to.equal(ktp);
        });

        it("never lets another trusted agency supersede the attestation: each agency keeps its own", async function () {
          const d = await loadFixture(residentFixture);
          await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
          // Same level: the latest is current, but agency A's stays valid beside it.
          const b = await expectAttest(d, mode, d.officerB, params(d, { dataHash: commitment("B") }), {
            agencyId: AGENCY_B,
          });
          expect(await d.attestations.isValid(d.uid)).to.equal(true);
          expect(await d.attestations.currentAttestationOf(d.citizen.address, RESIDENT, AGENCY_A)).to.equal(d.uid);
          expect(await d.attestations.currentAttestationOf(d.citizen.address, RESIDENT, AGENCY_B)).to.equal(b);
          // Agency A superseding its own leaves agency B's alone.
          const a = await expectAttest(d, mode, d.officerA, params(d, { dataHash: commitment("A again") }), {
            superseded: d.uid,
          });
          expect(await d.attestations.isValid(b)).to.equal(true);
          expect(await d.attestations.isValid(a)).to.equal(true);
        });

        it("rejects an identical re-attestation as a duplicate", async function () {
          const d = await loadFixture(residentFixture);
          await expectAttestRevert(d, mode, d.officerA, params(d, { dataHash: d.dataHash }), "AttestationsDuplicate", [
            d.uid,
          ]);
          expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(d.uid);
        });

        it("rejects an identical re-attestation by another officer of the same agency", async function () {
          const d = await loadFixture(residentFixture);
          await expectAttestRevert(d, mode, d.adminA, params(d, { dataHash: d.dataHash }), "AttestationsDuplicate", [
            d.uid,
          ]);
        });

        it("allows an identical re-attestation after the current one is revoked", async function () {
          const d = await loadFixture(residentFixture);
          await d.attestations.connect(d.officerA).revoke(d.uid, code("DATA_CHANGED"));
          const uid = await expectAttest(d, mode, d.officerA, params(d, { dataHash: d.dataHash }), {
            superseded: d.uid,
          });
          expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 2)).to.equal(true);
          expect((await d.attestations.getAttestation(d.uid)).revokedAt).to.not.equal(0n);
          expect((await d.attestations.getAttestation(uid)).revokedAt).to.equal(0n);
        });

        it("allows a re-attestation when the data commitment differs", async function () {
          const d = await loadFixture(residentFixture);
          await expectAttest(d, mode, d.officerA, params(d, { dataHash: commitment("other") }), { superseded: d.uid });
        });

        it("allows a re-attestation when the level differs", async function () {
          const d = await loadFixture(residentFixture);
          await expectAttest(d, mode, d.officerA, params(d, { dataHash: d.dataHash, level: 3 }), { superseded: d.uid });
        });

        it("allows a re-attestation when the expiry differs", async function () {
          const d = await loadFixture(residentFixture);
          const expiresAt = BigInt(await now()) + BigInt(365 * DAY);
          await expectAttest(d, mode, d.officerA, params(d, { dataHash: d.dataHash, expiresAt }), {
            superseded: d.uid,
          });
        });

        it("allows the same attestation by another agency: duplicates are checked per agency", async function () {
          const d = await loadFixture(residentFixture);
          await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
          const b = await expectAttest(d, mode, d.officerB, params(d, { dataHash: d.dataHash }), {
            agencyId: AGENCY_B,
          });
          expect(await d.attestations.isValid(d.uid)).to.equal(true);
          await expectAttestRevert(d, mode, d.officerB, params(d, { dataHash: d.dataHash }), "AttestationsDuplicate", [
            b,
          ]);
        });

        it("renews an expired attestation", async function () {
          const d = await loadFixture(expiringFixture);
          await time.increaseTo(d.expiresAt);
          expect(await d.attestations.isValid(d.uid)).to.equal(false);
          const expiresAt = d.expiresAt + BigInt(365 * DAY);
          await expectAttest(d, mode, d.officerA, params(d, { dataHash: d.dataHash, expiresAt }), {
            superseded: d.uid,
          });
          expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 2)).to.equal(true);
        });
      });

      describe("privacy", function () {
        it("puts only the commitment on chain, never the NIK or the name", async function () {
          const d = await loadFixture(cityFixture);
          const nik = "3273014505900002";
          const name = "Siti Rahayu";
          const salt = ethers.hexlify(ethers.randomBytes(32));
          const dataHash = commitment(`${nik}|${name}|Kota Bandung`, salt);
          const prepared = await prepare(d, mode, d.officerA, params(d, { dataHash }));
          const uid = await prepared.staticCall();
          const tx = await prepared.send();
          const receipt = await tx.wait();

          await expect(tx)
            .to.emit(d.attestations, "Attested")
            .withArgs(uid, d.citizen.address, RESIDENT, AGENCY_A, d.officerA.address, dataHash, 2, 0, ethers.ZeroHash);
          expect(tx.data.toLowerCase()).to.contain(dataHash.slice(2).toLowerCase());
          const logs = receipt!.logs.map((log) => [log.data, ...log.topics].join("")).join("");
          expect(logs.toLowerCase()).to.contain(dataHash.slice(2).toLowerCase());
          // Neither the NIK, the name (UTF-8) nor the salt that opens the commitment.
          for (const needle of [hexOf(nik), hexOf(name), salt.slice(2).toLowerCase()]) {
            expect(tx.data.toLowerCase()).to.not.contain(needle);
            expect(logs.toLowerCase()).to.not.contain(needle);
          }
        });
      });
    });
  }

  describe("attestBySig", function () {
    it("attests for the signing officer when a stranger submits, and uses the officer's nonce", async function () {
      const d = await loadFixture(cityFixture);
      const { attestations, officerA, stranger } = d;
      expect(await attestations.nonces(officerA.address)).to.equal(0n);
      const p = params(d);
      const { deadline, signature } = await signAttest(attestations, officerA, p);
      const uid = await attestations
        .connect(stranger)
        .attestBySig.staticCall(
          p.subject,
          p.claimType,
          p.dataHash,
          p.level,
          p.expiresAt,
          officerA.address,
          deadline,
          signature,
        );
      await expect(
        attestations
          .connect(stranger)
          .attestBySig(p.subject, p.claimType, p.dataHash, p.level, p.expiresAt, officerA.address, deadline, signature),
      )
        .to.emit(attestations, "Attested")
        .withArgs(
          uid,
          p.subject,
          p.claimType,
          AGENCY_A,
          officerA.address,
          p.dataHash,
          p.level,
          p.expiresAt,
          ethers.ZeroHash,
        );
      expect(await attestations.nonces(officerA.address)).to.equal(1n);
      expect(await attestations.nonces(stranger.address)).to.equal(0n);
      expect(await attestations.currentAttestation(p.subject, p.claimType)).to.equal(uid);
    });

    it("increments the nonce once per signed attestation", async function () {
      const d = await loadFixture(cityFixture);
      for (let i = 0; i < 3; i++) {
        expect(await d.attestations.nonces(d.officerA.address)).to.equal(BigInt(i));
        await expectAttest(d, "bySig", d.officerA, params(d, { subject: ethers.Wallet.createRandom().address }));
      }
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(3n);
    });

    it("rejects a replay of a signature already used", async function () {
      const d = await loadFixture(cityFixture);
      const prepared = await prepare(d, "bySig", d.officerA, params(d));
      await prepared.send();
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(1n);
      await expect(prepared.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(1n);
    });

    it("rejects a replay even after the attestation it made was revoked", async function () {
      const d = await loadFixture(cityFixture);
      const prepared = await prepare(d, "bySig", d.officerA, params(d));
      await prepared.send();
      const uid = await d.attestations.currentAttestation(d.citizen.address, RESIDENT);
      await d.attestations.connect(d.governor).revoke(uid, code("FRAUD"));
      await expect(prepared.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
    });

    it("rejects a signature signed for a future nonce", async function () {
      const d = await loadFixture(cityFixture);
      await expectAttestRevert(
        d,
        "bySig",
        d.officerA,
        params(d),
        "AttestationsInvalidSignature",
        [d.officerA.address],
        {
          nonce: 1n,
        },
      );
    });

    it("accepts a signature in the block whose time is its deadline", async function () {
      const d = await loadFixture(cityFixture);
      const deadline = BigInt(await now()) + 100n;
      await time.setNextBlockTimestamp(deadline);
      await expectAttest(d, "bySig", d.officerA, params(d), { options: { deadline } });
      expect(
        (await d.attestations.getAttestation(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)))
          .issuedAt,
      ).to.equal(deadline);
    });

    it("rejects a signature one second after its deadline", async function () {
      const d = await loadFixture(cityFixture);
      const deadline = BigInt(await now()) + 100n;
      const late = await prepare(d, "bySig", d.officerA, params(d), { deadline });
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(late.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsSignatureExpired")
        .withArgs(deadline);
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(0n);
    });

    it("rejects a signature whose deadline has passed", async function () {
      const d = await loadFixture(cityFixture);
      const deadline = BigInt(await now()) - 1n;
      await expectAttestRevert(d, "bySig", d.officerA, params(d), "AttestationsSignatureExpired", [deadline], {
        deadline,
      });
    });

    it("rejects a signature by another key than the officer named", async function () {
      const d = await loadFixture(cityFixture);
      // officerB signs, claiming to be officerA.
      await expectAttestRevert(
        d,
        "bySig",
        d.officerB,
        params(d),
        "AttestationsInvalidSignature",
        [d.officerA.address],
        {
          officer: d.officerA.address,
        },
      );
    });

    it("rejects a valid signature by a key that is not an officer", async function () {
      const d = await loadFixture(cityFixture);
      await expectAttestRevert(d, "bySig", d.citizen2, params(d), "AttestationsNotOfficer", [d.citizen2.address]);
    });

    it("rejects a signature when any signed field is changed by the submitter", async function () {
      const d = await loadFixture(cityFixture);
      const { attestations, officerA, stranger, citizen2 } = d;
      const p = params(d);
      const { deadline, signature } = await signAttest(attestations, officerA, p);
      const tampered: [string, unknown[]][] = [
        ["subject", [citizen2.address, p.claimType, p.dataHash, p.level, p.expiresAt, officerA.address, deadline]],
        ["claimType", [p.subject, KTP_VERIFIED, p.dataHash, p.level, p.expiresAt, officerA.address, deadline]],
        ["dataHash", [p.subject, p.claimType, commitment("other"), p.level, p.expiresAt, officerA.address, deadline]],
        ["level", [p.subject, p.claimType, p.dataHash, 3, p.expiresAt, officerA.address, deadline]],
        ["expiresAt", [p.subject, p.claimType, p.dataHash, p.level, deadline, officerA.address, deadline]],
        ["deadline", [p.subject, p.claimType, p.dataHash, p.level, p.expiresAt, officerA.address, deadline + 1n]],
      ];
      for (const [field, args] of tampered) {
        const [subject, claimType, dataHash, level, expiresAt, officer, dl] = args as [
          string,
          string,
          string,
          number,
          bigint,
          string,
          bigint,
        ];
        await expect(
          attestations
            .connect(stranger)
            .attestBySig(subject, claimType, dataHash, level, expiresAt, officer, dl, signature),
          `tampered ${field}`,
        )
          .to.be.revertedWithCustomError(attestations, "AttestationsInvalidSignature")
          .withArgs(officerA.address);
      }
      expect(await attestations.nonces(officerA.address)).to.equal(0n);
    });

    it("rejects a signature naming another agency than the one the officer serves", async function () {
      const d = await loadFixture(cityFixture);
      await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
      for (const agencyId of [AGENCY_B, 0n, 3n]) {
        await expectAttestRevert(
          d,
          "bySig",
          d.officerA,
          params(d),
          "AttestationsInvalidSignature",
          [d.officerA.address],
          {
            agencyId,
          },
        );
      }
      await expectAttest(d, "bySig", d.officerA, params(d), { options: { agencyId: AGENCY_A } });
    });

    it("accepts a deadline exactly seven days after the block time and refuses one second more", async function () {
      const d = await loadFixture(cityFixture);
      const blockTime = BigInt(await now()) + 100n;
      const tooFar = await prepare(d, "bySig", d.officerA, params(d), {
        deadline: blockTime + MAX_SIGNATURE_LIFETIME + 1n,
      });
      await time.setNextBlockTimestamp(blockTime);
      await expect(tooFar.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsDeadlineTooFar")
        .withArgs(blockTime + MAX_SIGNATURE_LIFETIME + 1n, blockTime + MAX_SIGNATURE_LIFETIME);
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(0n);

      const next = blockTime + 10n;
      const longest = await prepare(d, "bySig", d.officerA, params(d), { deadline: next + MAX_SIGNATURE_LIFETIME });
      await time.setNextBlockTimestamp(next);
      await expect(longest.send()).to.emit(d.attestations, "Attested");
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(1n);
      expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 2)).to.equal(true);
    });

    it("refuses a signature that never expires (deadline MaxUint256)", async function () {
      const d = await loadFixture(cityFixture);
      const prepared = await prepare(d, "bySig", d.officerA, params(d), { deadline: ethers.MaxUint256 });
      const blockTime = BigInt(await now()) + 5n;
      await time.setNextBlockTimestamp(blockTime);
      await expect(prepared.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsDeadlineTooFar")
        .withArgs(ethers.MaxUint256, blockTime + MAX_SIGNATURE_LIFETIME);
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(0n);
    });

    it("rejects a signature made for another domain", async function () {
      const d = await loadFixture(cityFixture);
      const wrongDomains: Partial<TypedDataDomain>[] = [
        { name: "Layanan" },
        { version: "2" },
        { chainId: 1n },
        { verifyingContract: await d.documents.getAddress() },
      ];
      for (const domain of wrongDomains) {
        await expectAttestRevert(
          d,
          "bySig",
          d.officerA,
          params(d),
          "AttestationsInvalidSignature",
          [d.officerA.address],
          {
            domain,
          },
        );
      }
    });

    it("rejects a malleable (high-s) copy of a valid signature", async function () {
      const d = await loadFixture(cityFixture);
      const p = params(d);
      const { deadline, signature } = await signAttest(d.attestations, d.officerA, p);
      const sig = ethers.Signature.from(signature);
      const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
      const highS = ethers.concat([sig.r, ethers.toBeHex(n - BigInt(sig.s), 32), sig.v === 27 ? "0x1c" : "0x1b"]);
      await expect(
        d.attestations
          .connect(d.stranger)
          .attestBySig(p.subject, p.claimType, p.dataHash, p.level, p.expiresAt, d.officerA.address, deadline, highS),
      )
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
    });

    it("rejects a 64-byte compact (ERC-2098) signature, which OpenZeppelin 5 no longer accepts", async function () {
      const d = await loadFixture(cityFixture);
      const p = params(d);
      const { deadline, signature } = await signAttest(d.attestations, d.officerA, p);
      const compact = ethers.Signature.from(signature).compactSerialized;
      expect(ethers.dataLength(compact)).to.equal(64);
      await expect(
        d.attestations
          .connect(d.stranger)
          .attestBySig(p.subject, p.claimType, p.dataHash, p.level, p.expiresAt, d.officerA.address, deadline, compact),
      )
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
    });

    it("rejects the zero address as officer with an empty or garbage signature, since it serves no agency", async function () {
      const d = await loadFixture(cityFixture);
      const p = params(d);
      const deadline = BigInt(await now()) + BigInt(DAY);
      for (const signature of ["0x", ethers.hexlify(new Uint8Array(65))]) {
        await expect(
          d.attestations
            .connect(d.stranger)
            .attestBySig(
              p.subject,
              p.claimType,
              p.dataHash,
              p.level,
              p.expiresAt,
              ethers.ZeroAddress,
              deadline,
              signature,
            ),
        )
          .to.be.revertedWithCustomError(d.attestations, "AttestationsNotOfficer")
          .withArgs(ethers.ZeroAddress);
      }
    });

    describe("with an ERC-1271 smart-account officer", function () {
      it("accepts a signature by the wallet's owner key and records the wallet as the officer", async function () {
        const d = await loadFixture(walletOfficerFixture);
        expect(await d.directory.isOfficer(AGENCY_A, d.walletAddress)).to.equal(true);
        await expectAttest(d, "bySig", d.citizen2, params(d), { options: { officer: d.walletAddress } });
        expect(await d.attestations.nonces(d.walletAddress)).to.equal(1n);
        expect(await d.attestations.nonces(d.citizen2.address)).to.equal(0n);
      });

      it("rejects a signature the wallet does not accept", async function () {
        const d = await loadFixture(walletOfficerFixture);
        await expectAttestRevert(d, "bySig", d.stranger, params(d), "AttestationsInvalidSignature", [d.walletAddress], {
          officer: d.walletAddress,
        });
      });

      it("rejects the wallet's owner key signing for itself, since the key is not an officer", async function () {
        const d = await loadFixture(walletOfficerFixture);
        await expectAttestRevert(d, "bySig", d.citizen2, params(d), "AttestationsNotOfficer", [d.citizen2.address]);
      });

      it("lets the wallet attest directly through a call it makes", async function () {
        const d = await loadFixture(walletOfficerFixture);
        const p = params(d);
        const data = d.attestations.interface.encodeFunctionData("attest", [
          p.subject,
          p.claimType,
          p.dataHash,
          p.level,
          p.expiresAt,
        ]);
        const target = await d.attestations.getAddress();
        const [uid] = d.attestations.interface.decodeFunctionResult(
          "attest",
          await d.wallet.connect(d.citizen2).execute.staticCall(target, data),
        );
        await expect(d.wallet.connect(d.citizen2).execute(target, data))
          .to.emit(d.attestations, "Attested")
          .withArgs(
            uid,
            p.subject,
            p.claimType,
            AGENCY_A,
            d.walletAddress,
            p.dataHash,
            p.level,
            p.expiresAt,
            ethers.ZeroHash,
          );
        expect(await d.attestations.currentAttestation(p.subject, p.claimType)).to.equal(uid);
      });

      it("lets the wallet invalidate its unused signatures with useNonce", async function () {
        const d = await loadFixture(walletOfficerFixture);
        const prepared = await prepare(d, "bySig", d.citizen2, params(d), { officer: d.walletAddress });
        const data = d.attestations.interface.encodeFunctionData("useNonce");
        await expect(d.wallet.connect(d.citizen2).execute(await d.attestations.getAddress(), data))
          .to.emit(d.attestations, "NonceUsed")
          .withArgs(d.walletAddress, 0n);
        await expect(prepared.send())
          .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
          .withArgs(d.walletAddress);
      });
    });
  });

  describe("useNonce", function () {
    it("consumes the caller's current nonce and emits NonceUsed", async function () {
      const { attestations, officerA, officerB } = await loadFixture(cityFixture);
      await expect(attestations.connect(officerA).useNonce())
        .to.emit(attestations, "NonceUsed")
        .withArgs(officerA.address, 0n);
      expect(await attestations.nonces(officerA.address)).to.equal(1n);
      await expect(attestations.connect(officerA).useNonce())
        .to.emit(attestations, "NonceUsed")
        .withArgs(officerA.address, 1n);
      expect(await attestations.nonces(officerA.address)).to.equal(2n);
      expect(await attestations.nonces(officerB.address)).to.equal(0n);
    });

    it("invalidates a signature not yet used", async function () {
      const d = await loadFixture(cityFixture);
      const prepared = await prepare(d, "bySig", d.officerA, params(d));
      await d.attestations.connect(d.officerA).useNonce();
      await expect(prepared.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
      expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(ethers.ZeroHash);
    });

    it("is also consumed by a direct attest, which invalidates the signatures given out before it", async function () {
      const d = await loadFixture(cityFixture);
      const prepared = await prepare(d, "bySig", d.officerA, params(d, { subject: d.citizen2.address }));
      const p = params(d);
      await expect(d.attestations.connect(d.officerA).attest(p.subject, p.claimType, p.dataHash, p.level, p.expiresAt))
        .to.emit(d.attestations, "NonceUsed")
        .withArgs(d.officerA.address, 0n);
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(1n);
      await expect(prepared.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
      expect(await d.attestations.currentAttestation(d.citizen2.address, RESIDENT)).to.equal(ethers.ZeroHash);
    });

    it("leaves signatures for the next nonce usable", async function () {
      const d = await loadFixture(cityFixture);
      await d.attestations.connect(d.officerA).useNonce();
      await expectAttest(d, "bySig", d.officerA, params(d));
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(2n);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Revocation
  // -----------------------------------------------------------------------------------------------

  describe("revoke", function () {
    async function expectRevoked(d: Deployment & { uid: string }, by: Signer, reason: string) {
      const { attestations, citizen, uid } = d;
      const before = await attestations.getAttestation(uid);
      const tx = await attestations.connect(by).revoke(uid, reason);
      const receipt = await tx.wait();
      const block = await ethers.provider.getBlock(receipt!.blockNumber);
      await expect(tx)
        .to.emit(attestations, "AttestationRevoked")
        .withArgs(uid, AGENCY_A, await by.getAddress(), reason);
      const after = await attestations.getAttestation(uid);
      expect(after.revokedAt).to.equal(block!.timestamp);
      expect([
        after.subject,
        after.claimType,
        after.dataHash,
        after.agencyId,
        after.level,
        after.issuedAt,
      ]).to.deep.equal([
        before.subject,
        before.claimType,
        before.dataHash,
        before.agencyId,
        before.level,
        before.issuedAt,
      ]);
      expect(await attestations.isValid(uid)).to.equal(false);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 0)).to.equal(false);
      // A revoked current attestation is still the current one.
      expect(await attestations.currentAttestation(citizen.address, RESIDENT)).to.equal(uid);
    }

    it("lets an officer of the issuing agency revoke, with a reason", async function () {
      const d = await loadFixture(residentFixture);
      await expectRevoked(d, d.officerA, code("DATA_CHANGED"));
    });

    it("lets the governor revoke", async function () {
      const d = await loadFixture(residentFixture);
      await expectRevoked(d, d.governor, code("FRAUD"));
    });

    it("lets the issuing agency's admin revoke, since an admin counts as an officer", async function () {
      const d = await loadFixture(residentFixture);
      await expectRevoked(d, d.adminA, code("MOVED_AWAY"));
    });

    it("lets an officer added after the attestation revoke it (keys can rotate)", async function () {
      const d = await loadFixture(residentFixture);
      await d.directory.connect(d.adminA).addOfficer(AGENCY_A, d.citizen2.address);
      await expectRevoked(d, d.citizen2, ethers.ZeroHash);
    });

    it("rejects an officer of another agency, a stranger and the subject", async function () {
      const { attestations, officerB, stranger, citizen, uid } = await loadFixture(residentFixture);
      for (const caller of [officerB, stranger, citizen]) {
        await expect(attestations.connect(caller).revoke(uid, code("NOPE")))
          .to.be.revertedWithCustomError(attestations, "AttestationsUnauthorizedRevoker")
          .withArgs(caller.address, uid);
      }
      expect(await attestations.isValid(uid)).to.equal(true);
    });

    it("rejects an officer who has been removed from the issuing agency", async function () {
      const { attestations, directory, adminA, officerA, uid } = await loadFixture(residentFixture);
      await directory.connect(adminA).removeOfficer(officerA.address);
      await expect(attestations.connect(officerA).revoke(uid, code("NOPE")))
        .to.be.revertedWithCustomError(attestations, "AttestationsUnauthorizedRevoker")
        .withArgs(officerA.address, uid);
    });

    it("rejects the issuing agency's officer while the agency is suspended, but not the governor", async function () {
      const d = await loadFixture(residentFixture);
      await d.directory.connect(d.governor).setAgencyActive(AGENCY_A, false);
      await expect(d.attestations.connect(d.officerA).revoke(d.uid, code("NOPE")))
        .to.be.revertedWithCustomError(d.attestations, "AttestationsUnauthorizedRevoker")
        .withArgs(d.officerA.address, d.uid);
      await expect(d.attestations.connect(d.governor).revoke(d.uid, code("FRAUD")))
        .to.emit(d.attestations, "AttestationRevoked")
        .withArgs(d.uid, AGENCY_A, d.governor.address, code("FRAUD"));
    });

    it("rejects an unknown uid, including zero", async function () {
      const { attestations, officerA, governor } = await loadFixture(residentFixture);
      for (const uid of [ethers.ZeroHash, id("no such attestation")]) {
        await expect(attestations.connect(officerA).revoke(uid, code("X")))
          .to.be.revertedWithCustomError(attestations, "AttestationsUnknownAttestation")
          .withArgs(uid);
        await expect(attestations.connect(governor).revoke(uid, code("X")))
          .to.be.revertedWithCustomError(attestations, "AttestationsUnknownAttestation")
          .withArgs(uid);
      }
    });

    it("rejects revoking twice, whoever tries", async function () {
      const { attestations, officerA, governor, uid } = await loadFixture(residentFixture);
      await attestations.connect(officerA).revoke(uid, code("DATA_CHANGED"));
      const revokedAt = (await attestations.getAttestation(uid)).revokedAt;
      for (const caller of [officerA, governor]) {
        await expect(attestations.connect(caller).revoke(uid, code("AGAIN")))
          .to.be.revertedWithCustomError(attestations, "AttestationsAlreadyRevoked")
          .withArgs(uid);
      }
      expect((await attestations.getAttestation(uid)).revokedAt).to.equal(revokedAt);
    });

    it("revokes a superseded attestation without touching the current one", async function () {
      const d = await loadFixture(residentFixture);
      const { attestations, officerA, citizen, uid } = d;
      await attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("new"), 3, 0);
      const current = await attestations.currentAttestation(citizen.address, RESIDENT);
      await expect(attestations.connect(officerA).revoke(uid, code("OLD")))
        .to.emit(attestations, "AttestationRevoked")
        .withArgs(uid, AGENCY_A, officerA.address, code("OLD"));
      expect((await attestations.getAttestation(uid)).revokedAt).to.not.equal(0n);
      expect(await attestations.isValid(current)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 3)).to.equal(true);
    });

    it("rejects an officer of another agency trusted for the same claim type", async function () {
      const { attestations, governor, officerB, uid } = await loadFixture(residentFixture);
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
      await expect(attestations.connect(officerB).revoke(uid, code("NOPE")))
        .to.be.revertedWithCustomError(attestations, "AttestationsUnauthorizedRevoker")
        .withArgs(officerB.address, uid);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Views
  // -----------------------------------------------------------------------------------------------

  describe("getAttestation", function () {
    it("returns the stored fields by name", async function () {
      const { attestations, citizen, dataHash, uid } = await loadFixture(residentFixture);
      const stored = await attestations.getAttestation(uid);
      expect(stored.subject).to.equal(citizen.address);
      expect(stored.claimType).to.equal(RESIDENT);
      expect(stored.dataHash).to.equal(dataHash);
      expect(stored.agencyId).to.equal(AGENCY_A);
      expect(stored.level).to.equal(2n);
      expect(stored.issuedAt).to.be.greaterThan(0n);
      expect(stored.expiresAt).to.equal(0n);
      expect(stored.revokedAt).to.equal(0n);
    });

    it("reverts for an unknown uid", async function () {
      const { attestations } = await loadFixture(residentFixture);
      for (const uid of [ethers.ZeroHash, id("no such attestation")]) {
        await expect(attestations.getAttestation(uid))
          .to.be.revertedWithCustomError(attestations, "AttestationsUnknownAttestation")
          .withArgs(uid);
      }
    });
  });

  describe("currentAttestation", function () {
    it("returns zero when the subject has no attestation of the claim type", async function () {
      const { attestations, citizen, citizen2 } = await loadFixture(residentFixture);
      expect(await attestations.currentAttestation(citizen2.address, RESIDENT)).to.equal(ethers.ZeroHash);
      expect(await attestations.currentAttestation(citizen.address, KTP_VERIFIED)).to.equal(ethers.ZeroHash);
      expect(await attestations.currentAttestation(citizen.address, EMPLOYER)).to.equal(ethers.ZeroHash);
    });

    it("still returns an expired current attestation", async function () {
      const { attestations, citizen, expiresAt, uid } = await loadFixture(expiringFixture);
      await time.increaseTo(expiresAt + 1n);
      expect(await attestations.currentAttestation(citizen.address, RESIDENT)).to.equal(uid);
    });

    describe("with several trusted agencies", function () {
      async function twoAgenciesFixture() {
        const d = await residentFixture();
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
        return d;
      }
      const attestB = async (d: Deployment, level: number, expiresAt = 0) => {
        await d.attestations.connect(d.officerB).attest(d.citizen.address, RESIDENT, commitment("B"), level, expiresAt);
        return d.attestations.currentAttestationOf(d.citizen.address, RESIDENT, AGENCY_B);
      };

      it("returns the valid attestation of the highest level, whichever agency issued it", async function () {
        const d = await loadFixture(twoAgenciesFixture);
        const b = await attestB(d, 3);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(b);
        await d.attestations.connect(d.officerA).attest(d.citizen.address, RESIDENT, commitment("A1"), 1, 0);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(b);
      });

      it("returns a lower but valid attestation over a higher revoked or expired one", async function () {
        const d = await loadFixture(twoAgenciesFixture);
        const b = await attestB(d, 3, (await now()) + 60);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(b);
        await time.increase(61);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(d.uid);
      });

      it("returns the latest of two valid attestations of the same level", async function () {
        const d = await loadFixture(twoAgenciesFixture);
        const b = await attestB(d, 2);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(b);
        await d.attestations.connect(d.officerA).attest(d.citizen.address, RESIDENT, commitment("A2"), 2, 0);
        const a = await d.attestations.currentAttestationOf(d.citizen.address, RESIDENT, AGENCY_A);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(a);
      });

      it("returns the latest-issued one when none is valid", async function () {
        const d = await loadFixture(twoAgenciesFixture);
        const b = await attestB(d, 1);
        await d.attestations.connect(d.officerB).revoke(b, code("X"));
        await d.attestations.connect(d.officerA).revoke(d.uid, code("X"));
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(b);
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 0)).to.equal(false);
      });

      it("ignores the attestations of an agency no longer trusted", async function () {
        const d = await loadFixture(twoAgenciesFixture);
        const b = await attestB(d, 3);
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, false);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(d.uid);
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_A, false);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(ethers.ZeroHash);
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(b);
      });
    });
  });

  describe("currentAttestationOf", function () {
    it("returns each agency's current attestation, whatever its validity, and 0 when there is none", async function () {
      const { attestations, governor, officerA, officerB, citizen, citizen2, uid } = await loadFixture(residentFixture);
      expect(await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_A)).to.equal(uid);
      expect(await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_B)).to.equal(ethers.ZeroHash);
      expect(await attestations.currentAttestationOf(citizen2.address, RESIDENT, AGENCY_A)).to.equal(ethers.ZeroHash);
      expect(await attestations.currentAttestationOf(citizen.address, KTP_VERIFIED, AGENCY_A)).to.equal(
        ethers.ZeroHash,
      );
      await attestations.connect(governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
      await attestations.connect(officerB).attest(citizen.address, RESIDENT, commitment("B"), 1, 0);
      const b = await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_B);
      expect(b).to.equal(await uidOf(attestations, citizen.address, RESIDENT, AGENCY_B, 0));
      await attestations.connect(officerA).revoke(uid, code("X"));
      expect(await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_A)).to.equal(uid);
      await attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("A again"), 2, 0);
      expect(await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_A)).to.equal(
        await uidOf(attestations, citizen.address, RESIDENT, AGENCY_A, 1),
      );
      expect(await attestations.currentAttestationOf(citizen.address, RESIDENT, AGENCY_B)).to.equal(b);
    });
  });

  describe("isValid", function () {
    it("is false for an unknown uid", async function () {
      const { attestations } = await loadFixture(residentFixture);
      expect(await attestations.isValid(ethers.ZeroHash)).to.equal(false);
      expect(await attestations.isValid(id("no such attestation"))).to.equal(false);
    });

    it("is false after revoke", async function () {
      const { attestations, officerA, uid } = await loadFixture(residentFixture);
      expect(await attestations.isValid(uid)).to.equal(true);
      await attestations.connect(officerA).revoke(uid, code("X"));
      expect(await attestations.isValid(uid)).to.equal(false);
    });

    it("is false after supersede", async function () {
      const { attestations, officerA, citizen, uid } = await loadFixture(residentFixture);
      await attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("new"), 2, 0);
      expect(await attestations.isValid(uid)).to.equal(false);
    });

    it("is false while the issuing agency is suspended and true again once it is reactivated", async function () {
      const { attestations, directory, governor, citizen, uid } = await loadFixture(residentFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_A, false);
      expect(await attestations.isValid(uid)).to.equal(false);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(false);
      await directory.connect(governor).setAgencyActive(AGENCY_A, true);
      expect(await attestations.isValid(uid)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(true);
    });

    it("is unaffected by another agency being suspended", async function () {
      const { attestations, directory, governor, uid } = await loadFixture(residentFixture);
      await directory.connect(governor).setAgencyActive(AGENCY_B, false);
      expect(await attestations.isValid(uid)).to.equal(true);
    });

    it("stays true after the attesting officer leaves the agency", async function () {
      const { attestations, directory, adminA, officerA, uid } = await loadFixture(residentFixture);
      await directory.connect(adminA).removeOfficer(officerA.address);
      expect(await attestations.isValid(uid)).to.equal(true);
    });
  });

  describe("expiry", function () {
    it("makes an attestation invalid exactly at expiresAt", async function () {
      const { attestations, citizen, expiresAt, uid } = await loadFixture(expiringFixture);
      await time.increaseTo(expiresAt - 1n);
      expect(await attestations.isValid(uid)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(true);
      await time.increaseTo(expiresAt);
      expect(await attestations.isValid(uid)).to.equal(false);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(false);
      expect((await attestations.getAttestation(uid)).expiresAt).to.equal(expiresAt);
    });

    it("never expires an attestation with expiresAt 0", async function () {
      const { attestations, citizen, uid } = await loadFixture(residentFixture);
      await time.increase(100 * 365 * DAY);
      expect(await attestations.isValid(uid)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(true);
    });
  });

  describe("hasValidClaim", function () {
    for (const [minLevel, expected] of [
      [0, true],
      [1, true],
      [2, true],
      [3, false],
    ] as const) {
      it(`is ${expected} for minimum level ${minLevel} against a level-2 attestation`, async function () {
        const { attestations, citizen } = await loadFixture(residentFixture);
        expect(await attestations.hasValidClaim(citizen.address, RESIDENT, minLevel)).to.equal(expected);
      });
    }

    it("is false when the subject has no attestation, even at minimum level 0", async function () {
      const { attestations, citizen, citizen2 } = await loadFixture(residentFixture);
      expect(await attestations.hasValidClaim(citizen2.address, RESIDENT, 0)).to.equal(false);
      expect(await attestations.hasValidClaim(citizen.address, KTP_VERIFIED, 0)).to.equal(false);
      expect(await attestations.hasValidClaim(citizen.address, EMPLOYER, 0)).to.equal(false);
    });

    it("follows the current attestation: a lower level supersedes a higher one", async function () {
      const { attestations, officerA, citizen } = await loadFixture(residentFixture);
      await attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("self-declared"), 1, 0);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 1)).to.equal(true);
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 2)).to.equal(false);
    });

    it("is false when the current attestation is revoked, even if an older one was valid", async function () {
      const { attestations, officerA, citizen } = await loadFixture(residentFixture);
      await attestations.connect(officerA).attest(citizen.address, RESIDENT, commitment("new"), 3, 0);
      const current = await attestations.currentAttestation(citizen.address, RESIDENT);
      await attestations.connect(officerA).revoke(current, code("X"));
      expect(await attestations.hasValidClaim(citizen.address, RESIDENT, 0)).to.equal(false);
    });
  });

  describe("isClaimType, isTrustedIssuer, claimTypes and claimTypeDescription", function () {
    it("describe the fixture's claim types and issuers", async function () {
      const { attestations } = await loadFixture(cityFixture);
      expect(await attestations.claimTypes()).to.deep.equal([RESIDENT, KTP_VERIFIED]);
      expect(await attestations.isClaimType(RESIDENT)).to.equal(true);
      expect(await attestations.isClaimType(KTP_VERIFIED)).to.equal(true);
      expect(await attestations.isClaimType(EMPLOYER)).to.equal(false);
      expect(await attestations.isClaimType(ethers.ZeroHash)).to.equal(false);
      expect(await attestations.claimTypeDescription(KTP_VERIFIED)).to.equal("KTP-el verified");
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_A)).to.equal(true);
      expect(await attestations.isTrustedIssuer(KTP_VERIFIED, AGENCY_A)).to.equal(true);
      expect(await attestations.isTrustedIssuer(RESIDENT, AGENCY_B)).to.equal(false);
      expect(await attestations.isTrustedIssuer(EMPLOYER, AGENCY_A)).to.equal(false);
      expect(await attestations.isTrustedIssuer(RESIDENT, 0n)).to.equal(false);
    });
  });

  // -----------------------------------------------------------------------------------------------
  // Issue 10: what an insider (another agency, an officer, the governor's own trust list) could do
  // -----------------------------------------------------------------------------------------------

  describe("insider attacks (issue 10)", function () {
    /** Agency A's level-3 RESIDENT attestation of `citizen`, and agency B trusted for RESIDENT too. */
    async function levelThreeFixture() {
      const d = await cityFixture();
      await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
      await d.attestations.connect(d.officerA).attest(d.citizen.address, RESIDENT, commitment("biometrik"), 3, 0);
      const uidA = await d.attestations.currentAttestation(d.citizen.address, RESIDENT);
      return { ...d, uidA };
    }

    async function expectClaimOfA(d: Deployment & { uidA: string }, level: number) {
      expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, level)).to.equal(true);
      expect(await d.attestations.isValid(d.uidA)).to.equal(true);
      expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(d.uidA);
    }

    it("another agency cannot erase a claim by attesting a short, low one and revoking it", async function () {
      for (const mode of MODES) {
        const d = await loadFixture(levelThreeFixture);
        // Agency B attests the same citizen at level 1, expiring in 5 seconds.
        const expiresAt = BigInt(await now()) + 5n;
        const uidB = await expectAttest(
          d,
          mode,
          d.officerB,
          params(d, { level: 1, expiresAt, dataHash: commitment("B") }),
          { agencyId: AGENCY_B, current: d.uidA },
        );
        await expectClaimOfA(d, 3);
        // Once B's expires...
        await time.increaseTo(expiresAt);
        expect(await d.attestations.isValid(uidB)).to.equal(false);
        await expectClaimOfA(d, 3);
        // ...and once B revokes it, agency A's level-3 claim stands.
        await d.attestations.connect(d.officerB).revoke(uidB, code("OOPS"));
        await expectClaimOfA(d, 3);
        expect((await d.attestations.getAttestation(d.uidA)).revokedAt, mode).to.equal(0n);
        // B cannot revoke A's either.
        await expect(d.attestations.connect(d.officerB).revoke(d.uidA, code("OOPS")))
          .to.be.revertedWithCustomError(d.attestations, "AttestationsUnauthorizedRevoker")
          .withArgs(d.officerB.address, d.uidA);
      }
    });

    it("another agency can still raise a claim's level, and revoking its attestation restores the lower one", async function () {
      for (const mode of MODES) {
        const d = await loadFixture(residentFixture); // agency A, level 2
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 3)).to.equal(false);
        const uidB = await expectAttest(d, mode, d.officerB, params(d, { level: 3, dataHash: commitment("bio") }), {
          agencyId: AGENCY_B,
        });
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 3)).to.equal(true);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(uidB);
        await d.attestations.connect(d.officerB).revoke(uidB, code("SALAH_INPUT"));
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 3), mode).to.equal(false);
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 2)).to.equal(true);
        expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(d.uid);
        expect(await d.attestations.isValid(d.uid)).to.equal(true);
      }
    });

    it("an unused signature cannot revive a claim the officer has since attested and revoked", async function () {
      const d = await loadFixture(cityFixture);
      const p = params(d, { level: 3 });
      // A signature that never expires is refused outright...
      const forever = await prepare(d, "bySig", d.officerA, p, { deadline: ethers.MaxUint256 });
      const blockTime = BigInt(await now()) + 1n;
      await time.setNextBlockTimestamp(blockTime);
      await expect(forever.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsDeadlineTooFar")
        .withArgs(ethers.MaxUint256, blockTime + MAX_SIGNATURE_LIFETIME);
      // ...so the officer signs one with a far (six-day) deadline and keeps it unused.
      const kept = await prepare(d, "bySig", d.officerA, p, { deadline: BigInt(await now()) + BigInt(6 * DAY) });
      // The officer then attests directly and revokes it.
      await d.attestations.connect(d.officerA).attest(p.subject, p.claimType, p.dataHash, p.level, p.expiresAt);
      const uid = await d.attestations.currentAttestation(d.citizen.address, RESIDENT);
      await d.attestations.connect(d.officerA).revoke(uid, code("FRAUD"));
      // Redeeming the old signature fails: the direct attest used its nonce.
      await expect(kept.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
      expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 0)).to.equal(false);
      expect(await d.attestations.isValid(uid)).to.equal(false);
      expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(uid);
      // Nor later, once the officer's nonce has moved on again (here by another signature).
      await expectAttest(d, "bySig", d.officerA, params(d, { subject: d.citizen2.address }));
      await expect(kept.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
      expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 0)).to.equal(false);
    });

    it("a signature made in one agency is worthless after the officer moves to another", async function () {
      const d = await loadFixture(cityFixture);
      await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_B, true);
      // Signed while serving agency A.
      const signedInA = await prepare(d, "bySig", d.officerA, params(d, { level: 3 }));
      // The officer leaves A and joins B, which is trusted for the claim type too.
      await d.directory.connect(d.adminA).removeOfficer(d.officerA.address);
      await d.directory.connect(d.adminB).addOfficer(AGENCY_B, d.officerA.address);
      expect(await d.directory.activeAgencyOf(d.officerA.address)).to.equal(AGENCY_B);
      await expect(signedInA.send())
        .to.be.revertedWithCustomError(d.attestations, "AttestationsInvalidSignature")
        .withArgs(d.officerA.address);
      expect(await d.attestations.currentAttestation(d.citizen.address, RESIDENT)).to.equal(ethers.ZeroHash);
      expect(await d.attestations.nonces(d.officerA.address)).to.equal(0n);
      // A signature made now, in agency B, works and is agency B's.
      await expectAttest(d, "bySig", d.officerA, params(d, { level: 3 }), { agencyId: AGENCY_B });
    });

    it("a distrusted agency's attestations stop counting, and count again once it is trusted again", async function () {
      for (const mode of MODES) {
        const d = await loadFixture(cityFixture);
        const uid = await expectAttest(d, mode, d.officerA, params(d));
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_A, false);
        expect(await d.attestations.isValid(uid)).to.equal(false);
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 2)).to.equal(false);
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 0)).to.equal(false);
        // The gated service (RESIDENT level 2) refuses the citizen.
        await expect(d.requests.connect(d.citizen).submit(SERVICE_GATED, ethers.ZeroHash, clientRef(), ""))
          .to.be.revertedWithCustomError(d.requests, "RequestClaimRequired")
          .withArgs(d.citizen.address, RESIDENT, 2);
        // Nor can the distrusted agency attest anew.
        await expectAttestRevert(
          d,
          mode,
          d.officerA,
          params(d, { dataHash: commitment("again") }),
          "AttestationsUntrustedIssuer",
          [RESIDENT, AGENCY_A],
        );
        await d.attestations.connect(d.governor).setTrustedIssuer(RESIDENT, AGENCY_A, true);
        expect(await d.attestations.isValid(uid)).to.equal(true);
        expect(await d.attestations.hasValidClaim(d.citizen.address, RESIDENT, 2)).to.equal(true);
        const ref = clientRef();
        await expect(d.requests.connect(d.citizen).submit(SERVICE_GATED, ethers.ZeroHash, ref, "")).to.emit(
          d.requests,
          "RequestSubmitted",
        );
        expect(await d.requests.requestIdByClientRef(d.citizen.address, ref)).to.equal(1n);
      }
    });
  });
});
