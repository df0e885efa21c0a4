import { and, count, desc, eq, getTableColumns, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  classes,
  courses,
  districts,
  enrolments,
  guardianLinks,
  importRuns,
  roleAssignments,
  schools,
  terms,
  users,
} from "../../db/schema/index.js";
import { managed, roleColumns } from "./oneroster.repository.js";

// Import runs (the record of every import) and the reads behind an export.

/** Records an import run (succeeded, rejected or failed). */
export async function insertImportRun(db: DbOrTx, run: typeof importRuns.$inferInsert) {
  const [row] = await db.insert(importRuns).values(run).returning();
  return row as typeof importRuns.$inferSelect;
}

const runColumns = {
  ...getTableColumns(importRuns),
  actorName: sql<
    string | null
  >`(select ${users.givenName} || ' ' || ${users.familyName} from ${users} where ${users.id} = ${importRuns.actorId})`,
};
/** A stored import run with its actor's display name. */
export type ImportRunRow = typeof importRuns.$inferSelect & { actorName: string | null };

/** One page of the district's import runs, newest first, and how many there are. */
export async function listImportRuns(
  db: DbOrTx,
  districtId: string,
  page: number,
  pageSize: number,
): Promise<{ rows: ImportRunRow[]; total: number }> {
  const rows = await db
    .select(runColumns)
    .from(importRuns)
    .where(eq(importRuns.districtId, districtId))
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(importRuns).where(eq(importRuns.districtId, districtId));
  return { rows, total: total?.n ?? 0 };
}

/** One import run of the district, or null. */
export async function findImportRun(db: DbOrTx, districtId: string, id: string): Promise<ImportRunRow | null> {
  const [row] = await db
    .select(runColumns)
    .from(importRuns)
    .where(and(eq(importRuns.districtId, districtId), eq(importRuns.id, id)));
  return row ?? null;
}

/** Everything an export writes, for one district, with updated_at for dateLastModified. */
export async function loadExport(db: DbOrTx, districtId: string) {
  const stamped = <T extends object>(columns: T, table: { updatedAt: PgColumn }) => ({
    ...columns,
    updatedAt: table.updatedAt as typeof schools.updatedAt,
  });
  return {
    district:
      (
        await db
          .select({ name: districts.name, sourcedId: districts.sourcedId, createdAt: districts.createdAt })
          .from(districts)
          .where(eq(districts.id, districtId))
      )[0] ?? null,
    schools: await db.select(stamped(managed.schools.columns, schools)).from(schools).where(eq(schools.districtId, districtId)),
    terms: await db.select(stamped(managed.terms.columns, terms)).from(terms).where(eq(terms.districtId, districtId)),
    courses: await db.select(stamped(managed.courses.columns, courses)).from(courses).where(eq(courses.districtId, districtId)),
    classes: await db.select(stamped(managed.classes.columns, classes)).from(classes).where(eq(classes.districtId, districtId)),
    users: await db.select(stamped(managed.users.columns, users)).from(users).where(eq(users.districtId, districtId)),
    roles: await db
      .select({ ...roleColumns, createdAt: roleAssignments.createdAt })
      .from(roleAssignments)
      .where(eq(roleAssignments.districtId, districtId)),
    enrolments: await db
      .select(stamped(managed.enrolments.columns, enrolments))
      .from(enrolments)
      .where(eq(enrolments.districtId, districtId)),
    guardianLinks: await db
      .select({ guardianId: guardianLinks.guardianId, studentId: guardianLinks.studentId })
      .from(guardianLinks)
      .where(eq(guardianLinks.districtId, districtId)),
  };
}
