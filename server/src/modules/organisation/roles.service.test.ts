import { afterAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, buildUser } from "../../test/factories.js";
import { getPerson } from "./people.service.js";
import { grantRole, linkChild, revokeRole, unlinkChild } from "./roles.service.js";
import { auditRows, eventRows } from "./test-helpers.js";

const database = () => getTestDatabase().then((d) => d.db);

afterAll(async () => (await getTestDatabase()).close());

describe("granting roles", () => {
  it("lets a district admin make a teacher school admin elsewhere, audited, with an event", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const { data, policies } = await grantRole(db, actorOf(d.districtAdmin), d.teacherA.id, { role: "school_admin", schoolId: d.schoolB.id });
    expect(data.roles.map((r) => [r.role, r.schoolId]).sort()).toEqual([["school_admin", d.schoolB.id], ["teacher", d.schoolA.id]].sort());
    expect(policies.grantRoles).toBe(true);
    const [row] = await auditRows(db, d.district.id, "role.grant");
    expect(row).toMatchObject({ actorId: d.districtAdmin.id, targetId: d.teacherA.id, details: { role: "school_admin", schoolId: d.schoolB.id, staffKind: null } });
    expect(await eventRows(db, d.district.id, "person.updated")).toMatchObject([
      { rooms: [`district:${d.district.id}`, `school:${d.schoolA.id}`, `school:${d.schoolB.id}`], payload: { id: d.teacherA.id } },
    ]);
  });

  it("lets a school admin give staff roles at their school, with a staff kind", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    const { data } = await grantRole(db, admin, d.teacherA.id, { role: "staff", schoolId: d.schoolA.id, staffKind: "interventionist" });
    expect(data.roles).toContainEqual(expect.objectContaining({ role: "staff", staffKind: "interventionist" }));
    await expect(grantRole(db, admin, d.teacherA.id, { role: "guardian", schoolId: d.schoolA.id, staffKind: "aide" })).rejects.toMatchObject({
      statusCode: 400,
      fields: [{ path: "staffKind" }],
    });
    await expect(grantRole(db, admin, d.teacherA.id, { role: "staff", schoolId: d.schoolA.id })).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "staffKind" }] });
    await expect(grantRole(db, admin, d.teacherA.id, { role: "student", schoolId: null })).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "schoolId" }] });
  });

  it("refuses grants beyond reach, at other districts' schools, twice, or to oneself", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    await expect(grantRole(db, admin, d.teacherA.id, { role: "teacher", schoolId: other.schoolA.id })).rejects.toMatchObject({ statusCode: 404, message: "School was not found" });
    await expect(grantRole(db, admin, d.teacherA.id, { role: "school_admin", schoolId: d.schoolA.id })).rejects.toMatchObject({ statusCode: 403 });
    await expect(grantRole(db, admin, d.teacherA.id, { role: "teacher", schoolId: d.schoolB.id })).rejects.toMatchObject({ statusCode: 403 });
    await expect(grantRole(db, admin, d.teacherA.id, { role: "teacher", schoolId: d.schoolA.id })).rejects.toMatchObject({ statusCode: 409, fields: [{ path: "role" }] });
    await expect(grantRole(db, admin, d.schoolAdminA.id, { role: "teacher", schoolId: d.schoolA.id })).rejects.toMatchObject({ statusCode: 403 });
    await expect(grantRole(db, admin, d.teacherB.id, { role: "teacher", schoolId: d.schoolA.id })).rejects.toMatchObject({ statusCode: 404 });
    const da = actorOf(d.districtAdmin);
    await expect(grantRole(db, da, d.teacherA.id, { role: "district_admin", schoolId: null })).rejects.toMatchObject({ statusCode: 403, message: /command line/ });
    await expect(grantRole(db, actorOf(d.teacherA), d.studentA1.id, { role: "guardian", schoolId: d.schoolA.id })).rejects.toMatchObject({ statusCode: 403 });
    expect(await auditRows(db, d.district.id, "role.grant")).toHaveLength(0);
  });
});

describe("revoking roles", () => {
  it("removes a role the actor could give, audited, but never the last one", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    const granted = await grantRole(db, admin, d.teacherA.id, { role: "guardian", schoolId: d.schoolA.id });
    const guardianRole = granted.data.roles.find((r) => r.role === "guardian")!;
    const { data } = await revokeRole(db, admin, d.teacherA.id, guardianRole.id);
    expect(data.roles.map((r) => r.role)).toEqual(["teacher"]);
    expect(await auditRows(db, d.district.id, "role.revoke")).toMatchObject([{ targetId: d.teacherA.id, details: { roleId: guardianRole.id, role: "guardian" } }]);
    await expect(revokeRole(db, admin, d.teacherA.id, data.roles[0]!.id)).rejects.toMatchObject({ statusCode: 400, message: /only role/ });
  });

  it("refuses roles above the actor's, roles of someone else, and one's own", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const peer = await buildUser(db, d.district.id, { name: "Pat", roles: [{ role: "school_admin", schoolId: d.schoolA.id }, { role: "teacher", schoolId: d.schoolA.id }] });
    const admin = actorOf(d.schoolAdminA);
    const peerRoles = (await getPerson(db, admin, peer.id)).data.roles;
    const peerAdminRole = peerRoles.find((r) => r.role === "school_admin")!;
    await expect(revokeRole(db, admin, peer.id, peerAdminRole.id)).rejects.toMatchObject({ statusCode: 403 });
    await expect(revokeRole(db, admin, d.teacherA.id, peerAdminRole.id)).rejects.toMatchObject({ statusCode: 404, message: "Role was not found" });
    const own = (await getPerson(db, actorOf(d.districtAdmin), d.districtAdmin.id)).data.roles[0]!;
    await expect(revokeRole(db, actorOf(d.districtAdmin), d.districtAdmin.id, own.id)).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe("linking guardians and children", () => {
  it("links and unlinks within the actor's reach, audited", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    const { data, policies } = await linkChild(db, admin, d.guardianA1.id, d.studentA2.id);
    expect(data.children.map((c) => c.id).sort()).toEqual([d.studentA1.id, d.studentA2.id].sort());
    expect(policies.linkChildren).toBe(true);
    expect((await getPerson(db, actorOf(d.guardianA1), d.studentA2.id)).data.id).toBe(d.studentA2.id);
    await expect(linkChild(db, admin, d.guardianA1.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 409, fields: [{ path: "studentId" }] });
    const after = await unlinkChild(db, admin, d.guardianA1.id, d.studentA2.id);
    expect(after.data.children.map((c) => c.id)).toEqual([d.studentA1.id]);
    await expect(getPerson(db, actorOf(d.guardianA1), d.studentA2.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(unlinkChild(db, admin, d.guardianA1.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 404 });
    expect(await auditRows(db, d.district.id, "guardian.link")).toMatchObject([{ targetId: d.guardianA1.id, details: { studentId: d.studentA2.id } }]);
    expect(await auditRows(db, d.district.id, "guardian.unlink")).toHaveLength(1);
  });

  it("refuses non-guardians, non-students, people out of reach and other districts", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    await expect(linkChild(db, admin, d.teacherA.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 400, message: /not a guardian/ });
    await expect(linkChild(db, admin, d.guardianA1.id, d.teacherA.id)).rejects.toMatchObject({ statusCode: 400, fields: [{ path: "studentId" }] });
    await expect(linkChild(db, admin, d.guardianA1.id, d.guardianA1.id)).rejects.toMatchObject({ statusCode: 400 });
    await expect(linkChild(db, admin, d.guardianA1.id, d.studentB1.id)).rejects.toMatchObject({ statusCode: 404, message: "Student was not found" });
    await expect(linkChild(db, actorOf(d.teacherA), d.guardianA1.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(linkChild(db, actorOf(d.counselorA), d.studentA1.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 403 });
    await expect(linkChild(db, actorOf(other.districtAdmin), other.guardianA1.id, d.studentA2.id)).rejects.toMatchObject({ statusCode: 404 });
    // A district admin reaches across schools.
    const { data } = await linkChild(db, actorOf(d.districtAdmin), d.guardianA1.id, d.studentB1.id);
    expect(data.children).toHaveLength(2);
  });
});
