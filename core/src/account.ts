/**
 * The citizen's passkey account (CitizenAccount, ERC-4337 v0.8) as viem sees it: the signature
 * encoding the contract reads, its ERC-7821 batch calls, its CREATE2 address, and a viem
 * `SmartAccount` implementation for `createBundlerClient`. Browser-safe.
 *
 * A passkey here is anything that signs a 32-byte challenge the WebAuthn way: the phone's
 * authenticator through viem's `toWebAuthnAccount` in the dApp, or `softwarePasskey` (a P-256 key
 * in memory: tests and benchmarks only).
 */
import { P256, WebAuthnP256 } from "ox";
import {
  type Address,
  type Client,
  type Hex,
  bytesToHex,
  concat,
  decodeAbiParameters,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  hexToBigInt,
  isHex,
  keccak256,
  numberToHex,
  pad,
  toHex,
} from "viem";
import {
  type GetPaymasterDataParameters,
  type PaymasterActions,
  type SmartAccount,
  type SmartAccountImplementation,
  type UserOperation,
  type WebAuthnAccount,
  entryPoint08Abi,
  entryPoint08Address,
  getUserOperationHash,
  toSmartAccount,
} from "viem/account-abstraction";
import { readContract } from "viem/actions";
import { citizenAccountAbi, citizenAccountFactoryAbi } from "./generated/abis.ts";

export { citizenAccountAbi, citizenAccountFactoryAbi };

/** EntryPoint v0.8 at its canonical address (the deploy scripts put it there on the local chain). */
export const ENTRY_POINT_V08: Address = entryPoint08Address;

/** ERC-7579 execution mode of an ERC-7821 batch: call type 0x01 (batch), exec type 0x00 (revert on failure). */
export const BATCH_MODE: Hex = "0x0100000000000000000000000000000000000000000000000000000000000000";

/** The order of the P-256 curve; signatures are given with s in its lower half (as OpenZeppelin's P256 wants). */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** One call of a batch. The Layanan paymaster refuses any call with ETH attached. */
export interface AccountCall {
  to: Address;
  data: Hex;
  value?: bigint;
}

/** A passkey's public key and the keccak256 of its WebAuthn credential id (its name on chain). */
export interface PasskeyKey {
  credentialIdHash: Hex;
  x: Hex;
  y: Hex;
}

/** What a WebAuthn assertion gives the contract (OpenZeppelin's `WebAuthn.WebAuthnAuth`). */
export interface WebAuthnSignature {
  r: bigint;
  s: bigint;
  authenticatorData: Hex;
  clientDataJSON: string;
  challengeIndex: number;
  typeIndex: number;
}

/** A passkey that signs challenges: the key, and `sign` (one biometric prompt per call). */
export interface Passkey extends PasskeyKey {
  sign(challenge: Hex): Promise<WebAuthnSignature>;
}

/** keccak256 of a credential id (raw bytes or their hex). */
export function credentialIdHash(credentialId: Hex | Uint8Array): Hex {
  return keccak256(typeof credentialId === "string" ? credentialId : bytesToHex(credentialId));
}

/** The base64url credential id a browser reports, as hex. */
export function credentialIdFromBase64Url(id: string): Hex {
  const base64 = id
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(id.length / 4) * 4, "=");
  const binary = atob(base64);
  return bytesToHex(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The public key of a 64-byte (x ‖ y) or 65-byte uncompressed (0x04 ‖ x ‖ y) P-256 key. */
export function splitPublicKey(publicKey: Hex): { x: Hex; y: Hex } {
  const body = publicKey.slice(2);
  const raw = body.length === 130 && body.startsWith("04") ? body.slice(2) : body;
  if (raw.length !== 128) throw new Error(`not a P-256 public key: ${publicKey}`);
  return { x: `0x${raw.slice(0, 64)}`, y: `0x${raw.slice(64)}` };
}

/**
 * The signature CitizenAccount reads: `credentialIdHash ‖ abi.encode(r, s, challengeIndex,
 * typeIndex, authenticatorData, clientDataJSON)` (the six fields as separate ABI parameters, as
 * OpenZeppelin's `WebAuthn.tryDecodeAuth` reads them), with s normalised to the lower half.
 */
export function encodePasskeySignature(credentialIdHash_: Hex, signature: WebAuthnSignature): Hex {
  const s = signature.s > P256_N / 2n ? P256_N - signature.s : signature.s;
  return concat([
    credentialIdHash_,
    encodeAbiParameters(
      [
        { type: "bytes32" },
        { type: "bytes32" },
        { type: "uint256" },
        { type: "uint256" },
        { type: "bytes" },
        { type: "string" },
      ],
      [
        numberToHex(signature.r, { size: 32 }),
        numberToHex(s, { size: 32 }),
        BigInt(signature.challengeIndex),
        BigInt(signature.typeIndex),
        signature.authenticatorData,
        signature.clientDataJSON,
      ],
    ),
  ]);
}

/** `execute(BATCH_MODE, abi.encode(Execution[]))`: what a user operation of a CitizenAccount calls. */
export function encodeAccountCalls(calls: readonly AccountCall[]): Hex {
  const executions = encodeAbiParameters(EXECUTIONS, [
    calls.map((call) => ({ target: call.to, value: call.value ?? 0n, callData: call.data })),
  ]);
  return encodeFunctionData({ abi: citizenAccountAbi, functionName: "execute", args: [BATCH_MODE, executions] });
}

/** The calls of an `execute(BATCH_MODE, …)` call data; throws when it is anything else. */
export function decodeAccountCalls(callData: Hex): AccountCall[] {
  const { functionName, args } = decodeFunctionData({ abi: citizenAccountAbi, data: callData });
  if (functionName !== "execute") throw new Error(`not an execute call: ${functionName}`);
  const [mode, executionData] = args as readonly [Hex, Hex];
  if (mode.toLowerCase() !== BATCH_MODE) throw new Error(`unsupported execution mode ${mode}`);
  const [executions] = decodeAbiParameters(EXECUTIONS, executionData);
  return executions.map((e) => ({ to: e.target, data: e.callData, value: e.value }));
}

const EXECUTIONS = [
  {
    type: "tuple[]",
    components: [
      { name: "target", type: "address" },
      { name: "value", type: "uint256" },
      { name: "callData", type: "bytes" },
    ],
  },
] as const;

/** `createAccount(x, y, credentialIdHash)` on the factory: the account's `initCode` data. */
export function encodeCreateAccount(key: PasskeyKey): Hex {
  return encodeFunctionData({
    abi: citizenAccountFactoryAbi,
    functionName: "createAccount",
    args: [key.x, key.y, key.credentialIdHash],
  });
}

/** The address the factory gives passkey `key` (its CREATE2 address, before or after deployment). */
export async function predictAccountAddress(client: Client, factory: Address, key: PasskeyKey): Promise<Address> {
  return readContract(client, {
    address: factory,
    abi: citizenAccountFactoryAbi,
    functionName: "predictAddress",
    args: [key.x, key.y, key.credentialIdHash],
  });
}

/**
 * Gas the stub signature cannot show a bundler's estimate: OpenZeppelin's WebAuthn check returns
 * before the P-256 verification when the challenge does not match, so an estimate made with a stub
 * misses it (about 7,000 gas with the RIP-7212 precompile, about 330,000 in Solidity without).
 */
export const PASSKEY_VERIFICATION_GAS = 400_000n;

type PaymasterCalls = Pick<PaymasterActions, "getPaymasterStubData" | "getPaymasterData">;

/**
 * An ERC-7677 paymaster (the sponsor service) for a passkey account's bundler client: the
 * bundler estimated with the stub signature, which skips the P-256 check, so
 * `PASSKEY_VERIFICATION_GAS` is added to the verification gas before the sponsor signs over the
 * gas limits (they may not change afterwards), and the raised limit goes into the operation.
 */
export function passkeyPaymaster(paymaster: PaymasterCalls): PaymasterCalls {
  return {
    getPaymasterStubData: (parameters) => paymaster.getPaymasterStubData(parameters),
    async getPaymasterData(parameters: GetPaymasterDataParameters) {
      const estimated = (parameters as { verificationGasLimit?: bigint }).verificationGasLimit;
      if (estimated === undefined) return paymaster.getPaymasterData(parameters);
      const verificationGasLimit = estimated + PASSKEY_VERIFICATION_GAS;
      const result = await paymaster.getPaymasterData({ ...parameters, verificationGasLimit } as never);
      return { ...result, verificationGasLimit };
    },
  };
}

/** A signature that decodes like a real one (for gas estimates; it never validates). */
export function stubPasskeySignature(credentialIdHash_: Hex): Hex {
  const clientDataJSON = `{"type":"webauthn.get","challenge":"${"A".repeat(43)}","origin":"https://layanan.example","crossOrigin":false}`;
  return encodePasskeySignature(credentialIdHash_, {
    r: P256_N / 3n,
    s: P256_N / 5n,
    authenticatorData: `0x${"49".repeat(32)}0500000000`,
    clientDataJSON,
    challengeIndex: clientDataJSON.indexOf('"challenge"'),
    typeIndex: clientDataJSON.indexOf('"type"'),
  });
}

export interface CitizenAccountOptions {
  client: Client;
  factory: Address;
  passkey: Passkey;
  /** The account's address when already known (saves the factory call). */
  address?: Address;
}

export type CitizenSmartAccount = SmartAccount<SmartAccountImplementation<typeof entryPoint08Abi, "0.8">>;

/**
 * A viem SmartAccount for a CitizenAccount: pass it to `createBundlerClient` (with a paymaster,
 * e.g. the sponsor service's ERC-7677 URL) and `sendUserOperation({ calls })`. The first operation
 * deploys the account through the factory. Messages and typed data are not signed: the account
 * signs user operations only.
 */
export async function toCitizenAccount(options: CitizenAccountOptions): Promise<CitizenSmartAccount> {
  const { client, factory, passkey } = options;
  const address = options.address ?? (await predictAccountAddress(client, factory, passkey));
  const chainId = client.chain?.id;
  if (chainId === undefined) throw new Error("the client has no chain");
  return toSmartAccount({
    client: client as never,
    entryPoint: { abi: entryPoint08Abi, address: ENTRY_POINT_V08, version: "0.8" },
    extend: { passkey: { credentialIdHash: passkey.credentialIdHash, x: passkey.x, y: passkey.y } },
    async getAddress() {
      return address;
    },
    async getFactoryArgs() {
      return { factory, factoryData: encodeCreateAccount(passkey) };
    },
    async encodeCalls(calls) {
      return encodeAccountCalls(calls.map((call) => ({ to: call.to, data: call.data ?? "0x", value: call.value })));
    },
    async decodeCalls(data) {
      return decodeAccountCalls(data);
    },
    async getStubSignature() {
      return stubPasskeySignature(passkey.credentialIdHash);
    },
    async signMessage() {
      throw new Error("A citizen account signs user operations only.");
    },
    async signTypedData() {
      throw new Error("A citizen account signs user operations only.");
    },
    async signUserOperation(parameters) {
      const { chainId: opChainId = chainId, ...userOperation } = parameters;
      const hash = getUserOperationHash({
        chainId: opChainId,
        entryPointAddress: ENTRY_POINT_V08,
        entryPointVersion: "0.8",
        userOperation: { ...userOperation, sender: address } as UserOperation<"0.8">,
      });
      return encodePasskeySignature(passkey.credentialIdHash, await passkey.sign(hash));
    },
  }) as Promise<CitizenSmartAccount>;
}

/** A passkey from viem's WebAuthn account (the browser's authenticator: one biometric prompt per signature). */
export function passkeyFromWebAuthn(account: WebAuthnAccount): Passkey {
  const { x, y } = splitPublicKey(account.publicKey);
  const idHash = credentialIdHash(credentialIdFromBase64Url(account.id));
  return {
    credentialIdHash: idHash,
    x,
    y,
    async sign(challenge) {
      const { signature, webauthn } = await account.sign({ hash: challenge });
      return {
        r: hexToBigInt(`0x${signature.slice(2, 66)}`),
        s: hexToBigInt(`0x${signature.slice(66, 130)}`),
        authenticatorData: webauthn.authenticatorData,
        clientDataJSON: webauthn.clientDataJSON,
        challengeIndex: indexIn(webauthn.clientDataJSON, webauthn.challengeIndex, '"challenge"'),
        typeIndex: indexIn(webauthn.clientDataJSON, webauthn.typeIndex, '"type"'),
      };
    },
  };
}

/**
 * A passkey whose key is in memory: FOR TESTS AND BENCHMARKS ONLY (a real passkey's key never
 * leaves the authenticator). It signs as an authenticator with user verification would, for
 * `rpId` and `origin`.
 */
export function softwarePasskey(
  options: { privateKey?: Hex; credentialId?: Hex; rpId?: string; origin?: string; userVerified?: boolean } = {},
): Passkey & { privateKey: Hex; credentialId: Hex } {
  const privateKey = options.privateKey ?? P256.randomPrivateKey();
  const publicKey = P256.getPublicKey({ privateKey });
  const credentialId = options.credentialId ?? keccak256(privateKey);
  const rpId = options.rpId ?? "localhost";
  const origin = options.origin ?? "http://localhost";
  return {
    privateKey,
    credentialId,
    credentialIdHash: credentialIdHash(credentialId),
    x: pad(toHex(publicKey.x), { size: 32 }),
    y: pad(toHex(publicKey.y), { size: 32 }),
    async sign(challenge) {
      if (!isHex(challenge)) throw new Error("challenge must be hex");
      const { metadata, payload } = WebAuthnP256.getSignPayload({
        challenge,
        rpId,
        origin,
        flag: options.userVerified === false ? 0x01 : 0x05,
      });
      const { r, s } = P256.sign({ payload, privateKey, hash: true });
      return {
        r,
        s,
        authenticatorData: metadata.authenticatorData,
        clientDataJSON: metadata.clientDataJSON,
        challengeIndex: indexIn(metadata.clientDataJSON, metadata.challengeIndex, '"challenge"'),
        typeIndex: indexIn(metadata.clientDataJSON, metadata.typeIndex, '"type"'),
      };
    },
  };
}

/** Where `key` starts in the client data (the authenticator's own index when it gave one). */
function indexIn(clientDataJSON: string, given: number | undefined, key: string): number {
  return given ?? clientDataJSON.indexOf(key);
}
