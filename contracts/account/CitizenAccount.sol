// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Account} from "@openzeppelin/contracts/account/Account.sol";
import {ERC7821} from "@openzeppelin/contracts/account/extensions/draft-ERC7821.sol";
import {ERC4337Utils} from "@openzeppelin/contracts/account/utils/ERC4337Utils.sol";
import {IEntryPoint} from "@openzeppelin/contracts/interfaces/IERC4337.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {P256} from "@openzeppelin/contracts/utils/cryptography/P256.sol";
import {WebAuthn} from "@openzeppelin/contracts/utils/cryptography/WebAuthn.sol";

/// @title CitizenAccount
/// @notice A citizen's ERC-4337 (EntryPoint v0.8) smart account whose signers are passkeys (WebAuthn,
/// P-256: the phone's fingerprint or face unlock). It holds no ETH: the city's paymaster pays its fees.
/// Several passkeys (one per device) may sign; each is named by the keccak256 of its WebAuthn
/// credential id, so that a browser holding a synced passkey finds its account again from the
/// `PasskeyAdded` events.
/// @dev Deployed as ERC-1167 clones by {CitizenAccountFactory}. A user operation's signature is
/// `credentialIdHash (32 bytes) ‖ abi.encode(r, s, challengeIndex, typeIndex, authenticatorData, clientDataJSON)`,
/// i.e. the passkey's name followed by OpenZeppelin's ABI-encoded `WebAuthn.WebAuthnAuth`; user
/// verification (the UV flag: biometrics or PIN) is required. Calls are made with ERC-7821 `execute`
/// in batch mode, by the EntryPoint or by the account itself.
contract CitizenAccount is Account, ERC7821, Initializable {
    /// @notice A passkey's P-256 public key.
    struct Passkey {
        bytes32 x;
        bytes32 y;
    }

    /// @notice The factory that made the implementation; the only one that may initialise a clone.
    // A public getter read by this name (the dApp, the indexer, the tests).
    // solhint-disable-next-line immutable-vars-naming
    address public immutable factory;

    mapping(bytes32 credentialIdHash => Passkey) private _passkeys;
    uint256 private _passkeyCount;

    /// @notice A passkey may now sign for this account.
    event PasskeyAdded(bytes32 indexed credentialIdHash, bytes32 x, bytes32 y);
    /// @notice A passkey may no longer sign for this account.
    event PasskeyRemoved(bytes32 indexed credentialIdHash);

    /// @notice Only the factory initialises an account.
    error CitizenAccountNotFactory(address caller);
    /// @notice Only the account itself (through a user operation) changes its passkeys.
    error CitizenAccountNotSelf(address caller);
    /// @notice The credential id hash is zero or the key is not a point of P-256.
    error CitizenAccountInvalidPasskey(bytes32 credentialIdHash);
    /// @notice A passkey with this credential id hash is already registered.
    error CitizenAccountPasskeyExists(bytes32 credentialIdHash);
    /// @notice No passkey with this credential id hash is registered.
    error CitizenAccountUnknownPasskey(bytes32 credentialIdHash);
    /// @notice The last passkey cannot be removed (the account would be locked for good).
    error CitizenAccountLastPasskey(bytes32 credentialIdHash);
    /// @notice The account never holds ETH: fees are paid by the paymaster.
    error CitizenAccountNoEth();

    modifier onlySelf() {
        if (msg.sender != address(this)) revert CitizenAccountNotSelf(msg.sender);
        _;
    }

    constructor() {
        factory = msg.sender;
        _disableInitializers();
    }

    /// @notice Sets the first passkey. Called once by the factory, in the transaction that makes the clone.
    function initialize(bytes32 credentialIdHash, bytes32 x, bytes32 y) external initializer {
        if (msg.sender != factory) revert CitizenAccountNotFactory(msg.sender);
        _addPasskey(credentialIdHash, x, y);
    }

    /// @notice EntryPoint v0.8 (OpenZeppelin 5.7 defaults to v0.9).
    function entryPoint() public pure override returns (IEntryPoint) {
        return ERC4337Utils.ENTRYPOINT_V08;
    }

    /// @notice Adds another device's passkey. Only through the account's own `execute`.
    function addPasskey(bytes32 credentialIdHash, bytes32 x, bytes32 y) external onlySelf {
        _addPasskey(credentialIdHash, x, y);
    }

    /// @notice Removes a passkey (a lost or replaced device); never the last one. Only through the account's own `execute`.
    function removePasskey(bytes32 credentialIdHash) external onlySelf {
        if (_passkeys[credentialIdHash].x == 0) revert CitizenAccountUnknownPasskey(credentialIdHash);
        if (_passkeyCount == 1) revert CitizenAccountLastPasskey(credentialIdHash);
        delete _passkeys[credentialIdHash];
        --_passkeyCount;
        emit PasskeyRemoved(credentialIdHash);
    }

    /// @notice The public key of the passkey named `credentialIdHash` (zeros when none).
    function passkey(bytes32 credentialIdHash) external view returns (bytes32 x, bytes32 y) {
        Passkey storage key = _passkeys[credentialIdHash];
        return (key.x, key.y);
    }

    /// @notice How many passkeys may sign.
    function passkeyCount() external view returns (uint256) {
        return _passkeyCount;
    }

    /// @notice Refuses ETH: the account never holds any.
    receive() external payable override {
        revert CitizenAccountNoEth();
    }

    function _addPasskey(bytes32 credentialIdHash, bytes32 x, bytes32 y) private {
        if (credentialIdHash == 0 || !P256.isValidPublicKey(x, y))
            revert CitizenAccountInvalidPasskey(credentialIdHash);
        if (_passkeys[credentialIdHash].x != 0) revert CitizenAccountPasskeyExists(credentialIdHash);
        _passkeys[credentialIdHash] = Passkey(x, y);
        ++_passkeyCount;
        emit PasskeyAdded(credentialIdHash, x, y);
    }

    /// @dev `credentialIdHash ‖ WebAuthnAuth`: the named passkey must have signed `hash` with user verification.
    function _rawSignatureValidation(bytes32 hash, bytes calldata signature) internal view override returns (bool) {
        if (signature.length < 32) return false;
        Passkey storage key = _passkeys[bytes32(signature[0:32])];
        bytes32 x = key.x;
        if (x == 0) return false;
        (bool decoded, WebAuthn.WebAuthnAuth calldata auth) = WebAuthn.tryDecodeAuth(signature[32:]);
        return decoded && WebAuthn.verify(abi.encodePacked(hash), auth, x, key.y);
    }

    /// @dev The EntryPoint (a validated user operation) and the account itself may execute.
    function _erc7821AuthorizedExecutor(
        address caller,
        bytes32 mode,
        bytes calldata executionData
    ) internal view override returns (bool) {
        return caller == address(entryPoint()) || super._erc7821AuthorizedExecutor(caller, mode, executionData);
    }
}
