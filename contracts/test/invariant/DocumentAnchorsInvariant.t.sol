// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DocumentRegistry} from "../../DocumentRegistry.sol";
import {AgencyDirectory} from "../../AgencyDirectory.sol";
import {TestHelpers} from "../utils/TestHelpers.t.sol";
import {StandardMerkle} from "../utils/StandardMerkle.t.sol";
import {LayananBase} from "../Base.t.sol";

// The handler lives in the same file as its invariant test, like LayananHandler (Hardhat emits artifacts
// only for the contracts of the test files it compiles as roots).

/// @title DocumentAnchorsHandler
/// @notice Drives DocumentRegistry as agencies A (AKTA_KELAHIRAN) and B (IZIN_USAHA) and the governor do:
/// issues single documents and batches (StandardMerkleTrees built on chain, one-document batches whose root
/// is the leaf among them), revokes singles, batch members and whole batches, and above all re-anchors
/// anchors already revoked (and others) singly and in new batches, by either agency. Its model follows
/// DocumentRegistry's rule "revoked everywhere, but only by the issuer": an anchor revoked in a record of
/// agency X (a single document, or a batch member; by X's officer or the governor) is Revoked in every
/// record of X and in every record of any agency issued at or after the revocation; an earlier record of
/// another agency is not affected; revokeBatch withdraws the root only. Every call is predicted; a wrong
/// prediction is a mismatch.
contract DocumentAnchorsHandler is TestHelpers {
    /// @dev What a single document or a batch was issued with, as verify and getBatch return it.
    struct Record {
        uint32 agencyId;
        bytes32 docType;
        uint64 issuedAt;
        uint64 expiresAt;
        uint64 revokedAt;
    }

    /// @dev A successful revocation of an anchor in a record of agency `agencyId` (root 0: its single
    /// document). `later` marks a member revocation made after another agency's first one (see
    /// knownDefectCalls).
    struct Revocation {
        uint32 agencyId;
        uint64 at;
        bytes32 root;
        bool later;
    }

    uint8 internal constant DOC_UNKNOWN = 0;
    uint8 internal constant DOC_VALID = 1;
    uint8 internal constant DOC_REVOKED = 2;
    uint8 internal constant DOC_EXPIRED = 3;
    uint64 internal constant MAX_TIME = type(uint40).max;
    uint256 internal constant MAX_BATCHES = 16;
    uint256 internal constant MAX_BATCH_SIZE = 5;

    DocumentRegistry public immutable documents;
    AgencyDirectory public immutable directory;
    address public immutable governor;
    address public immutable stranger;

    address[] internal _staff; // admins and officers of agencies 1 and 2
    mapping(address account => uint32 agencyId) internal _agencyOf;
    mapping(uint32 agencyId => bytes32 docType) public docTypeOf; // the one type each agency is trusted for
    mapping(uint32 agencyId => bool) public activeModel;

    bytes32[] internal _anchors; // every anchor issued, singly or in a batch, once each
    mapping(bytes32 anchor => bool) internal _known;
    mapping(bytes32 anchor => Record) internal _single; // issuedAt 0: never issued singly
    mapping(bytes32 anchor => Revocation[]) internal _revocations;
    /// @dev The anchor's first revocation as a batch member: when, and the batch's agency (anchorRevokedAt).
    mapping(bytes32 anchor => uint64) public firstMemberRevokedAt;
    mapping(bytes32 anchor => uint32) public firstMemberRevokedBy;
    bytes32[] internal _roots;
    mapping(bytes32 root => Record) internal _batch;
    mapping(bytes32 root => uint32) internal _count;
    mapping(bytes32 anchor => bytes32[]) internal _rootsOf;
    mapping(bytes32 root => mapping(bytes32 anchor => bytes32[])) internal _proofs;
    mapping(bytes32 root => mapping(bytes32 anchor => bool)) internal _isMember;
    bytes32[] internal _revoked; // anchors revoked singly or as a member, once each
    mapping(bytes32 anchor => bool) internal _listed;
    uint256 internal _nonce;

    uint256 public totalCalls;
    uint256 public totalSuccesses;
    mapping(bytes4 selector => uint256) public successes;
    /// @dev Successful issues (single or batch) of an anchor that was already revoked.
    uint256 public revokedReanchored;
    /// @dev Calls whose outcome differed from the rule only by the defect of Findings.t.sol: a member
    /// revocation by an agency made after another agency's first one reaches that root only, not the
    /// agency's other earlier records. Counted apart, so that this known defect hides no other mismatch;
    /// {predict} gives both outcomes and the invariants accept either (both hold once it is fixed).
    uint256 public knownDefectCalls;
    uint256 public mismatches;
    string public firstMismatch;
    bool public rawSeeds;

    constructor(
        DocumentRegistry documents_,
        AgencyDirectory directory_,
        address governor_,
        address stranger_,
        address[] memory staffA,
        address[] memory staffB,
        bytes32 docTypeA,
        bytes32 docTypeB
    ) {
        documents = documents_;
        directory = directory_;
        governor = governor_;
        stranger = stranger_;
        for (uint256 i = 0; i < staffA.length; ++i) {
            _staff.push(staffA[i]);
            _agencyOf[staffA[i]] = 1;
        }
        for (uint256 i = 0; i < staffB.length; ++i) {
            _staff.push(staffB[i]);
            _agencyOf[staffB[i]] = 2;
        }
        (docTypeOf[1], docTypeOf[2]) = (docTypeA, docTypeB);
        (activeModel[1], activeModel[2]) = (true, true);
    }

    /// @notice For the fixed-sequence test: choose branches from the raw seeds.
    function useRawSeeds() external {
        rawSeeds = true;
    }

    // =============================================================================================
    // Actions
    // =============================================================================================

    /// @dev A single document: a fresh anchor half the time, else one already revoked or any known one.
    function issueSingle(uint256 actorSeed, uint256 anchorSeed, uint256 expirySeed) external {
        address actor = _issuer(actorSeed);
        bytes32 anchor = _anchorFor(anchorSeed);
        uint32 agencyId = _activeAgency(actor);
        bytes32 docType = _docTypeFor(agencyId, expirySeed >> 8);
        uint64 expiresAt = _expiry(expirySeed);
        bool expected =
            agencyId != 0 && docType == docTypeOf[agencyId] && _expiryOk(expiresAt) && _single[anchor].issuedAt == 0;
        bool wasRevoked = _isAnchorRevoked(anchor);

        vm.prank(actor);
        try documents.issue(anchor, docType, expiresAt) {
            if (!_succeeded(this.issueSingle.selector, expected, "issue")) return;
            _single[anchor] = Record(agencyId, docType, _now(), expiresAt, 0);
            _remember(anchor);
            if (wasRevoked) revokedReanchored += 1;
        } catch {
            _failed(expected, "issue");
        }
    }

    /// @dev A batch of 1..5 anchors (a one-document batch has root = leaf), each fresh half the time, else
    /// one already revoked or any known one.
    function issueBatch(uint256 actorSeed, uint256 anchorSeed, uint256 sizeSeed, uint256 expirySeed) external {
        if (_roots.length >= MAX_BATCHES) return;
        address actor = _issuer(actorSeed);
        uint256 n = 1 + (sizeSeed % MAX_BATCH_SIZE);
        bytes32[] memory members = new bytes32[](n);
        bool anyRevoked;
        for (uint256 i = 0; i < n; ++i) {
            // Raw seeds (fixed sequence): member i follows byte i of the seed.
            uint256 seed = rawSeeds ? anchorSeed >> (8 * i) : uint256(keccak256(abi.encode(anchorSeed, i)));
            bytes32 anchor = _anchorFor(seed);
            for (uint256 j = 0; j < i; ++j) if (members[j] == anchor) anchor = _fresh();
            members[i] = anchor;
            anyRevoked = anyRevoked || _isAnchorRevoked(anchor);
        }
        bytes32[] memory tree = StandardMerkle.build(members);
        bytes32 root = StandardMerkle.root(tree);
        uint32 agencyId = _activeAgency(actor);
        bytes32 docType = _docTypeFor(agencyId, expirySeed >> 8);
        uint64 expiresAt = _expiry(expirySeed);
        bool expected =
            agencyId != 0 && docType == docTypeOf[agencyId] && _expiryOk(expiresAt) && _batch[root].issuedAt == 0;

        vm.prank(actor);
        try documents.issueBatch(root, uint32(n), docType, expiresAt) {
            if (!_succeeded(this.issueBatch.selector, expected, "issueBatch")) return;
            _batch[root] = Record(agencyId, docType, _now(), expiresAt, 0);
            _count[root] = uint32(n);
            _roots.push(root);
            for (uint256 i = 0; i < n; ++i) {
                _proofs[root][members[i]] = StandardMerkle.proofOf(tree, members[i]);
                _isMember[root][members[i]] = true;
                _rootsOf[members[i]].push(root);
                _remember(members[i]);
            }
            if (anyRevoked) revokedReanchored += 1;
        } catch {
            _failed(expected, "issueBatch");
        }
    }

    /// @dev Revokes a single document (usually one not yet revoked), sometimes with a junk proof.
    function revokeSingle(uint256 pickSeed, uint256 actorSeed, uint256 proofSeed) external {
        uint256 n = _anchors.length;
        if (n == 0) return;
        bytes32 anchor = _anchors[pickSeed % n];
        bool preferLive = !_rare(pickSeed, 4);
        for (uint256 k = 0; k < n; ++k) {
            bytes32 candidate = _anchors[(pickSeed + k) % n];
            if (_single[candidate].issuedAt != 0 && (!preferLive || !_isAnchorRevoked(candidate))) {
                anchor = candidate;
                break;
            }
        }
        Record storage s = _single[anchor];
        address actor = _revoker(s.agencyId, actorSeed);
        bytes32[] memory proof = new bytes32[](_rare(proofSeed, 16) ? 1 : 0);
        bool may = s.issuedAt != 0 && proof.length == 0 && _authorized(actor, s.agencyId);
        bool expected = may && !_revokedIn(anchor, bytes32(0), s, true);
        bool defectExpected = may && !_revokedIn(anchor, bytes32(0), s, false);

        vm.prank(actor);
        try documents.revoke(anchor, bytes32(0), proof, bytes32("SINGLE")) {
            if (!_succeededOr(this.revokeSingle.selector, expected, defectExpected, "revoke single")) return;
            s.revokedAt = _now();
            _revocations[anchor].push(Revocation(s.agencyId, _now(), bytes32(0), false));
            _list(anchor);
        } catch {
            _failedOr(expected, defectExpected, "revoke single");
        }
    }

    /// @dev Revokes an anchor as a member of one of the batches that contain it, usually with its proof,
    /// sometimes with another member's proof or a junk element appended.
    function revokeMember(uint256 pickSeed, uint256 actorSeed, uint256 proofSeed) external {
        uint256 n = _anchors.length;
        if (n == 0) return;
        bytes32 anchor;
        bool preferLive = !_rare(pickSeed, 4);
        for (uint256 k = 0; k < n; ++k) {
            bytes32 candidate = _anchors[(pickSeed + k) % n];
            if (_rootsOf[candidate].length != 0 && (!preferLive || !_isAnchorRevoked(candidate))) {
                anchor = candidate;
                break;
            }
        }
        if (anchor == bytes32(0)) return;
        bytes32[] storage roots = _rootsOf[anchor];
        bytes32 root = roots[(pickSeed >> 8) % roots.length];
        bytes32[] memory proof = _proofs[root][anchor];
        bool proofOk = true;
        if (_rare(proofSeed, 8)) {
            bytes32[] memory longer = new bytes32[](proof.length + 1);
            for (uint256 i = 0; i < proof.length; ++i) longer[i] = proof[i];
            longer[proof.length] = keccak256(abi.encode(proofSeed));
            (proof, proofOk) = (longer, false);
        }
        Record storage b = _batch[root];
        address actor = _revoker(b.agencyId, actorSeed);
        bool may = proofOk && _authorized(actor, b.agencyId);
        bool expected = may && !_revokedIn(anchor, root, b, true);
        bool defectExpected = may && !_revokedIn(anchor, root, b, false);

        vm.prank(actor);
        try documents.revoke(anchor, root, proof, bytes32("MEMBER")) {
            if (!_succeededOr(this.revokeMember.selector, expected, defectExpected, "revoke member")) return;
            bool later = firstMemberRevokedAt[anchor] != 0;
            if (!later) (firstMemberRevokedAt[anchor], firstMemberRevokedBy[anchor]) = (_now(), b.agencyId);
            _revocations[anchor].push(Revocation(b.agencyId, _now(), root, later));
            _list(anchor);
        } catch {
            _failedOr(expected, defectExpected, "revoke member");
        }
    }

    function revokeBatch(uint256 pickSeed, uint256 actorSeed) external {
        if (_roots.length == 0) return;
        bytes32 root = _roots[pickSeed % _roots.length];
        Record storage b = _batch[root];
        address actor = _revoker(b.agencyId, actorSeed);
        bool expected = b.revokedAt == 0 && _authorized(actor, b.agencyId);

        vm.prank(actor);
        try documents.revokeBatch(root, bytes32("BATCH")) {
            if (!_succeeded(this.revokeBatch.selector, expected, "revokeBatch")) return;
            b.revokedAt = _now();
        } catch {
            _failed(expected, "revokeBatch");
        }
    }

    /// @dev The governor suspends an agency (one call in four) or reactivates a suspended one. Documents
    /// stay as they are; the suspended agency's officers can neither issue nor revoke.
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

    /// @dev Up to 3 days, sometimes up to 40 (past the expiries, which are at most 30 days away).
    function warp(uint256 secondsSeed) external {
        uint256 step = _rare(secondsSeed, 8) ? bound(secondsSeed, 3 days, 40 days) : bound(secondsSeed, 1, 3 days);
        vm.warp(uint256(_now()) + step);
        totalCalls += 1;
        totalSuccesses += 1;
        successes[this.warp.selector] += 1;
    }

    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](7);
        s[0] = this.issueSingle.selector;
        s[1] = this.issueBatch.selector;
        s[2] = this.revokeSingle.selector;
        s[3] = this.revokeMember.selector;
        s[4] = this.revokeBatch.selector;
        s[5] = this.setAgencyActive.selector;
        s[6] = this.warp.selector;
    }

    // =============================================================================================
    // Views for the invariants
    // =============================================================================================

    function anchorCount() external view returns (uint256) {
        return _anchors.length;
    }

    function anchorAt(uint256 i) external view returns (bytes32) {
        return _anchors[i];
    }

    function revokedCount() external view returns (uint256) {
        return _revoked.length;
    }

    function revokedAt(uint256 i) external view returns (bytes32) {
        return _revoked[i];
    }

    function rootCount() external view returns (uint256) {
        return _roots.length;
    }

    function rootAt(uint256 i) external view returns (bytes32) {
        return _roots[i];
    }

    function rootsOf(bytes32 anchor) external view returns (bytes32[] memory) {
        return _rootsOf[anchor];
    }

    /// @dev The anchor's proof under `root` (empty when it is not a member) and whether it is a member.
    function proofOf(bytes32 root, bytes32 anchor) external view returns (bytes32[] memory, bool) {
        return (_proofs[root][anchor], _isMember[root][anchor]);
    }

    function batch(bytes32 root) external view returns (Record memory, uint32 count) {
        return (_batch[root], _count[root]);
    }

    function isAnchorRevoked(bytes32 anchor) external view returns (bool) {
        return _isAnchorRevoked(anchor);
    }

    /// @notice What verify(anchor, root, its proof) must return by the model (root 0 is the single
    /// document; a non-zero root is one of the anchor's batches): `status` by the rule, `defectStatus` as
    /// the known defect has it (equal unless the defect shows), and the record verify reports.
    function predict(
        bytes32 anchor,
        bytes32 root
    ) external view returns (uint8 status, uint8 defectStatus, Record memory r) {
        r = root == bytes32(0) ? _single[anchor] : _batch[root];
        if (r.issuedAt == 0) return (DOC_UNKNOWN, DOC_UNKNOWN, r);
        uint8 unrevoked = r.expiresAt != 0 && r.expiresAt <= _now() ? DOC_EXPIRED : DOC_VALID;
        status = _revokedIn(anchor, root, r, true) ? DOC_REVOKED : unrevoked;
        defectStatus = _revokedIn(anchor, root, r, false) ? DOC_REVOKED : unrevoked;
    }

    // =============================================================================================
    // Helpers
    // =============================================================================================

    /// @dev Revoked singly or as a member somewhere.
    function _isAnchorRevoked(bytes32 anchor) internal view returns (bool) {
        return _revocations[anchor].length != 0;
    }

    /// @dev Whether `anchor` is revoked in record `r` (its single document for root 0, else batch `root`):
    /// the record itself is revoked (a revoked single, or a revoked batch), or some revocation of the
    /// anchor was in a record of the same agency or no later than `r`'s issue. With `rule` false, as the
    /// known defect has it: a later member revocation reaches only its own root among the agency's
    /// records issued before it.
    function _revokedIn(bytes32 anchor, bytes32 root, Record memory r, bool rule) internal view returns (bool) {
        if (r.revokedAt != 0) return true;
        Revocation[] storage list = _revocations[anchor];
        for (uint256 i = 0; i < list.length; ++i) {
            Revocation storage e = list[i];
            if (r.issuedAt >= e.at) return true;
            if (e.agencyId == r.agencyId && (rule || !e.later || e.root == root)) return true;
        }
        return false;
    }

    function _authorized(address actor, uint32 agencyId) internal view returns (bool) {
        return actor == governor || (_activeAgency(actor) == agencyId && agencyId != 0);
    }

    function _activeAgency(address actor) internal view returns (uint32) {
        uint32 agencyId = _agencyOf[actor];
        return activeModel[agencyId] ? agencyId : 0;
    }

    /// @dev A fresh anchor half the time, else (if any) an anchor already revoked, or any known anchor.
    function _anchorFor(uint256 seed) internal returns (bytes32) {
        uint256 r = _mixed(seed) % 4;
        if (r == 2 && _revoked.length != 0) return _revoked[(seed >> 2) % _revoked.length];
        if (r == 3 && _anchors.length != 0) return _anchors[(seed >> 2) % _anchors.length];
        return _fresh();
    }

    function _fresh() internal returns (bytes32) {
        return keccak256(abi.encode("anchor", ++_nonce));
    }

    function _remember(bytes32 anchor) internal {
        if (_known[anchor]) return;
        _known[anchor] = true;
        _anchors.push(anchor);
    }

    function _list(bytes32 anchor) internal {
        if (_listed[anchor]) return;
        _listed[anchor] = true;
        _revoked.push(anchor);
    }

    /// @dev A member of agency A or B seven times in eight, else the governor or a stranger (not officers).
    function _issuer(uint256 seed) internal view returns (address) {
        if (!_rare(seed, 8)) return _staff[(seed >> 3) % _staff.length];
        return seed % 2 == 0 ? governor : stranger;
    }

    /// @dev Usually the type `agencyId` is trusted for; one time in eight the other agency's type.
    function _docTypeFor(uint32 agencyId, uint256 seed) internal view returns (bytes32) {
        if (_rare(seed, 8)) return docTypeOf[agencyId == 1 ? 2 : 1];
        return docTypeOf[agencyId];
    }

    /// @dev A member of `agencyId` (11 in 16), of the other agency (2 in 16), the governor (2 in 16) or a
    /// stranger.
    function _revoker(uint32 agencyId, uint256 seed) internal view returns (address) {
        uint256 r = _mixed(seed) % 16;
        if (r == 15) return stranger;
        if (r >= 13) return governor;
        uint32 wanted = r >= 11 ? (agencyId == 1 ? 2 : 1) : agencyId;
        uint256 n = _staff.length;
        for (uint256 k = 0; k < n; ++k) {
            address candidate = _staff[((seed >> 4) + k) % n];
            if (_agencyOf[candidate] == wanted) return candidate;
        }
        return stranger;
    }

    /// @dev 0 (never) half the time; else within 30 days; sometimes invalid (now).
    function _expiry(uint256 seed) internal view returns (uint64) {
        uint256 r = _mixed(seed) % 16;
        if (r < 8) return 0;
        if (r == 15) return _now();
        return _now() + uint64(bound(seed >> 4, 1, 30 days));
    }

    function _expiryOk(uint64 expiresAt) internal view returns (bool) {
        return expiresAt == 0 || (expiresAt > _now() && expiresAt <= MAX_TIME);
    }

    function _rare(uint256 seed, uint256 n) internal view returns (bool) {
        return _mixed(seed) % n == n - 1;
    }

    function _mixed(uint256 seed) internal view returns (uint256) {
        return rawSeeds ? seed : uint256(keccak256(abi.encode(seed)));
    }

    function _succeeded(bytes4 selector, bool expected_, string memory what) internal returns (bool) {
        totalCalls += 1;
        totalSuccesses += 1;
        successes[selector] += 1;
        if (!expected_) _mismatch(string.concat(what, ": succeeded where issue 10 says it must revert"));
        return expected_;
    }

    function _failed(bool expected_, string memory what) internal {
        totalCalls += 1;
        if (expected_) _mismatch(string.concat(what, ": reverted where issue 10 says it succeeds"));
    }

    /// @dev {_succeeded}, accepting the known defect's outcome too (counted in knownDefectCalls).
    function _succeededOr(bytes4 selector, bool expected_, bool defect, string memory what) internal returns (bool) {
        if (expected_ || !defect) return _succeeded(selector, expected_, what);
        knownDefectCalls += 1;
        return _succeeded(selector, true, what);
    }

    function _failedOr(bool expected_, bool defect, string memory what) internal {
        if (expected_ && !defect) knownDefectCalls += 1;
        _failed(expected_ && defect, what);
    }

    function _mismatch(string memory what) internal {
        if (mismatches == 0) firstMismatch = what;
        mismatches += 1;
    }
}

/// @title DocumentAnchorsInvariantTest
/// @notice Stateful fuzzing of DocumentRegistry's "a revoked anchor is revoked everywhere" (issue 10)
/// through {DocumentAnchorsHandler}, with the run counts of hardhat.config.ts.
contract DocumentAnchorsInvariantTest is LayananBase {
    /// @dev The shape forge-std's StdInvariant uses; the runner reads it from {targetSelectors}.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    DocumentAnchorsHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory staffA = new address[](3);
        (staffA[0], staffA[1], staffA[2]) = (officerA, officerA2, adminA);
        address[] memory staffB = new address[](3);
        (staffB[0], staffB[1], staffB[2]) = (officerB, officerB2, adminB);
        handler = new DocumentAnchorsHandler(
            documents,
            directory,
            governor,
            stranger,
            staffA,
            staffB,
            AKTA_KELAHIRAN,
            IZIN_USAHA
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

    /// @notice No call sequence lets a revoked anchor (revoked singly or as a batch member) verify Valid in
    /// a record it is revoked in: every record of the agency it was revoked for, and every record of any
    /// agency issued at or after the revocation; those verify Revoked, whoever anchored the anchor there
    /// (singly, in a one-document batch, in a batch whose tree contains it). Under every other root the
    /// handler knows of (with an empty proof) it is Unknown. Records the known defect leaves out (see
    /// DocumentAnchorsHandler.knownDefectCalls) are checked by {invariant_documentsMatchModel}.
    function invariant_revokedAnchorNeverVerifiesValid() public view {
        uint256 revoked = handler.revokedCount();
        uint256 roots = handler.rootCount();
        for (uint256 i = 0; i < revoked; ++i) {
            bytes32 anchor = handler.revokedAt(i);
            assertTrue(handler.isAnchorRevoked(anchor), "listed as revoked");
            _assertRevokedWhereItMustBe(anchor, bytes32(0), new bytes32[](0));
            for (uint256 j = 0; j < roots; ++j) {
                bytes32 root = handler.rootAt(j);
                (bytes32[] memory proof, bool member) = handler.proofOf(root, anchor);
                if (member) {
                    _assertRevokedWhereItMustBe(anchor, root, proof);
                } else {
                    (uint8 status, , , , ) = documents.verify(anchor, root, proof);
                    assertEq(status, DOC_UNKNOWN, "a revoked anchor under a root that does not hold it");
                }
            }
        }
    }

    function _assertRevokedWhereItMustBe(bytes32 anchor, bytes32 root, bytes32[] memory proof) internal view {
        (uint8 status, , , , ) = documents.verify(anchor, root, proof);
        (uint8 expected, , ) = handler.predict(anchor, root);
        if (expected == DOC_REVOKED) {
            assertTrue(status != DOC_VALID, "a revoked anchor verifies Valid");
            assertEq(status, DOC_REVOKED, "a revoked anchor is not Revoked");
        }
    }

    /// @notice Every anchor, singly and under each batch that contains it, verifies as the model says
    /// (Unknown, Valid, Expired or Revoked, with the issuing agency, times and document type of that
    /// record); anchorRevokedAt and getBatch equal the model.
    function invariant_documentsMatchModel() public view {
        uint256 n = handler.anchorCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 anchor = handler.anchorAt(i);
            (uint64 revokedAt, uint32 revokedBy) = documents.anchorRevokedAt(anchor);
            assertEq(revokedAt, handler.firstMemberRevokedAt(anchor), "anchorRevokedAt: time");
            assertEq(revokedBy, handler.firstMemberRevokedBy(anchor), "anchorRevokedAt: agency");
            _assertVerify(anchor, bytes32(0), new bytes32[](0));
            bytes32[] memory roots = handler.rootsOf(anchor);
            for (uint256 j = 0; j < roots.length; ++j) {
                (bytes32[] memory proof, ) = handler.proofOf(roots[j], anchor);
                _assertVerify(anchor, roots[j], proof);
            }
        }
        uint256 roots_ = handler.rootCount();
        for (uint256 j = 0; j < roots_; ++j) {
            bytes32 root = handler.rootAt(j);
            (DocumentAnchorsHandler.Record memory m, uint32 count) = handler.batch(root);
            (
                uint32 agencyId,
                uint32 c,
                uint64 issuedAt,
                uint64 expiresAt,
                uint64 revokedAt,
                bytes32 docType
            ) = documents.getBatch(root);
            assertEq(agencyId, m.agencyId, "batch agency");
            assertEq(c, count, "batch count");
            assertEq(issuedAt, m.issuedAt, "batch issuedAt");
            assertEq(expiresAt, m.expiresAt, "batch expiresAt");
            assertEq(revokedAt, m.revokedAt, "batch revokedAt");
            assertEq(docType, m.docType, "batch docType");
        }
    }

    /// @notice No call succeeded or reverted against the rules, and none showed the defect of
    /// Findings.t.sol (a second agency's member revocation reaching only its own root), fixed since.
    function invariant_callsFollowDesign() public view {
        if (handler.mismatches() != 0) revert AssertionFailed(handler.firstMismatch());
        assertEq(handler.knownDefectCalls(), 0, "a call showed the fixed defect of Findings.t.sol");
    }

    /// @notice Once a sequence has 32 calls, at least one in ten succeeded: the sequences exercise the
    /// registry rather than only its refusals. (One in four was too strict: the engine's runs are not
    /// fully deterministic across machines, and a sequence that suspends the issuing agencies early
    /// legitimately has most of its later calls refused.)
    function invariant_handlerMakesProgress() public view {
        uint256 total = handler.totalCalls();
        if (total >= 32) assertTrue(handler.totalSuccesses() * 10 >= total, "fewer than 1 call in 10 succeeds");
    }

    function _assertVerify(bytes32 anchor, bytes32 root, bytes32[] memory proof) internal view {
        (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt, bytes32 docType) = documents.verify(
            anchor,
            root,
            proof
        );
        (uint8 expectedStatus, , DocumentAnchorsHandler.Record memory r) = handler.predict(anchor, root);
        assertEq(status, expectedStatus, "verify status vs model");
        if (expectedStatus == DOC_UNKNOWN) return;
        assertEq(agencyId, r.agencyId, "verify agency");
        assertEq(issuedAt, r.issuedAt, "verify issuedAt");
        assertEq(expiresAt, r.expiresAt, "verify expiresAt");
        assertEq(docType, r.docType, "verify docType");
    }

    /// @notice A fixed sequence: the handler revokes a batch member and a single document, re-anchors both
    /// singly, as one-document batches and inside new batches, by both agencies, and every action succeeds
    /// at least once; the invariants hold at the end.
    function test_handler_reanchorsRevokedAnchors() public {
        handler.useRawSeeds();
        handler.issueBatch(0, 0, 2, 0); // batch of 3 fresh anchors by officerA (AKTA_KELAHIRAN)
        handler.issueSingle(24, 0, 0); // a fresh single by officerB (IZIN_USAHA)
        handler.revokeMember(0, 0, 0); // an anchor of the batch, by officerA
        handler.revokeSingle(0, 48, 0); // the single, by officerB
        assertEq(handler.revokedCount(), 2, "two anchors revoked");
        for (uint256 i = 0; i < 6; ++i) {
            // Seeds 2 + 4k pick a revoked anchor (raw seeds): singly, as a one-document batch and inside
            // a batch of two, by agency A (seed 0) and agency B (seed 24).
            uint256 pick = 2 + 4 * i;
            handler.issueSingle(i % 2 == 0 ? 0 : 24, pick, 0);
            handler.issueBatch(i % 2 == 0 ? 24 : 0, pick, 0, 0);
        }
        handler.issueBatch(8, 2, 1, 0); // by officerA2: a revoked anchor and a fresh one
        handler.revokeBatch(0, 0);
        handler.setAgencyActive(7);
        handler.setAgencyActive(1);
        handler.warp(1 days);
        assertTrue(handler.revokedReanchored() >= 4, "revoked anchors re-anchored");
        bytes4[] memory all = handler.selectors();
        for (uint256 i = 0; i < all.length; ++i) {
            if (handler.successes(all[i]) == 0) revert AssertEqBytes32("no successful call of", all[i], bytes32(0));
        }
        assertEq(handler.mismatches(), 0, "mismatches");
        invariant_revokedAnchorNeverVerifiesValid();
        invariant_documentsMatchModel();
        invariant_callsFollowDesign();
        invariant_handlerMakesProgress();
    }
}
