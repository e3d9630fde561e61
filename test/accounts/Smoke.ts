import { expect } from "chai";
import { encodeFunctionData } from "viem";
import { serviceRequestsAbi } from "@layanan/core";
import { accountOf, accountsFixture, handleOps, softwarePasskey, sponsoredOp } from "../helpers/accounts.js";
import { SERVICE_OPEN, Status, clientRef, ethers, networkHelpers } from "../helpers/fixture.js";

describe("citizen account smoke", function () {
  it("a passkey account is deployed and submits a request in one sponsored operation", async function () {
    const d = await networkHelpers.loadFixture(accountsFixture);
    const passkey = softwarePasskey();
    const requests = (await d.requests.getAddress()) as `0x${string}`;
    const data = encodeFunctionData({
      abi: serviceRequestsAbi,
      functionName: "submit",
      args: [Number(SERVICE_OPEN), ethers.ZeroHash as `0x${string}`, clientRef() as `0x${string}`, "Jalan rusak"],
    });
    const { packed } = await sponsoredOp(d, passkey, [{ to: requests, data }]);
    const tx = await handleOps(d, [packed]);
    const receipt = await tx.wait();
    const account = await accountOf(d, passkey);
    const request = await d.requests.getRequest(1n);
    expect(request.citizen).to.equal(account);
    expect(await ethers.provider.getBalance(account)).to.equal(0n);
    const second = await sponsoredOp(d, passkey, [
      { to: requests, data: encodeFunctionData({ abi: serviceRequestsAbi, functionName: "cancel", args: [1n] }) },
    ]);
    const r2 = await (await handleOps(d, [second.packed])).wait();
    expect((await d.requests.getRequest(1n)).status).to.equal(BigInt(Status.Cancelled));
  });
});
