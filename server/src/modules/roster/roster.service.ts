import type { TClassCreate, TClassQuery, TClassUpdate, TCourseCreate, TEnrolmentCreate, TTermCreate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { type Actor, adminSchools, hasRole } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordEvent } from "../../platform/events.js";
import { recordAccessChange } from "../../platform/realtime/access.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { canAdministerSchool, classPolicies, classScopeParams, fullRosterSchools, visibleClasses } from "./roster.policy.js";
import * as repo from "./roster.repository.js";
import { jsonEnvelope } from "../../platform/serializer.js";
import { presentChild, presentCourse, presentTerm } from "./roster.presenter.js";

/** The classes the actor may see (their own, or all in reach for admins and staff), a page at a time, as JSON text. */
export async function listClasses(db: Db, actor: Actor, query: TClassQuery) {
  const { itemsJson, total } = await repo.listClasses(db, classScopeParams(actor), query);
  return jsonEnvelope(`{"items":${itemsJson},"total":${total},"page":${query.page},"pageSize":${query.pageSize}}`);
}

/** One class the actor may see, with what they may do to it; 404 otherwise. */
export async function getClass(db: DbOrTx, actor: Actor, id: string) {
  const summary = await repo.findClass(db, actor.userId, visibleClasses(actor), id);
  if (!summary) throw notFound("Class");
  return { data: summary, policies: classPolicies(actor, summary.school.id, summary.myRole) };
}

/** A class's members (JSON text): full details for its teachers, staff and admins; names of active members for others. */
export async function getRoster(db: Db, actor: Actor, classId: string) {
  // One statement: the access check and the members this actor may see, as JSON built by PostgreSQL.
  const found = await repo.findRosterWithAccess(db, classScopeParams(actor), fullRosterSchools(actor), classId);
  if (!found) throw notFound("Class");
  return jsonEnvelope(found.membersJson, { policies: classPolicies(actor, found.schoolId, found.myRole) });
}

/** Creates a class at a school the actor administers. */
export async function createClass(db: Db, actor: Actor, input: TClassCreate) {
  if (!canAdministerSchool(actor, input.schoolId)) throw notFound("School");
  if (!(await repo.schoolInDistrict(db, actor.districtId, input.schoolId))) throw notFound("School");
  await checkCourseAndTerms(db, actor, input.courseId, input.termIds);
  const created = await db.transaction(async (tx) => {
    const row = await repo.insertClass(tx, { ...input, districtId: actor.districtId });
    await audit(tx, actor, { action: "class.create", targetType: "class", targetId: row.id, details: { title: input.title } });
    await recordEvent(tx, actor.districtId, "class.created", [`school:${input.schoolId}`], { classId: row.id });
    return row;
  });
  return getClass(db, actor, created.id);
}

/** Edits a class the actor administers. */
export async function updateClass(db: Db, actor: Actor, id: string, input: TClassUpdate) {
  const { policies } = await getClass(db, actor, id);
  if (!policies.edit) throw forbidden("Only an administrator of this school can edit the class");
  await checkCourseAndTerms(db, actor, input.courseId, input.termIds);
  await db.transaction(async (tx) => {
    await repo.updateClass(tx, id, input);
    await audit(tx, actor, { action: "class.update", targetType: "class", targetId: id, details: { fields: Object.keys(input) } });
    await recordEvent(tx, actor.districtId, "class.updated", [`class:${id}`], { classId: id });
  });
  return getClass(db, actor, id);
}

async function checkCourseAndTerms(db: DbOrTx, actor: Actor, courseId: string | undefined, termIds: string[] | undefined) {
  if (courseId && !(await repo.courseInDistrict(db, actor.districtId, courseId))) {
    throw badRequest("That course does not exist in your district", [{ path: "courseId", message: "Choose a course of your district" }]);
  }
  if (termIds && (await repo.countTermsInDistrict(db, actor.districtId, termIds)) !== new Set(termIds).size) {
    throw badRequest("One of the terms does not exist in your district", [{ path: "termIds", message: "Choose terms of your district" }]);
  }
}

const enrolmentNeeds: Record<TEnrolmentCreate["role"], string[]> = {
  student: ["student"],
  teacher: ["teacher", "school_admin", "district_admin"],
  aide: ["staff", "teacher"],
  administrator: ["school_admin", "district_admin"],
  proctor: ["staff", "teacher"],
};

/** Enrols a person in a class (admins of its school); they must hold a fitting role at that school. */
export async function enrol(db: Db, actor: Actor, classId: string, input: TEnrolmentCreate) {
  const { data, policies } = await getClass(db, actor, classId);
  if (!policies.enrol) throw forbidden("Only an administrator of this school can change the roster");
  const roles = await repo.rolesAtSchool(db, actor.districtId, input.userId, data.school.id);
  if (roles.length === 0) throw notFound("Person");
  if (!roles.some((r) => enrolmentNeeds[input.role].includes(r.role))) {
    throw badRequest(
      `This person cannot join as ${input.role}: they need the role ${enrolmentNeeds[input.role].join(" or ")} at ${data.school.name}`,
      [{ path: "role", message: "The person does not hold a fitting role at this school" }],
    );
  }
  await db.transaction(async (tx) => {
    await repo.upsertEnrolment(tx, { districtId: actor.districtId, classId, userId: input.userId, role: input.role });
    await audit(tx, actor, {
      action: "roster.enrol",
      targetType: "class",
      targetId: classId,
      details: { userId: input.userId, role: input.role },
    });
    await recordEvent(tx, actor.districtId, "roster.changed", [`class:${classId}`, `user:${input.userId}`], {
      classId,
      userId: input.userId,
    });
  });
  return getRoster(db, actor, classId);
}

/** Removes a person from a class: the enrolment becomes inactive, their work stays for the teacher. */
export async function unenrol(db: Db, actor: Actor, classId: string, userId: string) {
  const { policies } = await getClass(db, actor, classId);
  if (!policies.enrol) throw forbidden("Only an administrator of this school can change the roster");
  await db.transaction(async (tx) => {
    const changed = await repo.deactivateEnrolments(tx, classId, userId);
    if (changed.length === 0) throw notFound("Enrolment");
    await audit(tx, actor, { action: "roster.unenrol", targetType: "class", targetId: classId, details: { userId } });
    await recordEvent(tx, actor.districtId, "roster.changed", [`class:${classId}`, `user:${userId}`], { classId, userId });
    await recordAccessChange(tx, actor.districtId, [userId]);
  });
}

/** Terms of the actor's district. */
export async function listTerms(db: Db, actor: Actor) {
  return (await repo.listTerms(db, actor.districtId)).map(presentTerm);
}

/** Courses of the actor's district. */
export async function listCourses(db: Db, actor: Actor) {
  return (await repo.listCourses(db, actor.districtId)).map(presentCourse);
}

async function checkSchoolAdmin(db: DbOrTx, actor: Actor, schoolId: string | null) {
  if (schoolId === null) {
    if (adminSchools(actor) !== null) throw forbidden("Only a district administrator can create district-wide terms and courses");
    return;
  }
  if (!canAdministerSchool(actor, schoolId) || !(await repo.schoolInDistrict(db, actor.districtId, schoolId))) throw notFound("School");
}

/** Creates a term (district-wide for district admins, or at a school the actor administers). */
export async function createTerm(db: Db, actor: Actor, input: TTermCreate) {
  if (!hasRole(actor, ["district_admin", "school_admin"])) throw forbidden("Only administrators can create terms");
  await checkSchoolAdmin(db, actor, input.schoolId);
  return db.transaction(async (tx) => {
    const row = await repo.insertTerm(tx, { ...input, districtId: actor.districtId });
    await audit(tx, actor, { action: "term.create", targetType: "term", targetId: row.id, details: { title: row.title } });
    return presentTerm(row);
  });
}

/** Creates a course (district-wide for district admins, or at a school the actor administers). */
export async function createCourse(db: Db, actor: Actor, input: TCourseCreate) {
  if (!hasRole(actor, ["district_admin", "school_admin"])) throw forbidden("Only administrators can create courses");
  await checkSchoolAdmin(db, actor, input.schoolId);
  return db.transaction(async (tx) => {
    const row = await repo.insertCourse(tx, { ...input, districtId: actor.districtId });
    await audit(tx, actor, { action: "course.create", targetType: "course", targetId: row.id, details: { title: row.title } });
    return presentCourse(row);
  });
}

/** A guardian's children and their current classes. */
export async function listChildren(db: Db, actor: Actor) {
  if (!hasRole(actor, ["guardian"])) return [];
  const children = await repo.listChildren(db, actor.userId);
  const classRows = await repo.classesOfStudents(
    db,
    actor.userId,
    children.map((c) => c.id),
  );
  return children.map((child) =>
    presentChild(
      child,
      classRows.filter((r) => r.studentId === child.id).map((r) => r.summary),
    ),
  );
}

/** Is the teacher actively teaching a class in which the student is actively enrolled? */
export const teachesStudent = (db: DbOrTx, teacherId: string, studentId: string) => repo.teachesStudent(db, teacherId, studentId);
