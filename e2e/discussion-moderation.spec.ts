import type { Page } from "@playwright/test";
import type { TClassSummary, TMyDiscussionGrade, TReportsPage, TRosterEntry } from "@stoa/contracts";
import { apiAs, type Api } from "./api";
import { expect, expectAccessible, expectHeading, login, logout, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

/**
 * The discussion teacher tools in a real browser: a student's post waits for approval, the teacher
 * approves it and it appears; a reported post is hidden from the reports page; a teacher grades a
 * student's participation and the student sees their own mark.
 *
 * Boards, threads and posts are made through the discussions core API. Its paths are in `core`
 * below and nowhere else, so aligning them with the merged core is one place.
 */
const core = {
  createBoard: (api: Api, classId: string, title: string) =>
    api.call<{ id: string }>("POST", "/api/discussions/boards", {
      classId,
      title,
      description: "<p>Ideas for our river project.</p>",
      requiresApproval: true,
    }),
  createThread: (api: Api, boardId: string, title: string, body: string) =>
    api.call<{ id: string }>("POST", `/api/discussions/boards/${boardId}/threads`, { title, body }),
  reply: (api: Api, threadId: string, parentId: string | null, body: string) =>
    api.call<{ id: string; status: string }>("POST", `/api/discussions/threads/${threadId}/posts`, { parentId, body }),
  /** The opening post of a thread. */
  openingPost: async (api: Api, threadId: string) => {
    const thread = await api.call<{ posts?: { id: string; parentId: string | null }[]; openingPost?: { id: string } }>(
      "GET",
      `/api/discussions/threads/${threadId}`,
    );
    return thread.openingPost?.id ?? thread.posts?.find((p) => p.parentId === null)?.id ?? null;
  },
  threadPage: (threadId: string) => `/discussions/threads/${threadId}`,
};

/** True when the discussions core's thread page is in this build (it arrives with the core branch). */
async function hasThreadPage(page: Page, threadId: string): Promise<boolean> {
  await page.goto(core.threadPage(threadId));
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  return !(await page.getByRole("heading", { level: 1, name: /page not found/i }).isVisible());
}

interface World {
  teacher: string;
  students: [string, string];
  studentNames: [string, string];
  threadId: string;
  boardId: string;
  pendingText: string;
}
let world: World;

test.describe.serial("discussion teacher tools", () => {
  test.beforeAll(async () => {
    const teacherApi = await apiAs("teacher1");
    const classes = await teacherApi.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
    const cls = classes.items[0]!;
    const roster = await teacherApi.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
    const students = roster.filter((e) => e.role === "student" && e.status === "active" && e.username).slice(0, 2);
    const stamp = Date.now();
    const board = await core.createBoard(teacherApi, cls.id, `Moderated board ${stamp}`);
    const thread = await core.createThread(teacherApi, board.id, `River ideas ${stamp}`, "<p>What did you notice at the river?</p>");
    const opening = await core.openingPost(teacherApi, thread.id);
    const first = await apiAs(students[0]!.username!);
    const pendingText = `Frogs by the bridge ${stamp}`;
    const posted = await core.reply(first, thread.id, opening, `<p>${pendingText}</p>`);
    expect(posted.status, "a student's post on a board that needs approval waits").toBe("pending");
    await first.dispose();
    await teacherApi.dispose();
    const name = (e: TRosterEntry) => `${e.preferredName?.trim() || e.givenName} ${e.familyName}`;
    world = {
      teacher: "teacher1",
      students: [students[0]!.username!, students[1]!.username!],
      studentNames: [name(students[0]!), name(students[1]!)],
      threadId: thread.id,
      boardId: board.id,
      pendingText,
    };
  });

  test("a student's post waits; the teacher approves it from the queue; it appears", async ({ page }) => {
    await login(page, world.teacher);
    await page.goto(`/discussions/approvals?boardId=${world.boardId}`);
    await expectHeading(page, "Posts waiting for approval");
    const card = page.getByRole("article").filter({ hasText: world.pendingText });
    await expect(card).toBeVisible();
    await expectAccessible(page, "approval queue");
    await card.getByRole("button", { name: `Approve the post by ${world.studentNames[0]}` }).click();
    await expect(page.getByText("Post approved: everyone on the board can read it now")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Nothing is waiting" })).toBeVisible();
    await expectAccessible(page, "empty approval queue");
    await logout(page);

    // The other student now reads it (on the thread page, once the core's page is in the build).
    await login(page, world.students[1]);
    if (await hasThreadPage(page, world.threadId)) {
      await expect(page.getByText(world.pendingText)).toBeVisible();
      await expectAccessible(page, "thread page with the approved post");
    } else test.info().annotations.push({ type: "skipped-part", description: "thread page not in this build: checked the queue only" });
  });

  test("a reader reports the post; the teacher hides it with a reason from the reports page", async ({ page }) => {
    const reporter = await apiAs(world.students[1]);
    const approved = await apiAs(world.teacher);
    const queue = await approved.call<TReportsPage>("GET", "/api/discussions/reports");
    expect(queue.items.filter((r) => r.post.threadId === world.threadId)).toHaveLength(0);
    await approved.dispose();

    // Report through the thread page's Report button when the page is there, else through the API.
    await login(page, world.students[1]);
    const postId = await findPostId(reporter, world.pendingText);
    if (await hasThreadPage(page, world.threadId)) {
      const post = page.locator(`#post-${postId}`);
      await post.getByRole("button", { name: "Report this post to the teacher" }).click();
      const dialog = page.getByRole("dialog", { name: "Report this post" });
      await dialog.getByRole("button", { name: "Send report" }).click();
      await expect(dialog.getByText("Write a reason first.")).toBeVisible();
      await dialog.getByRole("textbox", { name: "Reason" }).fill("It names a classmate unkindly");
      await expectAccessible(page, "report dialog");
      await dialog.getByRole("button", { name: "Send report" }).click();
      await expect(page.getByText("Thank you. Your teacher will look at this post.")).toBeVisible();
    } else {
      await reporter.call("POST", `/api/discussions/posts/${postId}/reports`, { reason: "It names a classmate unkindly" });
    }
    await reporter.dispose();
    await logout(page);

    await login(page, world.teacher);
    await page.goto("/discussions/reports");
    await expectHeading(page, "Reported posts");
    const card = page.getByRole("article").filter({ hasText: world.pendingText });
    await expect(card.getByText("Reason: It names a classmate unkindly")).toBeVisible();
    await expect(card.getByText(new RegExp(`Reported by ${world.studentNames[1]}`))).toBeVisible();
    await expectAccessible(page, "reports page");
    await card.getByRole("button", { name: `Hide the post by ${world.studentNames[0]}` }).click();
    const dialog = page.getByRole("dialog", { name: "Hide this post" });
    await dialog.getByRole("textbox", { name: "Reason" }).fill("Please be kind to classmates");
    await expectAccessible(page, "hide dialog");
    await dialog.getByRole("button", { name: "Hide post" }).click();
    await expect(page.getByText("Post hidden; the reporters were told")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "No reports" })).toBeVisible();
    await page.getByText("Dealt with").click();
    const resolved = page.getByRole("article").filter({ hasText: world.pendingText });
    await expect(resolved.getByText("The post was hidden")).toBeVisible();
    await expect(resolved.getByText("Hidden: Please be kind to classmates")).toBeVisible();
    await expectAccessible(page, "resolved reports");
  });

  test("the teacher grades a student's participation; the student sees only their own mark", async ({ page }) => {
    await login(page, world.teacher);
    await page.goto(`/discussions/threads/${world.threadId}/grading`);
    await expectHeading(page, "Grade the discussion");
    await expect(page.getByText(/not graded yet/)).toBeVisible();
    await expectAccessible(page, "grading page, not graded");
    await page.getByRole("textbox", { name: "Most points" }).fill("10");
    await page.getByRole("button", { name: "Make this a graded discussion" }).click();
    await expect(page.getByText("Graded out of 10 points")).toBeVisible();
    const student = page.getByRole("region", { name: world.studentNames[0] });
    await expect(student.getByText(world.pendingText)).toBeVisible();
    const points = student.getByRole("textbox", { name: `Points for ${world.studentNames[0]} (0 to 10)` });
    await points.fill("12");
    await student.getByRole("button", { name: "Save mark" }).click();
    await expect(student.getByText("Write a number such as 8 or 7.5, from 0 to 10.")).toBeVisible();
    await points.fill("7.5");
    await student.getByRole("textbox", { name: `Comment for ${world.studentNames[0]}` }).fill("Good noticing; reply to others next time");
    await student.getByRole("button", { name: "Save mark" }).click();
    await expect(page.getByText(`Mark saved for ${world.studentNames[0]}`)).toBeVisible();
    await expect(student.getByText(/^Saved /)).toBeVisible();
    await expectAccessible(page, "grading page with a mark");
    await logout(page);

    const mine = await apiAs(world.students[0]);
    expect(await mine.call<TMyDiscussionGrade>("GET", `/api/discussions/threads/${world.threadId}/my-grade`)).toMatchObject({
      maxPoints: "10",
      grade: { points: "7.5", comment: "Good noticing; reply to others next time" },
    });
    expect(await mine.status(`/api/discussions/threads/${world.threadId}/grading`)).toBe(404);
    await mine.dispose();
    const other = await apiAs(world.students[1]);
    expect((await other.call<TMyDiscussionGrade>("GET", `/api/discussions/threads/${world.threadId}/my-grade`)).grade).toBeNull();
    await other.dispose();

    await login(page, world.students[0]);
    if (await hasThreadPage(page, world.threadId)) {
      const mark = page.getByRole("region", { name: "Your mark for this discussion" });
      await expect(mark.getByText("7.5 out of 10 points")).toBeVisible();
      await expectAccessible(page, "student's thread page with their mark");
    }
  });
});

/** The id of the post with this text, through the teacher-tools API the teacher sees (grading sheet). */
async function findPostId(_api: Api, text: string): Promise<string> {
  const teacher = await apiAs(world.teacher);
  const sheet = await teacher.call<{ students: { posts: { id: string; body: string }[] }[] }>(
    "GET",
    `/api/discussions/threads/${world.threadId}/grading`,
  );
  await teacher.dispose();
  const post = sheet.students.flatMap((s) => s.posts).find((p) => p.body.includes(text));
  if (!post) throw new Error(`no post with "${text}"`);
  return post.id;
}
