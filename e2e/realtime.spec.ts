import type { TClassSummary, TRosterEntry, TTask } from "@stoa/contracts";
import { apiAs, publishGroupSet } from "./api";
import { expect, expectAccessible, login, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

/**
 * Two members of one group have the group's board open in two browsers: a card one of them adds
 * appears for the other without a reload, and the header says the page is live.
 */
test("a card added by one member appears live on the other member's board", async ({ browser }) => {
  test.setTimeout(180_000);
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const set = await publishGroupSet(api, cls.id, { name: `Live e2e ${Date.now()}`, groupSize: 2, seed: 5 });
  const task = await api.call<TTask>("POST", "/api/tasks", {
    classId: cls.id,
    setId: set.id,
    title: `Live board ${Date.now()}`,
    instructions: "<p>Plan the study together.</p>",
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  await api.dispose();
  const group = set.groups.find((g) => g.members.length >= 2)!;
  const [first, second] = group.members;
  const spaceUrl = `/tasks/${task.id}/groups/${group.id}?tab=board`;

  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  try {
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await login(a, usernameOf.get(first!.userId)!);
    await login(b, usernameOf.get(second!.userId)!);
    await a.goto(spaceUrl);
    await b.goto(spaceUrl);
    await expect(a.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    await expect(b.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
    await expect(b.getByRole("textbox", { name: "New card" })).toBeVisible();
    await expectAccessible(b, "group board with the live status");

    const title = `Find a measuring rope ${Date.now()}`;
    await a.getByRole("textbox", { name: "New card" }).fill(title);
    await a.getByRole("button", { name: "Add card" }).click();
    await expect(a.getByRole("region", { name: "To do" }).getByRole("button", { name: title })).toBeVisible();
    // No reload on b: the event arrives over the WebSocket and the board reads itself again.
    await expect(b.getByRole("region", { name: "To do" }).getByRole("button", { name: title })).toBeVisible({ timeout: 10_000 });
    await expectAccessible(b, "group board after a live update");
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
