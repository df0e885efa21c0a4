import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client.js";
import { classes, enrolments, guardianLinks, roleAssignments, users } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { copyRoster, rosterFiles, sampleRoster, type Roster } from "./fixture.js";
import { exportOneRoster, getImportRun, importOneRoster, listImportRuns, type ImportActor } from "./oneroster.service.js";
import { formatProblem } from "./problems.js";
import { buildDistrict, buildZip, districtState, releaseNames } from "./test-helpers.js";

const imported: string[] = [];

async function setup(options: { importDemographics?: boolean } = {}) {
  const { db } = await getTestDatabase();
  const built = await buildDistrict(db, options);
  imported.push(built.districtId);
  return { db, ...built, prefix: `t${randomUUID().slice(0, 8)}` };
}

const zipOf = async (roster: Roster) => buildZip(rosterFiles(roster));
const importRoster = async (db: Db, actor: ImportActor, roster: Roster) =>
  importOneRoster(db, actor, { source: await zipOf(roster), fileName: "roster.zip" });
const changes = (counts: Record<string, { created: number; updated: number; deactivated: number }> | undefined) =>
  Object.values(counts ?? {}).reduce((n, c) => n + c.created + c.updated + c.deactivated, 0);
const userBySourcedId = async (db: Db, districtId: string, sourcedId: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.districtId, districtId), eq(users.sourcedId, sourcedId)))
  )[0];

describe("importOneRoster", () => {
  afterEach(async () => {
    const { db } = await getTestDatabase();
    for (const id of imported.splice(0)) await releaseNames(db, id);
  });
  afterAll(async () => (await getTestDatabase()).close());

  it("imports a bulk 1.2 bundle, and the same bundle again changes nothing (not even updated_at)", async () => {
    const { db, districtId, actor, prefix } = await setup();
    const roster = sampleRoster(prefix);
    const first = await importRoster(db, actor, roster);
    expect(first.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
    expect(first.status).toBe("succeeded");
    expect(first.summary?.counts).toMatchObject({
      orgs: { created: 2, updated: 1, deactivated: 0, unchanged: 0 },
      academicSessions: { created: 2 },
      courses: { created: 1 },
      classes: { created: 2 },
      users: { created: 6 },
      roles: { created: 6 },
      guardianLinks: { created: 1 },
      enrollments: { created: 5 },
    });
    const state = await districtState(db, districtId);
    expect(state).toMatchObject({
      districtSourcedId: "D1",
      schools: 2,
      terms: 2,
      courses: 1,
      classes: 2,
      users: 7,
      roles: 6,
      guardianLinks: 1,
      enrolments: 5,
    });
    const bart = await userBySourcedId(db, districtId, "U2");
    expect(bart).toMatchObject({ passwordHash: null, grades: ["04"], status: "active" });
    const [admin] = await db
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.sourcedId, "R6"), eq(roleAssignments.districtId, districtId)));
    expect(admin).toMatchObject({ role: "district_admin", schoolId: null });

    const second = await importRoster(db, actor, roster);
    expect(second.status).toBe("succeeded");
    expect(changes(second.summary?.counts)).toBe(0);
    expect(second.summary?.counts.users).toEqual({ created: 0, updated: 0, deactivated: 0, unchanged: 6 });
    expect(await districtState(db, districtId)).toEqual(state);
    expect((await userBySourcedId(db, districtId, "U2"))?.updatedAt).toEqual(bart?.updatedAt);
  });

  it("deactivates (never deletes) what a later bulk file leaves out, and leaves Stoa-made people alone", async () => {
    const { db, districtId, actor, prefix } = await setup();
    const roster = sampleRoster(prefix);
    await importRoster(db, actor, roster);
    const without = copyRoster(roster);
    without.files.users = without.files.users!.filter((u) => u.sourcedId !== "U4");
    without.files.roles = without.files.roles!.filter((r) => r.userSourcedId !== "U4");
    without.files.enrollments = without.files.enrollments!.filter((e) => e.userSourcedId !== "U4");
    const run = await importRoster(db, actor, without);
    expect(run.status).toBe("succeeded");
    expect(run.summary?.counts.users).toEqual({ created: 0, updated: 0, deactivated: 1, unchanged: 5 });
    expect(run.summary?.counts.enrollments).toEqual({ created: 0, updated: 0, deactivated: 1, unchanged: 4 });
    expect(run.summary?.counts.roles).toEqual({ created: 0, updated: 0, deactivated: 1, unchanged: 5 });
    const milhouse = await userBySourcedId(db, districtId, "U4");
    expect(milhouse?.status).toBe("inactive");
    const [enrolment] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.districtId, districtId), eq(enrolments.sourcedId, "E4")));
    expect(enrolment?.status).toBe("inactive");
    const adminRow = (
      await db
        .select()
        .from(users)
        .where(eq(users.id, actor.userId as string))
    )[0];
    expect(adminRow?.status).toBe("active");

    const back = await importRoster(db, actor, roster);
    expect(back.summary?.counts.users).toEqual({ created: 0, updated: 1, deactivated: 0, unchanged: 5 });
    expect((await userBySourcedId(db, districtId, "U4"))?.id).toBe(milhouse?.id);
  });

  it("applies a delta: changes, tobedeleted, and agents that no longer pair a guardian with a child", async () => {
    const { db, districtId, actor, prefix } = await setup();
    const roster = sampleRoster(prefix);
    await importRoster(db, actor, roster);
    const now = "2025-01-15T10:00:00Z";
    const delta: Roster = {
      version: "1.2",
      modes: { users: "delta", enrollments: "delta" },
      files: {
        users: [
          { ...roster.files.users![2]!, status: "tobedeleted", dateLastModified: now },
          { ...roster.files.users![1]!, status: "active", dateLastModified: now, givenName: "Bartholomew", agentSourcedIds: "" },
        ],
        enrollments: [{ ...roster.files.enrollments![2]!, status: "tobedeleted", dateLastModified: now }],
      },
    };
    const run = await importRoster(db, actor, delta);
    expect(run.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(run.summary?.mode).toEqual({ users: "delta", enrollments: "delta" });
    expect(run.summary?.counts.users).toEqual({ created: 0, updated: 1, deactivated: 1, unchanged: 0 });
    expect(run.summary?.counts.guardianLinks).toEqual({ created: 0, updated: 0, deactivated: 1, unchanged: 0 });
    expect(run.summary?.counts.enrollments).toEqual({ created: 0, updated: 0, deactivated: 1, unchanged: 0 });
    expect((await userBySourcedId(db, districtId, "U3"))?.status).toBe("inactive");
    expect((await userBySourcedId(db, districtId, "U2"))?.givenName).toBe("Bartholomew");
    expect((await userBySourcedId(db, districtId, "U1"))?.status).toBe("active");
    expect(await db.select().from(guardianLinks).where(eq(guardianLinks.districtId, districtId))).toEqual([]);
  });

  it("requires status and an ISO dateLastModified on every delta row, and refuses without changing anything", async () => {
    const { db, districtId, actor, prefix } = await setup();
    const roster = sampleRoster(prefix);
    const delta: Roster = {
      version: "1.2",
      modes: { users: "delta" },
      files: { users: [{ ...roster.files.users![0]!, status: "", dateLastModified: "yesterday" }] },
    };
    const before = await districtState(db, districtId);
    const run = await importRoster(db, actor, delta);
    expect(run.status).toBe("rejected");
    expect(run.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([
      "users.csv line 2, column status: found nothing, expected a value (this field is required)",
      "users.csv line 2, column dateLastModified: found 'yesterday', expected an ISO 8601 date-time such as 2023-05-01T18:25:43Z",
    ]);
    expect(await districtState(db, districtId)).toEqual(before);
  });

  it("refuses a username another district's account holds, and reports every problem at once", async () => {
    const first = await setup();
    const roster = sampleRoster(first.prefix);
    await importRoster(first.db, first.actor, roster);
    const { db, districtId, actor } = await setup();
    const broken = copyRoster(roster);
    broken.files.enrollments![0]!.role = "teacher2";
    broken.files.classes![0]!.termSourcedIds = "T1,T9";
    const before = await districtState(db, districtId);
    const run = await importRoster(db, actor, broken);
    expect(run.status).toBe("rejected");
    const errors = run.problems.filter((p) => p.severity === "error").map(formatProblem);
    expect(errors).toContain(
      "enrollments.csv line 2, column role: found 'teacher2', expected one of student, teacher, administrator, proctor, aide",
    );
    expect(errors).toContain(
      "classes.csv line 2, column termSourcedIds: found 'T9', expected academic session sourcedIds from academicSessions.csv or imported before",
    );
    expect(errors).toContain(
      `users.csv line 2, column username: found '${first.prefix}.edna', expected a username nobody else has: another Stoa account (in another district) already uses it`,
    );
    expect(errors.filter((e) => e.includes("column email"))).toHaveLength(6);
    expect(await districtState(db, districtId)).toEqual(before);
  });

  it("reads roles from users.csv in a 1.1 bundle, and a changed role replaces the old one", async () => {
    const { db, districtId, actor, prefix } = await setup();
    const roster = sampleRoster(prefix);
    const roleOf = new Map(roster.files.roles!.map((r) => [r.userSourcedId, r]));
    const v11: Roster = {
      version: "1.1",
      modes: { orgs: "bulk", academicSessions: "bulk", users: "bulk" },
      files: {
        orgs: roster.files.orgs!,
        academicSessions: roster.files.academicSessions!,
        users: roster.files.users!.map((u) => ({
          ...u,
          role: roleOf.get(u.sourcedId)?.role === "districtAdministrator" ? "administrator" : (roleOf.get(u.sourcedId)?.role as string),
          orgSourcedIds: roleOf.get(u.sourcedId)?.orgSourcedId as string,
        })),
      },
    };
    const run = await importRoster(db, actor, v11);
    expect(run.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(run.summary?.counts.roles).toEqual({ created: 6, updated: 0, deactivated: 0, unchanged: 0 });
    const skinner = await userBySourcedId(db, districtId, "U6");
    expect(
      await db
        .select({ role: roleAssignments.role, schoolId: roleAssignments.schoolId })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, skinner!.id)),
    ).toEqual([{ role: "district_admin", schoolId: null }]);
    v11.files.users![0]!.role = "aide";
    const again = await importRoster(db, actor, v11);
    expect(again.summary?.counts.roles).toEqual({ created: 1, updated: 0, deactivated: 1, unchanged: 5 });
    const edna = await userBySourcedId(db, districtId, "U1");
    expect(
      await db
        .select({ role: roleAssignments.role, staffKind: roleAssignments.staffKind })
        .from(roleAssignments)
        .where(eq(roleAssignments.userId, edna!.id)),
    ).toEqual([{ role: "staff", staffKind: "aide" }]);
  });

  it("refuses zips with unsafe names, too many entries or too much unpacked data, before reading them", async () => {
    const { db, districtId, actor } = await setup();
    const before = await districtState(db, districtId);
    // yazl refuses to write "../", so write a same-length safe name and patch its bytes.
    const safe = await buildZip({ "manifest.csv": "propertyName,value\r\n", "aa/evil.csv": "x" });
    const evil = Buffer.from(safe.toString("latin1").replaceAll("aa/evil.csv", "../evil.csv"), "latin1");
    const many = await buildZip(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}.csv`, "a"])));
    const big = await buildZip({ "manifest.csv": "propertyName,value\r\n", "users.csv": Buffer.alloc(2 * 1024 * 1024, 32) });
    const limits = { maxEntries: 50, maxTotalBytes: 1024 * 1024, maxFileBytes: 4 * 1024 * 1024 };
    const runs = [
      await importOneRoster(db, actor, { source: evil, fileName: "evil.zip" }),
      await importOneRoster(db, actor, { source: many, fileName: "many.zip" }),
      await importOneRoster(db, actor, { source: big, fileName: "big.zip", limits }),
    ];
    expect(runs.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(runs.map((r) => formatProblem(r.problems[0]!))).toEqual([
      "bundle: expected file names inside the zip without absolute paths or '..' (found '../evil.csv')",
      "bundle: expected at most 50 files in the zip (it has 51)",
      "bundle: expected a bundle that unpacks to at most 1 MB",
    ]);
    expect(await districtState(db, districtId)).toEqual(before);
  });

  it("lets only district administrators import, list, read runs and export", async () => {
    const { db, actor, districtId } = await setup();
    const teacher: ImportActor = { ...actor, roles: [{ role: "teacher", schoolId: null, staffKind: null }] };
    const schoolAdmin: ImportActor = { ...actor, roles: [{ role: "school_admin", schoolId: randomUUID(), staffKind: null }] };
    const zip = await zipOf(sampleRoster("nobody"));
    for (const who of [teacher, schoolAdmin]) {
      await expect(importOneRoster(db, who, { source: zip })).rejects.toMatchObject({ statusCode: 403 });
      await expect(listImportRuns(db, who, { page: 1, pageSize: 10 })).rejects.toMatchObject({ statusCode: 403 });
      await expect(exportOneRoster(db, who)).rejects.toMatchObject({ statusCode: 403 });
    }
    const run = await importOneRoster(db, actor, { source: await buildZip({ "x.csv": "a" }) });
    await expect(getImportRun(db, teacher, run.id)).rejects.toMatchObject({ statusCode: 404 });
    const other = await buildDistrict(db);
    await expect(getImportRun(db, other.actor, run.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await getImportRun(db, actor, run.id)).id).toBe(run.id);
    expect((await districtState(db, districtId)).schools).toBe(0);
  });

  it("records a failed run and changes nothing when the database refuses the change (two enrolments swapping people)", async () => {
    const { db, districtId, actor, prefix } = await setup();
    const roster = sampleRoster(prefix);
    await importRoster(db, actor, roster);
    const before = await districtState(db, districtId);
    const swapped = copyRoster(roster);
    swapped.files.enrollments![1]!.userSourcedId = "U3";
    swapped.files.enrollments![2]!.userSourcedId = "U2";
    swapped.files.users![0]!.givenName = "Changed";
    const run = await importRoster(db, actor, swapped);
    expect(run.status).toBe("failed");
    expect(formatProblem(run.problems[0]!)).toMatch(
      /^bundle: expected an import that completes; it stopped with "duplicate key value violates unique constraint "enrolments_member_idx" — two enrolments in the bundle swap their class or person; import the change in two steps". Nothing was changed/,
    );
    expect(await districtState(db, districtId)).toEqual(before);
    expect((await userBySourcedId(db, districtId, "U1"))?.givenName).toBe("Edna");
  });

  it("keeps a district's classes when a bulk bundle for the wrong district is refused", async () => {
    const { db, actor, prefix, districtId } = await setup();
    await importRoster(db, actor, sampleRoster(prefix));
    const other = copyRoster(sampleRoster(prefix));
    other.files.orgs![0]!.sourcedId = "D2";
    for (const o of other.files.orgs!) if (o.parentSourcedId === "D1") o.parentSourcedId = "D2";
    const run = await importRoster(db, actor, other);
    expect(run.status).toBe("rejected");
    expect(run.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([
      "orgs.csv line 2, column sourcedId: found 'D2', expected D1, the district this Stoa district was imported from; this bundle seems to belong to another district",
    ]);
    expect(await db.select({ status: classes.status }).from(classes).where(eq(classes.districtId, districtId))).toEqual([
      { status: "active" },
      { status: "active" },
    ]);
  });
});
