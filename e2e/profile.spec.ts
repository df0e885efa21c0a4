import { apiAs } from "./api";
import { demoPassword } from "./env";
import { expect, expectAccessible, expectHeading, login, logout, test } from "./fixtures";

// teacher9 is used by no other spec: its password changes here (and is set back at the end).
const username = "teacher9";
const newPassword = "river-lantern-copper-47";

async function changePassword(page: import("@playwright/test").Page, current: string, next: string) {
  const section = page.getByRole("region", { name: /change password/i });
  await section.getByLabel("Current password").fill(current);
  await section.getByLabel("New password").fill(next);
  await section.getByRole("button", { name: /change password/i }).click();
  return section;
}

test.describe("profile and password", () => {
  test("a wrong current password or a too-short new one is refused beside the form", async ({ page }) => {
    await login(page, "teacher8");
    await page.getByRole("button", { name: /account menu/i }).click();
    await page.getByRole("menuitem", { name: /change password/i }).click();
    await expect(page).toHaveURL(/\/profile#change-password$/);
    await expectHeading(page, /^profile$/i);
    // The menu item lands on the form, ready to type.
    await expect.soft(page.getByLabel("Current password")).toBeFocused();
    await expectAccessible(page, "profile");

    // Checked in the page with the server's own rule...
    const section = await changePassword(page, demoPassword, "short");
    await expect(section.getByText("Password must be at least 8 characters")).toBeVisible();
    await expect(section.getByLabel("New password")).toHaveAccessibleDescription(/at least 8 characters/);
    await expectAccessible(page, "profile with a field error");

    // ...and by the server, whose message lands beside the field it concerns.
    await changePassword(page, "not-my-password", newPassword);
    await expect(section.getByText("Your current password is not right")).toBeVisible();
    await expect(section.getByLabel("Current password")).toHaveAccessibleDescription(/not right/);
    await expectAccessible(page, "profile after a wrong current password");
    // Still the old password.
    await logout(page);
    await login(page, "teacher8");
  });

  test("a person changes their password; other sessions end, the old password stops working, the new one works", async ({ page }) => {
    const elsewhere = await apiAs(username);
    await login(page, username);
    await page.goto("/profile#change-password");
    await changePassword(page, demoPassword, newPassword);
    await expect(page.getByText(/your password was changed/i)).toBeVisible();
    await expectAccessible(page, "profile after changing the password");
    // The session on the other "device" ended; this one goes on.
    expect(await elsewhere.status("/api/me")).toBe(401);
    await elsewhere.dispose();
    expect((await page.request.get("/api/me")).status()).toBe(200);
    await logout(page);

    // The old password is refused...
    await page.getByLabel(/username/i).fill(username);
    await page.getByLabel("Password", { exact: true }).fill(demoPassword);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page.getByRole("alert").filter({ hasText: /password/i })).toBeVisible();

    // ...the new one works; then set the old one back so a retry starts from the seeded state.
    await login(page, username, newPassword);
    await page.goto("/profile#change-password");
    await changePassword(page, newPassword, demoPassword);
    await expect(page.getByText(/your password was changed/i)).toBeVisible();
  });
});
