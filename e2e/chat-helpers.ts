import type { Page } from "@playwright/test";
import type { TClassSummary, TRosterEntry } from "@stoa/contracts";
import { apiAs } from "./api";
import { expect } from "./fixtures";

/**
 * One of teacher1's classes with an active student (with a username). Most specs work in the first
 * class; `last: true` takes the last one instead, for a spec that counts a student's notifications
 * and must not meet the tasks and groups the others create beside it.
 */
export async function classWithStudent(options: { last?: boolean } = {}) {
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const order = options.last ? [...classes.items].reverse() : classes.items;
  for (const cls of order) {
    const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
    const student = roster.find((e) => e.role === "student" && e.status === "active" && e.username);
    if (student) {
      await api.dispose();
      return { cls, student: { ...student, username: student.username! } };
    }
  }
  await api.dispose();
  throw new Error("teacher1 has no class with a student");
}

/** Waits until the page's live connection is up (the header says "Live"): the live tests need it. */
export async function expectChatLive(page: Page): Promise<void> {
  await expect(page.getByText("Live", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
}

/** The chat's message log. */
export const chatLog = (page: Page) => page.getByRole("log", { name: "Chat messages" });

/** Types a message in the composer and sends it with Enter. */
export async function sendWithEnter(page: Page, text: string) {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(box).toHaveValue("");
}
