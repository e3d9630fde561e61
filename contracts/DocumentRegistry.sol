// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IAgencyDirectory} from "./interfaces/IAgencyDirectory.sol";
import {IDocumentRegistry} from "./interfaces/IDocumentRegistry.sol";

/// @title DocumentRegistry
/// @notice Agencies anchor the documents they issue; anyone verifies a file by hashing it locally.
/// Leaves are double-hashed (`keccak256(bytes.concat(keccak256(abi.encode(anchor))))`, as
/// OpenZeppelin's StandardMerkleTree does), so an inner node of a tree can never pass as a document.
/// An agency issues only the document types the governor trusts it for, so no agency can take
/// another's fingerprint or root by front-running it under a type it does not issue.
/// @dev Gas: an issue (single or batch) writes one slot and reads one (the issuer's trust); a member
/// revocation writes one slot. A revoked member is recorded by its anchor, not by its root, so it is
/// revoked under every root it may later be presented with.
contract DocumentRegistry is IDocumentRegistry, Context {
    /// @notice Longest document type description, in bytes.
    uint256 public constant MAX_DESCRIPTION_LENGTH = 280;

    /// @notice The agency directory.
    IAgencyDirectory public immutable DIRECTORY;

    /// @dev A single document or a batch, in one slot.
    struct Record {
        uint32 agencyId;
        uint32 count; // 0 for a single document
        uint40 issuedAt;
        uint40 expiresAt;
        uint40 revokedAt;
        uint16 docTypeIndex; // 1-based index into _docTypes
    }

    struct DocumentTypeInfo {
        uint16 index; // 1-based; 0 = not registered
        string description;
    }

    bytes32[] private _docTypes;
    mapping(bytes32 docType => DocumentTypeInfo) private _docTypeInfo;
    /// @dev Non-zero (the type's index) when the agency is trusted: one read answers both questions.
    mapping(bytes32 docType => mapping(uint32 agencyId => uint16 docTypeIndex)) private _trusted;
    mapping(bytes32 documentHash => Record) private _documents;
    mapping(bytes32 root => Record) private _batches;
    /// @dev Anchors revoked as members of a batch, whatever the root.
    mapping(bytes32 documentHash => uint40 revokedAt) private _revokedAnchors;

    /// @param directory The AgencyDirectory.
    constructor(IAgencyDirectory directory) {
        DIRECTORY = directory;
    }

    // ---------------------------------------------------------------------------------------------
    // Governor
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDocumentRegistry
    function registerDocumentType(bytes32 docType, string calldata description) external {
        _onlyGovernor();
        if (docType == bytes32(0)) revert DocumentsZeroType();
        if (_docTypeInfo[docType].index != 0) revert DocumentsTypeExists(docType);
        uint256 length = bytes(description).length;
        if (length == 0 || length > MAX_DESCRIPTION_LENGTH) {
            revert DocumentsInvalidDescription(length, MAX_DESCRIPTION_LENGTH);
        }
        if (_docTypes.length == type(uint16).max) revert DocumentsTooManyTypes();
        _docTypes.push(docType);
        _docTypeInfo[docType] = DocumentTypeInfo(uint16(_docTypes.length), description);
        emit DocumentTypeRegistered(docType, description);
    }

    /// @inheritdoc IDocumentRegistry
    function setTrustedDocumentIssuer(bytes32 docType, uint32 agencyId, bool trusted) external {
        _onlyGovernor();
        uint16 index = _docTypeInfo[docType].index;
        if (index == 0) revert DocumentsUnknownType(docType);
        if (DIRECTORY.agencyAdmin(agencyId) == address(0)) revert DocumentsUnknownAgency(agencyId);
        if ((_trusted[docType][agencyId] != 0) == trusted) revert DocumentsTrustUnchanged(docType, agencyId);
        _trusted[docType][agencyId] = trusted ? index : 0;
        emit TrustedDocumentIssuerSet(docType, agencyId, trusted);
    }

    // ---------------------------------------------------------------------------------------------
    // Officers
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDocumentRegistry
    function issue(bytes32 documentHash, bytes32 docType, uint64 expiresAt) external {
        (address officer, uint32 agencyId, uint16 index) = _issuer(documentHash, docType, expiresAt);
        Record storage record = _documents[documentHash];
        if (record.issuedAt != 0) revert DocumentsAlreadyIssued(documentHash);
        (record.agencyId, record.issuedAt, record.expiresAt, record.docTypeIndex) = (
            agencyId,
            uint40(block.timestamp),
            uint40(expiresAt),
            index
        );
        emit DocumentIssued(documentHash, agencyId, docType, officer, expiresAt);
    }

    /// @inheritdoc IDocumentRegistry
    function issueBatch(bytes32 merkleRoot, uint32 count, bytes32 docType, uint64 expiresAt) external {
        (address officer, uint32 agencyId, uint16 index) = _issuer(merkleRoot, docType, expiresAt);
        if (count == 0) revert DocumentsEmptyBatch();
        Record storage batch = _batches[merkleRoot];
        if (batch.issuedAt != 0) revert DocumentsAlreadyIssued(merkleRoot);
        (batch.agencyId, batch.count, batch.issuedAt, batch.expiresAt, batch.docTypeIndex) = (
            agencyId,
            count,
            uint40(block.timestamp),
            uint40(expiresAt),
            index
        );
        emit BatchIssued(merkleRoot, agencyId, docType, officer, count, expiresAt);
    }

    /// @inheritdoc IDocumentRegistry
    function revoke(bytes32 documentHash, bytes32 root, bytes32[] calldata proof, bytes32 reason) external {
        uint32 agencyId;
        if (root == bytes32(0)) {
            Record storage document = _documents[documentHash];
            Record memory record = document;
            if (record.issuedAt == 0 || proof.length != 0) revert DocumentsNotIssued(documentHash, root);
            if (record.revokedAt != 0 || _revokedAnchors[documentHash] != 0) {
                revert DocumentsAlreadyRevoked(documentHash, root);
            }
            agencyId = record.agencyId;
            _authorizeRevoker(agencyId);
            document.revokedAt = uint40(block.timestamp);
        } else {
            Record memory batch = _batches[root];
            if (batch.issuedAt == 0) revert DocumentsNotIssued(documentHash, root);
            if (!MerkleProof.verifyCalldata(proof, root, _leaf(documentHash))) {
                revert DocumentsInvalidProof(documentHash, root);
            }
            if (batch.revokedAt != 0 || _revokedAnchors[documentHash] != 0) {
                revert DocumentsAlreadyRevoked(documentHash, root);
            }
            agencyId = batch.agencyId;
            _authorizeRevoker(agencyId);
            _revokedAnchors[documentHash] = uint40(block.timestamp);
        }
        emit DocumentRevoked(documentHash, root, agencyId, _msgSender(), reason);
    }

    /// @inheritdoc IDocumentRegistry
    function revokeBatch(bytes32 root, bytes32 reason) external {
        Record storage batch = _batches[root];
        if (batch.issuedAt == 0) revert DocumentsNotIssued(root, root);
        if (batch.revokedAt != 0) revert DocumentsAlreadyRevoked(root, root);
        uint32 agencyId = batch.agencyId;
        _authorizeRevoker(agencyId);
        batch.revokedAt = uint40(block.timestamp);
        emit BatchRevoked(root, agencyId, _msgSender(), reason);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IDocumentRegistry
    function verify(
        bytes32 documentHash,
        bytes32 root,
        bytes32[] calldata proof
    ) external view returns (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt, bytes32 docType) {
        Record memory record;
        bool revoked = _revokedAnchors[documentHash] != 0;
        if (root == bytes32(0)) {
            if (proof.length != 0) return (uint8(DocumentStatus.Unknown), 0, 0, 0, bytes32(0));
            record = _documents[documentHash];
        } else {
            record = _batches[root];
            if (record.issuedAt == 0 || !MerkleProof.verifyCalldata(proof, root, _leaf(documentHash))) {
                return (uint8(DocumentStatus.Unknown), 0, 0, 0, bytes32(0));
            }
            // Revoked everywhere: an anchor revoked as a single document stays revoked in any batch.
            revoked = revoked || _documents[documentHash].revokedAt != 0;
        }
        if (record.issuedAt == 0) return (uint8(DocumentStatus.Unknown), 0, 0, 0, bytes32(0));
        if (revoked || record.revokedAt != 0) status = uint8(DocumentStatus.Revoked);
        else if (record.expiresAt != 0 && record.expiresAt <= block.timestamp) status = uint8(DocumentStatus.Expired);
        else status = uint8(DocumentStatus.Valid);
        return (status, record.agencyId, record.issuedAt, record.expiresAt, _docTypes[record.docTypeIndex - 1]);
    }

    /// @notice The batch anchored as `root`: issuing agency, document count, issue, expiry and revocation
    /// times and document type (all 0 when unknown).
    function getBatch(
        bytes32 root
    )
        external
        view
        returns (uint32 agencyId, uint32 count, uint64 issuedAt, uint64 expiresAt, uint64 revokedAt, bytes32 docType)
    {
        Record memory batch = _batches[root];
        docType = batch.docTypeIndex == 0 ? bytes32(0) : _docTypes[batch.docTypeIndex - 1];
        return (batch.agencyId, batch.count, batch.issuedAt, batch.expiresAt, batch.revokedAt, docType);
    }

    /// @notice When `documentHash` was revoked as a member of a batch (0 if not): it is then revoked
    /// under every root.
    function anchorRevokedAt(bytes32 documentHash) external view returns (uint64) {
        return _revokedAnchors[documentHash];
    }

    /// @notice The registered document types, in registration order.
    function documentTypes() external view returns (bytes32[] memory) {
        return _docTypes;
    }

    /// @notice The description of `docType` (empty when not registered).
    function documentTypeDescription(bytes32 docType) external view returns (string memory) {
        return _docTypeInfo[docType].description;
    }

    /// @notice True when `docType` is registered.
    function isDocumentType(bytes32 docType) external view returns (bool) {
        return _docTypeInfo[docType].index != 0;
    }

    /// @notice True when `agencyId` is trusted to issue `docType`.
    function isTrustedDocumentIssuer(bytes32 docType, uint32 agencyId) external view returns (bool) {
        return _trusted[docType][agencyId] != 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev The sender must be an officer of an active agency trusted for `docType`; checks what issue
    /// and issueBatch share.
    function _issuer(
        bytes32 hash,
        bytes32 docType,
        uint64 expiresAt
    ) private view returns (address officer, uint32 agencyId, uint16 index) {
        officer = _msgSender();
        agencyId = DIRECTORY.activeAgencyOf(officer);
        if (agencyId == 0) revert DocumentsNotOfficer(officer);
        index = _trusted[docType][agencyId];
        if (index == 0) {
            if (_docTypeInfo[docType].index == 0) revert DocumentsUnknownType(docType);
            revert DocumentsUntrustedIssuer(docType, agencyId);
        }
        if (hash == bytes32(0)) revert DocumentsZeroHash();
        if (expiresAt != 0 && (expiresAt <= block.timestamp || expiresAt > type(uint40).max)) {
            revert DocumentsInvalidExpiry(expiresAt);
        }
    }

    /// @dev An officer of the issuing agency (active), or the governor (recovery from a leaked key).
    function _authorizeRevoker(uint32 agencyId) private view {
        address sender = _msgSender();
        if (DIRECTORY.activeAgencyOf(sender) != agencyId && !DIRECTORY.isGovernor(sender)) {
            revert DocumentsUnauthorized(sender, agencyId);
        }
    }

    function _onlyGovernor() private view {
        address sender = _msgSender();
        if (!DIRECTORY.isGovernor(sender)) revert DocumentsNotGovernor(sender);
    }

    /// @dev The StandardMerkleTree leaf of an anchor with leaf encoding ["bytes32"].
    function _leaf(bytes32 documentHash) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(documentHash))));
    }
}
