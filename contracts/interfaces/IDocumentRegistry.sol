// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IDocumentRegistry
/// @notice Fingerprints (SHA-256 of the file bytes) of the documents agencies issue, singly or in
/// batches anchored as the root of an OpenZeppelin StandardMerkleTree with leaf encoding ["bytes32"].
interface IDocumentRegistry {
    /// @notice Result of {verify}.
    enum DocumentStatus {
        Unknown,
        Valid,
        Revoked,
        Expired
    }

    /// @notice Emitted when a document is issued singly.
    event DocumentIssued(
        bytes32 indexed documentHash,
        uint32 indexed agencyId,
        address indexed officer,
        uint64 expiresAt
    );

    /// @notice Emitted when a batch of `count` documents is issued as Merkle root `root`.
    event BatchIssued(
        bytes32 indexed root,
        uint32 indexed agencyId,
        address indexed officer,
        uint32 count,
        uint64 expiresAt
    );

    /// @notice Emitted when a document is revoked; `root` is 0 for a singly issued document.
    event DocumentRevoked(
        bytes32 indexed documentHash,
        bytes32 indexed root,
        uint32 indexed agencyId,
        address by,
        bytes32 reason
    );

    /// @notice Emitted when a whole batch is revoked.
    event BatchRevoked(bytes32 indexed root, uint32 indexed agencyId, address indexed by, bytes32 reason);

    /// @notice Thrown when `account` is not an officer of an active agency.
    error DocumentsNotOfficer(address account);

    /// @notice Thrown when a fingerprint or root is zero.
    error DocumentsZeroHash();

    /// @notice Thrown when a batch count is zero.
    error DocumentsEmptyBatch();

    /// @notice Thrown when `expiresAt` is neither 0 nor a time in the (representable) future.
    error DocumentsInvalidExpiry(uint64 expiresAt);

    /// @notice Thrown when fingerprint or root `hash` was already issued.
    error DocumentsAlreadyIssued(bytes32 hash);

    /// @notice Thrown when `documentHash` (under `root`, 0 for single issue) was never issued.
    error DocumentsNotIssued(bytes32 documentHash, bytes32 root);

    /// @notice Thrown when the proof does not place `documentHash` under `root`.
    error DocumentsInvalidProof(bytes32 documentHash, bytes32 root);

    /// @notice Thrown when `documentHash` (under `root`) is already revoked.
    error DocumentsAlreadyRevoked(bytes32 documentHash, bytes32 root);

    /// @notice Thrown when `account` is not an officer of agency `agencyId`, which issued the document.
    error DocumentsUnauthorized(address account, uint32 agencyId);

    /// @notice Issues one document. An officer of an active agency; a fingerprint is issued once.
    /// @param documentHash SHA-256 of the file bytes (what `sha256sum` prints).
    /// @param expiresAt 0 = never, else a future time.
    function issue(bytes32 documentHash, uint64 expiresAt) external;

    /// @notice Issues a batch as a Merkle root. An officer of an active agency; a root is issued once.
    /// @param merkleRoot Root of a StandardMerkleTree over the fingerprints, leaf encoding ["bytes32"].
    /// @param count Number of documents in the batch (informational, non-zero).
    /// @param expiresAt 0 = never, else a future time; applies to every document of the batch.
    function issueBatch(bytes32 merkleRoot, uint32 count, uint64 expiresAt) external;

    /// @notice Revokes one document, once. An officer of the issuing agency.
    /// @param root 0 (with an empty proof) for a singly issued document, else the batch root.
    /// @param proof The document's Merkle proof under `root`.
    /// @param reason A public reason code, e.g. `bytes32("ISSUED_IN_ERROR")`.
    function revoke(bytes32 documentHash, bytes32 root, bytes32[] calldata proof, bytes32 reason) external;

    /// @notice Revokes every document of batch `root`, once. An officer of the issuing agency.
    function revokeBatch(bytes32 root, bytes32 reason) external;

    /// @notice The status of a document. A document stays valid when its agency is later suspended;
    /// revocation withdraws it. Revoked wins over Expired.
    /// @param root 0 (with an empty proof) for a singly issued document, else the batch root.
    /// @return status Unknown(0) Valid(1) Revoked(2) Expired(3).
    /// @return agencyId The issuing agency (0 when Unknown).
    /// @return issuedAt When it was issued (0 when Unknown).
    /// @return expiresAt 0 = never.
    function verify(
        bytes32 documentHash,
        bytes32 root,
        bytes32[] calldata proof
    ) external view returns (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt);
}
