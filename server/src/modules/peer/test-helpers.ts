import type { DbOrTx } from "../../db/client.js";
import { groupMembers, groupSets, groups, groupTasks } from "../../db/schema/index.js";
import { buildDistrict, buildUser, enrol, type TestDistrict, type TestUser } from "../../test/factories.js";

type TaskValues = Partial<typeof groupTasks.$inferInsert>;

/**
 * A district whose class A has a published group set with one group of four (studentA1, studentA2
 * and two more) and one group of two, and a peer-assessed task with the rating window open now.
 */
export async function buildPeerFixture(db: DbOrTx, taskValues: TaskValues = {}) {
  const d = await buildDistrict(db);
  return { ...d, ...(await buildPeerTask(db, d, taskValues)) };
}

/** The groups and the task of `buildPeerFixture`, in an existing district (the authorization matrix's). */
export async function buildPeerTask(db: DbOrTx, d: TestDistrict, taskValues: TaskValues = {}) {
  const more: TestUser[] = [];
  for (const name of ["Bea", "Cal", "Dev", "Eve"]) {
    const u = await buildUser(db, d.district.id, { name, roles: [{ role: "student", schoolId: d.schoolA.id }] });
    await enrol(db, d.classA, u, "student");
    more.push(u);
  }
  const [bea, cal, dev, eve] = more as [TestUser, TestUser, TestUser, TestUser];
  const [set] = await db
    .insert(groupSets)
    .values({ districtId: d.district.id, classId: d.classA.id, name: "Project teams", strategy: "manual", publishedAt: new Date() })
    .returning();
  const [g1, g2] = await db
    .insert(groups)
    .values([
      { districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Otters", position: 0 },
      { districtId: d.district.id, setId: set!.id, classId: d.classA.id, name: "Herons", position: 1 },
    ])
    .returning();
  const place = (groupId: string, userId: string) => ({ groupId, setId: set!.id, userId, districtId: d.district.id });
  await db
    .insert(groupMembers)
    .values([
      place(g1!.id, d.studentA1.id),
      place(g1!.id, d.studentA2.id),
      place(g1!.id, bea.id),
      place(g1!.id, cal.id),
      place(g2!.id, dev.id),
      place(g2!.id, eve.id),
    ]);
  const hour = 3600_000;
  const [task] = await db
    .insert(groupTasks)
    .values({
      districtId: d.district.id,
      classId: d.classA.id,
      setId: set!.id,
      title: "Bridge project",
      dueAt: new Date(Date.now() - hour),
      roles: ["facilitator", "recorder"],
      peerMethod: "webpa",
      peerCriteria: [
        { key: "effort", label: "Did their share" },
        { key: "ideas", label: "Brought ideas" },
      ],
      peerWeight: "50",
      ratingOpensAt: new Date(Date.now() - hour),
      ratingClosesAt: new Date(Date.now() + 24 * hour),
      ...taskValues,
    })
    .returning();
  return { bea, cal, dev, eve, set: set!, otters: g1!, herons: g2!, task: task! };
}

/** The whole-group rating payload: the same scores for every ratee unless `scoresFor` says otherwise. */
export function ratingsFor(rateeIds: readonly string[], scoresFor: (rateeId: string) => { effort: number; ideas: number }) {
  return { ratings: rateeIds.map((rateeId) => ({ rateeId, scores: scoresFor(rateeId), comment: "" })) };
}
