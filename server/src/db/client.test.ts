import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getTestDatabase } from "../test/db.js";
import { districts, auditLog } from "./schema/index.js";

describe("database", () => {
  afterAll(async () => (await getTestDatabase()).close());

  it("is migrated and refuses changes to the audit log", async () => {
    const { db } = await getTestDatabase();
    const [d] = await db.insert(districts).values({ name: "Audit test" }).returning();
    await db.insert(auditLog).values({ districtId: d!.id, action: "test", targetType: "district" });
    await expect(db.execute(sql`update audit_log set action = 'x' where district_id = ${d!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    await expect(db.execute(sql`delete from audit_log where district_id = ${d!.id}`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
  });
});
