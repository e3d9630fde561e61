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
/// @dev One current attestation per (subject, claim type, agency): an agency supersedes only its own,
/// so another agency can never lower, shorten or end it, while a second agency can still raise a
/// citizen's level (a biometric check at another office). A claim holds when any trusted, active
/// agency's current attestation is valid at the level asked; the trusted issuers of a claim type
/// live in one packed slot (at most {MAX_ISSUERS}), which bounds what {hasValidClaim} reads.
/// Gas: a new (subject, claim type, agency) writes three slots. The uid of an agency's n-th
/// attestation of a (subject, claim type) is `keccak256(abi.encode(address(this), subject, claimType,
/// agencyId, n))`; a superseded attestation's state is archived under its uid, so its history stays
/// readable and revocable.
contract CitizenAttestations is ICitizenAttestations, Context, EIP712, Nonces {
    /// @notice EIP-712 type of a signed attestation.
    bytes32 public constant ATTEST_TYPEHASH = keccak256(
        "Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,uint32 agencyId,"
        "address officer,uint256 nonce,uint256 deadline)"
    );

    /// @notice Longest claim type description, in bytes.
    uint256 public constant MAX_DESCRIPTION_LENGTH = 280;

    /// @notice Highest assurance level (3 = checked in person with biometrics).
    uint8 public constant MAX_LEVEL = 3;

    /// @notice Most agencies trusted for one claim type at a time.
    uint256 public constant MAX_ISSUERS = 7;

    /// @notice Longest a signature may stay redeemable: its deadline is at most this far after the block time.
    uint256 public constant MAX_SIGNATURE_LIFETIME = 7 days;

    /// @notice The agency directory this contract trusts for officers and the governor.
    IAgencyDirectory public immutable DIRECTORY;

    /// @dev An attestation's changing part, in one slot (the agency and claim type are in its key or Details).
    struct State {
        uint8 level;
        uint32 seq; // position in the agency's (subject, claimType) history
        uint40 issuedAt;
        uint40 expiresAt;
        uint40 revokedAt;
    }

    /// @dev Written once, in two slots: who and what, and where the state lives.
    struct Details {
        address subject;
        uint32 agencyId;
        uint16 claimIndex; // 1-based index into _claimTypes
        uint32 seq;
        bytes32 dataHash;
    }

    bytes32[] private _claimTypes;
    /// @dev Packed: bits 0..15 the claim type's 1-based index (0 = not registered), then MAX_ISSUERS
    /// trusted agency ids of 32 bits each (0 = free place). One read answers "registered?" and "trusted?".
    mapping(bytes32 claimType => uint256 packed) private _claimInfo;
    mapping(bytes32 claimType => string description) private _descriptions;
    /// @dev Keyed by the claim type's index (in Details and in the packed claim info), so finding an
    /// attestation's state never reads the claim type list.
    mapping(address subject => mapping(uint16 claimIndex => mapping(uint32 agencyId => State))) private _current;
    mapping(bytes32 uid => State) private _archived;
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
        if (_claimInfo[claimType] != 0) revert AttestationsClaimTypeExists(claimType);
        uint256 length = bytes(description).length;
        if (length == 0 || length > MAX_DESCRIPTION_LENGTH) {
            revert AttestationsInvalidDescription(length, MAX_DESCRIPTION_LENGTH);
        }
        if (_claimTypes.length == type(uint16).max) revert AttestationsTooManyClaimTypes();
        _claimTypes.push(claimType);
        _claimInfo[claimType] = _claimTypes.length;
        _descriptions[claimType] = description;
        emit ClaimTypeRegistered(claimType, description);
    }

    /// @inheritdoc ICitizenAttestations
    function setTrustedIssuer(bytes32 claimType, uint32 agencyId, bool trusted) external {
        _onlyGovernor();
        uint256 info = _claimInfo[claimType];
        if (info == 0) revert AttestationsUnknownClaimType(claimType);
        if (DIRECTORY.agencyAdmin(agencyId) == address(0)) revert AttestationsUnknownAgency(agencyId);
        uint256 place = _issuerPlace(info, agencyId);
        if ((place != 0) == trusted) revert AttestationsTrustUnchanged(claimType, agencyId);
        if (trusted) {
            place = _issuerPlace(info, 0);
            if (place == 0) revert AttestationsTooManyIssuers(claimType, MAX_ISSUERS);
            info |= uint256(agencyId) << _shift(place);
        } else {
            info &= ~(uint256(type(uint32).max) << _shift(place));
        }
        _claimInfo[claimType] = info;
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
        address officer = _msgSender();
        uint32 agencyId = _agencyOf(officer);
        // A direct attestation uses up the officer's nonce: a signature given out earlier cannot be
        // redeemed later to bring back what this officer has since attested (and perhaps revoked).
        emit NonceUsed(officer, _useNonce(officer));
        return _attest(officer, agencyId, subject, claimType, dataHash, level, expiresAt);
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
        if (deadline > block.timestamp + MAX_SIGNATURE_LIFETIME) {
            revert AttestationsDeadlineTooFar(deadline, block.timestamp + MAX_SIGNATURE_LIFETIME);
        }
        // The officer's agency now: a signature made while serving another agency does not match.
        uint32 agencyId = _agencyOf(officer);
        uint256 nonce = _useNonce(officer);
        bytes32 structHash = keccak256(
            abi.encode(
                ATTEST_TYPEHASH,
                subject,
                claimType,
                dataHash,
                level,
                expiresAt,
                agencyId,
                officer,
                nonce,
                deadline
            )
        );
        if (!SignatureChecker.isValidSignatureNow(officer, _hashTypedDataV4(structHash), signature)) {
            revert AttestationsInvalidSignature(officer);
        }
        emit NonceUsed(officer, nonce);
        return _attest(officer, agencyId, subject, claimType, dataHash, level, expiresAt);
    }

    /// @inheritdoc ICitizenAttestations
    function useNonce() external {
        address officer = _msgSender();
        emit NonceUsed(officer, _useNonce(officer));
    }

    /// @inheritdoc ICitizenAttestations
    function revoke(bytes32 uid, bytes32 reason) external {
        (State storage state, Details storage details) = _stateOf(uid);
        if (state.revokedAt != 0) revert AttestationsAlreadyRevoked(uid);
        uint32 agencyId = details.agencyId;
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
        (State storage state, Details storage details) = _stateOf(uid);
        return
            Attestation({
                subject: details.subject,
                claimType: _claimTypes[details.claimIndex - 1],
                dataHash: details.dataHash,
                agencyId: details.agencyId,
                level: state.level,
                issuedAt: state.issuedAt,
                expiresAt: state.expiresAt,
                revokedAt: state.revokedAt
            });
    }

    /// @inheritdoc ICitizenAttestations
    function currentAttestation(address subject, bytes32 claimType) external view returns (bytes32 uid) {
        uint256 info = _claimInfo[claimType];
        uint16 claimIndex = uint16(info);
        uint8 bestLevel;
        uint40 bestIssuedAt;
        uint40 latestIssuedAt;
        bytes32 latest;
        for (uint256 place = 1; place <= MAX_ISSUERS; ++place) {
            uint32 agencyId = uint32(info >> _shift(place));
            if (agencyId == 0) continue;
            State memory state = _current[subject][claimIndex][agencyId];
            if (state.issuedAt == 0) continue;
            bytes32 candidate = _uid(subject, claimType, agencyId, state.seq);
            if (_isLive(state, agencyId, 0)) {
                if (state.level > bestLevel || (state.level == bestLevel && state.issuedAt >= bestIssuedAt)) {
                    (uid, bestLevel, bestIssuedAt) = (candidate, state.level, state.issuedAt);
                }
            } else if (state.issuedAt >= latestIssuedAt) {
                (latest, latestIssuedAt) = (candidate, state.issuedAt);
            }
        }
        if (uid == bytes32(0)) uid = latest;
    }

    /// @notice The uid of `agencyId`'s current attestation of `claimType` for `subject` (0 if none),
    /// whatever its validity.
    function currentAttestationOf(address subject, bytes32 claimType, uint32 agencyId) external view returns (bytes32) {
        State memory state = _current[subject][uint16(_claimInfo[claimType])][agencyId];
        return state.issuedAt == 0 ? bytes32(0) : _uid(subject, claimType, agencyId, state.seq);
    }

    /// @inheritdoc ICitizenAttestations
    function isValid(bytes32 uid) external view returns (bool) {
        Details storage details = _details[uid];
        address subject = details.subject;
        if (subject == address(0)) return false;
        (uint32 agencyId, uint16 claimIndex) = (details.agencyId, details.claimIndex);
        State memory state = _current[subject][claimIndex][agencyId];
        if (state.seq != details.seq) return false; // superseded by the same agency
        return _issuerPlace(_claimInfo[_claimTypes[claimIndex - 1]], agencyId) != 0 && _isLive(state, agencyId, 0);
    }

    /// @inheritdoc ICitizenAttestations
    function hasValidClaim(address subject, bytes32 claimType, uint8 minLevel) external view returns (bool) {
        uint256 info = _claimInfo[claimType];
        uint16 claimIndex = uint16(info);
        for (uint256 place = 1; place <= MAX_ISSUERS; ++place) {
            uint32 agencyId = uint32(info >> _shift(place));
            if (agencyId == 0) continue;
            State memory state = _current[subject][claimIndex][agencyId];
            if (state.issuedAt != 0 && _isLive(state, agencyId, minLevel)) return true;
        }
        return false;
    }

    /// @inheritdoc ICitizenAttestations
    function isClaimType(bytes32 claimType) external view returns (bool) {
        return _claimInfo[claimType] != 0;
    }

    /// @inheritdoc ICitizenAttestations
    function isTrustedIssuer(bytes32 claimType, uint32 agencyId) external view returns (bool) {
        return agencyId != 0 && _issuerPlace(_claimInfo[claimType], agencyId) != 0;
    }

    /// @notice The agencies trusted to issue `claimType` now, in no particular order.
    function trustedIssuers(bytes32 claimType) external view returns (uint32[] memory issuers) {
        uint256 info = _claimInfo[claimType];
        issuers = new uint32[](MAX_ISSUERS);
        uint256 count;
        for (uint256 place = 1; place <= MAX_ISSUERS; ++place) {
            uint32 agencyId = uint32(info >> _shift(place));
            if (agencyId != 0) issuers[count++] = agencyId;
        }
        assembly ("memory-safe") {
            mstore(issuers, count) // shorten to the trusted ones
        }
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
        return _descriptions[claimType];
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _attest(
        address officer,
        uint32 agencyId,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) private returns (bytes32 uid) {
        uint256 info = _claimInfo[claimType];
        if (info == 0) revert AttestationsUnknownClaimType(claimType);
        if (_issuerPlace(info, agencyId) == 0) revert AttestationsUntrustedIssuer(claimType, agencyId);
        if (subject == address(0)) revert AttestationsZeroSubject();
        if (dataHash == bytes32(0)) revert AttestationsZeroDataHash();
        if (level == 0 || level > MAX_LEVEL) revert AttestationsInvalidLevel(level);
        if (expiresAt != 0 && (expiresAt <= block.timestamp || expiresAt > type(uint40).max)) {
            revert AttestationsInvalidExpiry(expiresAt);
        }

        uint16 claimIndex = uint16(info);
        State memory current = _current[subject][claimIndex][agencyId];
        uint32 seq = current.seq;
        bytes32 superseded;
        if (current.issuedAt != 0) {
            superseded = _uid(subject, claimType, agencyId, seq);
            // A retried or double-clicked attestation must not create a second one.
            if (
                current.revokedAt == 0 &&
                current.level == level &&
                current.expiresAt == expiresAt &&
                _details[superseded].dataHash == dataHash
            ) revert AttestationsDuplicate(superseded);
            _archived[superseded] = current; // its history stays readable (and revocable) by uid
            ++seq;
        }
        uid = _uid(subject, claimType, agencyId, seq);
        _current[subject][claimIndex][agencyId] = State({
            level: level,
            seq: seq,
            issuedAt: uint40(block.timestamp),
            expiresAt: uint40(expiresAt),
            revokedAt: 0
        });
        _details[uid] = Details({
            subject: subject,
            agencyId: agencyId,
            claimIndex: claimIndex,
            seq: seq,
            dataHash: dataHash
        });
        emit Attested(uid, subject, claimType, agencyId, officer, dataHash, level, expiresAt, superseded);
    }

    /// @dev The storage of attestation `uid` (its agency's current slot, or its archive once
    /// superseded), and its Details (only the first slot is read: not the data hash).
    function _stateOf(bytes32 uid) private view returns (State storage state, Details storage details) {
        details = _details[uid];
        address subject = details.subject;
        if (subject == address(0)) revert AttestationsUnknownAttestation(uid);
        uint32 seq = details.seq;
        state = _current[subject][details.claimIndex][details.agencyId];
        if (state.seq != seq) state = _archived[uid];
    }

    /// @dev Not revoked, not expired, at `minLevel` or above, and issued by an agency that is active now.
    function _isLive(State memory state, uint32 agencyId, uint8 minLevel) private view returns (bool) {
        return
            state.revokedAt == 0 &&
            (state.expiresAt == 0 || state.expiresAt > block.timestamp) &&
            state.level >= minLevel &&
            DIRECTORY.isAgencyActive(agencyId);
    }

    /// @dev The officer's active agency, or a revert.
    function _agencyOf(address officer) private view returns (uint32 agencyId) {
        agencyId = DIRECTORY.activeAgencyOf(officer);
        if (agencyId == 0) revert AttestationsNotOfficer(officer);
    }

    /// @dev The 1-based place of `agencyId` among the packed issuers of `info` (0 when absent).
    /// With `agencyId` 0 it finds a free place.
    function _issuerPlace(uint256 info, uint32 agencyId) private pure returns (uint256) {
        for (uint256 place = 1; place <= MAX_ISSUERS; ++place) {
            if (uint32(info >> _shift(place)) == agencyId) return place;
        }
        return 0;
    }

    /// @dev Bit offset of issuer place `place` (1..MAX_ISSUERS) in a packed claim info word.
    function _shift(uint256 place) private pure returns (uint256) {
        return 16 + 32 * (place - 1);
    }

    function _uid(address subject, bytes32 claimType, uint32 agencyId, uint32 seq) private view returns (bytes32) {
        return keccak256(abi.encode(address(this), subject, claimType, agencyId, seq));
    }

    function _onlyGovernor() private view {
        address sender = _msgSender();
        if (!DIRECTORY.isGovernor(sender)) revert AttestationsNotGovernor(sender);
    }
}
