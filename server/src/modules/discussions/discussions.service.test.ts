import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { discussionPostEdits, discussionPosts, events, notifications } from "../../db/schema/index.js";
import { AppError } from "../../platform/errors.js";
import { memoryRateLimiter } from "../../platform/rate-limit.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict } from "../../test/factories.js";
import * as discussions from "./discussions.service.js";
import * as posts from "./posts.service.js";
import { buildDiscussionFixture } from "./test-helpers.js";

let db: Db;
afterAll(async () => (await getTestDatabase()).close());
beforeAll(async () => {
  db = (await getTestDatabase()).db;
});

/** The status of the AppError a promise rejects with (200 when it resolves). */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.statusCode;
    throw error;
  }
  return 200;
}

async function setup() {
  const d = await buildDistrict(db);
  const f = await buildDiscussionFixture(db, d);
  return {
    d,
    ...f,
    teacher: actorOf(d.teacherA),
    a1: actorOf(d.studentA1),
    a2: actorOf(d.studentA2),
    a3: actorOf(f.studentA3),
  };
}

const bodies = (detail: Awaited<ReturnType<typeof discussions.getThread>>) => detail.data.posts.map((p) => p.body);

describe("who reads a board", () => {
  it("lets the class read, admins read, and nobody else see it (404)", async () => {
    const { d, board } = await setup();
    for (const user of [d.teacherA, d.studentA1, d.districtAdmin, d.schoolAdminA])
      expect(await statusOf(discussions.getBoard(db, actorOf(user), board.id))).toBe(200);
    for (const user of [d.guardianA1, d.counselorA, d.teacherB, d.studentB1, d.schoolAdminB])
      expect(await statusOf(discussions.getBoard(db, actorOf(user), board.id))).toBe(404);
    const other = await buildDistrict(db);
    expect(await statusOf(discussions.getBoard(db, actorOf(other.districtAdmin), board.id))).toBe(404);
  });

  it("opens a group's board to its members only (and teachers)", async () => {
    const { blueBoard, a1, a3, teacher } = await setup();
    expect(await statusOf(discussions.getBoard(db, a3, blueBoard.id))).toBe(200);
    expect(await statusOf(discussions.getBoard(db, teacher, blueBoard.id))).toBe(200);
    expect(await statusOf(discussions.getBoard(db, a1, blueBoard.id))).toBe(404);
  });

  it("opens a 'groups' board to the selected groups only, and checks the groups", async () => {
    const { d, red, blue, teacher, a1, a3 } = await setup();
    const board = await discussions.createBoard(db, teacher, {
      classId: d.classA.id,
      title: "Reds",
      visibility: "groups",
      groupIds: [red.id],
    });
    expect(await statusOf(discussions.getBoard(db, a1, board.id))).toBe(200);
    expect(await statusOf(discussions.getBoard(db, a3, board.id))).toBe(404);
    const mine = await discussions.listMyBoards(db, a3, { page: 1, pageSize: 100 });
    expect(mine.items.map((b) => b.title).sort()).toEqual(["Blue corner", "Class talk"]);
    await discussions.updateBoard(db, teacher, board.id, { groupIds: [blue.id] });
    expect(await statusOf(discussions.getBoard(db, a1, board.id))).toBe(404);
    expect(await statusOf(discussions.getBoard(db, a3, board.id))).toBe(200);
    expect(
      await statusOf(discussions.createBoard(db, teacher, { classId: d.classA.id, title: "None", visibility: "groups", groupIds: [] })),
    ).toBe(400);
  });

  it("lets only the class's teachers create boards, and sanitises the description", async () => {
    const { d, teacher, a1 } = await setup();
    const input = { classId: d.classA.id, title: "Ideas", description: "<p>Hi</p><img src=x onerror=alert(1)><script>x</script>" };
    expect(await statusOf(discussions.createBoard(db, a1, input))).toBe(403);
    expect(await statusOf(discussions.createBoard(db, actorOf(d.schoolAdminA), input))).toBe(403);
    expect(await statusOf(discussions.createBoard(db, actorOf(d.teacherB), input))).toBe(404);
    expect(await statusOf(discussions.createBoard(db, actorOf(d.guardianA1), input))).toBe(404);
    const board = await discussions.createBoard(db, teacher, input);
    expect(board.description).toBe("<p>Hi</p>");
  });
});

describe("archiving", () => {
  it("keeps an archived board readable, closed to posts, and out of the usual lists", async () => {
    const { d, board, thread, teacher, a1 } = await setup();
    await discussions.updateBoard(db, teacher, board.id, { archived: true });
    expect(await statusOf(discussions.getThread(db, a1, thread.id))).toBe(200);
    expect(await statusOf(posts.createPost(db, a1, thread.id, { body: "<p>x</p>" }))).toBe(403);
    expect(await statusOf(discussions.createThread(db, teacher, { boardId: board.id, title: "x", body: "<p>x</p>" }))).toBe(403);
    expect((await discussions.listMyBoards(db, a1, { page: 1, pageSize: 100 })).items.map((b) => b.id)).not.toContain(board.id);
    const forTeacher = await discussions.listClassBoards(db, teacher, d.classA.id, true);
    expect(forTeacher.data.find((b) => b.id === board.id)?.archived).toBe(true);
    await discussions.updateBoard(db, teacher, board.id, { archived: false });
    expect(await statusOf(posts.createPost(db, a1, thread.id, { body: "<p>x</p>" }))).toBe(200);
  });
});

describe("threads and posts", () => {
  it("creates a thread with a sanitised opening post, follows it and records events", async () => {
    const { board, a1 } = await setup();
    const { id } = await discussions.createThread(db, a1, {
      boardId: board.id,
      title: "My question",
      body: '<p onclick="x">Why?</p><script>alert(1)</script>',
    });
    const detail = await discussions.getThread(db, a1, id);
    expect(bodies(detail)).toEqual(["<p>Why?</p>"]);
    expect(detail.data.following).toBe(true);
    const rows = await db.select().from(events).where(eq(events.type, "discussion.thread_created"));
    const mine = rows.find((e) => (e.payload as { threadId?: string }).threadId === id);
    expect(mine?.rooms).toEqual([`thread:${id}`, `board:${board.id}`]);
    expect(Object.keys(mine?.payload ?? {}).sort()).toEqual(["boardId", "threadId"]);
  });

  it("nests replies, refuses a parent of another thread and empty bodies", async () => {
    const { board, thread, reply, a1, teacher } = await setup();
    const { post } = await posts.createPost(db, a1, thread.id, { parentId: reply.id, body: "<p>Nested</p>" });
    expect(post.parentId).toBe(reply.id);
    const noParent = await posts.createPost(db, a1, thread.id, { body: "<p>Top</p>" });
    expect(noParent.post.parentId).not.toBeNull();
    const other = await discussions.createThread(db, teacher, { boardId: board.id, title: "Other", body: "<p>x</p>" });
    const otherDetail = await discussions.getThread(db, teacher, other.id);
    expect(await statusOf(posts.createPost(db, a1, thread.id, { parentId: otherDetail.data.posts[0]!.id, body: "<p>x</p>" }))).toBe(400);
    expect(await statusOf(posts.createPost(db, a1, thread.id, { body: "<p> </p><script>x</script>" }))).toBe(400);
    const detail = await discussions.getThread(db, teacher, thread.id);
    expect(detail.data.thread.replyCount).toBe(3);
    // The count and last activity come from the posts: the list (SQL) and the thread (its loaded posts) agree.
    await posts.deletePost(db, a1, post.id);
    const after = await discussions.getThread(db, teacher, thread.id);
    const listed = (await discussions.listThreads(db, teacher, board.id, { page: 1, pageSize: 50 })).items.find((t) => t.id === thread.id);
    expect(after.data.thread.replyCount).toBe(2);
    expect(listed).toMatchObject({ replyCount: 2, lastPostAt: after.data.thread.lastPostAt });
    expect(after.data.thread.lastPostAt).toBe(noParent.post.createdAt);
  });

  it("lets admins read but not post, and nobody outside reply", async () => {
    const { d, thread } = await setup();
    expect(await statusOf(posts.createPost(db, actorOf(d.schoolAdminA), thread.id, { body: "<p>x</p>" }))).toBe(403);
    expect(await statusOf(posts.createPost(db, actorOf(d.guardianA1), thread.id, { body: "<p>x</p>" }))).toBe(404);
    expect(await statusOf(discussions.getThread(db, actorOf(d.districtAdmin), thread.id))).toBe(200);
  });

  it("locks a thread: students cannot reply, teachers can; only teachers lock", async () => {
    const { thread, a1, teacher } = await setup();
    expect(await statusOf(discussions.updateThread(db, a1, thread.id, { locked: true }))).toBe(403);
    await discussions.updateThread(db, teacher, thread.id, { locked: true, pinned: true });
    expect(await statusOf(posts.createPost(db, a1, thread.id, { body: "<p>x</p>" }))).toBe(403);
    expect(await statusOf(posts.createPost(db, teacher, thread.id, { body: "<p>x</p>" }))).toBe(200);
  });

  it("lists pinned threads first, then by last activity", async () => {
    const { board, thread, a1, teacher } = await setup();
    const later = await discussions.createThread(db, a1, { boardId: board.id, title: "Later", body: "<p>x</p>" });
    let list = await discussions.listThreads(db, a1, board.id, { page: 1, pageSize: 30 });
    expect(list.items.map((t) => t.id)).toEqual([later.id, thread.id]);
    await discussions.updateThread(db, teacher, thread.id, { pinned: true });
    list = await discussions.listThreads(db, a1, board.id, { page: 1, pageSize: 30 });
    expect(list.items.map((t) => t.id)).toEqual([thread.id, later.id]);
  });

  it("counts unread posts per thread and board, and marks new ones since the last visit", async () => {
    const { board, thread, a1, a2 } = await setup();
    let boards = await discussions.listMyBoards(db, a1, { page: 1, pageSize: 100 });
    expect(boards.items.find((b) => b.id === board.id)?.unreadCount).toBe(2);
    await discussions.markThreadRead(db, a1, thread.id);
    boards = await discussions.listMyBoards(db, a1, { page: 1, pageSize: 100 });
    expect(boards.items.find((b) => b.id === board.id)?.unreadCount).toBe(0);
    await new Promise((r) => setTimeout(r, 5));
    await posts.createPost(db, a2, thread.id, { body: "<p>Something new</p>" });
    const list = await discussions.listThreads(db, a1, board.id, { page: 1, pageSize: 30 });
    expect(list.items[0]?.unreadCount).toBe(1);
    const detail = await discussions.getThread(db, a1, thread.id);
    expect(detail.data.posts.filter((p) => p.isNew).map((p) => p.body)).toEqual(["<p>Something new</p>"]);
  });
});

describe("post first", () => {
  it("shows a student others' replies only after their own published reply, in SQL, without leaking counts", async () => {
    const { board, a1, a2, teacher } = await setup();
    const { id } = await discussions.createThread(db, teacher, {
      boardId: board.id,
      title: "Predict",
      body: "<p>What happens?</p>",
      postFirst: true,
    });
    await posts.createPost(db, a2, id, { body: "<p>A2 answer</p>" });
    let detail = await discussions.getThread(db, a1, id);
    expect(bodies(detail)).toEqual(["<p>What happens?</p>"]);
    expect(detail.data.waitingToPostFirst).toBe(true);
    expect(detail.data.thread.replyCount).toBeNull();
    const list = await discussions.listThreads(db, a1, board.id, { page: 1, pageSize: 30 });
    expect(list.items.find((t) => t.id === id)?.replyCount).toBeNull();
    expect((await discussions.search(db, a1, { q: "answer" })).items).toEqual([]);
    await posts.createPost(db, a1, id, { body: "<p>A1 answer</p>" });
    detail = await discussions.getThread(db, a1, id);
    expect(bodies(detail).sort()).toEqual(["<p>A1 answer</p>", "<p>A2 answer</p>", "<p>What happens?</p>"]);
    expect(detail.data.thread.replyCount).toBe(2);
    expect((await discussions.search(db, a1, { q: "answer" })).items).toHaveLength(2);
  });

  it("only teachers may ask students to post first", async () => {
    const { board, a1 } = await setup();
    expect(await statusOf(discussions.createThread(db, a1, { boardId: board.id, title: "x", body: "<p>x</p>", postFirst: true }))).toBe(
      403,
    );
  });
});

describe("approval", () => {
  it("keeps students' posts pending, seen by their author and moderators only", async () => {
    const { d, teacher, a1, a2 } = await setup();
    const board = await discussions.createBoard(db, teacher, { classId: d.classA.id, title: "Moderated", requiresApproval: true });
    const { id } = await discussions.createThread(db, teacher, { boardId: board.id, title: "Topic", body: "<p>Topic</p>" });
    const { post } = await posts.createPost(db, a1, id, { body: "<p>Waiting reply</p>" });
    expect(post.status).toBe("pending");
    expect(bodies(await discussions.getThread(db, a2, id))).toEqual(["<p>Topic</p>"]);
    expect(bodies(await discussions.getThread(db, a1, id))).toContain("<p>Waiting reply</p>");
    expect(bodies(await discussions.getThread(db, teacher, id))).toContain("<p>Waiting reply</p>");
    expect((await discussions.getThread(db, teacher, id)).data.thread.replyCount).toBe(0);
    // A student's pending thread is invisible to classmates.
    const pendingThread = await discussions.createThread(db, a1, { boardId: board.id, title: "Mine", body: "<p>Mine</p>" });
    expect(await statusOf(discussions.getThread(db, a2, pendingThread.id))).toBe(404);
    const list = await discussions.listThreads(db, a1, board.id, { page: 1, pageSize: 30 });
    expect(list.items.find((t) => t.id === pendingThread.id)?.pending).toBe(true);
    expect((await discussions.listThreads(db, a2, board.id, { page: 1, pageSize: 30 })).items.map((t) => t.id)).toEqual([id]);
  });
});

describe("idempotency and limits", () => {
  it("stores a retried post once and returns the stored one", async () => {
    const { thread, a1, a2 } = await setup();
    const first = await posts.createPost(db, a1, thread.id, { body: "<p>Once</p>" }, { idempotencyKey: "key-1" });
    const again = await posts.createPost(db, a1, thread.id, { body: "<p>Once</p>" }, { idempotencyKey: "key-1" });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.post.id).toBe(first.post.id);
    const rows = await db
      .select()
      .from(discussionPosts)
      .where(and(eq(discussionPosts.threadId, thread.id), eq(discussionPosts.authorId, a1.userId)));
    expect(rows).toHaveLength(1);
    // Another author may use the same key.
    expect((await posts.createPost(db, a2, thread.id, { body: "<p>Mine</p>" }, { idempotencyKey: "key-1" })).created).toBe(true);
  });

  it("stores racing retries once", async () => {
    const { thread, a1 } = await setup();
    const results = await Promise.all(
      [1, 2, 3].map(() => posts.createPost(db, a1, thread.id, { body: "<p>Race</p>" }, { idempotencyKey: "race" })),
    );
    expect(new Set(results.map((r) => r.post.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("limits posting to 10 a minute per person (429 with Retry-After)", async () => {
    const { thread, a1 } = await setup();
    const limiter = memoryRateLimiter();
    for (let i = 0; i < 10; i++) await posts.createPost(db, a1, thread.id, { body: `<p>${i}</p>` }, { limiter });
    const error = await posts.createPost(db, a1, thread.id, { body: "<p>11</p>" }, { limiter }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(429);
    expect(Number((error as AppError).headers?.["retry-after"])).toBeGreaterThan(0);
  });
});

describe("editing, deleting, hiding, reacting", () => {
  it("keeps the edit history and lets only the author edit", async () => {
    const { thread, reply, a1, a2 } = await setup();
    expect(await statusOf(posts.updatePost(db, a1, reply.id, { body: "<p>Hacked</p>" }))).toBe(403);
    const edited = await posts.updatePost(db, a2, reply.id, { body: "<p>Hello again</p>" });
    expect(edited.editedAt).not.toBeNull();
    const history = await posts.listEdits(db, a1, reply.id);
    expect(history.map((h) => h.body)).toEqual(["<p>Hello teacher</p>"]);
    const stored = await db.select().from(discussionPostEdits).where(eq(discussionPostEdits.postId, reply.id));
    expect(stored).toHaveLength(1);
    expect(bodies(await discussions.getThread(db, a1, thread.id))).toContain("<p>Hello again</p>");
  });

  it("soft-deletes: the post stays in the tree without its body; the count drops", async () => {
    const { thread, reply, a1, a2, teacher } = await setup();
    expect(await statusOf(posts.deletePost(db, a1, reply.id))).toBe(403);
    const deleted = await posts.deletePost(db, a2, reply.id);
    expect(deleted.state).toBe("deleted");
    expect(deleted.body).toBe("");
    const detail = await discussions.getThread(db, teacher, thread.id);
    expect(detail.data.posts.map((p) => p.state)).toEqual(["visible", "deleted"]);
    expect(detail.data.thread.replyCount).toBe(0);
  });

  it("hides a post with a reason: students see it hidden, moderators see body and reason; the author is told", async () => {
    const { thread, reply, a1, a2, teacher } = await setup();
    expect(await statusOf(posts.setHidden(db, a1, reply.id, { reason: "no" }))).toBe(403);
    await posts.setHidden(db, teacher, reply.id, { reason: "Off topic" });
    const seen = (await discussions.getThread(db, a1, thread.id)).data.posts.find((p) => p.id === reply.id)!;
    expect(seen).toMatchObject({ state: "hidden", body: "", hiddenReason: null });
    const mod = (await discussions.getThread(db, teacher, thread.id)).data.posts.find((p) => p.id === reply.id)!;
    expect(mod).toMatchObject({ state: "hidden", body: "<p>Hello teacher</p>", hiddenReason: "Off topic" });
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, a2.userId), eq(notifications.kind, "moderation")));
    expect(told).toHaveLength(1);
    expect((await discussions.search(db, a1, { q: "teacher" })).items).toEqual([]);
    await posts.setHidden(db, teacher, reply.id, null);
    expect((await discussions.getThread(db, a1, thread.id)).data.posts.find((p) => p.id === reply.id)!.state).toBe("visible");
  });

  it("counts reactions per kind with the reader's own", async () => {
    const { reply, a1, a3, d } = await setup();
    await posts.setReaction(db, a1, reply.id, "like", true);
    const post = await posts.setReaction(db, a3, reply.id, "like", true);
    expect(post.reactions).toEqual([{ kind: "like", count: 2, mine: true }]);
    const after = await posts.setReaction(db, a3, reply.id, "like", false);
    expect(after.reactions).toEqual([{ kind: "like", count: 1, mine: false }]);
    expect(await statusOf(posts.setReaction(db, actorOf(d.schoolAdminA), reply.id, "like", true))).toBe(403);
  });
});

describe("notifications", () => {
  it("notifies followers and the parent's author of a reply, and mentioned people", async () => {
    const { thread, reply, a1, a2, a3, teacher } = await setup();
    // The fixture's thread was inserted directly: the teacher follows it explicitly.
    await discussions.setFollowing(db, teacher, thread.id, true);
    await posts.createPost(db, a1, thread.id, { parentId: reply.id, body: "<p>@Ari look</p>", mentionIds: [a3.userId] });
    const kinds = async (userId: string) =>
      (await db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind);
    expect(await kinds(teacher.userId)).toEqual(["reply"]);
    expect(await kinds(a2.userId)).toEqual(["reply"]);
    expect(await kinds(a3.userId)).toEqual(["mention"]);
    expect(await kinds(a1.userId)).toEqual([]);
  });

  it("refuses to mention someone who cannot see the board", async () => {
    const { d, thread, a1 } = await setup();
    expect(await statusOf(posts.createPost(db, a1, thread.id, { body: "<p>hey</p>", mentionIds: [d.studentB1.id] }))).toBe(400);
    expect(await statusOf(posts.createPost(db, a1, thread.id, { body: "<p>hey</p>", mentionIds: [d.guardianA1.id] }))).toBe(400);
  });

  it("offers the people who can see a group board to mention", async () => {
    const { blueBoard, a3, teacher } = await setup();
    const people = await discussions.listMentionable(db, a3, blueBoard.id, "");
    expect(people.map((p) => p.id)).toEqual([teacher.userId]);
  });
});

describe("search", () => {
  it("finds words in posts the reader may see, and nothing else", async () => {
    const { d, blueBoard, board, a1, a3, teacher } = await setup();
    const blue = await discussions.createThread(db, a3, { boardId: blueBoard.id, title: "Blue only", body: "<p>volcanoes erupt</p>" });
    await discussions.createThread(db, a1, { boardId: board.id, title: "Class", body: "<p>Volcanoes are hot</p>" });
    expect((await discussions.search(db, a3, { q: "volcanoes" })).items).toHaveLength(2);
    const forA1 = await discussions.search(db, a1, { q: "volcanoes" });
    expect(forA1.items.map((r) => r.threadTitle)).toEqual(["Class"]);
    expect(forA1.total).toBe(1);
    expect((await discussions.search(db, teacher, { q: "volcanoes erupt" })).items[0]?.threadId).toBe(blue.id);
    expect((await discussions.search(db, actorOf(d.guardianA1), { q: "volcanoes" })).items).toEqual([]);
    expect((await discussions.search(db, actorOf(d.teacherB), { q: "volcanoes" })).items).toEqual([]);
    await expect(discussions.search(db, a1, { q: "x" })).rejects.toThrow();
  });
});

describe("room policies", () => {
  it("answer like the reads", async () => {
    const { d, board, blueBoard, thread, a1, a3 } = await setup();
    expect(await discussions.mayWatchBoard(db, a1, board.id)).toBe(true);
    expect(await discussions.mayWatchBoard(db, a1, blueBoard.id)).toBe(false);
    expect(await discussions.mayWatchBoard(db, a3, blueBoard.id)).toBe(true);
    expect(await discussions.mayWatchThread(db, a1, thread.id)).toBe(true);
    expect(await discussions.mayWatchThread(db, actorOf(d.guardianA1), thread.id)).toBe(false);
    expect(await discussions.mayWatchThread(db, a1, "not-a-uuid")).toBe(false);
  });
});
