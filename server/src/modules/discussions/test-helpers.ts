import type { DbOrTx } from "../../db/client.js";
import { discussionBoards, discussionPosts, discussionThreads, groupMembers, groupSets, groups } from "../../db/schema/index.js";
import { buildUser, enrol, type TestDistrict } from "../../test/factories.js";

/**
 * Discussion fixtures for classA of `d` (plain inserts, usable inside the matrix): a published group
 * set with "Red" (studentA1, studentA2) and "Blue" (studentA3, added to the class); a class board
 * with one thread (opening post by teacherA, one reply by studentA2); a board of group Blue.
 */
export async function buildDiscussionFixture(db: DbOrTx, d: TestDistrict) {
  const studentA3 = await buildUser(db, d.district.id, { name: "Ari", roles: [{ role: "student", schoolId: d.schoolA.id }] });
  await enrol(db, d.classA, studentA3, "student");
  const [set] = await db
    .insert(groupSets)
    .values({ districtId: d.district.id, classId: d.classA.id, name: "Teams", strategy: "manual", publishedAt: new Date() })
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
  const [board, blueBoard] = await db
    .insert(discussionBoards)
    .values([
      { districtId: d.district.id, classId: d.classA.id, title: "Class talk", createdBy: d.teacherA.id },
      { districtId: d.district.id, classId: d.classA.id, groupId: blue!.id, title: "Blue corner", createdBy: d.teacherA.id },
    ])
    .returning();
  const [thread] = await db
    .insert(discussionThreads)
    .values({ districtId: d.district.id, boardId: board!.id, title: "Welcome", authorId: d.teacherA.id })
    .returning();
  const [opening] = await db
    .insert(discussionPosts)
    .values({
      districtId: d.district.id,
      threadId: thread!.id,
      authorId: d.teacherA.id,
      body: "<p>Hello class</p>",
      bodyText: "Hello class",
    })
    .returning();
  const [reply] = await db
    .insert(discussionPosts)
    .values({
      districtId: d.district.id,
      threadId: thread!.id,
      parentId: opening!.id,
      authorId: d.studentA2.id,
      body: "<p>Hello teacher</p>",
      bodyText: "Hello teacher",
    })
    .returning();
  return {
    studentA3,
    set: set!,
    red: red!,
    blue: blue!,
    board: board!,
    blueBoard: blueBoard!,
    thread: thread!,
    opening: opening!,
    reply: reply!,
  };
}
