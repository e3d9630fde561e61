// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDocumentRegistry} from "../interfaces/IDocumentRegistry.sol";
import {LayananBase} from "./Base.t.sol";
import {StandardMerkle} from "./utils/StandardMerkle.t.sol";

/// @title DocumentRegistryFuzzTest
/// @notice Fuzz tests of DocumentRegistry: batches as StandardMerkleTree roots built on chain from fuzzed
/// fingerprints, expiry and revocation of single and batch documents, and who may issue and revoke.
contract DocumentRegistryFuzzTest is LayananBase {
    uint40 internal constant MAX_TIME = type(uint40).max;

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /// @dev `n` distinct non-zero fingerprints from fuzzed seeds (a repeated or zero seed is re-hashed).
    function _fingerprints(bytes32[16] memory seeds, uint256 n) internal pure returns (bytes32[] memory fps) {
        fps = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 fp = seeds[i];
            while (fp == bytes32(0) || _contains(fps, i, fp)) fp = keccak256(abi.encode(fp, i));
            fps[i] = fp;
        }
    }

    function _contains(bytes32[] memory list, uint256 length, bytes32 value) internal pure returns (bool) {
        for (uint256 i = 0; i < length; ++i) if (list[i] == value) return true;
        return false;
    }

    function _verify(bytes32 fp, bytes32 root, bytes32[] memory proof) internal view returns (uint8 status) {
        (status, , , , ) = documents.verify(fp, root, proof);
    }

    /// @dev Issues a batch of `n` fuzzed fingerprints as officerA and returns them with the tree.
    function _issueBatch(
        bytes32[16] memory seeds,
        uint256 n,
        uint64 expiresAt
    ) internal returns (bytes32[] memory fps, bytes32[] memory tree, bytes32 root) {
        fps = _fingerprints(seeds, n);
        tree = StandardMerkle.build(fps);
        root = StandardMerkle.root(tree);
        vm.prank(officerA);
        documents.issueBatch(root, uint32(n), AKTA_KELAHIRAN, expiresAt);
    }

    // ---------------------------------------------------------------------------------------------
    // The on-chain tree builder agrees with the npm library the scripts and the dApp use
    // ---------------------------------------------------------------------------------------------

    /// @dev Vector from `StandardMerkleTree.of(fps.map(f => [f]), ["bytes32"])` (@openzeppelin/merkle-tree
    /// 1.0.8), fps = sha256("dokumen-1".."dokumen-5").
    function test_standardMerkle_matchesOpenZeppelinMerkleTree() public {
        bytes32[] memory fps = new bytes32[](5);
        fps[0] = 0xac637d2b906d70311a15eda6e4cde5da9564a5804a6c3e1d9fc8aa2231c3f62d;
        fps[1] = 0xe4fa1c77559b3e8a043881cdb5d7389032961f364f94f88094562ed389b5016f;
        fps[2] = 0x6da3518f6d8918de44196729b5b82364428b5b0e7c07773be7caccaef0e5187d;
        fps[3] = 0xcd28caf21a1d0be94df1ea16f2c0b7604a79f3c02705e65bb9f2cb52972abe80;
        fps[4] = 0x41c90002f62b93388bbb1ee58a915d2ba56ecc1dae3a96b4502ce876eb00f5d8;
        assertEq(fps[0], sha256("dokumen-1"), "fingerprint is sha256 of the bytes");
        bytes32[] memory tree = StandardMerkle.build(fps);
        bytes32 root = 0xebdd8f5e930663331ebf9c3dee3351b6eee624050713e2ffc3022640edfb78ae;
        assertEq(StandardMerkle.root(tree), root, "root as @openzeppelin/merkle-tree");
        bytes32[] memory proof0 = StandardMerkle.proofOf(tree, fps[0]);
        assertEq(proof0.length, 3, "proof0 length");
        assertEq(proof0[0], 0x3101c4c0df13560fc9552fbaaa58bb5b34168343ad941ff069bad489853afd02, "proof0[0]");
        assertEq(proof0[1], 0xf73f6809d30b7e8edd64185df40d74179e17d54dea4e04ac68bc3e9521eb41e8, "proof0[1]");
        assertEq(proof0[2], 0xa6ec5c665c112d3a8a0f7fc47e7976d215852a9ad0fa6b10d980576f06ca0ba4, "proof0[2]");
        bytes32[] memory proof4 = StandardMerkle.proofOf(tree, fps[4]);
        assertEq(proof4.length, 2, "proof4 length");
        assertEq(proof4[0], 0x8321b8268781621cb4e4ac15e1cfc94bab5e1c6f43d542123013a3c1fde45d5c, "proof4[0]");
        assertEq(proof4[1], 0xf2691f5b5e6c2beed74bee817ec371d8497fd952d482232bffcfb85de8992a90, "proof4[1]");

        vm.prank(officerA);
        documents.issueBatch(root, 5, AKTA_KELAHIRAN, 0);
        assertEq(_verify(fps[0], root, proof0), DOC_VALID, "npm proof verifies on chain");
        assertEq(_verify(fps[4], root, proof4), DOC_VALID, "npm proof verifies on chain");
    }

    // ---------------------------------------------------------------------------------------------
    // Batches
    // ---------------------------------------------------------------------------------------------

    /// @notice Every member of a fuzzed batch (2..16 documents) verifies Valid with its proof; a fuzzed
    /// non-member, a member under the wrong root or with another member's proof, and an inner node of the
    /// tree presented as a document are all Unknown.
    function testFuzz_issueBatch_membersValidOthersUnknown(
        bytes32[16] memory seeds,
        uint256 count,
        bytes32 outsider,
        uint256 innerSeed
    ) public {
        uint256 n = bound(count, 2, 16);
        (bytes32[] memory fps, bytes32[] memory tree, bytes32 root) = _issueBatch(seeds, n, 0);
        (uint32 batchAgency, uint32 batchCount, uint64 batchIssuedAt, , , bytes32 batchType) = documents.getBatch(root);
        assertEq(batchAgency, AGENCY_A, "batch agency");
        assertEq(batchType, AKTA_KELAHIRAN, "batch docType");
        assertEq(batchCount, n, "batch count");
        assertEq(batchIssuedAt, START, "batch issuedAt");

        for (uint256 i = 0; i < n; ++i) {
            bytes32[] memory proof = StandardMerkle.proofOf(tree, fps[i]);
            (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt, bytes32 docType) = documents.verify(
                fps[i],
                root,
                proof
            );
            assertEq(status, DOC_VALID, "member is Valid");
            assertEq(docType, AKTA_KELAHIRAN, "member docType");
            assertEq(agencyId, AGENCY_A, "member agency");
            assertEq(issuedAt, START, "member issuedAt");
            assertEq(expiresAt, 0, "member expiresAt");
            // Not issued singly, and not under another root.
            assertEq(_verify(fps[i], bytes32(0), new bytes32[](0)), DOC_UNKNOWN, "member is not a single document");
            assertEq(_verify(fps[i], keccak256(abi.encode(root)), proof), DOC_UNKNOWN, "member under a wrong root");
            // Another member's proof does not place this member.
            bytes32[] memory otherProof = StandardMerkle.proofOf(tree, fps[(i + 1) % n]);
            assertEq(_verify(fps[i], root, otherProof), DOC_UNKNOWN, "member with another member's proof");
        }

        // A fuzzed non-member, with any member's proof or none.
        while (_contains(fps, n, outsider)) outsider = keccak256(abi.encode(outsider));
        assertEq(_verify(outsider, root, StandardMerkle.proofOf(tree, fps[0])), DOC_UNKNOWN, "non-member");
        assertEq(_verify(outsider, root, StandardMerkle.proofOf(tree, fps[n - 1])), DOC_UNKNOWN, "non-member");
        assertEq(_verify(outsider, root, new bytes32[](0)), DOC_UNKNOWN, "non-member, empty proof");
        assertEq(_verify(outsider, bytes32(0), new bytes32[](0)), DOC_UNKNOWN, "non-member, single");

        // An inner node (indices 0..n-2; 0 is the root) with the proof of its position would pass a
        // tree with single-hashed leaves; the double-hashed leaf rules it out.
        uint256 k = bound(innerSeed, 0, n - 2);
        bytes32 node = tree[k];
        bytes32[] memory nodeProof = StandardMerkle.proofAt(tree, k);
        bytes32 folded = node;
        for (uint256 i = 0; i < nodeProof.length; ++i) folded = StandardMerkle.hashPair(folded, nodeProof[i]);
        assertEq(folded, root, "the inner node's proof folds to the root");
        assertEq(_verify(node, root, nodeProof), DOC_UNKNOWN, "inner node used as a leaf");
        // Nor may the leaf hash itself be presented as a fingerprint.
        uint256 leafIndex = StandardMerkle.indexOf(tree, fps[0]);
        assertEq(_verify(tree[leafIndex], root, StandardMerkle.proofAt(tree, leafIndex)), DOC_UNKNOWN, "leaf as doc");
    }

    /// @notice A batch of one document: the root is the leaf, the proof empty.
    function testFuzz_issueBatch_singleLeafBatch(bytes32 fp, uint64 expiresAt) public {
        vm.assume(fp != bytes32(0));
        expiresAt = uint64(bound(expiresAt, START + 1, MAX_TIME));
        bytes32 root = StandardMerkle.leaf(fp);
        vm.prank(officerB);
        documents.issueBatch(root, 1, IZIN_USAHA, expiresAt);
        (uint8 status, uint32 agencyId, , uint64 exp, bytes32 docType) = documents.verify(fp, root, new bytes32[](0));
        assertEq(status, DOC_VALID, "single-leaf batch member");
        assertEq(agencyId, AGENCY_B, "agency");
        assertEq(docType, IZIN_USAHA, "docType");
        assertEq(exp, expiresAt, "expiresAt");
        assertEq(_verify(root, root, new bytes32[](0)), DOC_UNKNOWN, "root as a document");
    }

    /// @notice Revoking one member revokes only it (by any officer of the issuing agency, once); another
    /// agency's officer cannot; revoking the whole batch revokes every member.
    function testFuzz_revoke_batchMemberThenWholeBatch(
        bytes32[16] memory seeds,
        uint256 count,
        uint256 pick,
        bytes32 reason
    ) public {
        uint256 n = bound(count, 2, 16);
        (bytes32[] memory fps, bytes32[] memory tree, bytes32 root) = _issueBatch(seeds, n, 0);
        uint256 victim = bound(pick, 0, n - 1);
        bytes32[] memory victimProof = StandardMerkle.proofOf(tree, fps[victim]);

        vm.prank(officerB);
        vm.expectRevert(
            abi.encodeWithSelector(IDocumentRegistry.DocumentsUnauthorized.selector, officerB, uint32(AGENCY_A))
        );
        documents.revoke(fps[victim], root, victimProof, reason);

        // A wrong proof is refused before anything else.
        bytes32[] memory wrongProof = StandardMerkle.proofOf(tree, fps[(victim + 1) % n]);
        vm.prank(officerA2);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsInvalidProof.selector, fps[victim], root));
        documents.revoke(fps[victim], root, wrongProof, reason);

        vm.prank(officerA2);
        documents.revoke(fps[victim], root, victimProof, reason);
        for (uint256 i = 0; i < n; ++i) {
            uint8 expected = i == victim ? DOC_REVOKED : DOC_VALID;
            assertEq(_verify(fps[i], root, StandardMerkle.proofOf(tree, fps[i])), expected, "after member revoke");
        }

        vm.prank(adminA);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyRevoked.selector, fps[victim], root));
        documents.revoke(fps[victim], root, victimProof, reason);

        vm.prank(officerB);
        vm.expectRevert(
            abi.encodeWithSelector(IDocumentRegistry.DocumentsUnauthorized.selector, officerB, uint32(AGENCY_A))
        );
        documents.revokeBatch(root, reason);

        vm.prank(adminA);
        documents.revokeBatch(root, reason);
        for (uint256 i = 0; i < n; ++i) {
            assertEq(_verify(fps[i], root, StandardMerkle.proofOf(tree, fps[i])), DOC_REVOKED, "after batch revoke");
        }
        vm.prank(officerA);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyRevoked.selector, root, root));
        documents.revokeBatch(root, reason);
    }

    // ---------------------------------------------------------------------------------------------
    // Expiry and revocation
    // ---------------------------------------------------------------------------------------------

    /// @notice `expiresAt` is 0 or a future time that fits the registry's 40-bit storage; anything else reverts.
    function testFuzz_issue_expiryMustBeZeroOrFuture(bytes32 fp, uint64 expiresAt, bool asBatch) public {
        vm.assume(fp != bytes32(0));
        bool ok = expiresAt == 0 || (expiresAt > START && expiresAt <= MAX_TIME);
        vm.prank(officerA);
        if (!ok) vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsInvalidExpiry.selector, expiresAt));
        if (asBatch) documents.issueBatch(fp, 3, AKTA_KELAHIRAN, expiresAt);
        else documents.issue(fp, AKTA_KELAHIRAN, expiresAt);
    }

    /// @notice A document is Valid before `expiresAt`, Expired from `expiresAt` on, and Revoked after a
    /// revocation whatever the time (single document, or member of a one-document batch).
    function testFuzz_verify_validThenExpiredThenRevoked(
        bytes32 fp,
        uint64 expiresAt,
        uint256 warpTo,
        bool asBatch,
        bytes32 reason
    ) public {
        vm.assume(fp != bytes32(0));
        // 0 = never; else in the future.
        if (expiresAt != 0) expiresAt = uint64(bound(expiresAt, START + 1, MAX_TIME - 1));
        bytes32 root = asBatch ? StandardMerkle.leaf(fp) : bytes32(0);
        vm.prank(officerA);
        if (asBatch) documents.issueBatch(root, 1, AKTA_KELAHIRAN, expiresAt);
        else documents.issue(fp, AKTA_KELAHIRAN, expiresAt);

        uint256 horizon = expiresAt == 0 ? uint256(START) + 100 * 365 days : uint256(expiresAt) + 30 days;
        uint256 t = bound(warpTo, START, horizon);
        vm.warp(t);
        uint8 expected = expiresAt != 0 && t >= expiresAt ? DOC_EXPIRED : DOC_VALID;
        (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 exp, bytes32 docType) = documents.verify(
            fp,
            root,
            new bytes32[](0)
        );
        assertEq(status, expected, "Valid before expiry, Expired after");
        assertEq(docType, AKTA_KELAHIRAN, "docType");
        assertEq(agencyId, AGENCY_A, "agency");
        assertEq(issuedAt, START, "issuedAt");
        assertEq(exp, expiresAt, "expiresAt");

        // Exactly at the boundary.
        if (expiresAt != 0) {
            vm.warp(expiresAt - 1);
            assertEq(_verify(fp, root, new bytes32[](0)), DOC_VALID, "one second before expiry");
            vm.warp(expiresAt);
            assertEq(_verify(fp, root, new bytes32[](0)), DOC_EXPIRED, "at expiry");
            vm.warp(t);
        }

        // Revocation works on an expired document too, and Revoked wins over Expired.
        vm.prank(officerA2);
        documents.revoke(fp, root, new bytes32[](0), reason);
        assertEq(_verify(fp, root, new bytes32[](0)), DOC_REVOKED, "Revoked after revoke");
        vm.warp(horizon + 1);
        assertEq(_verify(fp, root, new bytes32[](0)), DOC_REVOKED, "still Revoked later");
    }

    /// @notice A fingerprint (or root) is issued once, whoever tries again.
    function testFuzz_issue_onlyOnce(bytes32 fp, uint64 expiresAt, bool secondByOtherAgency) public {
        vm.assume(fp != bytes32(0));
        if (expiresAt != 0) expiresAt = uint64(bound(expiresAt, START + 1, MAX_TIME));
        vm.prank(officerA);
        documents.issue(fp, AKTA_KELAHIRAN, expiresAt);
        // Agency B under the type it is trusted for (under A's type it would not get that far).
        vm.prank(secondByOtherAgency ? officerB : officerA2);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyIssued.selector, fp));
        documents.issue(fp, secondByOtherAgency ? IZIN_USAHA : AKTA_KELAHIRAN, 0);
        // The same value may still be anchored as a batch root (a different namespace).
        vm.prank(officerA);
        documents.issueBatch(fp, 2, AKTA_KELAHIRAN, 0);
        vm.prank(secondByOtherAgency ? officerB : officerA);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyIssued.selector, fp));
        documents.issueBatch(fp, 2, secondByOtherAgency ? IZIN_USAHA : AKTA_KELAHIRAN, 0);
    }

    /// @notice Only an officer or admin of an active agency may issue.
    function testFuzz_issue_revertsForNonOfficer(address caller, bytes32 fp) public {
        vm.assume(directory.activeAgencyOf(caller) == 0);
        vm.assume(fp != bytes32(0));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsNotOfficer.selector, caller));
        documents.issue(fp, AKTA_KELAHIRAN, 0);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsNotOfficer.selector, caller));
        documents.issueBatch(fp, 1, IZIN_USAHA, 0);
    }

    /// @notice A document records a past fact: it stays Valid while its agency is suspended, and only an
    /// officer of the issuing agency (while active) may revoke it, or the governor (see
    /// testFuzz_revoke_governorRevokesAnyDocument).
    function testFuzz_verify_staysValidWhenAgencySuspended(bytes32 fp, bytes32 reason) public {
        vm.assume(fp != bytes32(0));
        vm.prank(officerA);
        documents.issue(fp, AKTA_KELAHIRAN, 0);
        vm.prank(governor);
        directory.setAgencyActive(AGENCY_A, false);
        assertEq(_verify(fp, bytes32(0), new bytes32[](0)), DOC_VALID, "valid while agency suspended");

        vm.prank(officerA);
        vm.expectRevert(
            abi.encodeWithSelector(IDocumentRegistry.DocumentsUnauthorized.selector, officerA, uint32(AGENCY_A))
        );
        documents.revoke(fp, bytes32(0), new bytes32[](0), reason);
        vm.prank(officerB);
        vm.expectRevert(
            abi.encodeWithSelector(IDocumentRegistry.DocumentsUnauthorized.selector, officerB, uint32(AGENCY_A))
        );
        documents.revoke(fp, bytes32(0), new bytes32[](0), reason);

        vm.prank(governor);
        directory.setAgencyActive(AGENCY_A, true);
        vm.prank(officerA);
        documents.revoke(fp, bytes32(0), new bytes32[](0), reason);
        assertEq(_verify(fp, bytes32(0), new bytes32[](0)), DOC_REVOKED, "revoked");
    }

    /// @notice A single document is revoked with root 0 and an empty proof only.
    function testFuzz_revoke_singleNeedsEmptyProof(bytes32 fp, bytes32 junk) public {
        vm.assume(fp != bytes32(0));
        vm.prank(officerA);
        documents.issue(fp, AKTA_KELAHIRAN, 0);
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = junk;
        vm.prank(officerA);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsNotIssued.selector, fp, bytes32(0)));
        documents.revoke(fp, bytes32(0), proof, bytes32("X"));
        assertEq(_verify(fp, bytes32(0), proof), DOC_UNKNOWN, "a proof with root 0 is Unknown");
        assertEq(_verify(fp, bytes32(0), new bytes32[](0)), DOC_VALID, "still valid");
    }

    // ---------------------------------------------------------------------------------------------
    // Document types and trusted issuers (issue 10)
    // ---------------------------------------------------------------------------------------------

    /// @notice An officer issues (singly or as a batch) under a document type its agency is trusted for, and
    /// under no other: an unregistered type is DocumentsUnknownType, a registered one its agency is not
    /// trusted for DocumentsUntrustedIssuer. A trust the governor adds allows new issues; a trust removed
    /// stops them and leaves what was issued as it is.
    function testFuzz_issue_needsTrustedDocumentType(bytes32 docType, bytes32 fp, bool byB, bool asBatch) public {
        vm.assume(fp != bytes32(0));
        (address officer, uint32 agencyId) = byB ? (officerB, AGENCY_B) : (officerA, AGENCY_A);
        // Half the time one of the two registered types (the officer's own or the other agency's).
        if (uint256(docType) % 2 == 0) docType = uint256(docType) % 4 == 0 ? AKTA_KELAHIRAN : IZIN_USAHA;
        bool registered = docType == AKTA_KELAHIRAN || docType == IZIN_USAHA;
        bool trusted = docType == _docTypeOf(agencyId);
        assertEq(documents.isTrustedDocumentIssuer(docType, agencyId), trusted, "isTrustedDocumentIssuer");
        assertEq(documents.isDocumentType(docType), registered, "isDocumentType");

        vm.prank(officer);
        if (!registered) {
            vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsUnknownType.selector, docType));
        } else if (!trusted) {
            vm.expectRevert(
                abi.encodeWithSelector(IDocumentRegistry.DocumentsUntrustedIssuer.selector, docType, agencyId)
            );
        }
        _issue(fp, docType, asBatch);
        if (!registered) return;

        if (!trusted) {
            vm.prank(governor);
            documents.setTrustedDocumentIssuer(docType, agencyId, true);
            vm.prank(officer);
            _issue(fp, docType, asBatch);
        }
        (uint8 status, uint32 issuer, , , bytes32 issuedType) = documents.verify(
            fp,
            asBatch ? StandardMerkle.leaf(fp) : bytes32(0),
            new bytes32[](0)
        );
        assertEq(status, DOC_VALID, "issued");
        assertEq(issuer, agencyId, "issuing agency");
        assertEq(issuedType, docType, "docType");

        vm.prank(governor);
        documents.setTrustedDocumentIssuer(docType, agencyId, false);
        bytes32 fp2 = keccak256(abi.encode(fp));
        vm.prank(officer);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsUntrustedIssuer.selector, docType, agencyId));
        _issue(fp2, docType, asBatch);
        assertEq(
            _verify(fp, asBatch ? StandardMerkle.leaf(fp) : bytes32(0), new bytes32[](0)),
            DOC_VALID,
            "a distrust leaves what was issued"
        );
    }

    /// @dev Issues `fp` singly, or as a one-document batch (root = leaf), as whoever is pranked.
    function _issue(bytes32 fp, bytes32 docType, bool asBatch) internal {
        if (asBatch) documents.issueBatch(StandardMerkle.leaf(fp), 1, docType, 0);
        else documents.issue(fp, docType, 0);
    }

    /// @notice The governor may revoke any agency's single document, batch member or whole batch, also while
    /// the agency is suspended (recovery from a leaked officer key).
    function testFuzz_revoke_governorRevokesAnyDocument(
        bytes32[16] memory seeds,
        uint256 count,
        uint256 pick,
        bool byB,
        bool suspend,
        bytes32 reason
    ) public {
        uint256 n = bound(count, 2, 15);
        bytes32[] memory fps = _fingerprints(seeds, n + 1);
        bytes32 single = fps[n];
        (address officer, uint32 agencyId) = byB ? (officerB, AGENCY_B) : (officerA, AGENCY_A);
        bytes32[] memory members = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) members[i] = fps[i];
        bytes32[] memory tree = StandardMerkle.build(members);
        bytes32 root = StandardMerkle.root(tree);
        vm.startPrank(officer);
        documents.issue(single, _docTypeOf(agencyId), 0);
        documents.issueBatch(root, uint32(n), _docTypeOf(agencyId), 0);
        vm.stopPrank();
        if (suspend) {
            vm.prank(governor);
            directory.setAgencyActive(agencyId, false);
        }
        uint256 victim = bound(pick, 0, n - 1);
        vm.startPrank(governor);
        documents.revoke(single, bytes32(0), new bytes32[](0), reason);
        documents.revoke(members[victim], root, StandardMerkle.proofOf(tree, members[victim]), reason);
        vm.stopPrank();
        assertEq(_verify(single, bytes32(0), new bytes32[](0)), DOC_REVOKED, "single revoked by the governor");
        for (uint256 i = 0; i < n; ++i) {
            assertEq(
                _verify(members[i], root, StandardMerkle.proofOf(tree, members[i])),
                i == victim ? DOC_REVOKED : DOC_VALID,
                "member revoked by the governor, the others not"
            );
        }
        vm.prank(governor);
        documents.revokeBatch(root, reason);
        (, , , , uint64 revokedAt, ) = documents.getBatch(root);
        assertEq(revokedAt, _now(), "batch revoked by the governor");
    }

    // ---------------------------------------------------------------------------------------------
    // A revoked anchor is revoked everywhere (issue 10)
    // ---------------------------------------------------------------------------------------------

    /// @notice An anchor revoked (as a batch member, or as a single document; by its agency or the governor)
    /// never verifies Valid again in any record of its agency nor in any record issued since, whatever the
    /// root: its own, another batch of its agency whose tree contains it, a fresh one-document batch whose
    /// root is its leaf, a new batch whose tree contains it (by either agency), or a single issue of it; the
    /// other documents of those batches are unaffected, and so is an earlier batch of another agency that
    /// anchored the same hash (the lead's rule in DocumentRegistry's NatSpec: "revoked everywhere, but only
    /// by the issuer"; anchored in the same second as the revocation, it counts as issued since). An anchor
    /// revoked anywhere cannot be revoked again in a record it is revoked in.
    function testFuzz_revokedAnchor_neverVerifiesValidUnderAnyRoot(
        bytes32[16] memory seeds,
        uint256 count,
        uint256 pick,
        bool revokeAsSingle,
        bool byGovernor,
        bool reanchorByB,
        uint256 warpBy
    ) public {
        uint256 n = bound(count, 2, 8);
        bytes32[] memory fps = _fingerprints(seeds, 2 * n);
        bytes32[] memory first = new bytes32[](n);
        bytes32[] memory second = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) (first[i], second[i]) = (fps[i], fps[n + i]);
        uint256 v = bound(pick, 0, n - 1);
        bytes32 victim = first[v];
        bytes32[] memory tree1;
        bytes32 root1;

        if (revokeAsSingle) {
            vm.prank(officerA);
            documents.issue(victim, AKTA_KELAHIRAN, 0);
        } else {
            tree1 = StandardMerkle.build(first);
            root1 = StandardMerkle.root(tree1);
            vm.prank(officerA);
            documents.issueBatch(root1, uint32(n), AKTA_KELAHIRAN, 0);
        }
        // Before the revocation: another batch of agency A, and one of agency B, whose trees hold the victim.
        bytes32[] memory pair = new bytes32[](2);
        (pair[0], pair[1]) = (victim, keccak256(abi.encode(victim, "A")));
        bytes32[] memory treeEarlyA = StandardMerkle.build(pair);
        pair[1] = keccak256(abi.encode(victim, "B"));
        bytes32[] memory treeEarlyB = StandardMerkle.build(pair);
        vm.prank(officerA2);
        documents.issueBatch(StandardMerkle.root(treeEarlyA), 2, AKTA_KELAHIRAN, 0);
        vm.prank(officerB2);
        documents.issueBatch(StandardMerkle.root(treeEarlyB), 2, IZIN_USAHA, 0);

        bytes32[] memory proof1 = revokeAsSingle ? new bytes32[](0) : StandardMerkle.proofOf(tree1, victim);
        vm.warp(START + bound(warpBy, 0, 400 days));
        vm.prank(byGovernor ? governor : officerA2);
        documents.revoke(victim, root1, proof1, bytes32("ISSUED_IN_ERROR"));
        assertEq(_verify(victim, root1, proof1), DOC_REVOKED, "revoked where it was revoked");
        (uint64 revokedAt, uint32 revokedBy) = documents.anchorRevokedAt(victim);
        assertEq(revokedAt, revokeAsSingle ? 0 : _now(), "anchorRevokedAt: time");
        assertEq(revokedBy, revokeAsSingle ? 0 : AGENCY_A, "anchorRevokedAt: agency");
        assertEq(
            _verify(victim, StandardMerkle.root(treeEarlyA), StandardMerkle.proofOf(treeEarlyA, victim)),
            DOC_REVOKED,
            "in an earlier batch of the same agency"
        );
        assertEq(
            _verify(victim, StandardMerkle.root(treeEarlyB), StandardMerkle.proofOf(treeEarlyB, victim)),
            _now() > START ? DOC_VALID : DOC_REVOKED,
            "an earlier batch of another agency is not affected (unless anchored in the same second)"
        );

        // Re-anchored: as a one-document batch (root = leaf) and inside a new batch (its tree: the victim
        // and n - 1 fresh anchors), by agency A or B.
        second[v] = victim;
        bytes32[] memory tree2 = StandardMerkle.build(second);
        bytes32 root2 = StandardMerkle.root(tree2);
        bytes32 leafRoot = StandardMerkle.leaf(victim);
        (address officer, bytes32 docType) = reanchorByB ? (officerB, IZIN_USAHA) : (officerA, AKTA_KELAHIRAN);
        vm.startPrank(officer);
        documents.issueBatch(leafRoot, 1, docType, 0);
        documents.issueBatch(root2, uint32(n), docType, 0);
        if (!revokeAsSingle) documents.issue(victim, docType, 0); // and singly, where it was not yet
        vm.stopPrank();

        bytes32[] memory proof2 = StandardMerkle.proofOf(tree2, victim);
        assertEq(_verify(victim, leafRoot, new bytes32[](0)), DOC_REVOKED, "one-document batch root = leaf");
        assertEq(_verify(victim, root2, proof2), DOC_REVOKED, "inside a new batch");
        assertEq(_verify(victim, bytes32(0), new bytes32[](0)), DOC_REVOKED, "as a single document");
        if (!revokeAsSingle) assertEq(_verify(victim, root1, proof1), DOC_REVOKED, "under its first root");
        for (uint256 i = 0; i < n; ++i) {
            if (i == v) continue;
            assertEq(_verify(second[i], root2, StandardMerkle.proofOf(tree2, second[i])), DOC_VALID, "others");
            if (!revokeAsSingle) {
                assertEq(_verify(first[i], root1, StandardMerkle.proofOf(tree1, first[i])), DOC_VALID, "others");
            }
        }

        // Revoked there already: once.
        vm.prank(officer);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyRevoked.selector, victim, root2));
        documents.revoke(victim, root2, proof2, bytes32("AGAIN"));
        vm.prank(governor);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyRevoked.selector, victim, bytes32(0)));
        documents.revoke(victim, bytes32(0), new bytes32[](0), bytes32("AGAIN"));
    }

    /// @notice "Revoking an anchor already revoked anywhere: DocumentsAlreadyRevoked": an anchor revoked as
    /// a single document and re-anchored afterwards in a batch (here a one-document batch, root = leaf) by
    /// either agency is Revoked there and cannot be revoked a second time through it. (A regression test:
    /// the first issue-10 contract accepted that second revocation.)
    function testFuzz_revoke_anchorRevokedAsSingleIsNotRevokedAgainInABatch(
        bytes32 fp,
        bool reanchorByB,
        uint256 warpBy
    ) public {
        vm.assume(fp != bytes32(0));
        vm.prank(officerA);
        documents.issue(fp, AKTA_KELAHIRAN, 0);
        vm.prank(officerA);
        documents.revoke(fp, bytes32(0), new bytes32[](0), bytes32("ISSUED_IN_ERROR"));

        vm.warp(START + bound(warpBy, 0, 400 days));
        bytes32 root = StandardMerkle.leaf(fp);
        (address officer, bytes32 docType) = reanchorByB ? (officerB, IZIN_USAHA) : (officerA, AKTA_KELAHIRAN);
        vm.prank(officer);
        documents.issueBatch(root, 1, docType, 0);
        assertEq(_verify(fp, root, new bytes32[](0)), DOC_REVOKED, "revoked inside the batch");

        vm.prank(officer);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsAlreadyRevoked.selector, fp, root));
        documents.revoke(fp, root, new bytes32[](0), bytes32("AGAIN"));
        (uint64 revokedAt, ) = documents.anchorRevokedAt(fp);
        assertEq(revokedAt, 0, "no member revocation recorded");
    }

    /// @notice Only an officer of the issuing agency or the governor revokes a document: agency B cannot
    /// revoke agency A's document (single, or a batch member) by anchoring the same hash in a batch of its
    /// own (a one-document batch) a second or more later and revoking it there; B's own record is Revoked.
    /// (A regression test: the first issue-10 contract let B do so.)
    function testFuzz_revoke_otherAgencyCannotRevokeADocumentByReanchoringIt(
        bytes32 fp,
        bool asMember,
        uint256 warpBy
    ) public {
        vm.assume(fp != bytes32(0));
        bytes32[] memory empty = new bytes32[](0);
        bytes32 rootA;
        bytes32[] memory proofA = empty;
        if (asMember) {
            bytes32[] memory fps = new bytes32[](2);
            (fps[0], fps[1]) = (fp, keccak256(abi.encode(fp)));
            bytes32[] memory tree = StandardMerkle.build(fps);
            rootA = StandardMerkle.root(tree);
            proofA = StandardMerkle.proofOf(tree, fp);
            vm.prank(officerA);
            documents.issueBatch(rootA, 2, AKTA_KELAHIRAN, 0);
        } else {
            vm.prank(officerA);
            documents.issue(fp, AKTA_KELAHIRAN, 0);
        }

        vm.prank(officerB);
        vm.expectRevert(abi.encodeWithSelector(IDocumentRegistry.DocumentsUnauthorized.selector, officerB, AGENCY_A));
        documents.revoke(fp, rootA, proofA, bytes32("B"));

        vm.warp(START + bound(warpBy, 1, 400 days));
        bytes32 rootB = StandardMerkle.leaf(fp);
        vm.startPrank(officerB);
        documents.issueBatch(rootB, 1, IZIN_USAHA, 0);
        documents.revoke(fp, rootB, empty, bytes32("B"));
        vm.stopPrank();

        assertEq(_verify(fp, rootB, empty), DOC_REVOKED, "B's own record is revoked");
        (uint8 status, uint32 agencyId, , , ) = documents.verify(fp, rootA, proofA);
        assertEq(agencyId, AGENCY_A, "agency A's document");
        assertEq(status, DOC_VALID, "agency A's document is not revoked by agency B");
    }
}
