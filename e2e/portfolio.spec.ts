import type { TClassSummary } from "@stoa/contracts";
import { apiAs } from "./api";
import { expect, expectAccessible, expectHeading, login, navBar, navigate, savedText, test } from "./fixtures";
import { anonymous, choose, pngImage, signedIn, typeRichText } from "./portfolio-helpers";

// One story, in order: teacher1 prepares their grade 3 class (every grade 3 student is in it);
// a student collects work, builds a page, reflects and shares it; a classmate comments; a student of
// another class is refused; their guardian sees it only once it is shared with family; an anonymous visitor
// uses the secret link until it is revoked; the teacher assesses the submitted page with a rubric.

// Each test walks several screens with axe on each: more than the default minute on a two-core machine.
test.describe.configure({ mode: "serial", timeout: 150_000 });

const pageTitle = "My science project";
const prompt = "What surprised you?";
// The demo seed gives student1..student12 portfolios of their own; this story starts from an empty one.
const owner = "student13";
const classmate = "student14";
const otherClass = "student35"; // grade 4: not in any grade 3 class
const ownGuardian = "guardian13";
const otherGuardian = "guardian14";
/** A whole-name match (Playwright matches a plain string as a substring). */
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

const state = { classId: "", classTitle: "", pagePath: "", linkUrl: "" };

test.describe("portfolios", () => {
  test("a teacher sets reflection questions, a rubric and an assessment for a class", async ({ page }) => {
    const teacher = await apiAs("teacher1");
    const classes = (await teacher.get<{ items: TClassSummary[] }>("/api/classes?status=active&pageSize=100")).items;
    await teacher.dispose();
    const cls = classes.find((c) => c.grades.includes("03"));
    expect(cls, "teacher1 teaches a grade 3 class in the demo district").toBeTruthy();
    state.classId = cls!.id;
    state.classTitle = cls!.title;

    await login(page, "teacher1");
    await navigate(page, /^Portfolios$/, "Portfolios");
    await expectAccessible(page, "teacher portfolios");
    await page.getByRole("link", { name: state.classTitle }).click();
    await expectHeading(page, `Portfolios: ${state.classTitle}`);
    await expectAccessible(page, "teacher class submissions (empty)");

    await page.getByRole("tab", { name: "Reflection questions" }).click();
    await page.getByLabel("New question").fill(prompt);
    await page.getByRole("button", { name: "Add question" }).click();
    await expect(page.getByRole("main").getByText(prompt, { exact: true })).toBeVisible();
    await expectAccessible(page, "teacher prompts");

    await page.getByRole("tab", { name: "Rubrics" }).click();
    // A name of this run's own: a retry must not meet the first try's rubric.
    const rubric = `Science portfolio ${Date.now()}`;
    await page.getByLabel("Rubric title").fill(rubric);
    await page.getByRole("textbox", { name: "Criterion 1", exact: true }).fill("Explains the idea");
    await page.getByRole("button", { name: "Add a criterion" }).click();
    await page.getByRole("textbox", { name: "Criterion 2", exact: true }).fill("Shows evidence");
    await page.getByRole("button", { name: "Save rubric" }).click();
    await expect(page.getByText(`Rubric “${rubric}” saved.`)).toBeVisible();
    await expect(page.getByRole("heading", { name: rubric })).toBeVisible();
    await expectAccessible(page, "teacher rubrics");

    await page.getByRole("tab", { name: "Submissions" }).click();
    await page.getByRole("textbox", { name: "Title", exact: true }).fill("Term 1 portfolio");
    await choose(page, "Rubric", rubric);
    await page.getByRole("button", { name: "Set assessment" }).click();
    await expect(page.getByRole("heading", { name: "Term 1 portfolio" })).toBeVisible();
    await expect(page.getByText(/0 of \d+ submitted/)).toBeVisible();
    await expectAccessible(page, "teacher assessments");
  });

  test("a student uploads an image, writes, builds a page, reflects and shares it with the class and a secret link", async ({ page }) => {
    await login(page, owner);
    await navigate(page, /^Portfolio$/, "My work");
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Nothing here yet" })).toBeVisible();
    await expectAccessible(page, "empty library");

    // An image, through the Choose file button's input.
    await page.getByRole("button", { name: "Upload a file" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator('input[type="file"]').setInputFiles({ name: "drawing.png", mimeType: "image/png", buffer: pngImage() });
    await expect(dialog.getByText("Uploaded: drawing.png")).toBeVisible();
    await dialog.getByLabel("Title").fill("My drawing");
    await dialog.getByLabel("Tags").fill("science");
    await dialog.getByLabel("Tags").press("Enter");
    await expectAccessible(page, "upload dialog");
    await dialog.getByRole("button", { name: "Add to my work" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("link", { name: "My drawing" })).toBeVisible();
    await expect(page.getByRole("main").locator("img").first()).toBeVisible();

    // Some writing.
    await page.getByRole("button", { name: "Write something" }).click();
    await dialog.getByLabel("Title").fill("What I learned");
    await typeRichText(page, "Your writing", "Plants need light to grow.");
    await dialog.getByRole("button", { name: "Add to my work" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("link", { name: "What I learned" })).toBeVisible();
    await expectAccessible(page, "library with work");

    // Filter by a tag, then clear it.
    await page.getByRole("button", { name: "Show only work tagged science" }).click();
    await expect(page.getByRole("link", { name: "What I learned" })).toBeHidden();
    await page.getByRole("button", { name: /Tag: science/ }).click();
    await expect(page.getByRole("link", { name: "What I learned" })).toBeVisible();

    // Reflect on the drawing with the teacher's question.
    await page.getByRole("link", { name: "My drawing" }).click();
    await expectHeading(page, "My drawing");
    await page.locator("label", { hasText: prompt }).click();
    await expect(page.getByRole("radio", { name: prompt })).toBeChecked();
    await typeRichText(page, prompt, "I learned to draw leaves.");
    await page.getByRole("button", { name: "Save reflection" }).click();
    await expect(savedText(page, "I learned to draw leaves.")).toBeVisible();
    await expectAccessible(page, "artifact with reflection");

    // A page with both pieces; reorder with the move buttons (the keyboard alternative to dragging).
    await page.goto("/portfolio/pages");
    await expectHeading(page, "My pages");
    await expectAccessible(page, "pages (empty)");
    await page.getByRole("button", { name: "New page" }).click();
    await page.getByLabel("Page title").fill(pageTitle);
    await page.getByRole("button", { name: "Create and edit" }).click();
    await expectHeading(page, `Edit: ${pageTitle}`);
    const where = "Section 1, column 1";
    await choose(page, `Work to add to ${where}`, "My drawing");
    await page.getByRole("button", { name: `Add work to ${where}` }).click();
    await choose(page, `Work to add to ${where}`, "What I learned");
    await page.getByRole("button", { name: `Add work to ${where}` }).click();
    const blocks = page.getByRole("group", { name: where }).getByRole("group");
    await expect(blocks).toHaveCount(2);
    await expect(blocks.first()).toHaveAccessibleName("My drawing");
    const moveUp = page.getByRole("button", { name: "Move What I learned up" });
    await moveUp.focus();
    await page.keyboard.press("Enter");
    await expect(blocks.first()).toHaveAccessibleName("What I learned");
    await page.getByLabel("Heading of section 1 (optional)").fill("My experiment");
    await expectAccessible(page, "page editor");
    await page.getByRole("button", { name: "Save page" }).first().click();
    await expect(page.getByText("Page saved.")).toBeVisible();

    await page.getByRole("link", { name: "View page" }).click();
    await expect(page).toHaveURL(/\/portfolio\/pages\/[0-9a-f-]+$/);
    await expectHeading(page, exactly(pageTitle));
    state.pagePath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: "My experiment" })).toBeVisible();
    await expect(page.getByText("Plants need light to grow.")).toBeVisible();
    await expect(page.getByText("I learned to draw leaves.")).toBeVisible();
    await expectAccessible(page, "own page");

    // Share with the class, and by a secret link.
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const panel = page.getByRole("dialog", { name: `Share “${pageTitle}”` });
    await expect(panel.getByText("Only you (and your teachers when you submit it).")).toBeVisible();
    await choose(page, "Class", state.classTitle);
    await panel.getByRole("button", { name: "Share", exact: true }).click();
    await expect(panel.getByText(`Shared with ${state.classTitle}.`)).toBeVisible();
    await panel.getByRole("button", { name: "Make a secret link" }).click();
    const linkField = panel.getByRole("textbox", { name: "Secret link", exact: true });
    await expect(linkField).toHaveValue(/\/shared\/[A-Za-z0-9_-]{22,}$/);
    state.linkUrl = await linkField.inputValue();
    await expectAccessible(page, "sharing panel");
    await page.keyboard.press("Escape");

    // "Who can see what" lists both.
    await page.goto("/portfolio/sharing");
    await expectHeading(page, "Who can see what");
    await expect(page.getByRole("cell", { name: `Class: ${state.classTitle}`, exact: true })).toBeVisible();
    await expect(page.getByRole("article", { name: `Secret link to ${pageTitle}` }).getByText("Working")).toBeVisible();
    await expectAccessible(page, "who can see what");
  });

  test("presentation mode works with the keyboard", async ({ page }) => {
    await login(page, owner);
    await page.goto(state.pagePath);
    await expectHeading(page, exactly(pageTitle));
    const present = page.getByRole("button", { name: "Present" });
    await present.focus();
    await page.keyboard.press("Enter");
    const show = page.getByRole("dialog", { name: `Presenting ${pageTitle}` });
    await expect(show).toBeVisible();
    await expect(show.getByRole("status")).toHaveText("Slide 1 of 2");
    await expect(show.getByRole("heading", { level: 2, name: pageTitle })).toBeVisible();
    await expectAccessible(page, "presentation");
    await page.keyboard.press("ArrowRight");
    await expect(show.getByRole("status")).toHaveText("Slide 2 of 2");
    await expect(show.getByRole("heading", { level: 2, name: "My experiment" })).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    await expect(show.getByRole("status")).toHaveText("Slide 1 of 2");
    await page.keyboard.press("End");
    await expect(show.getByRole("status")).toHaveText("Slide 2 of 2");
    await page.keyboard.press("Escape");
    await expect(show).toBeHidden();
    await expect(present).toBeFocused();
  });

  test("a classmate sees the shared page and comments; a student of another class is refused", async ({ page, browser }) => {
    await login(page, classmate);
    await page.goto("/portfolio/shared");
    await expectHeading(page, "Shared with me");
    await page.getByRole("link", { name: pageTitle }).click();
    await expectHeading(page, exactly(pageTitle));
    await expect(page.getByText("Plants need light to grow.")).toBeVisible();
    // The classmate sees only what is on the page: no edit, share or other work.
    await expect(page.getByRole("link", { name: "Edit page" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
    await typeRichText(page, "Write a comment", "Great drawing of the leaves!");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("article", { name: /Comment by/ }).getByText("Great drawing of the leaves!")).toBeVisible();
    await expectAccessible(page, "classmate views shared page");

    // A grade 4 student: not in the class the page was shared with.
    const other = await signedIn(browser, otherClass);
    await other.page.goto(state.pagePath);
    await expectHeading(other.page, "Page not found");
    await expect(other.page.getByText("This was not found, or you do not have access to it.")).toBeVisible();
    await expect(other.page.getByText("Plants need light to grow.")).toHaveCount(0);
    await expectAccessible(other.page, "other class refused");
    await other.close();

    // The owner sees the comment, replies and marks it done.
    const ownerSession = await signedIn(browser, owner);
    await ownerSession.page.goto(state.pagePath);
    const comment = ownerSession.page.getByRole("article", { name: /Comment by/ }).first();
    await comment.getByRole("button", { name: "Reply" }).click();
    await typeRichText(ownerSession.page, /Your reply to/, "Thank you!");
    await ownerSession.page.getByRole("button", { name: "Post reply" }).click();
    await expect(ownerSession.page.getByText("Thank you!")).toBeVisible();
    await comment.getByRole("button", { name: "Mark as done" }).first().click();
    await expect(comment.getByText("Done", { exact: true }).first()).toBeVisible();
    await expectAccessible(ownerSession.page, "owner sees feedback");
    await ownerSession.close();
  });

  test("the student's guardian sees the page only once it is shared with the family", async ({ page, browser }) => {
    await login(page, ownGuardian);
    await navigate(page, "Children's portfolios", "Your children's work");
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Nothing shared yet" })).toBeVisible();
    await expectAccessible(page, "guardian before sharing");
    expect(await (await page.request.get(`/api${state.pagePath}`)).status()).toBe(404);

    const ownerSession = await signedIn(browser, owner);
    await ownerSession.page.goto(state.pagePath);
    await ownerSession.page.getByRole("button", { name: "Share", exact: true }).click();
    await choose(ownerSession.page, "Who?", "My family (guardians)");
    await ownerSession.page.getByRole("dialog").getByRole("button", { name: "Share", exact: true }).click();
    await expect(ownerSession.page.getByText(/^Shared with /).last()).toBeVisible();
    await ownerSession.close();

    await page.reload();
    await expectHeading(page, "Your children's work");
    await page.getByRole("link", { name: pageTitle }).click();
    await expectHeading(page, exactly(pageTitle));
    await expect(page.getByText("Plants need light to grow.")).toBeVisible();
    await expectAccessible(page, "guardian sees child's page");

    // Another child's guardian does not.
    const stranger = await signedIn(browser, otherGuardian);
    await stranger.page.goto(state.pagePath);
    await expectHeading(stranger.page, "Page not found");
    await stranger.close();
  });

  test("an anonymous visitor opens the secret link until it is revoked, then sees the neutral page", async ({ page, browser }) => {
    const visitor = await anonymous(browser);
    await visitor.page.goto(state.linkUrl);
    await expect(visitor.page.getByRole("heading", { level: 1, name: pageTitle })).toBeVisible();
    await expect(visitor.page.getByText("Plants need light to grow.")).toBeVisible();
    await expect(visitor.page.locator("img").first()).toBeVisible();
    // Nothing else of the student's shows, and no way to comment.
    await expect(visitor.page.getByRole("button", { name: "Post comment" })).toHaveCount(0);
    await expectAccessible(visitor.page, "secret link view");

    await login(page, owner);
    await page.goto("/portfolio/sharing");
    const link = page.getByRole("article", { name: `Secret link to ${pageTitle}` });
    await expect(link.getByText("Opened 1 time")).toBeVisible();
    await link.getByRole("button", { name: `Revoke the link to ${pageTitle}` }).click();
    await expect(link.getByText("Revoked")).toBeVisible();

    await visitor.page.reload();
    await expect(visitor.page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
    await expect(visitor.page.getByText("Plants need light to grow.")).toHaveCount(0);
    await expectAccessible(visitor.page, "revoked link");
    const revokedBody = await (await visitor.page.request.get(`/api/public/portfolio/${state.linkUrl.split("/shared/")[1]}`)).text();

    // A made-up link looks exactly the same, on the page and in the API answer.
    await visitor.page.goto("/shared/this-is-not-a-real-link-at-all-0000");
    await expect(visitor.page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
    const wrong = await visitor.page.request.get("/api/public/portfolio/this-is-not-a-real-link-at-all-0000");
    expect(wrong.status()).toBe(404);
    expect(await wrong.text()).toBe(revokedBody);
    await visitor.close();
  });

  test("the student submits the page; the teacher assesses it with the rubric; the student sees the result", async ({ page, browser }) => {
    await login(page, owner);
    await page.goto(state.pagePath);
    await page.getByRole("button", { name: "Submit for assessment" }).click();
    await choose(page, "Which assessment?", /Term 1 portfolio/);
    await page.getByRole("dialog").getByRole("button", { name: "Submit", exact: true }).click();
    await expect(page.getByText("Submitted. Your teacher can now assess it.")).toBeVisible();
    await expectAccessible(page, "submitted");
    await page.keyboard.press("Escape");

    const teacher = await signedIn(browser, "teacher1");
    await teacher.page.goto(`/portfolio/teach/${state.classId}`);
    const submissions = teacher.page.getByRole("table", { name: "Submissions for Term 1 portfolio" });
    await expect(submissions.locator("tbody").getByText("Submitted", { exact: true })).toBeVisible();
    await expect(teacher.page.getByText(/1 of \d+ submitted/)).toBeVisible();
    await submissions.getByRole("link").first().click();
    await expectHeading(teacher.page, /^Submission of /);
    await expect(teacher.page.getByText("Plants need light to grow.")).toBeVisible();
    await teacher.page
      .getByRole("radiogroup", { name: "Explains the idea" })
      .getByRole("radio", { name: /Secure/ })
      .check();
    await teacher.page
      .getByRole("radiogroup", { name: "Shows evidence" })
      .getByRole("radio", { name: /Developing/ })
      .check();
    await teacher.page.getByLabel("Comment on Shows evidence (optional)").fill("Add a photo of your plant.");
    await teacher.page.getByLabel("Overall comment").fill("A clear, careful page.");
    await expectAccessible(teacher.page, "assessment screen");
    await teacher.page.getByRole("button", { name: "Save assessment" }).click();
    await expect(teacher.page.getByText("Assessment saved and returned to the student.")).toBeVisible();
    await teacher.close();

    await page.goto("/portfolio/assessments");
    await expectHeading(page, "Assessments");
    await expect(page.getByText("Result ready")).toBeVisible();
    await expectAccessible(page, "student assessments");
    await page.getByRole("link", { name: "See my result" }).click();
    await expectHeading(page, "My submission");
    await expect(page.getByText(/^5(\.0+)? of 6(\.0+)? points$/)).toBeVisible();
    await expect(page.getByRole("row", { name: /Shows evidence/ })).toContainText("Add a photo of your plant.");
    await expect(page.getByText("A clear, careful page.")).toBeVisible();
    await expectAccessible(page, "student result");
  });

  test("the other portfolio screens load for a student: collections, templates, feedback", async ({ page }) => {
    await login(page, owner);
    await expect(navBar(page).getByRole("link", { name: /^Portfolio$/ })).toBeVisible();
    for (const [path, heading] of [
      ["/portfolio/collections", "Collections"],
      ["/portfolio/templates", "Templates"],
      ["/portfolio/feedback", "Feedback"],
    ] as const) {
      await page.goto(path);
      await expectHeading(page, heading);
      await expectAccessible(page, heading);
    }
  });
});
