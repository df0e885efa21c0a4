import type { TClassSummary, TRosterEntry, TTask } from "@stoa/contracts";
import { apiAs, publishGroupSet } from "./api";
import { expect, expectAccessible, expectHeading, login, test } from "./fixtures";

test.use({ actionTimeout: 20_000 });

/**
 * Two members of one group, each in their own browser: one creates a shared document from the
 * group space, both type into it and each sees the other's text and named caret live; then a
 * version is saved and read back from the history.
 */
test("two members co-write a shared document and see each other's text and caret", async ({ browser }) => {
  test.setTimeout(240_000);
  const api = await apiAs("teacher1");
  const classes = await api.call<{ items: TClassSummary[] }>("GET", "/api/classes?status=active&pageSize=100");
  const cls = classes.items[0]!;
  const roster = await api.call<TRosterEntry[]>("GET", `/api/classes/${cls.id}/roster`);
  const usernameOf = new Map(roster.map((e) => [e.userId, e.username]));
  const set = await publishGroupSet(api, cls.id, { name: `Documents e2e ${Date.now()}`, groupSize: 2, seed: 7 });
  const group = set.groups.find((g) => g.members.length >= 2)!;
  const task = await api.call<TTask>("POST", "/api/tasks", {
    classId: cls.id,
    setId: set.id,
    title: `Shared writing ${Date.now()}`,
    dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  await api.dispose();
  const [first, second] = group.members;
  const docTitle = `Our river report ${Date.now()}`;

  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  try {
    // The first member creates the document from the group space's Documents tab.
    await login(a, usernameOf.get(first!.userId)!);
    await a.goto(`/tasks/${task.id}/groups/${group.id}?tab=documents`);
    await expect(a.getByRole("heading", { name: "Shared documents" })).toBeVisible();
    await expect(a.getByText("No documents yet")).toBeVisible();
    await expectAccessible(a, "group space: documents (empty)");
    await a.getByRole("textbox", { name: /Title of a new document/ }).fill(docTitle);
    await a.getByRole("button", { name: "Create document" }).click();
    await expectHeading(a, docTitle);
    await expect(a.getByTestId("document-status")).toHaveText("Saved live");
    const editorA = a.getByRole("textbox", { name: "Document text" });
    await editorA.click();
    await a.keyboard.type("Rivers carry silt to the sea.");
    await expectAccessible(a, "shared document editor");

    // The second member opens it from the list and sees the text already there.
    await login(b, usernameOf.get(second!.userId)!);
    await b.goto(`/tasks/${task.id}/groups/${group.id}?tab=documents`);
    await b.getByRole("link", { name: docTitle }).click();
    await expectHeading(b, docTitle);
    const editorB = b.getByRole("textbox", { name: "Document text" });
    await expect(editorB).toContainText("Rivers carry silt to the sea.");
    await expect(b.getByTestId("document-editors")).toContainText(first!.name);
    await editorB.click();
    await b.keyboard.press("Control+End");
    await b.keyboard.press("Enter");
    await b.keyboard.type("The delta grows every year.");

    // Each sees the other's words and named caret, live.
    await expect(editorA).toContainText("The delta grows every year.");
    await expect(a.locator(".stoa-caret-label", { hasText: second!.name })).toBeVisible();
    await a.keyboard.type(" Fast.");
    await expect(editorB).toContainText("Fast.");
    await expect(b.locator(".stoa-caret-label", { hasText: first!.name })).toBeVisible();
    await expect(a.getByTestId("document-editors")).toContainText(second!.name);
    await expectAccessible(b, "shared document with two editors");

    // A version saved by hand shows in the history and reads back.
    await b.getByRole("button", { name: "History" }).click();
    await b.getByRole("button", { name: "Save version" }).click();
    await expect(b.getByText(/Version \d+ saved/)).toBeVisible();
    await b
      .getByRole("button", { name: /^View: Version/ })
      .first()
      .click();
    const dialog = b.getByRole("dialog", { name: /read only/ });
    await expect(dialog).toContainText("The delta grows every year.");
    await expectAccessible(b, "document history: old version");
  } finally {
    await contextA.close();
    await contextB.close();
  }
});
