// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LayananBase} from "./Base.t.sol";
import {StandardMerkle} from "./utils/StandardMerkle.t.sol";

/// @title DocumentRegistryFindingsTest
/// @notice A defect found in DocumentRegistry while writing the issue-10 tests, kept as a regression test:
/// the test states the rule as DocumentRegistry's NatSpec describes it; it failed against the first
/// version of the revocation scoping and passes since a second agency's member revocation is recorded
/// per agency (`_revokedByAgency`).
contract DocumentRegistryFindingsTest is LayananBase {
    /// @notice DocumentRegistry's NatSpec: "an anchor revoked in a record of agency X (a single document, or
    /// a batch member) is Revoked in every record of agency X". That holds for the first agency that
    /// revokes the anchor as a batch member (recorded in `_revokedAnchors`); it did not for a second agency,
    /// whose member revocation went to a per-root mapping that `_isRevoked` read for that root only. So when agency A has revoked an anchor first and agency B then revokes the same anchor in
    /// one of its batches, B's other records of it issued before A's revocation (another batch, or B's
    /// single document) stay Valid. Here agency A and agency B both anchored the same hash (B twice);
    /// A revokes it in its batch, then B in its first batch: B's other record should be Revoked.
    function testFuzz_revoke_secondAgencysMemberRevocationReachesItsOtherRecords(
        bytes32 fp,
        bool otherIsSingle,
        uint256 warp1,
        uint256 warp2
    ) public {
        vm.assume(fp != bytes32(0));
        bytes32[] memory empty = new bytes32[](0);
        bytes32 rootA = StandardMerkle.leaf(fp); // agency A's one-document batch
        bytes32[] memory pair = new bytes32[](2);
        (pair[0], pair[1]) = (fp, keccak256(abi.encode(fp, "B1")));
        bytes32[] memory treeB1 = StandardMerkle.build(pair);
        pair[1] = keccak256(abi.encode(fp, "B2"));
        bytes32[] memory treeB2 = StandardMerkle.build(pair);
        bytes32 rootB1 = StandardMerkle.root(treeB1);
        bytes32 rootB2 = StandardMerkle.root(treeB2);

        vm.prank(officerA);
        documents.issueBatch(rootA, 1, AKTA_KELAHIRAN, 0);
        vm.startPrank(officerB);
        documents.issueBatch(rootB1, 2, IZIN_USAHA, 0);
        if (otherIsSingle) documents.issue(fp, IZIN_USAHA, 0);
        else documents.issueBatch(rootB2, 2, IZIN_USAHA, 0);
        vm.stopPrank();
        (bytes32 otherRoot, bytes32[] memory otherProof) = otherIsSingle
            ? (bytes32(0), empty)
            : (rootB2, StandardMerkle.proofOf(treeB2, fp));

        // Agency A revokes its record first (a second or more later), then agency B revokes its first batch's.
        vm.warp(START + bound(warp1, 1, 30 days));
        vm.prank(officerA);
        documents.revoke(fp, rootA, empty, bytes32("A"));
        assertEq(_status(fp, rootB1, StandardMerkle.proofOf(treeB1, fp)), DOC_VALID, "A's revocation leaves B's");
        vm.warp(_now() + bound(warp2, 0, 30 days));
        vm.prank(officerB2);
        documents.revoke(fp, rootB1, StandardMerkle.proofOf(treeB1, fp), bytes32("B"));
        assertEq(_status(fp, rootB1, StandardMerkle.proofOf(treeB1, fp)), DOC_REVOKED, "B's batch is revoked");

        assertEq(_status(fp, otherRoot, otherProof), DOC_REVOKED, "B's other record of the anchor is revoked too");
    }

    function _status(bytes32 fp, bytes32 root, bytes32[] memory proof) internal view returns (uint8 status) {
        (status, , , , ) = documents.verify(fp, root, proof);
    }
}
