// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IServiceRequests} from "../interfaces/IServiceRequests.sol";
import {LayananBase} from "./Base.t.sol";

/// @title ServiceRequestsFuzzTest
/// @notice Fuzz tests of ServiceRequests: public text length, client references, claim-gated services,
/// DESIGN.md's status table, due dates and escalation, ratings, duplicates, and the per-agency figures.
contract ServiceRequestsFuzzTest is LayananBase {
    uint256 internal _refs;

    function _ref() internal returns (bytes32) {
        return keccak256(abi.encode("ref", ++_refs));
    }

    /// @dev A request of alice to the open service (agency B) brought to `target` (1..7) at time START.
    /// `alt` picks another path where there is one: InProgress and Completed through NeedsInfo and a
    /// response, Rejected from NeedsInfo (else from Submitted), Cancelled from NeedsInfo (else Submitted).
    function _reach(uint8 target, bool alt) internal returns (uint256 id) {
        if (target == DUPLICATE) {
            uint256 original = _submitOpen(bob, _ref());
            id = _submitOpen(alice, _ref());
            vm.prank(officerB2);
            requests.markDuplicate(id, original);
            return id;
        }
        id = _submitOpen(alice, _ref());
        if (target == SUBMITTED) return id;
        if (!alt && (target == CANCELLED || target == REJECTED)) {
            if (target == CANCELLED) {
                vm.prank(alice);
                requests.cancel(id);
            } else {
                _moveOpen(id, REJECTED);
            }
            return id;
        }
        _moveOpen(id, IN_PROGRESS);
        if (target == IN_PROGRESS && !alt) return id;
        _moveOpen(id, NEEDS_INFO);
        if (target == NEEDS_INFO) return id;
        if (target == CANCELLED) {
            vm.prank(alice);
            requests.cancel(id);
            return id;
        }
        if (target == REJECTED) {
            _moveOpen(id, REJECTED);
            return id;
        }
        vm.prank(alice);
        requests.respond(id, keccak256("more"), "Foto terlampir");
        if (target == COMPLETED) _moveOpen(id, COMPLETED);
    }

    function _assertStatsEq(
        IServiceRequests.AgencyStats memory a,
        IServiceRequests.AgencyStats memory b,
        string memory what
    ) internal pure {
        assertEq(keccak256(abi.encode(a)), keccak256(abi.encode(b)), what);
    }

    // ---------------------------------------------------------------------------------------------
    // submit
    // ---------------------------------------------------------------------------------------------

    /// @notice A summary is accepted iff it is at most 280 bytes (0 = anonymous report).
    function testFuzz_submit_acceptsSummaryUpTo280Bytes(uint256 length, bytes32 clientRef) public {
        vm.assume(clientRef != bytes32(0));
        length = bound(length, 0, 600);
        string memory summary = _text(length);
        vm.prank(alice);
        if (length > 280) {
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestTextTooLong.selector, length, 280));
        }
        uint256 id = requests.submit(SERVICE_OPEN, keccak256("details"), clientRef, summary);
        if (length > 280) {
            assertEq(requests.requestCount(), 0, "nothing filed");
            assertEq(_stats(AGENCY_B).submitted, 0, "nothing counted");
            return;
        }
        IServiceRequests.Request memory r = requests.getRequest(id);
        assertEq(id, 1, "ids start at 1");
        assertEq(r.citizen, alice, "citizen");
        assertEq(r.serviceId, SERVICE_OPEN, "service");
        assertEq(uint8(r.status), SUBMITTED, "status");
        assertEq(r.submittedAt, START, "submittedAt");
        assertEq(r.dueAt, START + SLA_OPEN, "dueAt = submittedAt + sla");
        assertEq(_stats(AGENCY_B).submitted, 1, "submitted");
        assertEq(_stats(AGENCY_B).open, 1, "open");
    }

    /// @notice The same with an arbitrary fuzzed string.
    function testFuzz_submit_acceptsAnyShortSummary(string calldata summary) public {
        vm.prank(bob);
        if (bytes(summary).length > 280) {
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestTextTooLong.selector, bytes(summary).length, 280)
            );
        }
        requests.submit(SERVICE_OPEN, bytes32(0), bytes32("ref-1"), summary);
    }

    /// @notice A client reference works once per sender, whatever else differs (a retried or double-clicked
    /// submission); another sender may use the same reference; a zero reference is refused.
    function testFuzz_submit_clientRefReuseReverts(
        address citizen,
        bytes32 clientRef,
        bytes32 contentHash2,
        uint256 summaryLength2,
        bool secondToGatedService
    ) public {
        vm.assume(citizen != address(0) && citizen != bob && clientRef != bytes32(0));
        vm.assume(directory.agencyIdOf(citizen) == 0); // agency members cannot file (issue 10)
        _attestResident(citizen, 3);
        vm.prank(citizen);
        uint256 first = requests.submit(SERVICE_OPEN, keccak256("details"), clientRef, "Lampu jalan mati");
        IServiceRequests.AgencyStats memory statsA = _stats(AGENCY_A);
        IServiceRequests.AgencyStats memory statsB = _stats(AGENCY_B);

        vm.prank(citizen);
        vm.expectRevert(
            abi.encodeWithSelector(IServiceRequests.RequestDuplicateSubmission.selector, citizen, clientRef, first)
        );
        requests.submit(
            secondToGatedService ? SERVICE_GATED : SERVICE_OPEN,
            contentHash2,
            clientRef,
            _text(bound(summaryLength2, 0, 280))
        );
        assertEq(requests.requestCount(), 1, "no second request");
        assertEq(requests.requestIdByClientRef(citizen, clientRef), first, "the reference names the first");
        _assertStatsEq(_stats(AGENCY_A), statsA, "agency A figures unchanged");
        _assertStatsEq(_stats(AGENCY_B), statsB, "agency B figures unchanged");

        // Even after the first request is final.
        _moveOpen(first, REJECTED);
        vm.prank(citizen);
        vm.expectRevert(
            abi.encodeWithSelector(IServiceRequests.RequestDuplicateSubmission.selector, citizen, clientRef, first)
        );
        requests.submit(SERVICE_OPEN, contentHash2, clientRef, "");

        vm.prank(bob);
        uint256 other = requests.submit(SERVICE_OPEN, contentHash2, clientRef, "");
        assertEq(other, 2, "another sender may use the same reference");

        vm.prank(citizen);
        vm.expectRevert(IServiceRequests.RequestZeroClientRef.selector);
        requests.submit(SERVICE_OPEN, contentHash2, bytes32(0), "");
    }

    /// @notice A claim-gated service (RESIDENT at level 2) accepts a sender iff their current RESIDENT
    /// attestation is valid at level 2 or more at submission time.
    function testFuzz_submit_gatedServiceNeedsValidClaim(
        uint8 level,
        uint64 expiresAt,
        uint256 warpTo,
        bool attest,
        bool revoke
    ) public {
        level = uint8(bound(level, 1, 3));
        if (expiresAt != 0) expiresAt = uint64(bound(expiresAt, START + 1, START + 800 days));
        if (attest) {
            vm.prank(officerA);
            bytes32 uid = attestations.attest(carol, RESIDENT, keccak256("carol"), level, expiresAt);
            if (revoke) {
                vm.prank(officerA2);
                attestations.revoke(uid, bytes32("DATA_CHANGED"));
            }
        }
        uint256 t = bound(warpTo, START, START + 1000 days);
        vm.warp(t);
        bool ok = attest && !revoke && level >= GATED_MIN_LEVEL && (expiresAt == 0 || t < expiresAt);
        assertEq(attestations.hasValidClaim(carol, RESIDENT, GATED_MIN_LEVEL), ok, "hasValidClaim");
        vm.prank(carol);
        if (!ok) {
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestClaimRequired.selector, carol, RESIDENT, GATED_MIN_LEVEL)
            );
        }
        requests.submit(SERVICE_GATED, keccak256("ktp"), bytes32("ref"), "");
        assertEq(_stats(AGENCY_A).submitted, ok ? 1 : 0, "submitted");
    }

    /// @notice Nobody can file with a closed service or a suspended agency.
    function testFuzz_submit_revertsWhenServiceOrAgencyInactive(address citizen, bool closeService) public {
        vm.assume(citizen != address(0));
        if (closeService) {
            vm.prank(adminB);
            requests.setServiceActive(SERVICE_OPEN, false);
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.ServiceInactive.selector, SERVICE_OPEN));
        } else {
            vm.prank(governor);
            directory.setAgencyActive(AGENCY_B, false);
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestAgencyInactive.selector, AGENCY_B));
        }
        vm.prank(citizen);
        requests.submit(SERVICE_OPEN, bytes32(0), bytes32("r"), "");
    }

    // ---------------------------------------------------------------------------------------------
    // updateStatus: DESIGN.md's table
    // ---------------------------------------------------------------------------------------------

    /// @notice From any status reachable on chain, updateStatus(newStatus) succeeds iff (from, newStatus) is
    /// in DESIGN.md's table (Submitted->InProgress|Rejected; InProgress->NeedsInfo|Completed|Rejected;
    /// NeedsInfo->InProgress|Rejected), and the agency's figures move accordingly.
    function testFuzz_updateStatus_followsTransitionTable(
        uint8 fromSeed,
        bool altPath,
        uint8 newStatus,
        bytes32 noteHash,
        uint256 noteLength,
        uint256 warpBy
    ) public {
        uint8 from = uint8(bound(fromSeed, SUBMITTED, DUPLICATE));
        uint256 id = _reach(from, altPath);
        assertEq(_status(id), from, "reached the start status");
        vm.warp(START + bound(warpBy, 0, 30 days));
        uint64 t = _now();
        IServiceRequests.AgencyStats memory before = _stats(AGENCY_B);

        noteLength = bound(noteLength, 0, 280);
        // A rejection needs a reason (issue 10): an allowed Rejected with an empty note is refused.
        bool reasonMissing = newStatus == REJECTED && noteLength == 0;
        bool ok = _allowedTransition(from, newStatus) && !reasonMissing;
        vm.prank(officerB);
        if (!_allowedTransition(from, newStatus)) {
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestInvalidTransition.selector, id, from, newStatus)
            );
        } else if (reasonMissing) {
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestReasonRequired.selector, id));
        }
        requests.updateStatus(id, newStatus, noteHash, _text(noteLength));

        IServiceRequests.AgencyStats memory s = _stats(AGENCY_B);
        assertEq(_status(id), ok ? newStatus : from, "status");
        _assertStatsBalance(AGENCY_B);
        assertEq(s.submitted, before.submitted, "submitted unchanged");
        assertEq(s.completed, before.completed + (ok && newStatus == COMPLETED ? 1 : 0), "completed");
        assertEq(s.rejected, before.rejected + (ok && newStatus == REJECTED ? 1 : 0), "rejected");
        assertEq(s.open, before.open - (ok && _isFinal(newStatus) ? 1 : 0), "open");
        if (ok && newStatus == COMPLETED) {
            assertEq(s.totalResolutionSeconds, before.totalResolutionSeconds + (t - START), "resolution time");
            assertEq(s.completedOnTime, before.completedOnTime + (t - START <= SLA_OPEN ? 1 : 0), "on time");
        } else {
            assertEq(s.totalResolutionSeconds, before.totalResolutionSeconds, "resolution time unchanged");
            assertEq(s.completedOnTime, before.completedOnTime, "on time unchanged");
        }
    }

    /// @notice Only an officer (or the admin) of the service's active agency moves a request.
    function testFuzz_updateStatus_onlyOfficersOfTheAgency(address caller, uint8 newStatus) public {
        vm.assume(directory.activeAgencyOf(caller) != AGENCY_B);
        uint256 id = _submitOpen(alice, _ref());
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestNotOfficer.selector, caller, AGENCY_B));
        requests.updateStatus(id, newStatus, bytes32(0), "");
        // Nor while the agency is suspended.
        vm.prank(governor);
        directory.setAgencyActive(AGENCY_B, false);
        vm.prank(officerB);
        vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestNotOfficer.selector, officerB, AGENCY_B));
        requests.updateStatus(id, IN_PROGRESS, bytes32(0), "");
    }

    /// @notice An officer note is accepted iff it is at most 280 bytes.
    function testFuzz_updateStatus_noteUpTo280Bytes(uint256 length) public {
        length = bound(length, 0, 600);
        uint256 id = _submitOpen(alice, _ref());
        vm.prank(adminB);
        if (length > 280) {
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestTextTooLong.selector, length, 280));
        }
        requests.updateStatus(id, IN_PROGRESS, bytes32(0), _text(length));
    }

    /// @notice completedOnTime counts a completion iff it happens no later than dueAt; the resolution time
    /// is summed.
    function testFuzz_updateStatus_countsCompletedOnTime(uint256 resolution) public {
        resolution = bound(resolution, 0, 3 * uint256(SLA_OPEN));
        uint256 id = _reach(IN_PROGRESS, false);
        vm.warp(START + resolution);
        _moveOpen(id, COMPLETED);
        IServiceRequests.AgencyStats memory s = _stats(AGENCY_B);
        assertEq(s.completed, 1, "completed");
        assertEq(s.completedOnTime, resolution <= SLA_OPEN ? 1 : 0, "completedOnTime");
        assertEq(s.totalResolutionSeconds, resolution, "totalResolutionSeconds");
    }

    // ---------------------------------------------------------------------------------------------
    // Citizen actions
    // ---------------------------------------------------------------------------------------------

    /// @notice The citizen cancels from Submitted or NeedsInfo only, and only their own request.
    function testFuzz_cancel_onlyFromSubmittedOrNeedsInfo(uint8 fromSeed, bool altPath, address other) public {
        vm.assume(other != alice);
        uint8 from = uint8(bound(fromSeed, SUBMITTED, DUPLICATE));
        uint256 id = _reach(from, altPath);
        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestNotCitizen.selector, other, id));
        requests.cancel(id);

        bool ok = from == SUBMITTED || from == NEEDS_INFO;
        vm.prank(alice);
        if (!ok) {
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestInvalidTransition.selector, id, from, CANCELLED)
            );
        }
        requests.cancel(id);
        assertEq(_status(id), ok ? CANCELLED : from, "status");
        _assertStatsBalance(AGENCY_B);
    }

    /// @notice The citizen responds from NeedsInfo only (back to InProgress).
    function testFuzz_respond_onlyFromNeedsInfo(uint8 fromSeed, bool altPath, bytes32 contentHash) public {
        uint8 from = uint8(bound(fromSeed, SUBMITTED, DUPLICATE));
        uint256 id = _reach(from, altPath);
        vm.prank(alice);
        if (from != NEEDS_INFO) {
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestInvalidTransition.selector, id, from, IN_PROGRESS)
            );
        }
        requests.respond(id, contentHash, "");
        assertEq(_status(id), from == NEEDS_INFO ? IN_PROGRESS : from, "status");
    }

    /// @notice Escalation succeeds iff the request is open and block.timestamp > dueAt; once; by its citizen.
    function testFuzz_escalate_onlyAfterDueAt(uint8 openSeed, uint256 warpTo, address other) public {
        vm.assume(other != alice);
        uint8 from = uint8(bound(openSeed, SUBMITTED, NEEDS_INFO));
        uint256 id = _reach(from, false);
        uint64 dueAt = requests.getRequest(id).dueAt;
        assertEq(dueAt, START + SLA_OPEN, "dueAt");
        uint256 t = bound(warpTo, START, START + 3 * uint256(SLA_OPEN));
        vm.warp(t);
        bool overdue = t > dueAt;
        assertEq(requests.isOverdue(id), overdue, "isOverdue");

        vm.prank(other);
        vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestNotCitizen.selector, other, id));
        requests.escalate(id);

        vm.prank(alice);
        if (!overdue) vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestNotOverdue.selector, id, dueAt));
        requests.escalate(id);
        assertEq(requests.getRequest(id).escalated, overdue, "escalated");
        assertEq(_stats(AGENCY_B).escalated, overdue ? 1 : 0, "stats.escalated");

        if (overdue) {
            vm.prank(alice);
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestAlreadyEscalated.selector, id));
            requests.escalate(id);
        } else {
            // Exactly at dueAt it is not overdue yet; one second later it is.
            vm.warp(dueAt);
            assertFalse(requests.isOverdue(id), "not overdue at dueAt");
            vm.prank(alice);
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestNotOverdue.selector, id, dueAt));
            requests.escalate(id);
            vm.warp(uint256(dueAt) + 1);
            assertTrue(requests.isOverdue(id), "overdue after dueAt");
            vm.prank(alice);
            requests.escalate(id);
            assertEq(_stats(AGENCY_B).escalated, 1, "stats.escalated");
        }
    }

    /// @notice A final request cannot be escalated, however late.
    function testFuzz_escalate_revertsWhenFinal(uint8 finalSeed, bool altPath, uint256 warpBy) public {
        uint8 from = uint8(bound(finalSeed, COMPLETED, DUPLICATE));
        uint256 id = _reach(from, altPath);
        vm.warp(START + bound(warpBy, 0, 1000 days));
        assertFalse(requests.isOverdue(id), "a final request is never overdue");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IServiceRequests.RequestNotOpen.selector, id, IServiceRequests.Status(from))
        );
        requests.escalate(id);
    }

    /// @notice rate accepts scores 1..4 only, after Completed, Rejected or Duplicate (issue 10: a request
    /// closed as a duplicate may now be rated too), once; the figures add up.
    function testFuzz_rate_acceptsScoreOneToFour(uint8 score, uint8 closedSeed, bytes32 commentHash) public {
        uint8[3] memory rateable = [COMPLETED, REJECTED, DUPLICATE];
        uint256 id = _reach(rateable[closedSeed % 3], false);
        bool ok = score >= 1 && score <= 4;
        vm.prank(alice);
        if (!ok) vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestInvalidScore.selector, score));
        requests.rate(id, score, commentHash);

        IServiceRequests.AgencyStats memory s = _stats(AGENCY_B);
        assertEq(requests.getRequest(id).rating, ok ? score : 0, "rating");
        assertEq(s.ratingSum, ok ? score : 0, "ratingSum");
        assertEq(s.ratingCount, ok ? 1 : 0, "ratingCount");

        if (ok) {
            vm.prank(alice);
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestAlreadyRated.selector, id));
            requests.rate(id, 4, commentHash);
        } else {
            vm.prank(alice);
            requests.rate(id, 4, commentHash);
            assertEq(_stats(AGENCY_B).ratingSum, 4, "a valid score after a refused one");
        }
    }

    /// @notice A request that is open or cancelled cannot be rated. (Changed by design, issue 10: a
    /// duplicate can be rated now, see testFuzz_rate_acceptsScoreOneToFour.)
    function testFuzz_rate_revertsUnlessCompletedOrRejected(uint8 statusSeed, bool altPath, uint8 score) public {
        uint8[4] memory notRateable = [SUBMITTED, IN_PROGRESS, NEEDS_INFO, CANCELLED];
        uint8 from = notRateable[statusSeed % 4];
        uint256 id = _reach(from, altPath);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IServiceRequests.RequestNotRateable.selector, id, IServiceRequests.Status(from))
        );
        requests.rate(id, score, bytes32(0));
    }

    // ---------------------------------------------------------------------------------------------
    // markDuplicate
    // ---------------------------------------------------------------------------------------------

    /// @notice An open request can be closed as a duplicate of an earlier request of the same agency that is
    /// open or Completed, and of nothing else. Changed by design (issue 10): a rejected or cancelled
    /// original was accepted before and is refused now (as a duplicate one always was); a completed one is
    /// still accepted.
    function testFuzz_markDuplicate_needsEarlierSameAgencyOriginal(uint256 originalId, uint8 closeOriginal) public {
        _attestResident(bob, 2);
        uint256 r1 = _submitOpen(alice, _ref()); // agency B
        vm.prank(bob);
        requests.submit(SERVICE_GATED, bytes32(0), _ref(), ""); // 2: agency A
        uint256 r3 = _submitOpen(carol, _ref()); // agency B
        uint256 r4 = _submitOpen(bob, _ref()); // agency B, a duplicate of r1
        vm.prank(officerB);
        requests.markDuplicate(r4, r1);
        // r1 stays open (0), is completed (1), rejected (2) or cancelled by alice (3).
        closeOriginal %= 4;
        if (closeOriginal == 1) {
            _moveOpen(r1, IN_PROGRESS);
            _moveOpen(r1, COMPLETED);
        } else if (closeOriginal == 2) {
            _moveOpen(r1, REJECTED);
        } else if (closeOriginal == 3) {
            vm.prank(alice);
            requests.cancel(r1);
        }
        uint256 r5 = _submitOpen(alice, _ref());

        // Bias the fuzzed original towards the interesting ids.
        if (originalId > 8) originalId = originalId % 9;
        bool ok = (originalId == r1 && closeOriginal <= 1) || originalId == r3;
        vm.prank(officerB2);
        if (!ok) {
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestInvalidOriginal.selector, r5, originalId));
        }
        requests.markDuplicate(r5, originalId);
        assertEq(_status(r5), ok ? DUPLICATE : SUBMITTED, "status");
        assertEq(requests.duplicateOf(r5), ok ? originalId : 0, "duplicateOf");
        assertEq(_stats(AGENCY_B).duplicates, ok ? 2 : 1, "duplicates");
        _assertStatsBalance(AGENCY_A);
        _assertStatsBalance(AGENCY_B);

        // A final request cannot be marked.
        if (ok) {
            vm.prank(officerB2);
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestNotOpen.selector, r5, IServiceRequests.Status.Duplicate)
            );
            requests.markDuplicate(r5, r3);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Agencies cannot grade themselves (issue 10)
    // ---------------------------------------------------------------------------------------------

    /// @notice A member of an agency (its admin or an officer) can never submit to it, respond to or rate one
    /// of its requests (RequestByAgencyMember), even a request they filed before joining; for respond and
    /// rate also while the agency is suspended (a submission to a suspended agency fails earlier). Members
    /// of another agency file as anyone does, and so does a former member.
    function testFuzz_agencyMember_cannotSubmitRespondOrRate(
        address account,
        bool asAdmin,
        uint8 closeSeed,
        uint8 score,
        bool suspended
    ) public {
        vm.assume(account != address(0) && directory.agencyIdOf(account) == 0);
        vm.assume(account != alice && account != bob && account != stranger);
        score = uint8(bound(score, 1, 4));
        address[3] memory membersB = [adminB, officerB, officerB2];
        for (uint256 i = 0; i < membersB.length; ++i) {
            vm.prank(membersB[i]);
            vm.expectRevert(
                abi.encodeWithSelector(IServiceRequests.RequestByAgencyMember.selector, membersB[i], AGENCY_B)
            );
            requests.submit(SERVICE_OPEN, bytes32(0), _ref(), "");
        }
        _submitOpen(officerA, _ref()); // a member of agency A files with agency B

        // `account` files two requests as a citizen: one waits for its answer, one is closed.
        uint256 waiting = _submitOpen(account, _ref());
        _moveOpen(waiting, IN_PROGRESS);
        _moveOpen(waiting, NEEDS_INFO);
        uint256 closed = _submitOpen(account, _ref());
        uint8 finalStatus = [COMPLETED, REJECTED, DUPLICATE][closeSeed % 3];
        if (finalStatus == COMPLETED) _moveOpen(closed, IN_PROGRESS);
        if (finalStatus == DUPLICATE) {
            vm.prank(officerB);
            requests.markDuplicate(closed, waiting);
        } else {
            _moveOpen(closed, finalStatus);
        }

        // ... then joins agency B.
        if (asAdmin) {
            vm.prank(governor);
            directory.setAgencyAdmin(AGENCY_B, account);
        } else {
            vm.prank(adminB);
            directory.addOfficer(AGENCY_B, account);
        }
        if (suspended) {
            vm.prank(governor);
            directory.setAgencyActive(AGENCY_B, false);
        }
        IServiceRequests.AgencyStats memory before = _stats(AGENCY_B);
        bytes memory byMember = abi.encodeWithSelector(
            IServiceRequests.RequestByAgencyMember.selector,
            account,
            AGENCY_B
        );
        vm.prank(account);
        if (suspended)
            vm.expectRevert(abi.encodeWithSelector(IServiceRequests.RequestAgencyInactive.selector, AGENCY_B));
        else vm.expectRevert(byMember);
        requests.submit(SERVICE_OPEN, bytes32(0), _ref(), "");
        vm.prank(account);
        vm.expectRevert(byMember);
        requests.respond(waiting, bytes32(0), "Terlampir");
        vm.prank(account);
        vm.expectRevert(byMember);
        requests.rate(closed, score, bytes32(0));
        _assertStatsEq(_stats(AGENCY_B), before, "figures unchanged");
        assertEq(_status(waiting), NEEDS_INFO, "still waiting");
        assertEq(requests.getRequest(closed).rating, 0, "not rated");

        // A former member is a citizen again.
        vm.startPrank(governor);
        if (suspended) directory.setAgencyActive(AGENCY_B, true);
        if (asAdmin) directory.setAgencyAdmin(AGENCY_B, stranger);
        else directory.removeOfficer(account);
        vm.stopPrank();
        vm.startPrank(account);
        requests.respond(waiting, bytes32(0), "Terlampir");
        requests.rate(closed, score, bytes32(0));
        requests.submit(SERVICE_OPEN, bytes32(0), _ref(), "");
        vm.stopPrank();
        assertEq(_stats(AGENCY_B).ratingSum, before.ratingSum + score, "rated once a citizen again");
        _assertStatsBalance(AGENCY_B);
    }
}
