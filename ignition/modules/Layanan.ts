import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The four contracts, wired as in DESIGN.md. The deployer becomes the first governor; when the
 * governor is another address (a multisig), the deploy script then starts the two-step hand-over.
 * Ignition journals every step under ignition/deployments/<id>/, so an interrupted deployment
 * resumes where it stopped.
 */
export default buildModule("Layanan", (m) => {
  const deployer = m.getAccount(0);
  const directory = m.contract("AgencyDirectory", [deployer]);
  const attestations = m.contract("CitizenAttestations", [directory]);
  const requests = m.contract("ServiceRequests", [directory, attestations]);
  const documents = m.contract("DocumentRegistry", [directory]);
  return { directory, attestations, requests, documents };
});
