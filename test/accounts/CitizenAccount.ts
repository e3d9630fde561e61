import { expect } from "chai";
import type { Contract, LogDescription } from "ethers";
import { type Hex, concat, encodeAbiParameters, encodeFunctionData } from "viem";
import {
  BATCH_MODE,
  ENTRY_POINT_V08,
  citizenAccountAbi,
  encodeAccountCalls,
  encodePasskeySignature,
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
import { SERVICE_OPEN, clientRef, ethers, networkHelpers } from "../helpers/fixture.js";

const { loadFixture } = networkHelpers;

/** P-256's generator: a valid public key nobody uses as a passkey. */
const G = {
  x: "0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
  y: "0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
} as const;

/** The ERC-1167 runtime code of a clone of `implementation`. */
const cloneCode = (implementation: string) =>
  `0x363d3d373d3d3d363d73${implementation.slice(2).toLowerCase()}5af43d82803e903d91602b57fd5bf3`;

const submitData = (summary = "Jalan rusak di Jl. Merdeka") =>
  encodeFunctionData({
    abi: serviceRequestsAbi,
    functionName: "submit",
    args: [Number(SERVICE_OPEN), ethers.ZeroHash as Hex, clientRef() as Hex, summary],
  });

const accountCall = (functionName: "addPasskey" | "removePasskey", args: readonly Hex[]) =>
  encodeFunctionData({ abi: citizenAccountAbi, functionName, args: args as never });

const citizenAccount = (address: string) => ethers.getContractAt("CitizenAccount", address);

/** The city, the accounts' contracts, and a citizen's account deployed by its first sponsored submit. */
async function deployedAccountFixture() {
  const d = await accountsFixture();
  const passkey = softwarePasskey();
  const requests = (await d.requests.getAddress()) as Hex;
  const first = await sponsoredOp(d, passkey, [{ to: requests, data: submitData() }]);
  await (await handleOps(d, [first.packed])).wait();
  const address = await accountOf(d, passkey);
  const account = await citizenAccount(address);
  return { ...d, passkey, sr: requests, address, account };
}

/** Sends `op` and returns its UserOperationEvent (the bundle itself must not revert). */
async function run(d: AccountsDeployment, op: Awaited<ReturnType<typeof sponsoredOp>>) {
  const receipt = await (await handleOps(d, [op.packed])).wait();
  return { receipt: receipt!, event: userOperationEvent(d, receipt!, op.hash) };
}

/** The revert data the EntryPoint reports for a failed execution of `hash` (UserOperationRevertReason). */
function revertReason(d: AccountsDeployment, receipt: { logs: readonly unknown[] }, hash: string): string {
  for (const log of receipt.logs as { topics: string[]; data: string }[]) {
    const parsed = d.entryPoint.interface.parseLog(log);
    if (parsed?.name === "UserOperationRevertReason" && parsed.args.userOpHash === hash)
      return parsed.args.revertReason;
  }
  throw new Error(`no UserOperationRevertReason for ${hash}`);
}

const encodeError = (contract: Contract | { interface: Contract["interface"] }, name: string, args: unknown[]) =>
  contract.interface.encodeErrorResult(name, args);

describe("CitizenAccountFactory", function () {
  it("makes the implementation in its constructor, initialised by nobody (its initializers are disabled)", async function () {
    const d = await loadFixture(accountsFixture);
    const implementation = await citizenAccount(await d.factory.getFunction("accountImplementation")());
    expect(await implementation.factory()).to.equal(await d.factory.getAddress());
    expect(await implementation.passkeyCount()).to.equal(0n);
    const p = softwarePasskey();
    await expect(
      implementation.connect(d.stranger).initialize(p.credentialIdHash, p.x, p.y),
    ).to.be.revertedWithCustomError(implementation, "InvalidInitialization");
    expect(await d.factory.getFunction("isAccount")(await implementation.getAddress())).to.equal(false);
  });

  it("createAccount makes the predicted ERC-1167 clone, initialised with the passkey, and marks it", async function () {
    const d = await loadFixture(accountsFixture);
    const p = softwarePasskey();
    const predicted = await d.factory.getFunction("predictAddress")(p.x, p.y, p.credentialIdHash);
    expect(await ethers.provider.getCode(predicted)).to.equal("0x");
    expect(await d.factory.getFunction("isAccount")(predicted)).to.equal(false);
    expect(await d.factory.getFunction("createAccount").staticCall(p.x, p.y, p.credentialIdHash)).to.equal(predicted);
    const tx = d.factory.connect(d.stranger).getFunction("createAccount")(p.x, p.y, p.credentialIdHash);
    const account = await citizenAccount(predicted);
    await expect(tx).to.emit(d.factory, "AccountCreated").withArgs(predicted, p.credentialIdHash, p.x, p.y);
    await expect(tx).to.emit(account, "PasskeyAdded").withArgs(p.credentialIdHash, p.x, p.y);
    await expect(tx).to.emit(account, "Initialized").withArgs(1n);
    const implementation = await d.factory.getFunction("accountImplementation")();
    expect(await ethers.provider.getCode(predicted)).to.equal(cloneCode(implementation));
    expect(await d.factory.getFunction("isAccount")(predicted)).to.equal(true);
    expect(await account.passkeyCount()).to.equal(1n);
    const key = await account.passkey(p.credentialIdHash);
    expect([key.x, key.y]).to.deep.equal([p.x, p.y]);
    expect(await account.factory()).to.equal(await d.factory.getAddress());
    expect(await account.entryPoint()).to.equal(ENTRY_POINT_V08);
  });

  it("createAccount of an existing account returns it without a second deployment or event", async function () {
    const d = await loadFixture(accountsFixture);
    const p = softwarePasskey();
    await (await d.factory.getFunction("createAccount")(p.x, p.y, p.credentialIdHash)).wait();
    const predicted = await accountOf(d, p);
    expect(await d.factory.getFunction("createAccount").staticCall(p.x, p.y, p.credentialIdHash)).to.equal(predicted);
    await expect(d.factory.getFunction("createAccount")(p.x, p.y, p.credentialIdHash)).not.to.emit(
      d.factory,
      "AccountCreated",
    );
    expect(await (await citizenAccount(predicted)).passkeyCount()).to.equal(1n);
  });

  it("the key is part of the address: another key with the same name, or another name, gets another address", async function () {
    const d = await loadFixture(accountsFixture);
    const p = softwarePasskey();
    const thief = softwarePasskey({ credentialId: p.credentialId });
    const addresses = new Set([
      await accountOf(d, p),
      await accountOf(d, thief),
      await d.factory.getFunction("predictAddress")(p.x, p.y, ethers.id("another credential")),
    ]);
    expect(addresses.size).to.equal(3);
  });

  it("refuses a passkey that is not a P-256 point or has no name (CitizenAccountInvalidPasskey)", async function () {
    const d = await loadFixture(accountsFixture);
    const implementation = await citizenAccount(await d.factory.getFunction("accountImplementation")());
    const name = ethers.id("credential");
    const offCurve = ethers.toBeHex(BigInt(G.y) + 1n, 32);
    for (const [x, y, salt] of [
      [ethers.ZeroHash, ethers.ZeroHash, name],
      [G.x, offCurve, name],
      [G.x, G.y, ethers.ZeroHash],
    ]) {
      await expect(d.factory.getFunction("createAccount")(x, y, salt))
        .to.be.revertedWithCustomError(implementation, "CitizenAccountInvalidPasskey")
        .withArgs(salt);
    }
    await expect(d.factory.getFunction("createAccount")(G.x, G.y, name)).to.emit(d.factory, "AccountCreated");
  });
});

describe("CitizenAccount", function () {
  describe("views", function () {
    it("names EntryPoint v0.8, its factory, its nonce and the one execution mode it runs", async function () {
      const { account, factory } = await loadFixture(deployedAccountFixture);
      expect(await account.entryPoint()).to.equal(ENTRY_POINT_V08);
      expect(await account.factory()).to.equal(await factory.getAddress());
      expect(await account.getFunction("getNonce()")()).to.equal(1n);
      expect(await account.getFunction("getNonce(uint192)")(7n)).to.equal(7n << 64n);
      expect(await account.supportsExecutionMode(BATCH_MODE)).to.equal(true);
      expect(await account.supportsExecutionMode(ethers.ZeroHash)).to.equal(false);
      expect(await account.supportsExecutionMode(`0x0101${"00".repeat(30)}`)).to.equal(false);
      expect(await account.passkey(ethers.id("unknown"))).to.deep.equal([ethers.ZeroHash, ethers.ZeroHash]);
    });
  });

  describe("refusals to anyone but the EntryPoint and the account itself", function () {
    it("initialize: a second time (InvalidInitialization), or a stray clone by anyone but the factory (CitizenAccountNotFactory)", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const other = softwarePasskey();
      await expect(
        d.account.connect(d.stranger).initialize(other.credentialIdHash, other.x, other.y),
      ).to.be.revertedWithCustomError(d.account, "InvalidInitialization");
      // A clone of the implementation made outside the factory: only the factory may initialise it.
      const implementation = await d.factory.getFunction("accountImplementation")();
      const runtime = cloneCode(implementation);
      const initCode = concat(["0x3d602d80600a3d3981f3", runtime as Hex]);
      const deployTx = await d.stranger.sendTransaction({ data: initCode });
      const stray = await citizenAccount((await deployTx.wait())!.contractAddress!);
      expect(await ethers.provider.getCode(await stray.getAddress())).to.equal(runtime);
      await expect(stray.connect(d.stranger).initialize(other.credentialIdHash, other.x, other.y))
        .to.be.revertedWithCustomError(stray, "CitizenAccountNotFactory")
        .withArgs(d.stranger.address);
      expect(await d.factory.getFunction("isAccount")(await stray.getAddress())).to.equal(false);
    });

    it("addPasskey and removePasskey by anyone but the account (CitizenAccountNotSelf), even the factory's deployer", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const other = softwarePasskey();
      for (const who of [d.stranger, d.governor]) {
        await expect(d.account.connect(who).addPasskey(other.credentialIdHash, other.x, other.y))
          .to.be.revertedWithCustomError(d.account, "CitizenAccountNotSelf")
          .withArgs(who.address);
        await expect(d.account.connect(who).removePasskey(d.passkey.credentialIdHash))
          .to.be.revertedWithCustomError(d.account, "CitizenAccountNotSelf")
          .withArgs(who.address);
      }
      expect(await d.account.passkeyCount()).to.equal(1n);
    });

    it("execute and validateUserOp by a stranger (AccountUnauthorized)", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const callData = encodeAccountCalls([{ to: d.sr, data: submitData() }]);
      const [, data] = ethers.AbiCoder.defaultAbiCoder().decode(["bytes32", "bytes"], ethers.dataSlice(callData, 4));
      await expect(d.account.connect(d.stranger).execute(BATCH_MODE, data))
        .to.be.revertedWithCustomError(d.account, "AccountUnauthorized")
        .withArgs(d.stranger.address);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      await expect(d.account.connect(d.stranger).validateUserOp(op.packed, op.hash, 0n))
        .to.be.revertedWithCustomError(d.account, "AccountUnauthorized")
        .withArgs(d.stranger.address);
      expect(await d.requests.requestCount()).to.equal(1n);
    });

    it("refuses ETH (CitizenAccountNoEth), before and after deployment stays at a zero balance", async function () {
      const d = await loadFixture(deployedAccountFixture);
      await expect(d.stranger.sendTransaction({ to: d.address, value: 1n })).to.be.revertedWithCustomError(
        d.account,
        "CitizenAccountNoEth",
      );
      const [, data] = ethers.AbiCoder.defaultAbiCoder().decode(
        ["bytes32", "bytes"],
        ethers.dataSlice(encodeAccountCalls([{ to: d.sr, data: submitData() }]), 4),
      );
      // execute is payable (ERC-7821) but refuses strangers before anything else.
      await expect(
        d.account.connect(d.stranger).execute(BATCH_MODE, data, { value: 1n }),
      ).to.be.revertedWithCustomError(d.account, "AccountUnauthorized");
      expect(await ethers.provider.getBalance(d.address)).to.equal(0n);
    });

    it("an operation without the paymaster cannot pay its prefund (AA21): the account holds nothing", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { noPaymaster: true });
      await expect(handleOps(d, [op.packed]))
        .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
        .withArgs(0n, "AA21 didn't pay prefund");
    });
  });

  describe("attacks: an account executes only what its passkey signed", function () {
    async function refusedSignature(d: AccountsDeployment, packed: unknown) {
      await expect(handleOps(d, [packed as never]))
        .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
        .withArgs(0n, "AA24 signature error");
    }

    it("the operation's hash is the EntryPoint's (the passkey signs what the EntryPoint checks)", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      expect(await d.entryPoint.getFunction("getUserOpHash")(op.packed)).to.equal(op.hash);
      const { event } = await run(d, op);
      expect(event.success).to.equal(true);
      expect(await d.requests.requestCount()).to.equal(2n);
    });

    it("a wrong key under the registered passkey's name", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const impostor = softwarePasskey({ credentialId: d.passkey.credentialId });
      expect(impostor.credentialIdHash).to.equal(d.passkey.credentialIdHash);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { signer: impostor });
      await refusedSignature(d, op.packed);
    });

    it("call data tampered with after signing", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData("Jalan rusak") }]);
      const tampered = {
        ...op.userOperation,
        callData: encodeAccountCalls([{ to: d.sr, data: submitData("X") }]),
      };
      await refusedSignature(d, toPackedUserOperation(tampered));
      // The untouched operation still goes through.
      expect((await run(d, op)).event.success).to.equal(true);
    });

    it("a passkey the account never registered", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], {
        signer: softwarePasskey(),
      });
      await refusedSignature(d, op.packed);
    });

    it("a signature made without user verification (no UV flag)", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const noUv = softwarePasskey({
        privateKey: d.passkey.privateKey,
        credentialId: d.passkey.credentialId,
        userVerified: false,
      });
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { signer: noUv });
      await refusedSignature(d, op.packed);
    });

    it("a signature that is too short or does not decode", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      for (const signature of [
        "0x",
        "0x1234",
        d.passkey.credentialIdHash,
        concat([d.passkey.credentialIdHash, "0x00"]),
      ]) {
        await refusedSignature(d, toPackedUserOperation({ ...op.userOperation, signature: signature as Hex }));
      }
    });

    it("a replayed operation (same nonce)", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      expect((await run(d, op)).event.success).to.equal(true);
      await expect(handleOps(d, [op.packed]))
        .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
        .withArgs(0n, "AA25 invalid account nonce");
      expect(await d.requests.requestCount()).to.equal(2n);
    });

    it("an operation re-signed by another account's passkey, or carrying another account's valid signature", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const other = softwarePasskey();
      const otherOp = await sponsoredOp(d, other, [{ to: d.sr, data: submitData() }]);
      await run(d, otherOp);
      expect(await d.factory.getFunction("isAccount")(await accountOf(d, other))).to.equal(true);
      const resigned = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { signer: other });
      await refusedSignature(d, resigned.packed);
      const mine = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      const stolen = await sponsoredOp(d, other, [{ to: d.sr, data: submitData() }]);
      await refusedSignature(
        d,
        toPackedUserOperation({ ...mine.userOperation, signature: stolen.userOperation.signature }),
      );
    });
  });

  describe("passkeys (through the account's own operations)", function () {
    it("addPasskey: a second device signs; PasskeyAdded", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const phone = softwarePasskey();
      const op = await sponsoredOp(d, d.passkey, [
        { to: d.address as Hex, data: accountCall("addPasskey", [phone.credentialIdHash, phone.x, phone.y]) },
      ]);
      const { receipt, event } = await run(d, op);
      expect(event.success).to.equal(true);
      const added = receipt.logs
        .map((log: { topics: string[]; data: string; address?: string }) =>
          log.address === d.address ? d.account.interface.parseLog(log) : null,
        )
        .find((parsed: LogDescription | null) => parsed?.name === "PasskeyAdded");
      expect(added?.args.toArray()).to.deep.equal([phone.credentialIdHash, phone.x, phone.y]);
      expect(await d.account.passkeyCount()).to.equal(2n);
      expect(await d.account.passkey(phone.credentialIdHash)).to.deep.equal([phone.x, phone.y]);
      // The new device signs for the same account (addressed by the first passkey).
      const fromPhone = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { signer: phone });
      expect((await run(d, fromPhone)).event.success).to.equal(true);
      expect((await d.requests.getRequest(2n)).citizen).to.equal(d.address);
    });

    it("addPasskey refuses a name already taken and an invalid key (the operation's execution reverts)", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const cases: [Hex[], string][] = [
        [[d.passkey.credentialIdHash, G.x, G.y], "CitizenAccountPasskeyExists"],
        [[ethers.id("bad") as Hex, G.x, ethers.toBeHex(BigInt(G.y) + 1n, 32) as Hex], "CitizenAccountInvalidPasskey"],
        [[ethers.ZeroHash as Hex, G.x, G.y], "CitizenAccountInvalidPasskey"],
      ];
      for (const [args, error] of cases) {
        const op = await sponsoredOp(d, d.passkey, [{ to: d.address as Hex, data: accountCall("addPasskey", args) }]);
        const { receipt, event } = await run(d, op);
        expect(event.success).to.equal(false);
        expect(revertReason(d, receipt, op.hash)).to.equal(encodeError(d.account, error, [args[0]]));
      }
      expect(await d.account.passkeyCount()).to.equal(1n);
    });

    it("removePasskey: a removed passkey can no longer sign; PasskeyRemoved", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const phone = softwarePasskey();
      const rotate = await sponsoredOp(d, d.passkey, [
        { to: d.address as Hex, data: accountCall("addPasskey", [phone.credentialIdHash, phone.x, phone.y]) },
        { to: d.address as Hex, data: accountCall("removePasskey", [d.passkey.credentialIdHash]) },
      ]);
      const { receipt, event } = await run(d, rotate);
      expect(event.success).to.equal(true);
      const removed = receipt.logs
        .map((log: { topics: string[]; data: string; address?: string }) =>
          log.address === d.address ? d.account.interface.parseLog(log) : null,
        )
        .find((parsed: LogDescription | null) => parsed?.name === "PasskeyRemoved");
      expect(removed?.args.toArray()).to.deep.equal([d.passkey.credentialIdHash]);
      expect(await d.account.passkeyCount()).to.equal(1n);
      expect(await d.account.passkey(d.passkey.credentialIdHash)).to.deep.equal([ethers.ZeroHash, ethers.ZeroHash]);
      const old = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      await expect(handleOps(d, [old.packed]))
        .to.be.revertedWithCustomError(d.entryPoint, "FailedOp")
        .withArgs(0n, "AA24 signature error");
      const fromPhone = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }], { signer: phone });
      expect((await run(d, fromPhone)).event.success).to.equal(true);
    });

    it("removePasskey refuses the last passkey and an unknown one", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const unknown = ethers.id("unknown") as Hex;
      for (const [name, error] of [
        [d.passkey.credentialIdHash, "CitizenAccountLastPasskey"],
        [unknown, "CitizenAccountUnknownPasskey"],
      ] as const) {
        const op = await sponsoredOp(d, d.passkey, [
          { to: d.address as Hex, data: accountCall("removePasskey", [name]) },
        ]);
        const { receipt, event } = await run(d, op);
        expect(event.success).to.equal(false);
        expect(revertReason(d, receipt, op.hash)).to.equal(encodeError(d.account, error, [name]));
      }
      expect(await d.account.passkeyCount()).to.equal(1n);
      // The last passkey still signs.
      const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
      expect((await run(d, op)).event.success).to.equal(true);
    });
  });

  describe("execute (ERC-7821 batch)", function () {
    it("the account may call execute on itself (nested batch), which the paymaster does not sponsor", async function () {
      const d = await loadFixture(deployedAccountFixture);
      const inner = encodeAccountCalls([{ to: d.sr, data: submitData() }]);
      expect(
        await d.paymaster.getFunction("isAllowed")(
          d.address,
          encodeAccountCalls([{ to: d.address as Hex, data: inner }]),
        ),
      ).to.equal(false);
      // The account as its own caller (what an inner call of a batch would be) runs the batch.
      await networkHelpers.impersonateAccount(d.address);
      await networkHelpers.setBalance(d.address, ethers.parseEther("1"));
      const self = await ethers.getSigner(d.address);
      const [, data] = ethers.AbiCoder.defaultAbiCoder().decode(["bytes32", "bytes"], ethers.dataSlice(inner, 4));
      await (await d.account.connect(self).execute(BATCH_MODE, data)).wait();
      expect((await d.requests.getRequest(2n)).citizen).to.equal(d.address);
      await networkHelpers.stopImpersonatingAccount(d.address);
    });

    it("an unsupported mode (UnsupportedExecutionMode) and malformed batches (ERC7579DecodingError) revert in execution", async function () {
      const d = await loadFixture(deployedAccountFixture);
      await networkHelpers.impersonateAccount(ENTRY_POINT_V08);
      await networkHelpers.setBalance(ENTRY_POINT_V08, ethers.parseEther("1"));
      const entryPoint = await ethers.getSigner(ENTRY_POINT_V08);
      const [, data] = ethers.AbiCoder.defaultAbiCoder().decode(
        ["bytes32", "bytes"],
        ethers.dataSlice(encodeAccountCalls([{ to: d.sr, data: submitData() }]), 4),
      );
      await expect(d.account.connect(entryPoint).execute(ethers.ZeroHash, data)).to.be.revertedWithCustomError(
        d.account,
        "UnsupportedExecutionMode",
      );
      const malformed = encodeAbiParameters([{ type: "uint256" }, { type: "uint256" }], [0x20n, 2n ** 64n]);
      await expect(d.account.connect(entryPoint).execute(BATCH_MODE, malformed)).to.be.revertedWithCustomError(
        d.account,
        "ERC7579DecodingError",
      );
      await networkHelpers.stopImpersonatingAccount(ENTRY_POINT_V08);
      expect(await d.requests.requestCount()).to.equal(1n);
    });
  });

  it("encodePasskeySignature normalises s to the lower half (a high-s signature is the same signature)", async function () {
    const d = await loadFixture(deployedAccountFixture);
    const op = await sponsoredOp(d, d.passkey, [{ to: d.sr, data: submitData() }]);
    const raw = await d.passkey.sign(op.hash);
    const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
    const high = { ...raw, s: raw.s > n / 2n ? raw.s : n - raw.s };
    const signature = encodePasskeySignature(d.passkey.credentialIdHash, high);
    expect(
      (await run(d, { ...op, packed: toPackedUserOperation({ ...op.userOperation, signature }) })).event.success,
    ).to.equal(true);
  });
});
