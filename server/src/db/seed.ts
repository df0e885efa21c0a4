import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { classes, courses, districts, enrolments, guardianLinks, roleAssignments, schools, terms, users } from "./schema/index.js";
import { hashPassword } from "../modules/identity/passwords.js";
import { seedPortfolios } from "../modules/portfolio/portfolio.seed.js";
import { seedGroups } from "../modules/groups/groups.seed.js";
import { seedDiscussions } from "../modules/discussions/discussions.seed.js";

const givenNames = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Finn", "Grace", "Hugo", "Isla", "Jonah", "Kira", "Leo", "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Victor", "Wren", "Xavi", "Yara", "Zane", "Amara", "Bo", "Carmen", "Diego"];
const familyNames = ["Abbott", "Baptiste", "Chen", "Diaz", "Eriksen", "Fofana", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski", "Lopez", "Mensah", "Nguyen", "Okafor", "Patel", "Quinlan", "Rossi", "Singh", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zhou"];
const subjects = ["Mathematics", "English", "Science", "History", "Art"];

export interface DemoLogins {
  password: string;
  generated: boolean;
  byRole: Record<string, string[]>;
}

/** A small deterministic generator, so the demo district is the same on every machine. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** True when the database has no district yet. */
export async function isEmpty(db: Db) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(districts);
  return (row?.n ?? 0) === 0;
}

/**
 * Seeds the demo district in one transaction: 2 schools, 10 teachers, 2 staff, 2 school admins,
 * a district admin, 200 students in grades 3-8, guardians for 40 of them, a term and 20 classes.
 */
export async function seedDemo(db: Db, demoPassword?: string): Promise<DemoLogins> {
  const password = demoPassword ?? `stoa-${randomBytes(9).toString("base64url")}`;
  const passwordHash = await hashPassword(password);
  const rand = prng(20261122);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const byRole: Record<string, string[]> = {};
  const note = (role: string, username: string) => (byRole[role] ??= []).push(username);

  await db.transaction(async (tx) => {
    const [district] = await tx.insert(districts).values({ name: "Riverside Unified (demo)" }).returning();
    const districtId = district!.id;
    const schoolRows = await tx
      .insert(schools)
      .values([
        { districtId, name: "Riverside Elementary", identifier: "RES", timeZone: "America/Chicago" },
        { districtId, name: "Hillcrest Middle School", identifier: "HMS", timeZone: "America/Chicago" },
      ])
      .returning();
    const [elementary, middle] = schoolRows as [typeof schoolRows[number], typeof schoolRows[number]];

    type NewUser = { username: string; role: (typeof roleAssignments.$inferInsert)["role"]; schoolId: string | null; staffKind?: "counselor" | "interventionist"; grades?: string[]; email?: string };
    const people: NewUser[] = [{ username: "admin", role: "district_admin", schoolId: null, email: "admin@riverside.example" }];
    people.push({ username: "schooladmin1", role: "school_admin", schoolId: elementary.id, email: "schooladmin1@riverside.example" });
    people.push({ username: "schooladmin2", role: "school_admin", schoolId: middle.id, email: "schooladmin2@riverside.example" });
    people.push({ username: "counselor1", role: "staff", staffKind: "counselor", schoolId: middle.id, email: "counselor1@riverside.example" });
    people.push({ username: "interventionist1", role: "staff", staffKind: "interventionist", schoolId: elementary.id, email: "interventionist1@riverside.example" });
    for (let i = 1; i <= 10; i++) people.push({ username: `teacher${i}`, role: "teacher", schoolId: i <= 5 ? elementary.id : middle.id, email: `teacher${i}@riverside.example` });
    for (let i = 1; i <= 200; i++) {
      const grade = String(3 + Math.floor((i - 1) / 34)).padStart(2, "0");
      people.push({ username: `student${i}`, role: "student", schoolId: Number(grade) <= 5 ? elementary.id : middle.id, grades: [grade] });
    }
    for (let i = 1; i <= 40; i++) people.push({ username: `guardian${i}`, role: "guardian", schoolId: null, email: `guardian${i}@family.example` });

    const inserted = await tx
      .insert(users)
      .values(people.map((p) => ({ districtId, username: p.username, email: p.email ?? null, givenName: pick(givenNames), familyName: pick(familyNames), grades: p.grades ?? [], passwordHash })))
      .returning({ id: users.id, username: users.username });
    const idOf = new Map(inserted.map((u) => [u.username, u.id]));
    const studentSchool = (n: number) => people.find((p) => p.username === `student${n}`)!.schoolId!;
    await tx.insert(roleAssignments).values(
      people.map((p) => ({
        districtId,
        userId: idOf.get(p.username)!,
        role: p.role,
        // A guardian's role sits at their first child's school.
        schoolId: p.role === "guardian" ? studentSchool(Number(p.username.slice(8))) : p.schoolId,
        staffKind: p.staffKind ?? null,
      })),
    );
    people.forEach((p) => note(p.role, p.username));
    await tx.insert(guardianLinks).values(
      Array.from({ length: 40 }, (_, k) => ({ districtId, guardianId: idOf.get(`guardian${k + 1}`)!, studentId: idOf.get(`student${k + 1}`)! })),
    );

    const year = new Date().getUTCMonth() >= 7 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    const [term] = await tx
      .insert(terms)
      .values({ districtId, title: `${year}-${year + 1} school year`, type: "schoolYear", startDate: `${year}-08-15`, endDate: `${year + 1}-06-15`, schoolYear: String(year + 1) })
      .returning();
    const courseRows = await tx.insert(courses).values(subjects.map((s) => ({ districtId, title: s, subjects: [s] }))).returning();

    const classValues: (typeof classes.$inferInsert)[] = [];
    const classTeacher: string[] = [];
    for (let i = 0; i < 20; i++) {
      const teacherNo = (i % 10) + 1;
      const school = teacherNo <= 5 ? elementary : middle;
      const course = courseRows[i % courseRows.length]!;
      const grade = teacherNo <= 5 ? 3 + (i % 3) : 6 + (i % 3);
      classValues.push({ districtId, schoolId: school.id, courseId: course.id, termIds: [term!.id], title: `${course.title} ${grade}${String.fromCharCode(65 + Math.floor(i / 10))}`, classCode: `${course.title.slice(0, 3).toUpperCase()}-${grade}${i}`, grades: [String(grade).padStart(2, "0")], subjects: [course.title], location: `Room ${100 + i}` });
      classTeacher.push(`teacher${teacherNo}`);
    }
    const classRows = await tx.insert(classes).values(classValues).returning({ id: classes.id, grades: classes.grades });
    const enrolmentValues: (typeof enrolments.$inferInsert)[] = [];
    classRows.forEach((c, i) => {
      enrolmentValues.push({ districtId, classId: c.id, userId: idOf.get(classTeacher[i]!)!, role: "teacher", primary: true });
      const grade = c.grades[0];
      people
        .filter((p) => p.role === "student" && p.grades?.[0] === grade)
        .forEach((p, k) => {
          if (k % 2 === i % 2 || c.grades[0] === "03") enrolmentValues.push({ districtId, classId: c.id, userId: idOf.get(p.username)!, role: "student" });
        });
    });
    await tx.insert(enrolments).values(enrolmentValues);
    await seedPortfolios(tx, districtId, idOf);
    await seedGroups(tx, districtId);
    await seedDiscussions(tx, districtId);
  });
  return { password, generated: demoPassword === undefined, byRole };
}
