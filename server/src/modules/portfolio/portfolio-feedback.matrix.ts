import { row, type MatrixRow } from "../../test/matrix.js";

// Matrix rows build no portfolio of their own (a row only gets the fresh district), so routes on a
// page, artifact, comment, request, assessment or submission are asked about an id that exists
// nowhere: every signed-in actor gets the same 404 an unshared one would. Who may see and change
// real portfolios, for every sharing path (classmate, other class, guardian, other school, other
// district, feedback reviewer), is tested with fixtures in feedback/assessment/export tests.

const comment = { body: "<p>Matrix comment</p>" };
const rubric = { title: "Matrix rubric", criteria: [{ title: "Evidence", levels: [{ title: "Secure", points: "2" }] }] };

/** Portfolio feedback, assessment and export routes. */
export const portfolioFeedbackMatrix: Record<string, MatrixRow> = {
  "GET /api/portfolio/pages/:id/comments": row((d) => ({ url: `/api/portfolio/pages/${d.district.id}/comments` }), 404),
  "POST /api/portfolio/pages/:id/comments": row((d) => ({ url: `/api/portfolio/pages/${d.district.id}/comments`, payload: comment }), 404),
  "GET /api/portfolio/artifacts/:id/comments": row((d) => ({ url: `/api/portfolio/artifacts/${d.district.id}/comments` }), 404),
  "POST /api/portfolio/artifacts/:id/comments": row(
    (d) => ({ url: `/api/portfolio/artifacts/${d.district.id}/comments`, payload: comment }),
    404,
  ),
  "PATCH /api/portfolio/comments/:id": row((d) => ({ url: `/api/portfolio/comments/${d.district.id}`, payload: { hidden: true } }), 404),
  "GET /api/portfolio/feedback-requests": row(() => ({ url: "/api/portfolio/feedback-requests" }), 200),
  // Only students ask for feedback; the student's own page would be needed for a 201.
  "POST /api/portfolio/feedback-requests": row(
    (d) => ({
      url: "/api/portfolio/feedback-requests",
      payload: { pageId: d.district.id, reviewerIds: [d.studentA2.id], questions: ["What is clear?"] },
    }),
    403,
    { student: 404 },
  ),
  "POST /api/portfolio/feedback-requests/:id/close": row((d) => ({ url: `/api/portfolio/feedback-requests/${d.district.id}/close` }), 404),

  // Class routes use the fixture class: its teacher manages, its students read, others in reach of the class get 403.
  "GET /api/classes/:id/portfolio/rubrics": row((d) => ({ url: `/api/classes/${d.classA.id}/portfolio/rubrics` }), 403, {
    teacher: 200,
    student: 200,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "POST /api/classes/:id/portfolio/rubrics": row((d) => ({ url: `/api/classes/${d.classA.id}/portfolio/rubrics`, payload: rubric }), 403, {
    teacher: 201,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "GET /api/classes/:id/portfolio/assessments": row((d) => ({ url: `/api/classes/${d.classA.id}/portfolio/assessments` }), 403, {
    teacher: 200,
    student: 200,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  // The teacher passes authorization and meets "choose a rubric of this class" (400).
  "POST /api/classes/:id/portfolio/assessments": row(
    (d) => ({ url: `/api/classes/${d.classA.id}/portfolio/assessments`, payload: { title: "Matrix assessment", rubricId: d.district.id } }),
    403,
    { teacher: 400, otherSchoolTeacher: 404, otherDistrictAdmin: 404 },
  ),
  "GET /api/portfolio/assessments": row(() => ({ url: "/api/portfolio/assessments" }), 200),
  "POST /api/portfolio/assessments/:id/submissions": row(
    (d) => ({ url: `/api/portfolio/assessments/${d.district.id}/submissions`, payload: { pageId: d.district.id } }),
    404,
  ),
  "GET /api/portfolio/assessments/:id/submissions": row((d) => ({ url: `/api/portfolio/assessments/${d.district.id}/submissions` }), 404),
  "GET /api/portfolio/submissions/:id": row((d) => ({ url: `/api/portfolio/submissions/${d.district.id}` }), 404),
  "PUT /api/portfolio/submissions/:id/assessment": row(
    (d) => ({ url: `/api/portfolio/submissions/${d.district.id}/assessment`, payload: { scores: [] } }),
    404,
  ),
  "GET /api/portfolio/submissions/:id/files/:fileId": row(
    (d) => ({ url: `/api/portfolio/submissions/${d.district.id}/files/${d.district.id}` }),
    404,
  ),
  // Everyone signed in exports their own portfolio (possibly empty); nobody can name another person's.
  "GET /api/portfolio/export/archive": row(() => ({ url: "/api/portfolio/export/archive" }), 200),
  "GET /api/portfolio/export/leap2a": row(() => ({ url: "/api/portfolio/export/leap2a" }), 200),
};
