// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PaymasterSigner} from "@openzeppelin/contracts/account/paymaster/extensions/PaymasterSigner.sol";
import {ERC4337Utils} from "@openzeppelin/contracts/account/utils/ERC4337Utils.sol";
import {ERC7821} from "@openzeppelin/contracts/account/extensions/draft-ERC7821.sol";
import {IEntryPoint, PackedUserOperation} from "@openzeppelin/contracts/interfaces/IERC4337.sol";
import {Execution} from "@openzeppelin/contracts/interfaces/draft-IERC7579.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignerECDSA} from "@openzeppelin/contracts/utils/cryptography/signers/SignerECDSA.sol";
import {IAgencyDirectory} from "../interfaces/IAgencyDirectory.sol";
import {IServiceRequests} from "../interfaces/IServiceRequests.sol";
import {CitizenAccount} from "./CitizenAccount.sol";
import {CitizenAccountFactory} from "./CitizenAccountFactory.sol";

/// @title LayananPaymaster
/// @notice Pays the fees of citizens' passkey accounts (ERC-4337 v0.8), for user operations that the
/// city's sponsor service signed (OpenZeppelin's `PaymasterSigner`: EIP-712 over the operation and a
/// validity window). As a second line of defence it refuses on chain, whatever the sponsor signed,
/// any operation that is not a citizen account of {factory} calling, with no ETH, the citizen
/// functions of ServiceRequests (submit, respond, cancel, escalate, rate) or its own passkey setup.
/// @dev `paymasterData` is `validAfter (6 bytes) ‖ validUntil (6 bytes) ‖ signature (65 bytes)`.
/// The directory's governor changes the signer, withdraws the deposit and manages the stake
/// (public bundlers require a staked paymaster, since validation reads this contract's storage).
contract LayananPaymaster is PaymasterSigner, SignerECDSA {
    /// @notice The most calls one sponsored operation may batch.
    uint256 public constant MAX_CALLS = 4;
    /// @dev The only ERC-7579 execution mode CitizenAccount's `execute` runs: batch (0x01), revert on failure
    /// (0x00), no mode selector or payload. Any other mode reverts in the account, at the paymaster's expense.
    bytes32 private constant BATCH_MODE = bytes32(uint256(1) << 248);

    /// @notice Whose governor administers the paymaster.
    // A public getter read by this name (the dApp, the indexer, the tests).
    // solhint-disable-next-line immutable-vars-naming
    IAgencyDirectory public immutable directory;
    /// @notice The only contract (besides the account itself) a sponsored operation may call.
    // A public getter read by this name (the dApp, the indexer, the tests).
    // solhint-disable-next-line immutable-vars-naming
    address public immutable serviceRequests;
    /// @notice The factory whose accounts are sponsored.
    // A public getter read by this name (the dApp, the indexer, the tests).
    // solhint-disable-next-line immutable-vars-naming
    CitizenAccountFactory public immutable factory;

    /// @notice The sponsor service's signing key changed.
    event SponsorSignerChanged(address indexed previousSigner, address indexed newSigner);
    /// @notice ETH was added to the paymaster's deposit at the EntryPoint.
    event DepositAdded(address indexed from, uint256 amount);
    /// @notice ETH was withdrawn from the paymaster's deposit.
    event DepositWithdrawn(address indexed to, uint256 amount);
    /// @notice The paymaster's stake at the EntryPoint changed (`unstakeDelaySec` 0 = unlocked).
    event StakeChanged(uint256 added, uint32 unstakeDelaySec, bool unlocked);

    /// @notice Only the directory's governor.
    error PaymasterNotGovernor(address account);
    /// @notice The sponsor's signer cannot be the zero address.
    error PaymasterZeroSigner();
    /// @notice The amount must be positive.
    error PaymasterZeroAmount();
    /// @notice The sender is not an account of {factory}.
    error PaymasterNotCitizenAccount(address sender);
    /// @notice The operation is not an ERC-7821 batch `execute` of 1..MAX_CALLS calls.
    error PaymasterInvalidCallData(address sender);
    /// @notice Call `index` of the batch is outside the policy (target, selector, or ETH attached).
    error PaymasterCallNotAllowed(uint256 index, address target, bytes4 selector);

    modifier onlyGovernor() {
        if (!directory.isGovernor(msg.sender)) revert PaymasterNotGovernor(msg.sender);
        _;
    }

    constructor(
        IAgencyDirectory directory_,
        address serviceRequests_,
        CitizenAccountFactory factory_,
        address sponsorSigner
    ) EIP712("LayananPaymaster", "1") SignerECDSA(sponsorSigner) {
        if (sponsorSigner == address(0)) revert PaymasterZeroSigner();
        directory = directory_;
        serviceRequests = serviceRequests_;
        factory = factory_;
        emit SponsorSignerChanged(address(0), sponsorSigner);
    }

    /// @notice EntryPoint v0.8 (OpenZeppelin 5.7 defaults to v0.9).
    function entryPoint() public pure override returns (IEntryPoint) {
        return ERC4337Utils.ENTRYPOINT_V08;
    }

    /// @notice Adds ETH to the paymaster's deposit at the EntryPoint (anyone may top it up).
    function deposit() external payable {
        if (msg.value == 0) revert PaymasterZeroAmount();
        _deposit(msg.value);
        emit DepositAdded(msg.sender, msg.value);
    }

    /// @notice The paymaster's deposit at the EntryPoint, what pays for sponsored operations.
    function getDeposit() external view returns (uint256) {
        return entryPoint().balanceOf(address(this));
    }

    /// @notice Withdraws from the deposit. Governor.
    function withdraw(address payable to, uint256 amount) external onlyGovernor {
        if (amount == 0) revert PaymasterZeroAmount();
        _withdraw(to, amount);
        emit DepositWithdrawn(to, amount);
    }

    /// @notice Rotates the sponsor service's key. Governor.
    function setSponsorSigner(address newSigner) external onlyGovernor {
        if (newSigner == address(0)) revert PaymasterZeroSigner();
        emit SponsorSignerChanged(signer(), newSigner);
        _setSigner(newSigner);
    }

    /// @notice Stakes ETH at the EntryPoint (public bundlers want a staked paymaster). Governor.
    function addStake(uint32 unstakeDelaySec) external payable onlyGovernor {
        if (msg.value == 0) revert PaymasterZeroAmount();
        _addStake(msg.value, unstakeDelaySec);
        emit StakeChanged(msg.value, unstakeDelaySec, false);
    }

    /// @notice Starts the unstake delay. Governor.
    function unlockStake() external onlyGovernor {
        _unlockStake();
        emit StakeChanged(0, 0, true);
    }

    /// @notice Withdraws the unlocked stake. Governor.
    function withdrawStake(address payable to) external onlyGovernor {
        _withdrawStake(to);
        emit StakeChanged(0, 0, true);
    }

    /// @notice Whether `callData` from `sender` is inside the on-chain policy (the reason is the revert of {checkPolicy}).
    function isAllowed(address sender, bytes calldata callData) external view returns (bool) {
        try this.checkPolicy(sender, callData) {
            return true;
        } catch {
            return false;
        }
    }

    /// @notice Reverts with the rule an operation from `sender` with `callData` breaks; returns when allowed.
    function checkPolicy(address sender, bytes calldata callData) public view {
        if (!factory.isAccount(sender)) revert PaymasterNotCitizenAccount(sender);
        if (callData.length < 4 || bytes4(callData[0:4]) != ERC7821.execute.selector) {
            revert PaymasterInvalidCallData(sender);
        }
        (bytes32 mode, bytes memory executionData) = abi.decode(callData[4:], (bytes32, bytes));
        if (mode != BATCH_MODE) revert PaymasterInvalidCallData(sender);
        Execution[] memory calls = abi.decode(executionData, (Execution[]));
        if (calls.length == 0 || calls.length > MAX_CALLS) revert PaymasterInvalidCallData(sender);
        for (uint256 i = 0; i < calls.length; ++i) {
            Execution memory call = calls[i];
            bytes4 selector = _selector(call.callData);
            if (call.value != 0 || !_allowedCall(sender, call.target, selector)) {
                revert PaymasterCallNotAllowed(i, call.target, selector);
            }
        }
    }

    /// @dev The sponsor's signature (PaymasterSigner), then the on-chain policy.
    function _validatePaymasterUserOp(
        PackedUserOperation calldata userOp,
        bytes32 userOpHash,
        uint256 maxCost
    ) internal override returns (bytes memory context, uint256 validationData) {
        (context, validationData) = super._validatePaymasterUserOp(userOp, userOpHash, maxCost);
        checkPolicy(userOp.sender, userOp.callData);
    }

    function _allowedCall(address sender, address target, bytes4 selector) private view returns (bool) {
        if (target == serviceRequests) {
            return
                selector == IServiceRequests.submit.selector ||
                selector == IServiceRequests.respond.selector ||
                selector == IServiceRequests.cancel.selector ||
                selector == IServiceRequests.escalate.selector ||
                selector == IServiceRequests.rate.selector;
        }
        return
            target == sender &&
            (selector == CitizenAccount.addPasskey.selector || selector == CitizenAccount.removePasskey.selector);
    }

    function _selector(bytes memory data) private pure returns (bytes4 selector) {
        if (data.length < 4) return bytes4(0);
        assembly ("memory-safe") {
            selector := mload(add(data, 0x20))
        }
    }
}
