import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import * as feedback from "./feedback.service.js";
import { buildArtifact, buildPage, sharePage } from "./feedback.test-helpers.js";

let db: Db;
let d: TestDistrict;
let other: TestDistrict;

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
  other = await buildDistrict(db);
});
afterAll(async () => (await getTestDatabase()).close());

const pageTarget = (id: string) => ({ type: "page" as const, id });

describe("comments", () => {
  it("lets people a page is shared with comment, sanitises the text, and hides the page from everyone else", async () => {
    const page = await buildPage(db, d.studentA1);
    await sharePage(db, page, "class", d.classA.id);
    const comment = await feedback.createComment(db, actorOf(d.studentA2), pageTarget(page.id), {
      body: `<p onclick="alert(1)">Nice <script>alert(2)</script><img src=x onerror=alert(3)><a href="javascript:alert(4)">work</a></p>`,
    });
    expect(comment.body).toBe('<p>Nice <a rel="noopener noreferrer nofollow" target="_blank">work</a></p>');
    await feedback.createComment(db, actorOf(d.teacherA), pageTarget(page.id), { body: "<p>Well done</p>", parentId: comment.id });

    const seen = await feedback.listComments(db, actorOf(d.studentA1), pageTarget(page.id));
    expect(seen.items.map((c) => [c.author.id, c.parentId])).toEqual([
      [d.studentA2.id, null],
      [d.teacherA.id, comment.id],
    ]);
    expect(seen.canModerate).toBe(true);
    expect((await feedback.listComments(db, actorOf(d.studentA2), pageTarget(page.id))).canModerate).toBe(false);

    for (const outsider of [d.studentB1, d.teacherB, d.guardianA1, d.districtAdmin, other.districtAdmin]) {
      await expect(feedback.listComments(db, actorOf(outsider), pageTarget(page.id))).rejects.toMatchObject({ statusCode: 404 });
      await expect(feedback.createComment(db, actorOf(outsider), pageTarget(page.id), { body: "<p>hi</p>" })).rejects.toMatchObject({
        statusCode: 404,
      });
    }
  });

  it("lets a view-only share read the thread but not comment", async () => {
    const page = await buildPage(db, d.studentA1);
    await sharePage(db, page, "class", d.classA.id, false);
    const thread = await feedback.listComments(db, actorOf(d.studentA2), pageTarget(page.id));
    expect(thread.canComment).toBe(false);
    await expect(feedback.createComment(db, actorOf(d.studentA2), pageTarget(page.id), { body: "<p>hi</p>" })).rejects.toMatchObject({
      statusCode: 403,
    });
    // A feedback request turns comments on for the classmates it asks.
    await feedback.createFeedbackRequest(db, actorOf(d.studentA1), {
      pageId: page.id,
      reviewerIds: [d.studentA2.id],
      questions: ["Clear?"],
    });
    expect((await feedback.listComments(db, actorOf(d.studentA2), pageTarget(page.id))).canComment).toBe(true);
  });

  it("lets guardians comment only on their own child's work shared with guardians", async () => {
    const mine = await buildPage(db, d.studentA1);
    await sharePage(db, mine, "guardians", null);
    const classmate = await buildPage(db, d.studentA2);
    await sharePage(db, classmate, "guardians", null);
    await expect(
      feedback.createComment(db, actorOf(d.guardianA1), pageTarget(mine.id), { body: "<p>Proud of you</p>" }),
    ).resolves.toBeTruthy();
    await expect(feedback.listComments(db, actorOf(d.guardianA1), pageTarget(classmate.id))).rejects.toMatchObject({ statusCode: 404 });
  });

  it("lets a school share reach the school's staff and students, not guardians holding a role there", async () => {
    const page = await buildPage(db, d.studentA1);
    await sharePage(db, page, "school", d.schoolA.id);
    await expect(feedback.listComments(db, actorOf(d.counselorA), pageTarget(page.id))).resolves.toBeTruthy();
    await expect(feedback.listComments(db, actorOf(d.guardianA1), pageTarget(page.id))).rejects.toMatchObject({ statusCode: 404 });
    await expect(feedback.listComments(db, actorOf(d.teacherB), pageTarget(page.id))).rejects.toMatchObject({ statusCode: 404 });
  });

  it("refuses empty comments and replies to another page's comment", async () => {
    const page = await buildPage(db, d.studentA1);
    const otherPage = await buildPage(db, d.studentA1);
    await expect(
      feedback.createComment(db, actorOf(d.studentA1), pageTarget(page.id), { body: "<script>x</script><p> </p>" }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    const elsewhere = await feedback.createComment(db, actorOf(d.studentA1), pageTarget(otherPage.id), { body: "<p>note</p>" });
    await expect(
      feedback.createComment(db, actorOf(d.studentA1), pageTarget(page.id), { body: "<p>re</p>", parentId: elsewhere.id }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("lets only the owner resolve and hide; a hidden comment loses its words for everyone else", async () => {
    const page = await buildPage(db, d.studentA1);
    await sharePage(db, page, "person", d.studentA2.id);
    const rude = await feedback.createComment(db, actorOf(d.studentA2), pageTarget(page.id), { body: "<p>rude words</p>" });
    await expect(feedback.moderateComment(db, actorOf(d.studentA2), rude.id, { hidden: true })).rejects.toMatchObject({ statusCode: 403 });
    await expect(feedback.moderateComment(db, actorOf(d.studentB1), rude.id, { hidden: true })).rejects.toMatchObject({ statusCode: 404 });
    const hidden = await feedback.moderateComment(db, actorOf(d.studentA1), rude.id, { hidden: true, resolved: true });
    expect(hidden).toMatchObject({ hidden: true, resolved: true, body: "<p>rude words</p>" });
    const asAuthor = await feedback.listComments(db, actorOf(d.studentA2), pageTarget(page.id));
    expect(asAuthor.items[0]).toMatchObject({ hidden: true, body: "" });
    const shown = await feedback.moderateComment(db, actorOf(d.studentA1), rude.id, { hidden: false });
    expect(shown).toMatchObject({ hidden: false, resolved: true });
  });

  it("reaches an artifact through a shared page that shows it, and only that artifact", async () => {
    const shown = await buildArtifact(db, d.studentA1, { title: "Shown" });
    const notShown = await buildArtifact(db, d.studentA1, { title: "Private" });
    const page = await buildPage(db, d.studentA1, [shown.id]);
    await sharePage(db, page, "person", d.studentA2.id);
    await expect(
      feedback.createComment(db, actorOf(d.studentA2), { type: "artifact", id: shown.id }, { body: "<p>Great</p>" }),
    ).resolves.toMatchObject({
      targetType: "artifact",
    });
    await expect(feedback.listComments(db, actorOf(d.studentA2), { type: "artifact", id: notShown.id })).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(feedback.listComments(db, actorOf(d.teacherA), { type: "artifact", id: shown.id })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});

describe("peer feedback requests", () => {
  it("grants two classmates view and comment, lists the request for them, and ties answers to questions", async () => {
    const page = await buildPage(db, d.studentA2);
    const classmate = await (
      await import("../../test/factories.js")
    ).buildUser(db, d.district.id, { name: "Cleo", roles: [{ role: "student", schoolId: d.schoolA.id }] });
    await (await import("../../test/factories.js")).enrol(db, d.classA, classmate, "student");
    await expect(feedback.listComments(db, actorOf(d.studentA1), pageTarget(page.id))).rejects.toMatchObject({ statusCode: 404 });

    const request = await feedback.createFeedbackRequest(db, actorOf(d.studentA2), {
      pageId: page.id,
      reviewerIds: [d.studentA1.id, classmate.id],
      questions: ["What is clear?", "What could be better?"],
    });
    expect(request.reviewers.map((r) => r.answered)).toEqual([false, false]);
    const toMe = await feedback.listFeedbackRequests(db, actorOf(d.studentA1));
    expect(toMe.toMe.map((r) => r.id)).toEqual([request.id]);
    expect(toMe.toMe[0]).toMatchObject({ pageTitle: page.title, questions: ["What is clear?", "What could be better?"] });

    const answer = await feedback.createComment(db, actorOf(d.studentA1), pageTarget(page.id), {
      body: "<p>The intro</p>",
      requestId: request.id,
      questionIndex: 0,
    });
    expect(answer).toMatchObject({ requestId: request.id, questionIndex: 0 });
    await expect(
      feedback.createComment(db, actorOf(d.studentA1), pageTarget(page.id), { body: "<p>x</p>", requestId: request.id, questionIndex: 5 }),
    ).rejects.toMatchObject({ statusCode: 400 });
    const mine = await feedback.listFeedbackRequests(db, actorOf(d.studentA2));
    expect(mine.mine[0]!.reviewers.find((r) => r.id === d.studentA1.id)?.answered).toBe(true);

    await expect(feedback.closeFeedbackRequest(db, actorOf(d.studentA1), request.id)).rejects.toMatchObject({ statusCode: 403 });
    await feedback.closeFeedbackRequest(db, actorOf(d.studentA2), request.id);
    expect((await feedback.listFeedbackRequests(db, actorOf(d.studentA1))).toMe).toEqual([]);
    await expect(
      feedback.createComment(db, actorOf(d.studentA1), pageTarget(page.id), {
        body: "<p>late</p>",
        requestId: request.id,
        questionIndex: 1,
      }),
    ).rejects.toMatchObject({ statusCode: 409 });
  });

  it("refuses reviewers who are not classmates, the owner, and pages of others", async () => {
    const page = await buildPage(db, d.studentA1);
    const ask = (reviewerIds: string[], pageId = page.id, who = d.studentA1) =>
      feedback.createFeedbackRequest(db, actorOf(who), { pageId, reviewerIds, questions: ["Why?"] });
    await expect(ask([d.studentB1.id])).rejects.toMatchObject({ statusCode: 400 });
    await expect(ask([other.studentA1.id])).rejects.toMatchObject({ statusCode: 400 });
    await expect(ask([d.studentA1.id])).rejects.toMatchObject({ statusCode: 400 });
    await expect(ask([d.studentA1.id], page.id, d.studentA2)).rejects.toMatchObject({ statusCode: 404 });
    await expect(ask([d.studentA2.id], page.id, d.teacherA)).rejects.toMatchObject({ statusCode: 403 });
  });
});
