/** Demo data for discussions: one board with a short conversation in each of teacher1's first two classes. */
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  classes,
  discussionBoards,
  discussionFollows,
  discussionPosts,
  discussionThreads,
  enrolments,
  users,
} from "../../db/schema/index.js";
import { richTextToPlain } from "../../platform/rich-text.js";

/** Seeds a few boards, threads and posts in the demo district (inside the seed's transaction). */
export async function seedDiscussions(tx: DbOrTx, districtId: string): Promise<void> {
  const taught = await tx
    .select({ classId: classes.id })
    .from(enrolments)
    .innerJoin(classes, eq(classes.id, enrolments.classId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(and(eq(users.username, "teacher1"), eq(enrolments.role, "teacher"), eq(classes.districtId, districtId)))
    .orderBy(asc(classes.classCode))
    .limit(2);
  for (const { classId } of taught) {
    const people = await tx
      .select({ id: enrolments.userId, role: enrolments.role })
      .from(enrolments)
      .where(and(eq(enrolments.classId, classId), eq(enrolments.status, "active")))
      .orderBy(asc(enrolments.userId));
    const teacher = people.find((p) => p.role === "teacher");
    const students = people.filter((p) => p.role === "student").slice(0, 3);
    if (!teacher || students.length < 2) continue;
    const [board] = await tx
      .insert(discussionBoards)
      .values({
        districtId,
        classId,
        title: "Questions and ideas",
        description: "<p>Ask anything about our lessons here.</p>",
        createdBy: teacher.id,
      })
      .returning();
    const [thread] = await tx
      .insert(discussionThreads)
      .values({ districtId, boardId: board!.id, title: "What surprised you this week?", authorId: teacher.id, pinned: true })
      .returning();
    const insert = async (authorId: string, body: string, parentId: string | null) => {
      const [row] = await tx
        .insert(discussionPosts)
        .values({ districtId, threadId: thread!.id, authorId, body, bodyText: richTextToPlain(body), parentId })
        .returning();
      return row!;
    };
    const opening = await insert(teacher.id, "<p>Tell the class one thing that surprised you, and why.</p>", null);
    const reply = await insert(students[0]!.id, "<p>That plants drink through their roots like straws!</p>", opening.id);
    await insert(students[1]!.id, "<p>Me too. I want to try it with celery and coloured water.</p>", reply.id);
    await tx.insert(discussionFollows).values([{ userId: teacher.id, threadId: thread!.id }]);
  }
}
