import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/index.js";
import { seedDemo } from "../../db/seed.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf } from "../../test/factories.js";
import { sharedWithMe } from "./sharing.service.js";
import { listPages } from "./pages.service.js";

afterAll(async () => {
  await (await getTestDatabase()).close();
});

// The demo seed makes one district per database; on a shared PostgreSQL it may exist already.
describe("demo portfolios", () => {
  it("gives students pages and lets guardian1 see student1's shared page", async () => {
    const { db } = await getTestDatabase();
    const existing = await db.select({ id: users.id }).from(users).where(eq(users.username, "student1"));
    if (existing.length === 0) await seedDemo(db, "demo-password-for-tests");
    const find = async (username: string) => {
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.username, username)));
      if (!row) throw new Error(`${username} missing`);
      return row;
    };
    const student = await find("student1");
    const guardian = await find("guardian1");
    const mine = await listPages(db, actorOf(student, [{ role: "student", schoolId: null, staffKind: null }]), { page: 1, pageSize: 10 });
    expect(mine.total).toBeGreaterThanOrEqual(1);
    const shared = await sharedWithMe(db, actorOf(guardian, [{ role: "guardian", schoolId: null, staffKind: null }]), {
      page: 1,
      pageSize: 10,
    });
    expect(shared.items.map((p) => p.owner.id)).toContain(student.id);
  });
});
