// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IServiceRequests
/// @notice The service catalogue and citizens' service requests, processed in the open with due
/// dates, escalation and ratings. Private details stay off chain behind `contentHash`.
interface IServiceRequests {
    /// @notice Request status. Completed, Rejected, Cancelled and Duplicate are final.
    enum Status {
        None,
        Submitted,
        InProgress,
        NeedsInfo,
        Completed,
        Rejected,
        Cancelled,
        Duplicate
    }

    /// @notice A service as returned by {getService}.
    /// @param agencyId The agency that provides it.
    /// @param code Code unique within the agency, e.g. `bytes32("KTP_EL_REPLACEMENT")`.
    /// @param name Public name, e.g. "Penggantian KTP-el".
    /// @param slaSeconds Service level: a request is due this long after submission.
    /// @param requiredClaim Claim type a citizen must hold to submit; 0 = open to any wallet.
    /// @param minLevel Minimum assurance level of that claim (0 when open).
    /// @param active False when the service no longer accepts requests.
    struct Service {
        uint32 agencyId;
        bytes32 code;
        string name;
        uint32 slaSeconds;
        bytes32 requiredClaim;
        uint8 minLevel;
        bool active;
    }

    /// @notice A request as returned by {getRequest}; the time of every later change is in its event.
    struct Request {
        address citizen;
        uint32 serviceId;
        Status status;
        bool escalated;
        uint8 rating;
        uint64 submittedAt;
        uint64 dueAt;
    }

    /// @notice Per-agency figures, kept in O(1) per change. Invariant:
    /// submitted = open + completed + rejected + cancelled + duplicates.
    /// @param totalResolutionSeconds Sum over completed requests of (completion time - submission time).
    /// @param ratingSum Sum of scores (1..4); IKM = ratingSum / ratingCount * 25.
    struct AgencyStats {
        uint32 submitted;
        uint32 open;
        uint32 completed;
        uint32 rejected;
        uint32 cancelled;
        uint32 duplicates;
        uint32 completedOnTime;
        uint32 escalated;
        uint64 totalResolutionSeconds;
        uint64 ratingSum;
        uint64 ratingCount;
    }

    /// @notice Emitted when a service is added to the catalogue.
    event ServiceAdded(
        uint32 indexed serviceId,
        uint32 indexed agencyId,
        bytes32 indexed code,
        string name,
        uint32 slaSeconds,
        bytes32 requiredClaim,
        uint8 minLevel
    );

    /// @notice Emitted when a service is opened or closed to new requests.
    event ServiceActiveChanged(uint32 indexed serviceId, uint32 indexed agencyId, bool active, address by);

    /// @notice Emitted when a citizen submits a request. `summary` is public text (at most 280 bytes).
    event RequestSubmitted(
        uint256 indexed requestId,
        address indexed citizen,
        uint32 indexed agencyId,
        uint32 serviceId,
        bytes32 contentHash,
        bytes32 clientRef,
        uint64 dueAt,
        string summary
    );

    /// @notice Emitted on every status change (by an officer, or by the citizen when responding or
    /// cancelling). `noteHash` commits to private details off chain; `note` is public text.
    event RequestStatusChanged(
        uint256 indexed requestId,
        address indexed citizen,
        uint32 indexed agencyId,
        Status from,
        Status to,
        address by,
        bytes32 noteHash,
        string note
    );

    /// @notice Emitted when an officer closes a request as a duplicate of `originalId`.
    event RequestMarkedDuplicate(
        uint256 indexed requestId,
        address indexed citizen,
        uint32 indexed agencyId,
        uint256 originalId,
        address by
    );

    /// @notice Emitted when a citizen escalates an overdue request.
    event RequestEscalated(uint256 indexed requestId, address indexed citizen, uint32 indexed agencyId, uint64 dueAt);

    /// @notice Emitted when a citizen rates a closed request (score 1..4, the IKM scale).
    event RequestRated(
        uint256 indexed requestId,
        address indexed citizen,
        uint32 indexed agencyId,
        uint8 score,
        bytes32 commentHash
    );

    /// @notice Thrown when `agencyId` is not a registered agency.
    error ServiceUnknownAgency(uint32 agencyId);

    /// @notice Thrown when `account` is neither the governor nor the admin of active agency `agencyId`.
    error ServiceUnauthorized(address account, uint32 agencyId);

    /// @notice Thrown when a service code is zero.
    error ServiceZeroCode();

    /// @notice Thrown when agency `agencyId` already has service `serviceId` with `code`.
    error ServiceCodeTaken(uint32 agencyId, bytes32 code, uint32 serviceId);

    /// @notice Thrown when a service name is empty or longer than `maxLength` bytes.
    error ServiceInvalidName(uint256 length, uint256 maxLength);

    /// @notice Thrown when the service level is 0 or longer than `maxSeconds`.
    error ServiceInvalidSla(uint32 slaSeconds, uint32 maxSeconds);

    /// @notice Thrown when `minLevel` does not fit `requiredClaim` (0 for open services, else 1..3).
    error ServiceInvalidClaimLevel(bytes32 requiredClaim, uint8 minLevel);

    /// @notice Thrown when `claimType` is not registered in CitizenAttestations.
    error ServiceUnknownClaimType(bytes32 claimType);

    /// @notice Thrown when `serviceId` does not name a service.
    error ServiceUnknown(uint32 serviceId);

    /// @notice Thrown when service `serviceId` does not accept new requests.
    error ServiceInactive(uint32 serviceId);

    /// @notice Thrown when a setter would change nothing.
    error ServiceUnchanged(uint32 serviceId);

    /// @notice Thrown when the agency `agencyId` providing the service is suspended.
    error RequestAgencyInactive(uint32 agencyId);

    /// @notice Thrown when `clientRef` is zero.
    error RequestZeroClientRef();

    /// @notice Thrown when `citizen` already submitted request `requestId` with `clientRef` (a retry or double click).
    error RequestDuplicateSubmission(address citizen, bytes32 clientRef, uint256 requestId);

    /// @notice Thrown when a public text is `length` bytes, over `maxLength`.
    error RequestTextTooLong(uint256 length, uint256 maxLength);

    /// @notice Thrown when `citizen` lacks a valid `claimType` at `minLevel` or above.
    error RequestClaimRequired(address citizen, bytes32 claimType, uint8 minLevel);

    /// @notice Thrown when `requestId` does not name a request.
    error RequestUnknown(uint256 requestId);

    /// @notice Thrown when `account` is not an officer of active agency `agencyId`.
    error RequestNotOfficer(address account, uint32 agencyId);

    /// @notice Thrown when `account` is not the citizen who filed request `requestId`.
    error RequestNotCitizen(address account, uint256 requestId);

    /// @notice Thrown when request `requestId` cannot go from status `from` to status `to`.
    error RequestInvalidTransition(uint256 requestId, uint8 from, uint8 to);

    /// @notice Thrown when request `requestId` is not open (it is final).
    error RequestNotOpen(uint256 requestId, Status status);

    /// @notice Thrown when request `requestId` is not past its due date `dueAt`.
    error RequestNotOverdue(uint256 requestId, uint64 dueAt);

    /// @notice Thrown when request `requestId` was already escalated.
    error RequestAlreadyEscalated(uint256 requestId);

    /// @notice Thrown when request `requestId` is neither Completed nor Rejected, so cannot be rated.
    error RequestNotRateable(uint256 requestId, Status status);

    /// @notice Thrown when request `requestId` was already rated.
    error RequestAlreadyRated(uint256 requestId);

    /// @notice Thrown when a score is not 1..4.
    error RequestInvalidScore(uint8 score);

    /// @notice Thrown when `originalId` is not an earlier request of the same agency as `requestId` that is
    /// open or Completed (a cancelled, rejected or duplicate request cannot be the original).
    error RequestInvalidOriginal(uint256 requestId, uint256 originalId);

    /// @notice Thrown when a member (admin or officer) of the service's agency files, answers or rates a
    /// request to it: agencies cannot grade themselves.
    error RequestByAgencyMember(address account, uint32 agencyId);

    /// @notice Thrown when a request is rejected without a note: the citizen is owed a reason.
    error RequestReasonRequired(uint256 requestId);

    /// @notice Adds a service. The agency's admin (while the agency is active) or the governor.
    /// @param requiredClaim 0 = open to any wallet (then `minLevel` must be 0); else a registered claim type.
    /// @param minLevel 1..3 when `requiredClaim` is set.
    /// @return serviceId The new service's id (ids start at 1).
    function addService(
        uint32 agencyId,
        bytes32 code,
        string calldata name,
        uint32 slaSeconds,
        bytes32 requiredClaim,
        uint8 minLevel
    ) external returns (uint32 serviceId);

    /// @notice Opens or closes a service to new requests. Its agency's admin or the governor.
    /// Requests already filed go on.
    function setServiceActive(uint32 serviceId, bool active) external;

    /// @notice Files a request. The service must be active and its agency active; the sender must not be
    /// a member (admin or officer) of the service's agency and must hold the service's required claim at
    /// its minimum level.
    /// @param contentHash Commitment to the private details and attachments kept off chain (0 = none).
    /// @param clientRef Non-zero reference chosen by the client, used once per sender, so a retried or
    /// double-clicked submission cannot create a second request.
    /// @param summary Public text, at most 280 bytes (empty for an anonymous report).
    /// @return requestId The new request's id (ids start at 1).
    function submit(
        uint32 serviceId,
        bytes32 contentHash,
        bytes32 clientRef,
        string calldata summary
    ) external returns (uint256 requestId);

    /// @notice Moves a request along. An officer of the service's agency. Allowed:
    /// Submitted->InProgress|Rejected; InProgress->NeedsInfo|Completed|Rejected; NeedsInfo->InProgress|Rejected.
    /// A rejection carries a non-empty note (the reason the citizen is owed).
    /// @param noteHash Commitment to private details of the note (0 = none).
    /// @param note Public text, at most 280 bytes.
    function updateStatus(uint256 requestId, uint8 newStatus, bytes32 noteHash, string calldata note) external;

    /// @notice Closes an open request as a duplicate of `originalId`, an earlier request of the same
    /// agency that is open or Completed. An officer of that agency. The duplicate still counts in the
    /// figures and its citizen may still rate it.
    function markDuplicate(uint256 requestId, uint256 originalId) external;

    /// @notice The citizen answers a request for information (NeedsInfo -> InProgress); not while a
    /// member of the request's agency.
    /// @param contentHash Commitment to the added details kept off chain.
    /// @param note Public text, at most 280 bytes.
    function respond(uint256 requestId, bytes32 contentHash, string calldata note) external;

    /// @notice The citizen withdraws their request (from Submitted or NeedsInfo).
    function cancel(uint256 requestId) external;

    /// @notice The citizen escalates their open request once it is past its due date; once.
    function escalate(uint256 requestId) external;

    /// @notice The citizen rates their Completed, Rejected or Duplicate request, once; not while a member
    /// of the request's agency. The rating counts in the agency's figures.
    /// @param score 1..4 (the scale of Indonesia's public satisfaction index, IKM).
    /// @param commentHash Commitment to a private comment kept off chain (0 = none).
    function rate(uint256 requestId, uint8 score, bytes32 commentHash) external;

    /// @notice The service `serviceId`; reverts when it does not exist.
    function getService(uint32 serviceId) external view returns (Service memory);

    /// @notice The number of services (also the highest service id).
    function serviceCount() external view returns (uint32);

    /// @notice The request `requestId`; reverts when it does not exist.
    function getRequest(uint256 requestId) external view returns (Request memory);

    /// @notice The number of requests (also the highest request id).
    function requestCount() external view returns (uint256);

    /// @notice True when the request is open (Submitted, InProgress or NeedsInfo) and past its due date.
    function isOverdue(uint256 requestId) external view returns (bool);

    /// @notice The agency's figures.
    function agencyStats(uint32 agencyId) external view returns (AgencyStats memory);
}
