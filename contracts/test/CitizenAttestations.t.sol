// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICitizenAttestations} from "../interfaces/ICitizenAttestations.sol";
import {LayananBase} from "./Base.t.sol";

/// @title CitizenAttestationsFuzzTest
/// @notice Fuzz tests of CitizenAttestations: validity as a function of level, expiry and time; revocation;
/// supersession; agency suspension; EIP-712 attestations; who may attest and revoke.
contract CitizenAttestationsFuzzTest is LayananBase {
    uint64 internal constant MAX_EXPIRY = type(uint40).max;
    uint256 internal constant MAX_SIGNATURE_LIFETIME = 7 days;

    /// @dev The EIP-712 type as the interface documents it, written out independently of the contract.
    bytes32 internal constant ATTEST_TYPEHASH = keccak256(
        "Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,uint32 agencyId,"
        "address officer,uint256 nonce,uint256 deadline)"
    );

    /// @dev A valid level 1..3 and a valid expiry (0 = never, else in the future and representable).
    function _shape(uint8 level, uint64 expiresAt) internal pure returns (uint8, uint64) {
        level = uint8(bound(level, 1, 3));
        if (expiresAt != 0) expiresAt = uint64(bound(expiresAt, START + 1, MAX_EXPIRY - 1));
        return (level, expiresAt);
    }

    function _attest(
        address officer,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) internal returns (bytes32 uid) {
        vm.prank(officer);
        uid = attestations.attest(subject, claimType, dataHash, level, expiresAt);
    }

    /// @dev The EIP-712 digest an officer signs, for the agency the officer serves right now.
    function _digest(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        address officer,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        return
            _digestFor(
                subject,
                claimType,
                dataHash,
                level,
                expiresAt,
                directory.activeAgencyOf(officer),
                officer,
                nonce,
                deadline
            );
    }

    /// @dev The EIP-712 digest of an Attest naming agency `agencyId`.
    function _digestFor(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        uint32 agencyId,
        address officer,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Layanan CitizenAttestations"),
                keccak256("1"),
                block.chainid,
                address(attestations)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                ATTEST_TYPEHASH,
                subject,
                claimType,
                dataHash,
                level,
                expiresAt,
                agencyId,
                officer,
                nonce,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    // ---------------------------------------------------------------------------------------------
    // Level, expiry and time
    // ---------------------------------------------------------------------------------------------

    /// @notice hasValidClaim == (level >= minLevel && not expired), at any time after issue; isValid ==
    /// not expired; expiry is exclusive (invalid from `expiresAt` on).
    function testFuzz_hasValidClaim_matchesLevelAndExpiry(
        address subject,
        bytes32 dataHash,
        uint8 level,
        uint8 minLevel,
        uint64 expiresAt,
        uint256 warpTo
    ) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0));
        (level, expiresAt) = _shape(level, expiresAt);
        minLevel = uint8(bound(minLevel, 0, 4));

        bytes32 uid = _attest(officerA, subject, RESIDENT, dataHash, level, expiresAt);
        assertEq(attestations.currentAttestation(subject, RESIDENT), uid, "current");
        ICitizenAttestations.Attestation memory a = attestations.getAttestation(uid);
        assertEq(a.subject, subject, "subject");
        assertEq(a.claimType, RESIDENT, "claimType");
        assertEq(a.dataHash, dataHash, "dataHash");
        assertEq(a.agencyId, AGENCY_A, "agencyId");
        assertEq(a.level, level, "level");
        assertEq(a.issuedAt, START, "issuedAt");
        assertEq(a.expiresAt, expiresAt, "expiresAt");
        assertEq(a.revokedAt, 0, "revokedAt");

        uint256 horizon = expiresAt == 0 ? uint256(START) + 100 * 365 days : uint256(expiresAt) + 30 days;
        uint256 t = bound(warpTo, START, horizon);
        vm.warp(t);
        bool live = expiresAt == 0 || t < expiresAt;
        assertEq(attestations.isValid(uid), live, "isValid == not expired");
        assertEq(attestations.hasValidClaim(subject, RESIDENT, minLevel), live && level >= minLevel, "hasValidClaim");
        assertFalse(attestations.hasValidClaim(subject, KTP_VERIFIED, 0), "no claim of another type");

        if (expiresAt != 0) {
            vm.warp(expiresAt - 1);
            assertEq(attestations.hasValidClaim(subject, RESIDENT, minLevel), level >= minLevel, "before expiry");
            vm.warp(expiresAt);
            assertFalse(attestations.hasValidClaim(subject, RESIDENT, 0), "at expiry");
            assertFalse(attestations.isValid(uid), "at expiry");
        }
    }

    /// @notice attest accepts exactly levels 1..3 and expiries 0 or (now, 2^40 - 1].
    function testFuzz_attest_validatesLevelAndExpiry(uint8 level, uint64 expiresAt, bytes32 dataHash) public {
        vm.assume(dataHash != bytes32(0));
        vm.prank(officerA);
        if (level == 0 || level > 3) {
            vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidLevel.selector, level));
        } else if (expiresAt != 0 && (expiresAt <= START || expiresAt > MAX_EXPIRY)) {
            vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidExpiry.selector, expiresAt));
        }
        attestations.attest(alice, KTP_VERIFIED, dataHash, level, expiresAt);
    }

    // ---------------------------------------------------------------------------------------------
    // Revocation
    // ---------------------------------------------------------------------------------------------

    /// @notice After a revocation (by any officer or the admin of the issuing agency, or the governor) the
    /// attestation is invalid at every level and time, the current uid still names it, and it cannot be
    /// revoked twice. Other agencies' officers and citizens cannot revoke.
    function testFuzz_revoke_makesAttestationInvalid(
        address subject,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        bytes32 reason,
        uint8 revokerSeed,
        uint256 warpBy
    ) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0));
        (level, expiresAt) = _shape(level, expiresAt);
        bytes32 uid = _attest(officerA, subject, RESIDENT, dataHash, level, expiresAt);

        vm.warp(START + bound(warpBy, 0, 400 days));
        uint64 revokeTime = _now();

        // Another agency's officer and admin, a stranger, and the subject (unless they happen to be an
        // officer of agency A or the governor) may not revoke.
        bool subjectMayRevoke = directory.activeAgencyOf(subject) == AGENCY_A || directory.isGovernor(subject);
        address[4] memory outsiders = [officerB, adminB, stranger, subjectMayRevoke ? stranger : subject];
        for (uint256 i = 0; i < outsiders.length; ++i) {
            vm.prank(outsiders[i]);
            vm.expectRevert(
                abi.encodeWithSelector(ICitizenAttestations.AttestationsUnauthorizedRevoker.selector, outsiders[i], uid)
            );
            attestations.revoke(uid, reason);
        }

        address[4] memory revokers = [officerA, officerA2, adminA, governor];
        address revoker = revokers[revokerSeed % 4];
        vm.prank(revoker);
        attestations.revoke(uid, reason);

        assertFalse(attestations.isValid(uid), "revoked is invalid");
        assertFalse(attestations.hasValidClaim(subject, RESIDENT, 0), "no valid claim after revoke");
        assertEq(attestations.currentAttestation(subject, RESIDENT), uid, "current still names it");
        assertEq(attestations.getAttestation(uid).revokedAt, revokeTime, "revokedAt");

        vm.prank(revokers[(uint256(revokerSeed) + 1) % 4]);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsAlreadyRevoked.selector, uid));
        attestations.revoke(uid, reason);

        // A new attestation supersedes the revoked one (even with the same data) and is valid.
        bytes32 uid2 = _attest(officerA2, subject, RESIDENT, dataHash, level, 0);
        assertTrue(uid2 != uid, "new uid");
        assertTrue(attestations.isValid(uid2), "new attestation valid");
        assertFalse(attestations.isValid(uid), "old one still invalid");
    }

    /// @notice revoke of an unknown uid reverts.
    function testFuzz_revoke_unknownReverts(bytes32 uid) public {
        vm.prank(governor);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsUnknownAttestation.selector, uid));
        attestations.revoke(uid, bytes32(0));
        assertFalse(attestations.isValid(uid), "unknown is invalid");
    }

    // ---------------------------------------------------------------------------------------------
    // Supersession
    // ---------------------------------------------------------------------------------------------

    /// @notice A second attestation of the same (subject, claim type) by the same agency supersedes the
    /// first: the old uid becomes invalid for good, the new one is current. An identical repeat (same agency,
    /// data, level and expiry, not revoked) is refused as a double submission.
    /// Changed by design (issue 10): a second agency's attestation no longer supersedes the first agency's
    /// one; each agency keeps its own current attestation, both stay valid, and currentAttestation names the
    /// valid one of highest level (the later among equals).
    function testFuzz_attest_supersedesCurrent(
        address subject,
        bytes32[2] memory dataHashes,
        uint8[2] memory levels,
        uint64[2] memory expiries,
        bool secondByAgencyB,
        bool identical
    ) public {
        vm.assume(subject != address(0) && dataHashes[0] != bytes32(0) && dataHashes[1] != bytes32(0));
        (uint8 l1, uint64 e1) = _shape(levels[0], expiries[0]);
        (uint8 l2, uint64 e2) = _shape(levels[1], expiries[1]);
        bytes32 d2 = dataHashes[1];
        if (identical) (d2, l2, e2) = (dataHashes[0], l1, e1);
        vm.prank(governor);
        attestations.setTrustedIssuer(KTP_VERIFIED, AGENCY_B, true);

        bytes32 uid1 = _attest(officerA, subject, KTP_VERIFIED, dataHashes[0], l1, e1);
        address second = secondByAgencyB ? officerB : officerA2;
        bool duplicate = !secondByAgencyB && d2 == dataHashes[0] && l2 == l1 && e2 == e1;
        if (duplicate) {
            vm.prank(second);
            vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsDuplicate.selector, uid1));
            attestations.attest(subject, KTP_VERIFIED, d2, l2, e2);
            assertTrue(attestations.isValid(uid1), "first stays valid");
            assertEq(attestations.currentAttestation(subject, KTP_VERIFIED), uid1, "first stays current");
            return;
        }
        bytes32 uid2 = _attest(second, subject, KTP_VERIFIED, d2, l2, e2);
        assertTrue(uid2 != uid1, "new uid");
        assertTrue(attestations.isValid(uid2), "new uid is valid");
        assertEq(attestations.getAttestation(uid2).agencyId, secondByAgencyB ? AGENCY_B : AGENCY_A, "agency");
        // The first attestation's record is unchanged.
        ICitizenAttestations.Attestation memory old = attestations.getAttestation(uid1);
        assertEq(old.dataHash, dataHashes[0], "old dataHash");
        assertEq(old.level, l1, "old level");
        assertEq(old.revokedAt, 0, "old not revoked");
        if (secondByAgencyB) {
            // Another agency's attestation stands beside the first one (new rule, see above).
            assertTrue(attestations.isValid(uid1), "another agency's attestation does not supersede");
            assertEq(attestations.currentAttestationOf(subject, KTP_VERIFIED, AGENCY_A), uid1, "A's current");
            assertEq(attestations.currentAttestationOf(subject, KTP_VERIFIED, AGENCY_B), uid2, "B's current");
            // The valid one of highest level (both were issued in the same second: either, at equal levels).
            bytes32 current = attestations.currentAttestation(subject, KTP_VERIFIED);
            if (l1 != l2) assertEq(current, l1 > l2 ? uid1 : uid2, "current: the highest level");
            else assertTrue(current == uid1 || current == uid2, "current: one of the two");
            assertTrue(attestations.hasValidClaim(subject, KTP_VERIFIED, l1 > l2 ? l1 : l2), "claim at the max");
            vm.prank(governor);
            attestations.revoke(uid2, bytes32("X"));
            assertTrue(attestations.isValid(uid1), "revoking B's does not touch A's");
            assertEq(attestations.currentAttestation(subject, KTP_VERIFIED), uid1, "A's is current again");
            assertTrue(attestations.hasValidClaim(subject, KTP_VERIFIED, l1), "A's claim holds");
            return;
        }
        assertFalse(attestations.isValid(uid1), "superseded uid is invalid");
        assertEq(attestations.currentAttestation(subject, KTP_VERIFIED), uid2, "new uid is current");
        assertEq(attestations.currentAttestationOf(subject, KTP_VERIFIED, AGENCY_A), uid2, "A's current");
        assertEq(attestations.hasValidClaim(subject, KTP_VERIFIED, l1), l2 >= l1, "claim follows the new level");
        // The superseded attestation cannot come back.
        vm.prank(governor);
        attestations.revoke(uid2, bytes32("X"));
        assertFalse(attestations.isValid(uid1), "revoking the new one does not revive the old one");
        assertFalse(attestations.hasValidClaim(subject, KTP_VERIFIED, 0), "no valid claim");
    }

    // ---------------------------------------------------------------------------------------------
    // Agency suspension
    // ---------------------------------------------------------------------------------------------

    /// @notice While the issuing agency is suspended its attestations are not valid; other agencies'
    /// attestations are unaffected; reactivation restores them.
    function testFuzz_isValid_falseWhileIssuingAgencySuspended(
        address subject,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0));
        (level, expiresAt) = _shape(level, expiresAt);
        vm.prank(governor);
        attestations.setTrustedIssuer(KTP_VERIFIED, AGENCY_B, true);
        bytes32 uidA = _attest(officerA, subject, RESIDENT, dataHash, level, expiresAt);
        bytes32 uidB = _attest(officerB, subject, KTP_VERIFIED, dataHash, level, expiresAt);

        vm.prank(governor);
        directory.setAgencyActive(AGENCY_A, false);
        assertFalse(attestations.isValid(uidA), "suspended agency's attestation invalid");
        assertFalse(attestations.hasValidClaim(subject, RESIDENT, 0), "suspended agency's claim invalid");
        assertTrue(attestations.isValid(uidB), "other agency unaffected");
        assertTrue(attestations.hasValidClaim(subject, KTP_VERIFIED, level), "other agency unaffected");

        // A suspended agency's officers can neither attest nor revoke.
        vm.prank(officerA);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsNotOfficer.selector, officerA));
        attestations.attest(subject, RESIDENT, keccak256(abi.encode(dataHash)), level, 0);
        vm.prank(officerA);
        vm.expectRevert(
            abi.encodeWithSelector(ICitizenAttestations.AttestationsUnauthorizedRevoker.selector, officerA, uidA)
        );
        attestations.revoke(uidA, bytes32(0));

        vm.prank(governor);
        directory.setAgencyActive(AGENCY_A, true);
        assertTrue(attestations.isValid(uidA), "valid again after reactivation");
        assertTrue(attestations.hasValidClaim(subject, RESIDENT, level), "claim valid again");
    }

    // ---------------------------------------------------------------------------------------------
    // Who may attest
    // ---------------------------------------------------------------------------------------------

    /// @notice Only an officer (or the admin) of an active agency trusted for the claim type may attest.
    function testFuzz_attest_revertsForUntrustedCaller(address caller, bytes32 dataHash) public {
        vm.assume(directory.activeAgencyOf(caller) != AGENCY_A && dataHash != bytes32(0));
        uint32 agencyId = directory.activeAgencyOf(caller);
        vm.prank(caller);
        if (agencyId == 0) {
            vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsNotOfficer.selector, caller));
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(ICitizenAttestations.AttestationsUntrustedIssuer.selector, RESIDENT, agencyId)
            );
        }
        attestations.attest(alice, RESIDENT, dataHash, 2, 0);
    }

    /// @notice An officer of agency B (trusted for nothing) cannot attest; once trusted it can.
    function testFuzz_attest_needsTrustedIssuer(address subject, bytes32 dataHash, uint8 level) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0));
        level = uint8(bound(level, 1, 3));
        vm.prank(officerB2);
        vm.expectRevert(
            abi.encodeWithSelector(ICitizenAttestations.AttestationsUntrustedIssuer.selector, RESIDENT, AGENCY_B)
        );
        attestations.attest(subject, RESIDENT, dataHash, level, 0);
        vm.prank(governor);
        attestations.setTrustedIssuer(RESIDENT, AGENCY_B, true);
        bytes32 uid = _attest(officerB2, subject, RESIDENT, dataHash, level, 0);
        assertTrue(attestations.hasValidClaim(subject, RESIDENT, level), "trusted issuer attests");
        // Changed by design (issue 10): distrusting the agency makes its attestations invalid (they were
        // valid after a distrust before); trusting it again makes them valid again. The record is untouched.
        vm.prank(governor);
        attestations.setTrustedIssuer(RESIDENT, AGENCY_B, false);
        assertFalse(attestations.isValid(uid), "invalid while its agency is distrusted");
        assertFalse(attestations.hasValidClaim(subject, RESIDENT, 0), "no claim from a distrusted agency");
        assertEq(attestations.currentAttestationOf(subject, RESIDENT, AGENCY_B), uid, "still B's current");
        assertEq(attestations.getAttestation(uid).revokedAt, 0, "not revoked by a distrust");
        vm.prank(governor);
        attestations.setTrustedIssuer(RESIDENT, AGENCY_B, true);
        assertTrue(attestations.isValid(uid), "valid again once trusted again");
        assertTrue(attestations.hasValidClaim(subject, RESIDENT, level), "claim holds again");
    }

    // ---------------------------------------------------------------------------------------------
    // EIP-712
    // ---------------------------------------------------------------------------------------------

    /// @notice An attestation signed by an officer and submitted by anyone equals a direct one; the
    /// signature works once, not after its deadline, and not after the officer consumed the nonce.
    function testFuzz_attestBySig_actsAsTheSigningOfficer(
        address subject,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        uint256 deadlineDelta,
        address relayer,
        bool useA2
    ) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0));
        (level, expiresAt) = _shape(level, expiresAt);
        (uint256 key, address officer) = useA2 ? (OFFICER_A2_KEY, officerA2) : (OFFICER_A_KEY, officerA);
        uint256 deadline = START + bound(deadlineDelta, 0, MAX_SIGNATURE_LIFETIME);
        uint256 nonce = attestations.nonces(officer);
        bytes memory sig = _sign(key, _digest(subject, RESIDENT, dataHash, level, expiresAt, officer, nonce, deadline));

        // The signature does not pass as another officer's.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidSignature.selector, officerB));
        attestations.attestBySig(subject, RESIDENT, dataHash, level, expiresAt, officerB, deadline, sig);

        vm.prank(relayer);
        bytes32 uid = attestations.attestBySig(subject, RESIDENT, dataHash, level, expiresAt, officer, deadline, sig);
        assertEq(attestations.nonces(officer), nonce + 1, "nonce used");
        assertEq(attestations.currentAttestation(subject, RESIDENT), uid, "current");
        ICitizenAttestations.Attestation memory a = attestations.getAttestation(uid);
        assertEq(a.agencyId, AGENCY_A, "agency of the signer");
        assertEq(a.level, level, "level");
        assertTrue(attestations.hasValidClaim(subject, RESIDENT, level), "valid");

        // Replay: the nonce moved on.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidSignature.selector, officer));
        attestations.attestBySig(subject, RESIDENT, dataHash, level, expiresAt, officer, deadline, sig);

        // A fresh signature after its deadline.
        bytes32 d2 = keccak256(abi.encode(dataHash));
        bytes memory late = _sign(key, _digest(subject, RESIDENT, d2, level, 0, officer, nonce + 1, deadline));
        vm.warp(deadline + 1);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsSignatureExpired.selector, deadline));
        attestations.attestBySig(subject, RESIDENT, d2, level, 0, officer, deadline, late);

        // A signature the officer cancelled with useNonce.
        bytes memory cancelled = _sign(key, _digest(subject, RESIDENT, d2, level, 0, officer, nonce + 1, deadline + 9));
        vm.prank(officer);
        attestations.useNonce();
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidSignature.selector, officer));
        attestations.attestBySig(subject, RESIDENT, d2, level, 0, officer, deadline + 9, cancelled);
    }

    // ---------------------------------------------------------------------------------------------
    // EIP-712: deadline, agency, nonce (issue 10)
    // ---------------------------------------------------------------------------------------------

    /// @notice At any block time, attestBySig accepts a deadline in [now, now + 7 days] and refuses one
    /// beyond (AttestationsDeadlineTooFar) or already passed (AttestationsSignatureExpired); exactly
    /// now + 7 days is accepted, one second more is not.
    function testFuzz_attestBySig_deadlineAtMostSevenDays(
        uint256 warpBy,
        uint256 deadlineSeed,
        bool anyDeadline,
        bytes32 dataHash,
        uint8 level
    ) public {
        vm.assume(dataHash != bytes32(0));
        level = uint8(bound(level, 1, 3));
        vm.warp(START + bound(warpBy, 0, 1000 days));
        uint256 t = _now();
        uint256 latest = t + MAX_SIGNATURE_LIFETIME;
        // Near the window most of the time; any value (up to 2^256 - 1) otherwise.
        uint256 deadline = anyDeadline ? deadlineSeed : bound(deadlineSeed, t - 30 days, t + 30 days);
        uint256 nonce = attestations.nonces(officerA);
        bytes memory sig = _sign(
            OFFICER_A_KEY,
            _digest(alice, RESIDENT, dataHash, level, 0, officerA, nonce, deadline)
        );
        vm.prank(stranger);
        if (deadline < t) {
            vm.expectRevert(
                abi.encodeWithSelector(ICitizenAttestations.AttestationsSignatureExpired.selector, deadline)
            );
        } else if (deadline > latest) {
            vm.expectRevert(
                abi.encodeWithSelector(ICitizenAttestations.AttestationsDeadlineTooFar.selector, deadline, latest)
            );
        }
        attestations.attestBySig(alice, RESIDENT, dataHash, level, 0, officerA, deadline, sig);
        bool accepted = deadline >= t && deadline <= latest;
        assertEq(attestations.nonces(officerA), accepted ? nonce + 1 : nonce, "nonce used iff accepted");
        assertEq(attestations.hasValidClaim(alice, RESIDENT, level), accepted, "attested iff accepted");

        // The edges of the window, with the officer's next nonce.
        nonce = attestations.nonces(officerA);
        bytes32 d2 = keccak256(abi.encode(dataHash));
        sig = _sign(OFFICER_A_KEY, _digest(bob, RESIDENT, d2, level, 0, officerA, nonce, latest + 1));
        vm.expectRevert(
            abi.encodeWithSelector(ICitizenAttestations.AttestationsDeadlineTooFar.selector, latest + 1, latest)
        );
        attestations.attestBySig(bob, RESIDENT, d2, level, 0, officerA, latest + 1, sig);
        sig = _sign(OFFICER_A_KEY, _digest(bob, RESIDENT, d2, level, 0, officerA, nonce, latest));
        attestations.attestBySig(bob, RESIDENT, d2, level, 0, officerA, latest, sig);
        assertTrue(attestations.hasValidClaim(bob, RESIDENT, level), "deadline now + 7 days accepted");
    }

    /// @notice A signature made while the officer served agency A does not redeem once the officer has left
    /// (AttestationsNotOfficer) nor after they joined agency B, as officer or admin, even with B trusted for
    /// the claim (AttestationsInvalidSignature); a signature made in B works, for B.
    function testFuzz_attestBySig_signatureDiesWhenOfficerMovesAgency(
        address subject,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        uint256 deadlineDelta,
        uint256 waitBy,
        bool asAdminOfB,
        address relayer
    ) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0));
        (level, expiresAt) = _shape(level, expiresAt);
        vm.prank(governor);
        attestations.setTrustedIssuer(RESIDENT, AGENCY_B, true);
        uint256 deadline = START + bound(deadlineDelta, 0, MAX_SIGNATURE_LIFETIME);
        uint256 nonce = attestations.nonces(officerA);
        bytes memory sigA = _sign(
            OFFICER_A_KEY,
            _digestFor(subject, RESIDENT, dataHash, level, expiresAt, AGENCY_A, officerA, nonce, deadline)
        );

        vm.prank(adminA);
        directory.removeOfficer(officerA);
        vm.warp(START + bound(waitBy, 0, deadline - START));
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsNotOfficer.selector, officerA));
        attestations.attestBySig(subject, RESIDENT, dataHash, level, expiresAt, officerA, deadline, sigA);

        if (asAdminOfB) {
            vm.prank(governor);
            directory.setAgencyAdmin(AGENCY_B, officerA);
        } else {
            vm.prank(adminB);
            directory.addOfficer(AGENCY_B, officerA);
        }
        assertEq(directory.activeAgencyOf(officerA), AGENCY_B, "moved to B");
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidSignature.selector, officerA));
        attestations.attestBySig(subject, RESIDENT, dataHash, level, expiresAt, officerA, deadline, sigA);
        assertEq(attestations.nonces(officerA), nonce, "nonce not used");
        assertEq(attestations.currentAttestation(subject, RESIDENT), bytes32(0), "nothing attested");

        // Signed for B (never expiring, whatever the time now), it redeems as B's.
        bytes memory sigB = _sign(
            OFFICER_A_KEY,
            _digestFor(subject, RESIDENT, dataHash, level, 0, AGENCY_B, officerA, nonce, deadline)
        );
        vm.prank(relayer);
        bytes32 uid = attestations.attestBySig(subject, RESIDENT, dataHash, level, 0, officerA, deadline, sigB);
        assertEq(attestations.getAttestation(uid).agencyId, AGENCY_B, "attested for B");
        assertEq(attestations.currentAttestationOf(subject, RESIDENT, AGENCY_A), bytes32(0), "nothing for A");
    }

    /// @notice A direct attest uses up the officer's nonce: a signature the officer gave out before cannot be
    /// redeemed afterwards (whatever the direct attestation was, and whether or not it was then revoked).
    function testFuzz_attestBySig_directAttestVoidsEarlierSignature(
        address subject,
        bytes32 dataHash,
        bytes32 directData,
        uint8 level,
        uint64 expiresAt,
        uint256 deadlineDelta,
        bool sameClaim,
        bool revokeDirect,
        bool useA2
    ) public {
        vm.assume(subject != address(0) && dataHash != bytes32(0) && directData != bytes32(0));
        (level, expiresAt) = _shape(level, expiresAt);
        (uint256 key, address officer) = useA2 ? (OFFICER_A2_KEY, officerA2) : (OFFICER_A_KEY, officerA);
        uint256 deadline = START + bound(deadlineDelta, 0, MAX_SIGNATURE_LIFETIME);
        uint256 nonce = attestations.nonces(officer);
        bytes memory sig = _sign(key, _digest(subject, RESIDENT, dataHash, level, expiresAt, officer, nonce, deadline));

        bytes32 claimType = sameClaim ? RESIDENT : KTP_VERIFIED;
        bytes32 direct = _attest(officer, subject, claimType, directData, uint8(bound(level + 1, 1, 3)), 0);
        assertEq(attestations.nonces(officer), nonce + 1, "a direct attest uses the nonce");
        if (revokeDirect) {
            vm.prank(officer);
            attestations.revoke(direct, bytes32("DATA_CHANGED"));
        }

        vm.expectRevert(abi.encodeWithSelector(ICitizenAttestations.AttestationsInvalidSignature.selector, officer));
        attestations.attestBySig(subject, RESIDENT, dataHash, level, expiresAt, officer, deadline, sig);
        assertEq(attestations.nonces(officer), nonce + 1, "nonce unchanged by the refused signature");
        assertEq(
            attestations.currentAttestationOf(subject, RESIDENT, AGENCY_A),
            sameClaim ? direct : bytes32(0),
            "the old signature brought nothing back"
        );
        assertEq(attestations.isValid(direct), !revokeDirect, "the direct attestation stands as it is");
    }

    // ---------------------------------------------------------------------------------------------
    // One current attestation per agency (issue 10)
    // ---------------------------------------------------------------------------------------------

    /// @notice Whatever another agency attests (any data, level and expiry, directly or by signature, and
    /// whether it then revokes its own), agency A's attestation stays A's current one with the same record,
    /// its validity depends on time only, and hasValidClaim at A's level holds while A's is live. B cannot
    /// revoke A's attestation.
    function testFuzz_attest_otherAgencyNeverChangesAnotherAgencysAttestation(
        address subject,
        bytes32 dataA,
        uint8 levelA,
        uint64 expiryA,
        bytes32[3] memory dataB,
        uint8[3] memory levelsB,
        uint64[3] memory expiriesB,
        uint8 revokeMask,
        uint8 bySigMask,
        uint256 warpTo
    ) public {
        vm.assume(subject != address(0) && dataA != bytes32(0));
        (levelA, expiryA) = _shape(levelA, expiryA);
        vm.prank(governor);
        attestations.setTrustedIssuer(RESIDENT, AGENCY_B, true);
        bytes32 uidA = _attest(officerA, subject, RESIDENT, dataA, levelA, expiryA);
        bytes32 recordA = keccak256(abi.encode(attestations.getAttestation(uidA)));

        for (uint256 i = 0; i < 3; ++i) {
            bytes32 d = dataB[i] == bytes32(0) ? keccak256(abi.encode(i)) : dataB[i];
            (uint8 l, uint64 e) = _shape(levelsB[i], expiriesB[i]);
            bytes32 uidB = _attestAsB(subject, d, l, e, (bySigMask >> i) & 1 == 1);
            if (uidB != bytes32(0) && (revokeMask >> i) & 1 == 1) {
                vm.prank(i % 2 == 0 ? officerB2 : governor);
                attestations.revoke(uidB, bytes32("B"));
            }
            vm.prank(i % 2 == 0 ? officerB : adminB);
            vm.expectRevert(
                abi.encodeWithSelector(
                    ICitizenAttestations.AttestationsUnauthorizedRevoker.selector,
                    i % 2 == 0 ? officerB : adminB,
                    uidA
                )
            );
            attestations.revoke(uidA, bytes32("B"));

            assertEq(attestations.currentAttestationOf(subject, RESIDENT, AGENCY_A), uidA, "A's current");
            assertEq(keccak256(abi.encode(attestations.getAttestation(uidA))), recordA, "A's record");
            assertTrue(attestations.isValid(uidA), "A's valid");
            assertTrue(attestations.hasValidClaim(subject, RESIDENT, levelA), "claim at A's level");
        }

        uint256 horizon = expiryA == 0 ? uint256(START) + 10 * 365 days : uint256(expiryA) + 30 days;
        vm.warp(bound(warpTo, START, horizon));
        bool liveA = expiryA == 0 || _now() < expiryA;
        assertEq(attestations.currentAttestationOf(subject, RESIDENT, AGENCY_A), uidA, "A's current later");
        assertEq(keccak256(abi.encode(attestations.getAttestation(uidA))), recordA, "A's record later");
        assertEq(attestations.isValid(uidA), liveA, "A's validity is A's expiry only");
        if (liveA) assertTrue(attestations.hasValidClaim(subject, RESIDENT, levelA), "claim holds while A's is live");
    }

    /// @dev An attestation of RESIDENT by agency B (officerB directly, or officerB2 by signature relayed by a
    /// stranger); 0 when it would repeat B's current one (a refused double submission).
    function _attestAsB(address subject, bytes32 d, uint8 l, uint64 e, bool bySig) internal returns (bytes32) {
        bytes32 currentB = attestations.currentAttestationOf(subject, RESIDENT, AGENCY_B);
        if (currentB != bytes32(0)) {
            ICitizenAttestations.Attestation memory c = attestations.getAttestation(currentB);
            if (c.revokedAt == 0 && c.dataHash == d && c.level == l && c.expiresAt == e) return bytes32(0);
        }
        if (!bySig) return _attest(officerB, subject, RESIDENT, d, l, e);
        uint256 deadline = _now() + 1 days;
        uint256 nonce = attestations.nonces(officerB2);
        bytes memory sig = _sign(OFFICER_B2_KEY, _digest(subject, RESIDENT, d, l, e, officerB2, nonce, deadline));
        vm.prank(stranger);
        return attestations.attestBySig(subject, RESIDENT, d, l, e, officerB2, deadline, sig);
    }
}
