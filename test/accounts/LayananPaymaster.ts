import { expect } from "chai";
import { type Hex, concat, encodeAbiParameters, encodeFunctionData } from "viem";
import {
  BATCH_MODE,
  ENTRY_POINT_V08,
  MAX_SPONSORED_CALLS,
  SPONSORED_SELECTORS,
  type AccountCall,
  checkSponsorPolicy,
  citizenAccountAbi,
  encodeAccountCalls,
  serviceRequestsAbi,
} from "@layanan/core";
import {
  type AccountsDeployment,
  accountOf,
  accountsFixture,
  handleOps,
  softwarePasskey,
  sponsoredOp,
  toPackedUserOperation,
  userOperationEvent,
} from "../helpers/accounts.js";
import { RESIDENT, SERVICE_OPEN, clientRef, ethers, networkHelpers } from "../helpers/fixture.js";

const { loadFixture, time } = networkHelpers;

const submitData = () =>
  encodeFunctionData({
    abi: serviceRequestsAbi,
    functionName: "submit",
    args: [Number(SERVICE_OPEN), ethers.ZeroHash as Hex, clientRef() as Hex, "Lampu jalan mati"],
  });
const requestCall = (functionName: string, args: readonly unknown[]) =>
  encodeFunctionData({ abi: serviceRequestsAbi, functionName: functionName as never, args: args as never });
const accountCall = (functionName: string, args: readonly unknown[]) =>
  encodeFunctionData({ abi: citizenAccountAbi, functionName: functionName as never, args: args as never });

/** `execute(mode, executionData)` with any mode and raw execution data. */
const executeWith = (mode: Hex, executionData: Hex) =>
  encodeFunctionData({ abi: citizenAccountAbi, functionName: "execute", args: [mode, executionData] });
const executions = (calls: AccountCall[]) =>
  encodeAbiParameters(
    [{ type: "tuple[]", components: [{ type: "address" }, { type: "uint256" }, { type: "bytes" }] }],
    [calls.map((c) => [c.to, c.value ?? 0n, c.data] as const)],
  );

/** The city, a citizen's deployed account (made by the factory, no operation yet). */
async function paymasterFixture() {
  const d = await accountsFixture();
  const passkey = softwarePasskey();
  await (await d.factory.getFunction("createAccount")(passkey.x, passkey.y, passkey.credentialIdHash)).wait();
  const address = (await accountOf(d, passkey)) as Hex;
  const sr = (await d.requests.getAddress()) as Hex;
  const att = (await d.attestations.getAddress()) as Hex;
  return { ...d, passkey, address, sr, att };
}
type Fixture = Awaited<ReturnType<typeof paymasterFixture>>;

const deposit = (d: AccountsDeployment) => d.paymaster.getFunction("getDeposit")() as Promise<bigint>;

/** handleOps refuses the bundle because the paymaster reverted in validation with `error(args)`. */
async function refusedByPolicy(d: AccountsDeployment, packed: unknown, error: string, args: unknown[]) {
  await expect(handleOps(d, [packed as never]))
    .to.be.revertedWithCustomError(d.entryPoint, "FailedOpWithRevert")
    .withArgs(0n, "AA33 reverted", d.paymaster.interface.encodeErrorResult(error, args));
}

describe("LayananPaymaster", function () {
  describe("constructor and views", function () {
    it("wires the directory, ServiceRequests, the factory, the sponsor key and EntryPoint v0.8", async function () {
      const d = await loadFixture(paymasterFixture);
      expect(await d.paymaster.getFunction("directory")()).to.equal(await d.directory.getAddress());
      expect(await d.paymaster.getFunction("serviceRequests")()).to.equal(d.sr);
      expect(await d.paymaster.getFunction("factory")()).to.equal(await d.factory.getAddress());
      expect(await d.paymaster.getFunction("signer")()).to.equal(d.sponsor.address);
      expect(await d.paymaster.getFunction("entryPoint")()).to.equal(ENTRY_POINT_V08);
      expect(await d.paymaster.getFunction("MAX_CALLS")()).to.equal(BigInt(MAX_SPONSORED_CALLS));
      const domain = await d.paymaster.getFunction("eip712Domain")();
      expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal([
        "LayananPaymaster",
        "1",
        BigInt(d.chainId),
        await d.paymaster.getAddress(),
      ]);
      expect(await deposit(d)).to.equal(ethers.parseEther("10"));
    });

    it("emits SponsorSignerChanged(0, signer) and refuses the zero signer (PaymasterZeroSigner)", async function () {
      const d = await loadFixture(paymasterFixture);
      const Paymaster = await ethers.getContractFactory("LayananPaymaster");
      const args = [await d.directory.getAddress(), d.sr, await d.factory.getAddress()] as const;
      const paymaster = await Paymaster.deploy(...args, d.sponsor.address);
      await expect(paymaster.deploymentTransaction())
        .to.emit(paymaster, "SponsorSignerChanged")
        .withArgs(ethers.ZeroAddress, d.sponsor.address);
      await expect(Paymaster.deploy(...args, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        Paymaster,
        "PaymasterZeroSigner",
      );
    });

    it("validatePaymasterUserOp and postOp only for the EntryPoint (PaymasterUnauthorized)", async function () {
      const d = await loadFixture(paymasterFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      await expect(d.paymaster.connect(d.stranger).getFunction("validatePaymasterUserOp")(op.packed, op.hash, 0n))
        .to.be.revertedWithCustomError(d.paymaster, "PaymasterUnauthorized")
        .withArgs(d.stranger.address);
      await expect(d.paymaster.connect(d.stranger).getFunction("postOp")(0, "0x", 0n, 0n))
        .to.be.revertedWithCustomError(d.paymaster, "PaymasterUnauthorized")
        .withArgs(d.stranger.address);
    });
  });

  describe("deposit and withdraw", function () {
    it("deposit: anyone tops up; DepositAdded and the EntryPoint's Deposited; zero refused (PaymasterZeroAmount)", async function () {
      const d = await loadFixture(paymasterFixture);
      const before = await deposit(d);
      const tx = d.paymaster.connect(d.stranger).getFunction("deposit")({ value: 123n });
      await expect(tx).to.emit(d.paymaster, "DepositAdded").withArgs(d.stranger.address, 123n);
      await expect(tx)
        .to.emit(d.entryPoint, "Deposited")
        .withArgs(await d.paymaster.getAddress(), before + 123n);
      expect(await deposit(d)).to.equal(before + 123n);
      expect(await d.entryPoint.getFunction("balanceOf")(await d.paymaster.getAddress())).to.equal(before + 123n);
      await expect(d.paymaster.getFunction("deposit")({ value: 0n })).to.be.revertedWithCustomError(
        d.paymaster,
        "PaymasterZeroAmount",
      );
    });

    it("withdraw: the governor only (PaymasterNotGovernor for officers, admins, strangers); DepositWithdrawn", async function () {
      const d = await loadFixture(paymasterFixture);
      for (const who of [d.stranger, d.adminA, d.officerA, d.citizen]) {
        await expect(d.paymaster.connect(who).getFunction("withdraw")(who.address, 1n))
          .to.be.revertedWithCustomError(d.paymaster, "PaymasterNotGovernor")
          .withArgs(who.address);
      }
      await expect(
        d.paymaster.connect(d.governor).getFunction("withdraw")(d.stranger.address, 0n),
      ).to.be.revertedWithCustomError(d.paymaster, "PaymasterZeroAmount");
      const amount = ethers.parseEther("1");
      const tx = d.paymaster.connect(d.governor).getFunction("withdraw")(d.stranger.address, amount);
      await expect(tx).to.emit(d.paymaster, "DepositWithdrawn").withArgs(d.stranger.address, amount);
      await expect(tx).to.changeEtherBalance(ethers, d.stranger, amount);
      expect(await deposit(d)).to.equal(ethers.parseEther("9"));
      await expect(
        d.paymaster.connect(d.governor).getFunction("withdraw")(d.stranger.address, ethers.parseEther("10")),
      ).to.be.revert(ethers);
    });
  });

  describe("the sponsor's key", function () {
    it("setSponsorSigner: the governor only; SponsorSignerChanged; the old key's signatures stop paying", async function () {
      const d = await loadFixture(paymasterFixture);
      const next = ethers.Wallet.createRandom() as unknown as typeof d.sponsor;
      await expect(d.paymaster.connect(d.adminA).getFunction("setSponsorSigner")(next.address))
        .to.be.revertedWithCustomError(d.paymaster, "PaymasterNotGovernor")
        .withArgs(d.adminA.address);
      await expect(
        d.paymaster.connect(d.governor).getFunction("setSponsorSigner")(ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(d.paymaster, "PaymasterZeroSigner");
      await expect(d.paymaster.connect(d.governor).getFunction("setSponsorSigner")(next.address))
        .to.emit(d.paymaster, "SponsorSignerChanged")
        .withArgs(d.sponsor.address, next.address);
      expect(await d.paymaster.getFunction("signer")()).to.equal(next.address);
      const old = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      await expect(handleOps(d, [old.packed]))
        .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
        .withArgs(0n, "AA34 signature error");
      const fresh = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { sponsorKey: next });
      const receipt = await (await handleOps(d, [fresh.packed])).wait();
      expect(userOperationEvent(d, receipt!, fresh.hash).success).to.equal(true);
    });

    it("refuses a sponsor signature of another operation, by another key, or missing (AA34), expired or not yet due (AA32)", async function () {
      const d = await loadFixture(paymasterFixture);
      const calls = [{ to: d.sr, data: submitData() }];
      const a = await sponsoredOp(d, d.passkey, calls);
      const other = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      // Another operation's sponsor data, the account re-signing the operation it is put in.
      const borrowed = await sponsoredOp(d, d.passkey, calls, { paymasterData: other.userOperation.paymasterData });
      const wrongKey = await sponsoredOp(d, d.passkey, calls, {
        sponsorKey: ethers.Wallet.createRandom() as unknown as typeof d.sponsor,
      });
      for (const op of [borrowed, wrongKey]) {
        await expect(handleOps(d, [op.packed]))
          .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
          .withArgs(0n, "AA34 signature error");
      }
      const now = await time.latest();
      const expired = await sponsoredOp(d, d.passkey, calls, { validUntil: now - 1 });
      const notYet = await sponsoredOp(d, d.passkey, calls, { validAfter: now + 3600, validUntil: now + 7200 });
      for (const op of [expired, notYet]) {
        await expect(handleOps(d, [op.packed]))
          .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
          .withArgs(0n, "AA32 paymaster expired or not due");
      }
      const missing = await sponsoredOp(d, d.passkey, calls, { paymasterData: "0x" });
      await expect(handleOps(d, [missing.packed]))
        .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
        .withArgs(0n, "AA34 signature error");
      // None of them cost the paymaster anything; the valid one, sent in its window, pays.
      expect(await deposit(d)).to.equal(ethers.parseEther("10"));
      const receipt = await (await handleOps(d, [a.packed])).wait();
      const event = userOperationEvent(d, receipt!, a.hash);
      expect(event.paymaster).to.equal(await d.paymaster.getAddress());
      expect(await deposit(d)).to.equal(ethers.parseEther("10") - event.actualGasCost);
    });
  });

  describe("stake", function () {
    it("addStake, unlockStake, withdrawStake: the governor only; StakeChanged; zero stake refused", async function () {
      const d = await loadFixture(paymasterFixture);
      const pm = await d.paymaster.getAddress();
      for (const [name, args] of [
        ["addStake", [86400, { value: 1n }]],
        ["unlockStake", []],
        ["withdrawStake", [d.stranger.address]],
      ] as const) {
        await expect(d.paymaster.connect(d.stranger).getFunction(name)(...args))
          .to.be.revertedWithCustomError(d.paymaster, "PaymasterNotGovernor")
          .withArgs(d.stranger.address);
      }
      await expect(
        d.paymaster.connect(d.governor).getFunction("addStake")(86400, { value: 0n }),
      ).to.be.revertedWithCustomError(d.paymaster, "PaymasterZeroAmount");
      const stake = ethers.parseEther("1");
      const add = d.paymaster.connect(d.governor).getFunction("addStake")(86400, { value: stake });
      await expect(add).to.emit(d.paymaster, "StakeChanged").withArgs(stake, 86400, false);
      await expect(add).to.emit(d.entryPoint, "StakeLocked").withArgs(pm, stake, 86400);
      const info = await d.entryPoint.getFunction("getDepositInfo")(pm);
      expect([info.stake, info.staked, info.unstakeDelaySec]).to.deep.equal([stake, true, 86400n]);
      // Not unlocked yet: the EntryPoint refuses the withdrawal.
      await expect(d.paymaster.connect(d.governor).getFunction("withdrawStake")(d.stranger.address)).to.be.revert(
        ethers,
      );
      const unlock = d.paymaster.connect(d.governor).getFunction("unlockStake")();
      await expect(unlock).to.emit(d.paymaster, "StakeChanged").withArgs(0n, 0, true);
      await expect(unlock).to.emit(d.entryPoint, "StakeUnlocked");
      await time.increase(86400);
      const withdraw = d.paymaster.connect(d.governor).getFunction("withdrawStake")(d.stranger.address);
      await expect(withdraw).to.emit(d.paymaster, "StakeChanged").withArgs(0n, 0, true);
      await expect(withdraw).to.emit(d.entryPoint, "StakeWithdrawn").withArgs(pm, d.stranger.address, stake);
      await expect(withdraw).to.changeEtherBalance(ethers, d.stranger, stake);
      expect((await d.entryPoint.getFunction("getDepositInfo")(pm)).stake).to.equal(0n);
    });
  });

  describe("attacks: the paymaster never pays outside the policy, whatever the sponsor signed", function () {
    it("an account of another factory (same code, same passkey) is not a citizen account", async function () {
      const d = await loadFixture(paymasterFixture);
      const rogue = (await ethers.deployContract("CitizenAccountFactory")) as unknown as typeof d.factory;
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { factory: rogue });
      expect(op.sender).not.to.equal(d.address);
      await refusedByPolicy(d, op.packed, "PaymasterNotCitizenAccount", [op.sender]);
      expect(await ethers.provider.getCode(op.sender)).to.equal("0x");
    });

    it("a plain contract, an EOA or the implementation is not a citizen account (checkPolicy, isAllowed)", async function () {
      const d = await loadFixture(paymasterFixture);
      const callData = encodeAccountCalls([{ to: d.sr, data: submitData() }]);
      const implementation = await d.factory.getFunction("accountImplementation")();
      for (const sender of [await d.directory.getAddress(), d.stranger.address, implementation]) {
        await expect(d.paymaster.getFunction("checkPolicy")(sender, callData))
          .to.be.revertedWithCustomError(d.paymaster, "PaymasterNotCitizenAccount")
          .withArgs(sender);
        expect(await d.paymaster.getFunction("isAllowed")(sender, callData)).to.equal(false);
      }
      expect(await d.paymaster.getFunction("isAllowed")(d.address, callData)).to.equal(true);
    });

    // Each rule, sent as a signed sponsored operation through handleOps: the bundle reverts (AA33) and
    // nothing is paid.
    const cases: {
      name: string;
      callData: (d: Fixture) => Promise<Hex>;
      error: string;
      args: (d: Fixture) => Promise<unknown[]>;
    }[] = [
      {
        name: "not execute (a direct addPasskey as the operation's call data)",
        callData: async () => accountCall("addPasskey", [ethers.id("k"), ethers.ZeroHash, ethers.ZeroHash]),
        error: "PaymasterInvalidCallData",
        args: async (d) => [d.address],
      },
      {
        name: "execute in another mode than the plain batch",
        callData: async (d) => executeWith(`0x0101${"00".repeat(30)}`, executions([{ to: d.sr, data: submitData() }])),
        error: "PaymasterInvalidCallData",
        args: async (d) => [d.address],
      },
      {
        name: "an empty batch",
        callData: async () => encodeAccountCalls([]),
        error: "PaymasterInvalidCallData",
        args: async (d) => [d.address],
      },
      {
        name: "five calls (more than MAX_CALLS)",
        callData: async (d) => encodeAccountCalls(Array.from({ length: 5 }, () => ({ to: d.sr, data: submitData() }))),
        error: "PaymasterInvalidCallData",
        args: async (d) => [d.address],
      },
      {
        name: "ETH attached to an allowed call",
        callData: async (d) => encodeAccountCalls([{ to: d.sr, data: submitData(), value: 1n }]),
        error: "PaymasterCallNotAllowed",
        args: async (d) => [0n, d.sr, SPONSORED_SELECTORS.ServiceRequests[0]],
      },
      {
        name: "an officer function of ServiceRequests (updateStatus), second in the batch",
        callData: async (d) =>
          encodeAccountCalls([
            { to: d.sr, data: submitData() },
            { to: d.sr, data: requestCall("updateStatus", [1n, 2, ethers.ZeroHash, ""]) },
          ]),
        error: "PaymasterCallNotAllowed",
        args: async (d) => [1n, d.sr, requestCall("updateStatus", [1n, 2, ethers.ZeroHash, ""]).slice(0, 10)],
      },
      {
        name: "a CitizenAttestations call (attest)",
        callData: async (d) =>
          encodeAccountCalls([
            {
              to: (await d.attestations.getAddress()) as Hex,
              data: d.attestations.interface.encodeFunctionData("attest", [
                d.address,
                RESIDENT,
                ethers.ZeroHash,
                3,
                0,
              ]) as Hex,
            },
          ]),
        error: "PaymasterCallNotAllowed",
        args: async (d) => [
          0n,
          await d.attestations.getAddress(),
          d.attestations.interface.getFunction("attest")!.selector,
        ],
      },
      {
        name: "a citizen selector sent to another contract (the paymaster)",
        callData: async (d) =>
          encodeAccountCalls([{ to: (await d.paymaster.getAddress()) as Hex, data: submitData() }]),
        error: "PaymasterCallNotAllowed",
        args: async (d) => [0n, await d.paymaster.getAddress(), SPONSORED_SELECTORS.ServiceRequests[0]],
      },
      {
        name: "addPasskey on another account",
        callData: async (d) =>
          encodeAccountCalls([
            {
              to: (await d.factory.getFunction("accountImplementation")()) as Hex,
              data: accountCall("addPasskey", [ethers.id("k"), ethers.ZeroHash, ethers.ZeroHash]),
            },
          ]),
        error: "PaymasterCallNotAllowed",
        args: async (d) => [0n, await d.factory.getFunction("accountImplementation")(), SPONSORED_SELECTORS.account[0]],
      },
      {
        name: "a call with no selector (empty data, a plain transfer)",
        callData: async (d) => encodeAccountCalls([{ to: d.sr, data: "0x" }]),
        error: "PaymasterCallNotAllowed",
        args: async (d) => [0n, d.sr, "0x00000000"],
      },
    ];
    for (const c of cases) {
      it(`refuses ${c.name} (${c.error})`, async function () {
        const d = await loadFixture(paymasterFixture);
        const callData = await c.callData(d);
        const args = await c.args(d);
        await expect(d.paymaster.getFunction("checkPolicy")(d.address, callData))
          .to.be.revertedWithCustomError(d.paymaster, c.error)
          .withArgs(...args);
        expect(await d.paymaster.getFunction("isAllowed")(d.address, callData)).to.equal(false);
        const op = await sponsoredOp(d, d.passkey, [], { callData });
        await refusedByPolicy(d, op.packed, c.error, args);
        expect(await deposit(d)).to.equal(ethers.parseEther("10"));
      });
    }

    it("a call data that does not decode is refused (the policy reverts), and nothing is paid", async function () {
      const d = await loadFixture(paymasterFixture);
      for (const callData of ["0x", "0xe9ae5c53", concat(["0xe9ae5c53", BATCH_MODE])] as Hex[]) {
        expect(await d.paymaster.getFunction("isAllowed")(d.address, callData)).to.equal(false);
        expect(checkSponsorPolicy(d.address, callData, d.sr).ok).to.equal(false);
        const op = await sponsoredOp(d, d.passkey, [], { callData });
        await expect(handleOps(d, [op.packed]))
          .to.be.revertedWithCustomError(d.entryPoint, "FailedOpWithRevert")
          .withArgs(0n, "AA33 reverted", (inner: string) => typeof inner === "string");
      }
      expect(await deposit(d)).to.equal(ethers.parseEther("10"));
    });
  });

  describe("core's checkSponsorPolicy agrees with the on-chain checkPolicy", function () {
    type Shape = { name: string; callData: (d: Fixture) => Hex; ok: boolean; index?: number };
    const G = {
      x: "0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
      y: "0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
    };
    const citizen = {
      submit: submitData,
      respond: () => requestCall("respond", [1n, ethers.ZeroHash, "Sudah saya lengkapi"]),
      cancel: () => requestCall("cancel", [1n]),
      escalate: () => requestCall("escalate", [1n]),
      rate: () => requestCall("rate", [1n, 4, ethers.ZeroHash]),
    };
    const shapes: Shape[] = [
      ...Object.entries(citizen).map(([name, data]) => ({
        name: `${name} on ServiceRequests`,
        callData: (d: Fixture) => encodeAccountCalls([{ to: d.sr, data: data() }]),
        ok: true,
      })),
      {
        name: "addPasskey on the account itself",
        callData: (d) =>
          encodeAccountCalls([{ to: d.address, data: accountCall("addPasskey", [ethers.id("k"), G.x, G.y]) }]),
        ok: true,
      },
      {
        name: "removePasskey on the account itself",
        callData: (d) => encodeAccountCalls([{ to: d.address, data: accountCall("removePasskey", [ethers.id("k")]) }]),
        ok: true,
      },
      {
        name: "four calls: submit, cancel, addPasskey, rate",
        callData: (d) =>
          encodeAccountCalls([
            { to: d.sr, data: citizen.submit() },
            { to: d.sr, data: citizen.cancel() },
            { to: d.address, data: accountCall("addPasskey", [ethers.id("k"), G.x, G.y]) },
            { to: d.sr, data: citizen.rate() },
          ]),
        ok: true,
      },
      { name: "an empty batch", callData: () => encodeAccountCalls([]), ok: false },
      {
        name: "five calls",
        callData: (d) => encodeAccountCalls(Array.from({ length: 5 }, () => ({ to: d.sr, data: citizen.cancel() }))),
        ok: false,
      },
      {
        name: "value on the third call",
        callData: (d) =>
          encodeAccountCalls([
            { to: d.sr, data: citizen.cancel() },
            { to: d.sr, data: citizen.cancel() },
            { to: d.sr, data: citizen.cancel(), value: 1n },
          ]),
        ok: false,
        index: 2,
      },
      ...(["updateStatus", "markDuplicate", "addService", "setServiceActive"] as const).map((name) => ({
        name: `${name} (not a citizen function) on ServiceRequests`,
        callData: (d: Fixture) =>
          encodeAccountCalls([
            {
              to: d.sr,
              data: (
                d.requests.interface as unknown as { encodeFunctionData(n: string, a: unknown[]): string }
              ).encodeFunctionData(
                name,
                {
                  updateStatus: [1n, 2, ethers.ZeroHash, ""],
                  markDuplicate: [2n, 1n],
                  addService: [1, ethers.id("X"), "X", 60, ethers.ZeroHash, 0],
                  setServiceActive: [1, false],
                }[name] as never,
              ) as Hex,
            },
          ]),
        ok: false,
        index: 0,
      })),
      {
        name: "a citizen function on CitizenAttestations' address",
        callData: (d) =>
          encodeAccountCalls([
            { to: d.sr, data: citizen.cancel() },
            { to: d.att, data: citizen.cancel() },
          ]),
        ok: false,
        index: 1,
      },
      {
        name: "addPasskey on another address",
        callData: (d) =>
          encodeAccountCalls([{ to: d.sr, data: accountCall("addPasskey", [ethers.id("k"), G.x, G.y]) }]),
        ok: false,
        index: 0,
      },
      {
        name: "a nested execute on the account itself",
        callData: (d) =>
          encodeAccountCalls([{ to: d.address, data: encodeAccountCalls([{ to: d.sr, data: citizen.cancel() }]) }]),
        ok: false,
        index: 0,
      },
      {
        name: "empty call data to ServiceRequests",
        callData: (d) => encodeAccountCalls([{ to: d.sr, data: "0x" }]),
        ok: false,
        index: 0,
      },
      {
        name: "the single-call mode",
        callData: (d) => executeWith(ethers.ZeroHash as Hex, executions([{ to: d.sr, data: citizen.cancel() }])),
        ok: false,
      },
      {
        name: "the try mode",
        callData: (d) => executeWith(`0x0101${"00".repeat(30)}`, executions([{ to: d.sr, data: citizen.cancel() }])),
        ok: false,
      },
      {
        name: "a batch with an opData mode selector",
        callData: (d) =>
          executeWith(`0x01000000000078210001${"00".repeat(22)}`, executions([{ to: d.sr, data: citizen.cancel() }])),
        ok: false,
      },
      { name: "not execute", callData: () => accountCall("removePasskey", [ethers.id("k")]), ok: false },
    ];

    for (const shape of shapes) {
      it(`${shape.ok ? "allows" : "refuses"} ${shape.name}`, async function () {
        const d = await loadFixture(paymasterFixture);
        const callData = shape.callData(d);
        const core = checkSponsorPolicy(d.address, callData, d.sr);
        const onChain = await d.paymaster.getFunction("isAllowed")(d.address, callData);
        expect(core.ok, "core").to.equal(shape.ok);
        expect(onChain, "on chain").to.equal(shape.ok);
        if (shape.ok) {
          await d.paymaster.getFunction("checkPolicy")(d.address, callData);
          return;
        }
        if (core.ok) throw new Error("unreachable");
        if (shape.index === undefined) {
          expect(["invalidCallData", "tooManyCalls"]).to.include(core.refusal.rule);
          await expect(d.paymaster.getFunction("checkPolicy")(d.address, callData))
            .to.be.revertedWithCustomError(d.paymaster, "PaymasterInvalidCallData")
            .withArgs(d.address);
        } else {
          expect(core.refusal).to.include({ index: shape.index });
          expect(["callNotAllowed", "valueAttached"]).to.include(core.refusal.rule);
          await expect(d.paymaster.getFunction("checkPolicy")(d.address, callData))
            .to.be.revertedWithCustomError(d.paymaster, "PaymasterCallNotAllowed")
            .withArgs(
              BigInt(shape.index),
              (target: string) => typeof target === "string",
              (s: string) => s.length === 10,
            );
        }
      });
    }

    it("the selectors core names are the contract's (SPONSORED_SELECTORS)", async function () {
      const d = await loadFixture(paymasterFixture);
      const account = await ethers.getContractAt("CitizenAccount", d.address);
      expect(SPONSORED_SELECTORS.ServiceRequests).to.deep.equal(
        (["submit", "respond", "cancel", "escalate", "rate"] as const).map(
          (n) => d.requests.interface.getFunction(n).selector,
        ),
      );
      expect(SPONSORED_SELECTORS.account).to.deep.equal(
        (["addPasskey", "removePasskey"] as const).map((n) => account.interface.getFunction(n).selector),
      );
    });

    it("known difference: the chain checks selectors only, core also decodes the arguments (both refuse to pay for garbage arguments: core never signs it)", async function () {
      const d = await loadFixture(paymasterFixture);
      const garbage = concat([SPONSORED_SELECTORS.ServiceRequests[2], "0x01"]);
      const callData = encodeAccountCalls([{ to: d.sr, data: garbage }]);
      expect(checkSponsorPolicy(d.address, callData, d.sr)).to.deep.include({ ok: false });
      expect(await d.paymaster.getFunction("isAllowed")(d.address, callData)).to.equal(true);
    });
  });
});
