import { expect } from "chai";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ENTRY_POINT_V08,
  draftUserOperation,
  encodeAccountCalls,
  encodeCreateAccount,
  serviceRequestsAbi,
  signUserOperation,
  softwarePasskey,
  sponsorUserOperation,
} from "@layanan/core";
import { type Address, encodeFunctionData, pad, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { entryPoint08Abi } from "viem/account-abstraction";
import { DEVELOPMENT_SPONSOR_KEY } from "../../frontend/src/lib/server/sponsor/index.ts";
import { fundHint, sponsorKeyFromHardhat, startOfJakartaToday } from "../../scripts/lib/sponsor-commands.js";
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

  it("lists sponsor status, sponsor fund and sponsor serve in the help", async function () {
    const help = await ok("--help");
    expect(help).to.contain("sponsor status").and.contain("sponsor fund --amount <eth>").and.contain("sponsor serve");
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
      const draft = draftUserOperation({
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
        paymaster,
        gas: { paymasterVerificationGasLimit: 80_000n },
      });
      const sponsored = await sponsorUserOperation(
        draft,
        { paymaster, chainId: Number(chainId), validAfter: 0, validUntil: block!.timestamp + 600 },
        (typed) => sponsor.signTypedData(typed),
      );
      const { packed } = await signUserOperation(sponsored, Number(chainId), passkey);
      await (
        await entryPoint.getFunction("handleOps")([packed], bundler.address, {
          gasLimit: 15_000_000,
        })
      ).wait();
    }
    const out = await ok("sponsor", "status", "--window", "3");
    expect(out).to.match(/: 2 sponsored operations, 0\.\d+ ETH paid, 2 accounts\./);
    expect(out).to.match(/Average cost: 0\.\d+ ETH per operation\./);
  });

  describe("serve: the sponsor's key from the environment or Hardhat's keystore, checked against the paymaster", function () {
    const VARIABLE = "LAYANAN_SPONSOR_PRIVATE_KEY";
    let saved: string | undefined;
    beforeEach(function () {
      saved = process.env[VARIABLE];
    });
    afterEach(function () {
      if (saved === undefined) delete process.env[VARIABLE];
      else process.env[VARIABLE] = saved;
    });

    /** Runs `fn` with Hardhat's configuration variables answering `value` (the keystore never asked). */
    async function withKeystore<T>(value: string | undefined, fn: (asked: string[]) => Promise<T>): Promise<T> {
      const { default: hre } = await import("hardhat");
      const asked: string[] = [];
      const handlers = {
        fetchValue: async (_context: unknown, variable: { name: string }) => {
          asked.push(variable.name);
          return value as string;
        },
      };
      hre.hooks.registerHandlers("configurationVariables", handlers as never);
      try {
        return await fn(asked);
      } finally {
        hre.hooks.unregisterHandlers("configurationVariables", handlers as never);
      }
    }

    it("on 31337 without a key anywhere: Hardhat's development account #19, the paymaster's signer there", async function () {
      delete process.env[VARIABLE];
      const out = await withKeystore(undefined, () => ok("sponsor", "serve", "--check"));
      expect(out).to.contain(
        `Sponsor key: Hardhat's public development account #19 (${privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY).address}), chain 31337 only.`,
      );
      expect(out).to.contain('Ready: next start --port 3000 on network "hardhat"');
    });

    it("accepts the paymaster's signer's key from the environment", async function () {
      process.env[VARIABLE] = DEVELOPMENT_SPONSOR_KEY;
      const out = await ok("sponsor", "serve", "--check", "--port", "3400");
      expect(out).to.contain(
        `Sponsor key: ${privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY).address}, the paymaster's signer.`,
      );
      expect(out).to.contain("next start --port 3400");
    });

    it("refuses another key (every operation it signed would fail), a malformed key and a bad port", async function () {
      const other = generatePrivateKey();
      process.env[VARIABLE] = other;
      const wrong = await s.cli("sponsor", "serve", "--check");
      expect(wrong.code).to.equal(1);
      expect(wrong.err).to.contain(`${VARIABLE} is the key of ${privateKeyToAccount(other).address}`);
      expect(wrong.err).to.contain(
        `accepts signatures of ${privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY).address} only`,
      );
      expect(wrong.err).to.contain(`setSponsorSigner(${privateKeyToAccount(other).address})`);
      process.env[VARIABLE] = "0x1234";
      const malformed = await s.cli("sponsor", "serve", "--check");
      expect(malformed.code).to.equal(1);
      expect(malformed.err).to.contain(`${VARIABLE} is not a 32-byte hex private key.`);
      process.env[VARIABLE] = DEVELOPMENT_SPONSOR_KEY;
      const port = await s.cli("sponsor", "serve", "--check", "--port", "99999");
      expect(port.code).to.equal(1);
      expect(port.err).to.contain("--port");
    });

    it("reads the key through Hardhat's configuration variables (the keystore) when the environment has none", async function () {
      delete process.env[VARIABLE];
      await withKeystore(DEVELOPMENT_SPONSOR_KEY, async (asked) => {
        expect(await sponsorKeyFromHardhat()).to.equal(DEVELOPMENT_SPONSOR_KEY);
        expect(asked).to.deep.equal([VARIABLE]);
        const out = await ok("sponsor", "serve", "--check");
        expect(out).to.contain(
          `Sponsor key: ${privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY).address}, the paymaster's signer.`,
        );
      });
      // The environment wins: the keystore is not asked.
      process.env[VARIABLE] = DEVELOPMENT_SPONSOR_KEY;
      await withKeystore(generatePrivateKey(), async (asked) => {
        expect(await sponsorKeyFromHardhat()).to.equal(DEVELOPMENT_SPONSOR_KEY);
        expect(asked).to.deep.equal([]);
      });
    });
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
