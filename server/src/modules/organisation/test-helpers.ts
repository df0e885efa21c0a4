import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { auditLog, events, sessions } from "../../db/schema/index.js";

/** The audit rows of a district with this action, oldest first (test helper). */
export const auditRows = (db: DbOrTx, districtId: string, action: string) =>
  db.select().from(auditLog).where(and(eq(auditLog.districtId, districtId), eq(auditLog.action, action))).orderBy(auditLog.id);

/** The outbox events of a district with this type (test helper). */
export const eventRows = (db: DbOrTx, districtId: string, type: string) =>
  db.select().from(events).where(and(eq(events.districtId, districtId), eq(events.type, type))).orderBy(events.id);

/** Opens a session for a user and returns its token hash (test helper). */
export async function openSession(db: DbOrTx, userId: string): Promise<string> {
  const tokenHash = randomBytes(16).toString("hex");
  await db.insert(sessions).values({ tokenHash, userId, csrfToken: "csrf" });
  return tokenHash;
}

/** The number of sessions a user has (test helper). */
export async function sessionCount(db: DbOrTx, userId: string): Promise<number> {
  return (await db.select().from(sessions).where(eq(sessions.userId, userId))).length;
}
