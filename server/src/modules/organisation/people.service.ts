import type { TPeopleQuery, TPersonCreate, TPersonUpdate, TRoleGrant } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { type Actor, hasRole } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { recordAccessChange } from "../../platform/realtime/access.js";
import { forgetSessionsOfUser, setPassword } from "../identity/identity.service.js";
import { teachesStudent } from "../roster/roster.service.js";
import {
  type FieldProblem,
  type PersonForPolicy,
  canListPeople,
  canManagePerson,
  canResetPassword,
  grantReachProblem,
  grantShapeProblem,
  isAnyAdmin,
  isAuditedStudentRead,
  peopleScope,
  personPolicies,
} from "./people.policy.js";
import { presentPerson, presentPersonDetail } from "./people.presenter.js";
import * as repo from "./people.repository.js";
import { findSchoolIds } from "./schools.repository.js";

/** A person the actor may read, with their roles and whether the actor teaches them. */
export interface ReadablePerson {
  user: repo.UserRow;
  roles: repo.RoleRow[];
  teachesThem: boolean;
}

/** The person as the policy functions see them. */
export const forPolicy = (p: ReadablePerson): PersonForPolicy => ({ id: p.user.id, roles: p.roles });

/**
 * Loads a person the actor may read (the people scope, themselves, a guardian's child, a teacher's
 * student), else 404 exactly as if they did not exist.
 */
export async function loadReadablePerson(db: DbOrTx, actor: Actor, id: string, what = "Person"): Promise<ReadablePerson> {
  let user = await repo.findVisiblePerson(db, peopleScope(actor, "read"), id);
  const teachesThem = hasRole(actor, ["teacher"]) && id !== actor.userId ? await teachesStudent(db, actor.userId, id) : false;
  if (!user && teachesThem) user = await repo.unsafeFindPersonInDistrict(db, actor.districtId, id);
  if (!user) throw notFound(what);
  return { user, roles: await repo.findRolesOf(db, actor.districtId, [id]), teachesThem };
}

/** A person's full record and what the actor may do with it. */
export async function personDetail(db: DbOrTx, actor: Actor, person: ReadablePerson) {
  const [guardians, children, classes] = await Promise.all([
    repo.findGuardiansOf(db, actor.districtId, person.user.id),
    repo.findChildrenOf(db, actor.districtId, person.user.id),
    repo.findClassesOf(db, actor.districtId, person.user.id),
  ]);
  return {
    data: presentPersonDetail(person.user, person.roles, { guardians, children, classes }),
    policies: personPolicies(actor, forPolicy(person), person.teachesThem),
  };
}

/** Reloads a person after a change and answers with their record. */
export async function reloadDetail(db: Db, actor: Actor, id: string) {
  return personDetail(db, actor, await loadReadablePerson(db, actor, id));
}

/** One page of the people directory, scoped in SQL to whom the actor may see. */
export async function listPeople(db: Db, actor: Actor, query: TPeopleQuery) {
  if (!canListPeople(actor)) {
    throw forbidden("Only administrators, counselors and interventionists can browse people; open one of your classes to see its students");
  }
  const { rows, total } = await repo.listPeople(db, peopleScope(actor, "list"), query);
  const roles = await repo.findRolesOf(db, actor.districtId, rows.map((r) => r.id));
  const items = rows.map((row) => presentPerson(row, roles.filter((r) => r.userId === row.id)));
  return { data: { items, total, page: query.page, pageSize: query.pageSize }, policies: { create: isAnyAdmin(actor) } };
}

/** One person's record; a student's record read by staff, a teacher or an admin is audited. */
export async function getPerson(db: Db, actor: Actor, id: string) {
  const person = await loadReadablePerson(db, actor, id);
  if (isAuditedStudentRead(actor, forPolicy(person))) {
    await audit(db, actor, { action: "student.read", targetType: "user", targetId: id });
  }
  return personDetail(db, actor, person);
}

/** Refuses a request whose fields break a rule, naming each field. */
export function refuseFields(problems: FieldProblem[]) {
  const first = problems[0];
  if (first) throw badRequest(first.message, problems);
}

/** Checks role grants: shape (400), appointable (403), school of the district (404), within reach (403). */
export async function checkGrants(db: DbOrTx, actor: Actor, grants: TRoleGrant[], prefix: (i: number) => string) {
  refuseFields(grants.map((g, i) => grantShapeProblem(g, prefix(i))).filter((p): p is FieldProblem => p !== null));
  const appointed = grants.find((g) => g.role === "district_admin");
  if (appointed) throw forbidden(grantReachProblem(actor, appointed) ?? "");
  const schoolIds = [...new Set(grants.map((g) => g.schoolId).filter((s): s is string => s !== null))];
  const found = await findSchoolIds(db, actor.districtId, schoolIds);
  if (schoolIds.some((s) => !found.has(s))) throw notFound("School");
  const problem = grants.map((g) => grantReachProblem(actor, g)).find((p) => p !== null);
  if (problem) throw forbidden(problem);
}

const duplicateGrants = (grants: TRoleGrant[]): FieldProblem[] =>
  grants.flatMap((g, i) =>
    grants.findIndex((o) => o.role === g.role && o.schoolId === g.schoolId) < i
      ? [{ path: `roles.${i}`, message: "This role is listed twice for the same school" }]
      : [],
  );

const takenUsername = (): AppError =>
  conflict("That username is already taken; choose another", [{ path: "username", message: "This username is already taken" }]);
const takenEmail = (): AppError =>
  conflict("That email address already belongs to someone", [{ path: "email", message: "This email address is already in use" }]);

/** Turns a unique-index clash that slipped past the checks (a race) into the 409 a person understands. */
export function clashToConflict(error: unknown): unknown {
  const index = repo.uniqueViolation(error);
  if (index === null) return error;
  if (index.includes("username")) return takenUsername();
  if (index.includes("email")) return takenEmail();
  if (index.includes("roles")) return conflict("The person already holds this role at this school", [{ path: "role", message: "Already held" }]);
  if (index.includes("guardian")) return conflict("This guardian is already linked to this student", [{ path: "studentId", message: "Already linked" }]);
  return conflict("That clashes with something already stored; reload and try again");
}

/** Adds a person with their roles (and a password, when given) at schools the actor administers. */
export async function createPerson(db: Db, actor: Actor, input: TPersonCreate) {
  if (!isAnyAdmin(actor)) throw forbidden("Only administrators can add people");
  refuseFields(duplicateGrants(input.roles));
  await checkGrants(db, actor, input.roles, (i) => `roles.${i}.`);
  if (await repo.isUsernameTaken(db, input.username)) throw takenUsername();
  if (input.email && (await repo.isEmailTaken(db, input.email))) throw takenEmail();
  const user = await db
    .transaction(async (tx) => {
      const created = await repo.insertUser(tx, {
        districtId: actor.districtId,
        username: input.username,
        email: input.email ?? null,
        givenName: input.givenName,
        familyName: input.familyName,
        preferredName: input.preferredName || null,
        grades: input.grades,
      });
      for (const g of input.roles) {
        await repo.insertRole(tx, { districtId: actor.districtId, userId: created.id, role: g.role, schoolId: g.schoolId, staffKind: g.staffKind ?? null });
      }
      if (input.password) await setPassword(tx, actor, created, input.password, "password");
      const roles = input.roles.map((g) => ({ role: g.role, schoolId: g.schoolId, staffKind: g.staffKind ?? null }));
      await audit(tx, actor, { action: "person.create", targetType: "user", targetId: created.id, details: { username: created.username, roles, withPassword: Boolean(input.password) } });
      await recordEvent(tx, actor.districtId, "person.created", rooms(actor, input.roles), { id: created.id });
      return created;
    })
    .catch((error: unknown) => {
      throw clashToConflict(error);
    });
  return reloadDetail(db, actor, user.id);
}

/** The rooms told about a change to a person: the district and the person's schools. */
export const rooms = (actor: Actor, roles: { schoolId: string | null }[]) => [
  `district:${actor.districtId}`,
  ...new Set(roles.flatMap((r) => (r.schoolId ? [`school:${r.schoolId}`] : []))),
];

/** Refuses a change to the actor's own account or to someone they do not manage. */
export function requireManage(actor: Actor, person: ReadablePerson) {
  if (person.user.id === actor.userId) throw forbidden("You cannot change your own account here; ask another administrator");
  if (!canManagePerson(actor, forPolicy(person))) {
    throw forbidden("You can change only people whose every role is below yours, at schools you administer");
  }
}

type UserChanges = Parameters<typeof repo.updateUser>[3];

/** Only the fields that really change, so the audit row says what happened. */
function personChanges(user: repo.UserRow, input: TPersonUpdate): UserChanges {
  const changes: UserChanges = {};
  if (input.email !== undefined && (input.email || null) !== user.email) changes.email = input.email || null;
  if (input.givenName !== undefined && input.givenName !== user.givenName) changes.givenName = input.givenName;
  if (input.familyName !== undefined && input.familyName !== user.familyName) changes.familyName = input.familyName;
  if (input.preferredName !== undefined && (input.preferredName || null) !== user.preferredName) changes.preferredName = input.preferredName || null;
  if (input.grades !== undefined && input.grades.join("\u0000") !== user.grades.join("\u0000")) changes.grades = input.grades;
  if (input.status !== undefined && input.status !== user.status) changes.status = input.status;
  return changes;
}

/** Edits a person the actor manages; deactivating them also ends their sessions. */
export async function updatePerson(db: Db, actor: Actor, id: string, input: TPersonUpdate) {
  const person = await loadReadablePerson(db, actor, id);
  requireManage(actor, person);
  const changes = personChanges(person.user, input);
  if (changes.email && (await repo.isEmailTaken(db, changes.email, id))) throw takenEmail();
  if (Object.keys(changes).length === 0) return personDetail(db, actor, person);
  await db
    .transaction(async (tx) => {
      await repo.updateUser(tx, actor.districtId, id, changes);
      if (changes.status === "inactive") {
        await repo.deleteSessionsOf(tx, id);
        await recordAccessChange(tx, actor.districtId, [id]); // their live sockets close
      }
      await audit(tx, actor, { action: "person.update", targetType: "user", targetId: id, details: { changes } });
      await recordEvent(tx, actor.districtId, "person.updated", rooms(actor, person.roles), { id });
    })
    .catch((error: unknown) => {
      throw clashToConflict(error);
    });
  // Status and roles live in the cached session: this process must see the change at once.
  forgetSessionsOfUser(id);
  return reloadDetail(db, actor, id);
}

/** Sets a new password for someone else: an admin who manages them, or a teacher for a student they teach. */
export async function resetPassword(db: Db, actor: Actor, id: string, newPassword: string) {
  const person = await loadReadablePerson(db, actor, id);
  if (id === actor.userId) throw forbidden("Change your own password from your profile, where you confirm the current one");
  if (!canResetPassword(actor, forPolicy(person), person.teachesThem)) {
    throw forbidden("You can reset passwords only for people you manage, or for students in your classes");
  }
  await db.transaction(async (tx) => setPassword(tx, actor, person.user, newPassword, "newPassword"));
}
