import { expect } from "chai";
import { cityFixture, networkHelpers, AGENCY_A } from "./helpers/fixture.js";

describe("smoke", function () {
  it("loads the city fixture", async function () {
    const { directory, officerA } = await networkHelpers.loadFixture(cityFixture);
    expect(await directory.isOfficer(AGENCY_A, officerA.address)).to.equal(true);
    await expect(directory.connect(officerA).addOfficer(AGENCY_A, officerA.address))
      .to.be.revertedWithCustomError(directory, "AgencyDirectoryUnauthorized")
      .withArgs(officerA.address, AGENCY_A);
  });
});
