// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IAgencyDirectory} from "./interfaces/IAgencyDirectory.sol";
import {ICitizenAttestations} from "./interfaces/ICitizenAttestations.sol";

/// @title CitizenAttestations
/// @notice Agencies attest facts about citizens' wallets (residency, ID checked, assurance level).
/// Only salted commitments are stored; the data and its salt stay with the citizen.
/// @dev Gas: a new (subject, claim type) writes three slots. The subject's current attestation is
/// found without a pointer slot: the uid of the n-th attestation of a (subject, claim type) pair is
/// `keccak256(abi.encode(address(this), subject, claimType, n))`, and the pair's counter `n` is only
/// written when an attestation is superseded.
contract CitizenAttestations is ICitizenAttestations, Context, EIP712, Nonces {
    /// @notice EIP-712 type of a signed attestation.
    bytes32 public constant ATTEST_TYPEHASH = keccak256(
        "Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,"
        "address officer,uint256 nonce,uint256 deadline)"
    );

    /// @notice Longest claim type description, in bytes.
    uint256 public constant MAX_DESCRIPTION_LENGTH = 280;

    /// @notice Highest assurance level (3 = checked in person with biometrics).
    uint8 public constant MAX_LEVEL = 3;

    /// @notice The agency directory this contract trusts for officers and the governor.
    IAgencyDirectory public immutable DIRECTORY;

    /// @dev Everything a validity check reads, in one slot.
    struct State {
        uint32 agencyId;
        uint8 level;
        uint16 claimIndex; // 1-based index into _claimTypes
        uint32 seq; // position in the (subject, claimType) history
        uint40 issuedAt;
        uint40 expiresAt;
        uint40 revokedAt;
    }

    /// @dev Written once, read only by views.
    struct Details {
        address subject;
        bytes32 dataHash;
    }

    struct ClaimTypeInfo {
        uint16 index; // 1-based; 0 = not registered
        string description;
    }

    bytes32[] private _claimTypes;
    mapping(bytes32 claimType => ClaimTypeInfo) private _claimTypeInfo;
    /// @dev Non-zero (the claim type's index) when the agency is trusted: one read answers both questions.
    mapping(bytes32 claimType => mapping(uint32 agencyId => uint16 claimIndex)) private _trusted;
    mapping(address subject => mapping(bytes32 claimType => uint32 seq)) private _seq;
    mapping(bytes32 uid => State) private _states;
    mapping(bytes32 uid => Details) private _details;

    /// @param directory The AgencyDirectory.
    constructor(IAgencyDirectory directory) EIP712("Layanan CitizenAttestations", "1") {
        DIRECTORY = directory;
    }

    // ---------------------------------------------------------------------------------------------
    // Governor
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICitizenAttestations
    function registerClaimType(bytes32 claimType, string calldata description) external {
        _onlyGovernor();
        if (claimType == bytes32(0)) revert AttestationsZeroClaimType();
        if (_claimTypeInfo[claimType].index != 0) revert AttestationsClaimTypeExists(claimType);
        uint256 length = bytes(description).length;
        if (length == 0 || length > MAX_DESCRIPTION_LENGTH) {
            revert AttestationsInvalidDescription(length, MAX_DESCRIPTION_LENGTH);
        }
        if (_claimTypes.length == type(uint16).max) revert AttestationsTooManyClaimTypes();
        _claimTypes.push(claimType);
        _claimTypeInfo[claimType] = ClaimTypeInfo(uint16(_claimTypes.length), description);
        emit ClaimTypeRegistered(claimType, description);
    }

    /// @inheritdoc ICitizenAttestations
    function setTrustedIssuer(bytes32 claimType, uint32 agencyId, bool trusted) external {
        _onlyGovernor();
        uint16 index = _claimTypeInfo[claimType].index;
        if (index == 0) revert AttestationsUnknownClaimType(claimType);
        if (DIRECTORY.agencyAdmin(agencyId) == address(0)) revert AttestationsUnknownAgency(agencyId);
        if ((_trusted[claimType][agencyId] != 0) == trusted) revert AttestationsTrustUnchanged(claimType, agencyId);
        _trusted[claimType][agencyId] = trusted ? index : 0;
        emit TrustedIssuerSet(claimType, agencyId, trusted);
    }

    // ---------------------------------------------------------------------------------------------
    // Officers
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICitizenAttestations
    function attest(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) external returns (bytes32 uid) {
        return _attest(_msgSender(), subject, claimType, dataHash, level, expiresAt);
    }

    /// @inheritdoc ICitizenAttestations
    function attestBySig(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        address officer,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 uid) {
        if (block.timestamp > deadline) revert AttestationsSignatureExpired(deadline);
        bytes32 structHash = keccak256(
            abi.encode(
                ATTEST_TYPEHASH,
                subject,
                claimType,
                dataHash,
                level,
                expiresAt,
                officer,
                _useNonce(officer),
                deadline
            )
        );
        if (!SignatureChecker.isValidSignatureNow(officer, _hashTypedDataV4(structHash), signature)) {
            revert AttestationsInvalidSignature(officer);
        }
        return _attest(officer, subject, claimType, dataHash, level, expiresAt);
    }

    /// @inheritdoc ICitizenAttestations
    function useNonce() external {
        address officer = _msgSender();
        emit NonceUsed(officer, _useNonce(officer));
    }

    /// @inheritdoc ICitizenAttestations
    function revoke(bytes32 uid, bytes32 reason) external {
        State storage state = _states[uid];
        uint40 issuedAt = state.issuedAt;
        if (issuedAt == 0) revert AttestationsUnknownAttestation(uid);
        if (state.revokedAt != 0) revert AttestationsAlreadyRevoked(uid);
        uint32 agencyId = state.agencyId;
        address sender = _msgSender();
        if (DIRECTORY.activeAgencyOf(sender) != agencyId && !DIRECTORY.isGovernor(sender)) {
            revert AttestationsUnauthorizedRevoker(sender, uid);
        }
        state.revokedAt = uint40(block.timestamp);
        emit AttestationRevoked(uid, agencyId, sender, reason);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc ICitizenAttestations
    function getAttestation(bytes32 uid) external view returns (Attestation memory) {
        State memory state = _states[uid];
        if (state.issuedAt == 0) revert AttestationsUnknownAttestation(uid);
        Details memory details = _details[uid];
        return
            Attestation({
                subject: details.subject,
                claimType: _claimTypes[state.claimIndex - 1],
                dataHash: details.dataHash,
                agencyId: state.agencyId,
                level: state.level,
                issuedAt: state.issuedAt,
                expiresAt: state.expiresAt,
                revokedAt: state.revokedAt
            });
    }

    /// @inheritdoc ICitizenAttestations
    function currentAttestation(address subject, bytes32 claimType) external view returns (bytes32 uid) {
        uid = _uid(subject, claimType, _seq[subject][claimType]);
        if (_states[uid].issuedAt == 0) uid = bytes32(0);
    }

    /// @inheritdoc ICitizenAttestations
    function isValid(bytes32 uid) external view returns (bool) {
        State memory state = _states[uid];
        if (state.issuedAt == 0) return false;
        bytes32 claimType = _claimTypes[state.claimIndex - 1];
        if (_seq[_details[uid].subject][claimType] != state.seq) return false; // superseded
        return _isLive(state, 0);
    }

    /// @inheritdoc ICitizenAttestations
    function hasValidClaim(address subject, bytes32 claimType, uint8 minLevel) external view returns (bool) {
        State memory state = _states[_uid(subject, claimType, _seq[subject][claimType])];
        return state.issuedAt != 0 && _isLive(state, minLevel);
    }

    /// @inheritdoc ICitizenAttestations
    function isClaimType(bytes32 claimType) external view returns (bool) {
        return _claimTypeInfo[claimType].index != 0;
    }

    /// @inheritdoc ICitizenAttestations
    function isTrustedIssuer(bytes32 claimType, uint32 agencyId) external view returns (bool) {
        return _trusted[claimType][agencyId] != 0;
    }

    /// @inheritdoc ICitizenAttestations
    function nonces(address officer) public view override(ICitizenAttestations, Nonces) returns (uint256) {
        return super.nonces(officer);
    }

    /// @notice The registered claim types, in registration order.
    function claimTypes() external view returns (bytes32[] memory) {
        return _claimTypes;
    }

    /// @notice The description of `claimType` (empty when not registered).
    function claimTypeDescription(bytes32 claimType) external view returns (string memory) {
        return _claimTypeInfo[claimType].description;
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _attest(
        address officer,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) private returns (bytes32 uid) {
        uint32 agencyId = DIRECTORY.activeAgencyOf(officer);
        if (agencyId == 0) revert AttestationsNotOfficer(officer);
        uint16 claimIndex = _trusted[claimType][agencyId];
        if (claimIndex == 0) {
            if (_claimTypeInfo[claimType].index == 0) revert AttestationsUnknownClaimType(claimType);
            revert AttestationsUntrustedIssuer(claimType, agencyId);
        }
        if (subject == address(0)) revert AttestationsZeroSubject();
        if (dataHash == bytes32(0)) revert AttestationsZeroDataHash();
        if (level == 0 || level > MAX_LEVEL) revert AttestationsInvalidLevel(level);
        if (expiresAt != 0 && (expiresAt <= block.timestamp || expiresAt > type(uint40).max)) {
            revert AttestationsInvalidExpiry(expiresAt);
        }

        uint32 seq = _seq[subject][claimType];
        uid = _uid(subject, claimType, seq);
        State memory current = _states[uid];
        bytes32 superseded;
        if (current.issuedAt != 0) {
            // A retried or double-clicked attestation must not create a second one.
            if (
                current.revokedAt == 0 &&
                current.agencyId == agencyId &&
                current.level == level &&
                current.expiresAt == expiresAt &&
                _details[uid].dataHash == dataHash
            ) revert AttestationsDuplicate(uid);
            superseded = uid;
            _seq[subject][claimType] = ++seq;
            uid = _uid(subject, claimType, seq);
        }

        _states[uid] = State({
            agencyId: agencyId,
            level: level,
            claimIndex: claimIndex,
            seq: seq,
            issuedAt: uint40(block.timestamp),
            expiresAt: uint40(expiresAt),
            revokedAt: 0
        });
        _details[uid] = Details({subject: subject, dataHash: dataHash});
        emit Attested(uid, subject, claimType, agencyId, officer, dataHash, level, expiresAt, superseded);
    }

    /// @dev Not revoked, not expired, at `minLevel` or above, and issued by an agency that is active now.
    function _isLive(State memory state, uint8 minLevel) private view returns (bool) {
        return
            state.revokedAt == 0 &&
            (state.expiresAt == 0 || state.expiresAt > block.timestamp) &&
            state.level >= minLevel &&
            DIRECTORY.isAgencyActive(state.agencyId);
    }

    function _uid(address subject, bytes32 claimType, uint32 seq) private view returns (bytes32) {
        return keccak256(abi.encode(address(this), subject, claimType, seq));
    }

    function _onlyGovernor() private view {
        address sender = _msgSender();
        if (!DIRECTORY.isGovernor(sender)) revert AttestationsNotGovernor(sender);
    }
}
