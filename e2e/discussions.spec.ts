import type { Browser, Page } from "@playwright/test";
import type { TBoard, TClassSummary, TRosterEntry, TThreadSummary } from "@stoa/contracts";
import { apiAs } from "./api";
import { expect, expectAccessible, expectHeading, login, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

/** Types into a rich-text editor (Tiptap) found by its label, inside `scope`. */
async function typeRichText(scope: Page | ReturnType<Page["locator"]>, label: string | RegExp, text: string) {
  const editor = scope.getByRole("textbox", { name: label });
  await editor.click();
  await editor.pressSequentially(text);
}

/** A signed-in page in its own browser context (a second person at the same time). */
async function personPage(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username);
  return { page, close: () => context.close() };
}

/** teacher1's first class and two of its students. */
async function classWithStudents() {
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const students = roster.filter((e) => e.role === "student" && e.status === "active" && e.username);
  return { api, cls, first: { username: students[0]!.username! }, second: { username: students[1]!.username! } };
}

const post = (page: Page, text: string | RegExp) => page.getByRole("article").filter({ hasText: text });

test("a teacher opens a board; students post, reply in a tree, react, edit with history, and post first", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const { api, cls, first, second } = await classWithStudents();
  const boardTitle = `Class talk ${Date.now()}`;

  // The teacher creates a board from the class's discussions page.
  await login(page, "teacher1");
  await page.goto(`/classes/${cls.id}`);
  await expectHeading(page, cls.title);
  await page.getByRole("main").getByRole("link", { name: "Discussions", exact: true }).click();
  await expectHeading(page, "Discussion boards");
  await expectAccessible(page, "class discussions");
  await page.getByRole("button", { name: "New board" }).click();
  const dialog = page.getByRole("dialog", { name: "New board" });
  await dialog.getByRole("textbox", { name: /^Title/ }).fill(boardTitle);
  await expectAccessible(page, "board form");
  await dialog.getByRole("button", { name: "Create board" }).click();
  await expectHeading(page, boardTitle);
  await expectAccessible(page, "empty board");

  // The teacher starts a thread.
  await page.getByRole("button", { name: "Start a discussion" }).click();
  const start = page.getByRole("dialog", { name: "Start a discussion" });
  await start.getByRole("textbox", { name: /^Title/ }).fill("Rivers");
  await typeRichText(start, "What do you want to say?", "Where does the river begin?");
  await start.getByRole("button", { name: "Post", exact: true }).click();
  await expectHeading(page, "Rivers");
  await expectAccessible(page, "thread as teacher");
  const board = (await api.call<{ items: TBoard[] }>("GET", "/api/discussions/boards?pageSize=200")).items.find(
    (b) => b.title === boardTitle,
  )!;
  // A "post first" thread, made through the API.
  const predict = await api.call<TThreadSummary>("POST", `/api/discussions/boards/${board.id}/threads`, {
    title: "Predict first",
    body: "<p>What will float?</p>",
    postFirst: true,
  });

  // The first student finds the board in Discussions, replies, then replies to their own reply.
  const a = await personPage(browser, first.username);
  await a.page.getByRole("link", { name: "Discussions" }).first().click();
  await expectHeading(a.page, "Discussions");
  await expectAccessible(a.page, "my boards");
  await a.page.getByRole("link", { name: new RegExp(boardTitle) }).click();
  await expectHeading(a.page, boardTitle);
  await expectAccessible(a.page, "board as student");
  await a.page.getByRole("link", { name: /^Rivers / }).click();
  await expectHeading(a.page, "Rivers");
  await typeRichText(a.page, "Your reply", "In the mountains");
  await a.page.getByRole("button", { name: "Send" }).click();
  await expect(post(a.page, "In the mountains")).toBeVisible();
  await post(a.page, "In the mountains").getByRole("button", { name: "Reply", exact: true }).click();
  await typeRichText(a.page, /^Reply to /, "A spring, to be exact");
  await a.page.getByRole("button", { name: "Send" }).first().click();
  const nested = post(a.page, "A spring, to be exact");
  await expect(nested).toBeVisible();
  // Tree: the nested reply sits inside the list under the first reply.
  await expect(
    a.page
      .locator("li")
      .filter({ has: post(a.page, "In the mountains") })
      .getByText("A spring, to be exact"),
  ).toBeVisible();
  await expectAccessible(a.page, "thread as student (tree)");

  // Flat by time: the nested reply says whom it answers; the choice is remembered.
  await a.page.getByText("By time").click();
  await expect(nested.getByText(/→/)).toBeVisible();
  await a.page.reload();
  await expect(a.page.getByRole("radio", { name: "By time" })).toBeChecked();
  await expectAccessible(a.page, "thread as student (flat)");

  // React, edit with history.
  const like = post(a.page, "Where does the river begin?").getByRole("button", { name: /^Like: / });
  await like.click();
  await expect(post(a.page, "Where does the river begin?").getByRole("button", { name: "Like: 1" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await post(a.page, "In the mountains").getByRole("button", { name: "Edit" }).click();
  const editor = a.page.getByRole("textbox", { name: "Edit your post" });
  await editor.click();
  await editor.press("End");
  await editor.pressSequentially(" near a glacier");
  await a.page.getByRole("button", { name: "Save" }).click();
  const edited = post(a.page, "In the mountains near a glacier");
  await expect(edited.getByRole("button", { name: "(edited)" })).toBeVisible();
  await edited.getByRole("button", { name: "(edited)" }).click();
  const historyDialog = a.page.getByRole("dialog", { name: "Earlier versions" });
  await expect(historyDialog.getByText("In the mountains", { exact: true })).toBeVisible();
  await expectAccessible(a.page, "edit history");
  await historyDialog.getByRole("button").first().click();

  // Post first: the first student answers, the second sees nothing of it until answering too.
  await api.call("POST", `/api/discussions/threads/${predict.id}/read`);
  await a.page.goto(`/discussions/threads/${predict.id}`);
  await expect(a.page.getByText("Post your own reply first")).toBeVisible();
  await typeRichText(a.page, "Your reply", "The cork floats");
  await a.page.getByRole("button", { name: "Send" }).click();
  await expect(post(a.page, "The cork floats")).toBeVisible();
  await a.close();

  const b = await personPage(browser, second.username);
  await b.page.goto(`/discussions/threads/${predict.id}`);
  await expectHeading(b.page, "Predict first");
  await expect(b.page.getByText("Post your own reply first")).toBeVisible();
  await expect(b.page.getByText("The cork floats")).toHaveCount(0);
  await expectAccessible(b.page, "post first, before posting");
  await typeRichText(b.page, "Your reply", "The stone sinks");
  await b.page.getByRole("button", { name: "Send" }).click();
  await expect(post(b.page, "The cork floats")).toBeVisible();
  await expect(post(b.page, "The stone sinks")).toBeVisible();
  await b.close();

  // The teacher hides a post with a reason and sees the reason.
  await page.goto(`/discussions/threads/${predict.id}`);
  await post(page, "The stone sinks").getByRole("button", { name: "Hide" }).click();
  const hide = page.getByRole("dialog", { name: "Hide" });
  await hide.getByRole("textbox").fill("Please explain why");
  await hide.getByRole("button", { name: "Hide post" }).click();
  await expect(page.getByText("Hidden by the teacher: Please explain why")).toBeVisible();
  await expectAccessible(page, "thread with a hidden post (teacher)");

  // Search finds the edited reply and leads back to its thread.
  await page.goto("/discussions");
  await expectHeading(page, "Discussions");
  await page.getByRole("textbox", { name: "Search posts" }).fill("glacier");
  await page.getByRole("main").getByRole("button", { name: "Search", exact: true }).click();
  await expectHeading(page, "Search discussions");
  await expect(page.getByRole("main").getByRole("link", { name: "Rivers" }).first()).toBeVisible();
  await expectAccessible(page, "search results");
  await page.getByRole("main").getByRole("link", { name: "Rivers" }).first().click();
  await expectHeading(page, "Rivers");
  await api.dispose();
});

/** Needs the real-time client (realtime-core) in main: until then the second page does not update by itself. */
test("a reply shows up live for another reader of the thread", async ({ browser }) => {
  test.setTimeout(120_000);
  const { api, cls, first, second } = await classWithStudents();
  const board = await api.call<TBoard>("POST", "/api/discussions/boards", { classId: cls.id, title: `Live ${Date.now()}` });
  const thread = await api.call<TThreadSummary>("POST", `/api/discussions/boards/${board.id}/threads`, {
    title: "Live thread",
    body: "<p>Say hi</p>",
  });
  await api.dispose();
  const watcher = await personPage(browser, second.username);
  await watcher.page.goto(`/discussions/threads/${thread.id}`);
  await expectHeading(watcher.page, "Live thread");
  const writer = await personPage(browser, first.username);
  await writer.page.goto(`/discussions/threads/${thread.id}`);
  await typeRichText(writer.page, "Your reply", "Hello from far away");
  await writer.page.getByRole("button", { name: "Send" }).click();
  await expect(post(writer.page, "Hello from far away")).toBeVisible();
  await expect(post(watcher.page, "Hello from far away")).toBeVisible({ timeout: 15_000 });
  await expectAccessible(watcher.page, "thread updated live");
  await writer.close();
  await watcher.close();
});
