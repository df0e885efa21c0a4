import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { classes, enrolments, guardianLinks } from "../../db/schema/index.js";
import { type Actor, adminSchools, isDistrictAdmin, schoolsWithRole } from "../../platform/actor.js";

/** Who the actor is for class visibility, as values a prepared statement can bind. */
export interface ClassScopeParams {
  districtId: string;
  userId: string;
  /** District admins see every class of the district. */
  wholeDistrict: boolean;
  /** Schools where the actor is school admin or staff: every class there is visible. */
  schoolIds: string[];
}

/** The visibility parameters of an actor. */
export function classScopeParams(actor: Actor): ClassScopeParams {
  return {
    districtId: actor.districtId,
    userId: actor.userId,
    wholeDistrict: isDistrictAdmin(actor),
    schoolIds: schoolsWithRole(actor, ["school_admin", "staff"]),
  };
}

/** Each visibility parameter as SQL: a bound value, or a `sql.placeholder` of a prepared statement. */
export type ClassScopeSql = Record<keyof ClassScopeParams, SQLWrapper>;

/**
 * The classes an actor may see, as SQL of one shape for every actor (so it can be prepared once):
 * all of the district for a district admin; every class of their schools for school admins and
 * staff; classes they are enrolled in; their children's classes.
 */
export function classScope(p: ClassScopeSql): SQL {
  // `= any(array(subquery))` over the actor's own enrolments (and their children's) is planned as
  // an index lookup even before the tables have statistics; an OR of correlated EXISTS would scan
  // every class of the district, and a plain IN degrades to a nested loop without statistics.
  return sql`(${classes.districtId} = ${p.districtId}::uuid and (${p.wholeDistrict}::boolean
    or ${classes.schoolId} = any(${p.schoolIds}::uuid[])
    or ${classes.id} = any(array(
      select e.class_id from ${enrolments} e where e.user_id = ${p.userId}::uuid and e.status = 'active'
      union all
      select e.class_id from ${enrolments} e join ${guardianLinks} g on g.student_id = e.user_id
      where g.guardian_id = ${p.userId}::uuid and e.status = 'active' and e.role = 'student'))))`;
}

/** The classes an actor may see, with the actor's values bound (for queries that are not prepared). */
export function visibleClasses(actor: Actor): SQL {
  const p = classScopeParams(actor);
  return classScope({
    districtId: sql.param(p.districtId),
    userId: sql.param(p.userId),
    wholeDistrict: sql.param(p.wholeDistrict),
    schoolIds: sql.param(p.schoolIds),
  });
}

/**
 * Where the actor sees every member of a class with details (inactive ones too): the rest of
 * `classPolicies(...).viewFullRoster` besides being its teacher, for a roster read in one statement.
 */
export function fullRosterSchools(actor: Actor): { wholeDistrict: boolean; schoolIds: string[] } {
  const admin = adminSchools(actor);
  const staff = schoolsWithRole(actor, ["staff"]);
  return admin === null ? { wholeDistrict: true, schoolIds: staff } : { wholeDistrict: false, schoolIds: [...admin, ...staff] };
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
