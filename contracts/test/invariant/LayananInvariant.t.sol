// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgencyDirectory} from "../../AgencyDirectory.sol";
import {CitizenAttestations} from "../../CitizenAttestations.sol";
import {ServiceRequests} from "../../ServiceRequests.sol";
import {DocumentRegistry} from "../../DocumentRegistry.sol";
import {IServiceRequests} from "../../interfaces/IServiceRequests.sol";
import {MockERC1271Wallet} from "../../mocks/MockERC1271Wallet.sol";
import {TestHelpers} from "../utils/TestHelpers.t.sol";
import {StandardMerkle} from "../utils/StandardMerkle.t.sol";
import {ICitizenAttestations} from "../../interfaces/ICitizenAttestations.sol";
import {IAgencyDirectory} from "../../interfaces/IAgencyDirectory.sol";
import {LayananBase} from "../Base.t.sol";

// The handler lives in the same file as the invariant test on purpose: Hardhat emits artifacts only for
// the contracts of the test files it compiles as roots, and the invariant runner must find the handler's
// artifact to fuzz it, so `npx hardhat test solidity <this file>` works on its own.

/// @title LayananHandler
/// @notice The invariant fuzzer's only target. Each action calls one state-changing function of the four
/// contracts with bounded fuzzed inputs, as a role picked from the seeds (usually the right one, sometimes
/// anyone), swallows reverts with try/catch, and keeps a model (ghost state) of what DESIGN.md says should
/// happen. Before each call the model predicts success or failure; a disagreement is recorded as a
/// mismatch (an invariant requires none). Successful calls update the model, which the invariants compare
/// with the contracts' views.
contract LayananHandler is TestHelpers {
    // ---------------------------------------------------------------------------------------------
    // Model types
    // ---------------------------------------------------------------------------------------------

    struct GhostAttestation {
        bytes32 uid;
        address subject;
        bytes32 claimType;
        bytes32 dataHash;
        uint32 agencyId;
        uint8 level;
        uint64 issuedAt;
        uint64 expiresAt;
        uint64 revokedAt;
        bool superseded;
    }

    struct GhostService {
        uint32 agencyId;
        uint32 slaSeconds;
        bytes32 requiredClaim;
        uint8 minLevel;
        bool active;
    }

    struct GhostRequest {
        address citizen;
        uint32 serviceId;
        uint32 agencyId;
        uint8 status;
        bool escalated;
        uint8 rating;
        uint64 submittedAt;
        uint64 dueAt;
    }

    /// @dev A single document (root 0) or a member of batch `root`.
    struct GhostDocument {
        bytes32 fingerprint;
        bytes32 root;
        uint32 agencyId;
        bytes32 docType;
        uint64 issuedAt;
        uint64 expiresAt;
        bool revoked; // the document itself (single, or this member of its batch)
    }

    struct GhostBatch {
        bytes32 root;
        uint32 agencyId;
        uint32 count;
        bool revoked;
    }

    // Status codes, as in IServiceRequests.Status.
    uint8 internal constant SUBMITTED = 1;
    uint8 internal constant IN_PROGRESS = 2;
    uint8 internal constant NEEDS_INFO = 3;
    uint8 internal constant COMPLETED = 4;
    uint8 internal constant REJECTED = 5;
    uint8 internal constant CANCELLED = 6;
    uint8 internal constant DUPLICATE = 7;

    /// @dev For {_pickRequest}: Submitted or InProgress.
    uint8 internal constant WAITING_FOR_OFFICER = 8;

    uint8 internal constant ROLE_OFFICER = 1;
    uint8 internal constant ROLE_ADMIN = 2;

    uint64 internal constant MAX_TIME = type(uint40).max;
    uint256 internal constant MAX_AGENCIES = 4;
    uint256 internal constant MAX_SERVICES = 8;

    // ---------------------------------------------------------------------------------------------
    // Contracts and actors
    // ---------------------------------------------------------------------------------------------

    AgencyDirectory public immutable directory;
    CitizenAttestations public immutable attestations;
    ServiceRequests public immutable requests;
    DocumentRegistry public immutable documents;

    address[] internal _governors; // the first governor and a successor for the two-step hand-over
    address[] internal _staff; // addresses that may serve agencies (the last one is an ERC-1271 wallet)
    address[] internal _citizens;
    address[] internal _everyone;
    mapping(address account => uint256 key) internal _signingKey;
    bytes32[] internal _claimPool; // RESIDENT, KTP_VERIFIED (registered in setUp), two more, and 0

    // ---------------------------------------------------------------------------------------------
    // Model (ghost state)
    // ---------------------------------------------------------------------------------------------

    address public governorModel;
    uint32 public agencyCountModel;
    mapping(uint32 agencyId => bool) public agencyActiveModel;
    mapping(uint32 agencyId => address) public agencyAdminModel;
    mapping(bytes32 code => bool) internal _agencyCodeTaken;
    mapping(address account => uint32 agencyId) public memberAgencyModel;
    mapping(address account => uint8 role) public memberRoleModel;

    mapping(bytes32 claimType => bool) public claimRegisteredModel;
    mapping(bytes32 claimType => mapping(uint32 agencyId => bool)) public trustedModel;
    mapping(address officer => uint256) public nonceModel;
    GhostAttestation[] internal _attestations;
    mapping(bytes32 uid => uint256 indexPlusOne) internal _attestationIndex;
    /// @dev Index in _attestations of the first attestation of each (subject, claim type) attested.
    uint256[] internal _attestedPairs;
    mapping(address subject => mapping(bytes32 claimType => bool)) internal _pairAttested;
    /// @dev One current attestation per (subject, claim type, agency) (issue 10).
    mapping(address subject => mapping(bytes32 claimType => mapping(uint32 agencyId => uint256 indexPlusOne)))
        internal _current;

    GhostService[] internal _services; // serviceId - 1
    mapping(uint32 agencyId => mapping(bytes32 code => bool)) internal _serviceCodeTaken;
    GhostRequest[] internal _requests; // requestId - 1
    mapping(address citizen => mapping(bytes32 clientRef => bool)) internal _refUsed;
    mapping(uint32 agencyId => IServiceRequests.AgencyStats) internal _statsModel;
    /// @dev The request as the contract returned it right after it became final.
    mapping(uint256 requestId => IServiceRequests.Request) internal _finalSnapshot;
    mapping(uint256 requestId => bool) public hasFinalSnapshot;
    mapping(uint256 requestId => uint8) public ratedScore;
    mapping(uint256 requestId => uint256) public rateSuccesses;

    GhostDocument[] internal _documents;
    mapping(bytes32 fingerprint => bool) internal _singleIssued;
    GhostBatch[] internal _batches;
    mapping(bytes32 root => uint256 indexPlusOne) internal _batchIndex;
    mapping(bytes32 root => mapping(bytes32 fingerprint => bytes32[])) internal _proofs;
    /// @dev Document types (issue 10): which agency may issue which (setUp trusts A for AKTA_KELAHIRAN and B
    /// for IZIN_USAHA; agencies registered later are trusted for none).
    bytes32[] internal _docTypePool;
    mapping(bytes32 docType => mapping(uint32 agencyId => bool)) public docTrustModel;
    bytes32[] internal _singleFingerprints;
    uint256 internal _nonce;

    // ---------------------------------------------------------------------------------------------
    // Progress and disagreements
    // ---------------------------------------------------------------------------------------------

    uint256 public totalCalls;
    uint256 public totalSuccesses;
    mapping(bytes4 selector => uint256) public calls;
    mapping(bytes4 selector => uint256) public successes;
    mapping(uint8 status => uint256) public statusReached;
    uint256 public attestationsRevoked;
    uint256 public attestationsSuperseded;
    uint256 public documentsRevoked;
    uint256 public governorTransfersBegun;
    uint256 public governorTransfersAccepted;

    uint256 public mismatches;
    /// @dev Set by the fixed-sequence test only (not a fuzzer target): rare branches follow the raw seeds.
    bool public rawSeeds;
    string public firstMismatch;

    constructor(
        AgencyDirectory directory_,
        CitizenAttestations attestations_,
        ServiceRequests requests_,
        DocumentRegistry documents_,
        uint256[] memory governorKeys,
        uint256[] memory staffKeys,
        uint256[] memory citizenKeys,
        bytes32[] memory claimPool
    ) {
        directory = directory_;
        attestations = attestations_;
        requests = requests_;
        documents = documents_;
        for (uint256 i = 0; i < governorKeys.length; ++i) _governors.push(_keyed(governorKeys[i]));
        for (uint256 i = 0; i < staffKeys.length; ++i) _staff.push(_keyed(staffKeys[i]));
        for (uint256 i = 0; i < citizenKeys.length; ++i) _citizens.push(_keyed(citizenKeys[i]));
        // A smart-account officer (ERC-1271), signing with its owner's key.
        uint256 ownerKey = 0xE0;
        MockERC1271Wallet wallet = new MockERC1271Wallet(vm.addr(ownerKey));
        _staff.push(address(wallet));
        _signingKey[address(wallet)] = ownerKey;
        for (uint256 i = 0; i < _governors.length; ++i) _everyone.push(_governors[i]);
        for (uint256 i = 0; i < _staff.length; ++i) _everyone.push(_staff[i]);
        for (uint256 i = 0; i < _citizens.length; ++i) _everyone.push(_citizens[i]);
        _claimPool = claimPool;
        governorModel = _governors[0];
    }

    /// @notice The setUp tells the handler what it did before handing over (agencies, officers, claim types,
    /// trusted issuers, services), so that the model starts equal to the chain.
    function seedAgency(uint32 agencyId, bytes32 code, address admin, address[] calldata officers) external {
        agencyCountModel = agencyId;
        agencyActiveModel[agencyId] = true;
        agencyAdminModel[agencyId] = admin;
        _agencyCodeTaken[code] = true;
        memberAgencyModel[admin] = agencyId;
        memberRoleModel[admin] = ROLE_ADMIN;
        for (uint256 i = 0; i < officers.length; ++i) {
            memberAgencyModel[officers[i]] = agencyId;
            memberRoleModel[officers[i]] = ROLE_OFFICER;
        }
    }

    function seedClaim(bytes32 claimType, uint32[] calldata trustedAgencies) external {
        claimRegisteredModel[claimType] = true;
        for (uint256 i = 0; i < trustedAgencies.length; ++i) trustedModel[claimType][trustedAgencies[i]] = true;
    }

    function seedDocumentType(bytes32 docType, uint32 trustedAgency) external {
        _docTypePool.push(docType);
        docTrustModel[docType][trustedAgency] = true;
    }

    function seedService(uint32 agencyId, bytes32 code, uint32 sla, bytes32 requiredClaim, uint8 minLevel) external {
        _services.push(GhostService(agencyId, sla, requiredClaim, minLevel, true));
        _serviceCodeTaken[agencyId][code] = true;
    }

    /// @notice For the fixed-sequence test: choose rare branches from the raw seeds (see {_rare}).
    function useRawSeeds() external {
        rawSeeds = true;
    }

    // =============================================================================================
    // AgencyDirectory
    // =============================================================================================

    function registerAgency(uint256 actorSeed, uint256 adminSeed, uint256 codeSeed, uint256 nameLength) external {
        if (agencyCountModel >= MAX_AGENCIES) return;
        address actor = _governorOr(actorSeed);
        address admin = _rare(adminSeed, 16) ? address(0) : _freeStaffOrAny(adminSeed);
        bytes32 code = _rare(codeSeed, 8) ? bytes32(0) : bytes32(bytes1(uint8(0x41 + (codeSeed % 5))));
        nameLength = _rare(nameLength, 16) ? bound(nameLength, 0, 140) : bound(nameLength, 1, 40);
        bool expected =
            actor == governorModel &&
                code != bytes32(0) &&
                !_agencyCodeTaken[code] &&
                nameLength >= 1 &&
                nameLength <= 128 &&
                _isFree(admin);

        vm.prank(actor);
        try directory.registerAgency(code, _text(nameLength), admin) returns (uint32 agencyId) {
            if (!_succeeded(this.registerAgency.selector, expected, "registerAgency")) return;
            if (agencyId != agencyCountModel + 1) _mismatch("registerAgency: ids are not sequential from 1");
            agencyCountModel = agencyId;
            agencyActiveModel[agencyId] = true;
            agencyAdminModel[agencyId] = admin;
            _agencyCodeTaken[code] = true;
            memberAgencyModel[admin] = agencyId;
            memberRoleModel[admin] = ROLE_ADMIN;
        } catch {
            _failed(this.registerAgency.selector, expected, "registerAgency");
        }
    }

    /// @dev Toggles an agency (3 in 8), reactivates a suspended one (4 in 8, if any; else toggles), or sets
    /// the state an agency already has (1 in 8). Agencies are thus suspended for a short part of a sequence.
    function setAgencyActive(uint256 actorSeed, uint256 agencySeed, uint256 activeSeed) external {
        address actor = _governorOr(actorSeed);
        uint32 agencyId = _agencyId(agencySeed);
        uint256 r = _mixed(activeSeed) % 8;
        if (r >= 3 && r < 7) {
            for (uint32 k = 0; k < agencyCountModel; ++k) {
                uint32 candidate = 1 + uint32((agencySeed + k) % agencyCountModel);
                if (!agencyActiveModel[candidate]) {
                    agencyId = candidate;
                    break;
                }
            }
        }
        bool active = r == 7 ? agencyActiveModel[agencyId] : !agencyActiveModel[agencyId];
        bool expected = actor == governorModel && _agencyExists(agencyId) && agencyActiveModel[agencyId] != active;

        vm.prank(actor);
        try directory.setAgencyActive(agencyId, active) {
            if (!_succeeded(this.setAgencyActive.selector, expected, "setAgencyActive")) return;
            agencyActiveModel[agencyId] = active;
        } catch {
            _failed(this.setAgencyActive.selector, expected, "setAgencyActive");
        }
    }

    function setAgencyAdmin(uint256 actorSeed, uint256 agencySeed, uint256 adminSeed) external {
        address actor = _governorOr(actorSeed);
        uint32 agencyId = _agencyId(agencySeed);
        address admin;
        if (_rare(adminSeed, 16)) admin = address(0);
        else if (_rare(adminSeed >> 1, 4)) admin = _staff[(adminSeed >> 4) % _staff.length];
        else if (adminSeed % 2 == 0)
            admin = _memberOrAnyone(agencyId, adminSeed >> 4); // a promotion
        else admin = _freeStaffOrAny(adminSeed >> 4);
        address previous = agencyAdminModel[agencyId];
        bool promotable = memberRoleModel[admin] == ROLE_OFFICER && memberAgencyModel[admin] == agencyId;
        bool expected =
            actor == governorModel && _agencyExists(agencyId) && admin != previous && (promotable || _isFree(admin));

        vm.prank(actor);
        try directory.setAgencyAdmin(agencyId, admin) {
            if (!_succeeded(this.setAgencyAdmin.selector, expected, "setAgencyAdmin")) return;
            delete memberAgencyModel[previous];
            delete memberRoleModel[previous];
            agencyAdminModel[agencyId] = admin;
            memberAgencyModel[admin] = agencyId;
            memberRoleModel[admin] = ROLE_ADMIN;
        } catch {
            _failed(this.setAgencyAdmin.selector, expected, "setAgencyAdmin");
        }
    }

    function addOfficer(uint256 actorSeed, uint256 agencySeed, uint256 officerSeed) external {
        uint32 agencyId = _agencyId(agencySeed);
        address actor = _managerOf(agencyId, actorSeed);
        address officer = _rare(officerSeed, 16) ? address(0) : _freeStaffOrAny(officerSeed);
        bool expected = _mayManage(actor, agencyId) && _isFree(officer);

        vm.prank(actor);
        try directory.addOfficer(agencyId, officer) {
            if (!_succeeded(this.addOfficer.selector, expected, "addOfficer")) return;
            memberAgencyModel[officer] = agencyId;
            memberRoleModel[officer] = ROLE_OFFICER;
        } catch {
            _failed(this.addOfficer.selector, expected, "addOfficer");
        }
    }

    function removeOfficer(uint256 actorSeed, uint256 officerSeed) external {
        address officer = _staff[officerSeed % _staff.length];
        if (!_rare(officerSeed, 8)) {
            for (uint256 k = 0; k < _staff.length; ++k) {
                address candidate = _staff[(officerSeed + k) % _staff.length];
                if (memberRoleModel[candidate] == ROLE_OFFICER) {
                    officer = candidate;
                    break;
                }
            }
        }
        uint32 agencyId = memberAgencyModel[officer];
        address actor = _managerOf(agencyId, actorSeed);
        bool expected = memberRoleModel[officer] == ROLE_OFFICER && _mayManage(actor, agencyId);

        vm.prank(actor);
        try directory.removeOfficer(officer) {
            if (!_succeeded(this.removeOfficer.selector, expected, "removeOfficer")) return;
            delete memberAgencyModel[officer];
            delete memberRoleModel[officer];
        } catch {
            _failed(this.removeOfficer.selector, expected, "removeOfficer");
        }
    }

    /// @dev Two-step governor hand-over (OpenZeppelin AccessControlDefaultAdminRules, 1 day delay), one
    /// step per call: begin a transfer to one of the two governor addresses, accept it, or cancel it.
    function transferGovernor(uint256 stepSeed, uint256 actorSeed, uint256 toSeed) external {
        uint256 step = stepSeed % 3;
        if (step == 0) {
            address actor = _governorOr(actorSeed);
            address to = _governors[toSeed % _governors.length];
            bool expected = actor == governorModel;
            vm.prank(actor);
            try directory.beginDefaultAdminTransfer(to) {
                if (!_succeeded(this.transferGovernor.selector, expected, "beginDefaultAdminTransfer")) return;
                governorTransfersBegun += 1;
            } catch {
                _failed(this.transferGovernor.selector, expected, "beginDefaultAdminTransfer");
            }
        } else if (step == 1) {
            (address pending, uint48 schedule) = directory.pendingDefaultAdmin();
            address actor = _rare(actorSeed, 4) ? _everyone[(actorSeed >> 2) % _everyone.length] : pending;
            bool expected = pending != address(0) && actor == pending && schedule != 0 && schedule < _now();
            vm.prank(actor);
            try directory.acceptDefaultAdminTransfer() {
                if (!_succeeded(this.transferGovernor.selector, expected, "acceptDefaultAdminTransfer")) return;
                governorModel = actor;
                governorTransfersAccepted += 1;
            } catch {
                _failed(this.transferGovernor.selector, expected, "acceptDefaultAdminTransfer");
            }
        } else {
            address actor = _governorOr(actorSeed);
            bool expected = actor == governorModel;
            vm.prank(actor);
            try directory.cancelDefaultAdminTransfer() {
                if (!_succeeded(this.transferGovernor.selector, expected, "cancelDefaultAdminTransfer")) return;
            } catch {
                _failed(this.transferGovernor.selector, expected, "cancelDefaultAdminTransfer");
            }
        }
    }

    // =============================================================================================
    // CitizenAttestations
    // =============================================================================================

    function registerClaimType(uint256 actorSeed, uint256 claimSeed, uint256 descriptionLength) external {
        address actor = _governorOr(actorSeed);
        bytes32 claimType = _claimPool[claimSeed % _claimPool.length];
        descriptionLength =
            _rare(descriptionLength, 16) ? bound(descriptionLength, 0, 300) : bound(descriptionLength, 1, 60);
        bool expected =
            actor == governorModel &&
                claimType != bytes32(0) &&
                !claimRegisteredModel[claimType] &&
                descriptionLength >= 1 &&
                descriptionLength <= 280;

        vm.prank(actor);
        try attestations.registerClaimType(claimType, _text(descriptionLength)) {
            if (!_succeeded(this.registerClaimType.selector, expected, "registerClaimType")) return;
            claimRegisteredModel[claimType] = true;
        } catch {
            _failed(this.registerClaimType.selector, expected, "registerClaimType");
        }
    }

    /// @dev Usually toggles the trust, sometimes sets what is already set.
    function setTrustedIssuer(uint256 actorSeed, uint256 claimSeed, uint256 agencySeed, uint256 trustSeed) external {
        address actor = _governorOr(actorSeed);
        bytes32 claimType = _claimPool[claimSeed % _claimPool.length];
        uint32 agencyId = _agencyId(agencySeed);
        bool trusted = _rare(trustSeed, 8) ? trustedModel[claimType][agencyId] : !trustedModel[claimType][agencyId];
        bool expected =
            actor == governorModel &&
                claimRegisteredModel[claimType] &&
                _agencyExists(agencyId) &&
                trustedModel[claimType][agencyId] != trusted;

        vm.prank(actor);
        try attestations.setTrustedIssuer(claimType, agencyId, trusted) {
            if (!_succeeded(this.setTrustedIssuer.selector, expected, "setTrustedIssuer")) return;
            trustedModel[claimType][agencyId] = trusted;
        } catch {
            _failed(this.setTrustedIssuer.selector, expected, "setTrustedIssuer");
        }
    }

    function attest(
        uint256 actorSeed,
        uint256 subjectSeed,
        uint256 claimSeed,
        uint256 dataSeed,
        uint256 levelSeed,
        uint256 expirySeed
    ) external {
        bytes32 claimType = _attestableClaim(claimSeed);
        address officer = _attester(claimType, actorSeed);
        (address subject, bytes32 dataHash, uint8 level, uint64 expiresAt) = _attestationInputs(
            subjectSeed,
            dataSeed,
            levelSeed,
            expirySeed
        );
        bool expected = _attestExpected(officer, subject, claimType, dataHash, level, expiresAt);

        vm.prank(officer);
        try attestations.attest(subject, claimType, dataHash, level, expiresAt) returns (bytes32 uid) {
            if (!_succeeded(this.attest.selector, expected, "attest")) return;
            nonceModel[officer] += 1; // a direct attest uses up the officer's nonce (issue 10)
            _recordAttestation(uid, officer, subject, claimType, dataHash, level, expiresAt);
        } catch {
            _failed(this.attest.selector, expected, "attest");
        }
    }

    /// @dev An officer signs off chain (EIP-712; the ERC-1271 wallet officer through its owner's key) and
    /// anyone submits. `corrupt` signs with a key that is not the officer's.
    function attestBySig(
        uint256 relayerSeed,
        uint256 signerSeed,
        uint256 subjectSeed,
        uint256 claimSeed,
        uint256 dataSeed,
        uint256 levelSeed,
        uint256 expirySeed,
        uint256 deadlineSeed
    ) external {
        bytes32 claimType = _attestableClaim(claimSeed);
        address officer = _attester(claimType, signerSeed);
        (address subject, bytes32 dataHash, uint8 level, uint64 expiresAt) = _attestationInputs(
            subjectSeed,
            dataSeed,
            levelSeed,
            expirySeed
        );
        // Usually within the 7 days a signature may live; sometimes passed, or too far (issue 10).
        uint256 deadline = _now() + bound(deadlineSeed, 0, 7 days);
        if (_rare(deadlineSeed, 8)) deadline = deadlineSeed % 2 == 0 ? _now() - 1 : _now() + 7 days + 1;
        bool corrupt = _rare(signerSeed, 16);
        uint256 key = corrupt ? 0xBAD : _signingKey[officer];
        bytes memory signature;
        {
            bytes32 digest = _attestDigest(
                subject,
                claimType,
                dataHash,
                level,
                expiresAt,
                _activeAgency(officer),
                officer,
                nonceModel[officer],
                deadline
            );
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
            signature = abi.encodePacked(r, s, v);
        }
        bool expected =
            !corrupt &&
                deadline >= _now() &&
                deadline <= _now() + 7 days &&
                _attestExpected(officer, subject, claimType, dataHash, level, expiresAt);

        address relayer = _everyone[relayerSeed % _everyone.length];
        vm.prank(relayer);
        try
            attestations.attestBySig(subject, claimType, dataHash, level, expiresAt, officer, deadline, signature)
        returns (bytes32 uid) {
            if (!_succeeded(this.attestBySig.selector, expected, "attestBySig")) return;
            nonceModel[officer] += 1;
            _recordAttestation(uid, officer, subject, claimType, dataHash, level, expiresAt);
        } catch {
            _failed(this.attestBySig.selector, expected, "attestBySig");
        }
    }

    function useNonce(uint256 actorSeed) external {
        address actor = _everyone[actorSeed % _everyone.length];
        vm.prank(actor);
        try attestations.useNonce() {
            if (!_succeeded(this.useNonce.selector, true, "useNonce")) return;
            nonceModel[actor] += 1;
        } catch {
            _failed(this.useNonce.selector, true, "useNonce");
        }
    }

    function revokeAttestation(uint256 pickSeed, uint256 actorSeed, bytes32 reason) external {
        bytes32 uid;
        bool exists;
        bool expected;
        address actor;
        if (_attestations.length == 0 || _rare(pickSeed, 16)) {
            uid = keccak256(abi.encode("unknown uid", pickSeed));
            actor = _governorOr(actorSeed);
        } else {
            GhostAttestation storage a = _attestations[pickSeed % _attestations.length];
            uid = a.uid;
            exists = true;
            actor = actorSeed % 4 == 0 ? _governorOr(actorSeed >> 2) : _memberOrAnyone(a.agencyId, actorSeed >> 2);
            expected = a.revokedAt == 0 && (_activeAgency(actor) == a.agencyId || actor == governorModel);
        }

        vm.prank(actor);
        try attestations.revoke(uid, reason) {
            if (!_succeeded(this.revokeAttestation.selector, expected, "revoke attestation")) return;
            if (exists) {
                _attestations[_attestationIndex[uid] - 1].revokedAt = _now();
                attestationsRevoked += 1;
            }
        } catch {
            _failed(this.revokeAttestation.selector, expected, "revoke attestation");
        }
    }

    // =============================================================================================
    // ServiceRequests: catalogue
    // =============================================================================================

    function addService(
        uint256 actorSeed,
        uint256 agencySeed,
        uint256 codeSeed,
        uint256 slaSeed,
        uint256 claimSeed,
        uint256 levelSeed
    ) external {
        if (_services.length >= MAX_SERVICES) return;
        uint32 agencyId = _agencyId(agencySeed);
        address actor = _managerOf(agencyId, actorSeed);
        bytes32 code = _rare(codeSeed, 8) ? bytes32(0) : bytes32(bytes2(uint16(0x5300 + (codeSeed % 4))));
        uint256 nameLength = _rare(codeSeed >> 4, 16) ? 129 : 1 + ((codeSeed >> 8) % 40);
        uint32 sla =
            _rare(slaSeed, 16) ? uint32(slaSeed % 2 == 0 ? 0 : 366 days + 1) : uint32(bound(slaSeed, 1 hours, 3 days));
        bytes32 requiredClaim = claimSeed % 2 == 0 ? bytes32(0) : _claimPool[(claimSeed >> 1) % _claimPool.length];
        uint8 minLevel =
            _rare(levelSeed, 8)
                ? uint8(levelSeed >> 8)
                : (requiredClaim == bytes32(0) ? 0 : uint8(1 + (levelSeed % 3)));
        bool levelOk = requiredClaim == bytes32(0) ? minLevel == 0 : (minLevel >= 1 && minLevel <= 3);
        bool expected =
            _mayManage(actor, agencyId) &&
                code != bytes32(0) &&
                !_serviceCodeTaken[agencyId][code] &&
                nameLength <= 128 &&
                sla >= 1 &&
                sla <= 366 days &&
                levelOk &&
                (requiredClaim == bytes32(0) || claimRegisteredModel[requiredClaim]);

        vm.prank(actor);
        try requests.addService(agencyId, code, _text(nameLength), sla, requiredClaim, minLevel) returns (
            uint32 serviceId
        ) {
            if (!_succeeded(this.addService.selector, expected, "addService")) return;
            if (serviceId != _services.length + 1) _mismatch("addService: ids are not sequential from 1");
            _services.push(GhostService(agencyId, sla, requiredClaim, minLevel, true));
            _serviceCodeTaken[agencyId][code] = true;
        } catch {
            _failed(this.addService.selector, expected, "addService");
        }
    }

    /// @dev Usually closes or reopens a service (toggles it), sometimes sets the state it already has.
    function setServiceActive(uint256 actorSeed, uint256 serviceSeed, uint256 activeSeed) external {
        // Usually an existing service; sometimes 0 or one past the last.
        uint32 serviceId =
            _rare(serviceSeed, 16)
                ? uint32(serviceSeed % (_services.length + 2))
                : uint32(1 + (serviceSeed % _services.length));
        bool exists = serviceId >= 1 && serviceId <= _services.length;
        uint32 agencyId = exists ? _services[serviceId - 1].agencyId : 0;
        address actor = _managerOf(agencyId, actorSeed);
        bool current = exists && _services[serviceId - 1].active;
        bool active = _rare(activeSeed, 8) ? current : !current;
        bool expected = exists && _mayManage(actor, agencyId) && current != active;

        vm.prank(actor);
        try requests.setServiceActive(serviceId, active) {
            if (!_succeeded(this.setServiceActive.selector, expected, "setServiceActive")) return;
            _services[serviceId - 1].active = active;
        } catch {
            _failed(this.setServiceActive.selector, expected, "setServiceActive");
        }
    }

    // =============================================================================================
    // ServiceRequests: citizens
    // =============================================================================================

    /// @dev A citizen files a request with a public summary (sometimes around or over 280 bytes).
    function submit(
        uint256 actorSeed,
        uint256 serviceSeed,
        uint256 refSeed,
        uint256 summaryLength,
        bytes32 contentHash
    ) external {
        summaryLength = _rare(summaryLength, 8) ? bound(summaryLength, 270, 300) : bound(summaryLength, 0, 80);
        _submit(this.submit.selector, actorSeed, serviceSeed, refSeed, summaryLength, contentHash);
    }

    /// @dev A citizen files an anonymous report (empty summary), as DESIGN.md allows.
    function submitAnonymous(uint256 actorSeed, uint256 serviceSeed, uint256 refSeed, bytes32 contentHash) external {
        _submit(this.submitAnonymous.selector, actorSeed, serviceSeed, refSeed, 0, contentHash);
    }

    function _submit(
        bytes4 selector,
        uint256 actorSeed,
        uint256 serviceSeed,
        uint256 refSeed,
        uint256 summaryLength,
        bytes32 contentHash
    ) internal {
        address citizen =
            _rare(actorSeed, 8)
                ? _everyone[(actorSeed >> 3) % _everyone.length]
                : _citizens[actorSeed % _citizens.length];
        uint32 serviceId = _serviceFor(citizen, serviceSeed);
        bytes32 clientRef = _rare(refSeed, 16) ? bytes32(0) : keccak256(abi.encode("ref", refSeed % 12));
        bool expected;
        if (serviceId <= _services.length) {
            GhostService storage service = _services[serviceId - 1];
            expected =
                service.active &&
                summaryLength <= 280 &&
                clientRef != bytes32(0) &&
                !_refUsed[citizen][clientRef] &&
                (service.minLevel == 0 || _hasValidClaimModel(citizen, service.requiredClaim, service.minLevel)) &&
                agencyActiveModel[service.agencyId] &&
                memberAgencyModel[citizen] != service.agencyId; // members cannot file (issue 10)
        }

        vm.prank(citizen);
        try requests.submit(serviceId, contentHash, clientRef, _text(summaryLength)) returns (uint256 requestId) {
            if (!_succeeded(selector, expected, "submit")) return;
            if (requestId != _requests.length + 1) _mismatch("submit: ids are not sequential from 1");
            GhostService storage service = _services[serviceId - 1];
            _requests.push(
                GhostRequest({
                    citizen: citizen,
                    serviceId: serviceId,
                    agencyId: service.agencyId,
                    status: SUBMITTED,
                    escalated: false,
                    rating: 0,
                    submittedAt: _now(),
                    dueAt: _now() + service.slaSeconds
                })
            );
            _refUsed[citizen][clientRef] = true;
            IServiceRequests.AgencyStats storage stats = _statsModel[service.agencyId];
            stats.submitted += 1;
            stats.open += 1;
            statusReached[SUBMITTED] += 1;
        } catch {
            _failed(selector, expected, "submit");
        }
    }

    function respond(uint256 requestSeed, uint256 actorSeed, uint256 noteLength, bytes32 contentHash) external {
        uint256 id = _pickRequest(requestSeed, NEEDS_INFO);
        if (id == 0) return;
        GhostRequest storage r = _requests[id - 1];
        address actor = _citizenOr(r.citizen, actorSeed);
        noteLength = _rare(noteLength, 8) ? bound(noteLength, 270, 300) : bound(noteLength, 0, 40);
        // Members of the agency cannot respond (issue 10).
        bool expected =
            actor == r.citizen && noteLength <= 280 && r.status == NEEDS_INFO && memberAgencyModel[actor] != r.agencyId;

        vm.prank(actor);
        try requests.respond(id, contentHash, _text(noteLength)) {
            if (!_succeeded(this.respond.selector, expected, "respond")) return;
            r.status = IN_PROGRESS;
            statusReached[IN_PROGRESS] += 1;
        } catch {
            _failed(this.respond.selector, expected, "respond");
        }
    }

    function cancel(uint256 requestSeed, uint256 actorSeed) external {
        uint256 id = _pickRequest(requestSeed, requestSeed % 2 == 0 ? SUBMITTED : NEEDS_INFO);
        if (id == 0) return;
        GhostRequest storage r = _requests[id - 1];
        address actor = _citizenOr(r.citizen, actorSeed);
        bool expected = actor == r.citizen && (r.status == SUBMITTED || r.status == NEEDS_INFO);

        vm.prank(actor);
        try requests.cancel(id) {
            if (!_succeeded(this.cancel.selector, expected, "cancel")) return;
            r.status = CANCELLED;
            statusReached[CANCELLED] += 1;
            IServiceRequests.AgencyStats storage stats = _statsModel[r.agencyId];
            stats.open -= 1;
            stats.cancelled += 1;
            _finalized(id);
        } catch {
            _failed(this.cancel.selector, expected, "cancel");
        }
    }

    function escalate(uint256 requestSeed, uint256 actorSeed) external {
        uint256 id = _pickRequest(requestSeed, 0);
        if (id == 0) return;
        GhostRequest storage r = _requests[id - 1];
        address actor = _citizenOr(r.citizen, actorSeed);
        bool expected = actor == r.citizen && _isOpen(r.status) && !r.escalated && _now() > r.dueAt;

        vm.prank(actor);
        try requests.escalate(id) {
            if (!_succeeded(this.escalate.selector, expected, "escalate")) return;
            r.escalated = true;
            _statsModel[r.agencyId].escalated += 1;
        } catch {
            _failed(this.escalate.selector, expected, "escalate");
        }
    }

    /// @dev Completed, Rejected and (issue 10) Duplicate requests may be rated, once, by their citizen when
    /// not a member of the agency.
    function rate(uint256 requestSeed, uint256 actorSeed, uint256 scoreSeed, bytes32 commentHash) external {
        uint256 id = _pickRequest(requestSeed, [COMPLETED, REJECTED, DUPLICATE][requestSeed % 3]);
        if (id == 0) return;
        GhostRequest storage r = _requests[id - 1];
        address actor = _citizenOr(r.citizen, actorSeed);
        uint8 score = _rare(scoreSeed, 8) ? uint8(scoreSeed >> 8) : uint8(1 + (scoreSeed % 4));
        bool expected =
            actor == r.citizen &&
                (r.status == COMPLETED || r.status == REJECTED || r.status == DUPLICATE) &&
                r.rating == 0 &&
                score >= 1 &&
                score <= 4 &&
                memberAgencyModel[actor] != r.agencyId;

        vm.prank(actor);
        try requests.rate(id, score, commentHash) {
            if (!_succeeded(this.rate.selector, expected, "rate")) return;
            r.rating = score;
            ratedScore[id] = score;
            rateSuccesses[id] += 1;
            IServiceRequests.AgencyStats storage stats = _statsModel[r.agencyId];
            stats.ratingSum += score;
            stats.ratingCount += 1;
        } catch {
            _failed(this.rate.selector, expected, "rate");
        }
    }

    // =============================================================================================
    // ServiceRequests: officers
    // =============================================================================================

    /// @dev Usually a transition the table allows from the request's status, sometimes any value 0..255.
    /// Officers mostly work requests that wait for them (Submitted, InProgress), leaving NeedsInfo ones to
    /// the citizen.
    function updateStatus(uint256 requestSeed, uint256 actorSeed, uint256 statusSeed, uint256 noteLength) external {
        uint256 id = _pickRequest(requestSeed, WAITING_FOR_OFFICER);
        if (id == 0) return;
        GhostRequest storage r = _requests[id - 1];
        address actor = _officerOrAnyone(r.agencyId, actorSeed);
        uint8 newStatus = _nextStatus(r.status, statusSeed);
        noteLength = _rare(noteLength, 8) ? bound(noteLength, 270, 300) : bound(noteLength, 0, 40);
        bool expected =
            _activeAgency(actor) == r.agencyId &&
                noteLength <= 280 &&
                _allowedTransition(r.status, newStatus) &&
                !(newStatus == REJECTED && noteLength == 0); // a rejection needs a reason (issue 10)

        uint64 t = _now();
        vm.prank(actor);
        try requests.updateStatus(id, newStatus, keccak256(abi.encode(statusSeed)), _text(noteLength)) {
            if (!_succeeded(this.updateStatus.selector, expected, "updateStatus")) return;
            r.status = newStatus;
            statusReached[newStatus] += 1;
            IServiceRequests.AgencyStats storage stats = _statsModel[r.agencyId];
            if (newStatus == COMPLETED) {
                stats.open -= 1;
                stats.completed += 1;
                stats.totalResolutionSeconds += t - r.submittedAt;
                if (t <= r.dueAt) stats.completedOnTime += 1;
                _finalized(id);
            } else if (newStatus == REJECTED) {
                stats.open -= 1;
                stats.rejected += 1;
                _finalized(id);
            }
        } catch {
            _failed(this.updateStatus.selector, expected, "updateStatus");
        }
    }

    function markDuplicate(uint256 requestSeed, uint256 actorSeed, uint256 originalSeed) external {
        uint256 id = _pickRequest(requestSeed, 0);
        if (id == 0) return;
        GhostRequest storage r = _requests[id - 1];
        address actor = _officerOrAnyone(r.agencyId, actorSeed);
        // Usually an earlier request (0..id-1), sometimes any id up to two past the last one.
        uint256 originalId = _rare(originalSeed, 8) ? originalSeed % (_requests.length + 3) : originalSeed % id;
        // The original is open or Completed (issue 10: not cancelled, rejected or a duplicate).
        bool originalOk =
            originalId >= 1 &&
                originalId < id &&
                (_isOpen(_requests[originalId - 1].status) || _requests[originalId - 1].status == COMPLETED) &&
                _requests[originalId - 1].agencyId == r.agencyId;
        bool expected = _activeAgency(actor) == r.agencyId && _isOpen(r.status) && originalOk;

        vm.prank(actor);
        try requests.markDuplicate(id, originalId) {
            if (!_succeeded(this.markDuplicate.selector, expected, "markDuplicate")) return;
            r.status = DUPLICATE;
            statusReached[DUPLICATE] += 1;
            IServiceRequests.AgencyStats storage stats = _statsModel[r.agencyId];
            stats.open -= 1;
            stats.duplicates += 1;
            _finalized(id);
        } catch {
            _failed(this.markDuplicate.selector, expected, "markDuplicate");
        }
    }

    // =============================================================================================
    // DocumentRegistry
    // =============================================================================================

    function issueDocument(uint256 actorSeed, uint256 fingerprintSeed, uint256 expirySeed) external {
        address actor = _officerOfAnyAgency(actorSeed);
        bytes32 fingerprint;
        if (_rare(fingerprintSeed, 16)) fingerprint = bytes32(0);
        else if (_rare(fingerprintSeed >> 4, 16) && _singleFingerprints.length != 0) {
            fingerprint = _singleFingerprints[(fingerprintSeed >> 4) % _singleFingerprints.length];
        } else fingerprint = sha256(abi.encode("document", ++_nonce, fingerprintSeed));
        uint64 expiresAt = _expiry(expirySeed);
        uint32 agencyId = _activeAgency(actor);
        bytes32 docType = _docTypeFor(agencyId, expirySeed >> 8);
        bool expected =
            agencyId != 0 &&
                docTrustModel[docType][agencyId] &&
                fingerprint != bytes32(0) &&
                _expiryOk(expiresAt) &&
                !_singleIssued[fingerprint];

        vm.prank(actor);
        try documents.issue(fingerprint, docType, expiresAt) {
            if (!_succeeded(this.issueDocument.selector, expected, "issue")) return;
            _singleIssued[fingerprint] = true;
            _singleFingerprints.push(fingerprint);
            _documents.push(GhostDocument(fingerprint, bytes32(0), agencyId, docType, _now(), expiresAt, false));
        } catch {
            _failed(this.issueDocument.selector, expected, "issue");
        }
    }

    /// @dev A StandardMerkleTree of 1..6 fresh fingerprints, built on chain; sometimes a root already used.
    function issueBatch(uint256 actorSeed, uint256 fingerprintSeed, uint256 sizeSeed, uint256 expirySeed) external {
        address actor = _officerOfAnyAgency(actorSeed);
        uint256 n = 1 + (sizeSeed % 6);
        bytes32[] memory fingerprints = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) fingerprints[i] = sha256(abi.encode("batch", ++_nonce, fingerprintSeed, i));
        bytes32[] memory tree = StandardMerkle.build(fingerprints);
        bytes32 root = StandardMerkle.root(tree);
        bool reuse = _rare(fingerprintSeed, 16) && _batches.length != 0;
        if (reuse) root = _batches[(fingerprintSeed >> 4) % _batches.length].root;
        uint32 count = _rare(sizeSeed, 16) ? 0 : uint32(n);
        uint64 expiresAt = _expiry(expirySeed);
        uint32 agencyId = _activeAgency(actor);
        bytes32 docType = _docTypeFor(agencyId, expirySeed >> 8);
        bool expected =
            agencyId != 0 &&
                docTrustModel[docType][agencyId] &&
                count != 0 &&
                _expiryOk(expiresAt) &&
                _batchIndex[root] == 0;

        vm.prank(actor);
        try documents.issueBatch(root, count, docType, expiresAt) {
            if (!_succeeded(this.issueBatch.selector, expected, "issueBatch")) return;
            _batches.push(GhostBatch(root, agencyId, count, false));
            _batchIndex[root] = _batches.length;
            for (uint256 i = 0; i < n; ++i) {
                _documents.push(GhostDocument(fingerprints[i], root, agencyId, docType, _now(), expiresAt, false));
                _proofs[root][fingerprints[i]] = StandardMerkle.proofOf(tree, fingerprints[i]);
            }
        } catch {
            _failed(this.issueBatch.selector, expected, "issueBatch");
        }
    }

    /// @dev Revokes one document (single or batch member) with its proof, or sometimes a wrong proof.
    function revokeDocument(uint256 pickSeed, uint256 actorSeed, uint256 proofSeed, bytes32 reason) external {
        if (_documents.length == 0) return;
        uint256 index = pickSeed % _documents.length;
        GhostDocument storage d = _documents[index];
        address actor = _memberOrAnyone(d.agencyId, actorSeed);
        bytes32[] memory proof = _proofs[d.root][d.fingerprint];
        bool proofOk = true;
        if (_rare(proofSeed, 8)) {
            // Another member's proof, or a junk element appended (a single document takes no proof).
            uint256 other = (pickSeed >> 8) % _documents.length;
            GhostDocument storage o = _documents[other];
            if (d.root != bytes32(0) && o.root == d.root && o.fingerprint != d.fingerprint) {
                proof = _proofs[o.root][o.fingerprint];
                proofOk = false;
            } else if (d.root == bytes32(0)) {
                proof = new bytes32[](1);
                proof[0] = keccak256(abi.encode(proofSeed));
                proofOk = false;
            }
        }
        bool batchRevoked = d.root != bytes32(0) && _batches[_batchIndex[d.root] - 1].revoked;
        // The issuing agency's officers, or (issue 10) the governor.
        bool expected =
            proofOk && !d.revoked && !batchRevoked && (_activeAgency(actor) == d.agencyId || actor == governorModel);

        vm.prank(actor);
        try documents.revoke(d.fingerprint, d.root, proof, reason) {
            if (!_succeeded(this.revokeDocument.selector, expected, "revoke document")) return;
            d.revoked = true;
            documentsRevoked += 1;
        } catch {
            _failed(this.revokeDocument.selector, expected, "revoke document");
        }
    }

    function revokeBatch(uint256 pickSeed, uint256 actorSeed, bytes32 reason) external {
        if (_batches.length == 0) return;
        GhostBatch storage b = _batches[pickSeed % _batches.length];
        address actor = _memberOrAnyone(b.agencyId, actorSeed);
        bool expected = !b.revoked && (_activeAgency(actor) == b.agencyId || actor == governorModel);

        vm.prank(actor);
        try documents.revokeBatch(b.root, reason) {
            if (!_succeeded(this.revokeBatch.selector, expected, "revokeBatch")) return;
            b.revoked = true;
            documentsRevoked += b.count;
        } catch {
            _failed(this.revokeBatch.selector, expected, "revokeBatch");
        }
    }

    // =============================================================================================
    // Time
    // =============================================================================================

    /// @dev Moves time forward: usually up to 2 days, sometimes up to 40 days (past SLAs and expiries).
    function warp(uint256 secondsSeed) external {
        uint256 step = _rare(secondsSeed, 8) ? bound(secondsSeed, 1 days, 40 days) : bound(secondsSeed, 1, 2 days);
        vm.warp(uint256(_now()) + step);
        totalCalls += 1;
        totalSuccesses += 1;
        calls[this.warp.selector] += 1;
        successes[this.warp.selector] += 1;
    }

    // =============================================================================================
    // Views for the invariants
    // =============================================================================================

    /// @notice The actions the fuzzer calls: every action above (not the seed* setup helpers, not useRawSeeds).
    function selectors() external pure returns (bytes4[] memory s) {
        s = new bytes4[](27);
        s[0] = this.registerAgency.selector;
        s[1] = this.setAgencyActive.selector;
        s[2] = this.setAgencyAdmin.selector;
        s[3] = this.addOfficer.selector;
        s[4] = this.removeOfficer.selector;
        s[5] = this.transferGovernor.selector;
        s[6] = this.registerClaimType.selector;
        s[7] = this.setTrustedIssuer.selector;
        s[8] = this.attest.selector;
        s[9] = this.attestBySig.selector;
        s[10] = this.useNonce.selector;
        s[11] = this.revokeAttestation.selector;
        s[12] = this.addService.selector;
        s[13] = this.setServiceActive.selector;
        s[14] = this.submit.selector;
        s[15] = this.submitAnonymous.selector;
        s[16] = this.respond.selector;
        s[17] = this.cancel.selector;
        s[18] = this.escalate.selector;
        s[19] = this.rate.selector;
        s[20] = this.updateStatus.selector;
        s[21] = this.markDuplicate.selector;
        s[22] = this.issueDocument.selector;
        s[23] = this.issueBatch.selector;
        s[24] = this.revokeDocument.selector;
        s[25] = this.revokeBatch.selector;
        s[26] = this.warp.selector;
    }

    function staff() external view returns (address[] memory) {
        return _staff;
    }

    function everyone() external view returns (address[] memory) {
        return _everyone;
    }

    function ghostRequestCount() external view returns (uint256) {
        return _requests.length;
    }

    function ghostRequest(uint256 requestId) external view returns (GhostRequest memory) {
        return _requests[requestId - 1];
    }

    function finalSnapshot(uint256 requestId) external view returns (IServiceRequests.Request memory) {
        return _finalSnapshot[requestId];
    }

    function statsModel(uint32 agencyId) external view returns (IServiceRequests.AgencyStats memory) {
        return _statsModel[agencyId];
    }

    function ghostServiceCount() external view returns (uint256) {
        return _services.length;
    }

    function ghostService(uint32 serviceId) external view returns (GhostService memory) {
        return _services[serviceId - 1];
    }

    function ghostAttestationCount() external view returns (uint256) {
        return _attestations.length;
    }

    function ghostAttestation(uint256 index) external view returns (GhostAttestation memory) {
        return _attestations[index];
    }

    function isCurrent(bytes32 uid) external view returns (bool) {
        GhostAttestation storage a = _attestations[_attestationIndex[uid] - 1];
        return _current[a.subject][a.claimType][a.agencyId] == _attestationIndex[uid];
    }

    function attestedPairCount() external view returns (uint256) {
        return _attestedPairs.length;
    }

    /// @notice The i-th (subject, claim type) attested at least once.
    function attestedPair(uint256 i) external view returns (address subject, bytes32 claimType) {
        GhostAttestation storage a = _attestations[_attestedPairs[i]];
        return (a.subject, a.claimType);
    }

    /// @notice The highest level among the valid current attestations of trusted agencies, 0 if none.
    function bestValidLevelModel(address subject, bytes32 claimType) external view returns (uint8 best) {
        for (uint32 agencyId = 1; agencyId <= agencyCountModel; ++agencyId) {
            uint256 current = _current[subject][claimType][agencyId];
            if (current == 0) continue;
            GhostAttestation storage a = _attestations[current - 1];
            if (_validModel(a) && a.level > best) best = a.level;
        }
    }

    /// @notice What currentAttestation(subject, claimType) may return: among the trusted agencies' current
    /// attestations, the valid ones of the highest level and, among those, the latest issue time; when none
    /// is valid, those of the latest issue time. Returned as that level and time and whether any is valid
    /// (0 and 0 when there is no current attestation of a trusted agency).
    function currentModel(
        address subject,
        bytes32 claimType
    ) external view returns (bool anyValid, uint8 level, uint64 issuedAt) {
        for (uint32 agencyId = 1; agencyId <= agencyCountModel; ++agencyId) {
            uint256 current = _current[subject][claimType][agencyId];
            if (current == 0 || !trustedModel[claimType][agencyId]) continue;
            GhostAttestation storage a = _attestations[current - 1];
            bool valid = _validModel(a);
            if (valid && (!anyValid || a.level > level || (a.level == level && a.issuedAt > issuedAt))) {
                (anyValid, level, issuedAt) = (true, a.level, a.issuedAt);
            } else if (!valid && !anyValid && a.issuedAt > issuedAt) {
                issuedAt = a.issuedAt;
            }
        }
    }

    function ghostDocumentCount() external view returns (uint256) {
        return _documents.length;
    }

    /// @dev The document, its proof (empty for a single document) and whether its whole batch was revoked.
    function ghostDocument(
        uint256 index
    ) external view returns (GhostDocument memory d, bytes32[] memory proof, bool batchRevoked) {
        d = _documents[index];
        proof = _proofs[d.root][d.fingerprint];
        batchRevoked = d.root != bytes32(0) && _batches[_batchIndex[d.root] - 1].revoked;
    }

    // =============================================================================================
    // Model helpers
    // =============================================================================================

    /// @dev Counts a successful call; on a success the model did not expect, records a mismatch and tells
    /// the caller not to update the model (the invariants comparing model and chain then fail too).
    function _succeeded(bytes4 selector, bool expected, string memory what) internal returns (bool) {
        totalCalls += 1;
        calls[selector] += 1;
        totalSuccesses += 1;
        successes[selector] += 1;
        if (!expected) _mismatch(string.concat(what, ": succeeded where DESIGN.md says it must revert"));
        return expected;
    }

    function _failed(bytes4 selector, bool expected, string memory what) internal {
        totalCalls += 1;
        calls[selector] += 1;
        if (expected) _mismatch(string.concat(what, ": reverted where DESIGN.md says it succeeds"));
    }

    function _mismatch(string memory what) internal {
        if (mismatches == 0) firstMismatch = what;
        mismatches += 1;
    }

    /// @dev Takes the contract's own view of a request the moment it becomes final.
    function _finalized(uint256 requestId) internal {
        _finalSnapshot[requestId] = requests.getRequest(requestId);
        hasFinalSnapshot[requestId] = true;
    }

    function _recordAttestation(
        bytes32 uid,
        address officer,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) internal {
        if (_attestationIndex[uid] != 0) _mismatch("attest: returned a uid already used");
        uint32 agencyId = _activeAgency(officer);
        // Supersedes only the same agency's current attestation (issue 10).
        uint256 previous = _current[subject][claimType][agencyId];
        if (previous != 0) {
            _attestations[previous - 1].superseded = true;
            attestationsSuperseded += 1;
        }
        _attestations.push(
            GhostAttestation({
                uid: uid,
                subject: subject,
                claimType: claimType,
                dataHash: dataHash,
                agencyId: agencyId,
                level: level,
                issuedAt: _now(),
                expiresAt: expiresAt,
                revokedAt: 0,
                superseded: false
            })
        );
        _attestationIndex[uid] = _attestations.length;
        _current[subject][claimType][agencyId] = _attestations.length;
        if (!_pairAttested[subject][claimType]) {
            _pairAttested[subject][claimType] = true;
            _attestedPairs.push(_attestations.length - 1);
        }
    }

    function _attestExpected(
        address officer,
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt
    ) internal view returns (bool) {
        uint32 agencyId = _activeAgency(officer);
        if (agencyId == 0 || !trustedModel[claimType][agencyId]) return false;
        if (subject == address(0) || dataHash == bytes32(0) || level == 0 || level > 3) return false;
        if (!_expiryOk(expiresAt)) return false;
        uint256 current = _current[subject][claimType][agencyId];
        if (current != 0) {
            GhostAttestation storage c = _attestations[current - 1];
            bool identical = c.revokedAt == 0 && c.level == level && c.expiresAt == expiresAt && c.dataHash == dataHash;
            if (identical) return false; // a double submission
        }
        return true;
    }

    /// @dev Any currently trusted, active agency's current attestation is live at `minLevel` or above.
    function _hasValidClaimModel(address subject, bytes32 claimType, uint8 minLevel) internal view returns (bool) {
        for (uint32 agencyId = 1; agencyId <= agencyCountModel; ++agencyId) {
            uint256 current = _current[subject][claimType][agencyId];
            if (current != 0 && _validModel(_attestations[current - 1]) && _attestations[current - 1].level >= minLevel)
                return true;
        }
        return false;
    }

    /// @dev isValid as the model sees it: not revoked, not superseded, not expired, agency active and still
    /// trusted for the claim type.
    function _validModel(GhostAttestation storage a) internal view returns (bool) {
        return
            a.revokedAt == 0 &&
            !a.superseded &&
            (a.expiresAt == 0 || a.expiresAt > _now()) &&
            agencyActiveModel[a.agencyId] &&
            trustedModel[a.claimType][a.agencyId];
    }

    function _attestationInputs(
        uint256 subjectSeed,
        uint256 dataSeed,
        uint256 levelSeed,
        uint256 expirySeed
    ) internal view returns (address subject, bytes32 dataHash, uint8 level, uint64 expiresAt) {
        subject = _rare(subjectSeed, 16) ? address(0) : _citizens[subjectSeed % _citizens.length];
        dataHash = _rare(dataSeed, 16) ? bytes32(0) : keccak256(abi.encode("salted commitment", dataSeed % 3));
        level = _rare(levelSeed, 8) ? uint8(levelSeed >> 8) : uint8(1 + (levelSeed % 3));
        expiresAt = _expiry(expirySeed);
    }

    function _attestDigest(
        address subject,
        bytes32 claimType,
        bytes32 dataHash,
        uint8 level,
        uint64 expiresAt,
        uint32 agencyId,
        address officer,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("Layanan CitizenAttestations"),
                keccak256("1"),
                block.chainid,
                address(attestations)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "Attest(address subject,bytes32 claimType,bytes32 dataHash,uint8 level,uint64 expiresAt,"
                    "uint32 agencyId,address officer,uint256 nonce,uint256 deadline)"
                ),
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
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash));
    }

    /// @dev 0 (never) half the time; usually a future time within 30 days; sometimes invalid (now, or past
    /// the 40-bit range).
    function _expiry(uint256 seed) internal view returns (uint64) {
        uint256 r = _mixed(seed) % 16;
        if (r < 8) return 0;
        if (r == 15) return _mixed(seed >> 4) % 2 == 0 ? _now() : MAX_TIME + 1;
        return _now() + uint64(bound(seed >> 4, 1, 30 days));
    }

    /// @dev Seven times in eight a document type `agencyId` is trusted for (if any), else any type of the pool
    /// or an unregistered one.
    function _docTypeFor(uint32 agencyId, uint256 seed) internal view returns (bytes32) {
        uint256 n = _docTypePool.length;
        if (!_rare(seed, 8)) {
            for (uint256 k = 0; k < n; ++k) {
                bytes32 docType = _docTypePool[(seed + k) % n];
                if (docTrustModel[docType][agencyId]) return docType;
            }
        }
        return _rare(seed >> 3, 4) ? keccak256("UNREGISTERED") : _docTypePool[(seed >> 3) % n];
    }

    function _expiryOk(uint64 expiresAt) internal view returns (bool) {
        return expiresAt == 0 || (expiresAt > _now() && expiresAt <= MAX_TIME);
    }

    function _allowedTransition(uint8 from, uint8 to) internal pure returns (bool) {
        if (from == SUBMITTED) return to == IN_PROGRESS || to == REJECTED;
        if (from == IN_PROGRESS) return to == NEEDS_INFO || to == COMPLETED || to == REJECTED;
        if (from == NEEDS_INFO) return to == IN_PROGRESS || to == REJECTED;
        return false;
    }

    function _nextStatus(uint8 from, uint256 seed) internal view returns (uint8) {
        // From a final status, or one time in eight: a status code 0..8, rarely any byte.
        if (_rare(seed, 8) || from >= COMPLETED) return _rare(seed >> 1, 8) ? uint8(seed >> 8) : uint8((seed >> 8) % 9);
        uint256 pick = seed >> 3;
        if (from == SUBMITTED) return pick % 4 == 0 ? REJECTED : IN_PROGRESS;
        if (from == IN_PROGRESS) return [NEEDS_INFO, NEEDS_INFO, COMPLETED, COMPLETED, REJECTED][pick % 5];
        return pick % 4 == 0 ? REJECTED : IN_PROGRESS; // NeedsInfo
    }

    function _isOpen(uint8 status) internal pure returns (bool) {
        return status == SUBMITTED || status == IN_PROGRESS || status == NEEDS_INFO;
    }

    /// @dev A request id (0 when there is none yet), preferring one in status `preferred` (0 = any open one,
    /// WAITING_FOR_OFFICER = Submitted or InProgress) three times in four.
    function _pickRequest(uint256 seed, uint8 preferred) internal view returns (uint256 id) {
        uint256 n = _requests.length;
        if (n == 0) return 0;
        id = 1 + (seed % n);
        if (!_rare(seed, 4)) {
            for (uint256 k = 0; k < n; ++k) {
                uint256 candidate = 1 + ((seed + k) % n);
                uint8 status = _requests[candidate - 1].status;
                bool match_ =
                    preferred == 0
                        ? _isOpen(status)
                        : preferred == WAITING_FOR_OFFICER
                            ? status == SUBMITTED || status == IN_PROGRESS
                            : status == preferred;
                if (match_) return candidate;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Directory model and actor picking
    // ---------------------------------------------------------------------------------------------

    /// @dev True one time in `n` (`n` a power of two). From a hash of the seed, so that the fuzzer's favourite
    /// values (0, 1, 2^256 - 1, ...) do not always take the same, rare branch; the fixed-sequence test
    /// switches to the raw seed (`seed % n == n - 1`) to choose branches by hand.
    function _rare(uint256 seed, uint256 n) internal view returns (bool) {
        return _mixed(seed) % n == n - 1;
    }

    function _mixed(uint256 seed) internal view returns (uint256) {
        return rawSeeds ? seed : uint256(keccak256(abi.encode(seed)));
    }

    function _keyed(uint256 key) internal returns (address account) {
        account = vm.addr(key);
        _signingKey[account] = key;
    }

    function _agencyExists(uint32 agencyId) internal view returns (bool) {
        return agencyId >= 1 && agencyId <= agencyCountModel;
    }

    /// @dev An agency id, sometimes one past the last (unknown).
    function _agencyId(uint256 seed) internal view returns (uint32) {
        return uint32(1 + (seed % (agencyCountModel + (_rare(seed, 16) ? 1 : 0))));
    }

    function _activeAgency(address account) internal view returns (uint32) {
        uint32 agencyId = memberAgencyModel[account];
        return agencyId != 0 && agencyActiveModel[agencyId] ? agencyId : 0;
    }

    function _isFree(address account) internal view returns (bool) {
        return account != address(0) && memberAgencyModel[account] == 0;
    }

    /// @dev AgencyDirectory and ServiceRequests: the governor, or the admin of that agency while active.
    function _mayManage(address account, uint32 agencyId) internal view returns (bool) {
        if (!_agencyExists(agencyId)) return false;
        return account == governorModel || (account == agencyAdminModel[agencyId] && agencyActiveModel[agencyId]);
    }

    function _governorOr(uint256 seed) internal view returns (address) {
        return _rare(seed, 8) ? _everyone[(seed >> 3) % _everyone.length] : governorModel;
    }

    /// @dev The agency's admin (usually), the governor, or anyone.
    function _managerOf(uint32 agencyId, uint256 seed) internal view returns (address) {
        uint256 r = _mixed(seed) % 8;
        if (r == 7) return _everyone[(seed >> 3) % _everyone.length];
        if (r >= 5 || agencyAdminModel[agencyId] == address(0)) return governorModel;
        return agencyAdminModel[agencyId];
    }

    /// @dev A member (admin or officer) of `agencyId` seven times in eight, else anyone.
    function _memberOrAnyone(uint32 agencyId, uint256 seed) internal view returns (address) {
        if (!_rare(seed, 8)) {
            uint256 n = _staff.length;
            for (uint256 k = 0; k < n; ++k) {
                address candidate = _staff[((seed >> 3) + k) % n];
                if (memberAgencyModel[candidate] == agencyId) return candidate;
            }
        }
        return _everyone[(seed >> 3) % _everyone.length];
    }

    function _officerOrAnyone(uint32 agencyId, uint256 seed) internal view returns (address) {
        return _memberOrAnyone(agencyId, seed);
    }

    /// @dev A member of any active agency seven times in eight, else anyone.
    function _officerOfAnyAgency(uint256 seed) internal view returns (address) {
        if (!_rare(seed, 8)) {
            uint256 n = _staff.length;
            for (uint256 k = 0; k < n; ++k) {
                address candidate = _staff[((seed >> 3) + k) % n];
                if (_activeAgency(candidate) != 0) return candidate;
            }
        }
        return _everyone[(seed >> 3) % _everyone.length];
    }

    /// @dev Three times in four a claim type some active agency may attest (if any), else any from the pool.
    function _attestableClaim(uint256 seed) internal view returns (bytes32) {
        uint256 n = _claimPool.length;
        if (!_rare(seed, 4)) {
            for (uint256 k = 0; k < n; ++k) {
                bytes32 claimType = _claimPool[((seed >> 2) + k) % n];
                for (uint32 agencyId = 1; agencyId <= agencyCountModel; ++agencyId) {
                    if (trustedModel[claimType][agencyId] && agencyActiveModel[agencyId]) return claimType;
                }
            }
        }
        return _claimPool[(seed >> 2) % n];
    }

    /// @dev A member of an active agency trusted for `claimType` seven times in eight, else anyone.
    function _attester(bytes32 claimType, uint256 seed) internal view returns (address) {
        if (!_rare(seed, 8)) {
            uint256 n = _staff.length;
            for (uint256 k = 0; k < n; ++k) {
                address candidate = _staff[((seed >> 3) + k) % n];
                uint32 agencyId = _activeAgency(candidate);
                if (agencyId != 0 && trustedModel[claimType][agencyId]) return candidate;
            }
        }
        return _everyone[(seed >> 3) % _everyone.length];
    }

    /// @dev Three times in four a service `citizen` may file with right now (if any), else any service id
    /// up to one past the last.
    function _serviceFor(address citizen, uint256 seed) internal view returns (uint32) {
        uint256 n = _services.length;
        if (!_rare(seed, 4)) {
            for (uint256 k = 0; k < n; ++k) {
                uint256 index = ((seed >> 2) + k) % n;
                GhostService storage s = _services[index];
                bool eligible = s.minLevel == 0 || _hasValidClaimModel(citizen, s.requiredClaim, s.minLevel);
                if (s.active && agencyActiveModel[s.agencyId] && eligible) return uint32(index + 1);
            }
        }
        return uint32(1 + ((seed >> 2) % (n + 1)));
    }

    /// @dev A staff address serving no agency seven times in eight (if any), else any staff address.
    function _freeStaffOrAny(uint256 seed) internal view returns (address) {
        uint256 n = _staff.length;
        if (!_rare(seed, 8)) {
            for (uint256 k = 0; k < n; ++k) {
                address candidate = _staff[((seed >> 3) + k) % n];
                if (memberAgencyModel[candidate] == 0) return candidate;
            }
        }
        return _staff[(seed >> 3) % n];
    }

    function _citizenOr(address citizen, uint256 seed) internal view returns (address) {
        return _rare(seed, 8) ? _everyone[(seed >> 3) % _everyone.length] : citizen;
    }
}

/// @title LayananInvariantTest
/// @notice Stateful fuzzing of the four contracts together through {LayananHandler}: after every call of a
/// random sequence, the per-agency figures add up and equal the handler's model, final requests never
/// change, revoked documents never verify Valid, attestations are valid exactly when DESIGN.md says, the
/// directory matches the model, no call succeeded or failed against DESIGN.md, and the handler progresses.
/// @dev hardhat.config.ts sets 64 runs of depth 64; here 128 runs of depth 128, so that one sequence can
/// file requests, work them through every status, let them run overdue and rate them (about 30 s).
/// hardhat-config: invariant.runs = 128
/// hardhat-config: invariant.depth = 128
contract LayananInvariantTest is LayananBase {
    /// @dev The shape forge-std's StdInvariant uses; the runner reads it from {targetSelectors}.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    LayananHandler internal handler;

    bytes32 internal constant PELAJAR = keccak256("PELAJAR");
    bytes32 internal constant UMKM = keccak256("UMKM");

    function setUp() public override {
        super.setUp();

        uint256[] memory governorKeys = new uint256[](2);
        (governorKeys[0], governorKeys[1]) = (GOVERNOR_KEY, 0x61);
        uint256[] memory staffKeys = new uint256[](9);
        (staffKeys[0], staffKeys[1], staffKeys[2]) = (ADMIN_A_KEY, OFFICER_A_KEY, OFFICER_A2_KEY);
        (staffKeys[3], staffKeys[4], staffKeys[5]) = (ADMIN_B_KEY, OFFICER_B_KEY, OFFICER_B2_KEY);
        (staffKeys[6], staffKeys[7], staffKeys[8]) = (0xC0, 0xC1, 0xC2); // free: future admins and officers
        uint256[] memory citizenKeys = new uint256[](4);
        (citizenKeys[0], citizenKeys[1], citizenKeys[2], citizenKeys[3]) = (0xD0, 0xD1, 0xD2, 0xD3);
        bytes32[] memory claimPool = new bytes32[](5);
        (claimPool[0], claimPool[1], claimPool[2], claimPool[3]) = (RESIDENT, KTP_VERIFIED, PELAJAR, UMKM);

        handler = new LayananHandler(
            directory,
            attestations,
            requests,
            documents,
            governorKeys,
            staffKeys,
            citizenKeys,
            claimPool
        );

        // What LayananBase.setUp did, told to the model.
        address[] memory officers = new address[](2);
        (officers[0], officers[1]) = (officerA, officerA2);
        handler.seedAgency(AGENCY_A, bytes32("DISDUKCAPIL"), adminA, officers);
        (officers[0], officers[1]) = (officerB, officerB2);
        handler.seedAgency(AGENCY_B, bytes32("DPMPTSP"), adminB, officers);
        uint32[] memory trusted = new uint32[](1);
        trusted[0] = AGENCY_A;
        handler.seedClaim(RESIDENT, trusted);
        handler.seedClaim(KTP_VERIFIED, trusted);
        handler.seedDocumentType(AKTA_KELAHIRAN, AGENCY_A);
        handler.seedDocumentType(IZIN_USAHA, AGENCY_B);
        handler.seedService(AGENCY_A, bytes32("KTP_EL"), SLA_GATED, RESIDENT, GATED_MIN_LEVEL);
        handler.seedService(AGENCY_B, bytes32("JALAN_RUSAK"), SLA_OPEN, bytes32(0), 0);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: address(handler), selectors: handler.selectors()});
    }

    // =============================================================================================
    // Invariants
    // =============================================================================================

    /// @notice Per agency, submitted == open + completed + rejected + cancelled + duplicates, and every
    /// figure equals the one the handler's model computed from the calls that succeeded.
    function invariant_agencyStatsAddUpAndMatchModel() public view {
        uint32 count = directory.agencyCount();
        for (uint32 id = 1; id <= count; ++id) {
            IServiceRequests.AgencyStats memory s = requests.agencyStats(id);
            assertEq(
                uint256(s.submitted),
                uint256(s.open) + s.completed + s.rejected + s.cancelled + s.duplicates,
                "submitted != open + completed + rejected + cancelled + duplicates"
            );
            IServiceRequests.AgencyStats memory m = handler.statsModel(id);
            assertEq(s.submitted, m.submitted, "stats.submitted vs model");
            assertEq(s.open, m.open, "stats.open vs model");
            assertEq(s.completed, m.completed, "stats.completed vs model");
            assertEq(s.rejected, m.rejected, "stats.rejected vs model");
            assertEq(s.cancelled, m.cancelled, "stats.cancelled vs model");
            assertEq(s.duplicates, m.duplicates, "stats.duplicates vs model");
            assertEq(s.completedOnTime, m.completedOnTime, "stats.completedOnTime vs model");
            assertEq(s.escalated, m.escalated, "stats.escalated vs model");
            assertEq(s.totalResolutionSeconds, m.totalResolutionSeconds, "stats.totalResolutionSeconds vs model");
            assertEq(s.ratingSum, m.ratingSum, "stats.ratingSum vs model");
            assertEq(s.ratingCount, m.ratingCount, "stats.ratingCount vs model");
        }
    }

    /// @notice ratingCount <= ratingSum <= 4 * ratingCount; ratingCount <= completed + rejected + duplicates
    /// (issue 10: duplicates may be rated); completedOnTime <= completed; escalated <= submitted.
    function invariant_agencyStatsBounds() public view {
        uint32 count = directory.agencyCount();
        for (uint32 id = 1; id <= count; ++id) {
            IServiceRequests.AgencyStats memory s = requests.agencyStats(id);
            assertLe(s.ratingSum, 4 * uint256(s.ratingCount), "ratingSum <= 4 * ratingCount");
            assertLe(s.ratingCount, s.ratingSum, "every score is at least 1");
            assertLe(
                s.ratingCount,
                uint256(s.completed) + s.rejected + s.duplicates,
                "ratingCount <= completed + rejected + duplicates"
            );
            assertLe(s.completedOnTime, s.completed, "completedOnTime <= completed");
            assertLe(s.escalated, s.submitted, "escalated <= submitted");
            assertLe(s.open, s.submitted, "open <= submitted");
        }
    }

    /// @notice A request that reached Completed, Rejected, Cancelled or Duplicate never changes again:
    /// same status, citizen, service, submission and due times, escalation flag; only the rating may be
    /// set, once, to the score of the one successful rate call.
    function invariant_finalRequestsNeverChange() public view {
        uint256 n = requests.requestCount();
        for (uint256 id = 1; id <= n; ++id) {
            if (!handler.hasFinalSnapshot(id)) continue;
            IServiceRequests.Request memory snap = handler.finalSnapshot(id);
            IServiceRequests.Request memory r = requests.getRequest(id);
            assertTrue(_isFinal(uint8(snap.status)), "snapshot taken in a final status");
            assertEq(uint8(r.status), uint8(snap.status), "final status changed");
            assertEq(r.citizen, snap.citizen, "citizen changed");
            assertEq(r.serviceId, snap.serviceId, "serviceId changed");
            assertEq(r.submittedAt, snap.submittedAt, "submittedAt changed");
            assertEq(r.dueAt, snap.dueAt, "dueAt changed");
            assertEq(r.escalated, snap.escalated, "escalated changed after closure");
            assertEq(snap.rating, 0, "rated before closure");
            assertLe(handler.rateSuccesses(id), 1, "rated more than once");
            assertEq(r.rating, handler.ratedScore(id), "rating is not the one score given");
            if (r.rating != 0) {
                assertTrue(
                    r.status == IServiceRequests.Status.Completed ||
                        r.status == IServiceRequests.Status.Rejected ||
                        r.status == IServiceRequests.Status.Duplicate,
                    "rated a request that was not Completed, Rejected or Duplicate"
                );
            }
            assertFalse(requests.isOverdue(id), "a final request is overdue");
        }
    }

    /// @notice Every request equals the handler's model (which follows DESIGN.md's status table); the count
    /// matches; isOverdue == open && now > dueAt.
    function invariant_requestsMatchModel() public view {
        uint256 n = requests.requestCount();
        assertEq(n, handler.ghostRequestCount(), "requestCount vs model");
        uint64 t = _now();
        for (uint256 id = 1; id <= n; ++id) {
            IServiceRequests.Request memory r = requests.getRequest(id);
            LayananHandler.GhostRequest memory g = handler.ghostRequest(id);
            assertEq(uint8(r.status), g.status, "status vs model");
            assertEq(r.citizen, g.citizen, "citizen vs model");
            assertEq(r.serviceId, g.serviceId, "serviceId vs model");
            assertEq(r.escalated, g.escalated, "escalated vs model");
            assertEq(r.rating, g.rating, "rating vs model");
            assertEq(r.submittedAt, g.submittedAt, "submittedAt vs model");
            assertEq(r.dueAt, g.dueAt, "dueAt vs model");
            bool open = g.status >= SUBMITTED && g.status <= NEEDS_INFO;
            assertEq(requests.isOverdue(id), open && t > g.dueAt, "isOverdue");
        }
    }

    /// @notice A revoked document (single, batch member, or member of a revoked batch) verifies Revoked,
    /// never Valid, with the proof kept since issue; the others verify Valid or Expired by time (also while
    /// their agency is suspended) with the recorded agency, issue and expiry times.
    function invariant_revokedDocumentsNeverVerifyValid() public view {
        uint256 n = handler.ghostDocumentCount();
        uint64 t = _now();
        for (uint256 i = 0; i < n; ++i) {
            (LayananHandler.GhostDocument memory d, bytes32[] memory proof, bool batchRevoked) = handler.ghostDocument(
                i
            );
            (uint8 status, uint32 agencyId, uint64 issuedAt, uint64 expiresAt, bytes32 docType) = documents.verify(
                d.fingerprint,
                d.root,
                proof
            );
            assertEq(docType, d.docType, "document docType");
            if (d.revoked || batchRevoked) {
                assertTrue(status != DOC_VALID, "a revoked document verifies Valid");
                assertEq(status, DOC_REVOKED, "a revoked document is not Revoked");
            } else {
                uint8 expected = d.expiresAt != 0 && t >= d.expiresAt ? DOC_EXPIRED : DOC_VALID;
                assertEq(status, expected, "an issued document is not Valid/Expired by time");
            }
            assertEq(agencyId, d.agencyId, "document agency");
            assertEq(issuedAt, d.issuedAt, "document issuedAt");
            assertEq(expiresAt, d.expiresAt, "document expiresAt");
        }
    }

    /// @notice isValid(uid) == exists && not revoked && not superseded (by its own agency) && not expired &&
    /// issuing agency active && still trusted for the claim type (issue 10), for every attestation ever
    /// made; in particular it is false after revoke, expiry, supersession, suspension or distrust. Each
    /// agency's current uid, currentAttestation and hasValidClaim agree with the model.
    function invariant_attestationValidity() public view {
        uint256 n = handler.ghostAttestationCount();
        uint64 t = _now();
        for (uint256 i = 0; i < n; ++i) {
            LayananHandler.GhostAttestation memory a = handler.ghostAttestation(i);
            bool revoked = a.revokedAt != 0;
            bool expired = a.expiresAt != 0 && t >= a.expiresAt;
            bool suspended = !handler.agencyActiveModel(a.agencyId);
            bool distrusted = !handler.trustedModel(a.claimType, a.agencyId);
            bool valid = attestations.isValid(a.uid);
            if (revoked) assertFalse(valid, "valid after revoke");
            if (a.superseded) assertFalse(valid, "valid after supersede");
            if (expired) assertFalse(valid, "valid after expiry");
            if (suspended) assertFalse(valid, "valid while the issuing agency is suspended");
            if (distrusted) assertFalse(valid, "valid while the issuing agency is not trusted");
            assertEq(valid, !revoked && !a.superseded && !expired && !suspended && !distrusted, "isValid vs model");

            ICitizenAttestations.Attestation memory onChain = attestations.getAttestation(a.uid);
            assertEq(onChain.subject, a.subject, "attestation subject");
            assertEq(onChain.claimType, a.claimType, "attestation claimType");
            assertEq(onChain.dataHash, a.dataHash, "attestation dataHash");
            assertEq(onChain.agencyId, a.agencyId, "attestation agency");
            assertEq(onChain.level, a.level, "attestation level");
            assertEq(onChain.issuedAt, a.issuedAt, "attestation issuedAt");
            assertEq(onChain.expiresAt, a.expiresAt, "attestation expiresAt");
            assertEq(onChain.revokedAt, a.revokedAt, "attestation revokedAt");

            bool current = handler.isCurrent(a.uid);
            assertEq(current, !a.superseded, "current iff not superseded");
            assertEq(
                attestations.currentAttestationOf(a.subject, a.claimType, a.agencyId) == a.uid,
                current,
                "currentAttestationOf"
            );
            if (valid) {
                assertTrue(attestations.hasValidClaim(a.subject, a.claimType, a.level), "hasValidClaim at level");
                assertTrue(attestations.hasValidClaim(a.subject, a.claimType, 1), "hasValidClaim at level 1");
            }
        }

        // Per (subject, claim type) attested at least once: hasValidClaim at levels 1..3 (level 0 asks the
        // same as 1) and currentAttestation, against the model.
        uint256 pairs = handler.attestedPairCount();
        for (uint256 i = 0; i < pairs; ++i) {
            (address subject, bytes32 claimType) = handler.attestedPair(i);
            uint8 best = handler.bestValidLevelModel(subject, claimType);
            for (uint8 level = 1; level <= 3; ++level) {
                assertEq(attestations.hasValidClaim(subject, claimType, level), best >= level, "hasValidClaim");
            }
            _assertCurrentAttestation(subject, claimType);
        }
    }

    /// @dev currentAttestation is a trusted agency's current attestation: a valid one of the highest level
    /// (the latest among those) when any is valid, else one of the latest issued; 0 when there is none.
    function _assertCurrentAttestation(address subject, bytes32 claimType) internal view {
        (bool anyValid, uint8 level, uint64 issuedAt) = handler.currentModel(subject, claimType);
        bytes32 uid = attestations.currentAttestation(subject, claimType);
        if (issuedAt == 0) {
            assertEq(uid, bytes32(0), "currentAttestation: none");
            return;
        }
        assertTrue(uid != bytes32(0), "currentAttestation: one is expected");
        ICitizenAttestations.Attestation memory a = attestations.getAttestation(uid);
        assertEq(a.subject, subject, "currentAttestation: subject");
        assertEq(a.claimType, claimType, "currentAttestation: claim type");
        assertTrue(handler.isCurrent(uid), "currentAttestation: its agency's current one");
        assertTrue(handler.trustedModel(claimType, a.agencyId), "currentAttestation: a trusted agency's");
        assertEq(attestations.isValid(uid), anyValid, "currentAttestation: valid iff any is");
        if (anyValid) assertEq(a.level, level, "currentAttestation: the highest valid level");
        assertEq(a.issuedAt, issuedAt, "currentAttestation: the latest");
    }

    /// @notice The directory, the claim registry, the document issuers, the catalogue and the EIP-712 nonces
    /// equal the model.
    function invariant_registriesMatchModel() public view {
        assertEq(directory.defaultAdmin(), handler.governorModel(), "governor");
        assertTrue(directory.isGovernor(handler.governorModel()), "isGovernor");
        uint32 count = directory.agencyCount();
        assertEq(count, handler.agencyCountModel(), "agencyCount");
        for (uint32 id = 1; id <= count; ++id) {
            IAgencyDirectory.Agency memory a = directory.getAgency(id);
            assertEq(a.admin, handler.agencyAdminModel(id), "agency admin");
            assertEq(a.active, handler.agencyActiveModel(id), "agency active");
            assertEq(directory.agencyIdByCode(a.code), id, "agencyIdByCode");
        }
        address[] memory all = handler.everyone();
        for (uint256 i = 0; i < all.length; ++i) {
            address account = all[i];
            uint32 agencyId = handler.memberAgencyModel(account);
            bool active = agencyId != 0 && handler.agencyActiveModel(agencyId);
            assertEq(directory.agencyIdOf(account), agencyId, "agencyIdOf");
            assertEq(directory.activeAgencyOf(account), active ? agencyId : 0, "activeAgencyOf");
            for (uint32 id = 1; id <= count; ++id) {
                assertEq(directory.isOfficer(id, account), active && id == agencyId, "isOfficer");
            }
            assertEq(attestations.nonces(account), handler.nonceModel(account), "nonces");
        }
        bytes32[4] memory claims = [RESIDENT, KTP_VERIFIED, PELAJAR, UMKM];
        for (uint256 c = 0; c < claims.length; ++c) {
            assertEq(attestations.isClaimType(claims[c]), handler.claimRegisteredModel(claims[c]), "isClaimType");
            for (uint32 id = 1; id <= count; ++id) {
                assertEq(
                    attestations.isTrustedIssuer(claims[c], id),
                    handler.trustedModel(claims[c], id),
                    "isTrustedIssuer"
                );
            }
        }
        bytes32[2] memory docTypes = [AKTA_KELAHIRAN, IZIN_USAHA];
        for (uint256 d = 0; d < docTypes.length; ++d) {
            for (uint32 id = 1; id <= count; ++id) {
                assertEq(
                    documents.isTrustedDocumentIssuer(docTypes[d], id),
                    handler.docTrustModel(docTypes[d], id),
                    "isTrustedDocumentIssuer"
                );
            }
        }
        uint32 services = requests.serviceCount();
        assertEq(services, handler.ghostServiceCount(), "serviceCount");
        for (uint32 id = 1; id <= services; ++id) {
            IServiceRequests.Service memory s = requests.getService(id);
            LayananHandler.GhostService memory g = handler.ghostService(id);
            assertEq(s.agencyId, g.agencyId, "service agency");
            assertEq(s.slaSeconds, g.slaSeconds, "service sla");
            assertEq(s.requiredClaim, g.requiredClaim, "service claim");
            assertEq(s.minLevel, g.minLevel, "service minLevel");
            assertEq(s.active, g.active, "service active");
        }
    }

    /// @notice No call succeeded where DESIGN.md says it must revert, or reverted where it must succeed.
    function invariant_callsFollowDesign() public view {
        if (handler.mismatches() != 0) revert AssertionFailed(handler.firstMismatch());
    }

    /// @notice The handler makes progress: a sequence of 20 calls has a successful one, and once it has 64
    /// calls at least 1 in 8 succeeded (about half do). A handler whose calls all revert would leave the other
    /// invariants vacuous; this one would fail.
    function invariant_handlerMakesProgress() public view {
        uint256 total = handler.totalCalls();
        uint256 succeeded = handler.totalSuccesses();
        if (total >= 20) assertTrue(succeeded > 0, "no successful call in 20");
        if (total >= 64) assertTrue(succeeded * 8 >= total, "fewer than 1 call in 8 succeeds");
    }

    // =============================================================================================
    // The handler can drive every function to success and every request to every status
    // =============================================================================================

    /// @notice A fixed sequence through the handler in which every action succeeds at least once and
    /// requests reach every status; the invariants hold at the end. Guards against a handler that is
    /// quietly unable to exercise part of the system.
    function test_handler_everyActionSucceedsOnce() public {
        handler.useRawSeeds();
        // Directory: agency 3 with admin staff[6]; officer staff[7] promoted to admin; staff[6] added back
        // as an officer and removed; agency 3 suspended.
        handler.registerAgency(0, 6, 0, 5); // admin staff[6]
        handler.addOfficer(0, 2, 0); // staff[7]
        handler.setAgencyAdmin(0, 2, 896); // staff[7] promoted, staff[6] leaves
        handler.addOfficer(0, 2, 0); // staff[6] again, as an officer
        handler.removeOfficer(0, 6); // staff[6]
        handler.setAgencyActive(0, 2, 0); // suspend agency 3
        // Governor hand-over: begin, cancel, begin again, wait past the delay, accept.
        handler.transferGovernor(0, 0, 1); // begin
        handler.transferGovernor(2, 0, 0); // cancel
        handler.transferGovernor(0, 0, 1); // begin
        handler.warp(200_007); // 2.3 days
        handler.transferGovernor(1, 0, 0); // accept
        assertEq(handler.governorTransfersAccepted(), 1, "governor handed over");
        // Claims.
        handler.registerClaimType(0, 2, 10);
        handler.setTrustedIssuer(0, 2, 1, 0);
        handler.attest(0, 0, 0, 0, 1, 0);
        handler.attestBySig(0, 0, 1, 0, 0, 2, 0, 0);
        handler.useNonce(0);
        handler.revokeAttestation(1, 1, bytes32("DATA_CHANGED"));
        // Catalogue.
        handler.addService(5, 0, 0, 0, 0, 0);
        handler.setServiceActive(5, 2, 0);
        // Requests 1..5 on the open service (agency B).
        for (uint256 ref = 0; ref < 4; ++ref) handler.submit(0, 4, ref, 10, keccak256(abi.encode(ref)));
        handler.submitAnonymous(0, 4, 4, bytes32(0));
        handler.updateStatus(0, 0, 8, 0); // 1: InProgress
        handler.updateStatus(0, 0, 16, 0); // 1: Completed
        handler.rate(0, 0, 3, bytes32(0)); // 1: rated 4
        handler.updateStatus(1, 0, 8, 0); // 2: InProgress
        handler.updateStatus(1, 0, 0, 0); // 2: NeedsInfo
        handler.respond(1, 0, 5, bytes32(0)); // 2: InProgress
        handler.updateStatus(1, 0, 32, 5); // 2: Rejected (with a reason, issue 10)
        handler.rate(1, 0, 0, bytes32(0)); // 2: rated 1
        handler.cancel(2, 0); // 3: Cancelled
        handler.markDuplicate(3, 0, 1); // 4: Duplicate of 1
        handler.rate(3, 0, 1, bytes32(0)); // 4: the duplicate rated 2 (issue 10)
        assertEq(requests.getRequest(4).rating, 2, "a duplicate rated");
        handler.warp(691_207); // 8 days: 5 is overdue
        handler.escalate(4, 0); // 5: escalated
        // Documents.
        handler.issueDocument(0, 0, 0);
        handler.issueBatch(0, 0, 2, 0);
        handler.revokeDocument(1, 0, 0, bytes32("ISSUED_IN_ERROR"));
        handler.revokeBatch(0, 0, bytes32("ISSUED_IN_ERROR"));
        handler.revokeDocument(0, 0, 0, bytes32("ISSUED_IN_ERROR"));

        bytes4[] memory all = handler.selectors();
        for (uint256 i = 0; i < all.length; ++i) {
            if (handler.successes(all[i]) == 0) revert AssertEqBytes32("no successful call of", all[i], bytes32(0));
        }
        for (uint8 status = SUBMITTED; status <= DUPLICATE; ++status) {
            assertTrue(handler.statusReached(status) > 0, "a status was never reached");
        }
        assertEq(handler.mismatches(), 0, "mismatches");
        invariant_agencyStatsAddUpAndMatchModel();
        invariant_agencyStatsBounds();
        invariant_finalRequestsNeverChange();
        invariant_requestsMatchModel();
        invariant_revokedDocumentsNeverVerifyValid();
        invariant_attestationValidity();
        invariant_registriesMatchModel();
        invariant_callsFollowDesign();
        invariant_handlerMakesProgress();
    }
}
