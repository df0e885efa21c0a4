import type { TTaskCreate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import { groupMembers, groupSets, groups } from "../../db/schema/index.js";
import { actorOf, buildUser, enrol, type TestDistrict } from "../../test/factories.js";
import { createTask } from "./tasks.service.js";
import { insertTask } from "./tasks.repository.js";
import { insertCard, insertSubmissionVersion, saveSubmissionIfVersion } from "./space.repository.js";

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

/**
 * For the authorization matrix (no transactions, any DbOrTx): the fixture's set and groups, a task
 * due in a week, one card on Red's board and one saved version of Red's submission.
 */
export async function buildMatrixTask(db: DbOrTx, d: TestDistrict) {
  const studentA3 = await buildUser(db, d.district.id, { name: "Ari", roles: [{ role: "student", schoolId: d.schoolA.id }] });
  await enrol(db, d.classA, studentA3, "student");
  const [set] = await db
    .insert(groupSets)
    .values({ districtId: d.district.id, classId: d.classA.id, name: "Matrix teams", strategy: "manual", publishedAt: new Date() })
    .returning();
  const [red] = await db
    .insert(groups)
    .values({ districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Red" })
    .returning();
  await db.insert(groupMembers).values([
    { groupId: red!.id, setId: set!.id, userId: d.studentA1.id, districtId: d.district.id },
    { groupId: red!.id, setId: set!.id, userId: d.studentA2.id, districtId: d.district.id },
  ]);
  const task = await insertTask(db, {
    districtId: d.district.id,
    classId: d.classA.id,
    setId: set!.id,
    title: "Matrix task",
    dueAt: new Date(Date.now() + 7 * 86_400_000),
    roles: ["recorder", "presenter"],
    createdBy: d.teacherA.id,
  });
  const key = { taskId: task.id, groupId: red!.id, districtId: d.district.id };
  const card = await insertCard(db, { ...key, title: "Matrix card", createdBy: d.studentA1.id });
  await saveSubmissionIfVersion(db, key, 0, "<p>Draft</p>", d.studentA1.id);
  await insertSubmissionVersion(db, key, 1, "<p>Draft</p>", d.studentA1.id);
  return { task, red: red!, card };
}
