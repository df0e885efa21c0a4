import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { auditLog, discussionPosts, discussionReports, events, notifications } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrict, buildUser, enrol, testPassword, type TestDistrict, type TestUser } from "../../test/factories.js";
import { getTestApp, signIn } from "../../test/server.js";
import { buildDiscussion, type Discussion } from "./moderation.test-helpers.js";
import { notifyModeratorsOfPendingPost } from "./moderation.service.js";
import { threadActivity } from "./discussions.repository.js";

let db: Db;
beforeAll(async () => {
  await getTestApp();
  db = (await getTestDatabase()).db;
});
afterAll(async () => {
  await (await getTestApp()).close();
  await (await getTestDatabase()).close();
});

let ip = 1;
const as = (user: TestUser) => signIn(user.username, testPassword, `10.88.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`);
const notificationsOf = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId));
const eventsOf = (districtId: string, type: string) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.districtId, districtId), eq(events.type, type)));
const postRow = async (id: string) => (await db.select().from(discussionPosts).where(eq(discussionPosts.id, id)))[0]!;
const errorOf = (res: { json(): unknown }) => (res.json() as { error: { message: string; fields?: { path: string }[] } }).error;

describe("approval queue", () => {
  let d: TestDistrict;
  let p: Discussion;
  beforeAll(async () => {
    d = await buildDistrict(db);
    p = await buildDiscussion(db, d);
  });

  it("lists pending posts of the teacher's classes, filters by board, and shows nothing to another school's teacher", async () => {
    const teacher = await as(d.teacherA);
    const page = (await teacher.request("GET", "/api/discussions/approvals")).json() as {
      data: { items: { id: string; author: { name: string } }[]; total: number };
    };
    expect(page.data.items.map((i) => i.id)).toEqual([p.pending.id]);
    expect(page.data.total).toBe(1);
    expect(page.data.items[0]!.author.name).toBe("Ali Person");
    const other = await buildDiscussion(db, d);
    const filtered = (await teacher.request("GET", `/api/discussions/approvals?boardId=${other.board.id}`)).json() as {
      data: { items: { id: string }[] };
    };
    expect(filtered.data.items.map((i) => i.id)).toEqual([other.pending.id]);
    const outsider = (await (await as(d.teacherB)).request("GET", "/api/discussions/approvals")).json() as { data: { total: number } };
    expect(outsider.data.total).toBe(0);
    const student = (await (await as(d.studentA1)).request("GET", "/api/discussions/approvals")).json() as { data: { total: number } };
    expect(student.data.total).toBe(0);
  });

  it("approves: publishes the post, counts it on the thread, records the event and tells the author", async () => {
    const before = await threadActivity(db, p.thread);
    const teacher = await as(d.teacherA);
    const res = await teacher.request("POST", `/api/discussions/posts/${p.pending.id}/approve`);
    expect(res.statusCode).toBe(200);
    expect((await postRow(p.pending.id)).status).toBe("published");
    const after = await threadActivity(db, p.thread);
    expect(after.replyCount).toBe(before.replyCount + 1);
    expect(Date.parse(after.lastPostAt)).toBeGreaterThanOrEqual(Date.parse(before.lastPostAt));
    const created = await eventsOf(d.district.id, "discussion.post_created");
    expect(created.map((e) => e.rooms)).toEqual([[`thread:${p.thread.id}`, `board:${p.board.id}`]]);
    expect(created[0]!.payload).toEqual({ boardId: p.board.id, threadId: p.thread.id, postId: p.pending.id });
    const told = await notificationsOf(d.studentA2.id);
    expect(told.map((n) => [n.kind, n.link])).toEqual([["approval", `/discussions/threads/${p.thread.id}#post-${p.pending.id}`]]);
    const again = await teacher.request("POST", `/api/discussions/posts/${p.pending.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toMatch(/no longer waiting/);
  });

  it("rejects with a reason (required) and tells the author why", async () => {
    const q = await buildDiscussion(db, d);
    const teacher = await as(d.teacherA);
    const empty = await teacher.request("POST", `/api/discussions/posts/${q.pending.id}/reject`, { reason: "  " });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toMatch(/reason is required/i);
    expect((await postRow(q.pending.id)).status).toBe("pending");
    const res = await teacher.request("POST", `/api/discussions/posts/${q.pending.id}/reject`, { reason: "Please stay on topic" });
    expect(res.statusCode).toBe(200);
    expect((await postRow(q.pending.id)).status).toBe("rejected");
    const told = (await notificationsOf(d.studentA2.id)).filter((n) => n.title.includes("not approved"));
    expect(told.map((n) => n.body)).toEqual(["Your teacher said: Please stay on topic"]);
  });

  it("notifyModeratorsOfPendingPost tells the class's teachers (kind approval), not the author", async () => {
    const e = await buildDistrict(db);
    const q = await buildDiscussion(db, e);
    await db.transaction((tx) => notifyModeratorsOfPendingPost(tx, { ...q.pending, body: q.pending.body }));
    expect((await notificationsOf(e.teacherA.id)).map((n) => [n.kind, n.link])).toEqual([
      ["approval", `/discussions/approvals?boardId=${q.board.id}`],
    ]);
    expect(await notificationsOf(e.studentA2.id)).toEqual([]);
    expect(await notificationsOf(e.teacherB.id)).toEqual([]);
  });

  it("refuses bad ids with a clear 400", async () => {
    const res = await (await as(d.teacherA)).request("POST", "/api/discussions/posts/not-an-id/approve");
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/id/i);
  });
});

describe("reports", () => {
  let d: TestDistrict;
  let p: Discussion;
  beforeAll(async () => {
    d = await buildDistrict(db);
    p = await buildDiscussion(db, d);
  });

  it("lets a reader report once; the teachers are told; own, pending and unseen posts are refused", async () => {
    const student = await as(d.studentA2);
    const res = await student.request("POST", `/api/discussions/posts/${p.replyA1.id}/reports`, { reason: "Mean words" });
    expect(res.statusCode).toBe(201);
    expect((await notificationsOf(d.teacherA.id)).map((n) => n.kind)).toEqual(["report"]);
    expect((await eventsOf(d.district.id, "discussion.report_created"))[0]!.rooms).toEqual([`user:${d.teacherA.id}`]);
    const twice = await student.request("POST", `/api/discussions/posts/${p.replyA1.id}/reports`, { reason: "Again" });
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).message).toMatch(/already reported/);
    const own = await student.request("POST", `/api/discussions/posts/${p.replyA2.id}/reports`, { reason: "Mine" });
    expect(own.statusCode).toBe(400);
    expect(errorOf(own).message).toMatch(/your own post/);
    const noReason = await student.request("POST", `/api/discussions/posts/${p.opening.id}/reports`, {});
    expect(noReason.statusCode).toBe(400);
    // studentA1 cannot see studentA2's pending post: it answers like a missing one.
    const pending = await (await as(d.studentA1)).request("POST", `/api/discussions/posts/${p.pending.id}/reports`, { reason: "x" });
    expect(pending.statusCode).toBe(404);
    const guardian = await (await as(d.guardianA1)).request("POST", `/api/discussions/posts/${p.replyA1.id}/reports`, { reason: "x" });
    expect(guardian.statusCode).toBe(404);
  });

  it("follows the post-first rule: a reply is reportable only once the student has replied", async () => {
    const e = await buildDistrict(db);
    const q = await buildDiscussion(db, e, { postFirst: true });
    const newcomer = await buildUser(db, e.district.id, { name: "Nia", roles: [{ role: "student", schoolId: e.schoolA.id }] });
    await enrol(db, e.classA, newcomer, "student");
    const session = await as(newcomer);
    expect((await session.request("POST", `/api/discussions/posts/${q.replyA1.id}/reports`, { reason: "x" })).statusCode).toBe(404);
    expect((await session.request("POST", `/api/discussions/posts/${q.opening.id}/reports`, { reason: "Opening" })).statusCode).toBe(201);
    await db
      .insert(discussionPosts)
      .values({ districtId: e.district.id, threadId: q.thread.id, parentId: q.opening.id, authorId: newcomer.id, body: "<p>Mine</p>" });
    expect((await session.request("POST", `/api/discussions/posts/${q.replyA1.id}/reports`, { reason: "x" })).statusCode).toBe(201);
  });

  it("lists open reports with the post, thread and reporter for the class's teachers only", async () => {
    const list = (await (await as(d.teacherA)).request("GET", "/api/discussions/reports")).json() as {
      data: { items: { reason: string; reporter: { name: string }; post: { id: string; threadTitle: string; body: string } }[] };
    };
    expect(list.data.items.map((i) => [i.reason, i.reporter.name, i.post.id])).toEqual([
      ["Off topic", "Ada Person", p.replyA2.id],
      ["Mean words", "Ali Person", p.replyA1.id],
    ]);
    expect(list.data.items[0]!.post.threadTitle).toBe(p.thread.title);
    const outsider = (await (await as(d.teacherB)).request("GET", "/api/discussions/reports")).json() as { data: { total: number } };
    expect(outsider.data.total).toBe(0);
    const bad = await (await as(d.teacherA)).request("GET", "/api/discussions/reports?status=everything");
    expect(bad.statusCode).toBe(400);
  });

  it("hides the reported post with a reason, resolves its reports and tells the reporters and the author", async () => {
    const e = await buildDistrict(db);
    const q = await buildDiscussion(db, e);
    await db
      .insert(discussionReports)
      .values({ districtId: e.district.id, postId: q.replyA2.id, reporterId: e.teacherA.id, reason: "Also me" });
    const teacher = await as(e.teacherA);
    const noReason = await teacher.request("POST", `/api/discussions/reports/${q.report.id}/hide`, {});
    expect(noReason.statusCode).toBe(400);
    const res = await teacher.request("POST", `/api/discussions/reports/${q.report.id}/hide`, { reason: "Unkind" });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { data: { resolved: number } }).data.resolved).toBe(2);
    const hidden = await postRow(q.replyA2.id);
    expect([hidden.hiddenBy, hidden.hiddenReason, hidden.hiddenAt !== null]).toEqual([e.teacherA.id, "Unkind", true]);
    const open = await db.select().from(discussionReports).where(eq(discussionReports.postId, q.replyA2.id));
    expect(open.map((r) => r.resolution)).toEqual(["hidden", "hidden"]);
    expect((await notificationsOf(e.studentA1.id)).map((n) => n.kind)).toEqual(["moderation"]);
    expect((await notificationsOf(e.studentA2.id)).map((n) => [n.kind, n.body])).toEqual([["moderation", "Reason: Unkind"]]);
    expect((await eventsOf(e.district.id, "discussion.post_hidden"))[0]!.payload).toEqual({
      boardId: q.board.id,
      threadId: q.thread.id,
      postId: q.replyA2.id,
    });
    const again = await teacher.request("POST", `/api/discussions/reports/${q.report.id}/dismiss`);
    expect(again.statusCode).toBe(409);
    // A hidden post cannot be reported again.
    const late = await (await as(e.studentA1)).request("POST", `/api/discussions/posts/${q.replyA2.id}/reports`, { reason: "x" });
    expect(late.statusCode).toBe(400);
    expect(errorOf(late).message).toMatch(/already hidden/);
  });

  it("dismisses one report: the post stays and the reporter is told", async () => {
    const e = await buildDistrict(db);
    const q = await buildDiscussion(db, e);
    const res = await (await as(e.teacherA)).request("POST", `/api/discussions/reports/${q.report.id}/dismiss`);
    expect(res.statusCode).toBe(200);
    expect((await postRow(q.replyA2.id)).hiddenAt).toBeNull();
    expect((await notificationsOf(e.studentA1.id)).map((n) => n.body)).toEqual([
      "Thank you. Your teacher looked at the post and left it up.",
    ]);
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.districtId, e.district.id), eq(auditLog.action, "discussion.report_dismissed")));
    expect(audited).toHaveLength(1);
  });
});

describe("graded discussion", () => {
  let d: TestDistrict;
  let p: Discussion;
  beforeAll(async () => {
    d = await buildDistrict(db);
    p = await buildDiscussion(db, d, { gradedMaxPoints: null });
  });
  const url = () => `/api/discussions/threads/${p.thread.id}`;

  it("sets a thread as graded with exact, validated points", async () => {
    const teacher = await as(d.teacherA);
    const ungraded = await teacher.request("PUT", `${url()}/grades/${d.studentA1.id}`, { points: "3" });
    expect(ungraded.statusCode).toBe(400);
    expect(errorOf(ungraded).message).toMatch(/not graded/);
    for (const bad of ["abc", "-1", "1.234", "10000", ""]) {
      const res = await teacher.request("PUT", `${url()}/grading`, { maxPoints: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(errorOf(res).fields?.[0]?.path).toMatch(/maxPoints$/);
    }
    expect((await teacher.request("PUT", `${url()}/grading`, { maxPoints: "0" })).statusCode).toBe(400);
    const ok = await teacher.request("PUT", `${url()}/grading`, { maxPoints: "10.50" });
    expect((ok.json() as { data: { maxPoints: string } }).data.maxPoints).toBe("10.5");
  });

  it("lists each student with all their posts side by side", async () => {
    const sheet = (await (await as(d.teacherA)).request("GET", `${url()}/grading`)).json() as {
      data: {
        thread: { maxPoints: string };
        students: { student: { id: string }; posts: { id: string; replyTo: string | null; status: string }[] }[];
      };
    };
    expect(sheet.data.thread.maxPoints).toBe("10.5");
    const byStudent = new Map(sheet.data.students.map((s) => [s.student.id, s.posts]));
    expect([...byStudent.keys()].sort()).toEqual([d.studentA1.id, d.studentA2.id].sort());
    expect(byStudent.get(d.studentA1.id)!.map((x) => [x.id, x.replyTo])).toEqual([[p.replyA1.id, "Tara Person"]]);
    expect(byStudent.get(d.studentA2.id)!.map((x) => [x.id, x.replyTo, x.status])).toEqual([
      [p.replyA2.id, "Ada Person", "published"],
      [p.pending.id, "Tara Person", "pending"],
    ]);
  });

  it("saves points in 0..max with a comment, audited, and refuses marks outside it or for non-students", async () => {
    const teacher = await as(d.teacherA);
    const high = await teacher.request("PUT", `${url()}/grades/${d.studentA1.id}`, { points: "10.51" });
    expect(high.statusCode).toBe(400);
    expect(errorOf(high).message).toMatch(/between 0 and 10.5/);
    expect((await teacher.request("PUT", `${url()}/grades/${d.studentA1.id}`, { points: "seven" })).statusCode).toBe(400);
    expect((await teacher.request("PUT", `${url()}/grades/${d.teacherB.id}`, { points: "1" })).statusCode).toBe(404);
    const ok = await teacher.request("PUT", `${url()}/grades/${d.studentA1.id}`, { points: "7.50", comment: "Thoughtful replies" });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { data: { points: string } }).data.points).toBe("7.5");
    await teacher.request("PUT", `${url()}/grades/${d.studentA1.id}`, { points: "8", comment: '=HYPERLINK("http://x")' });
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.districtId, d.district.id), eq(auditLog.action, "discussion.grade_saved")));
    expect(audited.map((a) => (a.details as { before: { points: string } | null }).before?.points ?? null)).toEqual([null, "7.50"]);
    expect((await eventsOf(d.district.id, "discussion.grade_saved")).map((e) => e.rooms)).toEqual([
      [`user:${d.studentA1.id}`],
      [`user:${d.studentA1.id}`],
    ]);
  });

  it("shows each student only their own mark", async () => {
    const mine = (await (await as(d.studentA1)).request("GET", `${url()}/my-grade`)).json() as {
      data: { grade: { points: string; comment: string } | null };
    };
    expect(mine.data.grade?.points).toBe("8");
    const theirs = (await (await as(d.studentA2)).request("GET", `${url()}/my-grade`)).json() as { data: { grade: unknown } };
    expect(theirs.data.grade).toBeNull();
    const teacher = (await (await as(d.teacherA)).request("GET", `${url()}/my-grade`)).json() as { data: { grade: unknown } };
    expect(teacher.data.grade).toBeNull();
    expect((await (await as(d.studentA1)).request("GET", `${url()}/grading`)).statusCode).toBe(404);
  });

  it("keeps the maximum above existing marks and refuses to turn grading off while marks exist", async () => {
    const teacher = await as(d.teacherA);
    const lower = await teacher.request("PUT", `${url()}/grading`, { maxPoints: "5" });
    expect(lower.statusCode).toBe(409);
    expect(errorOf(lower).message).toMatch(/already has 8 points/);
    expect((await teacher.request("PUT", `${url()}/grading`, { maxPoints: null })).statusCode).toBe(409);
  });

  it("exports marks as formula-safe CSV", async () => {
    const res = await (await as(d.teacherA)).request("GET", `${url()}/grades.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(res.body).toContain(`'=HYPERLINK(""http://x"")`);
    expect(res.body.split("\r\n")[0]).toBe("Student,Points,Most points,Comment,Posts,Graded at");
  });
});

describe("thread export", () => {
  it("is a self-contained HTML file: tree order, hidden posts marked, bodies sanitised, no scripts", async () => {
    const d = await buildDistrict(db);
    const p = await buildDiscussion(db, d);
    await db
      .update(discussionPosts)
      .set({
        body: `<p>Hi</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>`,
        hiddenAt: new Date(),
        hiddenReason: "<b>rude</b>",
      })
      .where(eq(discussionPosts.id, p.replyA1.id));
    const res = await (await as(d.teacherA)).request("GET", `/api/discussions/threads/${p.thread.id}/export.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="discussion-What-makes-a-river-healthy.html"/);
    const html = res.body;
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("Hidden by the teacher");
    expect(html).toContain("&#60;b&#62;rude&#60;/b&#62;");
    const order = [p.opening.id, p.replyA1.id, p.replyA2.id, p.pending.id].map((id) => html.indexOf(`id="post-${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("Waiting for approval");
  });
});

describe("teacher tools of a board and a thread", () => {
  it("counts what waits for the teachers and says who may moderate", async () => {
    const d = await buildDistrict(db);
    const p = await buildDiscussion(db, d);
    const teacher = (await (await as(d.teacherA)).request("GET", `/api/discussions/boards/${p.board.id}/teacher-tools`)).json() as {
      data: { moderate: boolean; pendingCount: number; openReportCount: number };
    };
    expect(teacher.data).toMatchObject({ moderate: true, pendingCount: 1, openReportCount: 1 });
    const student = (await (await as(d.studentA1)).request("GET", `/api/discussions/threads/${p.thread.id}/teacher-tools`)).json() as {
      data: { moderate: boolean; read: boolean; pendingCount: number };
    };
    expect(student.data).toMatchObject({ moderate: false, read: false, pendingCount: 0 });
  });
});
