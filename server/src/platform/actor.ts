import type { TRole } from "@stoa/contracts";

/** A role the actor holds: at one school, or district-wide when schoolId is null. */
export interface ActorRole {
  role: TRole;
  schoolId: string | null;
  staffKind: string | null;
}

/** The authenticated person on whose behalf a service acts. Services take it explicitly. */
export interface Actor {
  userId: string;
  districtId: string;
  roles: ActorRole[];
  ip: string | null;
}

/** True when the actor is a district administrator. */
export const isDistrictAdmin = (actor: Actor) => actor.roles.some((r) => r.role === "district_admin");

/** The schools where the actor holds one of these roles (district-wide roles are not included). */
export const schoolsWithRole = (actor: Actor, roles: readonly TRole[]): string[] =>
  actor.roles.filter((r) => roles.includes(r.role) && r.schoolId !== null).map((r) => r.schoolId as string);

/** True when the actor holds one of these roles anywhere. */
export const hasRole = (actor: Actor, roles: readonly TRole[]) => actor.roles.some((r) => roles.includes(r.role));

/**
 * Schools the actor administers: every school of the district for a district admin (null = all),
 * else the schools where they are school admin.
 */
export const adminSchools = (actor: Actor): string[] | null => (isDistrictAdmin(actor) ? null : schoolsWithRole(actor, ["school_admin"]));
