import type { TClassSummary, TRosterEntry } from "@stoa/contracts";
import { displayName, expect, expectAccessible, expectHeading, login, logout, navBar, test } from "./fixtures";

test.describe("a student", () => {
  test("sees their classes, and classmates' names but never their usernames", async ({ page }) => {
    await login(page, "student1");
    const classes = (
      (await (await page.request.get("/api/classes?status=active&pageSize=100")).json()) as { data: { items: TClassSummary[] } }
    ).data.items;
    expect(classes.length, "student1 is enrolled in classes in the demo district").toBeGreaterThan(0);

    // Home: large class cards with plain words.
    await expectHeading(page, /^hi, .+!$/i);
    const yourClasses = page.getByRole("region", { name: /your classes/i });
    for (const cls of classes) await expect(yourClasses.getByRole("link", { name: new RegExp(cls.title) })).toBeVisible();
    await expectAccessible(page, "student home");

    // No administration, no people search.
    for (const admin of [/schools/i, /people/i, /imports?/i, /audit/i])
      await expect(navBar(page).getByRole("link", { name: admin })).toHaveCount(0);

    // A class: teachers and classmates by name.
    const cls = classes[0]!;
    await yourClasses.getByRole("link", { name: new RegExp(cls.title) }).click();
    await expectHeading(page, cls.title);
    const roster = ((await (await page.request.get(`/api/classes/${cls.id}/roster`)).json()) as { data: TRosterEntry[] }).data;
    expect(
      roster.every((e) => e.username === null),
      "the server sends a student no usernames",
    ).toBe(true);
    expect(
      roster.every((e) => e.grades === null),
      "the server sends a student no grades of others",
    ).toBe(true);
    const people = page.getByRole("region", { name: /people in this class/i });
    const classmates = roster.filter((e) => e.role === "student");
    expect(classmates.length).toBeGreaterThan(1);
    for (const mate of classmates.slice(0, 5)) await expect(people.getByText(displayName(mate), { exact: true }).first()).toBeVisible();
    await expect(people.getByRole("listitem")).toHaveCount(roster.length);
    // Usernames (student1, teacher3 ...) appear nowhere on the page.
    await expect(page.locator("body")).not.toContainText(/\b(student|teacher)\d+\b/);
    await expectAccessible(page, "student class page");

    // Pages for staff answer with a plain refusal.
    await page.goto("/people");
    await expectHeading(page, /not allowed|permission|access/i);
    await expectAccessible(page, "student refused people");

    await logout(page);
  });
});
