import type { TRole } from "@stoa/contracts";
import { type Actor, hasRole, isDistrictAdmin, schoolsWithRole } from "../../platform/actor.js";

/** A role as the rules see it: which role, at which school (null = district-wide). */
export interface HeldRole {
  role: TRole;
  schoolId: string | null;
  staffKind?: string | null;
}

/** A person as the rules see them: who, and every role they hold. */
export interface PersonForPolicy {
  id: string;
  roles: HeldRole[];
}

/** A field problem: where in the request, and what to do about it. */
export interface FieldProblem {
  path: string;
  message: string;
}

const ranks: Record<TRole, number> = {
  district_admin: 4,
  school_admin: 3,
  teacher: 2,
  staff: 2,
  student: 1,
  guardian: 1,
};

// Counselors and interventionists work with any student of their school; aides work inside classes.
const studentReadingStaffKinds = new Set(["counselor", "interventionist"]);

/** How far a role reaches: district_admin > school_admin > teacher = staff > student = guardian. */
export const roleRank = (role: TRole): number => ranks[role];

/** The actor's administrative rank at a school: 4 as district admin, 3 as that school's admin, else 0. */
export function adminRankAt(actor: Actor, schoolId: string | null): number {
  if (isDistrictAdmin(actor)) return ranks.district_admin;
  if (schoolId !== null && schoolsWithRole(actor, ["school_admin"]).includes(schoolId)) return ranks.school_admin;
  return 0;
}

/** True when the actor administers at least one school (or the district). */
export const isAnyAdmin = (actor: Actor): boolean => hasRole(actor, ["district_admin", "school_admin"]);

/** Schools where the actor is a counselor or interventionist: they read those schools' students. */
export const studentReadingSchools = (actor: Actor): string[] =>
  actor.roles.filter((r) => r.role === "staff" && r.schoolId !== null && studentReadingStaffKinds.has(r.staffKind ?? "")).map((r) => r.schoolId as string);

/** Whether the actor may list people at all (lists are not resources: others get a 403, not a 404). */
export const canListPeople = (actor: Actor): boolean => isAnyAdmin(actor) || studentReadingSchools(actor).length > 0;

/**
 * Which people the actor may see, as data the repository turns into SQL.
 * "list" is the people directory; "read" adds the actor themselves and, for guardians, their children.
 * (A teacher's students are checked separately, through the roster.)
 */
export interface PeopleScope {
  districtId: string;
  everyone: boolean;
  /** People holding any role at these schools (school admin). */
  roleAtSchools: string[];
  /** Guardians linked to a student of these schools (school admin). */
  guardiansOfStudentsAt: string[];
  /** People holding the student role at these schools (counselor, interventionist). */
  studentsAt: string[];
  selfId: string | null;
  childrenOfGuardian: string | null;
}

/** The SQL-ready description of whom the actor may see. */
export function peopleScope(actor: Actor, purpose: "list" | "read"): PeopleScope {
  const adminAt = schoolsWithRole(actor, ["school_admin"]);
  const reading = purpose === "read";
  return {
    districtId: actor.districtId,
    everyone: isDistrictAdmin(actor),
    roleAtSchools: adminAt,
    guardiansOfStudentsAt: adminAt,
    studentsAt: studentReadingSchools(actor),
    selfId: reading ? actor.userId : null,
    childrenOfGuardian: reading && hasRole(actor, ["guardian"]) ? actor.userId : null,
  };
}

/** What is wrong with the shape of a role grant (school and staff kind), or null. */
export function grantShapeProblem(grant: HeldRole, prefix = ""): FieldProblem | null {
  if (grant.role !== "district_admin" && grant.schoolId === null) {
    return { path: `${prefix}schoolId`, message: "Choose the school where this role applies" };
  }
  if (grant.role === "staff" && !grant.staffKind) {
    return { path: `${prefix}staffKind`, message: "Choose the kind of staff member: counselor, interventionist or aide" };
  }
  if (grant.role !== "staff" && grant.staffKind) {
    return { path: `${prefix}staffKind`, message: "A staff kind applies only to the staff role; leave it empty" };
  }
  return null;
}

/** Why the actor may not give (or remove) this role at this school, or null when they may. */
export function grantReachProblem(actor: Actor, grant: HeldRole, verb: "give" | "remove" = "give"): string | null {
  if (grant.role === "district_admin") {
    return "District administrators are appointed and removed from the command line or a roster import, not here";
  }
  const rank = adminRankAt(actor, grant.schoolId);
  if (rank === 0) return `You can ${verb} roles only at schools you administer`;
  if (roleRank(grant.role) >= rank) return `You can ${verb} only roles below your own; ask a district administrator`;
  return null;
}

/**
 * Whether the actor may manage (edit, deactivate, reset the password of) a person: they must
 * out-rank every role the person holds, where they administer. Nobody manages themselves here,
 * and a person without roles belongs to the district administrators.
 */
export function canManagePerson(actor: Actor, person: PersonForPolicy): boolean {
  if (person.id === actor.userId) return false;
  if (person.roles.length === 0) return isDistrictAdmin(actor);
  return person.roles.every((r) => adminRankAt(actor, r.schoolId) > roleRank(r.role));
}

/** True when the person holds only student roles (a teacher may reset such a person's password). */
export const isOnlyStudent = (person: PersonForPolicy): boolean => person.roles.length > 0 && person.roles.every((r) => r.role === "student");

/** Whether the actor may set a new password for the person; `teachesThem` comes from the roster. */
export function canResetPassword(actor: Actor, person: PersonForPolicy, teachesThem: boolean): boolean {
  if (person.id === actor.userId) return false;
  if (canManagePerson(actor, person)) return true;
  return teachesThem && isOnlyStudent(person) && hasRole(actor, ["teacher"]);
}

/** True when the person holds the guardian role somewhere. */
export const isGuardian = (person: PersonForPolicy): boolean => person.roles.some((r) => r.role === "guardian");

/** True when the person holds the student role somewhere. */
export const isStudent = (person: PersonForPolicy): boolean => person.roles.some((r) => r.role === "student");

/** Whether the actor may link (or unlink) this guardian and this child: they must manage both. */
export const canLinkChild = (actor: Actor, guardian: PersonForPolicy, student: PersonForPolicy): boolean =>
  canManagePerson(actor, guardian) && canManagePerson(actor, student);

/** Whether reading this person's record must be audited: a student's record read by staff, a teacher or an admin. */
export const isAuditedStudentRead = (actor: Actor, person: PersonForPolicy): boolean =>
  person.id !== actor.userId && isStudent(person) && hasRole(actor, ["district_admin", "school_admin", "teacher", "staff"]);

/** What the caller may do with a person's record; the UI hides what is false. */
export function personPolicies(actor: Actor, person: PersonForPolicy, teachesThem: boolean) {
  const manage = canManagePerson(actor, person);
  return {
    edit: manage,
    resetPassword: canResetPassword(actor, person, teachesThem),
    grantRoles: person.id !== actor.userId && isAnyAdmin(actor),
    linkChildren: manage && isGuardian(person),
  };
}
