import { row, type MatrixRow } from "./matrix.js";
import { portfolioFeedbackMatrix } from "../modules/portfolio/portfolio-feedback.matrix.js";
import { portfolioMatrix } from "../modules/portfolio/portfolio.matrix.js";
import { groupsMatrix } from "../modules/groups/groups.matrix.js";
import { peerMatrix } from "../modules/peer/peer.matrix.js";
import { tasksMatrix } from "../modules/tasks/tasks.matrix.js";
import { documentsMatrix } from "../modules/documents/documents.matrix.js";
import { moderationMatrix } from "../modules/discussions/moderation.matrix.js";
import { discussionsMatrix } from "../modules/discussions/discussions.matrix.js";
import { chatMatrix } from "../modules/chat/chat.matrix.js";
import { notificationsMatrix } from "../modules/notifications/notifications.matrix.js";
import { brainstormMatrix } from "../modules/brainstorm/brainstorm.matrix.js";

export { actors, type MatrixActor, type MatrixRow } from "./matrix.js";

const classTitle = { title: "Renamed by the matrix" };

/** The foundation's routes. */
const foundation: Record<string, MatrixRow> = {
  "GET /api/health": row(() => ({ url: "/api/health" }), 200, { anonymous: 200 }),
  "POST /api/auth/login": row(
    (d) => ({ url: "/api/auth/login", payload: { login: d.studentA1.username, password: "wrong-password" } }),
    401,
    { anonymous: 401 },
  ),
  "POST /api/auth/logout": row(() => ({ url: "/api/auth/logout" }), 204, { anonymous: 204 }),
  "GET /api/me": row(() => ({ url: "/api/me" }), 200),
  "POST /api/me/password": row(() => ({ url: "/api/me/password", payload: { currentPassword: "wrong-password", newPassword: "lantern-harbour-92" } }), 400),

  "GET /api/classes": row(() => ({ url: "/api/classes" }), 200),
  "POST /api/classes": row((d) => ({ url: "/api/classes", payload: { schoolId: d.schoolA.id, title: "Matrix class" } }), 404, {
    districtAdmin: 201,
    schoolAdmin: 201,
  }),
  "GET /api/classes/:id": row((d) => ({ url: `/api/classes/${d.classA.id}` }), 200, { otherSchoolTeacher: 404, otherDistrictAdmin: 404 }),
  "PATCH /api/classes/:id": row((d) => ({ url: `/api/classes/${d.classA.id}`, payload: classTitle }), 403, {
    districtAdmin: 200,
    schoolAdmin: 200,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "GET /api/classes/:id/roster": row((d) => ({ url: `/api/classes/${d.classA.id}/roster` }), 200, { otherSchoolTeacher: 404, otherDistrictAdmin: 404 }),
  "POST /api/classes/:id/enrolments": row((d) => ({ url: `/api/classes/${d.classA.id}/enrolments`, payload: { userId: d.studentA2.id, role: "student" } }), 403, {
    districtAdmin: 201,
    schoolAdmin: 201,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "DELETE /api/classes/:id/enrolments/:userId": row((d) => ({ url: `/api/classes/${d.classA.id}/enrolments/${d.studentA2.id}` }), 403, {
    districtAdmin: 204,
    schoolAdmin: 204,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "GET /api/terms": row(() => ({ url: "/api/terms" }), 200),
  "POST /api/terms": row((d) => ({ url: "/api/terms", payload: { schoolId: d.schoolA.id, title: "Matrix term", startDate: "2027-01-04", endDate: "2027-03-26" } }), 403, {
    districtAdmin: 201,
    schoolAdmin: 201,
    otherDistrictAdmin: 404,
  }),
  "GET /api/courses": row(() => ({ url: "/api/courses" }), 200),
  "POST /api/courses": row((d) => ({ url: "/api/courses", payload: { schoolId: d.schoolA.id, title: "Matrix course" } }), 403, {
    districtAdmin: 201,
    schoolAdmin: 201,
    otherDistrictAdmin: 404,
  }),
  "GET /api/children": row(() => ({ url: "/api/children" }), 200),
  "GET /api/schools": row(() => ({ url: "/api/schools" }), 200),
  "POST /api/schools": row(() => ({ url: "/api/schools", payload: { name: "Matrix school" } }), 403, { districtAdmin: 201, otherDistrictAdmin: 201 }),
  "GET /api/schools/:id": row((d) => ({ url: `/api/schools/${d.schoolA.id}` }), 200, { otherDistrictAdmin: 404 }),
  "PATCH /api/schools/:id": row((d) => ({ url: `/api/schools/${d.schoolA.id}`, payload: { name: "Renamed by the matrix" } }), 403, {
    districtAdmin: 200,
    schoolAdmin: 200,
    otherDistrictAdmin: 404,
  }),
  "GET /api/people": row(() => ({ url: "/api/people" }), 403, { districtAdmin: 200, schoolAdmin: 200, staff: 200, otherDistrictAdmin: 200 }),
  "POST /api/people": row(
    (d) => ({
      url: "/api/people",
      payload: { username: `matrix-${d.district.id.slice(0, 8)}`, givenName: "Mat", familyName: "Rix", roles: [{ role: "student", schoolId: d.schoolA.id }] },
    }),
    403,
    { districtAdmin: 201, schoolAdmin: 201, otherDistrictAdmin: 404 },
  ),
  "GET /api/people/:id": row((d) => ({ url: `/api/people/${d.studentA1.id}` }), 200, { otherSchoolTeacher: 404, otherDistrictAdmin: 404 }),
  "PATCH /api/people/:id": row((d) => ({ url: `/api/people/${d.studentA2.id}`, payload: { preferredName: "Matrix" } }), 404, {
    districtAdmin: 200,
    schoolAdmin: 200,
    teacher: 403,
    staff: 403,
  }),
  "POST /api/people/:id/roles": row((d) => ({ url: `/api/people/${d.teacherA.id}/roles`, payload: { role: "guardian", schoolId: d.schoolA.id } }), 404, {
    districtAdmin: 201,
    schoolAdmin: 201,
    teacher: 403,
  }),
  // teacherA's only role: admins pass authorization and meet the "deactivate instead" rule (400).
  "DELETE /api/people/:id/roles/:roleId": row((d) => ({ url: `/api/people/${d.teacherA.id}/roles/${d.teacherA.roleIds[0]}` }), 404, {
    districtAdmin: 400,
    schoolAdmin: 400,
    teacher: 403,
  }),
  "POST /api/people/:id/password": row((d) => ({ url: `/api/people/${d.studentA1.id}/password`, payload: { newPassword: "matrix-lantern-harbour" } }), 403, {
    districtAdmin: 204,
    schoolAdmin: 204,
    teacher: 204,
    otherSchoolTeacher: 404,
    otherDistrictAdmin: 404,
  }),
  "POST /api/people/:id/children": row((d) => ({ url: `/api/people/${d.guardianA1.id}/children`, payload: { studentId: d.studentA2.id } }), 404, {
    districtAdmin: 201,
    schoolAdmin: 201,
  }),
  "DELETE /api/people/:id/children/:studentId": row((d) => ({ url: `/api/people/${d.guardianA1.id}/children/${d.studentA1.id}` }), 404, {
    districtAdmin: 200,
    schoolAdmin: 200,
    guardian: 403,
  }),
  "POST /api/imports/oneroster": row(() => ({ url: "/api/imports/oneroster", payload: { file: "not multipart" } }), 403, { districtAdmin: 400, otherDistrictAdmin: 400 }),
  "GET /api/imports": row(() => ({ url: "/api/imports" }), 403, { districtAdmin: 200, otherDistrictAdmin: 200 }),
  "GET /api/imports/:id": row((d) => ({ url: `/api/imports/${d.district.id}` }), 404),
  "GET /api/exports/oneroster": row(() => ({ url: "/api/exports/oneroster" }), 403, { districtAdmin: 200, otherDistrictAdmin: 200 }),
  "GET /api/audit": row(() => ({ url: "/api/audit" }), 403, { districtAdmin: 200, otherDistrictAdmin: 200 }),
};

/**
 * Every route x every actor. A route with no row here fails the suite.
 * Each module past the foundation keeps its rows beside its code in `<area>.matrix.ts`.
 */
export const matrix: Record<string, MatrixRow> = {
  ...foundation,
  ...portfolioFeedbackMatrix,
  ...portfolioMatrix,
  ...groupsMatrix,
  ...peerMatrix,
  ...tasksMatrix,
  ...documentsMatrix,
  ...moderationMatrix,
  ...discussionsMatrix,
  ...chatMatrix,
  ...notificationsMatrix,
  ...brainstormMatrix,
};
