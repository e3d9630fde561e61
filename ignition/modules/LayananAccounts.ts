import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * Citizen accounts (ERC-4337 v0.8; EntryPoint at its canonical address, put there first by the
 * deploy script): the factory of passkey accounts and the paymaster that pays their fees for the
 * operations the sponsor service (its key: sponsorSigner) signed. A module of its own, so that a
 * deployment made before citizen accounts gets them without touching the four contracts.
 */
export default buildModule("LayananAccounts", (m) => {
  const directory = m.getParameter<string>("directory");
  const serviceRequests = m.getParameter<string>("serviceRequests");
  const sponsorSigner = m.getParameter<string>("sponsorSigner");
  const accountFactory = m.contract("CitizenAccountFactory", []);
  const paymaster = m.contract("LayananPaymaster", [directory, serviceRequests, accountFactory, sponsorSigner]);
  return { accountFactory, paymaster };
});
