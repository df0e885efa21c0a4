import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { classes, enrolments, groupMembers, groupSets, groupTasks, groups, taskSubmissions, users } from "../../db/schema/index.js";

export type TaskRow = typeof groupTasks.$inferSelect;
export type TaskInsert = typeof groupTasks.$inferInsert;

/** "Given Family" (the preferred name when set), for showing people. */
export const personName = sql<string>`coalesce(nullif(${users.preferredName}, ''), ${users.givenName}) || ' ' || ${users.familyName}`;

const taskWithSet = {
  task: groupTasks,
  setName: groupSets.name,
  setPublishedAt: groupSets.publishedAt,
  setArchivedAt: groupSets.archivedAt,
};

/** One unarchived task of the district, with its set's name and state. */
export async function findTask(db: DbOrTx, districtId: string, taskId: string) {
  const [row] = await db
    .select(taskWithSet)
    .from(groupTasks)
    .innerJoin(groupSets, eq(groupSets.id, groupTasks.setId))
    .where(and(eq(groupTasks.id, taskId), eq(groupTasks.districtId, districtId), isNull(groupTasks.archivedAt)))
    .limit(1);
  return row;
}

/** The unarchived tasks of a class, newest deadline first; `studentId` limits them to published sets where the student has a group. */
export async function listTasksOfClass(db: DbOrTx, districtId: string, classId: string, studentId: string | null) {
  const conditions = [eq(groupTasks.classId, classId), eq(groupTasks.districtId, districtId), isNull(groupTasks.archivedAt)];
  if (studentId) {
    conditions.push(
      sql`${groupSets.publishedAt} is not null and ${groupSets.archivedAt} is null`,
      sql`exists (select 1 from ${groupMembers} m where m.set_id = ${groupTasks.setId} and m.user_id = ${studentId})`,
    );
  }
  return db
    .select(taskWithSet)
    .from(groupTasks)
    .innerJoin(groupSets, eq(groupSets.id, groupTasks.setId))
    .where(and(...conditions))
    .orderBy(desc(groupTasks.dueAt), asc(groupTasks.title));
}

/** A student's tasks across classes: published, unarchived sets where they have a group, with that group. */
export async function listTasksOfStudent(db: DbOrTx, districtId: string, studentId: string) {
  return db
    .select({
      ...taskWithSet,
      groupId: groups.id,
      groupName: groups.name,
      className: classes.title,
      submittedAt: taskSubmissions.submittedAt,
    })
    .from(groupTasks)
    .innerJoin(groupSets, eq(groupSets.id, groupTasks.setId))
    .innerJoin(groupMembers, and(eq(groupMembers.setId, groupTasks.setId), eq(groupMembers.userId, studentId)))
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(classes, eq(classes.id, groupTasks.classId))
    .leftJoin(taskSubmissions, and(eq(taskSubmissions.taskId, groupTasks.id), eq(taskSubmissions.groupId, groups.id)))
    .where(
      and(
        eq(groupTasks.districtId, districtId),
        isNull(groupTasks.archivedAt),
        sql`${groupSets.publishedAt} is not null and ${groupSets.archivedAt} is null`,
        sql`exists (select 1 from ${enrolments} e where e.class_id = ${groupTasks.classId} and e.user_id = ${studentId} and e.role = 'student' and e.status = 'active')`,
      ),
    )
    .orderBy(asc(groupTasks.dueAt));
}

/** Inserts a task. */
export async function insertTask(db: DbOrTx, values: TaskInsert) {
  const [row] = await db.insert(groupTasks).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Updates a task when its version still matches; undefined when someone else changed it first. */
export async function updateTaskIfVersion(db: DbOrTx, taskId: string, version: number, values: Partial<TaskInsert>) {
  const [row] = await db
    .update(groupTasks)
    .set({ ...values, version: sql`${groupTasks.version} + 1`, updatedAt: new Date() })
    .where(and(eq(groupTasks.id, taskId), eq(groupTasks.version, version)))
    .returning();
  return row;
}

/** Archives a task (its group work stays for the record). */
export async function archiveTask(db: DbOrTx, taskId: string) {
  await db.update(groupTasks).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(groupTasks.id, taskId));
}
