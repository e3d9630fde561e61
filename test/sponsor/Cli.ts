import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ENTRY_POINT_V08,
  encodeAccountCalls,
  encodeCreateAccount,
  encodePasskeySignature,
  encodeSponsorData,
  serviceRequestsAbi,
  softwarePasskey,
  sponsorTypedData,
} from "@layanan/core";
import { type Address, type Hex, encodeFunctionData, pad, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  type UserOperation,
  entryPoint08Abi,
  getUserOperationHash,
  toPackedUserOperation,
} from "viem/account-abstraction";
import { DEVELOPMENT_SPONSOR_KEY } from "../../frontend/src/lib/server/sponsor/index.ts";
import { fundHint, startOfJakartaToday } from "../../scripts/lib/sponsor-commands.js";
import { scriptsSandbox, type Sandbox } from "../scripts/helpers.js";

describe("layanan sponsor (command line)", function () {
  let s: Sandbox;
  let manifestFile: string;

  async function ok(...argv: string[]): Promise<string> {
    const result = await s.cli(...argv);
    expect(result.err, `${argv.join(" ")} printed an error`).to.equal("");
    expect(result.code, argv.join(" ")).to.equal(0);
    return result.out;
  }

  before(async function () {
    s = await scriptsSandbox();
    await ok("deploy");
    manifestFile = path.join(s.root, "deployments", "hardhat.json");
  });
  after(async function () {
    await s.dispose();
  });

  const manifest = () => JSON.parse(readFileSync(manifestFile, "utf8"));

  it("lists sponsor status and sponsor fund in the help", async function () {
    const help = await ok("--help");
    expect(help).to.contain("sponsor status").and.contain("sponsor fund --amount <eth>");
  });

  it("status: the paymaster, its deposit, the sponsor signer, no operations yet, how to top it up", async function () {
    const m = manifest();
    const out = await ok("sponsor", "status");
    expect(out).to.contain(`Paymaster: ${m.contracts.LayananPaymaster.address} (EntryPoint ${ENTRY_POINT_V08})`);
    expect(out).to.match(/Deposit: \d+(\.\d+)? ETH/);
    expect(out).to.contain(`Sponsor signer: ${privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY).address}`);
    expect(out).to.match(
      /Today \(\d{4}-\d{2}-\d{2}, since 00:00 WIB, blocks \d+–\d+\): 0 sponsored operations, 0\.0 ETH paid, 0 accounts\./,
    );
    expect(out).to.contain("npm run layanan -- sponsor fund --amount <eth> --network hardhat");
    expect(out).to.not.contain("multisig"); // local chain
  });

  it("fund: adds to the deposit; refuses a bad amount with one sentence and sends nothing", async function () {
    const before = /Deposit: ([\d.]+) ETH/.exec(await ok("sponsor", "status"))![1];
    const out = await ok("sponsor", "fund", "--amount", "1.5");
    expect(out).to.match(/^Deposited 1\.5 ETH from 0x[0-9a-fA-F]{40} \(transaction 0x[0-9a-f]{64}\)\./);
    const after = /Deposit: ([\d.]+) ETH/.exec(out)![1];
    expect(parseEther(after) - parseEther(before)).to.equal(parseEther("1.5"));
    const block = await s.ethers.provider.getBlockNumber();
    for (const [amount, message] of [
      ["zero", '--amount must be an amount of ETH such as 0.5, got "zero".'],
      ["0", '--amount must be more than 0 ETH, got "0".'],
      ["100000000", "less than 100000000.0 ETH; nothing was sent."],
    ]) {
      const result = await s.cli("sponsor", "fund", "--amount", amount);
      expect(result.code).to.equal(1);
      expect(result.err).to.contain(message);
    }
    expect((await s.cli("sponsor", "fund")).err).to.contain("Missing");
    expect(await s.ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("status counts today's sponsored operations from the EntryPoint's logs", async function () {
    const m = manifest();
    const paymaster = m.contracts.LayananPaymaster.address as Address;
    const factory = m.contracts.CitizenAccountFactory.address as Address;
    const requests = m.contracts.ServiceRequests.address as Address;
    const [governor, bundler] = await s.ethers.getSigners();
    // The local demo has a service to file with; add an open one for this test.
    const serviceRequests = new s.ethers.Contract(requests, m.contracts.ServiceRequests.abi, governor);
    const directory = new s.ethers.Contract(
      m.contracts.AgencyDirectory.address,
      m.contracts.AgencyDirectory.abi,
      governor,
    );
    await (
      await directory.getFunction("registerAgency")(
        s.ethers.encodeBytes32String("DPMPTSP"),
        "DPMPTSP",
        governor.address,
      )
    ).wait();
    await (
      await serviceRequests.getFunction("addService")(
        1,
        s.ethers.encodeBytes32String("JALAN"),
        "Jalan",
        86400,
        s.ethers.ZeroHash,
        0,
      )
    ).wait();
    const entryPoint = new s.ethers.Contract(ENTRY_POINT_V08, entryPoint08Abi as never, bundler);
    const sponsor = privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY);
    const { chainId } = await s.ethers.provider.getNetwork();

    for (const [i, passkey] of [softwarePasskey(), softwarePasskey()].entries()) {
      const sender = (await new s.ethers.Contract(factory, m.contracts.CitizenAccountFactory.abi, governor).getFunction(
        "predictAddress",
      )(passkey.x, passkey.y, passkey.credentialIdHash)) as Address;
      const block = await s.ethers.provider.getBlock("latest");
      const validUntil = block!.timestamp + 600;
      const op: UserOperation<"0.8"> = {
        sender,
        nonce: 0n,
        factory,
        factoryData: encodeCreateAccount(passkey),
        callData: encodeAccountCalls([
          {
            to: requests,
            data: encodeFunctionData({
              abi: serviceRequestsAbi,
              functionName: "submit",
              args: [1, pad("0x00"), pad(`0x0${i + 1}`), "Jalan rusak"],
            }),
          },
        ]),
        callGasLimit: 500_000n,
        verificationGasLimit: 1_000_000n,
        preVerificationGas: 60_000n,
        maxFeePerGas: 2_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
        paymaster,
        paymasterVerificationGasLimit: 80_000n,
        paymasterPostOpGasLimit: 0n,
        paymasterData: "0x",
        signature: "0x",
      };
      const typed = sponsorTypedData(op as never, { paymaster, chainId: Number(chainId), validAfter: 0, validUntil });
      op.paymasterData = encodeSponsorData(0, validUntil, await sponsor.signTypedData(typed as never));
      const hash = getUserOperationHash({
        chainId: Number(chainId),
        entryPointAddress: ENTRY_POINT_V08,
        entryPointVersion: "0.8",
        userOperation: op,
      });
      op.signature = encodePasskeySignature(passkey.credentialIdHash, await passkey.sign(hash as Hex));
      await (
        await entryPoint.getFunction("handleOps")([toPackedUserOperation(op)], bundler.address, {
          gasLimit: 15_000_000,
        })
      ).wait();
    }
    const out = await ok("sponsor", "status", "--window", "3");
    expect(out).to.match(/: 2 sponsored operations, 0\.\d+ ETH paid, 2 accounts\./);
    expect(out).to.match(/Average cost: 0\.\d+ ETH per operation\./);
  });

  it("on a public chain, says that the governor's multisig pays the deposit", function () {
    const paymaster = "0x1111111111111111111111111111111111111111";
    const governor = "0x2222222222222222222222222222222222222222";
    expect(fundHint("public", 8453, governor, paymaster)).to.deep.equal([
      "Top it up: npm run layanan -- sponsor fund --amount <eth> --network public",
      `On a public chain the city pays from the governor's multisig (${governor}): a transaction to ${paymaster} calling deposit() (data 0xd0e30db0) with the ETH as its value.`,
    ]);
    expect(fundHint("localhost", 31337, governor, paymaster)).to.have.length(1);
  });

  it("says so in one sentence when the manifest has no LayananPaymaster", async function () {
    const original = readFileSync(manifestFile, "utf8");
    try {
      const m = JSON.parse(original);
      delete m.contracts.LayananPaymaster;
      writeFileSync(manifestFile, JSON.stringify(m, null, 2));
      for (const argv of [
        ["sponsor", "status"],
        ["sponsor", "fund", "--amount", "1"],
      ]) {
        const result = await s.cli(...argv);
        expect(result.code).to.equal(1);
        expect(result.err).to.equal(
          'deployments/hardhat.json has no LayananPaymaster: the citizen accounts are not deployed on network "hardhat". Deploy them first: npm run layanan -- deploy --network hardhat',
        );
      }
    } finally {
      writeFileSync(manifestFile, original);
    }
  });

  it("today starts at 00:00 in Asia/Jakarta", function () {
    expect(new Date(startOfJakartaToday(Date.parse("2025-03-01T16:59:59Z")) * 1000).toISOString()).to.equal(
      "2025-02-28T17:00:00.000Z",
    );
    expect(new Date(startOfJakartaToday(Date.parse("2025-03-01T17:00:00Z")) * 1000).toISOString()).to.equal(
      "2025-03-01T17:00:00.000Z",
    );
  });
});
