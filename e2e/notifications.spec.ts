import type { TNotificationPreferences } from "@stoa/contracts";
import { apiAs } from "./api";
import { classWithStudent, expectChatLive } from "./chat-helpers";
import { expect, expectAccessible, expectHeading, login, settle, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

const bell = (page: import("@playwright/test").Page) => page.getByTestId("notification-bell");

test("a mention shows on the bell, leads to the chat, and preferences choose the channel", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const { cls, student } = await classWithStudent({ last: true });
  const stamp = Date.now();
  const studentApi = await apiAs(student.username);
  await studentApi.call("PUT", "/api/notifications/preferences", { preferences: [{ kind: "mention", channel: "app" }] });
  await studentApi.call("POST", "/api/notifications/read-all");
  const teacher = await apiAs("teacher1");
  await teacher.call("POST", `/api/classes/${cls.id}/chat/messages`, { body: `@${student.username} look at this ${stamp}` });

  await login(page, student.username);
  await expect(bell(page)).toHaveAccessibleName(/Notifications: \d+ unread/);
  await bell(page).click();
  const popover = page.getByRole("dialog").filter({ hasText: "Latest notifications" });
  await expect(popover.getByText(/mentioned you in the chat of/).first()).toBeVisible();
  await expectAccessible(page, "notification popover");
  await popover
    .getByText(/mentioned you in the chat of/)
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/chat/classes/${cls.id}`));
  await expect(page.getByRole("log", { name: "Chat messages" }).getByText(`look at this ${stamp}`)).toBeVisible();
  await expect(bell(page)).toHaveAccessibleName("Notifications");

  // The page with all of them.
  await page.goto("/notifications");
  await expectHeading(page, "Notifications");
  await expect(
    page
      .getByRole("main")
      .getByText(/mentioned you in the chat of/)
      .first(),
  ).toBeVisible();
  await expectAccessible(page, "notifications page");

  // Preferences: demo students have no email address, so email cannot be chosen; "Off" stops mentions.
  await page.goto("/profile/notifications");
  await expectHeading(page, "Notification settings");
  await expect(page.getByText(/Your account has no email address/)).toBeVisible();
  await expectAccessible(page, "notification settings (student)");
  const mentions = page.getByRole("radiogroup", { name: "Someone mentions you" });
  await expect(mentions.getByRole("radio", { name: "In Stoa and by email" })).toBeDisabled();
  await mentions.getByText("Off", { exact: true }).click();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your notification settings are saved")).toBeVisible();
  const saved = await studentApi.get<TNotificationPreferences>("/api/notifications/preferences");
  expect(saved.preferences.find((p) => p.kind === "mention")!.channel).toBe("off");
  await studentApi.call("POST", "/api/notifications/read-all");
  await teacher.call("POST", `/api/classes/${cls.id}/chat/messages`, { body: `@${student.username} silent ${stamp}` });
  expect((await studentApi.get<{ unread: number }>("/api/notifications/unread-count")).unread).toBe(0);
  await studentApi.call("PUT", "/api/notifications/preferences", { preferences: [{ kind: "mention", channel: "app" }] });

  // The teacher (who has an address) takes mentions by email; without SMTP the mail shows in the outbox page.
  const teacherContext = await browser.newContext();
  const teacherPage = await teacherContext.newPage();
  await login(teacherPage, "teacher1");
  await teacherPage.goto("/profile/notifications");
  await expectHeading(teacherPage, "Notification settings");
  await teacherPage.getByRole("radiogroup", { name: "Someone mentions you" }).getByText("In Stoa and by email").click();
  await teacherPage.getByRole("button", { name: "Save" }).click();
  await expect(teacherPage.getByText("Your notification settings are saved")).toBeVisible();
  await studentApi.call("POST", `/api/classes/${cls.id}/chat/messages`, { body: `@teacher1 by mail ${stamp}` });
  await teacherPage.goto("/mail-outbox");
  await expectHeading(teacherPage, "Mail outbox");
  const mail = teacherPage.getByRole("article").filter({ hasText: `by mail ${stamp}` });
  await expect(async () => {
    await teacherPage.reload();
    // The mail worker keeps (captures) it a moment after the notification is committed.
    await expect(mail.getByText("Kept here")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(teacherPage, "mail outbox");
  await teacher.call("PUT", "/api/notifications/preferences", { preferences: [{ kind: "mention", channel: "app" }] });
  await teacherContext.close();
  await studentApi.dispose();
  await teacher.dispose();
});

test("the bell's count rises live when someone mentions you", async ({ page }) => {
  test.setTimeout(90_000);
  const { cls, student } = await classWithStudent({ last: true });
  const studentApi = await apiAs(student.username);
  await studentApi.call("PUT", "/api/notifications/preferences", { preferences: [{ kind: "mention", channel: "app" }] });
  await studentApi.call("POST", "/api/notifications/read-all");
  await login(page, student.username);
  await page.goto(`/chat/classes/${cls.id}`);
  await expectChatLive(page);
  // Other specs running beside this one may notify the same student: count from what the bell shows now.
  await settle(page);
  const unread = async () => Number((await bell(page).getAttribute("aria-label"))?.match(/(\d+) unread/)?.[1] ?? 0);
  const before = await unread();
  const teacher = await apiAs("teacher1");
  await teacher.call("POST", `/api/classes/${cls.id}/chat/messages`, { body: `@${student.username} live bell ${Date.now()}` });
  // Well before the 60 s safety poll: the count comes through the person's room.
  await expect.poll(unread, { timeout: 10_000 }).toBeGreaterThan(before);
  await teacher.dispose();
  await studentApi.dispose();
});
