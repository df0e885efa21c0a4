import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { portfolioArtifacts, portfolioPages, portfolioSubmissions } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import * as assessments from "./assessment.service.js";
import { fileHeldBySnapshot } from "./assessment.repository.js";
import * as rubrics from "./rubrics.service.js";
import { buildArtifact, buildFile, buildPage, buildReflection } from "./feedback.test-helpers.js";

let db: Db;
let d: TestDistrict;

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
});
afterAll(async () => (await getTestDatabase()).close());

const rubricInput = {
  title: "Portfolio rubric",
  description: "",
  criteria: [
    {
      title: "Evidence",
      description: "Shows learning",
      levels: [
        { title: "Beginning", description: "", points: "1" },
        { title: "Secure", description: "", points: "2.5" },
      ],
    },
    {
      title: "Reflection",
      description: "",
      levels: [
        { title: "Thoughtful", description: "", points: 0.1 },
        { title: "Deep", description: "", points: "0.2" },
      ],
    },
  ],
};

async function setUp() {
  const rubric = await rubrics.createRubric(db, actorOf(d.teacherA), d.classA.id, rubricInput as never);
  const assessment = await assessments.createAssessment(db, actorOf(d.teacherA), d.classA.id, {
    title: "Term 1 portfolio",
    instructions: "",
    rubricId: rubric.id,
  });
  return { rubric, assessment };
}

describe("rubrics", () => {
  it("stores exact points and the best total; only the class's teachers create, its members read", async () => {
    const { rubric } = await setUp();
    expect(rubric.maxPoints).toBe("2.70");
    expect(rubric.criteria[1]!.levels.map((l) => l.points)).toEqual(["0.10", "0.20"]);
    await expect(rubrics.createRubric(db, actorOf(d.studentA1), d.classA.id, rubricInput as never)).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(rubrics.createRubric(db, actorOf(d.teacherB), d.classA.id, rubricInput as never)).rejects.toMatchObject({
      statusCode: 404,
    });
    expect((await rubrics.listRubrics(db, actorOf(d.studentA2), d.classA.id)).map((r) => r.id)).toContain(rubric.id);
    await expect(rubrics.listRubrics(db, actorOf(d.studentB1), d.classA.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("submissions and assessment", () => {
  it("locks a snapshot that later edits do not change, and keeps its files", async () => {
    const { assessment, rubric } = await setUp();
    const file = await buildFile(db, d.studentA1, { fileName: "essay.pdf", mediaType: "application/pdf" });
    const shown = await buildArtifact(db, d.studentA1, { title: "Essay", kind: "file", fileId: file.id, description: "My <b>essay</b>" });
    const hiddenWork = await buildArtifact(db, d.studentA1, { title: "Diary, not for school" });
    const someoneElses = await buildArtifact(db, d.studentA2, { title: "Ali's work" });
    const page = await buildPage(db, d.studentA1, [shown.id, someoneElses.id], { purpose: "assessment", title: "Term 1" });
    await buildReflection(db, d.studentA1, { artifactId: shown.id }, `<p>I learned<script>alert(1)</script></p>`);
    await buildReflection(db, d.studentA1, { pageId: page.id }, "<p>Page thoughts</p>");

    const submitted = await assessments.submit(db, actorOf(d.studentA1), assessment.id, { pageId: page.id });
    expect(submitted.status).toBe("submitted");
    expect(submitted.result).toBeNull();
    expect(submitted.snapshot.artifacts.map((a) => a.title)).toEqual(["Essay"]);
    expect(submitted.snapshot.reflections).toHaveLength(2);
    const html = submitted.snapshot.pages[0]!.html;
    expect(html).toContain("Essay");
    expect(html).toContain("My &#60;b&#62;essay&#60;/b&#62;");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("Diary");
    expect(html).not.toContain("Ali&#39;s work");
    expect(html).toContain(`/api/portfolio/submissions/${submitted.id}/files/${file.id}`);
    expect(await fileHeldBySnapshot(db, file.id)).toBe(true);
    void hiddenWork;

    // Later edits change the live page and artifact, not what was submitted.
    await db.update(portfolioArtifacts).set({ title: "Essay (rewritten)" }).where(eq(portfolioArtifacts.id, shown.id));
    await db
      .update(portfolioPages)
      .set({ title: "Renamed", layout: { sections: [] } })
      .where(eq(portfolioPages.id, page.id));
    const later = await assessments.getSubmission(db, actorOf(d.teacherA), submitted.id);
    expect(later.snapshot.pages[0]!.title).toBe("Term 1");
    expect(later.snapshot.artifacts[0]!.title).toBe("Essay");

    // The teacher sees every student with a status.
    const statuses = await assessments.listSubmissions(db, actorOf(d.teacherA), assessment.id);
    expect(Object.fromEntries(statuses.map((s) => [s.student.id, s.status]))).toEqual({
      [d.studentA1.id]: "submitted",
      [d.studentA2.id]: "not_submitted",
    });

    // Assessed but not returned: the student does not see the result yet.
    const [evidence, reflection] = rubric.criteria;
    const assessed = await assessments.assess(db, actorOf(d.teacherA), submitted.id, {
      scores: [
        { criterionId: evidence!.id, levelId: evidence!.levels[1]!.id, comment: "Strong" },
        { criterionId: reflection!.id, points: "0.15", comment: "" },
      ],
      overallComment: "Good term",
      returnToStudent: false,
    });
    expect(assessed.result).toMatchObject({ totalPoints: "2.65", maxPoints: "2.70", overallComment: "Good term" });
    expect((await assessments.getSubmission(db, actorOf(d.studentA1), submitted.id)).result).toBeNull();
    await expect(assessments.submit(db, actorOf(d.studentA1), assessment.id, { pageId: page.id })).rejects.toMatchObject({
      statusCode: 409,
    });

    await assessments.assess(db, actorOf(d.teacherA), submitted.id, {
      scores: [{ criterionId: evidence!.id, levelId: evidence!.levels[1]!.id, comment: "Strong" }],
      overallComment: "Good term",
      returnToStudent: true,
    });
    const seen = await assessments.getSubmission(db, actorOf(d.studentA1), submitted.id);
    expect(seen.status).toBe("returned");
    expect(seen.result).toMatchObject({ totalPoints: "2.50", scores: [{ points: "2.50", comment: "Strong" }] });
    const [stored] = await db
      .select({ total: portfolioSubmissions.totalPoints })
      .from(portfolioSubmissions)
      .where(eq(portfolioSubmissions.id, submitted.id));
    expect(stored!.total).toBe("2.50");
  });

  it("keeps submissions to the student and the class's teachers, and refuses scores that do not fit", async () => {
    const { assessment, rubric } = await setUp();
    const page = await buildPage(db, d.studentA2, [], { purpose: "assessment" });
    const submitted = await assessments.submit(db, actorOf(d.studentA2), assessment.id, { pageId: page.id });
    for (const outsider of [d.studentA1, d.teacherB, d.guardianA1, d.schoolAdminA, d.studentB1]) {
      await expect(assessments.getSubmission(db, actorOf(outsider), submitted.id)).rejects.toMatchObject({ statusCode: 404 });
    }
    await expect(
      assessments.assess(db, actorOf(d.studentA2), submitted.id, { scores: [], overallComment: "", returnToStudent: true }),
    ).rejects.toMatchObject({
      statusCode: 403,
    });
    await expect(assessments.listSubmissions(db, actorOf(d.studentA2), assessment.id)).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      assessments.assess(db, actorOf(d.teacherA), submitted.id, {
        scores: [{ criterionId: rubric.criteria[0]!.id, points: "3", comment: "" }],
        overallComment: "",
        returnToStudent: false,
      }),
    ).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "scores.0.points" }] });
  });

  it("accepts only the student's own page with purpose assessment, in a class of theirs", async () => {
    const { assessment } = await setUp();
    const showcase = await buildPage(db, d.studentA1, [], { purpose: "showcase" });
    await expect(assessments.submit(db, actorOf(d.studentA1), assessment.id, { pageId: showcase.id })).rejects.toMatchObject({
      statusCode: 400,
    });
    const others = await buildPage(db, d.studentA2, [], { purpose: "assessment" });
    await expect(assessments.submit(db, actorOf(d.studentA1), assessment.id, { pageId: others.id })).rejects.toMatchObject({
      statusCode: 404,
    });
    const mine = await buildPage(db, d.studentB1, [], { purpose: "assessment" });
    await expect(assessments.submit(db, actorOf(d.studentB1), assessment.id, { pageId: mine.id })).rejects.toMatchObject({
      statusCode: 404,
    });
    const listed = await assessments.listMyAssessments(db, actorOf(d.studentA1));
    expect(listed.find((a) => a.id === assessment.id)).toMatchObject({ status: "not_submitted", submissionId: null });
  });
});
