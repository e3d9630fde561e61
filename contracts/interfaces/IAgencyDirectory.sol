// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAgencyDirectory
/// @notice Who may act for the city government: agencies (instansi), their admins and officers
/// (petugas), and the governor who registers agencies.
interface IAgencyDirectory {
    /// @notice An agency as returned by {getAgency}.
    /// @param code Short unique code, e.g. `bytes32("DISDUKCAPIL")`.
    /// @param name Human-readable name, public.
    /// @param admin The agency's admin, who manages its officers and services.
    /// @param active False while the governor has suspended the agency.
    struct Agency {
        bytes32 code;
        string name;
        address admin;
        bool active;
    }

    /// @notice Emitted when the governor registers an agency.
    event AgencyRegistered(uint32 indexed agencyId, bytes32 indexed code, address indexed admin, string name);

    /// @notice Emitted when the governor suspends (`active` false) or reactivates an agency.
    event AgencyActiveChanged(uint32 indexed agencyId, bool active);

    /// @notice Emitted when the governor replaces an agency's admin.
    event AgencyAdminChanged(uint32 indexed agencyId, address indexed previousAdmin, address indexed newAdmin);

    /// @notice Emitted when an officer joins an agency.
    event OfficerAdded(uint32 indexed agencyId, address indexed officer, address indexed by);

    /// @notice Emitted when an officer leaves an agency.
    event OfficerRemoved(uint32 indexed agencyId, address indexed officer, address indexed by);

    /// @notice Thrown when an agency code is zero.
    error AgencyDirectoryZeroCode();

    /// @notice Thrown when an agency code is already registered to `agencyId`.
    error AgencyDirectoryCodeTaken(bytes32 code, uint32 agencyId);

    /// @notice Thrown when an agency name is empty or longer than `maxLength` bytes.
    error AgencyDirectoryInvalidName(uint256 length, uint256 maxLength);

    /// @notice Thrown when an admin or officer address is the zero address.
    error AgencyDirectoryZeroAddress();

    /// @notice Thrown when `agencyId` does not name a registered agency.
    error AgencyDirectoryUnknownAgency(uint32 agencyId);

    /// @notice Thrown when `account` already serves agency `agencyId` (an address serves at most one agency).
    error AgencyDirectoryAlreadyServing(address account, uint32 agencyId);

    /// @notice Thrown when `account` is not an officer of any agency (admins are removed by replacing them).
    error AgencyDirectoryNotAnOfficer(address account);

    /// @notice Thrown when `account` is neither the governor nor the admin of active agency `agencyId`.
    error AgencyDirectoryUnauthorized(address account, uint32 agencyId);

    /// @notice Thrown when a setter would not change anything (agency `agencyId` is already in that state).
    error AgencyDirectoryUnchanged(uint32 agencyId);

    /// @notice Registers an agency. Governor only.
    /// @param code Unique non-zero code.
    /// @param name Non-empty public name (at most 128 bytes).
    /// @param admin The agency's admin; must not serve another agency.
    /// @return agencyId The new agency's id (ids start at 1).
    function registerAgency(bytes32 code, string calldata name, address admin) external returns (uint32 agencyId);

    /// @notice Suspends or reactivates an agency. Governor only. While suspended, the agency's officers
    /// and admin cannot act and the claims it attested are not valid.
    function setAgencyActive(uint32 agencyId, bool active) external;

    /// @notice Replaces an agency's admin. Governor only. The previous admin stops serving the agency;
    /// an officer of the same agency may be promoted.
    function setAgencyAdmin(uint32 agencyId, address admin) external;

    /// @notice Adds an officer to an agency. The governor, or the admin of that (active) agency.
    function addOfficer(uint32 agencyId, address officer) external;

    /// @notice Removes an officer from their agency. The governor, or the admin of that (active) agency.
    function removeOfficer(address officer) external;

    /// @notice The number of registered agencies (also the highest agency id).
    function agencyCount() external view returns (uint32);

    /// @notice The agency `agencyId`; reverts when it does not exist.
    function getAgency(uint32 agencyId) external view returns (Agency memory);

    /// @notice The id of the agency registered with `code`, 0 if none.
    function agencyIdByCode(bytes32 code) external view returns (uint32);

    /// @notice The agency `account` serves as officer or admin, 0 if none (whether or not it is active).
    function agencyIdOf(address account) external view returns (uint32);

    /// @notice True when `account` is an officer or the admin of `agencyId` and that agency is active.
    function isOfficer(uint32 agencyId, address account) external view returns (bool);

    /// @notice The agency `account` may act for right now: the agency it serves as officer or admin
    /// when that agency is active, else 0. One call for the other contracts' hot paths.
    function activeAgencyOf(address account) external view returns (uint32);

    /// @notice True when `agencyId` is registered and active.
    function isAgencyActive(uint32 agencyId) external view returns (bool);

    /// @notice Whether agency `agencyId` is active, and the agency `account` serves (0 = none, as
    /// {agencyIdOf}): what a request's submission checks, in one call.
    function agencyStatusFor(
        uint32 agencyId,
        address account
    ) external view returns (bool agencyActive, uint32 accountAgencyId);

    /// @notice The admin of `agencyId` (zero address when it does not exist).
    function agencyAdmin(uint32 agencyId) external view returns (address);

    /// @notice True when `account` is the governor (holder of `DEFAULT_ADMIN_ROLE`).
    function isGovernor(address account) external view returns (bool);
}
