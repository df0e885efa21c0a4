import { describe, expect, it } from "vitest";
import type { Actor, ActorRole } from "../../platform/actor.js";
import {
  adminRankAt,
  canLinkChild,
  canListPeople,
  canManagePerson,
  canResetPassword,
  grantReachProblem,
  grantShapeProblem,
  isAuditedStudentRead,
  peopleScope,
  personPolicies,
  roleRank,
  type HeldRole,
} from "./people.policy.js";
import { canCreateSchool, canEditSchool, schoolUpdateProblem } from "./schools.policy.js";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const actor = (id: string, roles: ActorRole[]): Actor => ({ userId: id, districtId: "d", roles, ip: null });
const role = (r: HeldRole["role"], schoolId: string | null, staffKind: string | null = null): ActorRole => ({ role: r, schoolId, staffKind });

const districtAdmin = actor("da", [role("district_admin", null)]);
const adminA = actor("sa", [role("school_admin", A)]);
const teacherA = actor("ta", [role("teacher", A)]);
const counselorA = actor("ca", [role("staff", A, "counselor")]);
const aideA = actor("aa", [role("staff", A, "aide")]);
const studentA = actor("st", [role("student", A)]);
const guardianA = actor("gu", [role("guardian", A)]);
const person = (id: string, roles: HeldRole[]) => ({ id, roles });

describe("role ranks", () => {
  it("orders district admin > school admin > teacher = staff > student = guardian", () => {
    expect(roleRank("district_admin")).toBeGreaterThan(roleRank("school_admin"));
    expect(roleRank("school_admin")).toBeGreaterThan(roleRank("teacher"));
    expect(roleRank("teacher")).toBe(roleRank("staff"));
    expect(roleRank("staff")).toBeGreaterThan(roleRank("student"));
    expect(roleRank("student")).toBe(roleRank("guardian"));
  });

  it("gives administrative rank only where the actor administers", () => {
    expect(adminRankAt(districtAdmin, A)).toBe(4);
    expect(adminRankAt(adminA, A)).toBe(3);
    expect(adminRankAt(adminA, B)).toBe(0);
    expect(adminRankAt(adminA, null)).toBe(0);
    expect(adminRankAt(teacherA, A)).toBe(0);
  });
});

describe("granting roles", () => {
  it("lets a district admin grant school admin and below at any school, never district admin", () => {
    for (const r of ["school_admin", "teacher", "student", "guardian"] as const) expect(grantReachProblem(districtAdmin, { role: r, schoolId: B })).toBeNull();
    expect(grantReachProblem(districtAdmin, { role: "district_admin", schoolId: null })).toMatch(/command line/);
  });

  it("lets a school admin grant teacher, staff, student and guardian at their own school only", () => {
    for (const r of ["teacher", "staff", "student", "guardian"] as const) expect(grantReachProblem(adminA, { role: r, schoolId: A })).toBeNull();
    expect(grantReachProblem(adminA, { role: "school_admin", schoolId: A })).toMatch(/below your own/);
    expect(grantReachProblem(adminA, { role: "teacher", schoolId: B })).toMatch(/schools you administer/);
  });

  it("lets nobody else grant anything", () => {
    for (const a of [teacherA, counselorA, studentA, guardianA]) expect(grantReachProblem(a, { role: "student", schoolId: A })).not.toBeNull();
  });

  it("requires a school for every role but district admin, and a staff kind for staff only", () => {
    expect(grantShapeProblem({ role: "teacher", schoolId: null })).toMatchObject({ path: "schoolId" });
    expect(grantShapeProblem({ role: "staff", schoolId: A })).toMatchObject({ path: "staffKind" });
    expect(grantShapeProblem({ role: "staff", schoolId: A, staffKind: "counselor" })).toBeNull();
    expect(grantShapeProblem({ role: "teacher", schoolId: A, staffKind: "aide" }, "roles.0.")).toMatchObject({ path: "roles.0.staffKind" });
    expect(grantShapeProblem({ role: "district_admin", schoolId: null })).toBeNull();
  });
});

describe("managing people", () => {
  it("requires out-ranking every role the person holds, where the actor administers", () => {
    expect(canManagePerson(adminA, person("p", [role("teacher", A)]))).toBe(true);
    expect(canManagePerson(adminA, person("p", [role("teacher", A), role("teacher", B)]))).toBe(false);
    expect(canManagePerson(adminA, person("p", [role("school_admin", A)]))).toBe(false);
    expect(canManagePerson(adminA, person("p", [role("district_admin", null)]))).toBe(false);
    expect(canManagePerson(districtAdmin, person("p", [role("school_admin", B)]))).toBe(true);
    expect(canManagePerson(districtAdmin, person("p", [role("district_admin", null)]))).toBe(false);
  });

  it("never lets anyone manage themselves, and leaves people without roles to district admins", () => {
    expect(canManagePerson(districtAdmin, person("da", [role("district_admin", null)]))).toBe(false);
    expect(canManagePerson(adminA, person("p", []))).toBe(false);
    expect(canManagePerson(districtAdmin, person("p", []))).toBe(true);
  });

  it("gives teachers no management, only password resets for students they teach", () => {
    const student = person("s", [role("student", A)]);
    expect(canManagePerson(teacherA, student)).toBe(false);
    expect(canResetPassword(teacherA, student, true)).toBe(true);
    expect(canResetPassword(teacherA, student, false)).toBe(false);
    expect(canResetPassword(teacherA, person("s", [role("student", A), role("teacher", B)]), true)).toBe(false);
    expect(canResetPassword(adminA, person("sa2", [role("school_admin", A)]), false)).toBe(false);
    expect(canResetPassword(districtAdmin, person("da2", [role("district_admin", null)]), false)).toBe(false);
  });

  it("links children only when the actor manages guardian and student", () => {
    const guardian = person("g", [role("guardian", A)]);
    expect(canLinkChild(adminA, guardian, person("s", [role("student", A)]))).toBe(true);
    expect(canLinkChild(adminA, guardian, person("s", [role("student", B)]))).toBe(false);
    expect(canLinkChild(teacherA, guardian, person("s", [role("student", A)]))).toBe(false);
  });

  it("reports the caller's abilities on a record", () => {
    const guardian = person("g", [role("guardian", A)]);
    expect(personPolicies(adminA, guardian, false)).toEqual({ edit: true, resetPassword: true, grantRoles: true, linkChildren: true });
    expect(personPolicies(teacherA, person("s", [role("student", A)]), true)).toEqual({ edit: false, resetPassword: true, grantRoles: false, linkChildren: false });
    expect(personPolicies(adminA, person("sa", [role("school_admin", A)]), false)).toEqual({ edit: false, resetPassword: false, grantRoles: false, linkChildren: false });
  });
});

describe("seeing people", () => {
  it("lets admins, counselors and interventionists list; not teachers, aides, students or guardians", () => {
    expect([districtAdmin, adminA, counselorA].every(canListPeople)).toBe(true);
    expect([teacherA, aideA, studentA, guardianA].some(canListPeople)).toBe(false);
  });

  it("describes the scope the repository turns into SQL", () => {
    expect(peopleScope(districtAdmin, "list")).toMatchObject({ everyone: true });
    expect(peopleScope(adminA, "list")).toMatchObject({ everyone: false, roleAtSchools: [A], guardiansOfStudentsAt: [A], studentsAt: [], selfId: null });
    expect(peopleScope(counselorA, "list")).toMatchObject({ roleAtSchools: [], studentsAt: [A] });
    expect(peopleScope(guardianA, "read")).toMatchObject({ selfId: "gu", childrenOfGuardian: "gu" });
    expect(peopleScope(teacherA, "read")).toMatchObject({ selfId: "ta", childrenOfGuardian: null, roleAtSchools: [] });
  });

  it("audits reads of a student's record by staff, teachers and admins, not by the student or guardian", () => {
    const student = person("st", [role("student", A)]);
    expect(isAuditedStudentRead(teacherA, student)).toBe(true);
    expect(isAuditedStudentRead(counselorA, student)).toBe(true);
    expect(isAuditedStudentRead(districtAdmin, student)).toBe(true);
    expect(isAuditedStudentRead(guardianA, student)).toBe(false);
    expect(isAuditedStudentRead(studentA, student)).toBe(false);
    expect(isAuditedStudentRead(teacherA, person("t2", [role("teacher", A)]))).toBe(false);
  });
});

describe("school rules", () => {
  it("lets district admins create and edit anything, school admins rename their own school", () => {
    expect(canCreateSchool(districtAdmin)).toBe(true);
    expect(canCreateSchool(adminA)).toBe(false);
    expect(canEditSchool(adminA, A)).toBe(true);
    expect(canEditSchool(adminA, B)).toBe(false);
    expect(schoolUpdateProblem(adminA, A, { name: "New" })).toBeNull();
    expect(schoolUpdateProblem(adminA, A, { status: "inactive" })).toMatch(/district administrator/);
    expect(schoolUpdateProblem(teacherA, A, { name: "New" })).not.toBeNull();
    expect(schoolUpdateProblem(districtAdmin, B, { identifier: "X", status: "inactive" })).toBeNull();
  });
});
