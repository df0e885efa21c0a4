import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { classes, enrolments, guardianLinks } from "../../db/schema/index.js";
import { type Actor, adminSchools, isDistrictAdmin, schoolsWithRole } from "../../platform/actor.js";

/**
 * The classes an actor may see, as SQL: all of the district for a district admin; every class of
 * their schools for school admins and staff; classes they are enrolled in; their children's classes.
 */
export function visibleClasses(actor: Actor): SQL {
  const inDistrict = eq(classes.districtId, actor.districtId);
  if (isDistrictAdmin(actor)) return inDistrict;
  const schoolIds = schoolsWithRole(actor, ["school_admin", "staff"]);
  // `= any(array(subquery))` over the actor's own enrolments (and their children's) is planned as
  // an index lookup even before the tables have statistics; an OR of correlated EXISTS would scan
  // every class of the district, and a plain IN degrades to a nested loop without statistics.
  const mine = sql`${classes.id} = any(array(
    select e.class_id from ${enrolments} e where e.user_id = ${actor.userId} and e.status = 'active'
    union all
    select e.class_id from ${enrolments} e join ${guardianLinks} g on g.student_id = e.user_id
    where g.guardian_id = ${actor.userId} and e.status = 'active' and e.role = 'student'))`;
  const scopes: SQL[] = [mine];
  if (schoolIds.length > 0) scopes.push(inArray(classes.schoolId, schoolIds));
  return and(inDistrict, or(...scopes)) as SQL;
}

/** May the actor administer classes of this school (create, edit, enrol)? */
export function canAdministerSchool(actor: Actor, schoolId: string | null): boolean {
  const schools = adminSchools(actor);
  if (schools === null) return true;
  return schoolId !== null && schools.includes(schoolId);
}

/** Is the actor an active teacher of this class, given the class's roster? */
export const isTeacherIn = (actor: Actor, teacherIds: string[]) => teacherIds.includes(actor.userId);

/** What the actor may do with one class; the UI hides what is false. */
export function classPolicies(actor: Actor, schoolId: string, myRole: string | null) {
  const admin = canAdministerSchool(actor, schoolId);
  const teacher = myRole === "teacher";
  const staff = schoolsWithRole(actor, ["staff"]).includes(schoolId);
  return {
    edit: admin,
    enrol: admin,
    viewFullRoster: admin || teacher || staff,
    resetStudentPasswords: admin || teacher,
  };
}
