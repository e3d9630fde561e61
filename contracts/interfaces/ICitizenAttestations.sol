// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICitizenAttestations
/// @notice Identity claims that trusted agencies attest about citizens' wallets. Only a salted
/// commitment (`dataHash = keccak256(abi.encode(salt, payload))`) reaches the chain.
/// @dev Each agency keeps its own current attestation per (subject, claim type): a new attestation by
/// the same agency supersedes that agency's previous one, and another agency's attestation never
/// lowers, shortens or ends it. A claim holds when any currently trusted, active agency's current
/// attestation is valid at the level asked.
interface ICitizenAttestations {
    /// @notice An attestation as returned by {getAttestation}.
    /// @param subject The citizen's wallet.
    /// @param claimType The registered claim type, e.g. `keccak256("KTP_VERIFIED")`.
    /// @param dataHash Salted commitment to the data the agency checked (kept off chain by the citizen).
    /// @param agencyId The issuing agency.
    /// @param level Assurance: 1 self-declared or document uploaded, 2 checked by an officer, 3 in person with biometrics.
    /// @param issuedAt Block time of issue.
    /// @param expiresAt 0 = never expires.
    /// @param revokedAt 0 = not revoked.
    struct Attestation {
        address subject;
        bytes32 claimType;
        bytes32 dataHash;
        uint32 agencyId;
        uint8 level;
        uint64 issuedAt;
        uint64 expiresAt;
        uint64 revokedAt;
    }

    /// @notice Emitted when the governor registers a claim type.
    event ClaimTypeRegistered(bytes32 indexed claimType, string description);

    /// @notice Emitted when the governor trusts or distrusts an agency as issuer of a claim type.
    event TrustedIssuerSet(bytes32 indexed claimType, uint32 indexed agencyId, bool trusted);

    /// @notice Emitted when an agency attests a claim; `supersededUid` is the same agency's attestation it
    /// replaces (0 if none).
    event Attested(
        bytes32 indexed uid,
        address indexed subject,
        bytes32 indexed claimType,
        uint32 agencyId,
        address officer,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        bytes32 supersededUid
    );

    /// @notice Emitted when an attestation is revoked.
    event AttestationRevoked(bytes32 indexed uid, uint32 indexed agencyId, address indexed by, bytes32 reason);

    /// @notice Emitted when an officer's nonce `nonce` is consumed: by {useNonce}, by a direct {attest}
    /// (which invalidates the signatures the officer gave out before), or by a redeemed signature.
    event NonceUsed(address indexed officer, uint256 nonce);

    /// @notice Thrown when `account` is not the governor.
    error AttestationsNotGovernor(address account);

    /// @notice Thrown when a claim type is zero.
    error AttestationsZeroClaimType();

    /// @notice Thrown when a claim type description is empty or longer than `maxLength` bytes.
    error AttestationsInvalidDescription(uint256 length, uint256 maxLength);

    /// @notice Thrown when `claimType` is already registered.
    error AttestationsClaimTypeExists(bytes32 claimType);

    /// @notice Thrown when `claimType` is not registered.
    error AttestationsUnknownClaimType(bytes32 claimType);

    /// @notice Thrown when no more claim types can be registered.
    error AttestationsTooManyClaimTypes();

    /// @notice Thrown when `agencyId` is not a registered agency.
    error AttestationsUnknownAgency(uint32 agencyId);

    /// @notice Thrown when trusting or distrusting would change nothing.
    error AttestationsTrustUnchanged(bytes32 claimType, uint32 agencyId);

    /// @notice Thrown when `account` is not an officer of an active agency.
    error AttestationsNotOfficer(address account);

    /// @notice Thrown when agency `agencyId` is not a trusted issuer of `claimType`.
    error AttestationsUntrustedIssuer(bytes32 claimType, uint32 agencyId);

    /// @notice Thrown when the subject is the zero address.
    error AttestationsZeroSubject();

    /// @notice Thrown when the data commitment is zero.
    error AttestationsZeroDataHash();

    /// @notice Thrown when the assurance level is not 1, 2 or 3.
    error AttestationsInvalidLevel(uint8 level);

    /// @notice Thrown when `expiresAt` is neither 0 nor a time in the (representable) future.
    error AttestationsInvalidExpiry(uint64 expiresAt);

    /// @notice Thrown when the same claim with the same data, level, expiry and agency is already current (`uid`).
    error AttestationsDuplicate(bytes32 uid);

    /// @notice Thrown when a signed attestation's deadline `deadline` has passed.
    error AttestationsSignatureExpired(uint256 deadline);

    /// @notice Thrown when the signature is not `signer`'s for this attestation and `signer`'s current nonce.
    error AttestationsInvalidSignature(address signer);

    /// @notice Thrown when `uid` does not name an attestation.
    error AttestationsUnknownAttestation(bytes32 uid);

    /// @notice Thrown when attestation `uid` is already revoked.
    error AttestationsAlreadyRevoked(bytes32 uid);

    /// @notice Thrown when `account` may not revoke attestation `uid`.
    error AttestationsUnauthorizedRevoker(address account, bytes32 uid);

    /// @notice Thrown when a claim type already has the most trusted issuers it can hold.
    error AttestationsTooManyIssuers(bytes32 claimType, uint256 maxIssuers);

    /// @notice Thrown when a signature's deadline is more than {MAX_SIGNATURE_LIFETIME} after the block time.
    error AttestationsDeadlineTooFar(uint256 deadline, uint256 latest);

    /// @notice Registers a claim type. The directory's governor only.
    /// @param claimType Non-zero, e.g. `keccak256("RESIDENT_KOTA_BANDUNG")`.
    /// @param description Public description (1 to 280 bytes).
    function registerClaimType(bytes32 claimType, string calldata description) external;

    /// @notice Trusts or distrusts `agencyId` as an issuer of `claimType`. The directory's governor only.
    /// While an agency is not trusted, its attestations of `claimType` are not valid.
    function setTrustedIssuer(bytes32 claimType, uint32 agencyId, bool trusted) external;

    /// @notice Attests a claim about `subject`. An officer of an active agency trusted for `claimType`.
    /// Supersedes this agency's current attestation of the same (subject, claim type); never another
    /// agency's. Uses up the officer's current nonce, so signatures given out earlier can no longer be
    /// redeemed.
    /// @param subject The citizen's wallet.
    /// @param claimType A registered claim type.
    /// @param dataHash Non-zero salted commitment to the checked data.
    /// @param level Assurance level 1..3.
    /// @param expiresAt 0 = never, else a future time.
    /// @return uid The attestation's id.
    function attest(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) external returns (bytes32 uid);

    /// @notice The same as {attest}, signed off chain by `officer` as EIP-712 typed data
    /// `Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,uint32 agencyId,
    /// address officer,uint256 nonce,uint256 deadline)`
    /// and submitted by anyone. `agencyId` is the officer's agency when the signature is redeemed, so a
    /// signature made in one agency is worthless after the officer moves. ERC-1271 contract signers are
    /// accepted. Each signature works once, and only until the officer's next direct {attest}.
    /// @param officer The signing officer; their current nonce is in {nonces}.
    /// @param deadline Last timestamp at which the signature may be used: at most 7 days after the block time.
    /// @param signature A 65-byte ECDSA signature (r, s, v), or ERC-1271 signature data for a contract officer.
    function attestBySig(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        address officer,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bytes32 uid);

    /// @notice Invalidates the caller's signatures not yet used by consuming their current nonce.
    function useNonce() external;

    /// @notice Revokes attestation `uid`, once. An officer of the issuing (active) agency, or the governor.
    /// @param reason A reason code (e.g. `bytes32("DATA_CHANGED")`), public.
    function revoke(bytes32 uid, bytes32 reason) external;

    /// @notice The attestation `uid`; reverts when it does not exist.
    function getAttestation(bytes32 uid) external view returns (Attestation memory);

    /// @notice The uid of `subject`'s valid attestation of `claimType` of the highest level (the latest
    /// among equals), when trusted agencies attested it; when none is valid, the latest-issued current
    /// attestation of a trusted agency (revoked or expired; use {isValid}); 0 if none.
    function currentAttestation(address subject, bytes32 claimType) external view returns (bytes32 uid);

    /// @notice True when `uid` exists, is its agency's current attestation (not superseded), is not
    /// revoked, not expired, and its agency is active and still trusted for the claim type.
    function isValid(bytes32 uid) external view returns (bool);

    /// @notice True when a trusted, active agency's current attestation of `claimType` for `subject` is
    /// valid at `minLevel` or above.
    function hasValidClaim(address subject, bytes32 claimType, uint8 minLevel) external view returns (bool);

    /// @notice True when `claimType` is registered.
    function isClaimType(bytes32 claimType) external view returns (bool);

    /// @notice True when `agencyId` is trusted to issue `claimType`.
    function isTrustedIssuer(bytes32 claimType, uint32 agencyId) external view returns (bool);

    /// @notice The next nonce `officer` must sign for {attestBySig}.
    function nonces(address officer) external view returns (uint256);
}
