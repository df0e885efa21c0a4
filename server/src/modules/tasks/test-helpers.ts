import type { TTaskCreate } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { groupMembers, groupSets, groups } from "../../db/schema/index.js";
import { actorOf, buildUser, enrol, type TestDistrict } from "../../test/factories.js";
import { createTask } from "./tasks.service.js";

/**
 * A published group set for classA of `d`: "Red" holds studentA1 and studentA2, "Blue" holds a
 * third student (studentA3, added to the class); and a task for it due in a week.
 */
export async function buildTaskFixture(db: Db, d: TestDistrict, overrides: Partial<TTaskCreate> = {}) {
  const studentA3 = await buildUser(db, d.district.id, { name: "Ari", roles: [{ role: "student", schoolId: d.schoolA.id }] });
  await enrol(db, d.classA, studentA3, "student");
  const [set] = await db
    .insert(groupSets)
    .values({ districtId: d.district.id, classId: d.classA.id, name: "Project teams", strategy: "manual", publishedAt: new Date() })
    .returning();
  const [red, blue] = await db
    .insert(groups)
    .values([
      { districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Red", position: 0 },
      { districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Blue", position: 1 },
    ])
    .returning();
  const member = (groupId: string, userId: string) => ({ groupId, setId: set!.id, userId, districtId: d.district.id });
  await db.insert(groupMembers).values([member(red!.id, d.studentA1.id), member(red!.id, d.studentA2.id), member(blue!.id, studentA3.id)]);
  const task = await createTask(db, actorOf(d.teacherA), {
    classId: d.classA.id,
    setId: set!.id,
    title: "River study",
    instructions: "<p>Measure the river.</p><script>alert(1)</script>",
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    ...overrides,
  });
  return { set: set!, red: red!, blue: blue!, studentA3, task };
}
