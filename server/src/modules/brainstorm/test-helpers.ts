import { and, asc, eq, like } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { events, groupMembers, groupSets, groups } from "../../db/schema/index.js";
import { buildUser, enrol, type TestDistrict } from "../../test/factories.js";
import * as repo from "./brainstorm.repository.js";

/**
 * A published group set of classA: "Red" holds studentA1 and studentA2, "Blue" a third student
 * (studentA3, added to the class). Plain inserts, so it runs inside the matrix too.
 */
export async function buildGroups(db: DbOrTx, d: TestDistrict) {
  const studentA3 = await buildUser(db, d.district.id, { name: "Ari", roles: [{ role: "student", schoolId: d.schoolA.id }] });
  await enrol(db, d.classA, studentA3, "student");
  const [set] = await db
    .insert(groupSets)
    .values({ districtId: d.district.id, classId: d.classA.id, name: "Brainstorm teams", strategy: "manual", publishedAt: new Date() })
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
  return { set: set!, red: red!, blue: blue!, studentA3 };
}

/**
 * For the authorization matrix (no transactions): Red's group set, and a columns board of classA
 * with two columns, a cluster and a card written by studentA1 in the first column.
 */
export async function buildMatrixBoard(db: DbOrTx, d: TestDistrict) {
  const g = await buildGroups(db, d);
  const board = await repo.insertBoard(db, {
    districtId: d.district.id,
    classId: d.classA.id,
    title: "Matrix board",
    layout: "columns",
    createdBy: d.teacherA.id,
  });
  const [first, second] = await repo.insertColumns(db, [
    { districtId: d.district.id, boardId: board.id, title: "Ideas", position: 0 },
    { districtId: d.district.id, boardId: board.id, title: "Questions", position: 1 },
  ]);
  const cluster = await repo.insertCluster(db, { districtId: d.district.id, boardId: board.id, label: "Matrix cluster" });
  const card = await repo.insertCard(db, {
    districtId: d.district.id,
    boardId: board.id,
    authorId: d.studentA1.id,
    text: "Matrix card",
    columnId: first!.id,
  });
  return { ...g, board, column: first!, secondColumn: second!, cluster, card };
}

/** The brainstorm events recorded for a board, oldest first. */
export async function eventsOf(db: DbOrTx, districtId: string) {
  return db
    .select({ type: events.type, rooms: events.rooms, payload: events.payload })
    .from(events)
    .where(and(eq(events.districtId, districtId), like(events.type, "brainstorm.%")))
    .orderBy(asc(events.id));
}
