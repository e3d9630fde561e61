import { expect } from "chai";
import type { LogDescription } from "ethers";
import { readFileSync, readdirSync } from "node:fs";
import { artifacts } from "hardhat";
import { type Hex, encodeFunctionData } from "viem";
import { type AccountCall, type Passkey, serviceRequestsAbi } from "@layanan/core";
import {
  type AccountsDeployment,
  accountOf,
  accountsFixture,
  handleOps,
  softwarePasskey,
  sponsoredOp,
  userOperationEvent,
} from "../helpers/accounts.js";
import {
  AGENCY_A,
  DAY,
  RESIDENT,
  SERVICE_GATED,
  SERVICE_OPEN,
  Status,
  clientRef,
  commitment,
  ethers,
  networkHelpers,
} from "../helpers/fixture.js";

const { loadFixture, time } = networkHelpers;

const call = (functionName: string, args: readonly unknown[]) =>
  encodeFunctionData({ abi: serviceRequestsAbi, functionName: functionName as never, args: args as never });

/**
 * One sponsored operation of `passkey`'s account: checks it succeeded, that the paymaster's deposit
 * paid exactly its cost (to the bundler), and that the account held no ETH before or after.
 */
async function sponsored(d: AccountsDeployment, passkey: Passkey, calls: AccountCall[]) {
  const account = await accountOf(d, passkey);
  expect(await ethers.provider.getBalance(account), "account balance before").to.equal(0n);
  const depositBefore = (await d.paymaster.getFunction("getDeposit")()) as bigint;
  const op = await sponsoredOp(d, passkey, calls);
  const receipt = (await (await handleOps(d, [op.packed])).wait())!;
  const event = userOperationEvent(d, receipt, op.hash);
  expect(event.success, "operation succeeded").to.equal(true);
  expect(event.sender).to.equal(account);
  expect(event.paymaster).to.equal(await d.paymaster.getAddress());
  expect(await d.paymaster.getFunction("getDeposit")()).to.equal(depositBefore - event.actualGasCost);
  expect(await ethers.provider.getBalance(account), "account balance after").to.equal(0n);
  return { receipt, event };
}

describe("citizen accounts: every citizen action through a sponsored operation", function () {
  it("submit (deploying the account), respond, rate; submit, escalate; submit, cancel — the account never holds ETH", async function () {
    const d = await loadFixture(accountsFixture);
    const passkey = softwarePasskey();
    const account = await accountOf(d, passkey);
    const sr = (await d.requests.getAddress()) as Hex;

    // submit, deploying the account in the same operation.
    const first = await sponsored(d, passkey, [
      { to: sr, data: call("submit", [Number(SERVICE_OPEN), ethers.ZeroHash, clientRef(), "Jalan berlubang"]) },
    ]);
    const deployed = first.receipt.logs
      .map((log: { topics: string[]; data: string; address?: string }) => d.entryPoint.interface.parseLog(log))
      .find((parsed: LogDescription | null) => parsed?.name === "AccountDeployed");
    expect(deployed?.args.sender).to.equal(account);
    expect(deployed?.args.factory).to.equal(await d.factory.getAddress());
    expect(deployed?.args.paymaster).to.equal(await d.paymaster.getAddress());
    const request = await d.requests.getRequest(1n);
    expect([request.citizen, request.status]).to.deep.equal([account, BigInt(Status.Submitted)]);

    // The officer asks for more information; the citizen responds, sponsored.
    await (await d.requests.connect(d.officerB).updateStatus(1n, Status.InProgress, ethers.ZeroHash, "")).wait();
    await (await d.requests.connect(d.officerB).updateStatus(1n, Status.NeedsInfo, ethers.ZeroHash, "Foto?")).wait();
    const respond = await sponsored(d, passkey, [
      { to: sr, data: call("respond", [1n, ethers.ZeroHash, "Terlampir"]) },
    ]);
    await expect(respond.receipt)
      .to.emit(d.requests, "RequestStatusChanged")
      .withArgs(1n, account, 2n, Status.NeedsInfo, Status.InProgress, account, ethers.ZeroHash, "Terlampir");
    expect((await d.requests.getRequest(1n)).status).to.equal(BigInt(Status.InProgress));

    // Completed; the citizen rates it.
    await (await d.requests.connect(d.officerB).updateStatus(1n, Status.Completed, ethers.ZeroHash, "")).wait();
    await sponsored(d, passkey, [{ to: sr, data: call("rate", [1n, 4, ethers.ZeroHash]) }]);
    expect((await d.requests.getRequest(1n)).rating).to.equal(4n);

    // A second request left unanswered past its SLA: escalated.
    await sponsored(d, passkey, [
      { to: sr, data: call("submit", [Number(SERVICE_OPEN), ethers.ZeroHash, clientRef(), "Lampu mati"]) },
    ]);
    await time.increase(7 * DAY + 1);
    const escalate = await sponsored(d, passkey, [{ to: sr, data: call("escalate", [2n]) }]);
    await expect(escalate.receipt).to.emit(d.requests, "RequestEscalated");
    expect((await d.requests.getRequest(2n)).escalated).to.equal(true);

    // A third one, submitted and cancelled in one batch of two calls.
    await sponsored(d, passkey, [
      { to: sr, data: call("submit", [Number(SERVICE_OPEN), ethers.ZeroHash, clientRef(), "Sampah"]) },
      { to: sr, data: call("cancel", [3n]) },
    ]);
    expect((await d.requests.getRequest(3n)).status).to.equal(BigInt(Status.Cancelled));

    expect(await d.entryPoint.getFunction("getNonce")(account, 0)).to.equal(6n);
    expect(await d.entryPoint.getFunction("balanceOf")(account)).to.equal(0n);
  });

  it("a failing citizen call still costs the paymaster, not the citizen (the operation reverts in execution)", async function () {
    const d = await loadFixture(accountsFixture);
    const passkey = softwarePasskey();
    const sr = (await d.requests.getAddress()) as Hex;
    const op = await sponsoredOp(d, passkey, [{ to: sr, data: call("cancel", [99n]) }]);
    const receipt = (await (await handleOps(d, [op.packed])).wait())!;
    const event = userOperationEvent(d, receipt, op.hash);
    expect(event.success).to.equal(false);
    expect(await ethers.provider.getBalance(await accountOf(d, passkey))).to.equal(0n);
    expect(await d.paymaster.getFunction("getDeposit")()).to.equal(ethers.parseEther("10") - event.actualGasCost);
  });

  it("a claim-gated service works once an officer attested the predicted address, before the account exists", async function () {
    const d = await loadFixture(accountsFixture);
    const passkey = softwarePasskey();
    const account = await accountOf(d, passkey);
    const sr = (await d.requests.getAddress()) as Hex;
    const submitGated = () => ({
      to: sr,
      data: call("submit", [Number(SERVICE_GATED), ethers.ZeroHash, clientRef(), "KTP-el rusak"]),
    });

    // Without the claim, the first operation deploys the account but the submit reverts.
    const early = await sponsoredOp(d, passkey, [submitGated()]);
    const earlyReceipt = (await (await handleOps(d, [early.packed])).wait())!;
    expect(userOperationEvent(d, earlyReceipt, early.hash).success).to.equal(false);
    const reason = earlyReceipt.logs
      .map((log: { topics: string[]; data: string; address?: string }) => d.entryPoint.interface.parseLog(log))
      .find((parsed: LogDescription | null) => parsed?.name === "UserOperationRevertReason")?.args.revertReason;
    expect(d.requests.interface.parseError(reason)?.name).to.equal("RequestClaimRequired");
    expect(await d.requests.requestCount()).to.equal(0n);

    // Another citizen's account, attested while it has no code yet.
    const other = softwarePasskey();
    const otherAccount = await accountOf(d, other);
    expect(await ethers.provider.getCode(otherAccount)).to.equal("0x");
    await (
      await d.attestations
        .connect(d.officerA)
        .attest(otherAccount, RESIDENT, commitment("3273010101900002|Kota Bandung"), 2, 0)
    ).wait();
    expect(await d.attestations.hasValidClaim(otherAccount, RESIDENT, 2)).to.equal(true);
    expect(await ethers.provider.getCode(otherAccount)).to.equal("0x");
    await sponsored(d, other, [submitGated()]);
    const request = await d.requests.getRequest(1n);
    expect([request.citizen, request.serviceId, request.status]).to.deep.equal([
      otherAccount,
      SERVICE_GATED,
      BigInt(Status.Submitted),
    ]);
    expect((await d.requests.agencyStats(AGENCY_A)).submitted).to.equal(1n);
    expect(account).not.to.equal(otherAccount);
  });
});

describe("citizen accounts: every function, event and custom error has a test", function () {
  const dir = new URL("./", import.meta.url);
  const sources = readdirSync(dir)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => readFileSync(new URL(file, dir), "utf8"))
    .join("\n");
  // Inherited from OpenZeppelin and unreachable through these contracts (no try mode, no string
  // above 31 bytes in the EIP-712 domain, no ETH sent by the factory, no failing CREATE2 of a new clone).
  const UNREACHABLE = new Set([
    "ERC7579UnsupportedExecType",
    "ERC7579TryExecuteFail",
    "FailedCall",
    "OutOfRangeAccess",
    "NotInitializing",
    "FailedDeployment",
    "InsufficientBalance",
    "InvalidShortString",
    "StringTooLong",
    "EIP712DomainChanged",
  ]);
  for (const name of ["CitizenAccount", "CitizenAccountFactory", "LayananPaymaster"]) {
    it(`covers ${name}`, async function () {
      const { abi } = await artifacts.readArtifact(name);
      const names = (abi as { type: string; name?: string }[])
        .filter((item) => ["function", "event", "error"].includes(item.type))
        .map((item) => item.name!)
        .filter((n) => !UNREACHABLE.has(n));
      expect(names.length).to.be.greaterThan(4);
      const untested = names.filter((n) => !sources.includes(`"${n}"`) && !sources.includes(`.${n}(`));
      expect(untested, `untested: ${untested.join(", ")}`).to.deep.equal([]);
    });
  }
});
