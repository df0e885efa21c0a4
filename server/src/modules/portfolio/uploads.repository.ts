import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { portfolioFiles } from "../../db/schema/index.js";
import { q } from "./sharing.access.js";

/** Bytes the user's files take. */
export async function usedBytes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ used: sql<string>`coalesce(sum(${q(portfolioFiles.sizeBytes)}), 0)::text` })
    .from(portfolioFiles)
    .where(eq(portfolioFiles.ownerId, userId));
  return Number(row?.used ?? 0);
}

/** Serialises a user's uploads for the quota check: concurrent uploads queue here, not overshoot. */
export async function lockUserFiles(db: DbOrTx, userId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`portfolio-files:${userId}`}))`);
}

/** Records a stored file. */
export async function insertFile(db: DbOrTx, values: typeof portfolioFiles.$inferInsert) {
  const [row] = await db.insert(portfolioFiles).values(values).returning();
  if (!row) throw new Error("file insert returned nothing");
  return row;
}

/** A file of the district by id. */
export async function findFile(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(portfolioFiles)
    .where(and(eq(portfolioFiles.id, id), eq(portfolioFiles.districtId, districtId)));
  return row;
}
