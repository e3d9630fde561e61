// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IAgencyDirectory} from "./interfaces/IAgencyDirectory.sol";

/// @title AgencyDirectory
/// @notice Registry of the city's agencies, their admins and officers. The governor (in production a
/// multisig) holds `DEFAULT_ADMIN_ROLE` through a two-step hand-over with a delay.
contract AgencyDirectory is IAgencyDirectory, AccessControlDefaultAdminRules {
    /// @notice Delay between starting and accepting a governor hand-over (changeable by the governor).
    uint48 public constant INITIAL_GOVERNOR_DELAY = 1 days;

    /// @notice Longest agency name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 128;

    /// @dev Role of a member address.
    enum Role {
        None,
        Officer,
        Admin
    }

    /// @dev What an address does: one slot, read on every officer check.
    struct Member {
        uint32 agencyId;
        Role role;
    }

    /// @dev admin and active share one slot, read together on every officer check.
    struct AgencyRecord {
        address admin;
        bool active;
        bytes32 code;
        string name;
    }

    uint32 private _agencyCount;
    mapping(uint32 agencyId => AgencyRecord) private _agencies;
    mapping(bytes32 code => uint32 agencyId) private _agencyIdByCode;
    mapping(address account => Member) private _members;

    /// @param governor The first governor (`DEFAULT_ADMIN_ROLE`).
    constructor(address governor) AccessControlDefaultAdminRules(INITIAL_GOVERNOR_DELAY, governor) {}

    // ---------------------------------------------------------------------------------------------
    // Governor
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgencyDirectory
    function registerAgency(
        bytes32 code,
        string calldata name,
        address admin
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint32 agencyId) {
        if (code == bytes32(0)) revert AgencyDirectoryZeroCode();
        uint32 existing = _agencyIdByCode[code];
        if (existing != 0) revert AgencyDirectoryCodeTaken(code, existing);
        uint256 length = bytes(name).length;
        if (length == 0 || length > MAX_NAME_LENGTH) revert AgencyDirectoryInvalidName(length, MAX_NAME_LENGTH);
        _requireFree(admin);

        agencyId = ++_agencyCount;
        AgencyRecord storage agency = _agencies[agencyId];
        agency.admin = admin;
        agency.active = true;
        agency.code = code;
        agency.name = name;
        _agencyIdByCode[code] = agencyId;
        _members[admin] = Member(agencyId, Role.Admin);
        emit AgencyRegistered(agencyId, code, admin, name);
    }

    /// @inheritdoc IAgencyDirectory
    function setAgencyActive(uint32 agencyId, bool active) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AgencyRecord storage agency = _existing(agencyId);
        if (agency.active == active) revert AgencyDirectoryUnchanged(agencyId);
        agency.active = active;
        emit AgencyActiveChanged(agencyId, active);
    }

    /// @inheritdoc IAgencyDirectory
    function setAgencyAdmin(uint32 agencyId, address admin) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AgencyRecord storage agency = _existing(agencyId);
        address previous = agency.admin;
        if (admin == previous) revert AgencyDirectoryUnchanged(agencyId);
        Member memory member = _members[admin];
        // A new admin is free, or an officer of this same agency being promoted.
        if (member.role != Role.Officer || member.agencyId != agencyId) _requireFree(admin);

        agency.admin = admin;
        delete _members[previous];
        _members[admin] = Member(agencyId, Role.Admin);
        emit AgencyAdminChanged(agencyId, previous, admin);
    }

    // ---------------------------------------------------------------------------------------------
    // Governor or agency admin
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgencyDirectory
    function addOfficer(uint32 agencyId, address officer) external {
        _authorizeManager(agencyId);
        _requireFree(officer);
        _members[officer] = Member(agencyId, Role.Officer);
        emit OfficerAdded(agencyId, officer, _msgSender());
    }

    /// @inheritdoc IAgencyDirectory
    function removeOfficer(address officer) external {
        Member memory member = _members[officer];
        if (member.role != Role.Officer) revert AgencyDirectoryNotAnOfficer(officer);
        _authorizeManager(member.agencyId);
        delete _members[officer];
        emit OfficerRemoved(member.agencyId, officer, _msgSender());
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IAgencyDirectory
    function agencyCount() external view returns (uint32) {
        return _agencyCount;
    }

    /// @inheritdoc IAgencyDirectory
    function getAgency(uint32 agencyId) external view returns (Agency memory) {
        AgencyRecord storage agency = _existing(agencyId);
        return Agency({code: agency.code, name: agency.name, admin: agency.admin, active: agency.active});
    }

    /// @inheritdoc IAgencyDirectory
    function agencyIdByCode(bytes32 code) external view returns (uint32) {
        return _agencyIdByCode[code];
    }

    /// @inheritdoc IAgencyDirectory
    function agencyIdOf(address account) external view returns (uint32) {
        return _members[account].agencyId;
    }

    /// @inheritdoc IAgencyDirectory
    function isOfficer(uint32 agencyId, address account) external view returns (bool) {
        return agencyId != 0 && _activeAgencyOf(account) == agencyId;
    }

    /// @inheritdoc IAgencyDirectory
    function activeAgencyOf(address account) external view returns (uint32) {
        return _activeAgencyOf(account);
    }

    /// @inheritdoc IAgencyDirectory
    function isAgencyActive(uint32 agencyId) external view returns (bool) {
        return _agencies[agencyId].active;
    }

    /// @inheritdoc IAgencyDirectory
    function agencyStatusFor(
        uint32 agencyId,
        address account
    ) external view returns (bool agencyActive, uint32 accountAgencyId) {
        return (_agencies[agencyId].active, _members[account].agencyId);
    }

    /// @inheritdoc IAgencyDirectory
    function agencyAdmin(uint32 agencyId) external view returns (address) {
        return _agencies[agencyId].admin;
    }

    /// @inheritdoc IAgencyDirectory
    function isGovernor(address account) external view returns (bool) {
        return hasRole(DEFAULT_ADMIN_ROLE, account);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _activeAgencyOf(address account) private view returns (uint32) {
        uint32 agencyId = _members[account].agencyId;
        return agencyId != 0 && _agencies[agencyId].active ? agencyId : 0;
    }

    function _existing(uint32 agencyId) private view returns (AgencyRecord storage agency) {
        agency = _agencies[agencyId];
        if (agency.admin == address(0)) revert AgencyDirectoryUnknownAgency(agencyId);
    }

    function _requireFree(address account) private view {
        if (account == address(0)) revert AgencyDirectoryZeroAddress();
        uint32 serving = _members[account].agencyId;
        if (serving != 0) revert AgencyDirectoryAlreadyServing(account, serving);
    }

    /// @dev The governor may manage any agency; an admin only their own agency, and only while it is active.
    function _authorizeManager(uint32 agencyId) private view {
        AgencyRecord storage agency = _existing(agencyId);
        address sender = _msgSender();
        if (hasRole(DEFAULT_ADMIN_ROLE, sender)) return;
        if (sender != agency.admin || !agency.active) revert AgencyDirectoryUnauthorized(sender, agencyId);
    }
}
