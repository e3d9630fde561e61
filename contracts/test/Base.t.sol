// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AgencyDirectory} from "../AgencyDirectory.sol";
import {CitizenAttestations} from "../CitizenAttestations.sol";
import {ServiceRequests} from "../ServiceRequests.sol";
import {DocumentRegistry} from "../DocumentRegistry.sol";
import {IServiceRequests} from "../interfaces/IServiceRequests.sol";
import {TestHelpers} from "./utils/TestHelpers.t.sol";

/// @title LayananBase
/// @notice Deploys the four contracts as DESIGN.md wires them and a small city, like the TypeScript
/// `cityFixture`: agency A (Disdukcapil: admin, two officers) trusted for the RESIDENT and KTP_VERIFIED
/// claims and AKTA_KELAHIRAN documents; agency B (DPMPTSP: admin, two officers) trusted for no claim and
/// for IZIN_USAHA documents; service 1 of A gated on RESIDENT at level 2 (due in 3 days); service 2 of B
/// open to any wallet (due in 7 days).
abstract contract LayananBase is TestHelpers {
    uint64 internal constant START = 1_750_000_000; // June 2025
    uint32 internal constant DAY = 1 days;

    uint32 internal constant AGENCY_A = 1;
    uint32 internal constant AGENCY_B = 2;
    uint32 internal constant SERVICE_GATED = 1;
    uint32 internal constant SERVICE_OPEN = 2;
    uint32 internal constant SLA_GATED = 3 days;
    uint32 internal constant SLA_OPEN = 7 days;
    uint8 internal constant GATED_MIN_LEVEL = 2;

    bytes32 internal constant RESIDENT = keccak256("RESIDENT_KOTA_BANDUNG");
    bytes32 internal constant KTP_VERIFIED = keccak256("KTP_VERIFIED");
    /// @dev Document types: birth certificates (agency A is trusted), business permits (agency B is trusted).
    bytes32 internal constant AKTA_KELAHIRAN = keccak256("AKTA_KELAHIRAN");
    bytes32 internal constant IZIN_USAHA = keccak256("IZIN_USAHA");

    // Request statuses (IServiceRequests.Status) and document statuses (IDocumentRegistry.DocumentStatus).
    uint8 internal constant NONE = 0;
    uint8 internal constant SUBMITTED = 1;
    uint8 internal constant IN_PROGRESS = 2;
    uint8 internal constant NEEDS_INFO = 3;
    uint8 internal constant COMPLETED = 4;
    uint8 internal constant REJECTED = 5;
    uint8 internal constant CANCELLED = 6;
    uint8 internal constant DUPLICATE = 7;

    uint8 internal constant DOC_UNKNOWN = 0;
    uint8 internal constant DOC_VALID = 1;
    uint8 internal constant DOC_REVOKED = 2;
    uint8 internal constant DOC_EXPIRED = 3;

    // Keys, so officers can sign EIP-712 attestations.
    uint256 internal constant GOVERNOR_KEY = 0x60;
    uint256 internal constant ADMIN_A_KEY = 0xA0;
    uint256 internal constant OFFICER_A_KEY = 0xA1;
    uint256 internal constant OFFICER_A2_KEY = 0xA2;
    uint256 internal constant ADMIN_B_KEY = 0xB0;
    uint256 internal constant OFFICER_B_KEY = 0xB1;
    uint256 internal constant OFFICER_B2_KEY = 0xB2;

    AgencyDirectory internal directory;
    CitizenAttestations internal attestations;
    ServiceRequests internal requests;
    DocumentRegistry internal documents;

    address internal governor;
    address internal adminA;
    address internal officerA;
    address internal officerA2;
    address internal adminB;
    address internal officerB;
    address internal officerB2;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal stranger;

    function setUp() public virtual {
        vm.warp(START);
        governor = vm.addr(GOVERNOR_KEY);
        adminA = vm.addr(ADMIN_A_KEY);
        officerA = vm.addr(OFFICER_A_KEY);
        officerA2 = vm.addr(OFFICER_A2_KEY);
        adminB = vm.addr(ADMIN_B_KEY);
        officerB = vm.addr(OFFICER_B_KEY);
        officerB2 = vm.addr(OFFICER_B2_KEY);
        alice = address(0xA11CE);
        bob = address(0xB0B);
        carol = address(0xCA401);
        stranger = address(0x5757);

        directory = new AgencyDirectory(governor);
        attestations = new CitizenAttestations(directory);
        requests = new ServiceRequests(directory, attestations);
        documents = new DocumentRegistry(directory);

        vm.startPrank(governor);
        directory.registerAgency(bytes32("DISDUKCAPIL"), "Disdukcapil Kota Bandung", adminA);
        directory.registerAgency(bytes32("DPMPTSP"), "DPMPTSP Kota Bandung", adminB);
        attestations.registerClaimType(RESIDENT, "Resident of Kota Bandung");
        attestations.registerClaimType(KTP_VERIFIED, "KTP-el verified");
        attestations.setTrustedIssuer(RESIDENT, AGENCY_A, true);
        attestations.setTrustedIssuer(KTP_VERIFIED, AGENCY_A, true);
        documents.registerDocumentType(AKTA_KELAHIRAN, "Akta kelahiran");
        documents.registerDocumentType(IZIN_USAHA, "Izin usaha");
        documents.setTrustedDocumentIssuer(AKTA_KELAHIRAN, AGENCY_A, true);
        documents.setTrustedDocumentIssuer(IZIN_USAHA, AGENCY_B, true);
        vm.stopPrank();

        vm.startPrank(adminA);
        directory.addOfficer(AGENCY_A, officerA);
        directory.addOfficer(AGENCY_A, officerA2);
        requests.addService(AGENCY_A, bytes32("KTP_EL"), "Penggantian KTP-el", SLA_GATED, RESIDENT, GATED_MIN_LEVEL);
        vm.stopPrank();

        vm.startPrank(adminB);
        directory.addOfficer(AGENCY_B, officerB);
        directory.addOfficer(AGENCY_B, officerB2);
        requests.addService(AGENCY_B, bytes32("JALAN_RUSAK"), "Laporan jalan rusak", SLA_OPEN, bytes32(0), 0);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------------------------------------
    // Shortcuts
    // ---------------------------------------------------------------------------------------------

    /// @dev A level-`level` RESIDENT attestation for `subject` by officerA, never expiring.
    function _attestResident(address subject, uint8 level) internal returns (bytes32 uid) {
        vm.prank(officerA);
        uid = attestations.attest(subject, RESIDENT, keccak256(abi.encode(subject, level)), level, 0);
    }

    /// @dev `citizen` files a request to the open service with a fresh client reference.
    function _submitOpen(address citizen, bytes32 clientRef) internal returns (uint256 requestId) {
        vm.prank(citizen);
        requestId = requests.submit(SERVICE_OPEN, keccak256("details"), clientRef, "Jalan berlubang di Jl. Merdeka");
    }

    /// @dev Officer B moves request `requestId` (of the open service) to `status` (a rejection with the
    /// reason it needs).
    function _moveOpen(uint256 requestId, uint8 status) internal {
        vm.prank(officerB);
        requests.updateStatus(requestId, status, bytes32(0), status == REJECTED ? "Bukan kewenangan kami" : "");
    }

    /// @dev The document type agency `agencyId`'s officers issue in this city (A: AKTA_KELAHIRAN, B: IZIN_USAHA).
    function _docTypeOf(uint32 agencyId) internal pure returns (bytes32) {
        return agencyId == AGENCY_A ? AKTA_KELAHIRAN : IZIN_USAHA;
    }

    function _status(uint256 requestId) internal view returns (uint8) {
        return uint8(requests.getRequest(requestId).status);
    }

    /// @dev DESIGN.md's table of officer transitions, written out independently of the contract's bitmask.
    function _allowedTransition(uint8 from, uint8 to) internal pure returns (bool) {
        if (from == SUBMITTED) return to == IN_PROGRESS || to == REJECTED;
        if (from == IN_PROGRESS) return to == NEEDS_INFO || to == COMPLETED || to == REJECTED;
        if (from == NEEDS_INFO) return to == IN_PROGRESS || to == REJECTED;
        return false; // Completed, Rejected, Cancelled and Duplicate are final
    }

    function _isFinal(uint8 status) internal pure returns (bool) {
        return status >= COMPLETED;
    }

    function _stats(uint32 agencyId) internal view returns (IServiceRequests.AgencyStats memory) {
        return requests.agencyStats(agencyId);
    }

    /// @dev submitted == open + completed + rejected + cancelled + duplicates.
    function _assertStatsBalance(uint32 agencyId) internal view {
        IServiceRequests.AgencyStats memory s = requests.agencyStats(agencyId);
        assertEq(
            uint256(s.submitted),
            uint256(s.open) + s.completed + s.rejected + s.cancelled + s.duplicates,
            "stats: submitted != open + completed + rejected + cancelled + duplicates"
        );
        assertLe(s.ratingCount, uint256(s.completed) + s.rejected + s.duplicates, "stats: ratingCount too high");
    }
}
