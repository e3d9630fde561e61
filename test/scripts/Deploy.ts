import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import { deploy } from "../../scripts/lib/deploy.js";
import { ACCOUNT_CONTRACT_NAMES, CONTRACT_NAMES, ENTRY_POINT_V08, type Manifest } from "@layanan/core";
import { DEV_SPONSOR_ADDRESS } from "../../scripts/lib/dev-keys.js";
import { readManifest, writeManifest } from "@layanan/core/node";
import { checkLiveCode } from "../../scripts/lib/manifest.js";
import { scriptsSandbox, type Sandbox } from "./helpers.js";

describe("deploy script", function () {
  let sandbox: Sandbox;
  let first: Manifest;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  before(async function () {
    sandbox = await scriptsSandbox();
    ({ manifest: first } = await deploy(sandbox.connection, { network: "hardhat", log }));
  });
  after(async function () {
    await sandbox.dispose();
  });

  it("writes deployments/<network>.json with chain id, deploy block, governor, and each contract's address and ABI", async function () {
    const file = path.join(sandbox.root, "deployments", "hardhat.json");
    expect(existsSync(file)).to.equal(true);
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
    const [deployer] = await sandbox.ethers.getSigners();
    expect(manifest.network).to.equal("hardhat");
    expect(manifest.chainId).to.equal(31337);
    expect(manifest.governor).to.equal(deployer.address);
    expect(manifest.pendingGovernor).to.equal(null);
    expect(manifest.deployBlock).to.be.a("number").and.to.be.greaterThan(0);
    // The four, the citizen-account contracts, and Multicall3 (put at its canonical address on the
    // local chain: see test/CoreWindowedReads.ts).
    expect(Object.keys(manifest.contracts)).to.deep.equal([...CONTRACT_NAMES, ...ACCOUNT_CONTRACT_NAMES, "Multicall3"]);
    for (const name of [...CONTRACT_NAMES, ...ACCOUNT_CONTRACT_NAMES]) {
      if (manifest.contracts[name] === undefined) throw new Error(`no ${name}`);
      const { address, abi, codeHash } = manifest.contracts[name]!;
      expect(await sandbox.ethers.provider.getCode(address)).to.not.equal("0x");
      expect(sandbox.ethers.keccak256(await sandbox.ethers.provider.getCode(address))).to.equal(codeHash);
      expect((abi as { type: string }[]).some((item) => item.type === "function")).to.equal(true);
    }
    // The deploy block holds the first contract's creation.
    expect(
      await sandbox.ethers.provider.getCode(manifest.contracts.AgencyDirectory.address, manifest.deployBlock - 1),
    ).to.equal("0x");
  });

  it("wires the contracts as DESIGN.md says", async function () {
    const { contracts } = first;
    const attestations = await sandbox.ethers.getContractAt(
      "CitizenAttestations",
      contracts.CitizenAttestations.address,
    );
    const requests = await sandbox.ethers.getContractAt("ServiceRequests", contracts.ServiceRequests.address);
    const documents = await sandbox.ethers.getContractAt("DocumentRegistry", contracts.DocumentRegistry.address);
    const directory = await sandbox.ethers.getContractAt("AgencyDirectory", contracts.AgencyDirectory.address);
    expect(await attestations.DIRECTORY()).to.equal(contracts.AgencyDirectory.address);
    expect(await requests.DIRECTORY()).to.equal(contracts.AgencyDirectory.address);
    expect(await requests.ATTESTATIONS()).to.equal(contracts.CitizenAttestations.address);
    expect(await documents.DIRECTORY()).to.equal(contracts.AgencyDirectory.address);
    expect(await directory.isGovernor(first.governor)).to.equal(true);
  });

  it("puts EntryPoint v0.8 at its canonical address and wires the factory and a funded paymaster", async function () {
    const { contracts } = first;
    expect(contracts.EntryPoint!.address).to.equal(ENTRY_POINT_V08);
    const paymaster = await sandbox.ethers.getContractAt("LayananPaymaster", contracts.LayananPaymaster!.address);
    expect(await paymaster.directory()).to.equal(contracts.AgencyDirectory.address);
    expect(await paymaster.serviceRequests()).to.equal(contracts.ServiceRequests.address);
    expect(await paymaster.factory()).to.equal(contracts.CitizenAccountFactory!.address);
    // On 31337 the sponsor service signs with Hardhat's development account #19.
    expect(await paymaster.getFunction("signer")()).to.equal(DEV_SPONSOR_ADDRESS);
    expect(await paymaster.getDeposit()).to.be.greaterThanOrEqual(sandbox.ethers.parseEther("100"));
    const factory = await sandbox.ethers.getContractAt(
      "CitizenAccountFactory",
      contracts.CitizenAccountFactory!.address,
    );
    expect(await sandbox.ethers.provider.getCode(await factory.accountImplementation())).to.not.equal("0x");
  });

  it("adds the citizen-account contracts to a deployment made before them, keeping the four", async function () {
    const manifest = readManifest("hardhat", path.join(sandbox.root, "deployments"))!;
    const older: Manifest = { ...manifest, contracts: { ...manifest.contracts } };
    delete older.contracts.CitizenAccountFactory;
    delete older.contracts.LayananPaymaster;
    delete older.contracts.EntryPoint;
    writeManifest(older, path.join(sandbox.root, "deployments"));
    lines.length = 0;
    const again = await deploy(sandbox.connection, { network: "hardhat", log });
    expect(lines.join("\n")).to.match(/citizen-account contracts .* are missing from the deployment; adding them/);
    expect(again.manifest.contracts.LayananPaymaster).to.not.equal(undefined);
    for (const name of CONTRACT_NAMES) {
      expect(again.manifest.contracts[name].address).to.equal(manifest.contracts[name].address);
    }
    expect(again.manifest.contracts.EntryPoint!.address).to.equal(ENTRY_POINT_V08);
    first = again.manifest;
  });

  it("deploys nothing on a second run whose manifest matches the live code, and says so", async function () {
    lines.length = 0;
    const again = await deploy(sandbox.connection, { network: "hardhat", log });
    expect(again.deployed).to.equal(false);
    expect(again.manifest.contracts.AgencyDirectory.address).to.equal(first.contracts.AgencyDirectory.address);
    expect(lines.join("\n")).to.match(/Nothing to deploy: .*hardhat\.json matches the live contracts on chain 31337/);
  });

  it("redeploys with --fresh", async function () {
    const fresh = await deploy(sandbox.connection, { network: "hardhat", fresh: true, log });
    expect(fresh.deployed).to.equal(true);
    expect(fresh.manifest.contracts.AgencyDirectory.address).to.not.equal(first.contracts.AgencyDirectory.address);
    expect(readManifest("hardhat")?.contracts.AgencyDirectory.address).to.equal(
      fresh.manifest.contracts.AgencyDirectory.address,
    );
  });

  it("redeploys when the manifest does not match the chain (a restarted node)", async function () {
    const other = await scriptsSandbox();
    try {
      const stale: Manifest = { ...first, contracts: { ...first.contracts } };
      stale.contracts.AgencyDirectory = {
        ...stale.contracts.AgencyDirectory,
        address: "0x000000000000000000000000000000000000dEaD",
      };
      expect(await checkLiveCode(other.ethers.provider, stale)).to.deep.equal({
        matches: false,
        reason: "no contract at 0x000000000000000000000000000000000000dEaD (AgencyDirectory)",
      });
      writeManifest(stale);
      lines.length = 0;
      const result = await deploy(other.connection, { network: "hardhat", log });
      expect(result.deployed).to.equal(true);
      expect(lines[0]).to.equal(
        "The manifest does not match the chain (no contract at 0x000000000000000000000000000000000000dEaD (AgencyDirectory)); deploying.",
      );
    } finally {
      await other.dispose();
    }
  });

  it("passes the governor (a multisig) to the constructor: the deployer never holds a role", async function () {
    const other = await scriptsSandbox();
    try {
      const signers = await other.ethers.getSigners();
      const multisig = signers[9];
      lines.length = 0;
      const { manifest } = await deploy(other.connection, { network: "hardhat", governor: multisig.address, log });
      expect(manifest.governor).to.equal(multisig.address);
      expect(manifest.pendingGovernor).to.equal(null);
      const directory = await other.ethers.getContractAt("AgencyDirectory", manifest.contracts.AgencyDirectory.address);
      expect(await directory.isGovernor(multisig.address)).to.equal(true);
      expect(await directory.isGovernor(signers[0].address)).to.equal(false);
      expect(await directory.defaultAdmin()).to.equal(multisig.address);
      const [pending] = await directory.pendingDefaultAdmin();
      expect(pending).to.equal(other.ethers.ZeroAddress);
      // Not even for a block: the deployer cannot register an agency.
      await expect(
        directory.connect(signers[0]).registerAgency(other.ethers.encodeBytes32String("X"), "X", signers[3].address),
      ).to.be.revertedWithCustomError(directory, "AccessControlUnauthorizedAccount");
      expect(lines.join("\n")).to.contain(`Governor ${multisig.address} holds DEFAULT_ADMIN_ROLE from the constructor`);

      // The live deployment keeps its governor: asking for another one sends nothing.
      let message = "";
      try {
        await deploy(other.connection, { network: "hardhat", governor: signers[8].address, log });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.match(
        /^The live deployment is governed by 0x[0-9a-fA-F]{40}, not 0x[0-9a-fA-F]{40}; nothing was sent\./,
      );
    } finally {
      await other.dispose();
    }
  });

  it("requires --governor on any chain but the local 31337", async function () {
    const connection = await network.create({ network: "hardhat", override: { chainId: 8453 } });
    try {
      const before = await connection.ethers.provider.getBlockNumber();
      let message = "";
      try {
        await deploy(connection, { network: "base", log, dir: sandbox.root });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.match(/^--governor is required on chain 8453: name the city's multisig/);
      expect(await connection.ethers.provider.getBlockNumber()).to.equal(before);
    } finally {
      await connection.close();
    }
  });

  it("requires --sponsor-signer on any chain but the local 31337", async function () {
    const connection = await network.create({ network: "hardhat", override: { chainId: 8453 } });
    try {
      const [governor] = await connection.ethers.getSigners();
      let message = "";
      try {
        await deploy(connection, { network: "base", governor: governor.address, log, dir: sandbox.root });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.match(/^--sponsor-signer is required on chain 8453/);
    } finally {
      await connection.close();
    }
  });

  it("rejects a governor that is not an address", async function () {
    let message = "";
    try {
      await deploy(sandbox.connection, { network: "hardhat", governor: "bandung-multisig", log });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.equal('--governor must be an address, got "bandung-multisig".');
  });
});
