// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {CitizenAccount} from "./CitizenAccount.sol";

/// @title CitizenAccountFactory
/// @notice Makes citizens' passkey accounts at addresses known in advance (CREATE2 of an ERC-1167
/// clone), so that an officer can attest an account before its first operation and the first
/// operation deploys it (the user operation's `initCode`).
contract CitizenAccountFactory {
    /// @notice The account implementation every clone delegates to.
    // A public getter read by this name (the dApp, the indexer, the tests).
    // solhint-disable-next-line immutable-vars-naming
    CitizenAccount public immutable accountImplementation;

    /// @notice True for every account this factory made (the paymaster sponsors only these).
    mapping(address account => bool) public isAccount;

    /// @notice A citizen account was made; `salt` is the first passkey's credential id hash.
    event AccountCreated(address indexed account, bytes32 indexed salt, bytes32 x, bytes32 y);

    constructor() {
        accountImplementation = new CitizenAccount();
    }

    /// @notice Makes the account of passkey (x, y) named `salt` (the keccak256 of its credential id),
    /// or returns it when it exists (as ERC-4337 factories must).
    function createAccount(bytes32 x, bytes32 y, bytes32 salt) external returns (address account) {
        bytes32 cloneSalt = _cloneSalt(x, y, salt);
        account = Clones.predictDeterministicAddress(address(accountImplementation), cloneSalt);
        if (account.code.length == 0) {
            Clones.cloneDeterministic(address(accountImplementation), cloneSalt);
            CitizenAccount(payable(account)).initialize(salt, x, y);
            isAccount[account] = true;
            emit AccountCreated(account, salt, x, y);
        }
    }

    /// @notice The address {createAccount} gives (or gave) for passkey (x, y) named `salt`.
    function predictAddress(bytes32 x, bytes32 y, bytes32 salt) external view returns (address) {
        return Clones.predictDeterministicAddress(address(accountImplementation), _cloneSalt(x, y, salt));
    }

    /// @dev The key is part of the salt: no one can take a citizen's address with another key.
    function _cloneSalt(bytes32 x, bytes32 y, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(x, y, salt));
    }
}
