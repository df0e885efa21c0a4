import { randomBytes } from "node:crypto";
import type { TRole } from "@stoa/contracts";
import type { DbOrTx } from "../db/client.js";
import { classes, districts, enrolments, guardianLinks, roleAssignments, schools, users } from "../db/schema/index.js";
import type { Actor, ActorRole } from "../platform/actor.js";
import { hashPassword } from "../modules/identity/passwords.js";

/** The password every factory-built user signs in with. */
export const testPassword = "factory-password-8f3k2";

// argon2id is deliberately slow: hash once per process and give every test user the same hash.
let passwordHash: Promise<string> | undefined;
const sharedHash = () => (passwordHash ??= hashPassword(testPassword));

/** A short random suffix: usernames and emails are unique across the installation and tests share PostgreSQL. */
// 48 bits: the PostgreSQL test database keeps every run's rows, and 32 bits did collide once.
export const uniqueSuffix = () => randomBytes(6).toString("hex");

type UserRow = typeof users.$inferSelect;
type SchoolRow = typeof schools.$inferSelect;
type ClassRow = typeof classes.$inferSelect;
type DistrictRow = typeof districts.$inferSelect;

/** A user row with the roles the factory gave it (what an Actor needs) and those roles' row ids, in the same order. */
export type TestUser = UserRow & { roles: ActorRole[]; roleIds: string[] };

/** One role to give a test user. */
export interface RoleSpec {
  role: TRole;
  schoolId: string | null;
  staffKind?: "counselor" | "interventionist" | "aide" | null;
}

/** Inserts a district. */
export async function buildDistrictRow(db: DbOrTx, name = `District ${uniqueSuffix()}`): Promise<DistrictRow> {
  const [row] = await db.insert(districts).values({ name }).returning();
  return row!;
}

/** Inserts a school in a district. */
export async function buildSchool(db: DbOrTx, districtId: string, values: Partial<typeof schools.$inferInsert> = {}): Promise<SchoolRow> {
  const [row] = await db
    .insert(schools)
    .values({ districtId, name: `School ${uniqueSuffix()}`, timeZone: "America/Chicago", ...values })
    .returning();
  return row!;
}

/** Inserts a user with the test password (unless `password: null`) and the given roles. */
export async function buildUser(
  db: DbOrTx,
  districtId: string,
  opts: { name?: string; roles?: RoleSpec[]; password?: null; values?: Partial<typeof users.$inferInsert> } = {},
): Promise<TestUser> {
  const base = (opts.name ?? "user").toLowerCase().replace(/[^a-z0-9]/g, "");
  const username = `${base}-${uniqueSuffix()}`;
  const [user] = await db
    .insert(users)
    .values({
      districtId,
      username,
      email: `${username}@example.test`,
      givenName: opts.name ?? "Test",
      familyName: "Person",
      passwordHash: opts.password === null ? null : await sharedHash(),
      ...opts.values,
    })
    .returning();
  const roles: ActorRole[] = [];
  const roleIds: string[] = [];
  for (const spec of opts.roles ?? []) {
    const [row] = await db
      .insert(roleAssignments)
      .values({ districtId, userId: user!.id, schoolId: spec.schoolId, role: spec.role, staffKind: spec.staffKind ?? null })
      .returning({ id: roleAssignments.id });
    roles.push({ role: spec.role, schoolId: spec.schoolId, staffKind: spec.staffKind ?? null });
    roleIds.push(row!.id);
  }
  return { ...user!, roles, roleIds };
}

/** Inserts a class at a school. */
export async function buildClass(db: DbOrTx, school: { id: string; districtId: string }, values: Partial<typeof classes.$inferInsert> = {}): Promise<ClassRow> {
  const [row] = await db
    .insert(classes)
    .values({ districtId: school.districtId, schoolId: school.id, title: `Class ${uniqueSuffix()}`, ...values })
    .returning();
  return row!;
}

/** Enrols a user in a class (active unless told otherwise). */
export async function enrol(
  db: DbOrTx,
  cls: { id: string; districtId: string },
  user: { id: string },
  role: "student" | "teacher" | "administrator" | "proctor" | "aide",
  status: "active" | "inactive" = "active",
) {
  await db.insert(enrolments).values({ districtId: cls.districtId, classId: cls.id, userId: user.id, role, status, primary: role === "teacher" });
}

/** Links a guardian to a child. */
export async function linkGuardian(db: DbOrTx, districtId: string, guardian: { id: string }, student: { id: string }) {
  await db.insert(guardianLinks).values({ districtId, guardianId: guardian.id, studentId: student.id });
}

/** The Actor for a test user: the roles given, else the roles the factory gave the user. */
export function actorOf(user: { id: string; districtId: string; roles?: ActorRole[] }, roles?: ActorRole[]): Actor {
  return { userId: user.id, districtId: user.districtId, roles: roles ?? user.roles ?? [], ip: null };
}

/** A whole small district: two schools, people in every role, two classes. Built fresh for each test. */
export async function buildDistrict(db: DbOrTx) {
  const district = await buildDistrictRow(db);
  const schoolA = await buildSchool(db, district.id, { name: `Adams School ${uniqueSuffix()}` });
  const schoolB = await buildSchool(db, district.id, { name: `Baker School ${uniqueSuffix()}` });
  const user = (name: string, roles: RoleSpec[]) => buildUser(db, district.id, { name, roles });

  const districtAdmin = await user("Dana", [{ role: "district_admin", schoolId: null }]);
  const schoolAdminA = await user("Sam", [{ role: "school_admin", schoolId: schoolA.id }]);
  const schoolAdminB = await user("Sue", [{ role: "school_admin", schoolId: schoolB.id }]);
  const teacherA = await user("Tara", [{ role: "teacher", schoolId: schoolA.id }]);
  const teacherB = await user("Theo", [{ role: "teacher", schoolId: schoolB.id }]);
  const counselorA = await user("Cora", [{ role: "staff", schoolId: schoolA.id, staffKind: "counselor" }]);
  const studentA1 = await user("Ada", [{ role: "student", schoolId: schoolA.id }]);
  const studentA2 = await user("Ali", [{ role: "student", schoolId: schoolA.id }]);
  const studentB1 = await user("Ben", [{ role: "student", schoolId: schoolB.id }]);
  const guardianA1 = await user("Gwen", [{ role: "guardian", schoolId: schoolA.id }]);
  await linkGuardian(db, district.id, guardianA1, studentA1);

  const classA = await buildClass(db, schoolA, { title: `Algebra ${uniqueSuffix()}` });
  await enrol(db, classA, teacherA, "teacher");
  await enrol(db, classA, studentA1, "student");
  await enrol(db, classA, studentA2, "student");
  const classB = await buildClass(db, schoolB, { title: `Biology ${uniqueSuffix()}` });
  await enrol(db, classB, teacherB, "teacher");
  await enrol(db, classB, studentB1, "student");

  return {
    district,
    schoolA,
    schoolB,
    districtAdmin,
    schoolAdminA,
    schoolAdminB,
    teacherA,
    teacherB,
    counselorA,
    studentA1,
    studentA2,
    studentB1,
    guardianA1,
    classA,
    classB,
  };
}

/** What buildDistrict returns. */
export type TestDistrict = Awaited<ReturnType<typeof buildDistrict>>;
