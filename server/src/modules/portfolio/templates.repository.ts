import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { classes, enrolments, portfolioPrompts, portfolioTemplates } from "../../db/schema/index.js";
import { q } from "./sharing.access.js";

/** The class (in the district) and the user's active role in it, if any. */
export async function findClassMembership(db: DbOrTx, districtId: string, userId: string, classId: string) {
  const [row] = await db
    .select({
      id: classes.id,
      schoolId: classes.schoolId,
      title: classes.title,
      role: sql<
        string | null
      >`(select e.role from ${enrolments} e where e.class_id = ${q(classes.id)} and e.user_id = ${userId} and e.status = 'active' order by e.role = 'teacher' desc limit 1)`,
    })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.districtId, districtId)));
  return row;
}

const myClasses = (userId: string) => sql`(select e.class_id from ${enrolments} e where e.user_id = ${userId} and e.status = 'active')`;
const className = sql<string>`(select c.title from ${classes} c where c.id = ${q(portfolioPrompts.classId)})`;

/** Live prompts of one class, in order. */
export function listClassPrompts(db: DbOrTx, classId: string) {
  return db
    .select({
      id: portfolioPrompts.id,
      classId: portfolioPrompts.classId,
      className,
      text: portfolioPrompts.text,
      position: portfolioPrompts.position,
      createdAt: portfolioPrompts.createdAt,
    })
    .from(portfolioPrompts)
    .where(and(eq(portfolioPrompts.classId, classId), sql`${q(portfolioPrompts.archivedAt)} is null`))
    .orderBy(asc(portfolioPrompts.position), asc(portfolioPrompts.createdAt));
}

/** Live prompts of every class the user is an active member of. */
export function listMyPrompts(db: DbOrTx, user: { userId: string; districtId: string }) {
  return db
    .select({
      id: portfolioPrompts.id,
      classId: portfolioPrompts.classId,
      className,
      text: portfolioPrompts.text,
      position: portfolioPrompts.position,
      createdAt: portfolioPrompts.createdAt,
    })
    .from(portfolioPrompts)
    .where(
      and(
        eq(portfolioPrompts.districtId, user.districtId),
        sql`${q(portfolioPrompts.classId)} in ${myClasses(user.userId)}`,
        sql`${q(portfolioPrompts.archivedAt)} is null`,
      ),
    )
    .orderBy(asc(portfolioPrompts.classId), asc(portfolioPrompts.position))
    .limit(500);
}

/** Adds a prompt at the end of the class's list. */
export async function insertPrompt(db: DbOrTx, values: { districtId: string; classId: string; text: string; createdBy: string }) {
  const [row] = await db
    .insert(portfolioPrompts)
    .values({
      ...values,
      position: sql`(select coalesce(max(position), -1) + 1 from ${portfolioPrompts} where class_id = ${values.classId})`,
    })
    .returning({ id: portfolioPrompts.id });
  return row as { id: string };
}

/** A prompt of the district with its class. */
export async function findPrompt(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select({ id: portfolioPrompts.id, classId: portfolioPrompts.classId })
    .from(portfolioPrompts)
    .where(and(eq(portfolioPrompts.id, id), eq(portfolioPrompts.districtId, districtId), sql`${q(portfolioPrompts.archivedAt)} is null`));
  return row;
}

/** Archives a prompt: reflections that answered it keep its words. */
export async function archivePrompt(db: DbOrTx, id: string) {
  await db.update(portfolioPrompts).set({ archivedAt: new Date() }).where(eq(portfolioPrompts.id, id));
}

const templateColumns = {
  id: portfolioTemplates.id,
  classId: portfolioTemplates.classId,
  className: sql<string>`(select c.title from ${classes} c where c.id = ${q(portfolioTemplates.classId)})`,
  kind: portfolioTemplates.kind,
  title: portfolioTemplates.title,
  description: portfolioTemplates.description,
  purpose: portfolioTemplates.purpose,
  pages: portfolioTemplates.pages,
  createdAt: portfolioTemplates.createdAt,
};
export type TemplateRow = Awaited<ReturnType<typeof listClassTemplates>>[number];

/** Live templates of one class, newest first. */
export function listClassTemplates(db: DbOrTx, classId: string) {
  return db
    .select(templateColumns)
    .from(portfolioTemplates)
    .where(and(eq(portfolioTemplates.classId, classId), sql`${q(portfolioTemplates.archivedAt)} is null`))
    .orderBy(desc(portfolioTemplates.createdAt));
}

/** Live templates of every class the user is an active member of. */
export function listMyTemplates(db: DbOrTx, user: { userId: string; districtId: string }) {
  return db
    .select(templateColumns)
    .from(portfolioTemplates)
    .where(
      and(
        eq(portfolioTemplates.districtId, user.districtId),
        sql`${q(portfolioTemplates.classId)} in ${myClasses(user.userId)}`,
        sql`${q(portfolioTemplates.archivedAt)} is null`,
      ),
    )
    .orderBy(desc(portfolioTemplates.createdAt))
    .limit(500);
}

/** A live template of the district. */
export async function findTemplate(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select(templateColumns)
    .from(portfolioTemplates)
    .where(
      and(eq(portfolioTemplates.id, id), eq(portfolioTemplates.districtId, districtId), sql`${q(portfolioTemplates.archivedAt)} is null`),
    );
  return row;
}

/** Inserts a template and returns its id. */
export async function insertTemplate(db: DbOrTx, values: typeof portfolioTemplates.$inferInsert) {
  const [row] = await db.insert(portfolioTemplates).values(values).returning({ id: portfolioTemplates.id });
  return row as { id: string };
}

/** Archives a template: pages already copied from it stay. */
export async function archiveTemplate(db: DbOrTx, id: string) {
  await db.update(portfolioTemplates).set({ archivedAt: new Date() }).where(eq(portfolioTemplates.id, id));
}
