import { expect } from "chai";
import type { EventLog, Log } from "ethers";
import {
  addressProblem,
  addServiceArgs,
  agencyProblems,
  claimNameProblem,
  claimProblems,
  claimTypeOf,
  codeProblem,
  DAY_SECONDS,
  decodeCode,
  encodeCode,
  foldOfficers,
  isUpperSnake,
  serviceProblems,
  slaDaysToSeconds,
  suggestCode,
  type OfficerEvent,
  type ServiceFormValues,
} from "@layanan/core";
import { bytes32Code, claimTypeOf as cliClaimTypeOf } from "../scripts/lib/context.js";
import {
  AGENCY_A,
  AGENCY_B,
  cityFixture,
  ethers,
  networkHelpers,
  RESIDENT,
  type Deployment,
} from "./helpers/fixture.js";

/**
 * The agency admin's and the governor's pages as pure logic (@layanan/core admin.ts):
 * codes, claim type names, service levels and the form checks, checked against ethers, the CLI and
 * the contracts; the officers list folded from the directory's own events.
 */

const ZERO = ethers.ZeroHash as `0x${string}`;

const service = (values: Partial<ServiceFormValues> = {}): ServiceFormValues => ({
  code: "IZIN_REKLAME",
  name: "Izin reklame",
  slaDays: "5",
  claim: ZERO,
  level: "",
  ...values,
});

/** The directory's officer events for an agency, shaped as viem's getContractEvents returns them. */
async function officerEvents(d: Deployment, agencyId: bigint): Promise<OfficerEvent[]> {
  const { directory } = d;
  const logs = [
    ...(await directory.queryFilter(directory.filters.OfficerAdded(agencyId))),
    ...(await directory.queryFilter(directory.filters.OfficerRemoved(agencyId))),
    ...(await directory.queryFilter(directory.filters.AgencyAdminChanged(agencyId))),
  ] as (EventLog | Log)[];
  // Shuffled on purpose: the fold orders by block and log index itself.
  return logs.reverse().map((log) => {
    const event = log as EventLog;
    const common = { blockNumber: BigInt(event.blockNumber), logIndex: event.index };
    if (event.eventName === "AgencyAdminChanged") {
      return {
        eventName: "AgencyAdminChanged",
        args: { agencyId: Number(event.args.agencyId), newAdmin: event.args.newAdmin as `0x${string}` },
        ...common,
      };
    }
    return {
      eventName: event.eventName as "OfficerAdded" | "OfficerRemoved",
      args: { agencyId: Number(event.args.agencyId), officer: event.args.officer as `0x${string}` },
      ...common,
    };
  });
}

const addresses = (list: { address: string }[]) => list.map((o) => o.address);

describe("console: agency and service codes (@layanan/core admin.ts)", function () {
  it("encodes a code exactly as ethers' encodeBytes32String and the CLI do", function () {
    for (const text of ["DISDUKCAPIL", "KTP_EL", "A", "X".repeat(31), "Izin-Usaha 2"]) {
      expect(encodeCode(text), text).to.equal(ethers.encodeBytes32String(text));
      expect(encodeCode(text), text).to.equal(bytes32Code(text));
    }
  });

  it("ignores spaces around a code", function () {
    expect(encodeCode("  KTP_EL ")).to.equal(ethers.encodeBytes32String("KTP_EL"));
    expect(codeProblem("  KTP_EL ")).to.equal(null);
  });

  it("rejects an empty code and a code over 31 bytes, counting UTF-8 bytes", function () {
    expect(codeProblem("")).to.equal("codeEmpty");
    expect(codeProblem("   ")).to.equal("codeEmpty");
    expect(codeProblem("X".repeat(31))).to.equal(null);
    expect(codeProblem("X".repeat(32))).to.equal("codeTooLong");
    // 15 two-byte letters are 30 bytes; one more ASCII letter makes 31, two make 32.
    expect(codeProblem("é".repeat(15) + "A")).to.equal(null);
    expect(codeProblem("é".repeat(15) + "AB")).to.equal("codeTooLong");
    expect(() => encodeCode("")).to.throw(/1 to 31 bytes/);
    expect(() => encodeCode("X".repeat(32))).to.throw(/1 to 31 bytes/);
    // ethers refuses the same codes.
    expect(() => ethers.encodeBytes32String("X".repeat(32))).to.throw();
  });

  it("decodes a bytes32 code back to its text, and shows a non-text value as hex", function () {
    expect(decodeCode(ethers.encodeBytes32String("NIB_UMKM") as `0x${string}`)).to.equal("NIB_UMKM");
    expect(decodeCode(encodeCode("é".repeat(15) + "A"))).to.equal("é".repeat(15) + "A");
    expect(decodeCode(ethers.ZeroHash as `0x${string}`)).to.equal("");
    // Not UTF-8, or text after the zero padding: not a code, shown as it is.
    const notText = `0x${"ff".repeat(32)}` as const;
    expect(decodeCode(notText)).to.equal(notText);
    const gap = ethers.zeroPadBytes("0x4100000042", 32) as `0x${string}`;
    expect(decodeCode(gap)).to.equal(gap);
  });

  it("suggests UPPER_SNAKE_CASE and recognises it", function () {
    expect(suggestCode("Izin usaha mikro")).to.equal("IZIN_USAHA_MIKRO");
    expect(suggestCode("  akta-kelahiran (baru) ")).to.equal("AKTA_KELAHIRAN_BARU");
    expect(suggestCode("Pelayanan Ékspres 24 jam")).to.equal("PELAYANAN_EKSPRES_24_JAM");
    expect(suggestCode("—")).to.equal("");
    expect(isUpperSnake("KTP_EL")).to.equal(true);
    expect(isUpperSnake("KTP2")).to.equal(true);
    expect(isUpperSnake("ktp_el")).to.equal(false);
    expect(isUpperSnake("KTP__EL")).to.equal(false);
    expect(isUpperSnake("_KTP")).to.equal(false);
    expect(isUpperSnake("KTP EL")).to.equal(false);
  });

  it("finds a registered agency by the encoded code", async function () {
    const { directory } = await networkHelpers.loadFixture(cityFixture);
    expect(await directory.agencyIdByCode(encodeCode("DISDUKCAPIL"))).to.equal(AGENCY_A);
    expect(await directory.agencyIdByCode(encodeCode(" DPMPTSP "))).to.equal(AGENCY_B);
    expect(await directory.agencyIdByCode(encodeCode("disdukcapil"))).to.equal(0n);
  });
});

describe("console: claim types (@layanan/core admin.ts)", function () {
  it("hashes a name as ethers.id(name) and as the CLI does", function () {
    for (const name of ["RESIDENT_KOTA_BANDUNG", "KTP_VERIFIED", "AB", "X".repeat(64), "USAHA_MIKRO_2025"]) {
      expect(claimTypeOf(name), name).to.equal(ethers.id(name));
      expect(claimTypeOf(name), name).to.equal(cliClaimTypeOf(name));
    }
    expect(claimTypeOf("RESIDENT_KOTA_BANDUNG")).to.equal(RESIDENT);
  });

  it("rejects names that are not UPPER_SNAKE_CASE of 2 to 64 characters", function () {
    expect(claimNameProblem("")).to.equal("claimNameEmpty");
    expect(claimNameProblem("  ")).to.equal("claimNameEmpty");
    for (const bad of [
      "A",
      "X".repeat(65),
      "resident",
      "KTP VERIFIED",
      "KTP-VERIFIED",
      " KTP_VERIFIED",
      "PENDUDUK_É",
    ]) {
      expect(claimNameProblem(bad), bad).to.equal("claimNameFormat");
      expect(() => claimTypeOf(bad), bad).to.throw(/not a claim type name/);
      expect(() => cliClaimTypeOf(bad), bad).to.throw();
    }
    expect(claimNameProblem("KTP_VERIFIED")).to.equal(null);
  });

  it("checks the register form: name and a description of 1 to 280 bytes", function () {
    expect(claimProblems({ name: "USAHA_MIKRO", description: "Pelaku usaha mikro terdaftar" })).to.deep.equal({});
    expect(claimProblems({ name: "usaha", description: "" })).to.deep.equal({
      name: "claimNameFormat",
      description: "nameEmpty",
    });
    expect(claimProblems({ name: "USAHA", description: "é".repeat(141) })).to.deep.equal({
      description: "nameTooLong",
    });
    expect(claimProblems({ name: "USAHA", description: "é".repeat(140) })).to.deep.equal({});
  });

  it("registers a claim type under the hash the contract then knows", async function () {
    const { attestations, governor } = await networkHelpers.loadFixture(cityFixture);
    const claimType = claimTypeOf("USAHA_MIKRO");
    await attestations.connect(governor).registerClaimType(claimType, "Pelaku usaha mikro");
    expect(await attestations.isClaimType(ethers.id("USAHA_MIKRO"))).to.equal(true);
    expect(await attestations.claimTypeDescription(claimType)).to.equal("Pelaku usaha mikro");
  });
});

describe("console: services (@layanan/core admin.ts)", function () {
  it("turns whole days into seconds", function () {
    expect(slaDaysToSeconds("1")).to.equal(DAY_SECONDS);
    expect(slaDaysToSeconds(" 14 ")).to.equal(14 * 86_400);
    expect(slaDaysToSeconds(3)).to.equal(259_200);
    expect(slaDaysToSeconds("366")).to.equal(366 * 86_400);
  });

  it("rejects zero, negative, fractional, too long and non-numeric service levels", function () {
    for (const bad of ["0", "-1", "1.5", "367", "", "tiga", "1e2", "0x10"])
      expect(slaDaysToSeconds(bad), bad).to.equal(null);
    expect(slaDaysToSeconds(0)).to.equal(null);
  });

  it("names each wrong field of the add-service form", function () {
    expect(serviceProblems(service())).to.deep.equal({});
    expect(serviceProblems(service({ claim: RESIDENT as `0x${string}`, level: "2" }))).to.deep.equal({});
    expect(serviceProblems(service({ code: "", name: " ", slaDays: "0" }))).to.deep.equal({
      code: "codeEmpty",
      name: "nameEmpty",
      slaDays: "slaInvalid",
    });
    expect(serviceProblems(service({ code: "X".repeat(32), name: "n".repeat(129) }))).to.deep.equal({
      code: "codeTooLong",
      name: "nameTooLong",
    });
    // A claim needs a level 1..3; an open service ignores the level.
    for (const level of ["", "0", "4", "x"]) {
      expect(serviceProblems(service({ claim: RESIDENT as `0x${string}`, level })), level).to.deep.equal({
        level: "levelInvalid",
      });
      expect(serviceProblems(service({ level })), level).to.deep.equal({});
    }
  });

  it("builds addService's arguments: bytes32 code, seconds, level 0 for an open service", function () {
    expect(addServiceArgs(2, service({ code: " IZIN_REKLAME ", name: " Izin reklame ", level: "3" }))).to.deep.equal([
      2,
      ethers.encodeBytes32String("IZIN_REKLAME"),
      "Izin reklame",
      5 * DAY_SECONDS,
      ZERO,
      0,
    ]);
    expect(addServiceArgs(1, service({ claim: RESIDENT as `0x${string}`, level: "2" }))).to.deep.equal([
      1,
      ethers.encodeBytes32String("IZIN_REKLAME"),
      "Izin reklame",
      5 * DAY_SECONDS,
      RESIDENT,
      2,
    ]);
    expect(() => addServiceArgs(1, service({ slaDays: "0" }))).to.throw(/slaInvalid/);
  });

  it("adds services the contract accepts, open and gated, as the agency's admin", async function () {
    const { requests, adminA, adminB } = await networkHelpers.loadFixture(cityFixture);
    const before = await requests.serviceCount();
    await requests.connect(adminB).addService(...addServiceArgs(Number(AGENCY_B), service()));
    await requests.connect(adminA).addService(
      ...addServiceArgs(
        Number(AGENCY_A),
        service({
          code: "SKD",
          name: "Surat keterangan domisili",
          slaDays: "2",
          claim: RESIDENT as `0x${string}`,
          level: "1",
        }),
      ),
    );
    const open = await requests.getService(before + 1n);
    expect([
      open.agencyId,
      decodeCode(open.code as `0x${string}`),
      open.name,
      open.slaSeconds,
      open.requiredClaim,
      open.minLevel,
    ]).to.deep.equal([AGENCY_B, "IZIN_REKLAME", "Izin reklame", 5n * 86_400n, ZERO, 0n]);
    const gated = await requests.getService(before + 2n);
    expect([gated.agencyId, gated.code, gated.slaSeconds, gated.requiredClaim, gated.minLevel]).to.deep.equal([
      AGENCY_A,
      ethers.encodeBytes32String("SKD"),
      2n * 86_400n,
      RESIDENT,
      1n,
    ]);
    expect(await requests.serviceIdByCode(AGENCY_A, encodeCode("SKD"))).to.equal(before + 2n);
  });
});

describe("console: agencies and addresses (@layanan/core admin.ts)", function () {
  it("accepts lowercase and checksummed addresses, rejects the rest", function () {
    const wallet = ethers.Wallet.createRandom().address;
    expect(addressProblem(wallet)).to.equal(null);
    expect(addressProblem(wallet.toLowerCase())).to.equal(null);
    expect(addressProblem(` ${wallet} `)).to.equal(null);
    expect(addressProblem("")).to.equal("addressEmpty");
    // A wrong checksum (case flipped on one letter), too short, not hex, the zero address.
    const flipped = wallet.replace(/[a-f]/, (c) => c.toUpperCase()).replace(/^0X/, "0x");
    if (flipped !== wallet) expect(addressProblem(flipped)).to.equal("addressInvalid");
    for (const bad of [wallet.slice(0, 41), "0x" + "g".repeat(40), "1234", ethers.ZeroAddress]) {
      expect(addressProblem(bad), bad).to.equal("addressInvalid");
    }
  });

  it("names each wrong field of the register-agency form", function () {
    const admin = ethers.Wallet.createRandom().address;
    expect(agencyProblems({ code: "DISHUB", name: "Dinas Perhubungan", admin })).to.deep.equal({});
    expect(agencyProblems({ code: "", name: "", admin: "0x12" })).to.deep.equal({
      code: "codeEmpty",
      name: "nameEmpty",
      admin: "addressInvalid",
    });
    expect(agencyProblems({ code: "D".repeat(32), name: "n".repeat(129), admin: "" })).to.deep.equal({
      code: "codeTooLong",
      name: "nameTooLong",
      admin: "addressEmpty",
    });
  });
});

describe("console: the agency's officers folded from events (@layanan/core admin.ts)", function () {
  const A = "0x1111111111111111111111111111111111111111" as const;
  const B = "0x2222222222222222222222222222222222222222" as const;
  const C = "0x3333333333333333333333333333333333333333" as const;
  const added = (officer: `0x${string}`, block: number, agencyId = 1): OfficerEvent => ({
    eventName: "OfficerAdded",
    args: { agencyId, officer },
    blockNumber: BigInt(block),
    logIndex: 0,
  });
  const removed = (officer: `0x${string}`, block: number, agencyId = 1): OfficerEvent => ({
    eventName: "OfficerRemoved",
    args: { agencyId, officer },
    blockNumber: BigInt(block),
    logIndex: 0,
  });

  it("lists added officers in the order they were added", function () {
    expect(addresses(foldOfficers([added(A, 1), added(B, 2), added(C, 3)]))).to.deep.equal([A, B, C]);
    expect(foldOfficers([])).to.deep.equal([]);
  });

  it("drops a removed officer", function () {
    expect(addresses(foldOfficers([added(A, 1), added(B, 2), removed(A, 3)]))).to.deep.equal([B]);
  });

  it("brings a re-added officer back, at the place of the new addition", function () {
    const officers = foldOfficers([added(A, 1), added(B, 2), removed(A, 3), added(A, 4)]);
    expect(addresses(officers)).to.deep.equal([B, A]);
    expect(officers[1].addedAtBlock).to.equal(4n);
  });

  it("matches addresses whatever their case", function () {
    const lower = "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd" as const;
    const upper = "0xABCDEFABCDEFABCDEFABCDEFABCDEFABCDEFABCD" as const;
    expect(foldOfficers([added(lower, 1), removed(upper, 2)])).to.deep.equal([]);
  });

  it("orders events by block and log index, whatever order they come in", function () {
    const second: OfficerEvent = { ...removed(A, 5), logIndex: 2 };
    const first: OfficerEvent = { ...added(A, 5), logIndex: 1 };
    expect(addresses(foldOfficers([second, first]))).to.deep.equal([]);
    expect(addresses(foldOfficers([added(B, 9), added(A, 3)]))).to.deep.equal([A, B]);
  });

  it("ignores another agency's events when given the agency", function () {
    const events = [added(A, 1, 1), added(B, 2, 2), removed(A, 3, 2)];
    expect(addresses(foldOfficers(events, 1))).to.deep.equal([A]);
    expect(addresses(foldOfficers(events, 2))).to.deep.equal([B]);
  });

  it("drops an officer promoted to admin", function () {
    const promoted: OfficerEvent = {
      eventName: "AgencyAdminChanged",
      args: { agencyId: 1, newAdmin: B },
      blockNumber: 3n,
      logIndex: 0,
    };
    expect(addresses(foldOfficers([added(A, 1), added(B, 2), promoted]))).to.deep.equal([A]);
  });

  it("agrees with the directory after adds, removes, a re-add and a promotion", async function () {
    const d = await networkHelpers.loadFixture(cityFixture);
    const { directory, adminA, governor, officerA, stranger, citizen, citizen2, officerB } = d;
    await directory.connect(adminA).addOfficer(AGENCY_A, stranger.address);
    await directory.connect(adminA).addOfficer(AGENCY_A, citizen.address);
    await directory.connect(adminA).removeOfficer(officerA.address);
    // Another agency's changes in between.
    await directory.connect(governor).removeOfficer(officerB.address);
    await directory.connect(adminA).addOfficer(AGENCY_A, officerA.address);
    await directory.connect(adminA).addOfficer(AGENCY_A, citizen2.address);
    await directory.connect(adminA).removeOfficer(citizen.address);
    // citizen2 becomes the admin: no longer an officer, without an OfficerRemoved event.
    await directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address);

    const officers = foldOfficers(await officerEvents(d, AGENCY_A), Number(AGENCY_A));
    expect(addresses(officers)).to.deep.equal([stranger.address, officerA.address]);
    for (const officer of officers) {
      expect(await directory.agencyIdOf(officer.address)).to.equal(AGENCY_A);
      expect(await directory.isOfficer(AGENCY_A, officer.address)).to.equal(true);
    }
    for (const gone of [citizen.address, citizen2.address]) {
      expect(addresses(officers)).to.not.include(gone);
    }
    // What the fold drops is not an officer on chain either (removing it reverts).
    await expect(directory.connect(governor).removeOfficer(citizen.address)).to.be.revertedWithCustomError(
      directory,
      "AgencyDirectoryNotAnOfficer",
    );
    await expect(directory.connect(governor).removeOfficer(citizen2.address)).to.be.revertedWithCustomError(
      directory,
      "AgencyDirectoryNotAnOfficer",
    );
    expect(addresses(foldOfficers(await officerEvents(d, AGENCY_B), Number(AGENCY_B)))).to.deep.equal([]);
  });
});
