// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {IAgencyDirectory} from "./interfaces/IAgencyDirectory.sol";
import {IDocumentRegistry} from "./interfaces/IDocumentRegistry.sol";

/// @title DocumentRegistry
/// @notice Agencies anchor the SHA-256 fingerprints of the documents they issue; anyone verifies a
/// file by hashing it locally. Leaves are double-hashed (`keccak256(bytes.concat(keccak256(abi.encode(fingerprint))))`,
/// as OpenZeppelin's StandardMerkleTree does), so an inner node of a tree can never pass as a document.
/// @dev Gas: an issue (single or batch) writes one slot; a member revocation writes one slot.
contract DocumentRegistry is IDocumentRegistry, Context {
    /// @notice The agency directory.
    IAgencyDirectory public immutable DIRECTORY;

    /// @dev A single document or a batch, in one slot.
    struct Record {
        uint32 agencyId;
        uint32 count; // 0 for a single document
        uint40 issuedAt;
        uint40 expiresAt;
        uint40 revokedAt;
    }

    mapping(bytes32 documentHash => Record) private _documents;
    mapping(bytes32 root => Record) private _batches;
    mapping(bytes32 root => mapping(bytes32 documentHash => uint40 revokedAt)) private _revokedMembers;

    /// @param directory The AgencyDirectory.
    constructor(IAgencyDirectory directory) {
        DIRECTORY = directory;
    }

    /// @inheritdoc IDocumentRegistry
    function issue(bytes32 documentHash, uint64 expiresAt) external {
        (address officer, uint32 agencyId) = _issuer(documentHash, expiresAt);
        if (_documents[documentHash].issuedAt != 0) revert DocumentsAlreadyIssued(documentHash);
        _documents[documentHash] = Record(agencyId, 0, uint40(block.timestamp), uint40(expiresAt), 0);
        emit DocumentIssued(documentHash, agencyId, officer, expiresAt);
    }

    /// @inheritdoc IDocumentRegistry
    function issueBatch(bytes32 merkleRoot, uint32 count, uint64 expiresAt) external {
        (address officer, uint32 agencyId) = _issuer(merkleRoot, expiresAt);
        if (count == 0) revert DocumentsEmptyBatch();
        if (_batches[merkleRoot].issuedAt != 0) revert DocumentsAlreadyIssued(merkleRoot);
        _batches[merkleRoot] = Record(agencyId, count, uint40(block.timestamp), uint40(expiresAt), 0);
        emit BatchIssued(merkleRoot, agencyId, officer, count, expiresAt);
    }

    /// @inheritdoc IDocumentRegistry
    function revoke(bytes32 documentHash, bytes32 root, bytes32[] calldata proof, bytes32 reason) external {
        uint32 agencyId;
        if (root == bytes32(0)) {
            Record storage document = _documents[documentHash];
            Record memory record = document;
            if (record.issuedAt == 0 || proof.length != 0) revert DocumentsNotIssued(documentHash, root);
            if (record.revokedAt != 0) revert DocumentsAlreadyRevoked(documentHash, root);
            agencyId = record.agencyId;
            _onlyOfficerOf(agencyId);
            document.revokedAt = uint40(block.timestamp);
        } else {
            Record memory batch = _batches[root];
            if (batch.issuedAt == 0) revert DocumentsNotIssued(documentHash, root);
            if (!MerkleProof.verifyCalldata(proof, root, _leaf(documentHash))) {
                revert DocumentsInvalidProof(documentHash, root);
            }
            if (batch.revokedAt != 0 || _revokedMembers[root][documentHash] != 0) {
                revert DocumentsAlreadyRevoked(documentHash, root);
            }
            agencyId = batch.agencyId;
            _onlyOfficerOf(agencyId);
            _revokedMembers[root][documentHash] = uint40(block.timestamp);
        }
        emit DocumentRevoked(documentHash, root, agencyId, _msgSender(), reason);
    }

    /// @inheritdoc IDocumentRegistry
    function revokeBatch(bytes32 root, bytes32 reason) external {
        Record storage batch = _batches[root];
        if (batch.issuedAt == 0) revert DocumentsNotIssued(root, root);
        if (batch.revokedAt != 0) revert DocumentsAlreadyRevoked(root, root);
        uint32 agencyId = batch.agencyId;
        _onlyOfficerOf(agencyId);
        batch.revokedAt = uint40(block.timestamp);
        emit BatchRevoked(root, agencyId, _msgSender(), reason);
    }

    /// @inheritdoc IDocumentRegistry
    function verify(
        bytes32 documentHash,
        bytes32 root,
        bytes32[] calldata proof
    ) external view returns (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt) {
        Record memory record;
        uint40 memberRevokedAt;
        if (root == bytes32(0)) {
            if (proof.length != 0) return (uint8(DocumentStatus.Unknown), 0, 0, 0);
            record = _documents[documentHash];
        } else {
            record = _batches[root];
            if (record.issuedAt == 0 || !MerkleProof.verifyCalldata(proof, root, _leaf(documentHash))) {
                return (uint8(DocumentStatus.Unknown), 0, 0, 0);
            }
            memberRevokedAt = _revokedMembers[root][documentHash];
        }
        if (record.issuedAt == 0) return (uint8(DocumentStatus.Unknown), 0, 0, 0);
        if (record.revokedAt != 0 || memberRevokedAt != 0) status = uint8(DocumentStatus.Revoked);
        else if (record.expiresAt != 0 && record.expiresAt <= block.timestamp) status = uint8(DocumentStatus.Expired);
        else status = uint8(DocumentStatus.Valid);
        return (status, record.agencyId, record.issuedAt, record.expiresAt);
    }

    /// @notice The batch anchored as `root`: issuing agency, document count, issue, expiry and revocation
    /// times (all 0 when unknown).
    function getBatch(
        bytes32 root
    ) external view returns (uint32 agencyId, uint32 count, uint64 issuedAt, uint64 expiresAt, uint64 revokedAt) {
        Record memory batch = _batches[root];
        return (batch.agencyId, batch.count, batch.issuedAt, batch.expiresAt, batch.revokedAt);
    }

    /// @dev The sender must be an officer of an active agency; checks what issue and issueBatch share.
    function _issuer(bytes32 hash, uint64 expiresAt) private view returns (address officer, uint32 agencyId) {
        officer = _msgSender();
        agencyId = DIRECTORY.activeAgencyOf(officer);
        if (agencyId == 0) revert DocumentsNotOfficer(officer);
        if (hash == bytes32(0)) revert DocumentsZeroHash();
        if (expiresAt != 0 && (expiresAt <= block.timestamp || expiresAt > type(uint40).max)) {
            revert DocumentsInvalidExpiry(expiresAt);
        }
    }

    function _onlyOfficerOf(uint32 agencyId) private view {
        address sender = _msgSender();
        if (DIRECTORY.activeAgencyOf(sender) != agencyId) revert DocumentsUnauthorized(sender, agencyId);
    }

    /// @dev The StandardMerkleTree leaf of a fingerprint with leaf encoding ["bytes32"].
    function _leaf(bytes32 documentHash) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(documentHash))));
    }
}
