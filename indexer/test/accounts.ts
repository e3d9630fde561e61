/**
 * Citizen passkey accounts on the test chain, for the indexer's tests: user operations signed by
 * software passkeys (core's softwarePasskey) and sponsored as the sponsor service sponsors them
 * (EIP-712 of LayananPaymaster, signed with the deploy's sponsor key on 31337: Hardhat's
 * development account #19), sent to EntryPoint.handleOps by a bundler EOA, several per bundle.
 * The operations are built, sponsored and signed by core's userop.ts, as in the mocha tests.
 */
import assert from "node:assert/strict";
import {
  ENTRY_POINT_V08,
  citizenAccountFactoryAbi,
  draftUserOperation,
  encodeAccountCalls,
  encodeCreateAccount,
  manifestAccounts,
  predictAccountAddress,
  signUserOperation,
  sponsorUserOperation,
  type AccountCall,
  type Passkey,
} from "@layanan/core";
import {
  createWalletClient,
  decodeEventLog,
  http,
  parseAbi,
  type Abi,
  type Account,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { entryPoint08Abi, type toPackedUserOperation, type UserOperation } from "viem/account-abstraction";
import { mnemonicToAccount } from "viem/accounts";
import { client, manifest, RPC_URL, spare } from "./helpers.ts";

const found = manifestAccounts(manifest);
assert.ok(found, "the test deployment has the citizen-account contracts (scripts/lib/deploy.ts)");
export const accountsDeployment = found;

export const entryPoint = { address: ENTRY_POINT_V08, abi: entryPoint08Abi } as const;
export const factory = { address: found.factory, abi: citizenAccountFactoryAbi } as const;
/** LayananPaymaster's functions and events the tests use (its ABI is not among core's exports). */
export const paymaster = {
  address: found.paymaster,
  abi: parseAbi([
    "function deposit() payable",
    "function getDeposit() view returns (uint256)",
    "function withdraw(address to, uint256 amount)",
    "function setSponsorSigner(address newSigner)",
    "function signer() view returns (address)",
    "event SponsorSignerChanged(address indexed previousSigner, address indexed newSigner)",
    "event DepositAdded(address indexed from, uint256 amount)",
    "event DepositWithdrawn(address indexed to, uint256 amount)",
  ]),
} as const;

/** The sponsor service's key on 31337 (development account #19), as the deploy sets the paymaster's signer. */
export const sponsor = mnemonicToAccount("test test test test test test test test test test test junk", {
  addressIndex: 19,
});
/** The bundler EOA (a spare development account this file alone uses). */
export const bundler = spare(14);

const wallet = createWalletClient({ account: bundler, chain: client.chain, transport: http(RPC_URL) });

export const accountOf = (passkey: Passkey) => predictAccountAddress(client, found.factory, passkey);

export interface Op {
  userOperation: UserOperation<"0.8">;
  packed: ReturnType<typeof toPackedUserOperation>;
  hash: Hex;
  sender: `0x${string}`;
}

/**
 * A signed, sponsored v0.8 user operation of `passkey`'s account making `calls`; it deploys the
 * account when it has no code yet. `nonce` for a second operation of the same account in a bundle;
 * `signer` another passkey of the account than the one it is addressed by.
 */
export async function sponsoredOp(
  passkey: Passkey,
  calls: AccountCall[],
  options: { nonce?: bigint; signer?: Passkey; deploy?: boolean; address?: `0x${string}` } = {},
): Promise<Op> {
  const sender = options.address ?? (await accountOf(passkey));
  const deploy = options.deploy ?? (await client.getCode({ address: sender })) === undefined;
  const nonce =
    options.nonce ?? (await client.readContract({ ...entryPoint, functionName: "getNonce", args: [sender, 0n] }));
  const block = await client.getBlock({ blockTag: "latest" });
  const draft = draftUserOperation({
    sender,
    nonce,
    ...(deploy ? { factory: found!.factory, factoryData: encodeCreateAccount(passkey) } : {}),
    callData: encodeAccountCalls(calls),
    paymaster: found!.paymaster,
  });
  const sponsored = await sponsorUserOperation(
    draft,
    { paymaster: found!.paymaster, chainId: 31337, validAfter: 0, validUntil: Number(block.timestamp) + 3600 },
    (typed) => sponsor.signTypedData(typed),
  );
  return { ...(await signUserOperation(sponsored, 31337, options.signer ?? passkey)), sender };
}

export interface OpOutcome {
  userOpHash: Hex;
  sender: `0x${string}`;
  success: boolean;
  actualGasCost: bigint;
  actualGasUsed: bigint;
}

/** Sends one bundle to EntryPoint.handleOps; the receipt and each operation's UserOperationEvent. */
export async function handleOps(ops: Op[]): Promise<{ receipt: TransactionReceipt; outcomes: OpOutcome[] }> {
  const hash = await wallet.writeContract({
    ...entryPoint,
    functionName: "handleOps",
    args: [ops.map((op) => op.packed), bundler.address],
    gas: 15_000_000n,
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  assert.equal(receipt.status, "success", "handleOps reverted");
  const outcomes: OpOutcome[] = [];
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== ENTRY_POINT_V08.toLowerCase()) continue;
    try {
      const event = decodeEventLog({ abi: entryPoint08Abi, data: log.data, topics: log.topics });
      if (event.eventName === "UserOperationEvent") {
        const { userOpHash, sender, success, actualGasCost, actualGasUsed } = event.args;
        outcomes.push({ userOpHash, sender, success, actualGasCost, actualGasUsed });
      }
    } catch {
      // another EntryPoint event
    }
  }
  assert.deepEqual(
    outcomes.map((o) => o.userOpHash),
    ops.map((op) => op.hash),
    "one UserOperationEvent per operation, in order",
  );
  return { receipt, outcomes };
}

/** A payable call (helpers' `send` attaches no ETH), waiting for its receipt. */
export async function sendValue(
  account: Account,
  contract: { address: `0x${string}`; abi: Abi },
  functionName: string,
  args: readonly unknown[],
  value: bigint,
): Promise<TransactionReceipt> {
  const hash = await createWalletClient({ account, chain: client.chain, transport: http(RPC_URL) }).writeContract({
    address: contract.address,
    abi: contract.abi,
    functionName,
    args,
    value,
  } as never);
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  assert.equal(receipt.status, "success", `${functionName} reverted`);
  return receipt;
}

/** The Jakarta day (UTC+7) of a unix time, as the indexer counts the sponsorship figures. */
export const jakartaDay = (time: bigint | number) => Math.floor((Number(time) + 7 * 3600) / 86_400);
