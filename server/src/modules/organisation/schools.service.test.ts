import { afterAll, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict } from "../../test/factories.js";
import { createSchool, getSchool, listSchools, updateSchool } from "./schools.service.js";
import { auditRows, eventRows } from "./test-helpers.js";

const database = () => getTestDatabase().then((d) => d.db);

describe("schools service", () => {
  afterAll(async () => (await getTestDatabase()).close());

  it("shows every signed-in person the district's schools, never another district's", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    for (const user of [d.districtAdmin, d.teacherA, d.studentB1, d.guardianA1]) {
      const { data, policies } = await listSchools(db, actorOf(user));
      expect(data.map((s) => s.id).sort()).toEqual([d.schoolA.id, d.schoolB.id].sort());
      expect(policies.create).toBe(user === d.districtAdmin);
    }
    await expect(getSchool(db, actorOf(d.teacherA), other.schoolA.id)).rejects.toMatchObject({ statusCode: 404, message: "School was not found" });
    expect((await getSchool(db, actorOf(d.schoolAdminA), d.schoolA.id)).policies).toEqual({ edit: true, editIdentifierAndStatus: false });
  });

  it("lets only a district admin add a school, with an audit row and an event", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    await expect(createSchool(db, actorOf(d.schoolAdminA), { name: "New", timeZone: "UTC" })).rejects.toMatchObject({ statusCode: 403 });
    const { data } = await createSchool(db, actorOf(d.districtAdmin), { name: "Carver School", timeZone: "Europe/Paris", identifier: "C-1" });
    expect(data).toMatchObject({ name: "Carver School", timeZone: "Europe/Paris", identifier: "C-1", status: "active" });
    expect(await auditRows(db, d.district.id, "school.create")).toMatchObject([{ actorId: d.districtAdmin.id, targetId: data.id }]);
    expect(await eventRows(db, d.district.id, "school.created")).toMatchObject([{ rooms: [`district:${d.district.id}`], payload: { id: data.id } }]);
  });

  it("lets a school admin rename their own school but not change its status or another school", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const admin = actorOf(d.schoolAdminA);
    const { data } = await updateSchool(db, admin, d.schoolA.id, { name: "Adams Middle" });
    expect(data).toMatchObject({ name: "Adams Middle", timeZone: d.schoolA.timeZone });
    expect(await auditRows(db, d.district.id, "school.update")).toMatchObject([{ targetId: d.schoolA.id, details: { changes: { name: "Adams Middle" } } }]);
    await expect(updateSchool(db, admin, d.schoolA.id, { status: "inactive" })).rejects.toMatchObject({ statusCode: 403, message: /district administrator/ });
    await expect(updateSchool(db, admin, d.schoolB.id, { name: "Mine now" })).rejects.toMatchObject({ statusCode: 403 });
    await expect(updateSchool(db, actorOf(d.teacherA), d.schoolA.id, { name: "Ours" })).rejects.toMatchObject({ statusCode: 403 });
  });

  it("lets a district admin change anything in their district and nothing elsewhere", async () => {
    const db = await database();
    const d = await buildDistrict(db);
    const other = await buildDistrict(db);
    const { data } = await updateSchool(db, actorOf(d.districtAdmin), d.schoolB.id, { status: "inactive", identifier: "B-7", timeZone: "Asia/Tokyo" });
    expect(data).toMatchObject({ status: "inactive", identifier: "B-7", timeZone: "Asia/Tokyo" });
    await expect(updateSchool(db, actorOf(d.districtAdmin), other.schoolA.id, { name: "Taken" })).rejects.toMatchObject({ statusCode: 404 });
  });
});
