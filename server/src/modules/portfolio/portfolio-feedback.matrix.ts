import { row, type MatrixRow } from "../../test/matrix.js";

// Matrix rows build no portfolio of their own (a row only gets the fresh district), so routes on a
// page, artifact, comment, request, assessment or submission are asked about an id that exists
// nowhere: every signed-in actor gets the same 404 an unshared one would. Who may see and change
// real portfolios, for every sharing path (classmate, other class, guardian, other school, other
// district, feedback reviewer), is tested with fixtures in feedback/assessment/export tests.

const comment = { body: "<p>Matrix comment</p>" };

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
};
