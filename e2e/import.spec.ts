import type { Page } from "@playwright/test";
import { zipSample } from "./bundles";
import { emptyState, expect, expectAccessible, expectHeading, login, navigate, test } from "./fixtures";

// The rejected bundle first (it must change nothing), then the good one, then the good one again.
test.describe.configure({ mode: "serial" });

type Paged = { data: { total: number } };
type List = { data: unknown[] };

/** How many of each record the district holds, read from the API. */
async function districtCounts(page: Page) {
  const total = async (path: string) => ((await (await page.request.get(path)).json()) as Paged).data.total;
  const length = async (path: string) => ((await (await page.request.get(path)).json()) as List).data.length;
  return {
    people: await total("/api/people?pageSize=1"),
    inactivePeople: await total("/api/people?pageSize=1&status=inactive"),
    classes: await total("/api/classes?pageSize=1"),
    schools: await length("/api/schools"),
    terms: await length("/api/terms"),
    courses: await length("/api/courses"),
  };
}

/** Uploads a bundle through the page's drop area and returns the result section. */
async function upload(page: Page, bundle: Awaited<ReturnType<typeof zipSample>>) {
  // The drop area's own file input: what a drag-and-drop (or the Choose file button) feeds.
  await page
    .getByLabel(/drop area/i)
    .locator('input[type="file"]')
    .setInputFiles(bundle);
  const result = page.getByRole("region", { name: /^result$/i });
  await expect(result).toBeVisible({ timeout: 30_000 });
  return result;
}

/** Searches People (the page's own search box) for a term. */
async function searchPeople(page: Page, term: string) {
  await navigate(page, /^people$/i);
  await page.getByRole("main").getByRole("searchbox").fill(term);
  await expect(page).toHaveURL(new RegExp(`q=${term.replace(".", "\\.")}`));
}

test.describe("roster import", () => {
  test("a bad bundle shows the problem report with file, line and column, and changes nothing", async ({ page }) => {
    await login(page, "admin");
    const before = await districtCounts(page);
    await navigate(page, /^roster import$/i);
    await expectAccessible(page, "roster import");

    // catalyst-v1p2 writes dates like 1/05/2023 where OneRoster wants ISO 8601.
    const result = await upload(page, await zipSample("catalyst-v1p2"));
    await expect(result.getByText(/rejected\. nothing was changed/i)).toBeVisible();
    const report = result.getByRole("table", { name: /problems in catalyst-v1p2\.zip/i });
    await expect(report.getByRole("columnheader")).toHaveText(["Severity", "File", "Line", "Column", "Value", "Expected"]);
    const problem = report
      .getByRole("row")
      .filter({ has: page.getByRole("cell", { name: "users.csv", exact: true }) })
      .filter({ has: page.getByRole("cell", { name: "2", exact: true }) })
      .filter({ has: page.getByRole("cell", { name: "dateLastModified", exact: true }) });
    await expect(problem).toHaveCount(1);
    await expect(problem).toContainText("1/05/2023");
    await expect(problem).toContainText(/ISO 8601/);
    await expectAccessible(page, "rejected import");

    // Nothing changed: same counts, and nobody from the bundle exists.
    expect(await districtCounts(page)).toEqual(before);
    await searchPeople(page, "john.doe");
    await expect(emptyState(page, /nobody matches/i)).toBeVisible();
    await expectAccessible(page, "people search with no match");

    // The history keeps the rejected run and its report.
    await navigate(page, /^roster import$/i);
    const history = page.getByRole("region", { name: /earlier imports/i });
    const run = history.getByRole("row").filter({ hasText: "catalyst-v1p2.zip" }).first();
    await expect(run).toContainText("Rejected");
    await run.getByRole("link").click();
    await expectHeading(page, /^import of /i);
    await expect(page.getByRole("table", { name: /problems in catalyst-v1p2\.zip/i })).toBeVisible();
    await expectAccessible(page, "import report");
  });

  test("an admin imports a bundle, sees the summary, finds the new people, and a second import changes nothing", async ({ page }) => {
    await login(page, "admin");
    await navigate(page, /^roster import$/i);

    const result = await upload(page, await zipSample("catalyst-v1p1"));
    await expect(result.getByText("Import succeeded")).toBeVisible();
    const summary = result.getByRole("table", { name: /changes per kind of record/i });
    await expect(summary.getByRole("columnheader")).toHaveText(["Kind", "Mode", "Created", "Updated", "Deactivated", "Unchanged"]);
    // catalyst-v1p1 holds one user (brucewayne), one school, one class; its manifest marks every file delta.
    const users = summary.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "People", exact: true }) });
    await expect(users.getByRole("cell")).toHaveText(["Delta", "1", "0", "0", "0"]);
    await expectAccessible(page, "import summary");

    // The imported person and school are there.
    await searchPeople(page, "brucewayne");
    await expect(page.getByRole("main").getByRole("row").filter({ hasText: "Bruce Wayne" })).toHaveCount(1);
    await expectAccessible(page, "people search after the import");
    const schools = ((await (await page.request.get("/api/schools")).json()) as { data: { name: string }[] }).data;
    expect(
      schools.map((school) => school.name),
      "the server holds the imported school",
    ).toContain("Gotham High School");
    // The page must not show a list cached from before the import (soft: the idempotency check below still runs).
    await navigate(page, /^schools$/i);
    await expect.soft(page.getByRole("main").getByText("Gotham High School", { exact: true })).toBeVisible();
    await expectAccessible(page, "schools after the import");

    // The same bundle again: everything is unchanged (imports are idempotent).
    await navigate(page, /^roster import$/i);
    const again = await upload(page, await zipSample("catalyst-v1p1"));
    await expect(again.getByText("Import succeeded")).toBeVisible();
    const usersAgain = again
      .getByRole("table", { name: /changes per kind of record/i })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "People", exact: true }) });
    await expect(usersAgain.getByRole("cell")).toHaveText(["Delta", "0", "0", "0", "1"]);
    await expectAccessible(page, "second import summary");
  });
});
