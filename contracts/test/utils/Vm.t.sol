// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Vm
/// @notice The subset of the Foundry cheatcodes (as implemented by Hardhat's EDR runtime) used by the
/// Layanan Solidity tests, with Foundry's exact signatures. forge-std is not available offline.
interface Vm {
    /// @notice Sets block.timestamp.
    function warp(uint256 newTimestamp) external;

    /// @notice Gets the current block.timestamp (not cached by the via-IR optimizer, unlike `block.timestamp`).
    function getBlockTimestamp() external view returns (uint256 timestamp);

    /// @notice Sets msg.sender for the next call.
    function prank(address msgSender) external;

    /// @notice Sets msg.sender for all subsequent calls until stopPrank is called.
    function startPrank(address msgSender) external;

    /// @notice Resets subsequent calls' msg.sender to be `address(this)`.
    function stopPrank() external;

    /// @notice Discards the current fuzz input when `condition` is false.
    function assume(bool condition) external pure;

    /// @notice Expects the next call to revert with exactly `revertData`.
    function expectRevert(bytes calldata revertData) external;

    /// @notice Expects the next call to revert with data starting with `revertData`.
    function expectRevert(bytes4 revertData) external;

    /// @notice Expects the next call to revert.
    function expectRevert() external;

    /// @notice The address of `privateKey`.
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Signs `digest` with `privateKey` (secp256k1).
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    /// @notice Labels an address in traces.
    function label(address account, string calldata newLabel) external;
}
