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
/// @dev Revoked everywhere, but only by the issuer: an anchor revoked in a record of agency X (a single
/// document, or a batch member) is Revoked in every record of agency X, and in every record of any
/// agency issued at or after the revocation (so nobody revives it by anchoring it anew). An earlier
/// record of another agency is not affected: no agency can withdraw another's document by anchoring
/// it in a batch of its own and revoking it there.
/// Gas: an issue (single or batch) writes one slot and reads one (the issuer's trust); a member
/// revocation writes one slot, keyed by the anchor (the first revocation) or, in the rare case that
/// another agency already revoked the same anchor, by (agency, anchor).
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
    /// @dev The first revocation of an anchor as a batch member: when, and the issuing agency.
    struct AnchorRevocation {
        uint40 revokedAt;
        uint32 agencyId;
    }

    mapping(bytes32 documentHash => AnchorRevocation) private _revokedAnchors;
    /// @dev Member revocations by an agency that found another agency's revocation in _revokedAnchors.
    mapping(uint32 agencyId => mapping(bytes32 documentHash => uint40 revokedAt)) private _revokedByAgency;

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
        _write(record, agencyId, 0, expiresAt, index);
        emit DocumentIssued(documentHash, agencyId, docType, officer, expiresAt);
    }

    /// @inheritdoc IDocumentRegistry
    function issueBatch(bytes32 merkleRoot, uint32 count, bytes32 docType, uint64 expiresAt) external {
        (address officer, uint32 agencyId, uint16 index) = _issuer(merkleRoot, docType, expiresAt);
        if (count == 0) revert DocumentsEmptyBatch();
        Record storage batch = _batches[merkleRoot];
        if (batch.issuedAt != 0) revert DocumentsAlreadyIssued(merkleRoot);
        _write(batch, agencyId, count, expiresAt, index);
        emit BatchIssued(merkleRoot, agencyId, docType, officer, count, expiresAt);
    }

    /// @inheritdoc IDocumentRegistry
    function revoke(bytes32 documentHash, bytes32 root, bytes32[] calldata proof, bytes32 reason) external {
        uint32 agencyId;
        if (root == bytes32(0)) {
            Record storage document = _documents[documentHash];
            Record memory record = document;
            if (record.issuedAt == 0 || proof.length != 0) revert DocumentsNotIssued(documentHash, root);
            if (_isRevoked(documentHash, bytes32(0), record)) revert DocumentsAlreadyRevoked(documentHash, root);
            agencyId = record.agencyId;
            _authorizeRevoker(agencyId);
            document.revokedAt = uint40(block.timestamp);
        } else {
            Record memory batch = _batches[root];
            if (batch.issuedAt == 0) revert DocumentsNotIssued(documentHash, root);
            if (!MerkleProof.verifyCalldata(proof, root, _leaf(documentHash))) {
                revert DocumentsInvalidProof(documentHash, root);
            }
            if (_isRevoked(documentHash, root, batch)) revert DocumentsAlreadyRevoked(documentHash, root);
            agencyId = batch.agencyId;
            _authorizeRevoker(agencyId);
            if (_revokedAnchors[documentHash].revokedAt == 0) {
                _revokedAnchors[documentHash] = AnchorRevocation(uint40(block.timestamp), agencyId);
            } else {
                _revokedByAgency[agencyId][documentHash] = uint40(block.timestamp);
            }
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
        if (root == bytes32(0)) {
            if (proof.length != 0) return (uint8(DocumentStatus.Unknown), 0, 0, 0, bytes32(0));
            record = _documents[documentHash];
        } else {
            record = _batches[root];
            if (record.issuedAt == 0 || !MerkleProof.verifyCalldata(proof, root, _leaf(documentHash))) {
                return (uint8(DocumentStatus.Unknown), 0, 0, 0, bytes32(0));
            }
        }
        if (record.issuedAt == 0) return (uint8(DocumentStatus.Unknown), 0, 0, 0, bytes32(0));
        if (_isRevoked(documentHash, root, record)) status = uint8(DocumentStatus.Revoked);
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

    /// @notice The first revocation of `documentHash` as a member of a batch: when (0 if never) and the
    /// issuing agency. It is then Revoked in that agency's records, and in every record issued since.
    function anchorRevokedAt(bytes32 documentHash) external view returns (uint64 revokedAt, uint32 agencyId) {
        AnchorRevocation memory first = _revokedAnchors[documentHash];
        return (first.revokedAt, first.agencyId);
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

    /// @dev Whether `documentHash` in `record` (single when `root` is 0, else batch `root`) is revoked:
    /// the record itself, the member under this root, or the anchor revoked elsewhere by the same
    /// agency or before this record was issued.
    function _isRevoked(bytes32 documentHash, bytes32 root, Record memory record) private view returns (bool) {
        if (record.revokedAt != 0) return true;
        AnchorRevocation memory first = _revokedAnchors[documentHash];
        if (first.revokedAt != 0 && (first.agencyId == record.agencyId || record.issuedAt >= first.revokedAt)) {
            return true;
        }
        // _revokedByAgency is written only once another agency holds the anchor's first revocation.
        if (first.revokedAt != 0 && _revokedByAgency[record.agencyId][documentHash] != 0) return true;
        if (root == bytes32(0)) return false;
        Record memory single = _documents[documentHash];
        return single.revokedAt != 0 && (single.agencyId == record.agencyId || record.issuedAt >= single.revokedAt);
    }

    /// @dev Writes a new record as one packed word (one SSTORE): agencyId | count | issuedAt | expiresAt
    /// | revokedAt (0) | docTypeIndex, in the struct's field order from the lowest bits.
    function _write(Record storage record, uint32 agencyId, uint32 count, uint64 expiresAt, uint16 index) private {
        uint256 word =
            uint256(agencyId) |
                (uint256(count) << 32) |
                (uint256(uint40(block.timestamp)) << 64) |
                (uint256(uint40(expiresAt)) << 104) |
                (uint256(index) << 184);
        assembly ("memory-safe") {
            sstore(record.slot, word)
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
