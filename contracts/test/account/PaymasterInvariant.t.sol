// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PackedUserOperation} from "@account-abstraction/contracts/interfaces/PackedUserOperation.sol";
import {Execution} from "@openzeppelin/contracts/interfaces/draft-IERC7579.sol";
import {LayananPaymaster} from "../../account/LayananPaymaster.sol";
import {IServiceRequests} from "../../interfaces/IServiceRequests.sol";
import {ICitizenAttestations} from "../../interfaces/ICitizenAttestations.sol";
import {AccountBase} from "./AccountBase.t.sol";

// The handler lives in the same file as the invariant test (see contracts/test/invariant/LayananInvariant.t.sol:
// the runner needs its artifact).

/// @title PaymasterHandler
/// @notice The invariant fuzzer's only target. Its actions send signed, sponsored user operations through
/// the real EntryPoint v0.8 (allowed citizen calls, calls outside the policy with a valid sponsor signature,
/// operations with a wrong passkey), top the deposit up, and withdraw as the governor or as someone else.
/// It keeps ghost totals of what may move the paymaster's deposit.
contract PaymasterHandler is AccountBase {
    uint256 public deposited;
    uint256 public withdrawn;
    /// @dev What the EntryPoint charged for operations of allowed calls.
    uint256 public spentOnAllowed;
    /// @dev The deposit moved during an operation outside the policy, or an operation of allowed calls failed to pay.
    uint256 public violations;
    uint256 public allowedOps;
    uint256 public refusedOps;
    uint256 internal refs;
    address internal bundler = address(0xB0D1E5);

    constructor() {
        setUp();
    }

    function _send(PackedUserOperation memory op) internal returns (bool ok) {
        try entryPoint.handleOps(_one(op), payable(bundler)) {
            ok = true;
        } catch {
            ok = false;
        }
    }

    /// @dev A citizen call: submit to the open service (fresh client reference), or cancel/escalate one.
    function sponsorAllowed(uint256 seed) external {
        bytes memory data;
        uint256 pick = seed % 3;
        if (pick == 0 || requests.requestCount() == 0) {
            data = abi.encodeCall(
                IServiceRequests.submit,
                (SERVICE_OPEN, bytes32(0), keccak256(abi.encode("ref", ++refs)), "Jalan rusak")
            );
        } else if (pick == 1) {
            data = abi.encodeCall(IServiceRequests.cancel, (1 + ((seed >> 8) % requests.requestCount())));
        } else {
            data = abi.encodeCall(IServiceRequests.escalate, (1 + ((seed >> 8) % requests.requestCount())));
        }
        PackedUserOperation memory op = _op(address(account), _execute(_calls(address(requests), data)));
        _sign(op, SPONSOR_KEY, PASSKEY_KEY, CREDENTIAL);
        uint256 before = paymaster.getDeposit();
        if (!_send(op) || paymaster.getDeposit() >= before) {
            ++violations; // a signed operation of allowed calls must go through and be paid for
            return;
        }
        spentOnAllowed += before - paymaster.getDeposit();
        ++allowedOps;
    }

    /// @dev A call outside the policy, signed by the passkey and the sponsor: refused, nothing paid.
    function sponsorOutsidePolicy(uint256 seed, address randomTarget, uint256 value) external {
        uint256 pick = seed % 6;
        Execution[] memory calls = _calls(address(requests), abi.encodeCall(IServiceRequests.cancel, (1)));
        if (pick == 0) {
            calls[0] = Execution(address(requests), 0, abi.encodeCall(IServiceRequests.updateStatus, (1, 2, 0, "")));
        } else if (pick == 1) {
            calls[0] = Execution(
                address(attestations),
                0,
                abi.encodeCall(ICitizenAttestations.attest, (address(account), RESIDENT, 0, 3, 0))
            );
        } else if (pick == 2) {
            calls[0].value = bound(value, 1, 1 ether);
        } else if (pick == 3) {
            vm.assume(randomTarget != address(requests) && randomTarget != address(account));
            calls[0].target = randomTarget;
        } else if (pick == 4) {
            calls = new Execution[](5);
            for (uint256 i = 0; i < 5; ++i)
                calls[i] = Execution(address(requests), 0, abi.encodeCall(IServiceRequests.cancel, (1)));
        } else {
            calls = new Execution[](0);
        }
        PackedUserOperation memory op = _op(address(account), _execute(calls));
        _sign(op, SPONSOR_KEY, PASSKEY_KEY, CREDENTIAL);
        uint256 before = paymaster.getDeposit();
        if (_send(op) || paymaster.getDeposit() != before) ++violations;
        ++refusedOps;
    }

    /// @dev An allowed call signed by another passkey, or sponsored by another key: refused, nothing paid.
    function wrongSigner(uint256 key, bool wrongSponsor) external {
        key = bound(key, 1, P256_N - 1);
        PackedUserOperation memory op = _op(
            address(account),
            _execute(_calls(address(requests), abi.encodeCall(IServiceRequests.cancel, (1))))
        );
        if (wrongSponsor) _sign(op, SPONSOR_KEY + 1 + (key % 1000), PASSKEY_KEY, CREDENTIAL);
        else {
            vm.assume(key != PASSKEY_KEY);
            _sign(op, SPONSOR_KEY, key, CREDENTIAL);
        }
        uint256 before = paymaster.getDeposit();
        if (_send(op) || paymaster.getDeposit() != before) ++violations;
        ++refusedOps;
    }

    function topUp(uint256 amount) external {
        amount = bound(amount, 1, 1 ether);
        vmAccounts.deal(address(this), address(this).balance + amount);
        paymaster.deposit{value: amount}();
        deposited += amount;
    }

    function withdraw(uint256 amount, bool asGovernor) external {
        amount = bound(amount, 1, paymaster.getDeposit() / 4 + 1);
        vm.prank(asGovernor ? governor : stranger);
        try paymaster.withdraw(payable(stranger), amount) {
            if (!asGovernor) ++violations;
            withdrawn += amount;
        } catch {
            if (asGovernor) ++violations;
        }
    }

    function paymasterOf() external view returns (LayananPaymaster) {
        return paymaster;
    }

    receive() external payable {}
}

/// @title PaymasterInvariantTest
/// @notice The paymaster's deposit moves only by top-ups, the governor's withdrawals and what the EntryPoint
/// charged for operations of allowed calls; every operation outside the policy or wrongly signed was refused.
/// hardhat-config: invariant.runs = 16
/// hardhat-config: invariant.depth = 24
contract PaymasterInvariantTest {
    /// @dev The shape forge-std's StdInvariant uses; the runner reads it from {targetSelectors}.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    PaymasterHandler internal handler;

    error Violation(string message, uint256 left, uint256 right);

    function setUp() public {
        handler = new PaymasterHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @dev Only the handler's actions (not the setUp and helpers it inherits).
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = PaymasterHandler.sponsorAllowed.selector;
        selectors[1] = PaymasterHandler.sponsorAllowed.selector; // twice: most operations are the citizens'
        selectors[2] = PaymasterHandler.sponsorOutsidePolicy.selector;
        selectors[3] = PaymasterHandler.wrongSigner.selector;
        selectors[4] = PaymasterHandler.topUp.selector;
        selectors[5] = PaymasterHandler.withdraw.selector;
        selectors[6] = PaymasterHandler.sponsorOutsidePolicy.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: selectors});
    }

    function invariant_depositOnlyMovesThroughAllowedOperations() public view {
        LayananPaymaster paymaster = handler.paymasterOf();
        uint256 expected = 10 ether + handler.deposited() - handler.withdrawn() - handler.spentOnAllowed();
        if (paymaster.getDeposit() != expected) revert Violation("deposit", paymaster.getDeposit(), expected);
        if (handler.violations() != 0) revert Violation("violations", handler.violations(), 0);
    }
}
