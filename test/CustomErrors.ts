import { expect } from "chai";
import { readFileSync, readdirSync } from "node:fs";
import { artifacts } from "hardhat";

/**
 * Every custom error the suite declares is reached by at least one test: each error name of the four
 * contracts' interfaces must appear, quoted, in a TypeScript test that asserts it (through
 * `revertedWithCustomError(..., "Name")` or a table of expected errors). The dApp's translations
 * are checked against the same list once the dApp exists.
 */
describe("custom errors", function () {
  const testDir = new URL("./", import.meta.url);
  const testSources = readdirSync(testDir)
    .filter((file) => file.endsWith(".ts") && file !== "CustomErrors.ts")
    .map((file) => readFileSync(new URL(file, testDir), "utf8"))
    .join("\n");

  for (const name of ["IAgencyDirectory", "ICitizenAttestations", "IServiceRequests", "IDocumentRegistry"]) {
    it(`has a test for every error of ${name}`, async function () {
      const { abi } = await artifacts.readArtifact(name);
      const errors = abi.filter((item: { type: string }) => item.type === "error").map((e: { name: string }) => e.name);
      expect(errors.length).to.be.greaterThan(0);
      const untested = errors.filter((error: string) => !testSources.includes(`"${error}"`));
      expect(untested, `errors no test asserts: ${untested.join(", ")}`).to.deep.equal([]);
    });
  }

  // The refusals issue 10 (the trust model) added: they must stay declared, so that the tests
  // above keep asserting them and the dApp keeps translating them.
  const ISSUE_10_ERRORS: Record<string, string[]> = {
    ICitizenAttestations: ["AttestationsTooManyIssuers", "AttestationsDeadlineTooFar"],
    IServiceRequests: ["RequestByAgencyMember", "RequestReasonRequired"],
    IDocumentRegistry: [
      "DocumentsNotGovernor",
      "DocumentsZeroType",
      "DocumentsTypeExists",
      "DocumentsInvalidDescription",
      "DocumentsTooManyTypes",
      "DocumentsUnknownType",
      "DocumentsUnknownAgency",
      "DocumentsTrustUnchanged",
      "DocumentsUntrustedIssuer",
    ],
  };
  for (const [name, expected] of Object.entries(ISSUE_10_ERRORS)) {
    it(`declares the errors issue 10 added to ${name}`, async function () {
      const { abi } = await artifacts.readArtifact(name);
      const errors = abi.filter((item: { type: string }) => item.type === "error").map((e: { name: string }) => e.name);
      expect(expected.filter((error) => !errors.includes(error))).to.deep.equal([]);
    });
  }
});
