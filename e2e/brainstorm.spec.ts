import type { TBrainstormBoard, TClassSummary, TRosterEntry } from "@stoa/contracts";
import type { Browser, Page } from "@playwright/test";
import { apiAs, publishGroupSet } from "./api";
import { displayName, expect, expectAccessible, expectHeading, login, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

/** teacher1's first class and two of its students' usernames. */
async function classWithStudents() {
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const students = roster.filter((e) => e.role === "student" && e.status === "active");
  return { api, cls, first: students[0]!, second: students[1]! };
}

/** The card on the page whose text is `text`. */
const cardOf = (page: Page, text: string) => page.getByTestId("brainstorm-card").filter({ hasText: text });

async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/**
 * Without real time: the teacher starts an anonymous board from the class page; a student adds a
 * card, votes and moves it with the keyboard; a classmate sees the card without its author; the
 * teacher sees the author and freezes the board; the classmate can no longer add.
 */
test("a teacher starts a board; students add, vote and move cards; anonymity and freeze hold", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { api, cls, first, second } = await classWithStudents();
  const title = `Flood ideas ${Date.now()}`;

  await login(page, "teacher1");
  await page.goto(`/classes/${cls.id}`);
  await expectHeading(page, cls.title);
  await expect(page.getByRole("heading", { name: "Brainstorm boards" })).toBeVisible();
  await page.getByRole("button", { name: "New brainstorm board" }).click();
  const dialog = page.getByRole("dialog", { name: "New brainstorm board" });
  await dialog.getByRole("textbox", { name: /Board title/ }).fill(title);
  await dialog.getByRole("switch", { name: /Hide names from classmates/ }).check();
  await expectAccessible(page, "new brainstorm board form");
  await dialog.getByRole("button", { name: "Start the board" }).click();
  await expectHeading(page, title);
  await expect(page.getByRole("heading", { name: "Teacher controls" })).toBeVisible();
  await expectAccessible(page, "teacher's brainstorm board");
  const boardUrl = page.url();
  const boardId = boardUrl.split("/brainstorm/")[1]!;

  // The first student adds a card, votes for it and moves it with the arrow keys.
  const a = await signedIn(browser, first.username!);
  await a.page.goto(boardUrl);
  await expectHeading(a.page, title);
  await a.page.getByRole("textbox", { name: /Your idea/ }).fill("Too much rain upstream");
  await a.page.getByRole("button", { name: "Add card" }).click();
  const card = cardOf(a.page, "Too much rain upstream");
  await expect(card).toBeVisible();
  await expect(card).toContainText("You");
  await card.getByRole("button", { name: /Vote for this card/ }).click();
  await expect(a.page.getByTestId("votes-left")).toHaveText("You have 2 votes left");
  await expectAccessible(a.page, "student's brainstorm board");
  const before = (await api.call<TBrainstormBoard>("GET", `/api/brainstorm-boards/${boardId}`)).cards[0]!;
  await card.focus();
  await a.page.keyboard.press("ArrowRight");
  await a.page.keyboard.press("ArrowRight");
  await a.page.keyboard.press("ArrowDown");
  await expect(a.page.getByRole("status").filter({ hasText: "Card moved to" })).toHaveText(
    `Card moved to ${before.x + 40}, ${before.y + 20}.`,
  );
  await expect
    .poll(async () => (await api.call<TBrainstormBoard>("GET", `/api/brainstorm-boards/${boardId}`)).cards[0]!)
    .toMatchObject({ x: before.x + 40, y: before.y + 20, votes: 1 });

  // A classmate sees the card and its vote, not who wrote it.
  const b = await signedIn(browser, second.username!);
  await b.page.goto(boardUrl);
  const seen = cardOf(b.page, "Too much rain upstream");
  await expect(seen).toContainText("Someone");
  await expect(seen).not.toContainText(displayName(first));
  await expect(b.page.getByText(/Names are hidden on this board/)).toBeVisible();
  await expectAccessible(b.page, "classmate's anonymous board");

  // The teacher sees the author, then freezes the board.
  await page.reload();
  await expect(cardOf(page, "Too much rain upstream")).toContainText(displayName(first));
  await page.getByRole("switch", { name: /Freeze the board/ }).click();
  await expect(page.getByRole("switch", { name: /Freeze the board/ })).toBeChecked();
  await expect(page.getByText("Frozen", { exact: true })).toBeVisible();

  await b.page.reload();
  await expect(b.page.getByText(/Your teacher froze this board/)).toBeVisible();
  await expect(b.page.getByRole("textbox", { name: /Your idea/ })).toHaveCount(0);
  await expect(cardOf(b.page, "Too much rain upstream").getByRole("button", { name: /Vote for this card/ })).toBeDisabled();
  await expectAccessible(b.page, "frozen board");
  await api.dispose();
  await a.context.close();
  await b.context.close();
});

/**
 * Live (passes once the real-time client is in main): two students on one columns board; a card
 * added by one appears for the other, a card moved by one moves for the other, and the teacher's
 * freeze reaches both without a reload.
 */
test("a card added and moved by one student appears and moves for the other, live", async ({ browser }) => {
  test.setTimeout(180_000);
  const { api, cls, first, second } = await classWithStudents();
  const board = await api.call<TBrainstormBoard>("POST", "/api/brainstorm-boards", {
    classId: cls.id,
    title: `Live board ${Date.now()}`,
    layout: "columns",
    columns: ["Ideas", "Questions"],
  });
  const [ideas, questions] = board.columns;
  const a = await signedIn(browser, first.username!);
  const b = await signedIn(browser, second.username!);
  await a.page.goto(`/brainstorm/${board.id}`);
  await b.page.goto(`/brainstorm/${board.id}`);
  await expect(a.page.getByTestId("board-live")).toHaveText("This board updates live");
  await expect(b.page.getByTestId("board-live")).toHaveText("This board updates live");

  await a.page.getByRole("textbox", { name: /Your idea/ }).fill("Ask the ranger");
  await a.page.getByRole("button", { name: "Add card" }).click();
  const columnOf = (page: Page, title: string) =>
    page.getByTestId("brainstorm-column").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(columnOf(b.page, ideas!.title).getByTestId("brainstorm-card").filter({ hasText: "Ask the ranger" })).toBeVisible();

  // Moved by keyboard into the next column: it moves on the other screen too.
  const card = cardOf(a.page, "Ask the ranger");
  await card.focus();
  await a.page.keyboard.press("ArrowRight");
  await expect(columnOf(a.page, questions!.title).getByTestId("brainstorm-card").filter({ hasText: "Ask the ranger" })).toBeVisible();
  await expect(columnOf(b.page, questions!.title).getByTestId("brainstorm-card").filter({ hasText: "Ask the ranger" })).toBeVisible();
  await expect(columnOf(b.page, ideas!.title).getByTestId("brainstorm-card")).toHaveCount(0);
  await expectAccessible(b.page, "live columns board");

  await api.call("PATCH", `/api/brainstorm-boards/${board.id}`, { frozen: true });
  await expect(b.page.getByText(/Your teacher froze this board/)).toBeVisible();
  await expect(a.page.getByRole("textbox", { name: /Your idea/ })).toHaveCount(0);
  await api.dispose();
  await a.context.close();
  await b.context.close();
});

/** Live (needs the real-time client): a card dragged with the pointer on a canvas moves on the other screen. */
test("a card dragged on a canvas by one student moves for the other, live", async ({ browser }) => {
  test.setTimeout(180_000);
  const { api, cls, first, second } = await classWithStudents();
  const board = await api.call<TBrainstormBoard>("POST", "/api/brainstorm-boards", { classId: cls.id, title: `Canvas ${Date.now()}` });
  const a = await signedIn(browser, first.username!);
  const b = await signedIn(browser, second.username!);
  await a.page.goto(`/brainstorm/${board.id}`);
  await b.page.goto(`/brainstorm/${board.id}`);
  await a.page.getByRole("textbox", { name: /Your idea/ }).fill("Plant trees on the banks");
  await a.page.getByRole("button", { name: "Add card" }).click();
  const mine = cardOf(a.page, "Plant trees on the banks");
  const theirs = cardOf(b.page, "Plant trees on the banks");
  await expect(theirs).toBeVisible();
  // The mouse works in viewport coordinates: bring both cards into view first.
  await theirs.scrollIntoViewIfNeeded();
  const from = (await theirs.boundingBox())!;
  await mine.scrollIntoViewIfNeeded();
  const box = (await mine.boundingBox())!;
  await a.page.mouse.move(box.x + 20, box.y + 10);
  await a.page.mouse.down();
  await a.page.mouse.move(box.x + 120, box.y + 70, { steps: 8 });
  await a.page.mouse.move(box.x + 220, box.y + 130, { steps: 8 });
  await a.page.mouse.up();
  await expect
    .poll(async () => (await api.call<TBrainstormBoard>("GET", `/api/brainstorm-boards/${board.id}`)).cards[0]!.x)
    .toBeGreaterThan(150);
  await expect.poll(async () => Math.round((await theirs.boundingBox())!.x - from.x)).toBeGreaterThan(150);
  await expectAccessible(b.page, "live canvas board");
  await api.dispose();
  await a.context.close();
  await b.context.close();
});

/** A student starts a columns board in their own group's space and adds a card to a chosen column; a student of another group cannot open it. */
test("a student starts a board in their group's space", async ({ page }) => {
  test.setTimeout(180_000);
  const { api, cls } = await classWithStudents();
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const setName = `Brainstorm teams ${Date.now()}`;
  const set = await publishGroupSet(api, cls.id, { name: setName, groupSize: 2, seed: 7 });
  await api.dispose();
  const [group, otherGroup] = set.groups.filter((g) => g.members.length >= 1);
  const member = usernameOf.get(group!.members[0]!.userId)!;

  await login(page, member);
  await page.goto("/my-groups");
  const card = page.locator("section").filter({ hasText: setName });
  await card
    .first()
    .getByRole("link", { name: /^Brainstorm boards/ })
    .click();
  await expectHeading(page, "Our brainstorm boards");
  await expectAccessible(page, "group's brainstorm boards (empty)");
  await page.getByRole("button", { name: "New brainstorm board" }).click();
  const dialog = page.getByRole("dialog", { name: "New brainstorm board" });
  await dialog.getByRole("textbox", { name: /Board title/ }).fill("Our plan");
  await dialog.getByText("Columns", { exact: true }).click();
  await expect(dialog.getByRole("radio", { name: "Columns" })).toBeChecked();
  await dialog.getByRole("button", { name: "Start the board" }).click();
  await expectHeading(page, "Our plan");
  await expect(page.getByTestId("brainstorm-column")).toHaveCount(3);
  await page.getByRole("textbox", { name: /Your idea/ }).fill("Who brings the map?");
  await page.getByRole("combobox", { name: "Column" }).click();
  await page.getByRole("option", { name: "Questions" }).click();
  await page.getByRole("button", { name: "Add card" }).click();
  const questions = page.getByTestId("brainstorm-column").filter({ has: page.getByRole("heading", { name: "Questions" }) });
  await expect(questions.getByTestId("brainstorm-card").filter({ hasText: "Who brings the map?" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Teacher controls" })).toHaveCount(0);
  await expectAccessible(page, "student's group board");
  const boardPath = new URL(page.url()).pathname;

  if (otherGroup) {
    const outsider = await apiAs(usernameOf.get(otherGroup.members[0]!.userId)!);
    expect(await outsider.status(`/api${boardPath.replace("/brainstorm/", "/brainstorm-boards/")}`)).toBe(404);
    await outsider.dispose();
  }
});
