import { expect } from "chai";
import {
  AGENCY_A,
  AGENCY_B,
  DAY,
  cityFixture,
  code,
  deployFixture,
  ethers,
  networkHelpers,
} from "./helpers/fixture.js";

const { loadFixture } = networkHelpers;
const GOVERNOR_ROLE = ethers.ZeroHash; // OpenZeppelin's DEFAULT_ADMIN_ROLE
const MAX_NAME_LENGTH = 128n;

/** The city with agency A suspended by the governor. */
async function suspendedFixture() {
  const d = await cityFixture();
  await d.directory.connect(d.governor).setAgencyActive(AGENCY_A, false);
  return d;
}

describe("AgencyDirectory", function () {
  describe("constructor", function () {
    it("gives the governor DEFAULT_ADMIN_ROLE", async function () {
      const { directory, governor } = await loadFixture(deployFixture);
      expect(await directory.DEFAULT_ADMIN_ROLE()).to.equal(GOVERNOR_ROLE);
      expect(await directory.hasRole(GOVERNOR_ROLE, governor.address)).to.equal(true);
      expect(await directory.defaultAdmin()).to.equal(governor.address);
      expect(await directory.owner()).to.equal(governor.address);
      expect(await directory.isGovernor(governor.address)).to.equal(true);
    });

    it("sets a governor hand-over delay of one day", async function () {
      const { directory } = await loadFixture(deployFixture);
      expect(await directory.defaultAdminDelay()).to.equal(BigInt(DAY));
      expect(await directory.INITIAL_GOVERNOR_DELAY()).to.equal(BigInt(DAY));
      const [pendingAdmin, schedule] = await directory.pendingDefaultAdmin();
      expect([pendingAdmin, schedule]).to.deep.equal([ethers.ZeroAddress, 0n]);
    });

    it("starts with no agencies", async function () {
      const { directory } = await loadFixture(deployFixture);
      expect(await directory.agencyCount()).to.equal(0n);
      expect(await directory.MAX_NAME_LENGTH()).to.equal(MAX_NAME_LENGTH);
    });

    it("rejects a zero governor", async function () {
      const { directory } = await loadFixture(deployFixture);
      await expect(ethers.deployContract("AgencyDirectory", [ethers.ZeroAddress]))
        .to.be.revertedWithCustomError(directory, "AccessControlInvalidDefaultAdmin")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("governor hand-over (beginDefaultAdminTransfer, acceptDefaultAdminTransfer)", function () {
    async function begin() {
      const d = await loadFixture(cityFixture);
      const tx = await d.directory.connect(d.governor).beginDefaultAdminTransfer(d.stranger.address);
      const block = await tx.getBlock();
      const schedule = BigInt(block!.timestamp) + BigInt(DAY);
      return { ...d, tx, schedule };
    }

    it("schedules the hand-over one day ahead", async function () {
      const { directory, stranger, tx, schedule } = await begin();
      await expect(tx).to.emit(directory, "DefaultAdminTransferScheduled").withArgs(stranger.address, schedule);
      const [pendingAdmin, pendingSchedule] = await directory.pendingDefaultAdmin();
      expect([pendingAdmin, pendingSchedule]).to.deep.equal([stranger.address, schedule]);
    });

    it("moves governor rights to the new governor once the delay has passed", async function () {
      const { directory, governor, stranger, citizen2, schedule } = await begin();
      await networkHelpers.time.increaseTo(schedule);
      await expect(directory.connect(stranger).acceptDefaultAdminTransfer())
        .to.emit(directory, "RoleRevoked")
        .withArgs(GOVERNOR_ROLE, governor.address, stranger.address)
        .and.to.emit(directory, "RoleGranted")
        .withArgs(GOVERNOR_ROLE, stranger.address, stranger.address);
      expect(await directory.isGovernor(stranger.address)).to.equal(true);
      expect(await directory.isGovernor(governor.address)).to.equal(false);
      expect(await directory.defaultAdmin()).to.equal(stranger.address);

      // The new governor acts; the old one no longer can.
      await expect(directory.connect(stranger).registerAgency(code("DISHUB"), "Dinas Perhubungan", citizen2.address))
        .to.emit(directory, "AgencyRegistered")
        .withArgs(3n, code("DISHUB"), citizen2.address, "Dinas Perhubungan");
      await expect(directory.connect(governor).setAgencyActive(AGENCY_A, false))
        .to.be.revertedWithCustomError(directory, "AccessControlUnauthorizedAccount")
        .withArgs(governor.address, GOVERNOR_ROLE);
    });

    it("refuses the acceptance until the delay has fully passed", async function () {
      const { directory, governor, stranger, schedule } = await begin();
      // The next block is mined at exactly `schedule`, which is not yet past it.
      await networkHelpers.time.increaseTo(schedule - 1n);
      await expect(directory.connect(stranger).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(directory, "AccessControlEnforcedDefaultAdminDelay")
        .withArgs(schedule);
      expect(await directory.isGovernor(governor.address)).to.equal(true);
      expect(await directory.isGovernor(stranger.address)).to.equal(false);
    });

    it("refuses the acceptance by anyone but the pending governor", async function () {
      const { directory, citizen, schedule } = await begin();
      await networkHelpers.time.increaseTo(schedule);
      await expect(directory.connect(citizen).acceptDefaultAdminTransfer())
        .to.be.revertedWithCustomError(directory, "AccessControlInvalidDefaultAdmin")
        .withArgs(citizen.address);
    });

    it("refuses a hand-over started by anyone but the governor", async function () {
      const { directory, adminA } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).beginDefaultAdminTransfer(adminA.address))
        .to.be.revertedWithCustomError(directory, "AccessControlUnauthorizedAccount")
        .withArgs(adminA.address, GOVERNOR_ROLE);
    });

    it("refuses to grant governor rights directly through grantRole", async function () {
      const { directory, governor, stranger } = await loadFixture(cityFixture);
      await expect(
        directory.connect(governor).grantRole(GOVERNOR_ROLE, stranger.address),
      ).to.be.revertedWithCustomError(directory, "AccessControlEnforcedDefaultAdminRules");
      expect(await directory.isGovernor(stranger.address)).to.equal(false);
    });
  });

  describe("registerAgency", function () {
    it("numbers agencies from 1", async function () {
      const { directory, governor, adminA, adminB } = await loadFixture(deployFixture);
      expect(
        await directory.connect(governor).registerAgency.staticCall(code("DISDUKCAPIL"), "Disdukcapil", adminA.address),
      ).to.equal(1n);
      await directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil", adminA.address);
      expect(
        await directory.connect(governor).registerAgency.staticCall(code("DPMPTSP"), "DPMPTSP", adminB.address),
      ).to.equal(2n);
      await directory.connect(governor).registerAgency(code("DPMPTSP"), "DPMPTSP", adminB.address);
      expect(await directory.agencyCount()).to.equal(2n);
      expect(await directory.agencyIdByCode(code("DISDUKCAPIL"))).to.equal(1n);
      expect(await directory.agencyIdByCode(code("DPMPTSP"))).to.equal(2n);
    });

    it("emits AgencyRegistered with the id, code, admin and name", async function () {
      const { directory, governor, adminA } = await loadFixture(deployFixture);
      await expect(directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil", adminA.address))
        .to.emit(directory, "AgencyRegistered")
        .withArgs(1n, code("DISDUKCAPIL"), adminA.address, "Disdukcapil");
    });

    it("stores the code, name and admin, active from the start", async function () {
      const { directory, governor, adminA } = await loadFixture(deployFixture);
      await directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil Kota Bandung", adminA.address);
      const agency = await directory.getAgency(1n);
      expect(agency.code).to.equal(code("DISDUKCAPIL"));
      expect(agency.name).to.equal("Disdukcapil Kota Bandung");
      expect(agency.admin).to.equal(adminA.address);
      expect(agency.active).to.equal(true);
      expect(await directory.isAgencyActive(1n)).to.equal(true);
      expect(await directory.agencyAdmin(1n)).to.equal(adminA.address);
    });

    it("makes the admin a member of the new agency", async function () {
      const { directory, governor, adminA } = await loadFixture(deployFixture);
      await directory.connect(governor).registerAgency(code("DISDUKCAPIL"), "Disdukcapil", adminA.address);
      expect(await directory.agencyIdOf(adminA.address)).to.equal(1n);
      expect(await directory.activeAgencyOf(adminA.address)).to.equal(1n);
      expect(await directory.isOfficer(1n, adminA.address)).to.equal(true);
    });

    it("rejects a zero code", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(
        directory.connect(governor).registerAgency(ethers.ZeroHash, "Dinas Perhubungan", citizen2.address),
      ).to.be.revertedWithCustomError(directory, "AgencyDirectoryZeroCode");
    });

    it("rejects a code already registered", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).registerAgency(code("DPMPTSP"), "Another DPMPTSP", citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryCodeTaken")
        .withArgs(code("DPMPTSP"), AGENCY_B);
    });

    it("rejects an empty name", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).registerAgency(code("DISHUB"), "", citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryInvalidName")
        .withArgs(0n, MAX_NAME_LENGTH);
    });

    it("rejects a name longer than 128 bytes", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).registerAgency(code("DISHUB"), "x".repeat(129), citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryInvalidName")
        .withArgs(129n, MAX_NAME_LENGTH);
    });

    it("measures the name in bytes, not characters", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      // 65 characters of two bytes each: 130 bytes.
      await expect(directory.connect(governor).registerAgency(code("DISHUB"), "é".repeat(65), citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryInvalidName")
        .withArgs(130n, MAX_NAME_LENGTH);
    });

    it("accepts a name of exactly 128 bytes", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      const name = "N".repeat(128);
      await expect(directory.connect(governor).registerAgency(code("DISHUB"), name, citizen2.address))
        .to.emit(directory, "AgencyRegistered")
        .withArgs(3n, code("DISHUB"), citizen2.address, name);
      expect((await directory.getAgency(3n)).name).to.equal(name);
    });

    it("rejects a zero admin address", async function () {
      const { directory, governor } = await loadFixture(cityFixture);
      await expect(
        directory.connect(governor).registerAgency(code("DISHUB"), "Dinas Perhubungan", ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(directory, "AgencyDirectoryZeroAddress");
    });

    it("rejects an admin who already administers another agency", async function () {
      const { directory, governor, adminA } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).registerAgency(code("DISHUB"), "Dinas Perhubungan", adminA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(adminA.address, AGENCY_A);
    });

    it("rejects an admin who is an officer of another agency", async function () {
      const { directory, governor, officerB } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).registerAgency(code("DISHUB"), "Dinas Perhubungan", officerB.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(officerB.address, AGENCY_B);
    });

    it("rejects a caller who is not the governor", async function () {
      const { directory, adminA, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).registerAgency(code("DISHUB"), "Dinas Perhubungan", citizen2.address))
        .to.be.revertedWithCustomError(directory, "AccessControlUnauthorizedAccount")
        .withArgs(adminA.address, GOVERNOR_ROLE);
    });
  });

  describe("setAgencyActive", function () {
    it("suspends an agency and emits AgencyActiveChanged", async function () {
      const { directory, governor } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyActive(AGENCY_A, false))
        .to.emit(directory, "AgencyActiveChanged")
        .withArgs(AGENCY_A, false);
      expect(await directory.isAgencyActive(AGENCY_A)).to.equal(false);
      expect((await directory.getAgency(AGENCY_A)).active).to.equal(false);
      expect(await directory.isAgencyActive(AGENCY_B)).to.equal(true);
    });

    it("reactivates a suspended agency and emits AgencyActiveChanged", async function () {
      const { directory, governor, officerA } = await loadFixture(suspendedFixture);
      await expect(directory.connect(governor).setAgencyActive(AGENCY_A, true))
        .to.emit(directory, "AgencyActiveChanged")
        .withArgs(AGENCY_A, true);
      expect(await directory.isAgencyActive(AGENCY_A)).to.equal(true);
      expect(await directory.isOfficer(AGENCY_A, officerA.address)).to.equal(true);
      expect(await directory.activeAgencyOf(officerA.address)).to.equal(AGENCY_A);
    });

    it("reverts AgencyDirectoryUnchanged when the agency is already active", async function () {
      const { directory, governor } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyActive(AGENCY_A, true))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnchanged")
        .withArgs(AGENCY_A);
    });

    it("reverts AgencyDirectoryUnchanged when the agency is already suspended", async function () {
      const { directory, governor } = await loadFixture(suspendedFixture);
      await expect(directory.connect(governor).setAgencyActive(AGENCY_A, false))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnchanged")
        .withArgs(AGENCY_A);
    });

    it("makes isOfficer false for the agency's officers and admin while suspended", async function () {
      const { directory, adminA, officerA, officerB } = await loadFixture(suspendedFixture);
      expect(await directory.isOfficer(AGENCY_A, officerA.address)).to.equal(false);
      expect(await directory.isOfficer(AGENCY_A, adminA.address)).to.equal(false);
      expect(await directory.isOfficer(AGENCY_B, officerB.address)).to.equal(true);
    });

    it("makes activeAgencyOf 0 while suspended, while agencyIdOf keeps the agency", async function () {
      const { directory, adminA, officerA } = await loadFixture(suspendedFixture);
      expect(await directory.activeAgencyOf(officerA.address)).to.equal(0n);
      expect(await directory.activeAgencyOf(adminA.address)).to.equal(0n);
      expect(await directory.agencyIdOf(officerA.address)).to.equal(AGENCY_A);
      expect(await directory.agencyIdOf(adminA.address)).to.equal(AGENCY_A);
    });

    it("rejects an unknown agency", async function () {
      const { directory, governor } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyActive(3n, false))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(3n);
      await expect(directory.connect(governor).setAgencyActive(0n, true))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(0n);
    });

    it("rejects a caller who is not the governor, even the agency's admin", async function () {
      const { directory, adminA } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).setAgencyActive(AGENCY_A, false))
        .to.be.revertedWithCustomError(directory, "AccessControlUnauthorizedAccount")
        .withArgs(adminA.address, GOVERNOR_ROLE);
    });
  });

  describe("setAgencyAdmin", function () {
    it("replaces the admin and emits AgencyAdminChanged", async function () {
      const { directory, governor, adminA, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address))
        .to.emit(directory, "AgencyAdminChanged")
        .withArgs(AGENCY_A, adminA.address, citizen2.address);
      expect(await directory.agencyAdmin(AGENCY_A)).to.equal(citizen2.address);
      expect((await directory.getAgency(AGENCY_A)).admin).to.equal(citizen2.address);
      expect(await directory.agencyIdOf(citizen2.address)).to.equal(AGENCY_A);
      expect(await directory.isOfficer(AGENCY_A, citizen2.address)).to.equal(true);
    });

    it("takes membership and management rights away from the previous admin", async function () {
      const { directory, governor, adminA, stranger, citizen2 } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address);
      expect(await directory.agencyIdOf(adminA.address)).to.equal(0n);
      expect(await directory.activeAgencyOf(adminA.address)).to.equal(0n);
      expect(await directory.isOfficer(AGENCY_A, adminA.address)).to.equal(false);
      await expect(directory.connect(adminA).addOfficer(AGENCY_A, stranger.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(adminA.address, AGENCY_A);
    });

    it("gives the new admin the agency's management rights", async function () {
      const { directory, governor, stranger, citizen2 } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address);
      await expect(directory.connect(citizen2).addOfficer(AGENCY_A, stranger.address))
        .to.emit(directory, "OfficerAdded")
        .withArgs(AGENCY_A, stranger.address, citizen2.address);
    });

    it("lets the previous admin serve again, e.g. in another agency", async function () {
      const { directory, governor, adminA, adminB, citizen2 } = await loadFixture(cityFixture);
      await directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address);
      await expect(directory.connect(adminB).addOfficer(AGENCY_B, adminA.address))
        .to.emit(directory, "OfficerAdded")
        .withArgs(AGENCY_B, adminA.address, adminB.address);
      expect(await directory.agencyIdOf(adminA.address)).to.equal(AGENCY_B);
    });

    it("promotes an officer of the same agency", async function () {
      const { directory, governor, adminA, officerA } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyAdmin(AGENCY_A, officerA.address))
        .to.emit(directory, "AgencyAdminChanged")
        .withArgs(AGENCY_A, adminA.address, officerA.address);
      expect(await directory.agencyAdmin(AGENCY_A)).to.equal(officerA.address);
      expect(await directory.agencyIdOf(officerA.address)).to.equal(AGENCY_A);
      expect(await directory.isOfficer(AGENCY_A, officerA.address)).to.equal(true);
      // Now an admin, not an officer: removed only by being replaced.
      await expect(directory.connect(governor).removeOfficer(officerA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryNotAnOfficer")
        .withArgs(officerA.address);
    });

    it("refuses an officer of another agency", async function () {
      const { directory, governor, adminA, officerB } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyAdmin(AGENCY_A, officerB.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(officerB.address, AGENCY_B);
      expect(await directory.agencyAdmin(AGENCY_A)).to.equal(adminA.address);
    });

    it("refuses the admin of another agency", async function () {
      const { directory, governor, adminB } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyAdmin(AGENCY_A, adminB.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(adminB.address, AGENCY_B);
    });

    it("rejects the zero address", async function () {
      const { directory, governor } = await loadFixture(cityFixture);
      await expect(
        directory.connect(governor).setAgencyAdmin(AGENCY_A, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(directory, "AgencyDirectoryZeroAddress");
    });

    it("reverts AgencyDirectoryUnchanged when the address already is the admin", async function () {
      const { directory, governor, adminA } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyAdmin(AGENCY_A, adminA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnchanged")
        .withArgs(AGENCY_A);
    });

    it("rejects an unknown agency", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).setAgencyAdmin(3n, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(3n);
    });

    it("replaces the admin of a suspended agency", async function () {
      const { directory, governor, adminA, citizen2 } = await loadFixture(suspendedFixture);
      await expect(directory.connect(governor).setAgencyAdmin(AGENCY_A, citizen2.address))
        .to.emit(directory, "AgencyAdminChanged")
        .withArgs(AGENCY_A, adminA.address, citizen2.address);
      expect(await directory.isOfficer(AGENCY_A, citizen2.address)).to.equal(false);
    });

    it("rejects a caller who is not the governor, even the agency's admin", async function () {
      const { directory, adminA, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).setAgencyAdmin(AGENCY_A, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AccessControlUnauthorizedAccount")
        .withArgs(adminA.address, GOVERNOR_ROLE);
    });
  });

  describe("addOfficer", function () {
    it("lets the agency's admin add an officer", async function () {
      const { directory, adminA, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).addOfficer(AGENCY_A, citizen2.address))
        .to.emit(directory, "OfficerAdded")
        .withArgs(AGENCY_A, citizen2.address, adminA.address);
      expect(await directory.agencyIdOf(citizen2.address)).to.equal(AGENCY_A);
      expect(await directory.activeAgencyOf(citizen2.address)).to.equal(AGENCY_A);
      expect(await directory.isOfficer(AGENCY_A, citizen2.address)).to.equal(true);
    });

    it("lets the governor add an officer to any agency", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).addOfficer(AGENCY_B, citizen2.address))
        .to.emit(directory, "OfficerAdded")
        .withArgs(AGENCY_B, citizen2.address, governor.address);
      expect(await directory.isOfficer(AGENCY_B, citizen2.address)).to.equal(true);
    });

    it("lets the governor add an officer to a suspended agency", async function () {
      const { directory, governor, citizen2 } = await loadFixture(suspendedFixture);
      await expect(directory.connect(governor).addOfficer(AGENCY_A, citizen2.address))
        .to.emit(directory, "OfficerAdded")
        .withArgs(AGENCY_A, citizen2.address, governor.address);
      expect(await directory.agencyIdOf(citizen2.address)).to.equal(AGENCY_A);
      expect(await directory.isOfficer(AGENCY_A, citizen2.address)).to.equal(false);
    });

    it("refuses the admin of a suspended agency", async function () {
      const { directory, adminA, citizen2 } = await loadFixture(suspendedFixture);
      await expect(directory.connect(adminA).addOfficer(AGENCY_A, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(adminA.address, AGENCY_A);
    });

    it("refuses the admin of another agency", async function () {
      const { directory, adminB, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(adminB).addOfficer(AGENCY_A, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(adminB.address, AGENCY_A);
    });

    it("refuses an officer of the agency", async function () {
      const { directory, officerA, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(officerA).addOfficer(AGENCY_A, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(officerA.address, AGENCY_A);
    });

    it("refuses an address that already serves another agency", async function () {
      const { directory, adminA, officerB } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).addOfficer(AGENCY_A, officerB.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(officerB.address, AGENCY_B);
    });

    it("refuses an address that already serves the same agency", async function () {
      const { directory, adminA, officerA } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).addOfficer(AGENCY_A, officerA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(officerA.address, AGENCY_A);
    });

    it("refuses another agency's admin as an officer", async function () {
      const { directory, governor, adminB } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).addOfficer(AGENCY_A, adminB.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryAlreadyServing")
        .withArgs(adminB.address, AGENCY_B);
    });

    it("rejects the zero address", async function () {
      const { directory, adminA } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).addOfficer(AGENCY_A, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        directory,
        "AgencyDirectoryZeroAddress",
      );
    });

    it("rejects an unknown agency", async function () {
      const { directory, governor, citizen2 } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).addOfficer(3n, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(3n);
      await expect(directory.connect(governor).addOfficer(0n, citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(0n);
    });
  });

  describe("removeOfficer", function () {
    it("lets the agency's admin remove an officer", async function () {
      const { directory, adminA, officerA } = await loadFixture(cityFixture);
      await expect(directory.connect(adminA).removeOfficer(officerA.address))
        .to.emit(directory, "OfficerRemoved")
        .withArgs(AGENCY_A, officerA.address, adminA.address);
      expect(await directory.agencyIdOf(officerA.address)).to.equal(0n);
      expect(await directory.activeAgencyOf(officerA.address)).to.equal(0n);
      expect(await directory.isOfficer(AGENCY_A, officerA.address)).to.equal(false);
    });

    it("lets the governor remove an officer of any agency", async function () {
      const { directory, governor, officerB } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).removeOfficer(officerB.address))
        .to.emit(directory, "OfficerRemoved")
        .withArgs(AGENCY_B, officerB.address, governor.address);
      expect(await directory.agencyIdOf(officerB.address)).to.equal(0n);
    });

    it("lets the governor remove an officer of a suspended agency", async function () {
      const { directory, governor, officerA } = await loadFixture(suspendedFixture);
      await expect(directory.connect(governor).removeOfficer(officerA.address))
        .to.emit(directory, "OfficerRemoved")
        .withArgs(AGENCY_A, officerA.address, governor.address);
    });

    it("lets a removed officer join another agency", async function () {
      const { directory, adminA, adminB, officerA } = await loadFixture(cityFixture);
      await directory.connect(adminA).removeOfficer(officerA.address);
      await expect(directory.connect(adminB).addOfficer(AGENCY_B, officerA.address))
        .to.emit(directory, "OfficerAdded")
        .withArgs(AGENCY_B, officerA.address, adminB.address);
      expect(await directory.isOfficer(AGENCY_B, officerA.address)).to.equal(true);
    });

    it("refuses the admin of a suspended agency", async function () {
      const { directory, adminA, officerA } = await loadFixture(suspendedFixture);
      await expect(directory.connect(adminA).removeOfficer(officerA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(adminA.address, AGENCY_A);
      expect(await directory.agencyIdOf(officerA.address)).to.equal(AGENCY_A);
    });

    it("refuses the admin of another agency", async function () {
      const { directory, adminB, officerA } = await loadFixture(cityFixture);
      await expect(directory.connect(adminB).removeOfficer(officerA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(adminB.address, AGENCY_A);
    });

    it("refuses an officer removing a fellow officer", async function () {
      const { directory, adminA, officerA, citizen2 } = await loadFixture(cityFixture);
      await directory.connect(adminA).addOfficer(AGENCY_A, citizen2.address);
      await expect(directory.connect(officerA).removeOfficer(citizen2.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
        .withArgs(officerA.address, AGENCY_A);
    });

    it("reverts AgencyDirectoryNotAnOfficer for the agency's admin", async function () {
      const { directory, governor, adminA } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).removeOfficer(adminA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryNotAnOfficer")
        .withArgs(adminA.address);
      expect(await directory.agencyAdmin(AGENCY_A)).to.equal(adminA.address);
    });

    it("reverts AgencyDirectoryNotAnOfficer for an address that serves no agency", async function () {
      const { directory, governor, stranger } = await loadFixture(cityFixture);
      await expect(directory.connect(governor).removeOfficer(stranger.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryNotAnOfficer")
        .withArgs(stranger.address);
    });

    it("reverts AgencyDirectoryNotAnOfficer for an officer already removed", async function () {
      const { directory, adminA, officerA } = await loadFixture(cityFixture);
      await directory.connect(adminA).removeOfficer(officerA.address);
      await expect(directory.connect(adminA).removeOfficer(officerA.address))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryNotAnOfficer")
        .withArgs(officerA.address);
    });
  });

  describe("views", function () {
    it("agencyCount counts the registered agencies", async function () {
      const { directory } = await loadFixture(cityFixture);
      expect(await directory.agencyCount()).to.equal(2n);
    });

    it("getAgency returns the agency's code, name, admin and active flag by name", async function () {
      const { directory, adminB } = await loadFixture(suspendedFixture);
      const agency = await directory.getAgency(AGENCY_B);
      expect(agency.code).to.equal(code("DPMPTSP"));
      expect(agency.name).to.equal("DPMPTSP Kota Bandung");
      expect(agency.admin).to.equal(adminB.address);
      expect(agency.active).to.equal(true);
      expect((await directory.getAgency(AGENCY_A)).active).to.equal(false);
    });

    it("getAgency reverts AgencyDirectoryUnknownAgency for an id that names no agency", async function () {
      const { directory } = await loadFixture(cityFixture);
      await expect(directory.getAgency(3n))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(3n);
      await expect(directory.getAgency(0n))
        .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnknownAgency")
        .withArgs(0n);
    });

    it("agencyIdByCode finds an agency by its code and returns 0 for an unknown code", async function () {
      const { directory } = await loadFixture(cityFixture);
      expect(await directory.agencyIdByCode(code("DISDUKCAPIL"))).to.equal(AGENCY_A);
      expect(await directory.agencyIdByCode(code("DPMPTSP"))).to.equal(AGENCY_B);
      expect(await directory.agencyIdByCode(code("DISHUB"))).to.equal(0n);
      expect(await directory.agencyIdByCode(ethers.ZeroHash)).to.equal(0n);
    });

    it("agencyIdOf maps officers and admins to their agency and anyone else to 0", async function () {
      const { directory, governor, adminA, officerA, adminB, officerB, stranger } = await loadFixture(cityFixture);
      expect(await directory.agencyIdOf(officerA.address)).to.equal(AGENCY_A);
      expect(await directory.agencyIdOf(adminA.address)).to.equal(AGENCY_A);
      expect(await directory.agencyIdOf(officerB.address)).to.equal(AGENCY_B);
      expect(await directory.agencyIdOf(adminB.address)).to.equal(AGENCY_B);
      expect(await directory.agencyIdOf(stranger.address)).to.equal(0n);
      expect(await directory.agencyIdOf(governor.address)).to.equal(0n);
    });

    it("isOfficer is true for an agency's officers and admin, false for other agencies and outsiders", async function () {
      const { directory, governor, adminA, officerA, officerB, stranger } = await loadFixture(cityFixture);
      expect(await directory.isOfficer(AGENCY_A, officerA.address)).to.equal(true);
      expect(await directory.isOfficer(AGENCY_A, adminA.address)).to.equal(true);
      expect(await directory.isOfficer(AGENCY_B, officerA.address)).to.equal(false);
      expect(await directory.isOfficer(AGENCY_A, officerB.address)).to.equal(false);
      expect(await directory.isOfficer(AGENCY_A, stranger.address)).to.equal(false);
      expect(await directory.isOfficer(AGENCY_A, governor.address)).to.equal(false);
    });

    it("isOfficer is false for agency 0, even for an address that serves no agency", async function () {
      const { directory, officerA, stranger } = await loadFixture(cityFixture);
      expect(await directory.isOfficer(0n, stranger.address)).to.equal(false);
      expect(await directory.isOfficer(0n, ethers.ZeroAddress)).to.equal(false);
      expect(await directory.isOfficer(0n, officerA.address)).to.equal(false);
    });

    it("activeAgencyOf is the agency of an officer or admin of an active agency, else 0", async function () {
      const { directory, adminA, officerA, officerB, stranger } = await loadFixture(suspendedFixture);
      expect(await directory.activeAgencyOf(officerB.address)).to.equal(AGENCY_B);
      expect(await directory.activeAgencyOf(officerA.address)).to.equal(0n);
      expect(await directory.activeAgencyOf(adminA.address)).to.equal(0n);
      expect(await directory.activeAgencyOf(stranger.address)).to.equal(0n);
    });

    it("isAgencyActive is true for an active agency, false for a suspended or unknown one", async function () {
      const { directory } = await loadFixture(suspendedFixture);
      expect(await directory.isAgencyActive(AGENCY_B)).to.equal(true);
      expect(await directory.isAgencyActive(AGENCY_A)).to.equal(false);
      expect(await directory.isAgencyActive(3n)).to.equal(false);
      expect(await directory.isAgencyActive(0n)).to.equal(false);
    });

    it("agencyStatusFor returns whether the agency is active and the agency the account serves", async function () {
      const { directory, governor, adminA, officerA, officerB, stranger } = await loadFixture(suspendedFixture);
      const statusFor = async (agencyId: bigint, account: string) => [
        ...(await directory.agencyStatusFor(agencyId, account)),
      ];
      // Agency B is active; agency A is suspended, yet its members still serve it (as agencyIdOf).
      expect(await statusFor(AGENCY_B, officerB.address)).to.deep.equal([true, AGENCY_B]);
      expect(await statusFor(AGENCY_B, officerA.address)).to.deep.equal([true, AGENCY_A]);
      expect(await statusFor(AGENCY_B, stranger.address)).to.deep.equal([true, 0n]);
      expect(await statusFor(AGENCY_A, adminA.address)).to.deep.equal([false, AGENCY_A]);
      expect(await statusFor(AGENCY_A, governor.address)).to.deep.equal([false, 0n]);
      // Unknown agencies are not active.
      for (const agencyId of [0n, 3n]) {
        expect(await statusFor(agencyId, officerB.address)).to.deep.equal([false, AGENCY_B]);
      }
      const result = await directory.agencyStatusFor(AGENCY_B, officerB.address);
      expect([result.agencyActive, result.accountAgencyId]).to.deep.equal([true, AGENCY_B]);
    });

    it("agencyAdmin returns the admin, or the zero address for an unknown agency", async function () {
      const { directory, adminA, adminB } = await loadFixture(cityFixture);
      expect(await directory.agencyAdmin(AGENCY_A)).to.equal(adminA.address);
      expect(await directory.agencyAdmin(AGENCY_B)).to.equal(adminB.address);
      expect(await directory.agencyAdmin(3n)).to.equal(ethers.ZeroAddress);
      expect(await directory.agencyAdmin(0n)).to.equal(ethers.ZeroAddress);
    });

    it("isGovernor is true only for the holder of DEFAULT_ADMIN_ROLE", async function () {
      const { directory, governor, adminA, officerA, citizen, stranger } = await loadFixture(cityFixture);
      expect(await directory.isGovernor(governor.address)).to.equal(true);
      for (const other of [adminA, officerA, citizen, stranger]) {
        expect(await directory.isGovernor(other.address)).to.equal(false);
      }
      expect(await directory.isGovernor(ethers.ZeroAddress)).to.equal(false);
    });
  });
});
