// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title StandardMerkle
/// @notice An on-chain re-implementation of OpenZeppelin's `StandardMerkleTree` (npm package
/// openzeppelin/merkle-tree) for leaf encoding ["bytes32"], for tests: leaves are
/// `keccak256(bytes.concat(keccak256(abi.encode(fingerprint))))`, sorted; the tree is the
/// complete binary tree stored in an array with the root at index 0 and leaf `i` (in sorted order)
/// at index `length - 1 - i`; inner nodes hash their children as a sorted pair (commutative keccak).
library StandardMerkle {
    /// @dev The StandardMerkleTree leaf of `fingerprint` with leaf encoding ["bytes32"].
    function leaf(bytes32 fingerprint) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(fingerprint))));
    }

    /// @dev OpenZeppelin's commutative keccak256 of a pair.
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @dev The whole tree of `fingerprints` (non-empty, distinct), as the npm library lays it out.
    function build(bytes32[] memory fingerprints) internal pure returns (bytes32[] memory tree) {
        uint256 n = fingerprints.length;
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) leaves[i] = leaf(fingerprints[i]);
        _sort(leaves);
        tree = new bytes32[](2 * n - 1);
        for (uint256 i = 0; i < n; ++i) tree[tree.length - 1 - i] = leaves[i];
        for (uint256 i = tree.length - n; i > 0; --i) {
            tree[i - 1] = hashPair(tree[2 * (i - 1) + 1], tree[2 * (i - 1) + 2]);
        }
    }

    /// @dev The root of `tree`.
    function root(bytes32[] memory tree) internal pure returns (bytes32) {
        return tree[0];
    }

    /// @dev The tree index of `fingerprint`'s leaf; reverts if absent.
    function indexOf(bytes32[] memory tree, bytes32 fingerprint) internal pure returns (uint256) {
        bytes32 target = leaf(fingerprint);
        uint256 n = (tree.length + 1) / 2;
        for (uint256 i = tree.length - n; i < tree.length; ++i) if (tree[i] == target) return i;
        revert("StandardMerkle: not a member");
    }

    /// @dev The proof of the node at tree index `index` (a leaf for a document proof; an inner node to
    /// build a second-preimage style attack).
    function proofAt(bytes32[] memory tree, uint256 index) internal pure returns (bytes32[] memory proof) {
        uint256 depth = 0;
        for (uint256 j = index; j > 0; j = (j - 1) / 2) ++depth;
        proof = new bytes32[](depth);
        uint256 k = 0;
        for (uint256 j = index; j > 0; j = (j - 1) / 2) {
            proof[k++] = tree[j % 2 == 1 ? j + 1 : j - 1];
        }
    }

    /// @dev The proof of `fingerprint`.
    function proofOf(bytes32[] memory tree, bytes32 fingerprint) internal pure returns (bytes32[] memory) {
        return proofAt(tree, indexOf(tree, fingerprint));
    }

    function _sort(bytes32[] memory a) private pure {
        for (uint256 i = 1; i < a.length; ++i) {
            bytes32 key = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > key) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = key;
        }
    }
}
