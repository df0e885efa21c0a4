import type { DbOrTx } from "../../db/client.js";
import { buildUser, enrol, type TestDistrict, type TestUser } from "../../test/factories.js";

/** Adds `count` more students to class A of a test district and returns them (with studentA1 and A2 first). */
export async function fillClassA(db: DbOrTx, d: TestDistrict, count: number): Promise<TestUser[]> {
  const extra: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const s = await buildUser(db, d.district.id, { name: `Stu${i}`, roles: [{ role: "student", schoolId: d.schoolA.id }] });
    await enrol(db, d.classA, s, "student");
    extra.push(s);
  }
  return [d.studentA1, d.studentA2, ...extra];
}
