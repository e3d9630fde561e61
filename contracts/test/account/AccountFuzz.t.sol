// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC7821} from "@openzeppelin/contracts/account/extensions/draft-ERC7821.sol";
import {ERC4337Utils} from "@openzeppelin/contracts/account/utils/ERC4337Utils.sol";
import {PackedUserOperation} from "@account-abstraction/contracts/interfaces/PackedUserOperation.sol";
import {IAccount} from "@account-abstraction/contracts/interfaces/IAccount.sol";
import {Execution} from "@openzeppelin/contracts/interfaces/draft-IERC7579.sol";
import {CitizenAccount} from "../../account/CitizenAccount.sol";
import {LayananPaymaster} from "../../account/LayananPaymaster.sol";
import {IServiceRequests} from "../../interfaces/IServiceRequests.sol";
import {ICitizenAttestations} from "../../interfaces/ICitizenAttestations.sol";
import {AccountBase} from "./AccountBase.t.sol";

/// @title AccountFuzzTest
/// @notice Fuzzes the account's signature check (validateUserOp as the EntryPoint: a random or misbuilt
/// signature never validates, a correct one does) and the paymaster's on-chain policy (checkPolicy/isAllowed
/// over random targets, selectors, values and batch sizes, against a model written from DESIGN.md).
/// hardhat-config: fuzz.runs = 256
contract AccountFuzzTest is AccountBase {
    bytes32 internal constant USER_OP_HASH = keccak256("a user operation");

    function _validate(bytes memory signature, bytes32 hash) internal returns (uint256) {
        PackedUserOperation memory op = _op(address(account), "");
        op.signature = signature;
        vm.prank(address(ERC4337Utils.ENTRYPOINT_V08));
        (bool ok, bytes memory result) = address(account).call(
            abi.encodeWithSelector(IAccount.validateUserOp.selector, op, hash, uint256(0))
        );
        assertTrue(ok, "validateUserOp reverted");
        return abi.decode(result, (uint256));
    }

    // ---------------------------------------------------------------------------------------------
    // The account's signature
    // ---------------------------------------------------------------------------------------------

    /// @dev The control: the fuzz tests below would pass for a check that refuses everything.
    function test_passkeySignatureValidates() public {
        bytes memory signature = _passkeySignature(PASSKEY_KEY, CREDENTIAL, USER_OP_HASH, 0x05);
        assertEq(_validate(signature, USER_OP_HASH), 0, "a correct signature validates");
        assertEq(_validate(signature, keccak256("another")), 1, "not for another hash");
    }

    function testFuzz_randomSignatureNeverValidates(bytes calldata signature, bytes32 hash) public {
        assertEq(_validate(signature, hash), 1, "random bytes validated");
    }

    function testFuzz_randomSignatureUnderTheRegisteredNameNeverValidates(bytes calldata tail, bytes32 hash) public {
        assertEq(_validate(abi.encodePacked(CREDENTIAL, tail), hash), 1, "random auth validated");
    }

    /// @dev Well-formed WebAuthn data with random r and s (the challenge, type and flags right).
    function testFuzz_randomRSNeverValidates(bytes32 r, bytes32 s) public {
        bytes memory signature = _passkeySignature(PASSKEY_KEY, CREDENTIAL, USER_OP_HASH, 0x05);
        assembly ("memory-safe") {
            mstore(add(signature, 0x40), r) // after the length word and the credential id hash
            mstore(add(signature, 0x60), s)
        }
        bytes memory genuine = _passkeySignature(PASSKEY_KEY, CREDENTIAL, USER_OP_HASH, 0x05);
        vm.assume(keccak256(signature) != keccak256(genuine));
        assertEq(_validate(signature, USER_OP_HASH), 1, "random r, s validated");
    }

    /// @dev A real signature of another key, of another challenge, or without user verification.
    function testFuzz_misbuiltSignaturesNeverValidate(uint256 otherKey, bytes32 otherHash, bytes1 flags) public {
        otherKey = bound(otherKey, 1, P256_N - 1);
        vm.assume(otherKey != PASSKEY_KEY);
        vm.assume(otherHash != USER_OP_HASH);
        assertEq(
            _validate(_passkeySignature(otherKey, CREDENTIAL, USER_OP_HASH, 0x05), USER_OP_HASH),
            1,
            "another key validated"
        );
        assertEq(
            _validate(_passkeySignature(PASSKEY_KEY, CREDENTIAL, otherHash, 0x05), USER_OP_HASH),
            1,
            "another challenge validated"
        );
        // Without the UV bit (0x04) or the UP bit (0x01), never.
        if (uint8(flags) & 0x05 != 0x05) {
            assertEq(
                _validate(_passkeySignature(PASSKEY_KEY, CREDENTIAL, USER_OP_HASH, flags), USER_OP_HASH),
                1,
                "no user verification validated"
            );
        }
        // The right key under a name the account does not know.
        assertEq(
            _validate(
                _passkeySignature(PASSKEY_KEY, keccak256(abi.encode(otherHash)), USER_OP_HASH, 0x05),
                USER_OP_HASH
            ),
            1,
            "unknown name validated"
        );
    }

    // ---------------------------------------------------------------------------------------------
    // The paymaster's policy
    // ---------------------------------------------------------------------------------------------

    /// @dev A target among the interesting ones, or `random`.
    function _target(uint256 pick, address random) internal view returns (address) {
        pick = pick % 7;
        if (pick == 0) return address(requests);
        if (pick == 1) return address(account);
        if (pick == 2) return address(attestations);
        if (pick == 3) return address(directory);
        if (pick == 4) return address(paymaster);
        if (pick == 5) return address(factory);
        return random;
    }

    /// @dev A selector among the interesting ones, or `random`.
    function _selector(uint256 pick, bytes4 random) internal pure returns (bytes4) {
        bytes4[14] memory selectors = [
            IServiceRequests.submit.selector,
            IServiceRequests.respond.selector,
            IServiceRequests.cancel.selector,
            IServiceRequests.escalate.selector,
            IServiceRequests.rate.selector,
            CitizenAccount.addPasskey.selector,
            CitizenAccount.removePasskey.selector,
            IServiceRequests.updateStatus.selector,
            IServiceRequests.markDuplicate.selector,
            IServiceRequests.addService.selector,
            ICitizenAttestations.attest.selector,
            ERC7821.execute.selector,
            LayananPaymaster.withdraw.selector,
            random
        ];
        return selectors[pick % 14];
    }

    /// @dev DESIGN.md's rule, written out by name: ServiceRequests' five citizen functions, or the account's
    /// own passkey setup on itself; no ETH.
    function _modelAllows(address target, bytes4 selector, uint256 value) internal view returns (bool) {
        if (value != 0) return false;
        if (target == address(requests)) {
            return
                selector == bytes4(keccak256("submit(uint32,bytes32,bytes32,string)")) ||
                selector == bytes4(keccak256("respond(uint256,bytes32,string)")) ||
                selector == bytes4(keccak256("cancel(uint256)")) ||
                selector == bytes4(keccak256("escalate(uint256)")) ||
                selector == bytes4(keccak256("rate(uint256,uint8,bytes32)"));
        }
        if (target == address(account)) {
            return
                selector == bytes4(keccak256("addPasskey(bytes32,bytes32,bytes32)")) ||
                selector == bytes4(keccak256("removePasskey(bytes32)"));
        }
        return false;
    }

    function testFuzz_policyOfOneCall(
        uint256 targetPick,
        address randomTarget,
        uint256 selectorPick,
        bytes4 randomSelector,
        uint256 value,
        bytes calldata args
    ) public view {
        address target = _target(targetPick, randomTarget);
        bytes4 selector = _selector(selectorPick, randomSelector);
        if (value % 3 != 0) value = 0; // often no ETH, so that allowed calls are reached
        Execution[] memory calls = new Execution[](1);
        calls[0] = Execution(target, value, abi.encodePacked(selector, args));
        bool expected = _modelAllows(target, selector, value);
        assertEq(paymaster.isAllowed(address(account), _execute(calls)), expected, "one call: policy != model");
    }

    function testFuzz_policyOfABatch(uint8 count, uint256 seed) public view {
        count = uint8(bound(count, 0, 7));
        Execution[] memory calls = new Execution[](count);
        bool expected = count >= 1 && count <= 4;
        for (uint256 i = 0; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            address target = _target(r, address(uint160(r >> 8)));
            bytes4 selector = _selector(r >> 16, bytes4(bytes32(r)));
            uint256 value = (r >> 32) % 8 == 0 ? 1 : 0;
            calls[i] = Execution(target, value, abi.encodePacked(selector, bytes32(r)));
            expected = expected && _modelAllows(target, selector, value);
        }
        assertEq(paymaster.isAllowed(address(account), _execute(calls)), expected, "batch: policy != model");
    }

    function testFuzz_policyRefusesOtherSenders(address sender) public view {
        vm.assume(sender != address(account));
        bytes memory callData = _execute(_calls(address(requests), abi.encodeCall(IServiceRequests.cancel, (1))));
        assertTrue(paymaster.isAllowed(address(account), callData), "control: the account is allowed");
        assertFalse(paymaster.isAllowed(sender, callData), "a non-account sender was allowed");
    }

    function testFuzz_policyRefusesOtherModesAndRandomCallData(bytes32 mode, bytes calldata callData) public view {
        vm.assume(mode != BATCH_MODE);
        Execution[] memory calls = _calls(address(requests), abi.encodeCall(IServiceRequests.cancel, (1)));
        bytes memory withMode = abi.encodeWithSelector(ERC7821.execute.selector, mode, abi.encode(calls));
        assertFalse(paymaster.isAllowed(address(account), withMode), "another mode was allowed");
        if (callData.length < 4 || bytes4(callData[0:4]) != ERC7821.execute.selector) {
            assertFalse(paymaster.isAllowed(address(account), callData), "non-execute call data was allowed");
        }
    }
}
