import type { TRoleGrant } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { recordAccessChange } from "../../platform/realtime/access.js";
import { canLinkChild, grantReachProblem, isAnyAdmin, isGuardian, isStudent } from "./people.policy.js";
import * as repo from "./people.repository.js";
import { forgetSessionsOfUser } from "../identity/identity.service.js";
import { checkGrants, clashToConflict, forPolicy, loadReadablePerson, reloadDetail, rooms } from "./people.service.js";

/** Gives a person a role at a school the actor administers, below the actor's own. */
export async function grantRole(db: Db, actor: Actor, personId: string, grant: TRoleGrant) {
  const person = await loadReadablePerson(db, actor, personId);
  if (personId === actor.userId) throw forbidden("You cannot change your own roles; ask another administrator");
  if (!isAnyAdmin(actor)) throw forbidden("Only administrators can give roles");
  await checkGrants(db, actor, [grant], () => "");
  if (person.roles.some((r) => r.role === grant.role && r.schoolId === grant.schoolId)) {
    throw conflict("The person already holds this role at this school", [{ path: "role", message: "Already held at this school" }]);
  }
  const staffKind = grant.staffKind ?? null;
  await db
    .transaction(async (tx) => {
      const role = await repo.insertRole(tx, { districtId: actor.districtId, userId: personId, role: grant.role, schoolId: grant.schoolId, staffKind });
      await audit(tx, actor, { action: "role.grant", targetType: "user", targetId: personId, details: { roleId: role.id, role: grant.role, schoolId: grant.schoolId, staffKind } });
      await recordEvent(tx, actor.districtId, "person.updated", rooms(actor, [...person.roles, grant]), { id: personId });
      await recordAccessChange(tx, actor.districtId, [personId]);
    })
    .catch((error: unknown) => {
      throw clashToConflict(error);
    });
  forgetSessionsOfUser(personId); // the person's cached session carries their roles
  return reloadDetail(db, actor, personId);
}

/** Takes a role away, when the actor could have given it; the last role stays (deactivate instead). */
export async function revokeRole(db: Db, actor: Actor, personId: string, roleId: string) {
  const person = await loadReadablePerson(db, actor, personId);
  const role = person.roles.find((r) => r.id === roleId);
  if (!role) throw notFound("Role");
  if (personId === actor.userId) throw forbidden("You cannot change your own roles; ask another administrator");
  const problem = grantReachProblem(actor, role, "remove");
  if (problem) throw forbidden(problem);
  if (person.roles.length === 1) throw badRequest("This is the person's only role; deactivate them instead of removing it");
  await db.transaction(async (tx) => {
    await repo.deleteRole(tx, actor.districtId, roleId);
    await audit(tx, actor, { action: "role.revoke", targetType: "user", targetId: personId, details: { roleId, role: role.role, schoolId: role.schoolId, staffKind: role.staffKind } });
    await recordEvent(tx, actor.districtId, "person.updated", rooms(actor, person.roles), { id: personId });
    await recordAccessChange(tx, actor.districtId, [personId]);
  });
  forgetSessionsOfUser(personId); // the person's cached session carries their roles
  return reloadDetail(db, actor, personId);
}

/** Loads a guardian and a child the actor may see, and checks that the actor manages both. */
async function loadPair(db: Db, actor: Actor, guardianId: string, studentId: string) {
  const guardian = await loadReadablePerson(db, actor, guardianId);
  if (guardianId === studentId) {
    throw badRequest("A person cannot be their own guardian", [{ path: "studentId", message: "Choose a different student" }]);
  }
  const student = await loadReadablePerson(db, actor, studentId, "Student");
  return { guardian, student, allowed: canLinkChild(actor, forPolicy(guardian), forPolicy(student)) };
}

const notAllowedToLink = () => forbidden("You can link only guardians and students whose every role is below yours, at schools you administer");

/** Links a guardian to a child; the actor must manage both. */
export async function linkChild(db: Db, actor: Actor, guardianId: string, studentId: string) {
  const { guardian, student, allowed } = await loadPair(db, actor, guardianId, studentId);
  if (!isAnyAdmin(actor)) throw notAllowedToLink();
  if (!isGuardian(forPolicy(guardian))) throw badRequest("This person is not a guardian; give them the guardian role first");
  if (!isStudent(forPolicy(student))) {
    throw badRequest("Only a student can be linked as a child", [{ path: "studentId", message: "This person is not a student" }]);
  }
  if (!allowed) throw notAllowedToLink();
  if (await repo.hasGuardianLink(db, actor.districtId, guardianId, studentId)) {
    throw conflict("This guardian is already linked to this student", [{ path: "studentId", message: "Already linked" }]);
  }
  await db
    .transaction(async (tx) => {
      await repo.insertGuardianLink(tx, actor.districtId, guardianId, studentId);
      await audit(tx, actor, { action: "guardian.link", targetType: "user", targetId: guardianId, details: { studentId } });
      await recordEvent(tx, actor.districtId, "person.updated", rooms(actor, [...guardian.roles, ...student.roles]), { id: guardianId, studentId });
    })
    .catch((error: unknown) => {
      throw clashToConflict(error);
    });
  return reloadDetail(db, actor, guardianId);
}

/** Removes a guardian's link to a child; the actor must manage both. */
export async function unlinkChild(db: Db, actor: Actor, guardianId: string, studentId: string) {
  const { guardian, student, allowed } = await loadPair(db, actor, guardianId, studentId);
  if (!(await repo.hasGuardianLink(db, actor.districtId, guardianId, studentId))) throw notFound("That guardian's link to this student");
  if (!allowed) throw notAllowedToLink();
  await db.transaction(async (tx) => {
    await repo.deleteGuardianLink(tx, actor.districtId, guardianId, studentId);
    await audit(tx, actor, { action: "guardian.unlink", targetType: "user", targetId: guardianId, details: { studentId } });
    await recordEvent(tx, actor.districtId, "person.updated", rooms(actor, [...guardian.roles, ...student.roles]), { id: guardianId, studentId });
    await recordAccessChange(tx, actor.districtId, [guardianId]);
  });
  return reloadDetail(db, actor, guardianId);
}
