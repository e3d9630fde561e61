// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "./Vm.t.sol";

/// @title TestHelpers
/// @notice A minimal stand-in for forge-std's Test: the cheatcode handle, `bound`, and assertions that
/// revert with custom errors carrying both sides, so a failing fuzz case shows what differed.
abstract contract TestHelpers {
    /// @dev The cheatcode address (Foundry's, also used by Hardhat's EDR runtime).
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    error AssertionFailed(string message);
    error AssertEqUint(string message, uint256 left, uint256 right);
    error AssertEqBytes32(string message, bytes32 left, bytes32 right);
    error AssertEqAddress(string message, address left, address right);
    error AssertEqBool(string message, bool left, bool right);
    error AssertLe(string message, uint256 left, uint256 right);
    error BoundInvalidRange(uint256 min, uint256 max);

    // ---------------------------------------------------------------------------------------------
    // Assertions
    // ---------------------------------------------------------------------------------------------

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) revert AssertionFailed(message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) revert AssertionFailed(message);
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right) revert AssertEqUint(message, left, right);
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        if (left != right) revert AssertEqBytes32(message, left, right);
    }

    function assertEq(address left, address right, string memory message) internal pure {
        if (left != right) revert AssertEqAddress(message, left, right);
    }

    function assertEq(bool left, bool right, string memory message) internal pure {
        if (left != right) revert AssertEqBool(message, left, right);
    }

    function assertLe(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right) revert AssertLe(message, left, right);
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzz input shaping
    // ---------------------------------------------------------------------------------------------

    /// @dev forge-std's `bound`: maps `x` into [min, max], keeping values already in range unchanged
    /// (so the fuzzer's edge values stay edge values).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256 result) {
        if (min > max) revert BoundInvalidRange(min, max);
        if (x >= min && x <= max) return x;
        uint256 size = max - min + 1;
        if (x <= 3 && size > x) return min + x;
        if (x >= type(uint256).max - 3 && size > type(uint256).max - x) return max - (type(uint256).max - x);
        if (x > max) {
            uint256 rem = (x - max) % size;
            if (rem == 0) return max;
            result = min + rem - 1;
        } else {
            uint256 rem = (min - x) % size;
            if (rem == 0) return min;
            result = max - rem + 1;
        }
    }

    /// @dev The current block time as the runtime sees it (`block.timestamp` may be cached by via-IR).
    function _now() internal view returns (uint64) {
        return uint64(vm.getBlockTimestamp());
    }

    /// @dev A string of `length` bytes.
    function _text(uint256 length) internal pure returns (string memory) {
        bytes memory out = new bytes(length);
        for (uint256 i = 0; i < length; ++i) out[i] = bytes1(uint8(0x61 + (i % 26)));
        return string(out);
    }
}
