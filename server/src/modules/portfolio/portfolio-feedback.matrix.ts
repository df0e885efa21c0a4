import type { DbOrTx } from "../../db/client.js";
import { portfolioComments, portfolioFeedbackRequests, portfolioFeedbackReviewers, portfolioSubmissions } from "../../db/schema/index.js";
import type { TestDistrict } from "../../test/factories.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";
import { buildArtifact, buildPage, sharePage } from "./feedback.test-helpers.js";
import { insertAssessment } from "./assessment.repository.js";
import { insertRubric } from "./rubrics.repository.js";

// Rows prepare real portfolios in each actor's fresh district: studentA1 (the "student" actor)
// owns the work and shares it with classA, which teacherA teaches. Nobody else is reached by that
// share, so admins, staff, the guardian (a class share is not a guardians share) and other schools
// and districts get the same 404 as for a missing page. Further sharing paths (classmate,
// guardians share, view-only share, feedback reviewer) are tested in feedback.service.test.ts.

const comment = { body: "<p>Matrix comment</p>" };
const rubric = { title: "Matrix rubric", criteria: [{ title: "Evidence", levels: [{ title: "Secure", points: "2" }] }] };
const seenByClass = { student: 200, teacher: 200 };

/** A page of studentA1 shared with classA (comments allowed), showing one artifact. */
async function sharedPage(db: DbOrTx, d: TestDistrict) {
  const artifact = await buildArtifact(db, d.studentA1);
  const page = await buildPage(db, d.studentA1, [artifact.id]);
  await sharePage(db, page, "class", d.classA.id);
  return { page, artifact };
}

/** A rubric and an assessment of classA, and an assessment page of studentA1. */
async function classAssessment(db: DbOrTx, d: TestDistrict) {
  const rubricId = await insertRubric(
    db,
    { districtId: d.district.id, classId: d.classA.id, createdBy: d.teacherA.id },
    {
      title: "R",
      description: "",
      criteria: [{ title: "Evidence", description: "", levels: [{ title: "Secure", description: "", points: "2" }] }],
    },
  );
  const assessment = await insertAssessment(db, {
    districtId: d.district.id,
    classId: d.classA.id,
    rubricId,
    title: "Term 1",
    createdBy: d.teacherA.id,
  });
  const page = await buildPage(db, d.studentA1, [], { purpose: "assessment" });
  return { assessment, page };
}

/** studentA1's submission to a classA assessment. */
async function submission(db: DbOrTx, d: TestDistrict) {
  const { assessment, page } = await classAssessment(db, d);
  const [row] = await db
    .insert(portfolioSubmissions)
    .values({
      districtId: d.district.id,
      assessmentId: assessment.id,
      studentId: d.studentA1.id,
      sourceType: "page",
      sourceId: page.id,
      snapshot: { title: page.title, pages: [], artifacts: [], reflections: [] },
    })
    .returning();
  return row!;
}

/** Portfolio feedback, assessment and export routes. */
export const portfolioFeedbackMatrix: Record<string, MatrixRow> = {
  "GET /api/portfolio/pages/:id/comments": rowWith(
    sharedPage,
    (_d, _o, p) => ({ url: `/api/portfolio/pages/${p.page.id}/comments` }),
    404,
    seenByClass,
  ),
  "POST /api/portfolio/pages/:id/comments": rowWith(
    sharedPage,
    (_d, _o, p) => ({ url: `/api/portfolio/pages/${p.page.id}/comments`, payload: comment }),
    404,
    {
      student: 201,
      teacher: 201,
    },
  ),
  "GET /api/portfolio/artifacts/:id/comments": rowWith(
    sharedPage,
    (_d, _o, p) => ({ url: `/api/portfolio/artifacts/${p.artifact.id}/comments` }),
    404,
    seenByClass,
  ),
  "POST /api/portfolio/artifacts/:id/comments": rowWith(
    sharedPage,
    (_d, _o, p) => ({ url: `/api/portfolio/artifacts/${p.artifact.id}/comments`, payload: comment }),
    404,
    { student: 201, teacher: 201 },
  ),
  // teacherA wrote it and can see it, but only the owner moderates.
  "PATCH /api/portfolio/comments/:id": rowWith(
    async (db, d) => {
      const { page } = await sharedPage(db, d);
      const [c] = await db
        .insert(portfolioComments)
        .values({ districtId: d.district.id, pageId: page.id, ownerId: d.studentA1.id, authorId: d.teacherA.id, body: "<p>Nice</p>" })
        .returning();
      return c!;
    },
    (_d, _o, c) => ({ url: `/api/portfolio/comments/${c.id}`, payload: { hidden: true } }),
    404,
    { student: 200, teacher: 403 },
  ),
  "GET /api/portfolio/feedback-requests": row(() => ({ url: "/api/portfolio/feedback-requests" }), 200),
  // Only students ask for feedback, on their own page, of classmates.
  "POST /api/portfolio/feedback-requests": rowWith(
    (db, d) => buildPage(db, d.studentA1),
    (d, _o, page) => ({
      url: "/api/portfolio/feedback-requests",
      payload: { pageId: page.id, reviewerIds: [d.studentA2.id], questions: ["What is clear?"] },
    }),
    403,
    { student: 201 },
  ),
  "POST /api/portfolio/feedback-requests/:id/close": rowWith(
    async (db, d) => {
      const page = await buildPage(db, d.studentA1);
      const [request] = await db
        .insert(portfolioFeedbackRequests)
        .values({ districtId: d.district.id, pageId: page.id, ownerId: d.studentA1.id, questions: ["Clear?"] })
        .returning();
      await db.insert(portfolioFeedbackReviewers).values({ requestId: request!.id, reviewerId: d.studentA2.id, districtId: d.district.id });
      return request!;
    },
    (_d, _o, request) => ({ url: `/api/portfolio/feedback-requests/${request.id}/close` }),
    404,
    { student: 200 },
  ),
  // Class routes use the fixture class: its teacher manages, its students read, others in reach of the class get 403.
  "GET /api/classes/:id/portfolio/rubrics": row((d) => ({ url: `/api/classes/${d.classA.id}/portfolio/rubrics` }), 403, {
    ...seenByClass,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "POST /api/classes/:id/portfolio/rubrics": row((d) => ({ url: `/api/classes/${d.classA.id}/portfolio/rubrics`, payload: rubric }), 403, {
    teacher: 201,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "GET /api/classes/:id/portfolio/assessments": row((d) => ({ url: `/api/classes/${d.classA.id}/portfolio/assessments` }), 403, {
    ...seenByClass,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "POST /api/classes/:id/portfolio/assessments": rowWith(
    (db, d) =>
      insertRubric(
        db,
        { districtId: d.district.id, classId: d.classA.id, createdBy: d.teacherA.id },
        {
          title: "R",
          description: "",
          criteria: [{ title: "E", description: "", levels: [{ title: "S", description: "", points: "1" }] }],
        },
      ),
    (d, _o, rubricId) => ({ url: `/api/classes/${d.classA.id}/portfolio/assessments`, payload: { title: "Matrix assessment", rubricId } }),
    403,
    { teacher: 201, otherSchoolTeacher: 404, otherDistrictAdmin: 404 },
  ),
  "GET /api/portfolio/assessments": row(() => ({ url: "/api/portfolio/assessments" }), 200),
  // Outside the class (admins, staff, the guardian) the assessment does not exist; its teacher does not submit.
  "POST /api/portfolio/assessments/:id/submissions": rowWith(
    classAssessment,
    (_d, _o, p) => ({ url: `/api/portfolio/assessments/${p.assessment.id}/submissions`, payload: { pageId: p.page.id } }),
    404,
    { student: 201, teacher: 403 },
  ),
  "GET /api/portfolio/assessments/:id/submissions": rowWith(
    classAssessment,
    (_d, _o, p) => ({ url: `/api/portfolio/assessments/${p.assessment.id}/submissions` }),
    404,
    {
      teacher: 200,
      student: 403,
    },
  ),
  "GET /api/portfolio/submissions/:id": rowWith(
    submission,
    (_d, _o, s) => ({ url: `/api/portfolio/submissions/${s.id}` }),
    404,
    seenByClass,
  ),
  "PUT /api/portfolio/submissions/:id/assessment": rowWith(
    submission,
    (_d, _o, s) => ({ url: `/api/portfolio/submissions/${s.id}/assessment`, payload: { scores: [], overallComment: "Matrix" } }),
    404,
    { teacher: 200, student: 403 },
  ),
  // The file bytes live in the test app's own storage, which a row cannot write to: asked for a
  // file the snapshot does not hold, everyone (also the student and teacher) gets 404.
  "GET /api/portfolio/submissions/:id/files/:fileId": rowWith(
    submission,
    (d, _o, s) => ({ url: `/api/portfolio/submissions/${s.id}/files/${d.district.id}` }),
    404,
  ),
  // Everyone signed in exports their own portfolio (possibly empty); nobody can name another person's.
  "GET /api/portfolio/export/archive": row(() => ({ url: "/api/portfolio/export/archive" }), 200),
  "GET /api/portfolio/export/leap2a": row(() => ({ url: "/api/portfolio/export/leap2a" }), 200),
};
