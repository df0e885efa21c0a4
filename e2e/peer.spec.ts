import type { TClassSummary, TRosterEntry, TTask, TTaskOverview } from "@stoa/contracts";
import { apiAs, publishGroupSet } from "./api";
import { expect, expectAccessible, expectHeading, login, logout, test } from "./fixtures";

/**
 * Sets up through the API what other areas' screens make (a published set of groups of three and
 * a task whose rating window is open), then walks the peer-assessment screens in the browser.
 */
test("students rate each other; the teacher enters the group mark and sees individual marks", async ({ page }) => {
  test.setTimeout(300_000);
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const set = await publishGroupSet(api, cls.id, { name: `Peer e2e ${Date.now()}`, groupSize: 3, seed: 7 });
  const hour = 3600_000;
  const task = await api.call<TTask>("POST", "/api/tasks", {
    classId: cls.id,
    setId: set.id,
    title: "Peer e2e bridge",
    dueAt: new Date(Date.now() + 48 * hour).toISOString(),
    ratingOpensAt: new Date(Date.now() - hour).toISOString(),
    ratingClosesAt: new Date(Date.now() + 24 * hour).toISOString(),
  });
  const group = set.groups.find((g) => g.members.length === 3) ?? set.groups[0]!;
  const members = group.members;

  // Each member rates their teammates: the first member gets 2s from the others, everyone else 4s.
  const low = members[0]!.userId;
  for (const member of members) {
    await login(page, usernameOf.get(member.userId)!);
    await page.goto(`/tasks/${task.id}/rate`);
    await expectHeading(page, /rate your teammates/i);
    await expectAccessible(page, "rating form");
    const teammates = members.filter((m) => m.userId !== member.userId);
    for (const [i, mate] of teammates.entries()) {
      const section = page.getByRole("region", { name: new RegExp(`About ${mate.name}`) });
      await expect(section).toBeVisible();
      const score = mate.userId === low ? "2" : "4";
      for (const question of await section.getByRole("radiogroup").all())
        await question.getByRole("radio", { name: new RegExp(`^${score}`) }).click();
      await section.getByRole("textbox").fill(mate.userId === low ? "Missed our meetings" : "Great teamwork");
      if (i < teammates.length - 1) await page.getByRole("button", { name: /next person/i }).click();
    }
    await page.getByRole("button", { name: /send my ratings/i }).click();
    await expect(page.getByRole("status").filter({ hasText: /thank you/i })).toBeVisible();
    await expectAccessible(page, "rating form after sending");
    await logout(page);
  }

  // The teacher: the overview shows who rated, then the group mark turns into individual marks.
  await login(page, "teacher1");
  await page.goto(`/tasks/${task.id}/overview`);
  await expectHeading(page, /marks and peer assessment/i);
  const panel = page.getByRole("region", { name: group.name, exact: true });
  await expect(panel.getByText(`3 of 3 rated`)).toBeVisible();
  await expectAccessible(page, "task overview");
  await panel.getByLabel(`Group mark for ${group.name}`).fill("60");
  await panel.getByRole("button", { name: /save mark/i }).click();
  await expect(panel.getByText(/rated far below/i)).toBeVisible();

  const overview = await api.call<TTaskOverview>("GET", `/api/tasks/${task.id}/peer/overview`);
  const marks = overview.groups.find((g) => g.summary.group.id === group.id)!.marks;
  // Low member: 2 of 6 from each of two raters -> S = 2 x 1/3 x 3/3 = 0.67 ... the rest above 60.
  const lowMark = marks.find((m) => m.user.id === low)!;
  expect(lowMark.finalMark).toBeLessThan(60);
  for (const m of marks) {
    const row = panel.getByRole("row", { name: new RegExp(m.user.name) });
    // Columns: factor, ratings received, computed mark, final mark (the student's name is the row header).
    await expect(row.getByRole("cell").nth(0)).toHaveText(m.factor.toFixed(2));
    await expect(row.getByRole("cell").nth(3)).toContainText(m.finalMark!.toFixed(1));
  }
  await expectAccessible(page, "task overview with marks");

  // Override the low mark with a reason.
  await panel.getByRole("button", { name: `Change mark: ${members[0]!.name}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/new mark/i).fill("58");
  await dialog.getByLabel(/reason/i).fill("Was ill for the second week");
  await expectAccessible(page, "override dialog");
  await dialog.getByRole("button", { name: /save new mark/i }).click();
  await expect(panel.getByText(/was ill for the second week/i)).toBeVisible();
  await expect(page.getByRole("link", { name: /export marks/i })).toHaveAttribute("href", `/api/tasks/${task.id}/peer/marks.csv`);
  await api.dispose();
});
