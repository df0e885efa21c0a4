import { afterAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { formatProblem } from "./problems.js";
import { getImportRun, importOneRoster, listImportRuns } from "./oneroster.service.js";
import { buildDistrict, districtState, releaseNames, samples } from "./test-helpers.js";

/** The three bundles written by other projects (../shared/data/oneroster): each imports or is refused precisely. */
describe("OneRoster samples from other projects", () => {
  afterAll(async () => (await getTestDatabase()).close());

  it("catalyst-v1p1 (a 1.2 delta bundle despite its folder name) imports, and again changes nothing", async () => {
    const { db } = await getTestDatabase();
    const { districtId, actor } = await buildDistrict(db, { importDemographics: true });
    try {
      const run = await importOneRoster(db, actor, { source: `${samples}catalyst-v1p1` });
      expect(run.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(run.status).toBe("succeeded");
      expect(run.summary?.version).toBe("1.2");
      const one = { created: 1, updated: 0, deactivated: 0, unchanged: 0 };
      expect(run.summary?.counts).toEqual({
        orgs: one,
        academicSessions: one,
        courses: one,
        classes: one,
        users: one,
        roles: one,
        guardianLinks: { created: 0, updated: 0, deactivated: 0, unchanged: 0 },
        enrollments: one,
        demographics: one,
      });
      expect(run.problems.map(formatProblem)).toContain("userProfiles.csv: not imported by Stoa: this file is ignored");
      const state = await districtState(db, districtId);
      expect(state).toMatchObject({ schools: 1, terms: 1, courses: 1, classes: 1, users: 2, roles: 1, enrolments: 1, demographics: 1 });

      const again = await importOneRoster(db, actor, { source: `${samples}catalyst-v1p1` });
      expect(again.status).toBe("succeeded");
      for (const counts of Object.values(again.summary?.counts ?? {})) expect(counts.created + counts.updated + counts.deactivated).toBe(0);
      expect(await districtState(db, districtId)).toEqual(state);
    } finally {
      await releaseNames(db, districtId);
    }
  });

  it("catalyst-v1p1 skips demographics, unread, when the district has not turned them on", async () => {
    const { db } = await getTestDatabase();
    const { districtId, actor } = await buildDistrict(db);
    try {
      const run = await importOneRoster(db, actor, { source: `${samples}catalyst-v1p1` });
      expect(run.status).toBe("succeeded");
      expect(run.summary?.counts.demographics).toBeUndefined();
      expect(run.summary?.mode.demographics).toBeUndefined();
      expect(run.problems.some((p) => p.file === "demographics.csv" && p.severity === "note" && /not turned on/.test(p.expected))).toBe(
        true,
      );
      expect((await districtState(db, districtId)).demographics).toBe(0);
    } finally {
      await releaseNames(db, districtId);
    }
  });

  it("catalyst-v1p2 is refused (non-ISO dates, an 'inactive' status, classes of a course not in the bundle) and changes nothing", async () => {
    const { db } = await getTestDatabase();
    const { districtId, actor } = await buildDistrict(db);
    const before = await districtState(db, districtId);
    const run = await importOneRoster(db, actor, { source: `${samples}catalyst-v1p2` });
    expect(run.status).toBe("rejected");
    const errors = run.problems.filter((p) => p.severity === "error").map(formatProblem);
    expect(errors).toEqual([
      "academicSessions.csv line 4, column status: found 'inactive', expected one of active, tobedeleted",
      "classes.csv line 2, column courseSourcedId: found 'crs-222-2023-456-12345', expected a course sourcedId from courses.csv or imported before",
      "classes.csv line 3, column courseSourcedId: found 'crs-222-2023-456-23456', expected a course sourcedId from courses.csv or imported before",
      ...[2, 4, 5, 6].map(
        (line) =>
          `users.csv line ${line}, column dateLastModified: found '1/05/2023', expected an ISO 8601 date-time such as 2023-05-01T18:25:43Z`,
      ),
      "users.csv line 7, column dateLastModified: found '15/06/2023', expected an ISO 8601 date-time such as 2023-05-01T18:25:43Z",
    ]);
    const notes = run.problems.filter((p) => p.severity === "note").map(formatProblem);
    expect(notes).toContain(
      "roles.csv line 1, column dataLastModified: not a OneRoster roles column: ignored (did you mean dateLastModified?)",
    );
    expect(notes).toContain("userprofiles.csv: not imported by Stoa: this file is ignored");
    expect(await districtState(db, districtId)).toEqual(before);
  });

  it("oat-v1p1 is refused (a date-time with a space, classes in an unknown term '1', demographics without sourcedId) and changes nothing", async () => {
    const { db } = await getTestDatabase();
    const { districtId, actor } = await buildDistrict(db, { importDemographics: true });
    const before = await districtState(db, districtId);
    const run = await importOneRoster(db, actor, { source: `${samples}oat-v1p1` });
    expect(run.status).toBe("rejected");
    const errors = run.problems.filter((p) => p.severity === "error").map(formatProblem);
    expect(errors).toEqual([
      "classes.csv line 2, column termSourcedIds: found '1', expected academic session sourcedIds from academicSessions.csv or imported before",
      "classes.csv line 3, column termSourcedIds: found '1', expected academic session sourcedIds from academicSessions.csv or imported before",
      "classes.csv line 4, column termSourcedIds: found '1', expected academic session sourcedIds from academicSessions.csv or imported before",
      "demographics.csv line 1, column sourcedId: expected a column named sourcedId (it is required)",
      "orgs.csv line 2, column dateLastModified: found '2017-05-06 08:01:05', expected an ISO 8601 date-time such as 2023-05-01T18:25:43Z",
    ]);
    const notes = run.problems.filter((p) => p.severity === "note").map(formatProblem);
    expect(notes).toContain("users.csv line 1: columns in the OneRoster order; these are in another order, so they were matched by name");
    expect(notes).toContain(
      "users.csv line 1, column ext_imagineLearning_studentPassword: looks like a password or secret: ignored, Stoa never stores passwords from rosters",
    );
    expect(notes).toContain("orgs.csv line 1, column metadata.gender: extension column: kept with each record as extra data");
    expect(await districtState(db, districtId)).toEqual(before);

    const list = await listImportRuns(db, actor, { page: 1, pageSize: 10 });
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: run.id, status: "rejected", actor: { name: "Ada Admin" } });
    expect((await getImportRun(db, actor, run.id)).problems).toEqual(run.problems);
  });
});
