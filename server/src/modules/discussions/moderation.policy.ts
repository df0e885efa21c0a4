import { sql, type SQL } from "drizzle-orm";
import { classes, enrolments } from "../../db/schema/index.js";
import { type Actor, adminSchools } from "../../platform/actor.js";

/**
 * Who may use the discussion teacher tools. The active teachers of a board's class moderate it
 * (approve, reject, hide, grade, export); school admins of the class's school and district admins
 * read the teacher pages without acting; students who may read the board report its posts and
 * see their own mark. Everyone else gets 404.
 */
export type BoardRelation = "moderator" | "admin" | "member" | null;

/** May the actor act as moderator (approve, hide, grade)? */
export const canModerate = (relation: BoardRelation) => relation === "moderator";

/** May the actor read the teacher pages (queue, reports, grading, export)? */
export const canReadTeacherPages = (relation: BoardRelation) => relation === "moderator" || relation === "admin";

/** May the actor see the board at all (and report its posts)? */
export const canReadBoard = (relation: BoardRelation) => relation !== null;

/** Is the actor an admin over this school (district admins: every school)? */
export function administersSchool(actor: Actor, schoolId: string): boolean {
  const schools = adminSchools(actor);
  return schools === null || schools.includes(schoolId);
}

/**
 * The classes whose teacher pages the actor reads, as SQL over `classes`: the classes they teach,
 * and every class of the schools they administer (all of the district for a district admin).
 */
export function teacherPagesClassScope(actor: Actor): SQL {
  const schools = adminSchools(actor);
  const adminPart = schools === null ? sql`true` : sql`${classes.schoolId} = any(${sql.param(schools)}::uuid[])`;
  return sql`(${classes.districtId} = ${actor.districtId}::uuid and (${adminPart} or ${classes.id} in (
    select e.class_id from ${enrolments} e where e.user_id = ${actor.userId}::uuid and e.role = 'teacher' and e.status = 'active')))`;
}
