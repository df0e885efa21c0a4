import type { TClassSummary, TRosterEntry } from "@stoa/contracts";
import { apiAs, publishGroupSet } from "./api";
import { expect, expectAccessible, expectHeading, login, logout, test } from "./fixtures";

// Fail a stuck step quickly instead of waiting out the whole test.
test.use({ actionTimeout: 20_000 });

/**
 * A published group set is made through the API (the groups screens have their own spec); the
 * teacher creates the task in the browser, two students of one group sign the charter, move a
 * card, write and hand in their work, and the teacher sees the group's progress.
 */
test("a teacher sets a group task; a group agrees its charter, works the board and hands in", async ({ page }) => {
  test.setTimeout(240_000);
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const setName = `Tasks e2e ${Date.now()}`;
  const set = await publishGroupSet(api, cls.id, { name: setName, groupSize: 2, seed: 11 });
  await api.dispose();
  const group = set.groups.find((g) => g.members.length >= 2)!;
  const [first, second] = group.members;
  const title = `River study ${Date.now()}`;

  // The teacher creates the task from the class page.
  await login(page, "teacher1");
  await page.goto(`/classes/${cls.id}`);
  await expectHeading(page, cls.title);
  await expect(page.getByRole("heading", { name: "Group tasks" })).toBeVisible();
  await expectAccessible(page, "class page with group tasks");
  await page.getByRole("button", { name: "New group task" }).click();
  const dialog = page.getByRole("dialog", { name: "New group task" });
  await dialog.getByRole("combobox", { name: /^Group set/ }).click();
  await page.getByRole("option", { name: setName }).click();
  await dialog.getByRole("textbox", { name: /^Title/ }).fill(title);
  await expectAccessible(page, "task form");
  await dialog.getByRole("button", { name: "Create task" }).click();
  await expectHeading(page, title);
  await expect(page.getByRole("link", { name: group.name, exact: true })).toBeVisible();
  await expectAccessible(page, "teacher's task page");
  await logout(page);

  // The first member finds the task on their home page, writes and signs the charter, adds a card and moves it.
  await login(page, usernameOf.get(first!.userId)!);
  await page.getByRole("link", { name: new RegExp(title) }).click();
  await expectHeading(page, new RegExp(title));
  await expectAccessible(page, "group space: team");
  await page.getByRole("tab", { name: "Charter" }).click();
  await page.getByRole("button", { name: "Write the charter" }).click();
  await page.getByRole("textbox", { name: "Our goals" }).fill("Measure the river and explain what we found");
  await page.getByRole("textbox", { name: "How we decide" }).fill("We vote");
  await page.getByRole("button", { name: "Save charter" }).click();
  await page.getByRole("button", { name: "I agree and sign" }).click();
  await expect(page.getByText(`${first!.name} signed`)).toBeVisible();
  await expect(page.getByText("Charter not agreed yet").first()).toBeVisible();
  await expectAccessible(page, "group space: charter");

  await page.getByRole("tab", { name: "Board" }).click();
  await page.getByRole("textbox", { name: "New card" }).fill("Measure the depth");
  await page.getByRole("button", { name: "Add card" }).click();
  const todo = page.getByRole("region", { name: "To do" });
  await expect(todo.getByRole("button", { name: "Measure the depth" })).toBeVisible();
  // The keyboard alternative to dragging: the card's "Move to" select.
  await todo.getByRole("combobox", { name: "Move to" }).click();
  await page.getByRole("option", { name: "Doing" }).click();
  const doing = page.getByRole("region", { name: "Doing" });
  await expect(doing.getByRole("button", { name: "Measure the depth" })).toBeVisible();
  await expectAccessible(page, "group space: board");

  await page.getByRole("tab", { name: "Our work" }).click();
  await page.getByRole("textbox", { name: "Our work" }).click();
  await page.keyboard.type("The river is 2 metres deep in the middle.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText(/Version 1, saved by/)).toBeVisible();
  await expectAccessible(page, "group space: submission");
  await logout(page);

  // The second member sees the card, signs (now agreed), and hands the work in.
  await login(page, usernameOf.get(second!.userId)!);
  await page.getByRole("link", { name: new RegExp(title) }).click();
  await page.getByRole("tab", { name: "Board" }).click();
  await expect(page.getByRole("region", { name: "Doing" }).getByRole("button", { name: "Measure the depth" })).toBeVisible();
  // Drag and drop moves a card too.
  await page.getByRole("listitem", { name: "Measure the depth" }).dragTo(page.getByRole("region", { name: "Done" }));
  await expect(page.getByRole("region", { name: "Done" }).getByRole("button", { name: "Measure the depth" })).toBeVisible();
  await page.getByRole("tab", { name: "Charter" }).click();
  await page.getByRole("button", { name: "I agree and sign" }).click();
  await expect(page.getByText("Charter agreed").first()).toBeVisible();
  await page.getByRole("tab", { name: "Our work" }).click();
  await page.getByRole("button", { name: "Hand in", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Hand in" }).click();
  await expect(page.getByText(/Handed in by/)).toBeVisible();
  await expectAccessible(page, "group space: handed in");
  await page.getByRole("tab", { name: "Who did what" }).click();
  await expect(page.getByRole("region", { name: first!.name })).toContainText("1 save of our work");
  await expectAccessible(page, "group space: contributions");
  await logout(page);

  // The teacher sees the group's charter agreed and the work handed in, and reads the space.
  await login(page, "teacher1");
  await page.goto(`/classes/${cls.id}`);
  await page.getByRole("link", { name: title }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: group.name, exact: true }) });
  await expect(row).toContainText("Charter agreed");
  await expect(row).toContainText("Handed in");
  await row.getByRole("link", { name: group.name, exact: true }).click();
  await expect(page.getByText(/as their teacher/)).toBeVisible();
  await expectAccessible(page, "teacher reading a group space");
});
