// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgencyDirectory} from "../../AgencyDirectory.sol";
import {CitizenAttestations} from "../../CitizenAttestations.sol";
import {ICitizenAttestations} from "../../interfaces/ICitizenAttestations.sol";
import {TestHelpers} from "../utils/TestHelpers.t.sol";
import {LayananBase} from "../Base.t.sol";

// The handler lives in the same file as its invariant test, like LayananHandler (Hardhat emits artifacts
// only for the contracts of the test files it compiles as roots).

/// @title AgencyAttestationsHandler
/// @notice Officers and admins of two agencies, both trusted for two claim types, attest (directly, or by
/// signatures they hand out and anyone redeems later) and revoke at random about three citizens; the
/// governor revokes, distrusts and trusts again, suspends and reactivates, and moves an officer of each
/// agency to the other. The model keeps, per (subject, claim type, agency), only what that agency's own
/// officers and the governor did (issue 10: an agency supersedes only its own attestation), and predicts
/// every call's success and every uid (`keccak256(abi.encode(attestations, subject, claimType, agencyId,
/// seq))`).
contract AgencyAttestationsHandler is TestHelpers {
    struct Rec {
        bytes32 uid;
        address subject;
        bytes32 claimType;
        uint32 agencyId;
        bytes32 dataHash;
        uint8 level;
        uint64 issuedAt;
        uint64 expiresAt;
        uint64 revokedAt;
    }

    /// @dev A signature handed out by `officer` while serving `agencyId`, for nonce `nonce`.
    struct Pending {
        address officer;
        uint32 agencyId;
        uint256 nonce;
        uint256 deadline;
        address subject;
        bytes32 claimType;
        bytes32 dataHash;
        uint8 level;
        uint64 expiresAt;
        bytes signature;
    }

    uint64 internal constant MAX_TIME = type(uint40).max;
    uint256 internal constant MAX_SIGNATURE_LIFETIME = 7 days;
    uint256 internal constant MAX_PENDING = 12;

    CitizenAttestations public immutable attestations;
    AgencyDirectory public immutable directory;
    address public immutable governor;
    address public immutable stranger;

    address[] internal _staff; // [officerA, officerA2, adminA, officerB, officerB2, adminB]
    address[] internal _movers; // officerA2 and officerB2, whom the governor moves between the agencies
    mapping(address account => uint256 key) internal _keyOf;
    mapping(address account => uint32 agencyId) public agencyModel;
    mapping(uint32 agencyId => bool) public activeModel;
    mapping(bytes32 claimType => mapping(uint32 agencyId => bool)) public trustedModel;
    mapping(address account => uint256) public nonceModel;
    address[] internal _subjects;
    bytes32[] internal _claims;

    Rec[] internal _recs;
    mapping(bytes32 uid => uint256 indexPlusOne) internal _index;
    mapping(address subject => mapping(bytes32 claimType => mapping(uint32 agencyId => uint256 indexPlusOne)))
        internal _current;
    mapping(address subject => mapping(bytes32 claimType => mapping(uint32 agencyId => uint32))) internal _issued;
    Pending[] internal _pending;

    uint256 public totalCalls;
    uint256 public totalSuccesses;
    mapping(bytes4 selector => uint256) public successes;
    /// @dev Redemptions refused because the officer had moved agency, or used the nonce directly.
    uint256 public staleSignaturesRefused;
    uint256 public mismatches;
    string public firstMismatch;
    bool public rawSeeds;

    constructor(
        CitizenAttestations attestations_,
        AgencyDirectory directory_,
        address governor_,
        address stranger_,
        uint256[] memory staffKeys,
        address[] memory subjects_,
        bytes32[] memory claims_
    ) {
        attestations = attestations_;
        directory = directory_;
        governor = governor_;
        stranger = stranger_;
        for (uint256 i = 0; i < staffKeys.length; ++i) {
            address account = vm.addr(staffKeys[i]);
            _staff.push(account);
            _keyOf[account] = staffKeys[i];
            agencyModel[account] = i < staffKeys.length / 2 ? 1 : 2;
        }
        _movers.push(_staff[1]);
        _movers.push(_staff[4]);
        (activeModel[1], activeModel[2]) = (true, true);
        _subjects = subjects_;
        _claims = claims_;
        for (uint256 c = 0; c < claims_.length; ++c) {
            (trustedModel[claims_[c]][1], trustedModel[claims_[c]][2]) = (true, true);
        }
    }

    /// @notice For the fixed-sequence test: choose branches from the raw seeds.
    function useRawSeeds() external {
        rawSeeds = true;
    }

    // =============================================================================================
    // Officers
    // =============================================================================================

    function attest(
        uint256 actorSeed,
        uint256 subjectSeed,
        uint256 claimSeed,
        uint256 dataSeed,
        uint256 levelSeed,
        uint256 expirySeed
    ) external {
        address actor = _actor(actorSeed);
        (address subject, bytes32 claimType, bytes32 dataHash, uint8 level, uint64 expiresAt) = _inputs(
            subjectSeed,
            claimSeed,
            dataSeed,
            levelSeed,
            expirySeed
        );
        bool expected = _attestExpected(actor, subject, claimType, dataHash, level, expiresAt);

        vm.prank(actor);
        try attestations.attest(subject, claimType, dataHash, level, expiresAt) returns (bytes32 uid) {
            if (!_succeeded(this.attest.selector, expected, "attest")) return;
            nonceModel[actor] += 1; // a direct attest uses up the nonce
            _record(uid, actor, subject, claimType, dataHash, level, expiresAt);
        } catch {
            _failed(expected, "attest");
        }
    }

    /// @dev A member signs an attestation for their agency and nonce of now and hands it out; it is
    /// redeemed later by {redeem}. The deadline is usually within 7 days, sometimes further (redeemable
    /// only once it is within 7 days) or already passed.
    function sign(
        uint256 signerSeed,
        uint256 subjectSeed,
        uint256 claimSeed,
        uint256 dataSeed,
        uint256 levelSeed,
        uint256 expirySeed,
        uint256 deadlineSeed
    ) external {
        address officer = _staff[signerSeed % _staff.length];
        (address subject, bytes32 claimType, bytes32 dataHash, uint8 level, uint64 expiresAt) = _inputs(
            subjectSeed,
            claimSeed,
            dataSeed,
            levelSeed,
            expirySeed
        );
        uint256 r = _mixed(deadlineSeed) % 8;
        uint256 deadline = _now() + bound(deadlineSeed >> 3, 0, MAX_SIGNATURE_LIFETIME);
        if (r == 7) deadline = _now() - 1;
        else if (r == 6) deadline = _now() + MAX_SIGNATURE_LIFETIME + bound(deadlineSeed >> 3, 1, 10 days);
        Pending memory p = Pending({
            officer: officer,
            agencyId: _activeAgency(officer),
            nonce: nonceModel[officer],
            deadline: deadline,
            subject: subject,
            claimType: claimType,
            dataHash: dataHash,
            level: level,
            expiresAt: expiresAt,
            signature: ""
        });
        (uint8 v, bytes32 rr, bytes32 s) = vm.sign(_keyOf[officer], _digest(p));
        p.signature = abi.encodePacked(rr, s, v);
        if (_pending.length < MAX_PENDING) _pending.push(p);
        else _pending[signerSeed % MAX_PENDING] = p;
        totalCalls += 1;
        totalSuccesses += 1;
        successes[this.sign.selector] += 1;
    }

    /// @dev Anyone redeems a handed-out signature: valid only while the officer serves the agency and
    /// holds the nonce it was made for, inside its deadline window.
    function redeem(uint256 pendingSeed, uint256 relayerSeed) external {
        if (_pending.length == 0) return;
        Pending memory p = _pending[pendingSeed % _pending.length];
        bool fresh = _activeAgency(p.officer) == p.agencyId && nonceModel[p.officer] == p.nonce;
        bool inWindow = p.deadline >= _now() && p.deadline <= _now() + MAX_SIGNATURE_LIFETIME;
        bool expected =
            fresh && inWindow && _attestExpected(p.officer, p.subject, p.claimType, p.dataHash, p.level, p.expiresAt);
        address relayer = relayerSeed % 2 == 0 ? stranger : _staff[relayerSeed % _staff.length];

        vm.prank(relayer);
        try
            attestations.attestBySig(
                p.subject,
                p.claimType,
                p.dataHash,
                p.level,
                p.expiresAt,
                p.officer,
                p.deadline,
                p.signature
            )
        returns (bytes32 uid) {
            if (!_succeeded(this.redeem.selector, expected, "attestBySig")) return;
            nonceModel[p.officer] += 1;
            _record(uid, p.officer, p.subject, p.claimType, p.dataHash, p.level, p.expiresAt);
        } catch {
            _failed(expected, "attestBySig");
            if (!fresh && inWindow && _activeAgency(p.officer) != 0) staleSignaturesRefused += 1;
        }
    }

    function useNonce(uint256 actorSeed) external {
        address actor = _staff[actorSeed % _staff.length];
        vm.prank(actor);
        try attestations.useNonce() {
            if (!_succeeded(this.useNonce.selector, true, "useNonce")) return;
            nonceModel[actor] += 1;
        } catch {
            _failed(true, "useNonce");
        }
    }

    /// @dev Revokes any attestation ever made (current or superseded), usually as a member of its agency,
    /// sometimes as a member of the other agency, the governor or a stranger; rarely an unknown uid.
    function revoke(uint256 pickSeed, uint256 actorSeed) external {
        bytes32 uid = keccak256(abi.encode("unknown", pickSeed));
        uint32 agencyId;
        if (_recs.length != 0 && !_rare(pickSeed, 16)) {
            Rec storage r = _recs[pickSeed % _recs.length];
            (uid, agencyId) = (r.uid, r.agencyId);
        }
        address actor = _revoker(agencyId, actorSeed);
        uint256 index = _index[uid];
        bool expected =
            index != 0 && _recs[index - 1].revokedAt == 0 && (actor == governor || _activeAgency(actor) == agencyId);

        vm.prank(actor);
        try attestations.revoke(uid, bytes32("REVOKED")) {
            if (!_succeeded(this.revoke.selector, expected, "revoke")) return;
            _recs[index - 1].revokedAt = _now();
        } catch {
            _failed(expected, "revoke");
        }
    }

    // =============================================================================================
    // Governor
    // =============================================================================================

    /// @dev Distrusts an agency for a claim type (one call in four), or trusts again one distrusted.
    function setTrustedIssuer(uint256 claimSeed, uint256 agencySeed) external {
        bytes32 claimType = _claims[claimSeed % _claims.length];
        uint32 agencyId = uint32(1 + (agencySeed % 2));
        if (trustedModel[claimType][agencyId] && !_rare(agencySeed >> 1, 4)) return;
        bool trusted = !trustedModel[claimType][agencyId];
        vm.prank(governor);
        try attestations.setTrustedIssuer(claimType, agencyId, trusted) {
            if (!_succeeded(this.setTrustedIssuer.selector, true, "setTrustedIssuer")) return;
            trustedModel[claimType][agencyId] = trusted;
        } catch {
            _failed(true, "setTrustedIssuer");
        }
    }

    /// @dev Suspends an agency (one call in four), or reactivates one suspended.
    function setAgencyActive(uint256 agencySeed) external {
        uint32 agencyId = uint32(1 + (agencySeed % 2));
        if (activeModel[agencyId] && !_rare(agencySeed >> 1, 4)) return;
        bool active = !activeModel[agencyId];
        vm.prank(governor);
        try directory.setAgencyActive(agencyId, active) {
            if (!_succeeded(this.setAgencyActive.selector, true, "setAgencyActive")) return;
            activeModel[agencyId] = active;
        } catch {
            _failed(true, "setAgencyActive");
        }
    }

    /// @dev Moves officerA2 or officerB2: out of their agency, and usually into the other one (or, when
    /// serving none, into agency 1 or 2).
    function moveOfficer(uint256 seed) external {
        address officer = _movers[seed % _movers.length];
        uint32 from = agencyModel[officer];
        if (from != 0) {
            vm.prank(governor);
            try directory.removeOfficer(officer) {
                if (!_succeeded(this.moveOfficer.selector, true, "removeOfficer")) return;
                agencyModel[officer] = 0;
            } catch {
                _failed(true, "removeOfficer");
                return;
            }
            if (_rare(seed >> 1, 4)) return; // stays out for a while
        }
        uint32 to = from == 0 ? uint32(1 + ((seed >> 3) % 2)) : (from == 1 ? 2 : 1);
        vm.prank(governor);
        try directory.addOfficer(to, officer) {
            if (!_succeeded(this.moveOfficer.selector, true, "addOfficer")) return;
            agencyModel[officer] = to;
        } catch {
            _failed(true, "addOfficer");
        }
    }

    /// @dev Up to 2 days, sometimes up to 40 (past expiries and deadlines).
    function warp(uint256 secondsSeed) external {
        uint256 step = _rare(secondsSeed, 8) ? bound(secondsSeed, 2 days, 40 days) : bound(secondsSeed, 1, 2 days);
        vm.warp(uint256(_now()) + step);
        totalCalls += 1;
        totalSuccesses += 1;
        successes[this.warp.selector] += 1;
    }

    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](9);
        s[0] = this.attest.selector;
        s[1] = this.sign.selector;
        s[2] = this.redeem.selector;
        s[3] = this.useNonce.selector;
        s[4] = this.revoke.selector;
        s[5] = this.setTrustedIssuer.selector;
        s[6] = this.setAgencyActive.selector;
        s[7] = this.moveOfficer.selector;
        s[8] = this.warp.selector;
    }

    // =============================================================================================
    // Views for the invariants
    // =============================================================================================

    function subjects() external view returns (address[] memory) {
        return _subjects;
    }

    function claims() external view returns (bytes32[] memory) {
        return _claims;
    }

    function staff() external view returns (address[] memory) {
        return _staff;
    }

    function recCount() external view returns (uint256) {
        return _recs.length;
    }

    function rec(uint256 i) external view returns (Rec memory) {
        return _recs[i];
    }

    /// @notice The uid of the agency's current attestation by the model (0 if none).
    function currentOf(address subject, bytes32 claimType, uint32 agencyId) external view returns (bytes32) {
        uint256 index = _current[subject][claimType][agencyId];
        return index == 0 ? bytes32(0) : _recs[index - 1].uid;
    }

    /// @notice isValid by the model: its agency's current one, not revoked, not expired, agency active and
    /// trusted for the claim type.
    function validModel(uint256 i) public view returns (bool) {
        Rec storage r = _recs[i];
        return
            _current[r.subject][r.claimType][r.agencyId] == i + 1 &&
            r.revokedAt == 0 &&
            (r.expiresAt == 0 || r.expiresAt > _now()) &&
            activeModel[r.agencyId] &&
            trustedModel[r.claimType][r.agencyId];
    }

    function hasValidClaimModel(address subject, bytes32 claimType, uint8 minLevel) external view returns (bool) {
        for (uint32 agencyId = 1; agencyId <= 2; ++agencyId) {
            uint256 index = _current[subject][claimType][agencyId];
            if (index != 0 && validModel(index - 1) && _recs[index - 1].level >= minLevel) return true;
        }
        return false;
    }

    // =============================================================================================
    // Helpers
    // =============================================================================================

    function _record(
        bytes32 uid,
        address officer,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) internal {
        uint32 agencyId = _activeAgency(officer);
        uint32 seq = _issued[subject][claimType][agencyId]++;
        bytes32 predicted = keccak256(abi.encode(address(attestations), subject, claimType, agencyId, seq));
        if (uid != predicted) _mismatch("attest: the uid is not keccak256(this, subject, claimType, agency, seq)");
        if (_index[uid] != 0) _mismatch("attest: a uid was returned twice");
        _recs.push(Rec(uid, subject, claimType, agencyId, dataHash, level, _now(), expiresAt, 0));
        _index[uid] = _recs.length;
        // Only this agency's current attestation is superseded.
        _current[subject][claimType][agencyId] = _recs.length;
    }

    function _attestExpected(
        address officer,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) internal view returns (bool) {
        uint32 agencyId = _activeAgency(officer);
        if (agencyId == 0 || !trustedModel[claimType][agencyId]) return false;
        if (subject == address(0) || dataHash == bytes32(0) || level == 0 || level > 3) return false;
        if (expiresAt != 0 && (expiresAt <= _now() || expiresAt > MAX_TIME)) return false;
        uint256 index = _current[subject][claimType][agencyId];
        if (index != 0) {
            Rec storage c = _recs[index - 1];
            // The same agency repeating its current attestation: a refused double submission.
            if (c.revokedAt == 0 && c.dataHash == dataHash && c.level == level && c.expiresAt == expiresAt) {
                return false;
            }
        }
        return true;
    }

    function _inputs(
        uint256 subjectSeed,
        uint256 claimSeed,
        uint256 dataSeed,
        uint256 levelSeed,
        uint256 expirySeed
    ) internal view returns (address subject, bytes32 claimType, bytes32 dataHash, uint8 level, uint64 expiresAt) {
        subject = _rare(subjectSeed, 32) ? address(0) : _subjects[subjectSeed % _subjects.length];
        claimType = _claims[claimSeed % _claims.length];
        dataHash = keccak256(abi.encode("salted commitment", dataSeed % 3));
        level = _rare(levelSeed, 16) ? uint8(levelSeed >> 8) : uint8(1 + (levelSeed % 3));
        uint256 r = _mixed(expirySeed) % 16;
        if (r < 8) expiresAt = 0;
        else if (r == 15) expiresAt = _now();
        else expiresAt = _now() + uint64(bound(expirySeed >> 4, 1, 30 days));
    }

    function _digest(Pending memory p) internal view returns (bytes32) {
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
                keccak256(
                    "Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,"
                    "uint32 agencyId,address officer,uint256 nonce,uint256 deadline)"
                ),
                p.subject,
                p.claimType,
                p.dataHash,
                p.level,
                p.expiresAt,
                p.agencyId,
                p.officer,
                p.nonce,
                p.deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    function _activeAgency(address account) internal view returns (uint32) {
        uint32 agencyId = agencyModel[account];
        return agencyId != 0 && activeModel[agencyId] ? agencyId : 0;
    }

    /// @dev A member of either agency seven times in eight, else the governor or a stranger (not officers).
    function _actor(uint256 seed) internal view returns (address) {
        if (!_rare(seed, 8)) return _staff[(seed >> 3) % _staff.length];
        return seed % 2 == 0 ? governor : stranger;
    }

    /// @dev A member of `agencyId` (9 in 16), of the other agency (4 in 16), the governor (2 in 16) or a
    /// stranger. Membership is the model's (officers move).
    function _revoker(uint32 agencyId, uint256 seed) internal view returns (address) {
        uint256 r = _mixed(seed) % 16;
        if (r == 15) return stranger;
        if (r >= 13) return governor;
        uint32 wanted = r >= 9 ? (agencyId == 1 ? 2 : 1) : agencyId;
        uint256 n = _staff.length;
        for (uint256 k = 0; k < n; ++k) {
            address candidate = _staff[((seed >> 4) + k) % n];
            if (agencyModel[candidate] == wanted) return candidate;
        }
        return stranger;
    }

    function _rare(uint256 seed, uint256 n) internal view returns (bool) {
        return _mixed(seed) % n == n - 1;
    }

    function _mixed(uint256 seed) internal view returns (uint256) {
        return rawSeeds ? seed : uint256(keccak256(abi.encode(seed)));
    }

    function _succeeded(bytes4 selector, bool expected, string memory what) internal returns (bool) {
        totalCalls += 1;
        totalSuccesses += 1;
        successes[selector] += 1;
        if (!expected) _mismatch(string.concat(what, ": succeeded where issue 10 says it must revert"));
        return expected;
    }

    function _failed(bool expected, string memory what) internal {
        totalCalls += 1;
        if (expected) _mismatch(string.concat(what, ": reverted where issue 10 says it succeeds"));
    }

    function _mismatch(string memory what) internal {
        if (mismatches == 0) firstMismatch = what;
        mismatches += 1;
    }
}

/// @title AgencyAttestationsInvariantTest
/// @notice Stateful fuzzing of issue 10's trust model for attestations through {AgencyAttestationsHandler},
/// with the run counts of hardhat.config.ts.
contract AgencyAttestationsInvariantTest is LayananBase {
    /// @dev The shape forge-std's StdInvariant uses; the runner reads it from {targetSelectors}.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    AgencyAttestationsHandler internal handler;

    function setUp() public override {
        super.setUp();
        vm.startPrank(governor);
        attestations.setTrustedIssuer(RESIDENT, AGENCY_B, true);
        attestations.setTrustedIssuer(KTP_VERIFIED, AGENCY_B, true);
        vm.stopPrank();
        uint256[] memory staffKeys = new uint256[](6);
        (staffKeys[0], staffKeys[1], staffKeys[2]) = (OFFICER_A_KEY, OFFICER_A2_KEY, ADMIN_A_KEY);
        (staffKeys[3], staffKeys[4], staffKeys[5]) = (OFFICER_B_KEY, OFFICER_B2_KEY, ADMIN_B_KEY);
        address[] memory subjects = new address[](3);
        (subjects[0], subjects[1], subjects[2]) = (alice, bob, carol);
        bytes32[] memory claims = new bytes32[](2);
        (claims[0], claims[1]) = (RESIDENT, KTP_VERIFIED);
        handler = new AgencyAttestationsHandler(
            attestations,
            directory,
            governor,
            stranger,
            staffKeys,
            subjects,
            claims
        );
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: handler.selectors()});
    }

    /// @notice Only the issuing agency or the governor changes an agency's attestations: for each (subject,
    /// claim type, agency), currentAttestationOf is the uid the model derives from that agency's own
    /// attestations alone, and every attestation ever made (current or superseded) reads, through
    /// getAttestation, exactly as its agency made it, with the revocation time of its agency's or the
    /// governor's revoke; isValid follows the model (its agency's current one, live, agency active and
    /// trusted).
    function invariant_onlyIssuingAgencyOrGovernorChangesItsAttestations() public view {
        address[] memory subjects = handler.subjects();
        bytes32[] memory claims = handler.claims();
        for (uint256 i = 0; i < subjects.length; ++i) {
            for (uint256 c = 0; c < claims.length; ++c) {
                for (uint32 agencyId = 1; agencyId <= 2; ++agencyId) {
                    assertEq(
                        attestations.currentAttestationOf(subjects[i], claims[c], agencyId),
                        handler.currentOf(subjects[i], claims[c], agencyId),
                        "currentAttestationOf vs the agency's own actions"
                    );
                }
            }
        }
        uint256 n = handler.recCount();
        for (uint256 i = 0; i < n; ++i) {
            AgencyAttestationsHandler.Rec memory m = handler.rec(i);
            ICitizenAttestations.Attestation memory a = attestations.getAttestation(m.uid);
            assertEq(a.subject, m.subject, "subject");
            assertEq(a.claimType, m.claimType, "claimType");
            assertEq(a.agencyId, m.agencyId, "agencyId");
            assertEq(a.dataHash, m.dataHash, "dataHash");
            assertEq(a.level, m.level, "level");
            assertEq(a.issuedAt, m.issuedAt, "issuedAt");
            assertEq(a.expiresAt, m.expiresAt, "expiresAt");
            assertEq(a.revokedAt, m.revokedAt, "revokedAt");
            assertEq(attestations.isValid(m.uid), handler.validModel(i), "isValid vs model");
        }
    }

    /// @notice hasValidClaim(subject, claimType, level) holds, at every level, exactly when some trusted,
    /// active agency's own current attestation is live at that level or above.
    function invariant_hasValidClaimFromAnyTrustedAgency() public view {
        address[] memory subjects = handler.subjects();
        bytes32[] memory claims = handler.claims();
        for (uint256 i = 0; i < subjects.length; ++i) {
            for (uint256 c = 0; c < claims.length; ++c) {
                for (uint8 level = 0; level <= 4; ++level) {
                    assertEq(
                        attestations.hasValidClaim(subjects[i], claims[c], level),
                        handler.hasValidClaimModel(subjects[i], claims[c], level),
                        "hasValidClaim vs model"
                    );
                }
            }
        }
    }

    /// @notice No call succeeded or reverted against issue 10's rules; the nonces and the directory are the
    /// model's.
    function invariant_callsFollowDesign() public view {
        if (handler.mismatches() != 0) revert AssertionFailed(handler.firstMismatch());
        address[] memory staff = handler.staff();
        for (uint256 i = 0; i < staff.length; ++i) {
            assertEq(attestations.nonces(staff[i]), handler.nonceModel(staff[i]), "nonces");
            uint32 agencyId = handler.agencyModel(staff[i]);
            assertEq(directory.agencyIdOf(staff[i]), agencyId, "agencyIdOf");
        }
    }

    /// @notice A fixed sequence in which every action succeeds at least once, both agencies attest about the
    /// same subject and claim type, an officer's handed-out signature dies when they move agency and
    /// another when they attest directly; the invariants hold at the end.
    function test_handler_everyActionSucceedsOnce() public {
        handler.useRawSeeds();
        handler.attest(0, 0, 0, 0, 1, 0); // officerA: alice RESIDENT level 2
        handler.attest(24, 0, 0, 1, 2, 0); // officerB: alice RESIDENT level 3 (beside A's)
        handler.sign(1, 1, 0, 0, 0, 0, 8); // officerA2 signs for A: bob RESIDENT, deadline in 1 s
        handler.sign(0, 2, 1, 0, 0, 0, 8); // officerA signs: carol KTP_VERIFIED
        handler.redeem(0, 0); // officerA2's signature redeemed
        handler.sign(1, 2, 0, 0, 0, 0, 8); // officerA2 signs again, for A
        handler.moveOfficer(0); // officerA2 moves to B
        handler.redeem(2, 0); // refused: officerA2 now serves B
        handler.attest(0, 1, 1, 0, 0, 0); // officerA attests directly: its pending signature dies
        handler.redeem(1, 0); // refused: officerA's nonce moved on
        handler.useNonce(3);
        handler.revoke(0, 0); // officerA revokes A's attestation about alice
        handler.revoke(1, 13); // the governor revokes B's
        handler.setTrustedIssuer(0, 7);
        handler.setAgencyActive(7);
        handler.setTrustedIssuer(0, 1);
        handler.setAgencyActive(1);
        handler.warp(1 days);
        assertEq(handler.staleSignaturesRefused(), 2, "stale signatures refused");
        bytes4[] memory all = handler.selectors();
        for (uint256 i = 0; i < all.length; ++i) {
            if (handler.successes(all[i]) == 0) revert AssertEqBytes32("no successful call of", all[i], bytes32(0));
        }
        assertEq(handler.mismatches(), 0, "mismatches");
        invariant_onlyIssuingAgencyOrGovernorChangesItsAttestations();
        invariant_hasValidClaimFromAnyTrustedAgency();
        invariant_callsFollowDesign();
    }
}
