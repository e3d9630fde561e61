import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ethers as ethersLib } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";
import LayananModule from "../../ignition/modules/Layanan.js";
import LayananAccountsModule from "../../ignition/modules/LayananAccounts.js";
import { ACCOUNT_CONTRACT_NAMES, CONTRACT_NAMES, type ContractName, type Manifest } from "@layanan/core";
import { deploymentsDir, manifestPath, readManifest, writeManifest } from "@layanan/core/node";
import { checkLiveCode, UserError } from "./manifest.js";
import { ensureMulticall3 } from "./multicall.js";
import { ensureEntryPoint, entryPointArtifact } from "./entrypoint.js";
import { DEV_SPONSOR_ADDRESS } from "./dev-keys.js";

/** The local development chain (Hardhat, 31337): the only one where the deployer may govern. */
const LOCAL_CHAIN_ID = 31337;

export interface DeployOptions {
  /** The network's name in hardhat.config.ts, which names the manifest. */
  network: string;
  /** Redeploy even when the manifest matches live code. */
  fresh?: boolean;
  /** The governor (a multisig in production), passed to the constructor; required on every chain but 31337. */
  governor?: string;
  /**
   * The sponsor service's signing address, which LayananPaymaster trusts; required on every chain
   * but 31337, where it defaults to Hardhat's development account #19.
   */
  sponsorSigner?: string;
  /** Where manifests live (deployments/ by default). */
  dir?: string;
  log?: (line: string) => void;
}

export interface DeployResult {
  manifest: Manifest;
  deployed: boolean;
  file: string;
}

/**
 * Deploys the four contracts with Hardhat Ignition and writes deployments/<network>.json.
 * - A manifest that matches the live code means nothing is deployed (unless `fresh`).
 * - Ignition journals each step under ignition/deployments/layanan-<network>/, so an interrupted
 *   deployment resumes; a journal whose contracts are gone (a restarted local node) is discarded.
 */
export async function deploy(connection: NetworkConnection, options: DeployOptions): Promise<DeployResult> {
  const { ethers, ignition } = connection;
  const log = options.log ?? console.log;
  const dir = options.dir ?? deploymentsDir();
  const provider = ethers.provider;
  const [deployer] = await ethers.getSigners();
  if (deployer === undefined) throw new UserError(`Network "${options.network}" has no account to deploy with.`);
  if (options.governor !== undefined && !ethersLib.isAddress(options.governor)) {
    throw new UserError(`--governor must be an address, got "${options.governor}".`);
  }
  const { chainId: networkChainId } = await provider.getNetwork();
  if (options.governor === undefined && Number(networkChainId) !== LOCAL_CHAIN_ID) {
    throw new UserError(
      `--governor is required on chain ${networkChainId}: name the city's multisig (e.g. a Safe). ` +
        "The deployer key never governs; only the local development chain 31337 defaults to it.",
    );
  }
  const governor = ethersLib.getAddress(options.governor ?? deployer.address);
  if (options.sponsorSigner !== undefined && !ethersLib.isAddress(options.sponsorSigner)) {
    throw new UserError(`--sponsor-signer must be an address, got "${options.sponsorSigner}".`);
  }
  if (options.sponsorSigner === undefined && Number(networkChainId) !== LOCAL_CHAIN_ID) {
    throw new UserError(
      `--sponsor-signer is required on chain ${networkChainId}: the address of the sponsor service's key ` +
        "(LAYANAN_SPONSOR_PRIVATE_KEY of the dApp's server), which the paymaster trusts.",
    );
  }
  const sponsorSigner = ethersLib.getAddress(options.sponsorSigner ?? DEV_SPONSOR_ADDRESS);

  const existing = readManifest(options.network, dir);
  /** The four are live and only the citizen-account contracts are missing: they are added, the four kept. */
  let keepFour: Manifest | undefined;
  if (existing !== undefined && options.fresh !== true) {
    const live = await checkLiveCode(provider, existing);
    const accountsLive = live.matches && (await accountContractsLive(provider, existing));
    if (live.matches && ethersLib.getAddress(existing.governor) !== governor) {
      throw new UserError(
        `The live deployment is governed by ${existing.governor}, not ${governor}; nothing was sent. ` +
          "The governor hands over itself (AgencyDirectory.beginDefaultAdminTransfer); use --fresh for a new deployment.",
      );
    }
    if (live.matches && !accountsLive) {
      log(
        "The citizen-account contracts (EntryPoint, factory, paymaster) are missing from the deployment; adding them.",
      );
      keepFour = existing;
    }
    if (live.matches && accountsLive) {
      log(
        `Nothing to deploy: ${path.relative(process.cwd(), manifestPath(options.network, dir))} matches the live ` +
          `contracts on chain ${existing.chainId} (deployed at block ${existing.deployBlock}). Use --fresh to redeploy.`,
      );
      // A manifest written before Multicall3 was recorded (or whose Multicall3 is gone) gets it now.
      const multicall3 = await ensureMulticall3(connection, log);
      if (multicall3?.codeHash !== existing.contracts.Multicall3?.codeHash) {
        const contracts: Manifest["contracts"] = { ...existing.contracts };
        if (multicall3) contracts.Multicall3 = { ...existing.contracts.Multicall3, ...multicall3 };
        else delete contracts.Multicall3;
        const updated: Manifest = { ...existing, contracts };
        return { manifest: updated, deployed: false, file: writeManifest(updated, dir) };
      }
      return { manifest: existing, deployed: false, file: manifestPath(options.network, dir) };
    }
    if (!live.matches) log(`The manifest does not match the chain (${live.reason}); deploying.`);
  }

  const deploymentId = `layanan-${options.network}`;
  const journalDir = path.join(ignitionDir(), "deployments", deploymentId);
  if (connection.networkConfig.type === "http" && existsSync(journalDir)) {
    if (options.fresh === true || (await journalIsStale(provider, journalDir))) {
      rmSync(journalDir, { recursive: true, force: true });
    } else {
      log(`Resuming the interrupted deployment journaled in ${path.relative(process.cwd(), journalDir)}.`);
    }
  }

  const startBlock = (await provider.getBlockNumber()) + 1;
  // EntryPoint v0.8 first: where the chain has none and no deterministic deployer, nothing else is sent.
  const entryPoint = await ensureEntryPoint(deployer, connection.provider as never, log);
  const four = keepFour
    ? {
        directory: await ethers.getContractAt("AgencyDirectory", keepFour.contracts.AgencyDirectory.address),
        attestations: await ethers.getContractAt("CitizenAttestations", keepFour.contracts.CitizenAttestations.address),
        requests: await ethers.getContractAt("ServiceRequests", keepFour.contracts.ServiceRequests.address),
        documents: await ethers.getContractAt("DocumentRegistry", keepFour.contracts.DocumentRegistry.address),
      }
    : await ignition.deploy(LayananModule, {
        deploymentId,
        displayUi: false,
        parameters: { Layanan: { governor } },
      });
  const accounts = await ignition.deploy(LayananAccountsModule, {
    deploymentId,
    displayUi: false,
    parameters: {
      LayananAccounts: {
        directory: await four.directory.getAddress(),
        serviceRequests: await four.requests.getAddress(),
        sponsorSigner,
      },
    },
  });
  const contracts = { ...four, ...accounts } as typeof four & typeof accounts;
  const deployBlock =
    keepFour?.deployBlock ??
    (connection.networkConfig.type === "http" ? journalFirstBlock(journalDir) : undefined) ??
    startBlock;

  const directory = contracts.directory;
  if (!(await directory.getFunction("isGovernor")(governor))) {
    throw new UserError(`AgencyDirectory ${await directory.getAddress()} is not governed by ${governor}.`);
  }
  if (governor !== deployer.address) {
    log(
      `Governor ${governor} holds DEFAULT_ADMIN_ROLE from the constructor; the deployer ${deployer.address} has no role.`,
    );
  }

  const entries = {} as Manifest["contracts"];
  const byName: Record<ContractName, ethersLib.BaseContract> = {
    AgencyDirectory: contracts.directory,
    CitizenAttestations: contracts.attestations,
    ServiceRequests: contracts.requests,
    DocumentRegistry: contracts.documents,
  };
  for (const name of CONTRACT_NAMES) {
    const address = await byName[name].getAddress();
    entries[name] = {
      address,
      codeHash: ethersLib.keccak256(await provider.getCode(address)),
      abi: JSON.parse(byName[name].interface.formatJson()) as unknown[],
    };
  }
  entries.EntryPoint = { address: entryPoint.address, codeHash: entryPoint.codeHash, abi: entryPointArtifact().abi };
  for (const [name, contract] of [
    ["CitizenAccountFactory", contracts.accountFactory],
    ["LayananPaymaster", contracts.paymaster],
  ] as const) {
    const address = await contract.getAddress();
    entries[name] = {
      address,
      codeHash: ethersLib.keccak256(await provider.getCode(address)),
      abi: JSON.parse(contract.interface.formatJson()) as unknown[],
    };
  }
  await fundPaymaster(contracts.paymaster, Number(networkChainId), options.network, log);
  const signerNow = ethersLib.getAddress((await contracts.paymaster.getFunction("signer")()) as string);
  if (signerNow !== sponsorSigner) {
    log(
      `LayananPaymaster trusts sponsor signer ${signerNow}, not ${sponsorSigner}: the governor rotates it with ` +
        "setSponsorSigner (the paymaster of this deployment was made before).",
    );
  }
  // Multicall3, so that the reads batch per-item calls (put there on chain 31337; elsewhere recorded if present).
  const multicall3 = await ensureMulticall3(connection, log);
  if (multicall3) entries.Multicall3 = multicall3;
  const { chainId } = await provider.getNetwork();
  const manifest: Manifest = {
    network: options.network,
    chainId: Number(chainId),
    deployBlock,
    deployer: deployer.address,
    governor,
    pendingGovernor: null,
    deployedAt: new Date().toISOString(),
    contracts: entries,
    // The off-chain services the agency runs for this network (its indexer's URL, …) outlive a
    // redeployment: the indexer re-indexes the new contracts from the new manifest. A local chain's
    // services are written afresh by npm start.
    ...(existing?.services && Number(chainId) !== LOCAL_CHAIN_ID ? { services: existing.services } : {}),
  };
  const file = writeManifest(manifest, dir);
  log(`Deployed to chain ${manifest.chainId} at block ${deployBlock}; wrote ${path.relative(process.cwd(), file)}.`);
  for (const name of [...CONTRACT_NAMES, ...ACCOUNT_CONTRACT_NAMES])
    log(`  ${name.padEnd(22)} ${entries[name]!.address}`);
  if (multicall3) log(`  ${"Multicall3".padEnd(20)} ${multicall3.address}`);
  return { manifest, deployed: true, file };
}

/** On chain 31337 the paymaster's deposit is kept at 100 ETH or more; elsewhere the deploy says how to top it up. */
const LOCAL_DEPOSIT = ethersLib.parseEther("100");

async function fundPaymaster(
  paymaster: ethersLib.Contract,
  chainId: number,
  network: string,
  log: (line: string) => void,
) {
  const deposit = (await paymaster.getFunction("getDeposit")()) as bigint;
  if (chainId === LOCAL_CHAIN_ID) {
    if (deposit < LOCAL_DEPOSIT) {
      await (await paymaster.getFunction("deposit")({ value: LOCAL_DEPOSIT - deposit })).wait();
      log(`LayananPaymaster deposit funded to ${ethersLib.formatEther(LOCAL_DEPOSIT)} ETH (local chain).`);
    }
    return;
  }
  log(
    `LayananPaymaster deposit at the EntryPoint: ${ethersLib.formatEther(deposit)} ETH. It pays every citizen's fees: ` +
      `top it up with \`npm run layanan -- sponsor fund --amount <eth> --network ${network}\` (anyone may), ` +
      "stake it for public bundlers from the governor's multisig (addStake), and watch it with `sponsor status`.",
  );
}

/** The manifest names all three citizen-account contracts and each has its recorded code on chain. */
async function accountContractsLive(provider: ethersLib.Provider, manifest: Manifest): Promise<boolean> {
  for (const name of ACCOUNT_CONTRACT_NAMES) {
    const entry = manifest.contracts[name];
    if (entry === undefined) return false;
    if (ethersLib.keccak256(await provider.getCode(entry.address)) !== entry.codeHash) return false;
  }
  return true;
}

function ignitionDir(): string {
  return path.resolve(import.meta.dirname, "../../ignition");
}

/** A journal is stale when a contract it recorded has no code on the chain (e.g. the local node restarted). */
async function journalIsStale(provider: ethersLib.Provider, journalDir: string): Promise<boolean> {
  const file = path.join(journalDir, "deployed_addresses.json");
  if (!existsSync(file)) return readdirSync(journalDir).length === 0;
  const addresses = Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  for (const address of addresses) if ((await provider.getCode(address)) === "0x") return true;
  return false;
}

/** The earliest block of a confirmed transaction in Ignition's journal, if there is one. */
function journalFirstBlock(journalDir: string): number | undefined {
  const file = path.join(journalDir, "journal.jsonl");
  if (!existsSync(file)) return undefined;
  const blocks = readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line) => {
      const match = /"blockNumber":\s*(\d+)/.exec(line);
      return match ? [Number(match[1])] : [];
    });
  return blocks.length > 0 ? Math.min(...blocks) : undefined;
}
