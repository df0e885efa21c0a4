import type { TPerson, TPersonDetail } from "@stoa/contracts";
import { displayName, emptyState, expect, expectAccessible, expectHeading, login, logout, navBar, navigate, test } from "./fixtures";

type Paged<T> = { items: T[]; total: number };

test.describe("a district admin", () => {
  test("walks the dashboard, schools, terms, courses and profile, and signs out", async ({ page }) => {
    await login(page, "admin");
    await expectHeading(page, /welcome/i);
    const dashboard = page.getByRole("region", { name: /at a glance/i });
    for (const tile of [/schools/i, /people/i, /classes/i, /roster import/i])
      await expect(dashboard.getByRole("link", { name: tile })).toBeVisible();
    await expectAccessible(page, "admin dashboard");

    const main = page.getByRole("main");
    await navigate(page, /^schools$/i);
    await expect(main.getByText("Riverside Elementary", { exact: true })).toBeVisible();
    await expect(main.getByText("Hillcrest Middle School", { exact: true })).toBeVisible();
    await expectAccessible(page, "schools");

    await navigate(page, /^terms$/i);
    await expect(main.getByText(/\d{4}-\d{4} school year/).first()).toBeVisible();
    await expectAccessible(page, "terms");

    await navigate(page, /^courses$/i);
    await expect(main.getByText("Mathematics", { exact: true }).first()).toBeVisible();
    await expectAccessible(page, "courses");

    await navigate(page, /^profile$/i);
    await expect(page.getByRole("region", { name: /about you/i })).toContainText("admin");
    await expectAccessible(page, "admin profile");

    await logout(page);
  });

  test("finds a student from the header search, reads their record, and the audit log shows the read", async ({ page }) => {
    await login(page, "admin");
    const main = page.getByRole("main");
    const headerSearch = page.getByRole("search", { name: /search people/i }).getByRole("searchbox");
    await headerSearch.fill("student40");
    await headerSearch.press("Enter");
    await expect(page).toHaveURL(/\/people\?q=student40/);
    await expectHeading(page, /^people$/i);
    const row = main.getByRole("row").filter({ has: page.getByRole("cell", { name: "student40", exact: true }) });
    await expect(row).toHaveCount(1);
    await expectAccessible(page, "people search");

    // The person's page: details, family and classes, as the server holds them.
    const found = ((await (await page.request.get("/api/people?q=student40")).json()) as { data: Paged<TPerson> }).data.items;
    expect(found.map((p) => p.username)).toEqual(["student40"]);
    const person = ((await (await page.request.get(`/api/people/${found[0]!.id}`)).json()) as { data: TPersonDetail }).data;
    await row.getByRole("link").click();
    await expectHeading(page, displayName(person));
    await expect(main.getByRole("textbox", { name: /^username/i })).toHaveValue("student40");
    expect(person.guardians.length, "student40 has a guardian in the demo district").toBeGreaterThan(0);
    await expect(
      page
        .getByRole("region", { name: /family/i })
        .getByText(displayName(person.guardians[0]!))
        .first(),
    ).toBeVisible();
    const classes = page.getByRole("region", { name: /^classes$/i });
    for (const cls of person.classes.slice(0, 3)) await expect(classes.getByText(cls.title).first()).toBeVisible();
    await expectAccessible(page, "person page");

    // Reading a student's record is audited.
    await navigate(page, /^audit log$/i);
    await expectAccessible(page, "audit log");
    await main.getByRole("textbox", { name: /^action$/i }).fill("student.read");
    await expect(page).toHaveURL(/action=student\.read/);
    await expect(main.getByRole("row").filter({ hasText: person.id }).first()).toBeVisible();
    await expectAccessible(page, "audit log filtered");
  });

  test("opens a class from the class list and sees its roster", async ({ page }) => {
    await login(page, "admin");
    const main = page.getByRole("main");
    await navigate(page, /^classes$/i);
    await expect(main.getByRole("cell", { name: "Hillcrest Middle School" }).first()).toBeVisible();
    await expect(main.getByRole("cell", { name: "Riverside Elementary" }).first()).toBeVisible();
    await expectAccessible(page, "admin classes");
    await main
      .getByRole("link", { name: /^mathematics 3a$/i })
      .first()
      .click();
    await expectHeading(page, /^mathematics 3a$/i);
    const roster = page.getByRole("region", { name: /^roster$/i });
    await expect(
      roster
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: /^student\d+$/ }) })
        .first(),
    ).toBeVisible();
    await expectAccessible(page, "admin class page");
  });
});

test.describe("a school admin", () => {
  test("sees the people and classes of their own school only", async ({ page }) => {
    await login(page, "schooladmin1"); // Riverside Elementary: students 1-102
    await expectHeading(page, /welcome/i);
    await expectAccessible(page, "school admin dashboard");

    await navigate(page, /^people$/i);
    const main = page.getByRole("main");
    const search = main.getByRole("searchbox");
    await search.fill("student150");
    await expect(emptyState(page, /nobody matches/i)).toBeVisible();
    await search.fill("student99");
    await expect(main.getByRole("row").filter({ has: page.getByRole("cell", { name: "student99", exact: true }) })).toHaveCount(1);
    await expectAccessible(page, "school admin people");

    await navigate(page, /^classes$/i);
    await expect(main.getByRole("cell", { name: "Riverside Elementary" }).first()).toBeVisible();
    await expect(main.getByRole("cell", { name: "Hillcrest Middle School" })).toHaveCount(0);
    await expectAccessible(page, "school admin classes");

    // The district's audit log is for district admins.
    await expect(navBar(page).getByRole("link", { name: /audit/i })).toHaveCount(0);
    await logout(page);
  });
});
