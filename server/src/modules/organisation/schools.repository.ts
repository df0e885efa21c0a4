import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { districts, schools } from "../../db/schema/index.js";

/** A stored school. */
export type SchoolRow = typeof schools.$inferSelect;

/** Every school of a district, by name. */
export async function listSchools(db: DbOrTx, districtId: string): Promise<SchoolRow[]> {
  return db.select().from(schools).where(eq(schools.districtId, districtId)).orderBy(asc(schools.name), asc(schools.id));
}

/** One school of a district, or undefined (a school of another district is never found). */
export async function findSchool(db: DbOrTx, districtId: string, id: string): Promise<SchoolRow | undefined> {
  const [row] = await db.select().from(schools).where(and(eq(schools.districtId, districtId), eq(schools.id, id))).limit(1);
  return row;
}

/** The ids among these that are schools of the district. */
export async function findSchoolIds(db: DbOrTx, districtId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: schools.id }).from(schools).where(and(eq(schools.districtId, districtId), inArray(schools.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Stores a new school. */
export async function insertSchool(db: DbOrTx, values: typeof schools.$inferInsert): Promise<SchoolRow> {
  const [row] = await db.insert(schools).values(values).returning();
  if (!row) throw new Error("the new school was not returned");
  return row;
}

/** Changes a school of the district and returns it. */
export async function updateSchool(
  db: DbOrTx,
  districtId: string,
  id: string,
  changes: Partial<Pick<SchoolRow, "name" | "identifier" | "timeZone" | "status">>,
): Promise<SchoolRow | undefined> {
  const [row] = await db
    .update(schools)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(schools.districtId, districtId), eq(schools.id, id)))
    .returning();
  return row;
}

/** Inserts a district (the tenant). */
export async function insertDistrict(db: DbOrTx, name: string) {
  const [row] = await db.insert(districts).values({ name }).returning();
  return row!;
}
