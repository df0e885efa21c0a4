import type { TBoard, TBrainstormBoard, TClassSummary, TRosterEntry, TThreadSummary } from "@stoa/contracts";
import { apiAs } from "./api";
import { expect, expectAccessible, expectHeading, login, test } from "./fixtures";

// A student adds their own discussion post to their portfolio from the thread page and finds the copy in
// their library; editing the post afterwards does not change the copy.

test.use({ actionTimeout: 20_000 });

test("a student adds their own post to the portfolio and finds it in the library", async ({ page }) => {
  test.setTimeout(150_000);
  const teacher = await apiAs("teacher1");
  const classes = await teacher.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await teacher.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const student = roster.find((e) => e.role === "student" && e.status === "active" && e.username)!.username!;
  const board = await teacher.call<TBoard>("POST", "/api/discussions/boards", { classId: cls.id, title: `Evidence ${Date.now()}` });
  const threadTitle = `How rivers shape land ${Date.now()}`;
  const thread = await teacher.call<TThreadSummary>("POST", `/api/discussions/boards/${board.id}/threads`, {
    title: threadTitle,
    body: "<p>What did you notice on the walk?</p>",
  });
  await teacher.dispose();
  const words = `The bend eats the outer bank ${Date.now()}`;
  const studentApi = await apiAs(student);
  const mine = await studentApi.call<{ id: string }>("POST", `/api/discussions/threads/${thread.id}/posts`, { body: `<p>${words}</p>` });

  await login(page, student);
  await page.goto(`/discussions/threads/${thread.id}`);
  await expectHeading(page, threadTitle);
  const myPost = page.locator(`#post-${mine.id}`);
  // Only the student's own post offers it; the teacher's opening post does not.
  await expect(
    page.getByRole("article").filter({ hasText: "What did you notice" }).getByRole("button", { name: "Add to my portfolio" }),
  ).toHaveCount(0);
  await myPost.getByRole("button", { name: "Add to my portfolio" }).click();
  await expect(myPost.getByRole("status")).toContainText("A copy of your post as it is now is in your portfolio.");
  await expectAccessible(page, "thread after adding a post to the portfolio");

  // Later edits of the post do not change the copy.
  await studentApi.call("PATCH", `/api/discussions/posts/${mine.id}`, { body: "<p>Changed afterwards</p>" });
  await studentApi.dispose();

  await myPost.getByRole("link", { name: `Open “${threadTitle}”` }).click();
  await expectHeading(page, threadTitle);
  await expect(page.getByText(words)).toBeVisible();
  await expect(page.getByText(`From a discussion in “${threadTitle}”`)).toBeVisible();
  await expectAccessible(page, "artifact from a discussion post");

  await page.goto("/portfolio");
  await expectHeading(page, "My work");
  await expect(page.getByText(threadTitle).first()).toBeVisible();
  await expectAccessible(page, "library with the post");
});

test("a student adds a brainstorm board to the portfolio; an anonymous board stays without names", async ({ page }) => {
  test.setTimeout(120_000);
  const teacher = await apiAs("teacher1");
  const classes = await teacher.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await teacher.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const [writer, reader] = roster.filter((e) => e.role === "student" && e.status === "active" && e.username);
  const title = `Flood ideas ${Date.now()}`;
  const board = await teacher.call<TBrainstormBoard>("POST", "/api/brainstorm-boards", {
    classId: cls.id,
    title,
    layout: "columns",
    columns: ["Causes"],
    anonymous: true,
  });
  await teacher.dispose();
  const writerApi = await apiAs(writer!.username!);
  await writerApi.call("POST", `/api/brainstorm-boards/${board.id}/cards`, { text: "Heavy rain upstream", columnId: board.columns[0]!.id });
  await writerApi.dispose();

  await login(page, reader!.username!);
  await page.goto(`/brainstorm/${board.id}`);
  await expectHeading(page, title);
  await page.getByRole("button", { name: "Add to my portfolio" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A copy of this board" })).toBeVisible();
  await expectAccessible(page, "brainstorm board after adding it to the portfolio");
  await page.getByRole("link", { name: `Open “${title}”` }).click();
  await expectHeading(page, title);
  await expect(page.getByText("Heavy rain upstream")).toBeVisible();
  await expect(page.getByText(`From a brainstorm board: “${title}”`)).toBeVisible();
  await expect(page.getByText(`${writer!.preferredName || writer!.givenName} ${writer!.familyName}`)).toHaveCount(0);
  await expectAccessible(page, "artifact from a brainstorm board");
});
