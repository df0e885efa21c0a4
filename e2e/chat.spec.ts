import type { TRosterEntry } from "@stoa/contracts";
import { apiAs, publishGroupSet } from "./api";
import { chatLog, classWithStudent, expectChatLive, sendWithEnter } from "./chat-helpers";
import { displayName, expect, expectAccessible, expectHeading, login, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

test("a class chats: send with Enter, new lines with Shift+Enter, links made safe, delete, teacher's switch", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { cls, student } = await classWithStudent();
  const stamp = Date.now();

  await login(page, "teacher1");
  await page.goto(`/classes/${cls.id}`);
  await expectHeading(page, cls.title);
  await expect(page.getByRole("heading", { name: "Class chat" })).toBeVisible();
  await expectAccessible(page, "class page with chat");

  // Enter sends; Shift+Enter makes a new line inside the message.
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`Welcome ${stamp}`);
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await expect(box).toHaveValue(`Welcome ${stamp}\nsecond line`);
  await box.press("Enter");
  await expect(chatLog(page).getByText(`Welcome ${stamp}`)).toBeVisible();

  // Text is never HTML; a web address becomes a safe link, a script is shown as text.
  await sendWithEnter(page, `Read https://example.org/river?x=${stamp} and <b>not bold</b> <img src=x onerror="window.__xss=1">`);
  const link = chatLog(page).getByRole("link", { name: `https://example.org/river?x=${stamp}` });
  await expect(link).toHaveAttribute("rel", /noopener/);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(chatLog(page).getByText("<b>not bold</b>", { exact: false })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // The student sees the teacher's messages on the chat's own page.
  const other = await browser.newContext();
  const studentPage = await other.newPage();
  await login(studentPage, student.username);
  await studentPage.goto(`/chat/classes/${cls.id}`);
  await expectHeading(studentPage, "Class chat");
  await expect(chatLog(studentPage).getByText(`Welcome ${stamp}`)).toBeVisible();
  await expectAccessible(studentPage, "class chat page (student)");

  // The student deletes their own message; "Message deleted" stays in its place.
  await sendWithEnter(studentPage, `Oops ${stamp}`);
  const mine = chatLog(studentPage)
    .getByRole("article")
    .filter({ hasText: `Oops ${stamp}` });
  await mine.getByRole("button", { name: /Delete the message from/ }).click();
  await studentPage.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(chatLog(studentPage).getByText(`Oops ${stamp}`)).toHaveCount(0);
  await expect(chatLog(studentPage).getByText("Message deleted").first()).toBeVisible();

  // The teacher turns the chat off: the student can read but not write.
  await page.getByRole("switch", { name: "Chat open for students" }).click();
  await expect(page.getByRole("switch", { name: "Chat open for students" })).not.toBeChecked();
  await studentPage.reload();
  await expect(studentPage.getByText("The teacher has turned this chat off")).toBeVisible();
  await expect(studentPage.getByRole("textbox", { name: "Message" })).toHaveCount(0);
  await expectAccessible(studentPage, "chat turned off (student)");
  await page.getByRole("switch", { name: "Chat open for students" }).click();
  await expect(page.getByRole("switch", { name: "Chat open for students" })).toBeChecked();
  await other.close();
});

test("older messages load by a button and on scroll", async ({ page }) => {
  test.setTimeout(120_000);
  const { cls } = await classWithStudent();
  const api = await apiAs("teacher1");
  const stamp = Date.now();
  // 60 messages: more than one page of 50.
  for (let i = 0; i < 60; i++) {
    await api.call("POST", `/api/classes/${cls.id}/chat/messages`, { body: `History ${stamp} #${i}` });
    // Stay under the chat's rate limit (20 per 10 s).
    if (i % 18 === 17) await new Promise((r) => setTimeout(r, 10_500));
  }
  await api.dispose();
  await login(page, "teacher1");
  await page.goto(`/chat/classes/${cls.id}`);
  await expect(chatLog(page).getByText(`History ${stamp} #59`)).toBeVisible();
  await expect(chatLog(page).getByText(`History ${stamp} #0`, { exact: true })).toHaveCount(0);
  const older = chatLog(page).getByRole("button", { name: "Load older messages" });
  await older.focus();
  await page.keyboard.press("Enter");
  await expect(chatLog(page).getByText(`History ${stamp} #0`, { exact: true })).toBeVisible();
  await expectAccessible(page, "chat with older messages");
});

test("two people chat live, see who is here and who is typing", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { cls, student } = await classWithStudent();
  const stamp = Date.now();
  await login(page, "teacher1");
  await page.goto(`/chat/classes/${cls.id}`);
  await expectHeading(page, "Class chat");
  await expectChatLive(page);

  const other = await browser.newContext();
  const studentPage = await other.newPage();
  await login(studentPage, student.username);
  await studentPage.goto(`/chat/classes/${cls.id}`);
  await expect(studentPage.getByText("Live", { exact: true }).first()).toBeVisible();

  // Presence: each sees the other.
  const here = (p: typeof page) => p.getByRole("group", { name: "Here now" });
  await expect(here(page).getByText(displayName(student))).toBeVisible();
  await expect(here(studentPage).getByText(/\(you\)/)).toBeVisible();

  // Typing: the teacher sees the student typing.
  await studentPage.getByRole("textbox", { name: "Message" }).pressSequentially("Hel");
  await expect(page.getByText(`${displayName(student)} is typing…`)).toBeVisible();

  // A message from one appears for the other without reloading.
  await studentPage.getByRole("textbox", { name: "Message" }).fill(`Hello live ${stamp}`);
  await studentPage.getByRole("textbox", { name: "Message" }).press("Enter");
  await expect(chatLog(page).getByText(`Hello live ${stamp}`)).toBeVisible();
  await sendWithEnter(page, `Reply live ${stamp}`);
  await expect(chatLog(studentPage).getByText(`Reply live ${stamp}`)).toBeVisible();
  await expectAccessible(page, "live chat (teacher)");
  await other.close();
});

test("a group's chat is for its members (and the class's teachers)", async ({ page }) => {
  test.setTimeout(120_000);
  const { cls } = await classWithStudent();
  const api = await apiAs("teacher1");
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const set = await publishGroupSet(api, cls.id, { name: `Chat e2e ${Date.now()}`, groupSize: 2, seed: 5 });
  const [group, otherGroup] = set.groups;
  const stamp = Date.now();
  await api.call("POST", `/api/groups/${group!.id}/chat/messages`, { body: `Teacher to group ${stamp}` });
  await api.dispose();

  await login(page, usernameOf.get(group!.members[0]!.userId)!);
  await page.goto(`/chat/groups/${group!.id}`);
  await expectHeading(page, "Group chat");
  await expect(chatLog(page).getByText(`Teacher to group ${stamp}`)).toBeVisible();
  await sendWithEnter(page, `Member reply ${stamp}`);
  await expect(chatLog(page).getByText(`Member reply ${stamp}`)).toBeVisible();
  await expectAccessible(page, "group chat page");
  // Another group's chat is not there for this student.
  await page.goto(`/chat/groups/${otherGroup!.id}`);
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(chatLog(page)).toHaveCount(0);
});
