import type { TRole } from "@stoa/contracts";
import type { OneRosterRole, StaffKind } from "./model.js";

/** A Stoa role assignment: the role, where (null = across the district) and, for staff, what kind. */
export interface StoaRole {
  role: TRole;
  districtWide: boolean;
  staffKind: StaffKind | null;
}

/**
 * Maps a OneRoster role held at an org to a Stoa role. District and system administrators are
 * district-wide wherever the SIS attaches them. An administrator (or principal) attached to the
 * district org itself is read as a district administrator: that is what 1.1 exporters, which
 * have no districtAdministrator role, mean by it.
 */
export function toStoaRole(role: OneRosterRole, atDistrictOrg: boolean, staffKindExtension: StaffKind | null): StoaRole {
  switch (role) {
    case "student":
    case "teacher":
      return { role, districtWide: atDistrictOrg, staffKind: null };
    case "administrator":
    case "principal":
    case "siteAdministrator":
      return atDistrictOrg
        ? { role: "district_admin", districtWide: true, staffKind: null }
        : { role: "school_admin", districtWide: false, staffKind: null };
    case "districtAdministrator":
    case "systemAdministrator":
      return { role: "district_admin", districtWide: true, staffKind: null };
    case "guardian":
    case "parent":
    case "relative":
      return { role: "guardian", districtWide: atDistrictOrg, staffKind: null };
    case "aide":
      return { role: "staff", districtWide: atDistrictOrg, staffKind: staffKindExtension ?? "aide" };
    case "counselor":
      return { role: "staff", districtWide: atDistrictOrg, staffKind: staffKindExtension ?? "counselor" };
    case "proctor":
      return { role: "staff", districtWide: atDistrictOrg, staffKind: staffKindExtension };
  }
}

/**
 * The OneRoster 1.2 role that maps back to a Stoa role, for exports. Staff kinds without a
 * OneRoster role (interventionist) travel as proctor plus Stoa's ext_stoa_staffKind column.
 */
export function toOneRosterRole(role: TRole, staffKind: string | null): { role: OneRosterRole; staffKind: string | null } {
  switch (role) {
    case "district_admin":
      return { role: "districtAdministrator", staffKind: null };
    case "school_admin":
      return { role: "administrator", staffKind: null };
    case "teacher":
    case "student":
    case "guardian":
      return { role, staffKind: null };
    case "staff":
      if (staffKind === "aide") return { role: "aide", staffKind: null };
      if (staffKind === "counselor") return { role: "counselor", staffKind: null };
      return { role: "proctor", staffKind };
  }
}
