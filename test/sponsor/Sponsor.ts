import { expect } from "chai";
import {
  type AccountCall,
  ENTRY_POINT_V08,
  encodeAccountCalls,
  encodeCreateAccount,
  serviceRequestsAbi,
} from "@layanan/core";
import { type Address, type Hex, encodeFunctionData, pad } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  type SponsorDb,
  SCHEMA,
  DEFAULT_PAYMASTER_VERIFICATION_GAS,
  DEVELOPMENT_SPONSOR_KEY,
  jakartaDay,
  nextJakartaMidnight,
  openPglite,
  signedOperationsOf,
  sponsorFromEnvironment,
  startOfJakartaDay,
} from "../../frontend/src/lib/server/sponsor/index.ts";
import { type AccountsDeployment, accountOf, accountsFixture, softwarePasskey } from "../helpers/accounts.js";
import { SERVICE_OPEN, Status, clientRef, ethers, networkHelpers } from "../helpers/fixture.js";
import {
  call,
  handleOps,
  onChainRefusal,
  params,
  rogueSponsored,
  sponsorAndSign,
  tempDir,
  testSponsor,
  unsignedOp,
  type TestSponsor,
} from "./helpers.js";

const submit = (d: AccountsDeployment, summary = "Jalan rusak di Jl. Dago"): Promise<AccountCall> =>
  d.requests.getAddress().then((to) => ({
    to: to as Address,
    data: encodeFunctionData({
      abi: serviceRequestsAbi,
      functionName: "submit",
      args: [Number(SERVICE_OPEN), ethers.ZeroHash as Hex, clientRef() as Hex, summary],
    }),
  }));

const onRequests = async (d: AccountsDeployment, data: Hex): Promise<AccountCall> => ({
  to: (await d.requests.getAddress()) as Address,
  data,
});

const cancel = (d: AccountsDeployment, id: bigint) =>
  onRequests(d, encodeFunctionData({ abi: serviceRequestsAbi, functionName: "cancel", args: [id] }));

async function mined(d: AccountsDeployment, packed: Parameters<typeof handleOps>[1][number]) {
  const receipt = await (await handleOps(d, [packed])).wait();
  const events = receipt!.logs
    .map((log: { topics: readonly string[]; data: string }) => {
      try {
        return d.entryPoint.interface.parseLog(log);
      } catch {
        return null;
      }
    })
    .filter((parsed: { name: string } | null) => parsed?.name === "UserOperationEvent");
  expect(events, "one UserOperationEvent").to.have.length(1);
  expect(events[0]!.args.success, "the operation's calls succeeded").to.equal(true);
  return { receipt, event: events[0]! };
}

describe("sponsor service (ERC-7677)", function () {
  let d: AccountsDeployment;
  let s: TestSponsor;
  /** One in-memory PGlite for the file (opening one takes seconds), emptied before each test. */
  let shared: SponsorDb;

  before(async function () {
    shared = await openPglite();
  });
  after(async function () {
    await shared.close();
  });
  beforeEach(async function () {
    d = await networkHelpers.loadFixture(accountsFixture);
    await shared.query(`TRUNCATE ${SCHEMA}.sponsored_operations, ${SCHEMA}.daily_usage`);
    s = await testSponsor(d, { db: shared });
  });

  describe("sponsors every citizen action, and the EntryPoint carries it", function () {
    it("submit (first operation, deploying the account), cancel, respond, rate, escalate and a second passkey", async function () {
      const passkey = softwarePasskey();
      const account = (await accountOf(d, passkey)) as Address;
      const paymasterBefore = (await d.paymaster.getFunction("getDeposit")()) as bigint;

      // 1. First operation: deploys the account and submits request #1.
      const first = await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [await submit(d)]));
      expect(first.userOperation.factory).to.equal(await d.factory.getAddress());
      const { event } = await mined(d, first.packed);
      expect(event.args.userOpHash).to.equal(first.hash);
      expect(event.args.paymaster).to.equal(await d.paymaster.getAddress());
      expect((await d.requests.getRequest(1n)).citizen).to.equal(account);
      expect(await ethers.provider.getBalance(account)).to.equal(0n);
      // The sponsor recorded what it signed, under the hash the EntryPoint reports.
      const recorded = await signedOperationsOf(s.db, account);
      expect(recorded.map((r) => r.userOpHash)).to.deep.equal([first.hash.toLowerCase()]);
      expect(recorded[0].calls).to.deep.equal([{ target: "ServiceRequests", functionName: "submit" }]);
      expect(recorded[0].day).to.equal(jakartaDay(s.clock.ms));

      // 2. Cancel #1.
      const second = await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [await cancel(d, 1n)]));
      expect(second.userOperation.factory).to.equal(undefined);
      await mined(d, second.packed);
      expect((await d.requests.getRequest(1n)).status).to.equal(BigInt(Status.Cancelled));

      // 3. Two requests in one batch (#2 and #3).
      await mined(
        d,
        (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [await submit(d), await submit(d)]))).packed,
      );
      expect(await d.requests.requestCount()).to.equal(3n);

      // 4. The officer asks for information on #2; the citizen responds.
      await d.requests.connect(d.officerB).updateStatus(2n, Status.InProgress, ethers.ZeroHash, "");
      await d.requests.connect(d.officerB).updateStatus(2n, Status.NeedsInfo, ethers.ZeroHash, "Foto lokasi?");
      const respond = await onRequests(
        d,
        encodeFunctionData({
          abi: serviceRequestsAbi,
          functionName: "respond",
          args: [2n, pad("0x01"), "Sudah dikirim"],
        }),
      );
      await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [respond]))).packed);
      expect((await d.requests.getRequest(2n)).status).to.equal(BigInt(Status.InProgress));

      // 5. Completed; the citizen rates it.
      await d.requests.connect(d.officerB).updateStatus(2n, Status.Completed, ethers.ZeroHash, "");
      const rate = await onRequests(
        d,
        encodeFunctionData({ abi: serviceRequestsAbi, functionName: "rate", args: [2n, 4, ethers.ZeroHash as Hex] }),
      );
      await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [rate]))).packed);
      expect((await d.requests.getRequest(2n)).rating).to.equal(4n);

      // 6. #3 is overdue after its 7 days: the citizen escalates it.
      await networkHelpers.time.increase(8 * 24 * 60 * 60);
      s.clock.ms = (await networkHelpers.time.latest()) * 1000;
      const escalate = await onRequests(
        d,
        encodeFunctionData({ abi: serviceRequestsAbi, functionName: "escalate", args: [3n] }),
      );
      await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [escalate]))).packed);
      expect((await d.requests.getRequest(3n)).escalated).to.equal(true);

      // 7. A second device's passkey, on the account itself.
      const phone = softwarePasskey();
      const addPasskey = {
        to: account,
        data: encodeFunctionData({
          abi: (await import("@layanan/core")).citizenAccountAbi,
          functionName: "addPasskey",
          args: [phone.credentialIdHash, phone.x, phone.y],
        }),
      };
      await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [addPasskey]))).packed);

      expect((await d.paymaster.getFunction("getDeposit")()) as bigint).to.be.lessThan(paymasterBefore);
      // Steps 6 and 7 are eight days later: a new day's quota.
      expect((await s.sponsor.usage(account)).used).to.equal(2);
    });

    it("gives paymaster gas limits that fit the largest operation the policy allows, with a margin", async function () {
      this.timeout(120_000);
      const passkey = softwarePasskey();
      // Deployed first (a later operation reads the factory's storage cold, as a first one does).
      await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [await submit(d)]))).packed);
      const long = "x".repeat(280);
      const calls = [await submit(d, long), await submit(d, long), await submit(d, long), await submit(d, long)];
      const fresh = softwarePasskey();
      const measure = async (p: typeof passkey, deploy: boolean) => {
        let low = 10_000n;
        let high = 200_000n;
        while (high - low > 500n) {
          const mid = (low + high) / 2n;
          const op = await unsignedOp(d, p, calls, { deploy });
          const { packed } = await rogueSponsored(d, p, op, mid);
          if ((await onChainRefusal(d, packed)) === null) high = mid;
          else low = mid;
        }
        return high;
      };
      const later = await measure(passkey, false);
      const firstOp = await measure(fresh, true);
      const needed = later > firstOp ? later : firstOp;
      console.log(
        `      paymaster validation needs ${needed} gas (first operation ${firstOp}, later ${later}); the stub gives ${DEFAULT_PAYMASTER_VERIFICATION_GAS}`,
      );
      expect(DEFAULT_PAYMASTER_VERIFICATION_GAS).to.be.within(60_000n, 100_000n);
      expect(DEFAULT_PAYMASTER_VERIFICATION_GAS * 100n).to.be.at.least(needed * 125n, "a 25% margin");

      const stub = await call(s.sponsor, "pm_getPaymasterStubData", params(await unsignedOp(d, passkey, calls)));
      expect(stub.result).to.deep.include({
        paymaster: await d.paymaster.getAddress(),
        paymasterVerificationGasLimit: `0x${DEFAULT_PAYMASTER_VERIFICATION_GAS.toString(16)}`,
        paymasterPostOpGasLimit: "0x0",
        isFinal: false,
        sponsor: { name: "Pemerintah Kota Bandung" },
      });
      expect((stub.result!.paymasterData as string).length).to.equal(2 + 2 * (6 + 6 + 65));
      // The largest batch goes through with the sponsor's own limits.
      await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, calls))).packed);
    });

    it("signs a window of ten minutes from now (validAfter 0)", async function () {
      const passkey = softwarePasskey();
      const op = await unsignedOp(d, passkey, [await submit(d)]);
      const answer = await call(s.sponsor, "pm_getPaymasterData", params(op));
      const data = answer.result!.paymasterData as Hex;
      expect(BigInt(`0x${data.slice(2, 14)}`)).to.equal(0n);
      expect(Number(BigInt(`0x${data.slice(14, 26)}`))).to.equal(Math.floor(s.clock.ms / 1000) + 600);
    });
  });

  describe("refuses what the policy does not sponsor (JSON-RPC error -32501, data = the refusal)", function () {
    async function refusal(method: string, op: Parameters<typeof params>[0], entryPoint?: Address, chainId?: number) {
      const answer = await call(s.sponsor, method, params(op, entryPoint, chainId));
      expect(answer.result, "no result").to.equal(undefined);
      expect(answer.error!.code).to.equal(-32501);
      expect(answer.error!.message).to.match(/^[A-Z].*\.$/);
      return answer.error!.data!;
    }

    /** Both methods refuse with the same data; nothing is signed or counted. */
    async function bothRefuse(op: Parameters<typeof params>[0], entryPoint?: Address, chainId?: number) {
      const before = await signedOperationsOf(s.db, op.sender!);
      const usedBefore = (await s.sponsor.usage(op.sender!)).used;
      const stub = await refusal("pm_getPaymasterStubData", op, entryPoint, chainId);
      const data = await refusal("pm_getPaymasterData", op, entryPoint, chainId);
      expect(data).to.deep.equal(stub);
      expect(await signedOperationsOf(s.db, op.sender!), "nothing signed").to.deep.equal(before);
      expect((await s.sponsor.usage(op.sender!)).used, "nothing counted").to.equal(usedBefore);
      return data;
    }

    it("wrongChain and wrongEntryPoint", async function () {
      const passkey = softwarePasskey();
      const op = await unsignedOp(d, passkey, [await submit(d)]);
      expect(await bothRefuse(op, ENTRY_POINT_V08, 1)).to.deep.equal({ rule: "wrongChain", chainId: 31337 });
      const v07 = "0x0000000071727De22E5E9d8BAf0edAc6f37da032" as Address;
      expect(await bothRefuse(op, v07)).to.deep.equal({ rule: "wrongEntryPoint", entryPoint: v07 });
    });

    it("notCitizenAccount: an account of another factory, a first operation through another factory, factory data for another address", async function () {
      const passkey = softwarePasskey();
      const other = await ethers.deployContract("CitizenAccountFactory");
      const otherAddress = (await other.getAddress()) as Address;
      const sender = (await other.getFunction("predictAddress")(
        passkey.x,
        passkey.y,
        passkey.credentialIdHash,
      )) as Address;
      // A first operation through another factory.
      const viaOther = await unsignedOp(d, passkey, [await submit(d)], { sender, factory: otherAddress, deploy: true });
      expect(await bothRefuse(viaOther)).to.deep.equal({ rule: "notCitizenAccount", sender });
      // The paymaster refuses it on chain too, when the sponsor's key signs it anyway.
      expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, viaOther)).packed)).to.equal(
        "PaymasterNotCitizenAccount",
      );

      // Deployed by the other factory: a later operation of it.
      await other.getFunction("createAccount")(passkey.x, passkey.y, passkey.credentialIdHash);
      const later = await unsignedOp(d, passkey, [await submit(d)], { sender, deploy: false });
      expect(await bothRefuse(later)).to.deep.equal({ rule: "notCitizenAccount", sender });
      expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, later)).packed)).to.equal(
        "PaymasterNotCitizenAccount",
      );

      // Our factory, but the factory data makes another passkey's account; and an EOA that is no account.
      const stranger = softwarePasskey();
      const own = await unsignedOp(d, passkey, [await submit(d)], { factoryData: encodeCreateAccount(stranger) });
      expect(await bothRefuse(own)).to.deep.equal({ rule: "notCitizenAccount", sender: own.sender });
      const eoa = d.stranger.address as Address;
      const fromEoa = await unsignedOp(d, passkey, [await submit(d)], { sender: eoa, deploy: false, nonce: 0n });
      expect(await bothRefuse(fromEoa)).to.deep.equal({ rule: "notCitizenAccount", sender: eoa });
      const notCreate = await unsignedOp(d, passkey, [await submit(d)], { factoryData: "0x12345678" });
      expect((await bothRefuse(notCreate)).rule).to.equal("notCitizenAccount");
    });

    describe("the calls (core's checkSponsorPolicy), refused on chain too", function () {
      let passkey: ReturnType<typeof softwarePasskey>;
      beforeEach(async function () {
        passkey = softwarePasskey();
        await mined(d, (await sponsorAndSign(s, d, passkey, await unsignedOp(d, passkey, [await submit(d)]))).packed);
      });

      it("invalidCallData: not a batch execute, or an empty batch", async function () {
        for (const callData of ["0x12345678", encodeAccountCalls([])] as Hex[]) {
          const op = await unsignedOp(d, passkey, [], { callData });
          expect(await bothRefuse(op)).to.deep.equal({ rule: "invalidCallData" });
          expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, op)).packed)).to.equal(
            "PaymasterInvalidCallData",
          );
        }
      });

      it("tooManyCalls: five calls", async function () {
        const calls = await Promise.all([1, 2, 3, 4, 5].map(() => submit(d)));
        const op = await unsignedOp(d, passkey, calls);
        expect(await bothRefuse(op)).to.deep.equal({ rule: "tooManyCalls", count: 5, max: 4 });
        expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, op)).packed)).to.equal(
          "PaymasterInvalidCallData",
        );
      });

      it("callNotAllowed: an officer's function, another contract", async function () {
        const requests = (await d.requests.getAddress()) as Address;
        const officerCall = encodeFunctionData({
          abi: serviceRequestsAbi,
          functionName: "updateStatus",
          args: [1n, Status.Rejected, ethers.ZeroHash as Hex, "no"],
        });
        const op = await unsignedOp(d, passkey, [await submit(d), { to: requests, data: officerCall }]);
        expect(await bothRefuse(op)).to.deep.equal({
          rule: "callNotAllowed",
          index: 1,
          target: requests,
          selector: officerCall.slice(0, 10),
        });
        expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, op)).packed)).to.equal(
          "PaymasterCallNotAllowed",
        );

        const directory = (await d.directory.getAddress()) as Address;
        const elsewhere = await unsignedOp(d, passkey, [{ to: directory, data: "0x" }]);
        expect(await bothRefuse(elsewhere)).to.deep.equal({
          rule: "callNotAllowed",
          index: 0,
          target: directory,
          selector: "0x00000000",
        });
        expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, elsewhere)).packed)).to.equal(
          "PaymasterCallNotAllowed",
        );
      });

      it("valueAttached: a call that sends ETH", async function () {
        const op = await unsignedOp(d, passkey, [{ ...(await cancel(d, 1n)), value: 1n }]);
        expect(await bothRefuse(op)).to.deep.equal({ rule: "valueAttached", index: 0 });
        expect(await onChainRefusal(d, (await rogueSponsored(d, passkey, op)).packed)).to.equal(
          "PaymasterCallNotAllowed",
        );
      });
    });
  });

  describe("the daily quota (Asia/Jakarta days)", function () {
    it("caps all accounts together per day: new passkeys cannot drain the deposit (cityQuotaExhausted)", async function () {
      s = await testSponsor(d, { db: await openPglite(), config: { cityDailyQuota: 2 } });
      for (let i = 0; i < 2; i++) {
        const op = await unsignedOp(d, softwarePasskey(), [await submit(d)]);
        expect((await call(s.sponsor, "pm_getPaymasterData", params(op))).result, `account ${i}`).to.not.equal(
          undefined,
        );
      }
      const third = await unsignedOp(d, softwarePasskey(), [await submit(d)]);
      const resetsAt = nextJakartaMidnight(s.clock.ms);
      for (const method of ["pm_getPaymasterStubData", "pm_getPaymasterData"]) {
        const refused = await call(s.sponsor, method, params(third));
        expect(refused.error!.code).to.equal(-32501);
        expect(refused.error!.data).to.deep.equal({ rule: "cityQuotaExhausted", quota: 2, resetsAt });
      }
      s.clock.ms = Date.parse(resetsAt);
      expect((await call(s.sponsor, "pm_getPaymasterData", params(third))).result).to.not.equal(undefined);
    });

    it("refuses an operation that reserves more gas than the cap (gasTooHigh), stub and signature alike", async function () {
      s = await testSponsor(d, { db: shared, config: { maxOperationGas: 2_500_000n } });
      const op = await unsignedOp(d, softwarePasskey(), [await submit(d)]);
      const greedy = { ...op, verificationGasLimit: 2_500_000n };
      for (const method of ["pm_getPaymasterStubData", "pm_getPaymasterData"]) {
        const refused = await call(s.sponsor, method, params(greedy));
        expect(refused.error!.code).to.equal(-32501);
        expect(refused.error!.data!.rule).to.equal("gasTooHigh");
        expect(refused.error!.data!.max).to.equal("2500000");
      }
      expect((await call(s.sponsor, "pm_getPaymasterData", params(op))).result).to.not.equal(undefined);
    });

    it("allows N signed operations a day, refuses the next until the next Jakarta day; stubs do not count", async function () {
      s = await testSponsor(d, { db: shared, config: { dailyQuota: 3 } });
      const passkey = softwarePasskey();
      const account = (await accountOf(d, passkey)) as Address;
      const op = await unsignedOp(d, passkey, [await submit(d)]);
      for (let i = 0; i < 5; i++)
        expect((await call(s.sponsor, "pm_getPaymasterStubData", params(op))).result).to.not.equal(undefined);
      expect((await s.sponsor.usage(account)).used).to.equal(0);
      for (let i = 1; i <= 3; i++) {
        s.clock.ms += 1000; // another validUntil: another operation hash
        expect((await call(s.sponsor, "pm_getPaymasterData", params(op))).result, `operation ${i}`).to.not.equal(
          undefined,
        );
        expect((await s.sponsor.usage(account)).used).to.equal(i);
        if (i === 1) {
          // The same request again within the same second is the same operation: not counted twice.
          expect((await call(s.sponsor, "pm_getPaymasterData", params(op))).error).to.equal(undefined);
          expect((await s.sponsor.usage(account)).used).to.equal(1);
        }
      }

      s.clock.ms += 1000;
      const resetsAt = nextJakartaMidnight(s.clock.ms);
      const expected = { rule: "quotaExhausted", used: 3, quota: 3, resetsAt };
      const refused = await call(s.sponsor, "pm_getPaymasterData", params(op));
      expect(refused.error!.code).to.equal(-32501);
      expect(refused.error!.data).to.deep.equal(expected);
      expect(refused.error!.message).to.contain(resetsAt);
      expect((await call(s.sponsor, "pm_getPaymasterStubData", params(op))).error!.data).to.deep.equal(expected);
      expect(await signedOperationsOf(s.db, account)).to.have.length(3);
      // The quota is per account: another citizen is not affected.
      const other = softwarePasskey();
      expect(
        (await call(s.sponsor, "pm_getPaymasterData", params(await unsignedOp(d, other, [await submit(d)])))).result,
      ).to.not.equal(undefined);

      // One millisecond before midnight in Jakarta: still refused. At midnight: a new day.
      s.clock.ms = Date.parse(resetsAt) - 1;
      expect((await call(s.sponsor, "pm_getPaymasterData", params(op))).error!.data!.rule).to.equal("quotaExhausted");
      s.clock.ms = Date.parse(resetsAt);
      expect((await call(s.sponsor, "pm_getPaymasterData", params(op))).result).to.not.equal(undefined);
      expect(await s.sponsor.usage(account)).to.deep.equal({
        day: jakartaDay(Date.parse(resetsAt)),
        used: 1,
        quota: 3,
        resetsAt: nextJakartaMidnight(Date.parse(resetsAt)),
      });
    });

    it("counts signatures made concurrently exactly (one transaction each)", async function () {
      s = await testSponsor(d, { db: shared, config: { dailyQuota: 5 } });
      const passkey = softwarePasskey();
      const base = await unsignedOp(d, passkey, [await submit(d)]);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          call(s.sponsor, "pm_getPaymasterData", params({ ...base, callGasLimit: 500_000n + BigInt(i) })),
        ),
      );
      expect(answers.filter((a) => a.result !== undefined)).to.have.length(5);
      expect(answers.filter((a) => a.error?.data?.rule === "quotaExhausted")).to.have.length(7);
      expect((await s.sponsor.usage(base.sender)).used).to.equal(5);
    });

    it("days are calendar days in Asia/Jakarta (UTC+7)", function () {
      expect(jakartaDay(Date.parse("2025-03-01T16:59:59.999Z"))).to.equal("2025-03-01");
      expect(jakartaDay(Date.parse("2025-03-01T17:00:00.000Z"))).to.equal("2025-03-02");
      expect(nextJakartaMidnight(Date.parse("2025-03-01T10:00:00Z"))).to.equal("2025-03-01T17:00:00.000Z");
      expect(nextJakartaMidnight(Date.parse("2025-03-01T18:00:00Z"))).to.equal("2025-03-02T17:00:00.000Z");
      expect(new Date(startOfJakartaDay(Date.parse("2025-03-01T02:00:00Z"))).toISOString()).to.equal(
        "2025-02-28T17:00:00.000Z",
      );
    });
  });

  describe("state in PGlite", function () {
    it("survives a restart: open, sign, close, reopen the same folder, the quota is still spent", async function () {
      const folder = tempDir("layanan-sponsor-");
      let opened: TestSponsor | undefined;
      try {
        const passkey = softwarePasskey();
        const op = await unsignedOp(d, passkey, [await submit(d)]);
        opened = await testSponsor(d, { db: await openPglite(folder.dir), config: { dailyQuota: 1 } });
        const signed = await call(opened.sponsor, "pm_getPaymasterData", params(op));
        expect(signed.result).to.not.equal(undefined);
        const clock = opened.clock.ms;
        await opened.sponsor.close();

        opened = await testSponsor(d, {
          db: await openPglite(folder.dir),
          config: { dailyQuota: 1 },
          clockMs: clock + 1000,
        });
        const again = await call(opened.sponsor, "pm_getPaymasterData", params(op));
        expect(again.error!.data).to.deep.include({ rule: "quotaExhausted", used: 1, quota: 1 });
        const recorded = await signedOperationsOf(opened.db, op.sender);
        expect(recorded).to.have.length(1);
        expect(recorded[0].validUntil).to.equal(Math.floor(clock / 1000) + 600);
      } finally {
        await opened?.sponsor.close().catch(() => undefined);
        folder.remove();
      }
    });
  });

  describe("the server's configuration", function () {
    const chainOf = async (chainId: number) => ({
      chainId,
      addresses: { serviceRequests: (await d.requests.getAddress()) as Address },
      accounts: {
        entryPoint: ENTRY_POINT_V08,
        factory: (await d.factory.getAddress()) as Address,
        paymaster: (await d.paymaster.getAddress()) as Address,
      },
    });
    const request = { jsonrpc: "2.0", id: 7, method: "pm_getPaymasterStubData", params: [] };

    it("on a public chain without LAYANAN_SPONSOR_PRIVATE_KEY, answers every request with a configuration error", async function () {
      const logs: string[] = [];
      const sponsor = await sponsorFromEnvironment({
        env: {},
        deployment: await chainOf(8453),
        rpcUrl: "http://127.0.0.1:1",
        log: (l) => logs.push(l),
      });
      for (const method of ["pm_getPaymasterStubData", "pm_getPaymasterData"]) {
        const answer = (await sponsor.handleRpc({ ...request, method })) as {
          id: number;
          error: { code: number; message: string; data: unknown };
        };
        expect(answer.id).to.equal(7);
        expect(answer.error.code).to.equal(-32002);
        expect(answer.error.data).to.deep.equal({ rule: "sponsorUnavailable" });
        expect(answer.error.message).to.contain("LAYANAN_SPONSOR_PRIVATE_KEY is not set");
      }
      expect(logs.join("\n")).to.contain("LAYANAN_SPONSOR_PRIVATE_KEY is not set");
    });

    it("without the citizen accounts in the deployment, says so", async function () {
      const sponsor = await sponsorFromEnvironment({
        env: {},
        deployment: { ...(await chainOf(31337)), accounts: null },
        rpcUrl: "http://127.0.0.1:1",
        log: () => {},
      });
      const answer = (await sponsor.handleRpc(request)) as { error: { message: string } };
      expect(answer.error.message).to.contain("citizen accounts");
    });

    it("on chain 31337 without a key, signs with Hardhat's public development account #19 (and says so)", async function () {
      const folder = tempDir("layanan-sponsor-env-");
      const logs: string[] = [];
      try {
        const sponsor = await sponsorFromEnvironment({
          env: { LAYANAN_SPONSOR_PGLITE_DIR: folder.dir, LAYANAN_SPONSOR_DAILY_QUOTA: "2" },
          deployment: await chainOf(31337),
          rpcUrl: "http://127.0.0.1:1",
          log: (l) => logs.push(l),
        });
        await sponsor.close();
        const address = privateKeyToAccount(DEVELOPMENT_SPONSOR_KEY).address;
        expect(address).to.equal("0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199");
        expect(logs.join("\n")).to.contain(address).and.contain("PUBLIC DEVELOPMENT KEY").and.contain("31337 only");
        expect(logs.join("\n")).to.contain("2 operations per account per day").and.contain(`pglite:${folder.dir}`);
      } finally {
        folder.remove();
      }
    });

    it("refuses a malformed key and a malformed quota with a configuration error", async function () {
      for (const env of [{ LAYANAN_SPONSOR_PRIVATE_KEY: "0x1234" }, { LAYANAN_SPONSOR_DAILY_QUOTA: "many" }]) {
        const sponsor = await sponsorFromEnvironment({
          env,
          deployment: await chainOf(31337),
          rpcUrl: "http://127.0.0.1:1",
          log: () => {},
        });
        const answer = (await sponsor.handleRpc(request)) as { error: { code: number } };
        expect(answer.error.code).to.equal(-32002);
      }
    });
  });
});
