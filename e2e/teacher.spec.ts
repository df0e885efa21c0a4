import type { TClassSummary, TRosterEntry } from "@stoa/contracts";
import { emptyState, expect, expectAccessible, expectHeading, login, logout, navBar, navigate, test } from "./fixtures";

type Paged<T> = { items: T[]; total: number };

test.describe("a teacher", () => {
  test("walks home, classes, a class roster and profile, and signs out", async ({ page }) => {
    await login(page, "teacher1");
    const mine = ((await (await page.request.get("/api/classes?status=active&pageSize=100")).json()) as { data: Paged<TClassSummary> })
      .data;
    expect(mine.total, "teacher1 teaches classes in the demo district").toBeGreaterThan(0);

    // Home: a greeting and their classes as cards.
    await expectHeading(page, /welcome/i);
    const myClasses = page.getByRole("region", { name: /my classes/i });
    for (const cls of mine.items) await expect(myClasses.getByRole("link", { name: new RegExp(cls.title) })).toBeVisible();
    await expectAccessible(page, "teacher home");

    // No administration in the navigation.
    for (const admin of [/schools/i, /people/i, /terms/i, /imports?/i, /audit/i]) {
      await expect(navBar(page).getByRole("link", { name: admin })).toHaveCount(0);
    }

    // Classes.
    await navigate(page, /^classes$/i);
    const first = mine.items[0]!;
    await expect(page.getByRole("link", { name: first.title }).first()).toBeVisible();
    await expectAccessible(page, "teacher classes");

    // One class: details and the full roster with usernames.
    await page.getByRole("link", { name: first.title }).first().click();
    await expectHeading(page, first.title);
    const roster = ((await (await page.request.get(`/api/classes/${first.id}/roster`)).json()) as { data: TRosterEntry[] }).data;
    const rosterSection = page.getByRole("region", { name: /roster/i });
    await expect(rosterSection.getByRole("table")).toBeVisible();
    // Header row + one row per member (a class of the demo district fits on one page).
    await expect(rosterSection.getByRole("row")).toHaveCount(Math.min(roster.length, 50) + 1);
    const student = roster.find((e) => e.role === "student")!;
    expect(student.username, "a teacher's roster carries usernames").toMatch(/^student\d+$/);
    await expect(rosterSection.getByRole("cell", { name: student.username!, exact: true })).toBeVisible();
    await expectAccessible(page, "teacher class page");

    // Admin pages answer with a plain refusal, not a crash.
    await page.goto("/audit");
    await expectHeading(page, /not allowed|permission|access/i);
    await expectAccessible(page, "teacher refused the audit log");

    // Profile, through the account menu.
    await page.getByRole("button", { name: /account menu/i }).click();
    await page.getByRole("menuitem", { name: /profile/i }).click();
    await expectHeading(page, /profile/i);
    await expect(page.getByRole("region", { name: /about you/i }).getByText("teacher1", { exact: true })).toBeVisible();
    await expectAccessible(page, "teacher profile");

    await logout(page);
  });
});

test.describe("a staff member (counsellor)", () => {
  test("sees the classes and students of their school only, and a person's page", async ({ page }) => {
    await login(page, "counselor1");
    await expectHeading(page, /welcome/i);
    await expect(
      page
        .getByRole("region", { name: /classes you work with/i })
        .getByRole("link")
        .first(),
    ).toBeVisible();
    await expectAccessible(page, "staff home");

    await navigate(page, /^classes$/i);
    await expectAccessible(page, "staff classes");

    // People: counsellor1 works at Hillcrest Middle (students 103-200).
    await navigate(page, /^people$/i);
    await expectAccessible(page, "staff people");
    const search = page.getByRole("main").getByRole("searchbox");
    await search.fill("student99");
    await expect(emptyState(page, /nobody matches/i)).toBeVisible();
    await search.fill("student150");
    const row = page
      .getByRole("main")
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: "student150", exact: true }) });
    await expect(row).toHaveCount(1);
    await expectAccessible(page, "staff people search");

    await row.getByRole("link").click();
    await expect(page).toHaveURL(/\/people\/[^/]+$/);
    await expect(page.getByRole("main").getByText("student150", { exact: true })).toBeVisible();
    await expectAccessible(page, "staff person page");

    await logout(page);
  });
});
