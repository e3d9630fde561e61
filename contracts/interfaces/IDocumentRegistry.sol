// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IDocumentRegistry
/// @notice Anchors of the documents agencies issue, singly or in batches anchored as the root of an
/// OpenZeppelin StandardMerkleTree with leaf encoding ["bytes32"]. An anchor is `sha256(file)` for a
/// public document, and `keccak256(abi.encode(sha256(file), salt))` with a random 32-byte salt kept in
/// the document's receipt for a document that carries personal data, so the chain alone never
/// confirms a guess of a file's content. Document types with trusted issuers decide which agency may
/// issue what; a revoked anchor is revoked everywhere.
interface IDocumentRegistry {
    /// @notice Result of {verify}.
    enum DocumentStatus {
        Unknown,
        Valid,
        Revoked,
        Expired
    }

    /// @notice Emitted when the governor registers a document type.
    event DocumentTypeRegistered(bytes32 indexed docType, string description);

    /// @notice Emitted when the governor trusts or distrusts an agency as issuer of a document type.
    event TrustedDocumentIssuerSet(bytes32 indexed docType, uint32 indexed agencyId, bool trusted);

    /// @notice Emitted when a document is issued singly.
    event DocumentIssued(
        bytes32 indexed documentHash,
        uint32 indexed agencyId,
        bytes32 indexed docType,
        address officer,
        uint64 expiresAt
    );

    /// @notice Emitted when a batch of `count` documents is issued as Merkle root `root`.
    event BatchIssued(
        bytes32 indexed root,
        uint32 indexed agencyId,
        bytes32 indexed docType,
        address officer,
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

    /// @notice Thrown when `account` is not the directory's governor.
    error DocumentsNotGovernor(address account);

    /// @notice Thrown when a document type is zero.
    error DocumentsZeroType();

    /// @notice Thrown when a document type is registered twice.
    error DocumentsTypeExists(bytes32 docType);

    /// @notice Thrown when a description is empty or longer than `maxLength` bytes.
    error DocumentsInvalidDescription(uint256 length, uint256 maxLength);

    /// @notice Thrown when no more document types can be registered.
    error DocumentsTooManyTypes();

    /// @notice Thrown when `docType` is not registered.
    error DocumentsUnknownType(bytes32 docType);

    /// @notice Thrown when `agencyId` is not a registered agency.
    error DocumentsUnknownAgency(uint32 agencyId);

    /// @notice Thrown when setting a trust to the value it already has.
    error DocumentsTrustUnchanged(bytes32 docType, uint32 agencyId);

    /// @notice Thrown when agency `agencyId` is not trusted to issue `docType`.
    error DocumentsUntrustedIssuer(bytes32 docType, uint32 agencyId);

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

    /// @notice Thrown when `documentHash` (under `root`) is already revoked, here or anywhere else.
    error DocumentsAlreadyRevoked(bytes32 documentHash, bytes32 root);

    /// @notice Thrown when `account` is neither an officer of agency `agencyId`, which issued the
    /// document, nor the governor.
    error DocumentsUnauthorized(address account, uint32 agencyId);

    /// @notice Registers a document type, e.g. `keccak256("AKTA_KELAHIRAN")`. The directory's governor only.
    /// @param description Public description (1 to 280 bytes), e.g. "Akta kelahiran".
    function registerDocumentType(bytes32 docType, string calldata description) external;

    /// @notice Trusts or distrusts `agencyId` as an issuer of `docType`. The directory's governor only.
    /// What an agency issued stays as it is; distrust only stops new issues.
    function setTrustedDocumentIssuer(bytes32 docType, uint32 agencyId, bool trusted) external;

    /// @notice Issues one document. An officer of an active agency trusted for `docType`; an anchor is
    /// issued once.
    /// @param documentHash The anchor: `sha256(file)` (public) or `keccak256(abi.encode(sha256(file), salt))`.
    /// @param expiresAt 0 = never, else a future time.
    function issue(bytes32 documentHash, bytes32 docType, uint64 expiresAt) external;

    /// @notice Issues a batch as a Merkle root. An officer of an active agency trusted for `docType`; a
    /// root is issued once.
    /// @param merkleRoot Root of a StandardMerkleTree over the anchors, leaf encoding ["bytes32"].
    /// @param count Number of documents in the batch (informational, non-zero).
    /// @param expiresAt 0 = never, else a future time; applies to every document of the batch.
    function issueBatch(bytes32 merkleRoot, uint32 count, bytes32 docType, uint64 expiresAt) external;

    /// @notice Revokes one document, once, everywhere: it never verifies Valid again, whatever root it
    /// is presented with. An officer of the issuing agency, or the governor.
    /// @param root 0 (with an empty proof) for a singly issued document, else the batch root.
    /// @param proof The document's Merkle proof under `root`.
    /// @param reason A public reason code, e.g. `bytes32("ISSUED_IN_ERROR")`.
    function revoke(bytes32 documentHash, bytes32 root, bytes32[] calldata proof, bytes32 reason) external;

    /// @notice Revokes every document of batch `root`, once. An officer of the issuing agency, or the governor.
    function revokeBatch(bytes32 root, bytes32 reason) external;

    /// @notice The status of a document. A document stays valid when its agency is later suspended;
    /// revocation withdraws it. Revoked wins over Expired; a revoked anchor is Revoked under any root.
    /// @param root 0 (with an empty proof) for a singly issued document, else the batch root.
    /// @return status Unknown(0) Valid(1) Revoked(2) Expired(3).
    /// @return agencyId The issuing agency (0 when Unknown).
    /// @return issuedAt When it was issued (0 when Unknown).
    /// @return expiresAt 0 = never.
    /// @return docType The document type (0 when Unknown).
    function verify(
        bytes32 documentHash,
        bytes32 root,
        bytes32[] calldata proof
    ) external view returns (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt, bytes32 docType);
}
