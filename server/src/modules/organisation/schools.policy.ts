import type { TSchoolUpdate } from "@stoa/contracts";
import { type Actor, isDistrictAdmin, schoolsWithRole } from "../../platform/actor.js";

/** Only district administrators open new schools. */
export const canCreateSchool = (actor: Actor): boolean => isDistrictAdmin(actor);

/** District admins edit any school of the district; a school admin edits their own school's name and time zone. */
export const canEditSchool = (actor: Actor, schoolId: string): boolean =>
  isDistrictAdmin(actor) || schoolsWithRole(actor, ["school_admin"]).includes(schoolId);

/** Identifier and status belong to the district: only its administrators change them. */
export const canEditSchoolRecord = (actor: Actor): boolean => isDistrictAdmin(actor);

/** Why this change to a school is not allowed, or null when it is (the school is in the actor's district). */
export function schoolUpdateProblem(actor: Actor, schoolId: string, input: TSchoolUpdate): string | null {
  if (!canEditSchool(actor, schoolId)) return "Only the school's administrators and district administrators can change a school";
  const touchesRecord = input.identifier !== undefined || input.status !== undefined;
  if (touchesRecord && !canEditSchoolRecord(actor)) return "Only a district administrator can change a school's identifier or status";
  return null;
}

/** What the caller may do with one school. */
export const schoolPolicies = (actor: Actor, schoolId: string) => ({
  edit: canEditSchool(actor, schoolId),
  editIdentifierAndStatus: canEditSchoolRecord(actor),
});

/** What the caller may do with the list of schools. */
export const schoolListPolicies = (actor: Actor) => ({ create: canCreateSchool(actor) });
