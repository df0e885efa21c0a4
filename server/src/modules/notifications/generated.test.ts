import { afterAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict } from "../../test/factories.js";
import { notifications } from "../../db/schema/index.js";
import { buildTaskFixture } from "../tasks/test-helpers.js";
import * as feedback from "../portfolio/feedback.service.js";
import { buildPage, sharePage } from "../portfolio/feedback.test-helpers.js";

afterAll(async () => (await getTestDatabase()).close());

/** Notifications the product's existing events now create (kinds "task" and "feedback"). */
describe("notifications from other areas", () => {
  it("tells every member of a published set's groups about a new task, not the teacher", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const { task, studentA3 } = await buildTaskFixture(db, d);
    const rows = await db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.kind, "task"), inArray(notifications.userId, [d.studentA1.id, d.studentA2.id, studentA3.id, d.teacherA.id])),
      );
    expect(rows.map((r) => r.userId).sort()).toEqual([d.studentA1.id, d.studentA2.id, studentA3.id].sort());
    expect(rows[0]).toMatchObject({ title: "New group task: River study", link: `/tasks/${task.id}` });
  });

  it("tells a page's owner about a comment and classmates about a feedback request", async () => {
    const { db } = await getTestDatabase();
    const d = await buildDistrict(db);
    const page = await buildPage(db, d.studentA1);
    await sharePage(db, page, "class", d.classA.id);
    await feedback.createComment(db, actorOf(d.studentA2), { type: "page", id: page.id }, { body: "<p>Nice</p>" });
    const toOwner = await db.select().from(notifications).where(eq(notifications.userId, d.studentA1.id));
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]).toMatchObject({ kind: "feedback", link: `/portfolio/pages/${page.id}` });
    // The author is not told about their own comment.
    expect(await db.select().from(notifications).where(eq(notifications.userId, d.studentA2.id))).toHaveLength(0);

    await feedback.createFeedbackRequest(db, actorOf(d.studentA1), {
      pageId: page.id,
      reviewerIds: [d.studentA2.id],
      questions: ["Clear?"],
      message: "Please look",
    });
    const toReviewer = await db.select().from(notifications).where(eq(notifications.userId, d.studentA2.id));
    expect(toReviewer).toHaveLength(1);
    expect(toReviewer[0]).toMatchObject({ kind: "feedback", body: "Please look", link: "/portfolio/feedback" });
  });
});
