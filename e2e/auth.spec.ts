import { demoPassword } from "./env";
import { expect, expectAccessible, expectHeading, login, logout, test } from "./fixtures";

test.describe("signing in and out", () => {
  test("the sign-in page is accessible and asks for both fields", async ({ page }) => {
    await page.goto("/sign-in");
    await expectHeading(page, /sign in/i);
    await expectAccessible(page, "sign-in");
    // Submitting an empty form explains what is missing, beside each field, and goes nowhere.
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page.getByText(/enter your username or email/i)).toBeVisible();
    await expect(page.getByText(/enter your password/i)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page, "sign-in with field errors");
  });

  test("a wrong password shows an error, keeps the person out, and the right one then works", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel(/username/i).fill("teacher2");
    await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
    await page.getByRole("button", { name: /^sign in$/i }).click();
    const alert = page.getByRole("alert").filter({ hasText: /password/i });
    await expect(alert).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    // The wrong password is cleared, the username kept for the next try.
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    await expect(page.getByLabel(/username/i)).toHaveValue("teacher2");
    await expectAccessible(page, "sign-in after a wrong password");
    // Nobody is signed in: the app still sends the visitor to sign in.
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(401);

    await page.getByLabel("Password", { exact: true }).fill(demoPassword);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
    await expect(page.getByRole("button", { name: /account menu/i })).toBeVisible();
  });

  test("an unknown username gets the same answer as a wrong password", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel(/username/i).fill("nobody-by-this-name");
    await page.getByLabel("Password", { exact: true }).fill("whatever-password");
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page.getByRole("alert").filter({ hasText: /password/i })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    await expectAccessible(page, "sign-in after an unknown username");
  });

  test("a visitor sent to sign in comes back to the page they asked for", async ({ page }) => {
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fprofile/);
    await page.getByLabel(/username/i).fill("teacher3");
    await page.getByLabel("Password", { exact: true }).fill(demoPassword);
    await page.getByRole("button", { name: /^sign in$/i }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expectHeading(page, /profile/i);
    await expectAccessible(page, "profile after signing in");
  });

  test("signing out ends the session on the server, not just in the page", async ({ page }) => {
    await login(page, "teacher4");
    await expectAccessible(page, "teacher home");
    expect((await page.request.get("/api/me")).status()).toBe(200);
    await logout(page);
    await expectAccessible(page, "sign-in after signing out");
    expect((await page.request.get("/api/me")).status()).toBe(401);
    await page.goto("/classes");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
