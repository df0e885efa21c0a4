import type { TClassSummary, TGroupSetDetail, TRosterEntry } from "@stoa/contracts";
import { apiAs } from "./api";
import { expect, expectAccessible, expectHeading, login, test } from "./fixtures";
import { choose, signedIn } from "./portfolio-helpers";

// A page shared with a group: a member of the group sees it, a classmate outside the group does not.
// The set is made and published through the API (the groups screens have their own spec), with groups of two
// so the class surely has a classmate outside the owner's group.

test.use({ actionTimeout: 20_000 });

test("a page shared with a group is seen by a group member and not by a classmate outside it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const teacher = await apiAs("teacher1");
  const classes = await teacher.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await teacher.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const setName = `Portfolio groups ${Date.now()}`;
  let set = await teacher.call<TGroupSetDetail>("POST", `/api/classes/${cls.id}/group-sets`, {
    name: setName,
    strategy: "random",
    groupSize: 2,
    seed: 7,
  });
  set = await teacher.call<TGroupSetDetail>("POST", `/api/group-sets/${set.id}/publish`, { version: set.version });
  await teacher.dispose();
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
