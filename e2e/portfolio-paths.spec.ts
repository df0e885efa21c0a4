import type { TClassSummary, TRosterEntry } from "@stoa/contracts";
import { apiAs } from "./api";
import { expect, expectAccessible, expectHeading, login, savedText, test } from "./fixtures";
import { choose, pngImage, signedIn, typeRichText } from "./portfolio-helpers";

// Portfolio paths the main story does not walk: copying a teacher's template, asking two classmates for
// feedback (one answers), and the server's refusal of a disguised upload, with axe on every page visited.

test.use({ actionTimeout: 20_000 });
test.describe.configure({ timeout: 150_000 });

const displayName = (e: TRosterEntry) => `${e.preferredName?.trim() || e.givenName} ${e.familyName}`.trim();

/** teacher1's first class and its students. */
async function firstClass() {
  const teacher = await apiAs("teacher1");
  const cls = (await teacher.get<{ items: TClassSummary[] }>("/api/classes?status=active&pageSize=100")).items[0]!;
  const roster = await teacher.get<TRosterEntry[]>(`/api/classes/${cls.id}/roster`);
  return { teacher, cls, students: roster.filter((e) => e.role === "student" && e.username) };
}

test("a student copies a teacher's template and edits their own page", async ({ page }) => {
  const { teacher, cls, students } = await firstClass();
  const title = `Science fair ${Date.now()}`;
  await teacher.call("POST", `/api/classes/${cls.id}/portfolio/templates`, {
    kind: "page",
    title,
    description: "Show your experiment.",
    pages: [
      {
        title,
        layout: {
          sections: [
            {
              id: "s1",
              title: "My experiment",
              columns: [{ id: "c1", blocks: [{ id: "t1", type: "text", html: "<p>My question was…</p>" }] }],
            },
          ],
        },
      },
    ],
  });
  await teacher.dispose();

  await login(page, students[students.length - 1]!.username!);
  await page.goto("/portfolio/templates");
  await expectHeading(page, "Templates");
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expectAccessible(page, "templates");
  await page.getByRole("button", { name: `Use the template ${title}` }).click();
  await expectHeading(page, `Edit: ${title}`);
  await expectAccessible(page, "editor of the copied template");
  await page.getByRole("button", { name: "Save page" }).first().click();
  await expect(page.getByText("Page saved.")).toBeVisible();
  await page.getByRole("link", { name: "View page" }).click();
  await expectHeading(page, title);
  await expect(page.getByText("My question was…")).toBeVisible();
  await expectAccessible(page, "the student's copy");
});

test("a student asks two classmates for feedback and one answers", async ({ page, browser }) => {
  const { teacher, cls, students } = await firstClass();
  await teacher.dispose();
  const [owner, answering, silent] = students.slice(-4, -1);
  const title = `Poem draft ${Date.now()}`;
  const ownerApi = await apiAs(owner!.username!);
  const created = await ownerApi.call<{ id: string }>("POST", "/api/portfolio/pages", { title });
  await ownerApi.dispose();

  await login(page, owner!.username!);
  await page.goto(`/portfolio/pages/${created.id}`);
  await expectHeading(page, title);
  await page.getByRole("button", { name: "Ask classmates for feedback" }).click();
  const dialog = page.getByRole("dialog", { name: "Ask classmates for feedback" });
  await choose(page, "Class", cls.title);
  await choose(page, "Classmates", displayName(answering!));
  await choose(page, "Classmates", displayName(silent!));
  await page.keyboard.press("Escape"); // closes the option list, not the dialog
  await expectAccessible(page, "ask for feedback");
  await dialog.getByRole("button", { name: "Ask for feedback" }).click();
  await expect(dialog.getByText("Your classmates were asked.", { exact: false })).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).last().click();

  // One classmate answers the first question from their feedback list.
  const reviewer = await signedIn(browser, answering!.username!);
  await reviewer.page.goto("/portfolio/feedback");
  await expectHeading(reviewer.page, "Feedback");
  await expectAccessible(reviewer.page, "feedback asked of me");
  await reviewer.page.getByRole("link", { name: title }).click();
  await expectHeading(reviewer.page, title);
  await expect(reviewer.page.getByRole("heading", { name: /asked for your feedback/ })).toBeVisible();
  await typeRichText(reviewer.page, "What is the best part of my page?", "The rhymes in the second verse.");
  await reviewer.page.getByRole("button", { name: "Send answer" }).first().click();
  await expect(reviewer.page.getByText("Thank you! Your answer was sent.")).toBeVisible();
  await expectAccessible(reviewer.page, "feedback answered");
  await reviewer.close();

  // The owner sees who answered, and the answer on the page.
  await page.goto("/portfolio/feedback");
  await expectHeading(page, "Feedback");
  await expect(page.getByText(`${displayName(answering!)} (answered)`, { exact: false })).toBeVisible();
  await expectAccessible(page, "feedback I asked for");
  await page.goto(`/portfolio/pages/${created.id}`);
  await expect(page.getByText("The rhymes in the second verse.")).toBeVisible();
});

test("a web page disguised as an image is refused with the server's message; a real image is added with a skill", async ({ page }) => {
  const { teacher, students } = await firstClass();
  await teacher.dispose();
  await login(page, students[students.length - 5]!.username!);
  await page.goto("/portfolio");
  await expectHeading(page, "My work");
  await page.getByRole("button", { name: "Upload a file" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.locator('input[type="file"]').setInputFiles({
    name: "cute-cat.png",
    mimeType: "image/png",
    buffer: Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
  });
  await expect(dialog.getByText(/not accepted/)).toBeVisible();
  await expect(dialog.getByText("Uploaded: cute-cat.png")).toHaveCount(0);
  await expect(dialog.getByText(/^Storage used: 0 B of /)).toBeVisible();
  await expectAccessible(page, "upload refused");

  // A real image goes through, with a skill named on the form; the storage line counts it.
  await dialog.locator('input[type="file"]').setInputFiles({ name: "leaf.png", mimeType: "image/png", buffer: pngImage() });
  await expect(dialog.getByText("Uploaded: leaf.png")).toBeVisible();
  await expect(dialog.getByText(/^Storage used: 0 B of /)).toHaveCount(0);
  await dialog.getByLabel("Skills or standards").fill("Observing");
  await dialog.getByLabel("Skills or standards").press("Enter");
  await dialog.getByRole("button", { name: "Add to my work" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "leaf" }).click();
  await expectHeading(page, "leaf");
  await expect(page.getByText("Observing")).toBeVisible();
  await expectAccessible(page, "artifact with a skill");

  // A reflection on it, then changed.
  await typeRichText(page, "Write a reflection", "I drew the veins.");
  await page.getByRole("button", { name: "Save reflection" }).click();
  await expect(savedText(page, "I drew the veins.")).toBeVisible();
  await page.getByRole("button", { name: "Edit the reflection “Reflection”" }).click();
  const editor = page.getByRole("textbox", { name: "Change your reflection: Reflection" });
  await editor.click();
  await page.keyboard.press("End");
  await editor.pressSequentially(" And the stem.");
  await expectAccessible(page, "editing a reflection");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("I drew the veins. And the stem.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
});
