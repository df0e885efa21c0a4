import type { TClassSummary, TRosterEntry, TTask } from "@stoa/contracts";
import { apiAs, publishGroupSet } from "./api";
import { expect, expectAccessible, expectHeading, login, test } from "./fixtures";
import { choose, signedIn } from "./portfolio-helpers";

// A page shared with a group: a member of the group sees it, a classmate outside the group does not.
// The set is made and published through the API (the groups screens have their own spec), with groups of two
// so the class surely has a classmate outside the owner's group.

test.use({ actionTimeout: 20_000 });

/** A fresh published set of pairs in teacher1's first class, with its members' usernames. */
async function publishedPairs(label: string) {
  const teacher = await apiAs("teacher1");
  const classes = await teacher.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await teacher.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const setName = `${label} ${Date.now()}`;
  const set = await publishGroupSet(teacher, cls.id, { name: setName, groupSize: 2, seed: 7 });
  await teacher.dispose();
  return { cls, set, setName, usernameOf };
}

test("a page shared with a group is seen by a group member and not by a classmate outside it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { set, setName, usernameOf } = await publishedPairs("Portfolio groups");
  const group = set.groups.find((g) => g.members.length >= 2)!;
  const owner = usernameOf.get(group.members[0]!.userId)!;
  const member = usernameOf.get(group.members[1]!.userId)!;
  const outsiderId = set.groups.filter((g) => g.id !== group.id).flatMap((g) => g.members)[0]!.userId;
  const outsider = usernameOf.get(outsiderId)!;

  const title = `Our group poster ${Date.now()}`;
  const ownerApi = await apiAs(owner);
  const created = await ownerApi.call<{ id: string }>("POST", "/api/portfolio/pages", { title, description: "Made with my group." });
  await ownerApi.dispose();
  const pagePath = `/portfolio/pages/${created.id}`;

  // The owner shares the page with their group from the sharing panel.
  await login(page, owner);
  await page.goto(pagePath);
  await expectHeading(page, title);
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const panel = page.getByRole("dialog", { name: `Share “${title}”` });
  await choose(page, "Who?", "A group");
  await choose(page, "Group", new RegExp(`^${group.name} \\(${setName}`));
  await expectAccessible(page, "sharing panel with a group");
  await panel.getByRole("button", { name: "Share", exact: true }).click();
  await expect(panel.getByText(`Shared with ${group.name}.`)).toBeVisible();
  await expect(panel.getByText(`Group: ${group.name}`)).toBeVisible();
  await page.keyboard.press("Escape");

  // A member of the group finds it under "Shared with me".
  const mate = await signedIn(browser, member);
  await mate.page.goto("/portfolio/shared");
  await expectHeading(mate.page, "Shared with me");
  await mate.page.getByRole("link", { name: title }).click();
  await expectHeading(mate.page, title);
  await expectAccessible(mate.page, "group member views shared page");
  await mate.close();

  // A classmate in another group of the same set does not.
  const other = await signedIn(browser, outsider);
  await other.page.goto("/portfolio/shared");
  await expectHeading(other.page, "Shared with me");
  await expect(other.page.getByRole("link", { name: title })).toHaveCount(0);
  await expectAccessible(other.page, "outsider's shared with me");
  await other.page.goto(pagePath);
  await expectHeading(other.page, "Page not found");
  await expectAccessible(other.page, "outsider refused");
  await other.close();
});

test("a group member adds the group's task submission to their portfolio; the other member co-owns it", async ({ page }) => {
  test.setTimeout(180_000);
  const { cls, set, usernameOf } = await publishedPairs("Portfolio task");
  const group = set.groups.find((g) => g.members.length >= 2)!;
  const [first, second] = group.members.map((m) => usernameOf.get(m.userId)!);
  const title = `Pond study ${Date.now()}`;
  const teacher = await apiAs("teacher1");
  const task = await teacher.call<TTask>("POST", "/api/tasks", {
    classId: cls.id,
    setId: set.id,
    title,
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  await teacher.dispose();
  const firstApi = await apiAs(first!);
  await firstApi.call("PUT", `/api/tasks/${task.id}/groups/${group.id}/submission`, { version: 0, body: "<p>The pond has 12 frogs.</p>" });
  await firstApi.dispose();

  await login(page, first!);
  await page.goto(`/tasks/${task.id}/groups/${group.id}`);
  await expectHeading(page, new RegExp(title));
  await page.getByRole("tab", { name: "Our work" }).click();
  await page.getByRole("button", { name: "Add to my portfolio" }).click();
  await expect(page.getByText("A copy of your group’s work as it is now is in your portfolio.", { exact: false })).toBeVisible();
  await expectAccessible(page, "group space: added to portfolio");
  await page.getByRole("link", { name: `Open “${title} (${group.name})”` }).click();
  await expectHeading(page, `${title} (${group.name})`);
  await expect(page.getByText("The pond has 12 frogs.")).toBeVisible();
  await expect(page.getByText(`From Stoa: ${title}`)).toBeVisible();
  await expectAccessible(page, "artifact from a group task");

  // The other member of the group finds it among their own work.
  const secondApi = await apiAs(second!);
  const theirs = await secondApi.get<{ items: { title: string }[] }>("/api/portfolio/artifacts?pageSize=100");
  await secondApi.dispose();
  expect(theirs.items.map((a) => a.title)).toContain(`${title} (${group.name})`);
});
