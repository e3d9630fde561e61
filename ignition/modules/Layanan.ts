import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The four contracts, wired as in DESIGN.md. The governor (in production a multisig) is passed to
 * AgencyDirectory's constructor: the deployer key never governs, not even for a day. Ignition
 * journals every step under ignition/deployments/<id>/, so an interrupted deployment resumes where
 * it stopped.
 */
export default buildModule("Layanan", (m) => {
  const governor = m.getParameter<string>("governor");
  const directory = m.contract("AgencyDirectory", [governor]);
  const attestations = m.contract("CitizenAttestations", [directory]);
  const requests = m.contract("ServiceRequests", [directory, attestations]);
  const documents = m.contract("DocumentRegistry", [directory]);
  return { directory, attestations, requests, documents };
});
