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

/**
 * True once the chat panel says it is live. The lead's placeholder real-time client never is;
 * live checks are skipped (not faked) until the real client is merged.
 */
export async function chatIsLive(page: Page): Promise<boolean> {
  return page
    .getByText("Live", { exact: true })
    .first()
    .waitFor({ timeout: 8_000 })
    .then(() => true)
    .catch(() => false);
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
