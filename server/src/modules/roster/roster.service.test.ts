import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict } from "../../test/factories.js";
import { auditLog, classRosters, courses, enrolments, schools, terms, users } from "../../db/schema/index.js";
import { deferRosterRefresh, refreshDistrictRosters } from "../oneroster/oneroster.repository.js";
import type { Db } from "../../db/client.js";
import * as roster from "./roster.service.js";
import type { Actor } from "../../platform/actor.js";
import type { TClassQuery, TClassSummary, TRosterEntry } from "@stoa/contracts";

let db: Db;
let d: TestDistrict;
let other: TestDistrict;
const page = { page: 1, pageSize: 50 };

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
  other = await buildDistrict(db);
});
afterAll(async () => (await getTestDatabase()).close());

/** A roster as the API sends it (the service returns JSON text built by PostgreSQL). */
const rosterOf = async (actor: Actor, classId: string) =>
  JSON.parse((await roster.getRoster(db, actor, classId)).text) as { data: TRosterEntry[]; policies: Record<string, boolean> };

/** A class page as the API sends it (the service returns JSON text built by PostgreSQL). */
const classesOf = async (actor: Actor, query: TClassQuery) =>
  JSON.parse((await roster.listClasses(db, actor, query)).text).data as { items: TClassSummary[]; total: number };

const titles = async (user: { id: string; districtId: string }) => (await classesOf(actorOf(user), page)).items.map((c) => c.title).sort();

describe("class visibility", () => {
  it("shows each role exactly the classes in its reach", async () => {
    expect(await titles(d.teacherA)).toEqual([d.classA.title]);
    expect(await titles(d.studentA1)).toEqual([d.classA.title]);
    expect(await titles(d.studentB1)).toEqual([d.classB.title]);
    expect(await titles(d.guardianA1)).toEqual([d.classA.title]);
    expect(await titles(d.schoolAdminA)).toEqual([d.classA.title]);
    expect(await titles(d.counselorA)).toEqual([d.classA.title]);
    expect(await titles(d.districtAdmin)).toEqual([d.classA.title, d.classB.title].sort());
  });

  it("pages with a total, also past the last page", async () => {
    const admin = actorOf(d.districtAdmin);
    const first = await classesOf(admin, { page: 1, pageSize: 1 });
    expect(first).toMatchObject({ total: 2, page: 1 });
    expect(first.items).toHaveLength(1);
    const beyond = await classesOf(admin, { page: 3, pageSize: 1 });
    expect(beyond).toMatchObject({ total: 2, items: [] });
  });

  it("answers 404 for a class of another school or district", async () => {
    await expect(roster.getClass(db, actorOf(d.teacherB), d.classA.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(roster.getClass(db, actorOf(other.districtAdmin), d.classA.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("summarises a class with its teachers, student count and the caller's role", async () => {
    const { data, policies } = await roster.getClass(db, actorOf(d.teacherA), d.classA.id);
    expect(data.studentCount).toBe(2);
    expect(data.teachers.map((t) => t.id)).toEqual([d.teacherA.id]);
    expect(data.myRole).toBe("teacher");
    expect(policies).toMatchObject({ edit: false, enrol: false, viewFullRoster: true, resetStudentPasswords: true });
  });
});

describe("rosters", () => {
  it("gives students names only and teachers the details", async () => {
    const asStudent = await rosterOf(actorOf(d.studentA1), d.classA.id);
    expect(asStudent.data.every((e) => e.username === null && e.grades === null)).toBe(true);
    expect(asStudent.data.map((e) => e.userId)).toEqual(expect.arrayContaining([d.studentA2.id, d.teacherA.id]));
    const asTeacher = await rosterOf(actorOf(d.teacherA), d.classA.id);
    expect(asTeacher.data.find((e) => e.userId === d.studentA2.id)?.username).toBe(d.studentA2.username);
  });

  it("lets a school admin enrol and remove; the enrolment row stays, inactive, and is audited", async () => {
    const admin = actorOf(d.schoolAdminA);
    await expect(roster.enrol(db, admin, d.classA.id, { userId: d.studentB1.id, role: "student" })).rejects.toMatchObject({
      statusCode: 404,
    });
    await expect(roster.enrol(db, admin, d.classA.id, { userId: d.teacherA.id, role: "student" })).rejects.toMatchObject({
      statusCode: 400,
    });
    await roster.unenrol(db, admin, d.classA.id, d.studentA2.id);
    const [row] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.classId, d.classA.id), eq(enrolments.userId, d.studentA2.id)));
    expect(row?.status).toBe("inactive");
    expect(await titles(d.studentA2)).toEqual([]);
    await roster.enrol(db, admin, d.classA.id, { userId: d.studentA2.id, role: "student" });
    expect(await titles(d.studentA2)).toEqual([d.classA.title]);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, d.classA.id), eq(auditLog.actorId, d.schoolAdminA.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["roster.enrol", "roster.unenrol"]);
  });

  it("shows inactive members exactly to those who see the full roster, and 404s a class out of reach", async () => {
    const admin = actorOf(d.schoolAdminA);
    await roster.unenrol(db, admin, d.classA.id, d.studentA2.id);
    try {
      for (const user of [d.teacherA, d.schoolAdminA, d.counselorA, d.districtAdmin, d.studentA1, d.guardianA1]) {
        const { data, policies } = await rosterOf(actorOf(user), d.classA.id);
        const inactive = data.filter((e) => e.status === "inactive").map((e) => e.userId);
        expect(inactive).toEqual(policies.viewFullRoster ? [d.studentA2.id] : []);
        expect(data.some((e) => e.userId === d.teacherA.id)).toBe(true);
      }
      expect((await rosterOf(actorOf(d.teacherA), d.classA.id)).policies.viewFullRoster).toBe(true);
      expect((await rosterOf(actorOf(d.studentA1), d.classA.id)).policies.viewFullRoster).toBe(false);
      await expect(rosterOf(actorOf(d.teacherB), d.classA.id)).rejects.toMatchObject({ statusCode: 404 });
      await expect(rosterOf(actorOf(other.districtAdmin), d.classA.id)).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await roster.enrol(db, admin, d.classA.id, { userId: d.studentA2.id, role: "student" });
    }
  });

  it("follows a member's new name and an import's bulk changes (the kept roster JSON)", async () => {
    const before = (await rosterOf(actorOf(d.teacherA), d.classA.id)).data.find((m) => m.userId === d.studentA1.id);
    await db
      .update(users)
      .set({ preferredName: "Renamed", username: `renamed-${d.studentA1.id.slice(0, 8)}` })
      .where(eq(users.id, d.studentA1.id));
    const after = (await rosterOf(actorOf(d.teacherA), d.classA.id)).data.find((m) => m.userId === d.studentA1.id);
    expect(before?.preferredName).not.toBe("Renamed");
    expect(after).toMatchObject({ preferredName: "Renamed", username: `renamed-${d.studentA1.id.slice(0, 8)}` });
    expect((await rosterOf(actorOf(d.studentA1), d.classA.id)).data.find((m) => m.userId === d.studentA1.id)).toMatchObject({
      preferredName: "Renamed",
      username: null,
    });
    // A bulk writer defers the triggers and refreshes the district once; until then the roster keeps its old list.
    await db.transaction(async (tx) => {
      await deferRosterRefresh(tx);
      await tx.update(users).set({ preferredName: "Deferred" }).where(eq(users.id, d.studentA1.id));
      const [kept] = await tx.select({ json: classRosters.fullJson }).from(classRosters).where(eq(classRosters.classId, d.classA.id));
      const mid = JSON.parse(kept!.json) as TRosterEntry[];
      expect(mid.find((m) => m.userId === d.studentA1.id)?.preferredName).toBe("Renamed");
      await refreshDistrictRosters(tx, d.district.id);
    });
    expect((await rosterOf(actorOf(d.teacherA), d.classA.id)).data.find((m) => m.userId === d.studentA1.id)?.preferredName).toBe(
      "Deferred",
    );
  });

  it("filters and pages the class list in the one prepared statement", async () => {
    const admin = actorOf(d.districtAdmin);
    expect((await classesOf(admin, { ...page, q: d.classA.title })).items.map((c) => c.id)).toEqual([d.classA.id]);
    expect((await classesOf(admin, { ...page, q: "%" })).items).toEqual([]);
    expect((await classesOf(admin, { ...page, schoolId: d.schoolB.id })).items.map((c) => c.id)).toEqual([d.classB.id]);
    expect((await classesOf(admin, { ...page, status: "inactive" })).total).toBe(0);
    expect((await classesOf(actorOf(d.teacherA), { ...page, schoolId: d.schoolB.id })).items).toEqual([]);
  });

  it("refuses roster changes by teachers and students", async () => {
    await expect(roster.unenrol(db, actorOf(d.teacherA), d.classA.id, d.studentA1.id)).rejects.toMatchObject({ statusCode: 403 });
    await expect(roster.unenrol(db, actorOf(d.studentA1), d.classA.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe("classes, terms and courses", () => {
  it("creates a class at an administered school only, with terms and course of the district", async () => {
    const admin = actorOf(d.schoolAdminA);
    const term = await roster.createTerm(db, admin, {
      schoolId: d.schoolA.id,
      title: "Spring",
      type: "term",
      startDate: "2027-01-10",
      endDate: "2027-05-30",
    });
    const course = await roster.createCourse(db, actorOf(d.districtAdmin), {
      schoolId: null,
      title: "Geometry",
      grades: ["07"],
      subjects: ["Mathematics"],
    });
    const created = await roster.createClass(db, admin, {
      schoolId: d.schoolA.id,
      title: "Geometry 7A",
      classType: "scheduled",
      termIds: [term.id],
      courseId: course.id,
      grades: ["07"],
      subjects: [],
    });
    expect(created.data).toMatchObject({ title: "Geometry 7A", course: { title: "Geometry" }, terms: [{ title: "Spring" }] });
    await expect(
      roster.createClass(db, admin, {
        schoolId: d.schoolB.id,
        title: "Nope",
        classType: "scheduled",
        termIds: [],
        grades: [],
        subjects: [],
      }),
    ).rejects.toMatchObject({ statusCode: 404 });
    const foreignTerm = await roster.createTerm(db, actorOf(other.districtAdmin), {
      schoolId: null,
      title: "Other",
      type: "term",
      startDate: "2027-01-10",
      endDate: "2027-05-30",
    });
    await expect(
      roster.createClass(db, admin, {
        schoolId: d.schoolA.id,
        title: "Bad terms",
        classType: "scheduled",
        termIds: [foreignTerm.id],
        grades: [],
        subjects: [],
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      roster.createTerm(db, admin, {
        schoolId: null,
        title: "District-wide",
        type: "term",
        startDate: "2027-01-10",
        endDate: "2027-05-30",
      }),
    ).rejects.toMatchObject({ statusCode: 403 });
    expect((await roster.listTerms(db, actorOf(other.teacherA))).map((t) => t.title)).not.toContain("Spring");
  });

  it("shows a guardian their children with their classes, and others nothing", async () => {
    const children = await roster.listChildren(db, actorOf(d.guardianA1));
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ id: d.studentA1.id, classes: [expect.objectContaining({ id: d.classA.id })] });
    expect(await roster.listChildren(db, actorOf(d.teacherA))).toEqual([]);
  });

  it("keeps each class summary in step with its class, school, course, terms and members (the kept summary JSON)", async () => {
    const admin = actorOf(d.districtAdmin);
    const term = await roster.createTerm(db, admin, {
      schoolId: null,
      title: "Autumn",
      type: "term",
      startDate: "2026-09-01",
      endDate: "2026-12-20",
    });
    const course = await roster.createCourse(db, admin, { schoolId: null, title: "Chemistry", grades: [], subjects: [] });
    const created = await roster.createClass(db, admin, {
      schoolId: d.schoolB.id,
      title: `Chemistry ${d.schoolB.id.slice(0, 6)}`,
      classType: "scheduled",
      termIds: [term.id],
      courseId: course.id,
      grades: [],
      subjects: [],
    });
    const summary = async () =>
      (await classesOf(admin, { ...page, q: created.data.title.slice(0, 20) })).items.find((c) => c.id === created.data.id);
    // A new class is listed at once, empty.
    expect(await summary()).toMatchObject({ studentCount: 0, teachers: [], myRole: null, terms: [{ title: "Autumn" }] });

    await roster.updateClass(db, admin, created.data.id, { location: "Lab 2" });
    await db.update(schools).set({ name: "Renamed School" }).where(eq(schools.id, d.schoolB.id));
    await db.update(courses).set({ title: "Organic Chemistry" }).where(eq(courses.id, course.id));
    await db.update(terms).set({ title: "Fall" }).where(eq(terms.id, term.id));
    await roster.enrol(db, admin, created.data.id, { userId: d.teacherB.id, role: "teacher" });
    await roster.enrol(db, admin, created.data.id, { userId: d.studentB1.id, role: "student" });
    expect(await summary()).toMatchObject({
      location: "Lab 2",
      school: { id: d.schoolB.id, name: "Renamed School" },
      course: { title: "Organic Chemistry" },
      terms: [{ id: term.id, title: "Fall" }],
      studentCount: 1,
      teachers: [{ id: d.teacherB.id }],
    });
    const asTeacher = (await classesOf(actorOf(d.teacherB), page)).items.find((c) => c.id === created.data.id);
    expect(asTeacher?.myRole).toBe("teacher");
  });

  it("knows which teacher teaches which student", async () => {
    expect(await roster.teachesStudent(db, d.teacherA.id, d.studentA1.id)).toBe(true);
    expect(await roster.teachesStudent(db, d.teacherB.id, d.studentA1.id)).toBe(false);
  });
});
