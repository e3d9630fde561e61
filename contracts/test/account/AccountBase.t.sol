// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EntryPoint} from "@account-abstraction/contracts/core/EntryPoint.sol";
import {ERC4337Utils} from "@openzeppelin/contracts/account/utils/ERC4337Utils.sol";
import {PackedUserOperation} from "@account-abstraction/contracts/interfaces/PackedUserOperation.sol";
import {Execution} from "@openzeppelin/contracts/interfaces/draft-IERC7579.sol";
import {ERC7821} from "@openzeppelin/contracts/account/extensions/draft-ERC7821.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {CitizenAccount} from "../../account/CitizenAccount.sol";
import {CitizenAccountFactory} from "../../account/CitizenAccountFactory.sol";
import {LayananPaymaster} from "../../account/LayananPaymaster.sol";
import {LayananBase} from "../Base.t.sol";

/// @notice The cheatcodes the account tests use beyond contracts/test/utils/Vm.t.sol (Foundry's signatures,
/// implemented by Hardhat's EDR runtime).
interface VmAccounts {
    function signP256(uint256 privateKey, bytes32 digest) external pure returns (bytes32 r, bytes32 s);

    function publicKeyP256(uint256 privateKey) external pure returns (uint256 publicKeyX, uint256 publicKeyY);

    function etch(address target, bytes calldata newRuntimeBytecode) external;

    function deal(address account, uint256 newBalance) external;
}

/// @title PasskeySigning
/// @notice Signs a 32-byte challenge as a WebAuthn authenticator with user verification would (for rp id
/// "localhost"), in the encoding CitizenAccount reads: `credentialIdHash ‖ abi.encode(r, s, challengeIndex,
/// typeIndex, authenticatorData, clientDataJSON)`, s in the lower half of the order.
abstract contract PasskeySigning {
    VmAccounts internal constant vmAccounts = VmAccounts(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551;

    function _passkeySignature(
        uint256 privateKey,
        bytes32 credentialIdHash,
        bytes32 challenge,
        bytes1 flags
    ) internal pure returns (bytes memory) {
        string memory clientDataJSON = string.concat(
            '{"type":"webauthn.get","challenge":"',
            Base64.encodeURL(abi.encodePacked(challenge)),
            '","origin":"http://localhost","crossOrigin":false}'
        );
        bytes memory authenticatorData = abi.encodePacked(sha256("localhost"), flags, bytes4(0));
        bytes32 digest = sha256(abi.encodePacked(authenticatorData, sha256(bytes(clientDataJSON))));
        (bytes32 r, bytes32 s) = vmAccounts.signP256(privateKey, digest);
        if (uint256(s) > P256_N / 2) s = bytes32(P256_N - uint256(s));
        return
            abi.encodePacked(
                credentialIdHash,
                abi.encode(r, s, uint256(23), uint256(1), authenticatorData, clientDataJSON)
            );
    }

    function _publicKey(uint256 privateKey) internal pure returns (bytes32 x, bytes32 y) {
        (uint256 px, uint256 py) = vmAccounts.publicKeyP256(privateKey);
        return (bytes32(px), bytes32(py));
    }
}

/// @title AccountBase
/// @notice The city of LayananBase, plus EntryPoint v0.8 at its canonical address (compiled from the npm
/// package account-abstraction/contracts and its runtime code put there: no operation here uses `initCode`, so the
/// EntryPoint's SenderCreator, bound to the first deployment, is never called), the factory, the paymaster
/// with 10 ETH deposited and a sponsor key, and one citizen account of a P-256 key.
abstract contract AccountBase is LayananBase, PasskeySigning {
    uint256 internal constant PASSKEY_KEY = 0xC171CE17;
    uint256 internal constant SPONSOR_KEY = 0x5905;
    bytes32 internal constant CREDENTIAL = keccak256("citizen credential");
    bytes32 internal constant BATCH_MODE = bytes32(uint256(1) << 248);

    EntryPoint internal entryPoint;
    CitizenAccountFactory internal factory;
    LayananPaymaster internal paymaster;
    CitizenAccount internal account;
    address internal sponsor;

    function setUp() public virtual override {
        super.setUp();
        EntryPoint deployed = new EntryPoint();
        vmAccounts.etch(address(ERC4337Utils.ENTRYPOINT_V08), address(deployed).code);
        entryPoint = EntryPoint(payable(address(ERC4337Utils.ENTRYPOINT_V08)));
        factory = new CitizenAccountFactory();
        sponsor = vm.addr(SPONSOR_KEY);
        paymaster = new LayananPaymaster(directory, address(requests), factory, sponsor);
        vmAccounts.deal(address(this), 100 ether);
        paymaster.deposit{value: 10 ether}();
        (bytes32 x, bytes32 y) = _publicKey(PASSKEY_KEY);
        account = CitizenAccount(payable(factory.createAccount(x, y, CREDENTIAL)));
    }

    function _calls(address target, bytes memory data) internal pure returns (Execution[] memory calls) {
        calls = new Execution[](1);
        calls[0] = Execution(target, 0, data);
    }

    function _execute(Execution[] memory calls) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ERC7821.execute.selector, BATCH_MODE, abi.encode(calls));
    }

    /// @dev An unsigned operation of `sender` with `callData`, sponsored by the paymaster (no paymaster data yet).
    function _op(address sender, bytes memory callData) internal view returns (PackedUserOperation memory op) {
        op.sender = sender;
        op.nonce = entryPoint.getNonce(sender, 0);
        op.callData = callData;
        op.accountGasLimits = bytes32((uint256(1_000_000) << 128) | 500_000);
        op.preVerificationGas = 60_000;
        op.gasFees = bytes32((uint256(1 gwei) << 128) | 2 gwei);
        op.paymasterAndData = abi.encodePacked(address(paymaster), uint128(200_000), uint128(0));
    }

    /// @dev Adds the sponsor's signature (window [0, validUntil]) then the passkey's.
    function _sign(
        PackedUserOperation memory op,
        uint256 sponsorKey,
        uint256 passkeyKey,
        bytes32 credential
    ) internal view {
        uint48 validUntil = uint48(_now() + 600);
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "UserOperationRequest(address sender,uint256 nonce,bytes initCode,bytes callData,bytes32 accountGasLimits,uint256 preVerificationGas,bytes32 gasFees,uint256 paymasterVerificationGasLimit,uint256 paymasterPostOpGasLimit,uint48 validAfter,uint48 validUntil)"
                ),
                op.sender,
                op.nonce,
                keccak256(op.initCode),
                keccak256(op.callData),
                op.accountGasLimits,
                op.preVerificationGas,
                op.gasFees,
                uint256(200_000),
                uint256(0),
                uint48(0),
                validUntil
            )
        );
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("LayananPaymaster"),
                keccak256("1"),
                block.chainid,
                address(paymaster)
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            sponsorKey,
            keccak256(abi.encodePacked("\x19\x01", domain, structHash))
        );
        op.paymasterAndData = abi.encodePacked(op.paymasterAndData, uint48(0), validUntil, r, s, v);
        op.signature = _passkeySignature(passkeyKey, credential, entryPoint.getUserOpHash(op), bytes1(0x05));
    }

    function _one(PackedUserOperation memory op) internal pure returns (PackedUserOperation[] memory ops) {
        ops = new PackedUserOperation[](1);
        ops[0] = op;
    }
}
