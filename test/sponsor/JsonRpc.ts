import { expect } from "chai";
import { type AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import {
  ENTRY_POINT_V08,
  PASSKEY_VERIFICATION_GAS,
  passkeyPaymaster,
  serviceRequestsAbi,
  toCitizenAccount,
} from "@layanan/core";
import { type Address, type Hex, BaseError, RpcRequestError, custom, encodeFunctionData, http } from "viem";
import {
  createBundlerClient,
  createPaymasterClient,
  getPaymasterData,
  getPaymasterStubData,
  prepareUserOperation,
  toPackedUserOperation,
} from "viem/account-abstraction";
import { type SponsorDb, openPglite } from "../../frontend/src/lib/server/sponsor/index.ts";
import { type AccountsDeployment, accountOf, accountsFixture, softwarePasskey } from "../helpers/accounts.js";
import { SERVICE_OPEN, clientRef, ethers, networkHelpers } from "../helpers/fixture.js";
import { type TestSponsor, handleOps, params, publicClient, testSponsor, unsignedOp } from "./helpers.js";

describe("sponsor service: JSON-RPC 2.0 and viem's paymaster client", function () {
  let d: AccountsDeployment;
  let s: TestSponsor;
  let db: SponsorDb;
  let server: Server;
  let url: string;

  before(async function () {
    db = await openPglite();
    // The route handler's job, in node:http: the body's text in, the answer out (204 when none).
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const answer = await s.sponsor.handleRpcText(Buffer.concat(chunks).toString("utf8"));
      if (answer === undefined) res.writeHead(204).end();
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sponsor`;
  });
  after(async function () {
    await new Promise((resolve) => server.close(resolve));
    await db.close();
  });
  beforeEach(async function () {
    d = await networkHelpers.loadFixture(accountsFixture);
    await db.query("TRUNCATE layanan_sponsor.sponsored_operations, layanan_sponsor.daily_usage");
    s = await testSponsor(d, { db });
  });

  const submitCall = async () => ({
    to: (await d.requests.getAddress()) as Address,
    data: encodeFunctionData({
      abi: serviceRequestsAbi,
      functionName: "submit",
      args: [Number(SERVICE_OPEN), ethers.ZeroHash as Hex, clientRef() as Hex, "Lampu jalan mati"],
    }),
  });

  describe("the envelope", function () {
    it("echoes string and number ids, and answers a batch in order", async function () {
      const op = await unsignedOp(d, softwarePasskey(), [await submitCall()]);
      const answer = (await s.sponsor.handleRpc([
        { jsonrpc: "2.0", id: "a-1", method: "pm_getPaymasterStubData", params: params(op) },
        { jsonrpc: "2.0", id: 2, method: "pm_nope", params: [] },
        { jsonrpc: "2.0", id: 3, method: "pm_getPaymasterData", params: params(op) },
        { jsonrpc: "2.0", method: "pm_getPaymasterStubData", params: params(op) }, // a notification
        42,
      ])) as { id: unknown; result?: unknown; error?: { code: number } }[];
      expect(answer.map((a) => a.id)).to.deep.equal(["a-1", 2, 3, null]);
      expect(answer[0].result).to.have.property("isFinal", false);
      expect(answer[1].error!.code).to.equal(-32601);
      expect(answer[2].result).to.have.property("paymasterData");
      expect(answer[3].error!.code).to.equal(-32600);
      expect(answer.every((a) => (a as { jsonrpc?: string }).jsonrpc === "2.0")).to.equal(true);
    });

    it("answers nothing to notifications only", async function () {
      expect(await s.sponsor.handleRpc({ jsonrpc: "2.0", method: "pm_nope" })).to.equal(undefined);
      expect(await s.sponsor.handleRpc([{ jsonrpc: "2.0", method: "pm_nope" }])).to.equal(undefined);
    });

    it("-32700 for a body that is not JSON, -32600 for what is not a request", async function () {
      expect(await s.sponsor.handleRpcText("{not json")).to.deep.include({
        id: null,
        error: { code: -32700, message: "Parse error: the body is not JSON." },
      });
      for (const body of [
        [],
        "pm_getPaymasterData",
        null,
        { id: 1, method: "pm_getPaymasterData" },
        { jsonrpc: "1.0", id: 1, method: "x" },
        { jsonrpc: "2.0", id: {}, method: "x" },
        { jsonrpc: "2.0", id: 1, method: 5 },
        { jsonrpc: "2.0", id: 1, method: "pm_getPaymasterData", params: "x" },
      ]) {
        const answer = (await s.sponsor.handleRpc(body)) as { error: { code: number } };
        expect(answer.error.code, JSON.stringify(body)).to.equal(-32600);
      }
    });

    it("-32601 for an unknown method, -32602 for params that are not an ERC-7677 call", async function () {
      const answer = (await s.sponsor.handleRpc({
        jsonrpc: "2.0",
        id: 9,
        method: "eth_sendUserOperation",
        params: [],
      })) as {
        id: number;
        error: { code: number; message: string };
      };
      expect(answer).to.deep.include({ id: 9 });
      expect(answer.error.code).to.equal(-32601);
      const op = await unsignedOp(d, softwarePasskey(), [await submitCall()]);
      const [rpc, entryPoint, chainId] = params(op) as [Record<string, unknown>, Address, Hex];
      const bad: unknown[] = [
        {},
        [],
        [rpc],
        [rpc, entryPoint],
        [null, entryPoint, chainId],
        [rpc, "0x1234", chainId],
        [rpc, entryPoint, 31337],
        [{ ...rpc, sender: "Budi" }, entryPoint, chainId],
        [{ ...rpc, nonce: 5 }, entryPoint, chainId],
        [{ ...rpc, callData: "hello" }, entryPoint, chainId],
        [{ ...rpc, callData: undefined }, entryPoint, chainId],
        [{ ...rpc, factory: "0xabc" }, entryPoint, chainId],
        [{ sender: rpc.sender, nonce: rpc.nonce, initCode: "0x", callData: rpc.callData }, entryPoint, chainId],
      ];
      for (const p of bad) {
        const a = (await s.sponsor.handleRpc({
          jsonrpc: "2.0",
          id: 1,
          method: "pm_getPaymasterStubData",
          params: p,
        })) as {
          error: { code: number; message: string };
        };
        expect(a.error?.code, JSON.stringify(p)).to.equal(-32602);
        expect(a.error.message).to.match(/^Invalid params: /);
      }
      // pm_getPaymasterData signs final values: the gas fields must be there.
      const { maxFeePerGas: _, ...noFees } = rpc;
      const a = (await s.sponsor.handleRpc({
        jsonrpc: "2.0",
        id: 1,
        method: "pm_getPaymasterData",
        params: [noFees, entryPoint, chainId],
      })) as {
        error: { code: number; message: string };
      };
      expect(a.error.code).to.equal(-32602);
      expect(a.error.message).to.contain("maxFeePerGas");
    });
  });

  describe("viem's createPaymasterClient over HTTP", function () {
    it("getPaymasterStubData and getPaymasterData give what the EntryPoint accepts", async function () {
      const paymasterClient = createPaymasterClient({ transport: http(url, { retryCount: 0 }) });
      const passkey = softwarePasskey();
      const op = await unsignedOp(d, passkey, [await submitCall()]);
      const base = { ...op, chainId: d.chainId, entryPointAddress: ENTRY_POINT_V08 };
      const stub = await getPaymasterStubData(paymasterClient, base);
      expect(stub).to.deep.include({
        paymaster: await d.paymaster.getAddress(),
        paymasterPostOpGasLimit: 0n,
        isFinal: false,
        sponsor: { name: "Pemerintah Kota Bandung" },
      });
      expect(stub.paymasterVerificationGasLimit).to.be.a("bigint");
      const data = await paymasterClient.getPaymasterData({ ...base, ...stub });
      expect(data.paymaster).to.equal(await d.paymaster.getAddress());
      expect(data.paymasterVerificationGasLimit).to.equal(stub.paymasterVerificationGasLimit);
      const { signByPasskey } = await import("./helpers.js");
      const { packed } = await signByPasskey(d, passkey, { ...op, ...stub, ...data } as never);
      await (await handleOps(d, [packed])).wait();
      expect((await d.requests.getRequest(1n)).citizen).to.equal(await accountOf(d, passkey));
      void getPaymasterData;
    });

    it("prepareUserOperation with core's citizen account fills the sponsor's fields; the operation is mined", async function () {
      const client = publicClient();
      const passkey = softwarePasskey();
      const account = await toCitizenAccount({ client, factory: (await d.factory.getAddress()) as Address, passkey });
      const bundlerClient = createBundlerClient({
        account,
        client,
        paymaster: createPaymasterClient({ transport: http(url, { retryCount: 0 }) }),
        // Gas is given below: the bundler is never asked.
        transport: custom({
          request: async ({ method }) => {
            throw new Error(`no bundler in this test (${method})`);
          },
        }),
      });
      const prepared = await prepareUserOperation(bundlerClient, {
        account,
        calls: [await submitCall()],
        callGasLimit: 500_000n,
        verificationGasLimit: 1_000_000n,
        preVerificationGas: 60_000n,
        maxFeePerGas: 2_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
      expect(prepared.paymaster).to.equal(await d.paymaster.getAddress());
      expect(prepared.factory).to.equal(await d.factory.getAddress());
      const signature = await account.signUserOperation(prepared as never);
      await (await handleOps(d, [toPackedUserOperation({ ...prepared, signature } as never)])).wait();
      expect((await d.requests.getRequest(1n)).citizen).to.equal(account.address);
      expect((await s.sponsor.usage(account.address)).used).to.equal(1);
    });

    it("passkeyPaymaster raises the verification gas by the P-256 check's before the sponsor signs; the operation is mined", async function () {
      const client = publicClient();
      const passkey = softwarePasskey();
      const account = await toCitizenAccount({ client, factory: (await d.factory.getAddress()) as Address, passkey });
      const seen: bigint[] = [];
      const sponsor = createPaymasterClient({ transport: http(url, { retryCount: 0 }) });
      const bundlerClient = createBundlerClient({
        account,
        client,
        paymaster: passkeyPaymaster({
          getPaymasterStubData: (parameters) => sponsor.getPaymasterStubData(parameters),
          getPaymasterData: (parameters) => {
            seen.push((parameters as { verificationGasLimit: bigint }).verificationGasLimit);
            return sponsor.getPaymasterData(parameters);
          },
        }),
        transport: custom({
          request: async ({ method }) => {
            throw new Error(`no bundler in this test (${method})`);
          },
        }),
      });
      const estimated = 600_000n;
      const prepared = await prepareUserOperation(bundlerClient, {
        account,
        calls: [await submitCall()],
        callGasLimit: 500_000n,
        verificationGasLimit: estimated,
        preVerificationGas: 60_000n,
        maxFeePerGas: 2_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
      // The sponsor signed over the raised limit, and the operation carries it.
      expect(seen).to.deep.equal([estimated + PASSKEY_VERIFICATION_GAS]);
      expect(prepared.verificationGasLimit).to.equal(estimated + PASSKEY_VERIFICATION_GAS);
      const signature = await account.signUserOperation(prepared as never);
      await (await handleOps(d, [toPackedUserOperation({ ...prepared, signature } as never)])).wait();
      expect((await d.requests.getRequest(1n)).citizen).to.equal(account.address);
    });

    it("a refusal reaches viem as an RPC error whose code is -32501 and whose data is the rule", async function () {
      const paymasterClient = createPaymasterClient({ transport: http(url, { retryCount: 0 }) });
      const op = await unsignedOp(d, softwarePasskey(), [
        { to: (await d.directory.getAddress()) as Address, data: "0x" },
      ]);
      let caught: unknown;
      try {
        await paymasterClient.getPaymasterStubData({ ...op, chainId: d.chainId, entryPointAddress: ENTRY_POINT_V08 });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(BaseError);
      const rpc = (caught as BaseError).walk((e) => e instanceof RpcRequestError) as RpcRequestError;
      expect(rpc.code).to.equal(-32501);
      expect(rpc.data).to.deep.include({ rule: "callNotAllowed", index: 0 });
      expect((caught as BaseError).details).to.contain("is not a Layanan citizen action the city pays for");
    });
  });
});
