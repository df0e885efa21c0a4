import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { TPeopleQuery } from "@stoa/contracts";
import { users } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, buildUser, enrol, linkGuardian, uniqueSuffix } from "../../test/factories.js";
import { verifyPassword } from "../identity/passwords.js";
import { insertUser, uniqueViolation } from "./people.repository.js";
import { clashToConflict, createPerson, getPerson, listPeople, resetPassword, updatePerson } from "./people.service.js";
import { auditRows, eventRows, openSession, sessionCount } from "./test-helpers.js";

const database = () => getTestDatabase().then((d) => d.db);
const page = (q: Partial<TPeopleQuery> = {}): TPeopleQuery => ({ page: 1, pageSize: 50, ...q });
const ids = (people: { id: string }[]) => people.map((p) => p.id).sort();

afterAll(async () => (await getTestDatabase()).close());

describe("listing people", () => {
  it("scopes the directory in SQL: district, school and counselor reach", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    // A guardian whose only role is at school B but whose child is at school A: school A's admin sees them.
    const guardianB = await buildUser(db, d.district.id, { name: "Gil", roles: [{ role: "guardian", schoolId: d.schoolB.id }] });
    await linkGuardian(db, d.district.id, guardianB, d.studentA2);

    const all = await listPeople(db, actorOf(d.districtAdmin), page());
    expect(all.data.total).toBe(11);
    expect(all.data.items.map((p) => p.id)).not.toContain(other.districtAdmin.id);

    const atA = await listPeople(db, actorOf(d.schoolAdminA), page());
    const schoolA = [d.schoolAdminA, d.teacherA, d.counselorA, d.studentA1, d.studentA2, d.guardianA1, guardianB];
    expect(ids(atA.data.items)).toEqual(ids(schoolA));
    expect(atA.policies).toEqual({ create: true });

    const counselor = await listPeople(db, actorOf(d.counselorA), page());
    expect(ids(counselor.data.items)).toEqual(ids([d.studentA1, d.studentA2]));
    expect(counselor.policies).toEqual({ create: false });
  });

  it("answers 403 to teachers, students and guardians: lists are not resources", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    for (const user of [d.teacherA, d.studentA1, d.guardianA1]) {
      await expect(listPeople(db, actorOf(user), page())).rejects.toMatchObject({ statusCode: 403 });
    }
  });

  it("searches names, usernames and emails, with LIKE wildcards taken literally", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const odd = await buildUser(db, d.district.id, { name: "Zed", roles: [{ role: "student", schoolId: d.schoolA.id }], values: { familyName: "Per%cent_x" } });
    const admin = actorOf(d.districtAdmin);
    // Not "ada" alone: the random hex suffix of a username may contain it.
    expect(ids((await listPeople(db, admin, page({ q: "ada person" }))).data.items)).toEqual([d.studentA1.id]);
    expect(ids((await listPeople(db, admin, page({ q: d.teacherB.username.toUpperCase() }))).data.items)).toEqual([d.teacherB.id]);
    expect(ids((await listPeople(db, admin, page({ q: "Tara Person" }))).data.items)).toEqual([d.teacherA.id]);
    expect(ids((await listPeople(db, admin, page({ q: "%" }))).data.items)).toEqual([odd.id]);
    expect(ids((await listPeople(db, admin, page({ q: "_" }))).data.items)).toEqual([odd.id]);
    expect(ids((await listPeople(db, admin, page({ q: "example.test" }))).data.items)).toHaveLength(11);
  });

  it("filters by role, school and status, and pages with a total", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.districtAdmin);
    await updatePerson(db, admin, d.studentA2.id, { status: "inactive" });
    expect(ids((await listPeople(db, admin, page({ role: "student" }))).data.items)).toEqual(ids([d.studentA1, d.studentA2, d.studentB1]));
    expect(ids((await listPeople(db, admin, page({ role: "student", schoolId: d.schoolB.id }))).data.items)).toEqual([d.studentB1.id]);
    expect(ids((await listPeople(db, admin, page({ role: "student", status: "active" }))).data.items)).toEqual(ids([d.studentA1, d.studentB1]));
    const first = await listPeople(db, admin, page({ pageSize: 4 }));
    const third = await listPeople(db, admin, page({ pageSize: 4, page: 3 }));
    expect(first.data).toMatchObject({ total: 10, page: 1, pageSize: 4 });
    expect(first.data.items).toHaveLength(4);
    expect(third.data.items).toHaveLength(2);
    expect(new Set([...first.data.items, ...third.data.items].map((p) => p.id)).size).toBe(6);
    // Counselors see only students, whatever they filter on.
    expect((await listPeople(db, actorOf(d.counselorA), page({ role: "teacher" }))).data.total).toBe(0);
  });
});

describe("reading a person", () => {
  it("lets a teacher read students of their classes, with an audit row; others answer 404", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const { data, policies } = await getPerson(db, actorOf(d.teacherA), d.studentA1.id);
    expect(data).toMatchObject({ id: d.studentA1.id, guardians: [{ id: d.guardianA1.id }], classes: [{ id: d.classA.id, role: "student", status: "active" }] });
    expect(data).not.toHaveProperty("passwordHash");
    expect(policies).toEqual({ edit: false, resetPassword: true, grantRoles: false, linkChildren: false });
    expect(await auditRows(db, d.district.id, "student.read")).toMatchObject([{ actorId: d.teacherA.id, targetType: "user", targetId: d.studentA1.id }]);
    await expect(getPerson(db, actorOf(d.teacherA), d.studentB1.id)).rejects.toMatchObject({ statusCode: 404, message: "Person was not found" });
    await expect(getPerson(db, actorOf(d.teacherB), d.studentA1.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(getPerson(db, actorOf(d.teacherA), d.guardianA1.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("stops a teacher reading a student whose enrolment has ended", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const leaver = await buildUser(db, d.district.id, { name: "Lee", roles: [{ role: "student", schoolId: d.schoolA.id }] });
    await enrol(db, d.classA, leaver, "student", "inactive");
    await expect(getPerson(db, actorOf(d.teacherA), leaver.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it("lets guardians read their children and everyone themselves, without auditing", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    expect((await getPerson(db, actorOf(d.guardianA1), d.studentA1.id)).data.id).toBe(d.studentA1.id);
    expect((await getPerson(db, actorOf(d.guardianA1), d.guardianA1.id)).data.children).toMatchObject([{ id: d.studentA1.id }]);
    expect((await getPerson(db, actorOf(d.studentA1), d.studentA1.id)).policies).toEqual({ edit: false, resetPassword: false, grantRoles: false, linkChildren: false });
    await expect(getPerson(db, actorOf(d.guardianA1), d.studentA2.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(getPerson(db, actorOf(d.studentA1), d.studentA2.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(await auditRows(db, d.district.id, "student.read")).toHaveLength(0);
  });

  it("keeps districts apart and audits counselors' reads", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    await expect(getPerson(db, actorOf(other.districtAdmin), d.studentA1.id)).rejects.toMatchObject({ statusCode: 404 });
    await getPerson(db, actorOf(d.counselorA), d.studentA2.id);
    await expect(getPerson(db, actorOf(d.counselorA), d.teacherA.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(await auditRows(db, d.district.id, "student.read")).toMatchObject([{ actorId: d.counselorA.id, targetId: d.studentA2.id }]);
    expect(await auditRows(db, other.district.id, "student.read")).toHaveLength(0);
  });
});

describe("adding people", () => {
  const newPerson = (schoolId: string, extra: Record<string, unknown> = {}) => ({
    username: `new-${uniqueSuffix()}`,
    givenName: "Nia",
    familyName: "Newton",
    grades: [],
    roles: [{ role: "teacher" as const, schoolId }],
    ...extra,
  });

  it("lets a school admin add a teacher at their school, with password, audit and event", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const input = newPerson(d.schoolA.id, { password: "a long enough passphrase", email: `nia-${uniqueSuffix()}@example.test` });
    const { data } = await createPerson(db, actorOf(d.schoolAdminA), input);
    expect(data).toMatchObject({ username: input.username, roles: [{ role: "teacher", schoolId: d.schoolA.id, schoolName: d.schoolA.name }] });
    const [stored] = await db.select().from(users).where(eq(users.id, data.id));
    expect(await verifyPassword(stored!.passwordHash, "a long enough passphrase")).toBe(true);
    const [created] = await auditRows(db, d.district.id, "person.create");
    expect(created).toMatchObject({ actorId: d.schoolAdminA.id, targetId: data.id, details: { username: input.username, withPassword: true } });
    expect(JSON.stringify(created!.details)).not.toContain("passphrase");
    expect(await auditRows(db, d.district.id, "password.reset")).toHaveLength(1);
    expect(await eventRows(db, d.district.id, "person.created")).toMatchObject([{ rooms: [`district:${d.district.id}`, `school:${d.schoolA.id}`] }]);
  });

  it("creates a person without a password when none is given", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const { data } = await createPerson(db, actorOf(d.districtAdmin), newPerson(d.schoolB.id));
    const [stored] = await db.select().from(users).where(eq(users.id, data.id));
    expect(stored!.passwordHash).toBeNull();
  });

  it("refuses taken usernames and emails with 409 on the field", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.districtAdmin);
    await expect(createPerson(db, admin, newPerson(d.schoolA.id, { username: d.teacherA.username.toUpperCase() }))).rejects.toMatchObject({
      statusCode: 409,
      fields: [{ path: "username" }],
    });
    await expect(createPerson(db, admin, newPerson(d.schoolA.id, { email: d.teacherA.email }))).rejects.toMatchObject({ statusCode: 409, fields: [{ path: "email" }] });
  });

  it("enforces reach: schools of other districts are missing, roles at or above the actor's are refused", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    await expect(createPerson(db, admin, newPerson(other.schoolA.id))).rejects.toMatchObject({ statusCode: 404, message: "School was not found" });
    await expect(createPerson(db, admin, newPerson(d.schoolB.id))).rejects.toMatchObject({ statusCode: 403 });
    await expect(createPerson(db, admin, newPerson(d.schoolA.id, { roles: [{ role: "school_admin", schoolId: d.schoolA.id }] }))).rejects.toMatchObject({ statusCode: 403 });
    const appoint = newPerson(d.schoolA.id, { roles: [{ role: "district_admin", schoolId: null }] });
    await expect(createPerson(db, actorOf(d.districtAdmin), appoint)).rejects.toMatchObject({ statusCode: 403, message: /command line/ });
    await expect(createPerson(db, actorOf(d.teacherA), newPerson(d.schoolA.id))).rejects.toMatchObject({ statusCode: 403 });
    expect(await auditRows(db, d.district.id, "person.create")).toHaveLength(0);
  });

  it("requires a staff kind for staff only, and no role twice", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    const staff = newPerson(d.schoolA.id, { roles: [{ role: "staff", schoolId: d.schoolA.id }] });
    await expect(createPerson(db, admin, staff)).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "roles.0.staffKind" }] });
    const twice = newPerson(d.schoolA.id, { roles: [{ role: "teacher", schoolId: d.schoolA.id }, { role: "teacher", schoolId: d.schoolA.id }] });
    await expect(createPerson(db, admin, twice)).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "roles.1" }] });
    const counselor = newPerson(d.schoolA.id, { roles: [{ role: "staff", schoolId: d.schoolA.id, staffKind: "counselor" }] });
    expect((await createPerson(db, admin, counselor)).data.roles).toMatchObject([{ role: "staff", staffKind: "counselor" }]);
  });
});

describe("changing people", () => {
  it("lets an admin edit and deactivate people they out-rank, ending their sessions", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    await openSession(db, d.studentA2.id);
    const { data } = await updatePerson(db, admin, d.studentA2.id, { preferredName: "Al", status: "inactive" });
    expect(data).toMatchObject({ preferredName: "Al", status: "inactive" });
    expect(await sessionCount(db, d.studentA2.id)).toBe(0);
    expect(await auditRows(db, d.district.id, "person.update")).toMatchObject([{ targetId: d.studentA2.id, details: { changes: { preferredName: "Al", status: "inactive" } } }]);
    expect(await eventRows(db, d.district.id, "person.updated")).toHaveLength(1);
  });

  it("refuses peers, superiors, oneself and other schools", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const peer = await buildUser(db, d.district.id, { name: "Pat", roles: [{ role: "school_admin", schoolId: d.schoolA.id }] });
    const otherDistrictAdmin = await buildUser(db, d.district.id, { name: "Dee", roles: [{ role: "district_admin", schoolId: null }] });
    const admin = actorOf(d.schoolAdminA);
    await expect(updatePerson(db, admin, peer.id, { givenName: "X" })).rejects.toMatchObject({ statusCode: 403 });
    await expect(updatePerson(db, admin, d.districtAdmin.id, { givenName: "X" })).rejects.toMatchObject({ statusCode: 404 });
    await expect(updatePerson(db, admin, d.teacherB.id, { givenName: "X" })).rejects.toMatchObject({ statusCode: 404 });
    await expect(updatePerson(db, admin, d.schoolAdminA.id, { givenName: "X" })).rejects.toMatchObject({ statusCode: 403, message: /your own account/ });
    await expect(updatePerson(db, actorOf(d.districtAdmin), otherDistrictAdmin.id, { status: "inactive" })).rejects.toMatchObject({ statusCode: 403 });
    await expect(updatePerson(db, actorOf(d.teacherA), d.studentA1.id, { givenName: "X" })).rejects.toMatchObject({ statusCode: 403 });
    await expect(updatePerson(db, admin, d.teacherA.id, { email: d.teacherB.email })).rejects.toMatchObject({ statusCode: 409, fields: [{ path: "email" }] });
    expect(await auditRows(db, d.district.id, "person.update")).toHaveLength(0);
  });
});

describe("resetting passwords", () => {
  it("lets a teacher reset a student of their class, audited, ending the student's sessions", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    await openSession(db, d.studentA1.id);
    await resetPassword(db, actorOf(d.teacherA), d.studentA1.id, "fresh start for ada");
    const [stored] = await db.select().from(users).where(eq(users.id, d.studentA1.id));
    expect(await verifyPassword(stored!.passwordHash, "fresh start for ada")).toBe(true);
    expect(await sessionCount(db, d.studentA1.id)).toBe(0);
    expect(await auditRows(db, d.district.id, "password.reset")).toMatchObject([{ actorId: d.teacherA.id, targetId: d.studentA1.id }]);
    await expect(resetPassword(db, actorOf(d.teacherA), d.studentB1.id, "fresh start for ben")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("follows the reach rules and refuses one's own password and common ones", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const peer = await buildUser(db, d.district.id, { name: "Pat", roles: [{ role: "school_admin", schoolId: d.schoolA.id }] });
    const secondDistrictAdmin = await buildUser(db, d.district.id, { name: "Dee", roles: [{ role: "district_admin", schoolId: null }] });
    await resetPassword(db, actorOf(d.schoolAdminA), d.teacherA.id, "teacher's new secret");
    await expect(resetPassword(db, actorOf(d.schoolAdminA), peer.id, "peer's new secret")).rejects.toMatchObject({ statusCode: 403 });
    await expect(resetPassword(db, actorOf(d.districtAdmin), secondDistrictAdmin.id, "another new secret")).rejects.toMatchObject({ statusCode: 403 });
    await expect(resetPassword(db, actorOf(d.districtAdmin), d.districtAdmin.id, "my own new secret")).rejects.toMatchObject({ statusCode: 403, message: /your profile/ });
    await expect(resetPassword(db, actorOf(d.counselorA), d.studentA1.id, "counselor's attempt")).rejects.toMatchObject({ statusCode: 403 });
    await expect(resetPassword(db, actorOf(d.districtAdmin), d.teacherB.id, "password1")).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "newPassword" }] });
    expect(await auditRows(db, d.district.id, "password.reset")).toHaveLength(1);
  });
});

describe("unique clashes that slip past the checks", () => {
  it("become a 409 on the right field on both database engines", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const clash = await insertUser(db, { districtId: d.district.id, username: d.teacherA.username.toUpperCase(), givenName: "X", familyName: "Y" }).catch((e: unknown) => e);
    expect(uniqueViolation(clash)).toBe("users_username_idx");
    expect(clashToConflict(clash)).toMatchObject({ statusCode: 409, fields: [{ path: "username" }] });
    const emailClash = await insertUser(db, { districtId: d.district.id, username: `x-${uniqueSuffix()}`, email: d.teacherA.email, givenName: "X", familyName: "Y" }).catch((e: unknown) => e);
    expect(clashToConflict(emailClash)).toMatchObject({ statusCode: 409, fields: [{ path: "email" }] });
    const other = new Error("boom");
    expect(clashToConflict(other)).toBe(other);
  });
});
