import type { TClassSummary, TMe } from "@stoa/contracts";
import { apiAs } from "./api";
import { displayName, expect, expectAccessible, expectHeading, login, logout, navBar, test } from "./fixtures";

test.describe("a guardian", () => {
  test("sees their child and the child's classes", async ({ page }) => {
    // What the child (guardian1 is linked to student1) sees, to compare with.
    const child = await apiAs("student1");
    const me = await child.get<TMe>("/api/me");
    const childClasses = (await child.get<{ items: TClassSummary[] }>("/api/classes?status=active&pageSize=100")).items;
    await child.dispose();
    expect(childClasses.length).toBeGreaterThan(0);

    await login(page, "guardian1");
    await expectHeading(page, /welcome/i);
    const children = page.getByRole("region", { name: /children/i });
    const card = children.getByRole("article", { name: displayName(me.user) });
    await expect(card).toBeVisible();
    for (const cls of childClasses) await expect(card.getByText(cls.title, { exact: true })).toBeVisible();
    await expect(children.getByRole("article")).toHaveCount(1);
    await expectAccessible(page, "guardian home");

    // No classes of their own, no administration.
    for (const admin of [/schools/i, /people/i, /imports?/i, /audit/i])
      await expect(navBar(page).getByRole("link", { name: admin })).toHaveCount(0);
    await page.goto("/profile");
    await expectHeading(page, /profile/i);
    await expectAccessible(page, "guardian profile");

    await logout(page);
  });
});
