// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Context} from "@openzeppelin/contracts/utils/Context.sol";
import {IAgencyDirectory} from "./interfaces/IAgencyDirectory.sol";
import {ICitizenAttestations} from "./interfaces/ICitizenAttestations.sol";
import {IServiceRequests} from "./interfaces/IServiceRequests.sol";

/// @title ServiceRequests
/// @notice The service catalogue and the requests citizens file, processed in the open.
/// @dev Gas: a request is one slot (citizen, service, status, escalated, rating, submission time);
/// its due date is derived from the service's SLA, which never changes once the service is added
/// (a new SLA is a new service). Per-agency figures fit two slots; a submission touches one.
contract ServiceRequests is IServiceRequests, Context {
    /// @notice Longest public text (summary, note), in bytes.
    uint256 public constant MAX_TEXT_LENGTH = 280;

    /// @notice Longest service name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 128;

    /// @notice Longest service level.
    uint32 public constant MAX_SLA_SECONDS = 366 days;

    /// @notice Highest assurance level a service may require.
    uint8 public constant MAX_LEVEL = 3;

    /// @notice Highest rating score (IKM scale 1..4).
    uint8 public constant MAX_SCORE = 4;

    /// @dev Allowed officer transitions: bit (from * 8 + to) is set when from -> to is allowed.
    uint256 private constant _TRANSITIONS =
        (1 << (8 * 1 + 2)) | // Submitted -> InProgress
            (1 << (8 * 1 + 5)) | // Submitted -> Rejected
            (1 << (8 * 2 + 3)) | // InProgress -> NeedsInfo
            (1 << (8 * 2 + 4)) | // InProgress -> Completed
            (1 << (8 * 2 + 5)) | // InProgress -> Rejected
            (1 << (8 * 3 + 2)) | // NeedsInfo -> InProgress
            (1 << (8 * 3 + 5)); // NeedsInfo -> Rejected

    /// @notice The agency directory.
    IAgencyDirectory public immutable DIRECTORY;

    /// @notice The attestations consulted for claim-gated services.
    ICitizenAttestations public immutable ATTESTATIONS;

    /// @dev What a submission and a status change read, in one slot.
    struct ServiceHeader {
        uint32 agencyId;
        uint32 slaSeconds;
        uint8 minLevel;
        bool active;
    }

    struct ServiceRecord {
        ServiceHeader header;
        bytes32 requiredClaim;
        bytes32 code;
        string name;
    }

    /// @dev One slot per request.
    struct RequestRecord {
        address citizen;
        uint32 serviceId;
        Status status;
        bool escalated;
        uint8 rating;
        uint40 submittedAt;
    }

    uint32 private _serviceCount;
    uint256 private _requestCount;
    mapping(uint32 serviceId => ServiceRecord) private _services;
    mapping(uint32 agencyId => mapping(bytes32 code => uint32 serviceId)) private _serviceIdByCode;
    mapping(uint256 requestId => RequestRecord) private _requests;
    mapping(address citizen => mapping(bytes32 clientRef => uint256 requestId)) private _requestIdByClientRef;
    mapping(uint256 requestId => uint256 originalId) private _duplicateOf;
    mapping(uint32 agencyId => AgencyStats) private _stats;

    /// @param directory The AgencyDirectory.
    /// @param attestations The CitizenAttestations.
    constructor(IAgencyDirectory directory, ICitizenAttestations attestations) {
        DIRECTORY = directory;
        ATTESTATIONS = attestations;
    }

    // ---------------------------------------------------------------------------------------------
    // Catalogue
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IServiceRequests
    function addService(
        uint32 agencyId,
        bytes32 code,
        string calldata name,
        uint32 slaSeconds,
        bytes32 requiredClaim,
        uint8 minLevel
    ) external returns (uint32 serviceId) {
        _authorizeManager(agencyId);
        if (code == bytes32(0)) revert ServiceZeroCode();
        uint32 existing = _serviceIdByCode[agencyId][code];
        if (existing != 0) revert ServiceCodeTaken(agencyId, code, existing);
        uint256 length = bytes(name).length;
        if (length == 0 || length > MAX_NAME_LENGTH) revert ServiceInvalidName(length, MAX_NAME_LENGTH);
        if (slaSeconds == 0 || slaSeconds > MAX_SLA_SECONDS) revert ServiceInvalidSla(slaSeconds, MAX_SLA_SECONDS);
        if (requiredClaim == bytes32(0) ? minLevel != 0 : (minLevel == 0 || minLevel > MAX_LEVEL)) {
            revert ServiceInvalidClaimLevel(requiredClaim, minLevel);
        }
        if (requiredClaim != bytes32(0) && !ATTESTATIONS.isClaimType(requiredClaim)) {
            revert ServiceUnknownClaimType(requiredClaim);
        }

        serviceId = ++_serviceCount;
        ServiceRecord storage service = _services[serviceId];
        service.header = ServiceHeader(agencyId, slaSeconds, minLevel, true);
        service.requiredClaim = requiredClaim;
        service.code = code;
        service.name = name;
        _serviceIdByCode[agencyId][code] = serviceId;
        emit ServiceAdded(serviceId, agencyId, code, name, slaSeconds, requiredClaim, minLevel);
    }

    /// @inheritdoc IServiceRequests
    function setServiceActive(uint32 serviceId, bool active) external {
        ServiceHeader storage header = _services[serviceId].header;
        uint32 agencyId = header.agencyId;
        if (agencyId == 0) revert ServiceUnknown(serviceId);
        _authorizeManager(agencyId);
        if (header.active == active) revert ServiceUnchanged(serviceId);
        header.active = active;
        emit ServiceActiveChanged(serviceId, agencyId, active, _msgSender());
    }

    // ---------------------------------------------------------------------------------------------
    // Citizens
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IServiceRequests
    function submit(
        uint32 serviceId,
        bytes32 contentHash,
        bytes32 clientRef,
        string calldata summary
    ) external returns (uint256 requestId) {
        ServiceHeader memory service = _services[serviceId].header;
        if (service.agencyId == 0) revert ServiceUnknown(serviceId);
        if (!service.active) revert ServiceInactive(serviceId);
        address citizen = _msgSender();
        (bool agencyActive, uint32 memberOf) = DIRECTORY.agencyStatusFor(service.agencyId, citizen);
        // Before the claim check: the citizen must learn that the agency is suspended, not lacks a claim.
        if (!agencyActive) revert RequestAgencyInactive(service.agencyId);
        // Agencies cannot grade themselves: their members cannot file requests to them.
        if (memberOf == service.agencyId) revert RequestByAgencyMember(citizen, service.agencyId);
        _checkText(summary);
        if (clientRef == bytes32(0)) revert RequestZeroClientRef();
        uint256 existing = _requestIdByClientRef[citizen][clientRef];
        if (existing != 0) revert RequestDuplicateSubmission(citizen, clientRef, existing);
        if (service.minLevel != 0) {
            bytes32 requiredClaim = _services[serviceId].requiredClaim;
            if (!ATTESTATIONS.hasValidClaim(citizen, requiredClaim, service.minLevel)) {
                revert RequestClaimRequired(citizen, requiredClaim, service.minLevel);
            }
        }
        requestId = ++_requestCount;
        _requestIdByClientRef[citizen][clientRef] = requestId;
        _requests[requestId] = RequestRecord({
            citizen: citizen,
            serviceId: serviceId,
            status: Status.Submitted,
            escalated: false,
            rating: 0,
            submittedAt: uint40(block.timestamp)
        });
        AgencyStats storage stats = _stats[service.agencyId];
        // Both counters share one slot; uint32 cannot realistically overflow (4 billion requests).
        unchecked {
            stats.submitted += 1;
            stats.open += 1;
        }
        emit RequestSubmitted(
            requestId,
            citizen,
            service.agencyId,
            serviceId,
            contentHash,
            clientRef,
            uint64(block.timestamp) + service.slaSeconds,
            summary
        );
    }

    /// @inheritdoc IServiceRequests
    function respond(uint256 requestId, bytes32 contentHash, string calldata note) external {
        RequestRecord storage request = _ownRequest(requestId);
        _checkText(note);
        Status from = request.status;
        if (from != Status.NeedsInfo) revert RequestInvalidTransition(requestId, uint8(from), uint8(Status.InProgress));
        uint32 agencyId = _notMember(request.serviceId);
        request.status = Status.InProgress;
        emit RequestStatusChanged(
            requestId,
            request.citizen,
            agencyId,
            from,
            Status.InProgress,
            _msgSender(),
            contentHash,
            note
        );
    }

    /// @inheritdoc IServiceRequests
    function cancel(uint256 requestId) external {
        RequestRecord storage request = _ownRequest(requestId);
        Status from = request.status;
        if (from != Status.Submitted && from != Status.NeedsInfo) {
            revert RequestInvalidTransition(requestId, uint8(from), uint8(Status.Cancelled));
        }
        request.status = Status.Cancelled;
        uint32 agencyId = _services[request.serviceId].header.agencyId;
        AgencyStats storage stats = _stats[agencyId];
        // open >= 1 while this request is open; cancelled <= submitted.
        unchecked {
            stats.open -= 1;
            stats.cancelled += 1;
        }
        emit RequestStatusChanged(requestId, request.citizen, agencyId, from, Status.Cancelled, _msgSender(), 0, "");
    }

    /// @inheritdoc IServiceRequests
    function escalate(uint256 requestId) external {
        RequestRecord storage request = _ownRequest(requestId);
        Status status = request.status;
        if (!_isOpen(status)) revert RequestNotOpen(requestId, status);
        if (request.escalated) revert RequestAlreadyEscalated(requestId);
        ServiceHeader memory service = _services[request.serviceId].header;
        uint64 dueAt = uint64(request.submittedAt) + service.slaSeconds;
        if (block.timestamp <= dueAt) revert RequestNotOverdue(requestId, dueAt);
        request.escalated = true;
        // escalated <= submitted.
        unchecked {
            _stats[service.agencyId].escalated += 1;
        }
        emit RequestEscalated(requestId, request.citizen, service.agencyId, dueAt);
    }

    /// @inheritdoc IServiceRequests
    function rate(uint256 requestId, uint8 score, bytes32 commentHash) external {
        RequestRecord storage request = _ownRequest(requestId);
        Status status = request.status;
        if (status != Status.Completed && status != Status.Rejected && status != Status.Duplicate) {
            revert RequestNotRateable(requestId, status);
        }
        if (request.rating != 0) revert RequestAlreadyRated(requestId);
        if (score == 0 || score > MAX_SCORE) revert RequestInvalidScore(score);
        uint32 agencyId = _notMember(request.serviceId);
        request.rating = score;
        AgencyStats storage stats = _stats[agencyId];
        // ratingSum <= 4 * ratingCount; both far below 2**64.
        unchecked {
            stats.ratingSum += score;
            stats.ratingCount += 1;
        }
        emit RequestRated(requestId, request.citizen, agencyId, score, commentHash);
    }

    // ---------------------------------------------------------------------------------------------
    // Officers
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IServiceRequests
    function updateStatus(uint256 requestId, uint8 newStatus, bytes32 noteHash, string calldata note) external {
        RequestRecord memory request = _existingRequest(requestId);
        ServiceHeader memory service = _services[request.serviceId].header;
        address officer = _onlyOfficerOf(service.agencyId);
        _checkText(note);
        Status from = request.status;
        if (newStatus > uint8(type(Status).max) || (_TRANSITIONS >> (uint256(from) * 8 + newStatus)) & 1 == 0) {
            revert RequestInvalidTransition(requestId, uint8(from), newStatus);
        }
        Status to = Status(newStatus);
        if (to == Status.Rejected && bytes(note).length == 0) revert RequestReasonRequired(requestId);
        _requests[requestId].status = to;

        if (to == Status.Completed) {
            AgencyStats storage stats = _stats[service.agencyId];
            uint64 resolution = uint64(block.timestamp) - request.submittedAt;
            // open >= 1 while this request is open; the other counters are bounded by submitted.
            unchecked {
                stats.open -= 1;
                stats.completed += 1;
                if (resolution <= service.slaSeconds) stats.completedOnTime += 1;
                stats.totalResolutionSeconds += resolution;
            }
        } else if (to == Status.Rejected) {
            AgencyStats storage stats = _stats[service.agencyId];
            unchecked {
                stats.open -= 1;
                stats.rejected += 1;
            }
        }
        emit RequestStatusChanged(requestId, request.citizen, service.agencyId, from, to, officer, noteHash, note);
    }

    /// @inheritdoc IServiceRequests
    function markDuplicate(uint256 requestId, uint256 originalId) external {
        RequestRecord memory request = _existingRequest(requestId);
        uint32 agencyId = _services[request.serviceId].header.agencyId;
        address officer = _onlyOfficerOf(agencyId);
        if (!_isOpen(request.status)) revert RequestNotOpen(requestId, request.status);
        if (originalId == 0 || originalId >= requestId) revert RequestInvalidOriginal(requestId, originalId);
        RequestRecord storage original = _requests[originalId];
        Status originalStatus = original.status;
        // The citizen is pointed to a request that was or will be served: never a cancelled, rejected
        // or duplicate one (closing a late request against an unrelated dead one would hide it).
        if (
            (!_isOpen(originalStatus) && originalStatus != Status.Completed) ||
            _services[original.serviceId].header.agencyId != agencyId
        ) {
            revert RequestInvalidOriginal(requestId, originalId);
        }
        _requests[requestId].status = Status.Duplicate;
        _duplicateOf[requestId] = originalId;
        AgencyStats storage stats = _stats[agencyId];
        unchecked {
            stats.open -= 1;
            stats.duplicates += 1;
        }
        emit RequestMarkedDuplicate(requestId, request.citizen, agencyId, originalId, officer);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IServiceRequests
    function getService(uint32 serviceId) external view returns (Service memory) {
        ServiceRecord storage service = _services[serviceId];
        ServiceHeader memory header = service.header;
        if (header.agencyId == 0) revert ServiceUnknown(serviceId);
        return
            Service({
                agencyId: header.agencyId,
                code: service.code,
                name: service.name,
                slaSeconds: header.slaSeconds,
                requiredClaim: service.requiredClaim,
                minLevel: header.minLevel,
                active: header.active
            });
    }

    /// @inheritdoc IServiceRequests
    function serviceCount() external view returns (uint32) {
        return _serviceCount;
    }

    /// @notice The id of agency `agencyId`'s service with `code`, 0 if none.
    function serviceIdByCode(uint32 agencyId, bytes32 code) external view returns (uint32) {
        return _serviceIdByCode[agencyId][code];
    }

    /// @inheritdoc IServiceRequests
    function getRequest(uint256 requestId) external view returns (Request memory) {
        RequestRecord memory request = _existingRequest(requestId);
        return
            Request({
                citizen: request.citizen,
                serviceId: request.serviceId,
                status: request.status,
                escalated: request.escalated,
                rating: request.rating,
                submittedAt: request.submittedAt,
                dueAt: _dueAt(request)
            });
    }

    /// @inheritdoc IServiceRequests
    function requestCount() external view returns (uint256) {
        return _requestCount;
    }

    /// @notice The request `citizen` filed with `clientRef`, 0 if none (lets a client find a request
    /// whose transaction it lost track of).
    function requestIdByClientRef(address citizen, bytes32 clientRef) external view returns (uint256) {
        return _requestIdByClientRef[citizen][clientRef];
    }

    /// @notice The original of a request closed as a duplicate, 0 otherwise.
    function duplicateOf(uint256 requestId) external view returns (uint256) {
        return _duplicateOf[requestId];
    }

    /// @inheritdoc IServiceRequests
    function isOverdue(uint256 requestId) external view returns (bool) {
        RequestRecord memory request = _requests[requestId];
        return _isOpen(request.status) && block.timestamp > _dueAt(request);
    }

    /// @inheritdoc IServiceRequests
    function agencyStats(uint32 agencyId) external view returns (AgencyStats memory) {
        return _stats[agencyId];
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _existingRequest(uint256 requestId) private view returns (RequestRecord memory request) {
        request = _requests[requestId];
        if (request.citizen == address(0)) revert RequestUnknown(requestId);
    }

    function _ownRequest(uint256 requestId) private view returns (RequestRecord storage request) {
        request = _requests[requestId];
        address citizen = request.citizen;
        if (citizen == address(0)) revert RequestUnknown(requestId);
        if (citizen != _msgSender()) revert RequestNotCitizen(_msgSender(), requestId);
    }

    function _dueAt(RequestRecord memory request) private view returns (uint64) {
        return uint64(request.submittedAt) + _services[request.serviceId].header.slaSeconds;
    }

    function _isOpen(Status status) private pure returns (bool) {
        return status == Status.Submitted || status == Status.InProgress || status == Status.NeedsInfo;
    }

    function _checkText(string calldata text) private pure {
        if (bytes(text).length > MAX_TEXT_LENGTH) revert RequestTextTooLong(bytes(text).length, MAX_TEXT_LENGTH);
    }

    /// @dev The agency of `serviceId`, when the sender is not one of its members (admin or officer).
    function _notMember(uint32 serviceId) private view returns (uint32 agencyId) {
        agencyId = _services[serviceId].header.agencyId;
        address sender = _msgSender();
        if (DIRECTORY.agencyIdOf(sender) == agencyId) revert RequestByAgencyMember(sender, agencyId);
    }

    function _onlyOfficerOf(uint32 agencyId) private view returns (address officer) {
        officer = _msgSender();
        if (DIRECTORY.activeAgencyOf(officer) != agencyId) revert RequestNotOfficer(officer, agencyId);
    }

    /// @dev The governor may manage any agency's catalogue; an admin only their own agency's, while active.
    function _authorizeManager(uint32 agencyId) private view {
        address sender = _msgSender();
        address admin = DIRECTORY.agencyAdmin(agencyId);
        if (admin == address(0)) revert ServiceUnknownAgency(agencyId);
        if (sender == admin && DIRECTORY.isAgencyActive(agencyId)) return;
        if (!DIRECTORY.isGovernor(sender)) revert ServiceUnauthorized(sender, agencyId);
    }
}
