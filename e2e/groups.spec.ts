import type { TClassSummary, TGroupSetDetail, TRosterEntry } from "@stoa/contracts";
import { expect, expectAccessible, expectHeading, login, logout, test } from "./fixtures";

type Paged<T> = { items: T[]; total: number };

test.describe("groups", () => {
  test("teacher1 forms a criteria-based set, moves a student, publishes; a student of the class sees their group", async ({ page }) => {
    // A long walk with axe on every page (each check takes seconds on the test machine).
    test.setTimeout(300_000);
    await login(page, "teacher1");
    const classes = ((await (await page.request.get("/api/classes?status=active&pageSize=100")).json()) as { data: Paged<TClassSummary> })
      .data;
    // The demo seed gives teacher1's classes reading levels, maths scores and survey answers.
    const cls = classes.items.find((c) => c.myRole === "teacher")!;
    expect(cls, "teacher1 teaches a class in the demo district").toBeTruthy();

    // The class page leads to its groups.
    await page.goto(`/classes/${cls.id}`);
    await expectHeading(page, cls.title);
    await page.getByRole("link", { name: "Groups", exact: true }).click();
    await expectHeading(page, new RegExp(`Groups · ${cls.title}`));
    await expect(page.getByRole("link", { name: "Table groups" }).or(page.getByText("No group sets yet")).first()).toBeVisible();
    await expectAccessible(page, "class groups (teacher)");

    // Survey and student data.
    await page.getByRole("link", { name: "Survey and student data" }).click();
    await expectHeading(page, "Survey and student data");
    await expect(
      page
        .getByRole("cell", { name: "reading level" })
        .or(page.getByRole("columnheader", { name: "reading level" }))
        .first(),
    ).toBeVisible();
    await expectAccessible(page, "survey and student data");
    await page.goBack();

    // The wizard: by criteria, groups of 4, two criteria (maths score mixed, reading level matched).
    await page.getByRole("link", { name: "New group set" }).click();
    await expectHeading(page, "New group set");
    const name = `Project teams ${Date.now()}`;
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("radio", { name: "By criteria" }).check();
    await page.getByRole("textbox", { name: "Students per group" }).fill("4");
    await page.getByRole("button", { name: "Add a criterion" }).click();
    await page.getByRole("button", { name: "Add a criterion" }).click();
    await expect(page.getByTestId("criterion-1")).toBeVisible();
    await page.getByRole("switch", { name: /new partners/i }).check();
    await expectAccessible(page, "create wizard");
    await page.getByRole("button", { name: "Make the groups" }).click();

    // The board: scores per group and for the set.
    await expect(page).toHaveURL(/\/group-sets\/[0-9a-f-]{36}$/);
    await expectHeading(page, name);
    await expect(page.getByText("Lowest group score")).toBeVisible();
    await expect(page.getByRole("table", { name: "Scores per criterion" })).toContainText("maths score");
    const setId = page.url().split("/").pop()!;
    const before = ((await (await page.request.get(`/api/group-sets/${setId}`)).json()) as { data: TGroupSetDetail }).data;
    await expectAccessible(page, "result board");

    // Keyboard alternative to drag-and-drop: the "Move to" menu.
    const mover = before.groups[0]!.members[0]!;
    const target = before.groups[1]!;
    // Scoped to the member: two students of a class can share a name.
    await page
      .getByTestId(`member-${mover.userId}`)
      .getByRole("button", { name: `Move ${mover.name} to…` })
      .focus();
    await page.keyboard.press("Enter");
    await page.getByRole("menuitem", { name: target.name }).click();
    await expect(page.getByRole("region", { name: target.name }).getByTestId(`member-${mover.userId}`)).toBeVisible();
    const after = ((await (await page.request.get(`/api/group-sets/${setId}`)).json()) as { data: TGroupSetDetail }).data;
    expect(after.version).toBe(before.version + 1);

    // Lock a member, then publish.
    await page.getByRole("button", { name: `Lock ${mover.name} in this group` }).click();
    await expect(page.getByRole("button", { name: `Unlock ${mover.name}` })).toBeVisible();
    await page.getByRole("button", { name: "Share with students" }).click();
    await expect(page.getByRole("button", { name: "Stop sharing" })).toBeVisible();
    await expectAccessible(page, "published board");

    // Which student to sign in as: a member of the first group, by username from the roster.
    const published = ((await (await page.request.get(`/api/group-sets/${setId}`)).json()) as { data: TGroupSetDetail }).data;
    const roster = ((await (await page.request.get(`/api/classes/${cls.id}/roster`)).json()) as { data: TRosterEntry[] }).data;
    const group = published.groups.find((g) => g.members.length > 1)!;
    const member = group.members[0]!;
    const username = roster.find((e) => e.userId === member.userId)!.username!;
    await logout(page);

    // The student: home -> My groups -> their group and its members, nothing of other groups.
    await login(page, username);
    await page.getByRole("link", { name: "My groups" }).click();
    await expectHeading(page, "My groups");
    const card = page.getByRole("region", { name: group.name }).filter({ hasText: name });
    await expect(card).toBeVisible();
    for (const m of group.members) await expect(card.getByText(m.name, { exact: false })).toBeVisible();
    const outsider = published.groups
      .find((g) => g.id !== group.id)!
      .members.find((m) => !group.members.some((x) => x.userId === m.userId));
    if (outsider) await expect(card.getByText(outsider.name)).toHaveCount(0);
    await expectAccessible(page, "my groups (student)");
    expect((await page.request.get(`/api/group-sets/${setId}`)).status(), "a student cannot open the teacher's board").toBe(404);

    // The class's groups page and the survey, as the student.
    await page.goto(`/classes/${cls.id}/groups`);
    await expect(page.getByText(name)).toBeVisible();
    await expectAccessible(page, "class groups (student)");
    await page.getByRole("link", { name: "Answer the group survey" }).click();
    await expectHeading(page, "Group survey");
    await page.getByRole("button", { name: "Save my answers" }).click();
    await expect(page.getByText("Your answers are saved")).toBeVisible();
    await expectAccessible(page, "group survey (student)");
    await logout(page);
  });
  test("a student joins a group of a self-signup set the teacher shared", async ({ page }) => {
    test.setTimeout(300_000);
    await login(page, "teacher1");
    const classes = ((await (await page.request.get("/api/classes?status=active&pageSize=100")).json()) as { data: Paged<TClassSummary> })
      .data;
    const cls = classes.items.find((c) => c.myRole === "teacher")!;
    await page.goto(`/classes/${cls.id}/groups/new`);
    await expectHeading(page, "New group set");
    const name = `Clubs ${Date.now()}`;
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("radio", { name: "Students sign up" }).check();
    await page.getByRole("textbox", { name: "Number of groups" }).fill("3");
    await page.getByRole("textbox", { name: "Seats per group" }).fill("2");
    await page.getByRole("button", { name: "Make the groups" }).click();
    await expectHeading(page, name);
    await expect(page.getByText("This set has no criteria, so groups are not scored.")).toBeVisible();
    await page.getByRole("button", { name: "Share with students" }).click();
    await expect(page.getByRole("button", { name: "Stop sharing" })).toBeVisible();
    await expectAccessible(page, "self-signup board (teacher)");
    const roster = ((await (await page.request.get(`/api/classes/${cls.id}/roster`)).json()) as { data: TRosterEntry[] }).data;
    const username = roster.filter((e) => e.role === "student").at(-1)!.username!;
    await logout(page);

    await login(page, username);
    await page.goto("/my-groups");
    await expectHeading(page, "My groups");
    const card = page.getByRole("region", { name }).filter({ hasText: "You are not in a group of this set yet." });
    await card.getByRole("link", { name: "Choose a group" }).click();
    await expectHeading(page, name);
    await expect(page.getByText("2 seats left").first()).toBeVisible();
    await expectAccessible(page, "self-signup (student)");
    await page.getByRole("button", { name: "Join Group 1" }).click();
    await expect(page.getByText("Your group")).toBeVisible();
    await expect(page.getByRole("region", { name: "Group 1" })).toContainText("1 seat left");
    await expect(page.getByRole("button", { name: "Leave Group 1" })).toBeVisible();
    await expectAccessible(page, "self-signup joined (student)");
    await logout(page);
  });
});
