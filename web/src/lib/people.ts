import type { TRole, TRoleAssignment } from "@stoa/contracts";

interface Named {
  givenName: string;
  familyName: string;
  preferredName?: string | null;
}

/** The name people use: preferred given name when set, then family name. */
export function displayName(person: Named): string {
  return `${person.preferredName?.trim() || person.givenName} ${person.familyName}`.trim();
}

/** Initials for an avatar. */
export function initials(person: Named): string {
  const given = (person.preferredName?.trim() || person.givenName).charAt(0);
  return `${given}${person.familyName.charAt(0)}`.toUpperCase();
}

const adminRoles: TRole[] = ["district_admin", "school_admin"];

/** The set of role names a person holds. */
export function roleSet(roles: TRoleAssignment[]): Set<TRole> {
  return new Set(roles.map((r) => r.role));
}

/** True when the person administers a school or the district. */
export function isAdmin(roles: TRoleAssignment[]): boolean {
  return roles.some((r) => adminRoles.includes(r.role));
}

/** Counsellors and interventionists read the students of their schools (the server's canListPeople). */
export function canSeePeople(me: { roles: TRoleAssignment[]; abilities: { managePeople: boolean } }): boolean {
  return (
    me.abilities.managePeople ||
    me.roles.some((r) => r.role === "staff" && (r.staffKind === "counselor" || r.staffKind === "interventionist"))
  );
}
