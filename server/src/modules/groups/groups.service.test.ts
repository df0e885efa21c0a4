import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { ZGroupSetCreate, type TGroupSetCreate } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { auditLog, demographics, districts } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { actorOf, buildDistrict, type TestDistrict, type TestUser } from "../../test/factories.js";
import * as attributes from "./attributes.service.js";
import * as sets from "./groups.service.js";
import { getGroupForActor } from "./membership.js";
import * as signup from "./signup.service.js";
import { fillClassA } from "./test-helpers.js";

let db: Db;
let d: TestDistrict;
let students: TestUser[];
const teacher = () => actorOf(d.teacherA);
const create = (input: TGroupSetCreate, actor = teacher(), classId = d.classA.id) =>
  sets.createSet(db, actor, classId, ZGroupSetCreate.parse(input));

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  d = await buildDistrict(db);
  students = await fillClassA(db, d, 10); // 12 students in class A
});
afterAll(async () => (await getTestDatabase()).close());

describe("creating sets", () => {
  it("forms a random set reproducibly from its seed, everyone placed once", async () => {
    const a = await create({ name: "Random A", strategy: "random", groupSize: 4, seed: 7 });
    const b = await create({ name: "Random B", strategy: "random", groupSize: 4, seed: 7 });
    expect(a.data.groups).toHaveLength(3);
    const ids = (s: typeof a) => s.data.groups.map((g) => g.members.map((m) => m.userId).sort());
    expect(ids(a)).toEqual(ids(b));
    expect(
      a.data.groups
        .flatMap((g) => g.members)
        .map((m) => m.userId)
        .sort(),
    ).toEqual(students.map((s) => s.id).sort());
    expect(a.data.unassigned).toEqual([]);
    expect(a.data.published).toBe(false);
  });

  it("refuses a group size larger than the class, a criterion with no data, and changes nothing", async () => {
    const before = (await sets.listSets(db, teacher(), d.classA.id)).length;
    await expect(create({ name: "Too big", strategy: "random", groupSize: 13 })).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("larger than the class (12 students)"),
    });
    await expect(
      create({ name: "No data", strategy: "criteria", groupSize: 3, criteria: [{ attribute: "attr:reading", mode: "mix", weight: 1 }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("Nobody in this class has a value"),
    });
    await expect(
      create({ name: "Outsider", strategy: "random", groupSize: 3, keepApart: [[d.studentA1.id, d.studentB1.id]] }),
    ).rejects.toMatchObject({ statusCode: 400 });
    expect((await sets.listSets(db, teacher(), d.classA.id)).length).toBe(before);
  });

  it("forms by criteria from pasted scores and shows per-criterion scores with the set's minimum and mean", async () => {
    const csv = ["student,score,level", ...students.map((s, i) => `${s.username},${40 + i * 5},${["A", "B", "C"][i % 3]}`)].join("\n");
    await attributes.importAttributeCsv(db, teacher(), d.classA.id, { csv });
    const set = await create({
      name: "Mixed ability",
      strategy: "criteria",
      groupSize: 3,
      seed: 11,
      criteria: [
        { attribute: "attr:score", mode: "mix", weight: 2 },
        { attribute: "attr:level", mode: "mix", weight: 1 },
      ],
      keepApart: [[d.studentA1.id, d.studentA2.id]],
    });
    expect(set.data.groups).toHaveLength(4);
    expect(set.data.criterionLabels).toMatchObject({ "attr:score": "score", "attr:level": "level" });
    const groupOf = (id: string) => set.data.groups.findIndex((g) => g.members.some((m) => m.userId === id));
    expect(set.data.scores).not.toBeNull();
    expect(set.data.scores!.minimum).toBeLessThanOrEqual(set.data.scores!.mean);
    expect(Object.keys(set.data.groups[0]!.score!.criteria)).toEqual(expect.arrayContaining(["attr:score", "attr:level"]));
    expect(groupOf(d.studentA1.id)).not.toBe(groupOf(d.studentA2.id));
    // A move by hand rescores: the two groups touched change their scores, the set's minimum follows.
    const [g0, g1] = set.data.groups;
    const moved = await sets.moveMember(db, teacher(), set.data.id, {
      version: set.data.version,
      userId: g0!.members[0]!.userId,
      toGroupId: g1!.id,
    });
    expect(moved.data.groups[0]!.members).toHaveLength(2);
    expect(moved.data.groups[1]!.score).not.toEqual(g1!.score);
    expect(moved.data.scores!.minimum).toBe(Math.min(...moved.data.groups.map((g) => g.score!.total)));
  });

  it("reads demographics only for teachers, and audits the read", async () => {
    await db.update(districts).set({ importDemographics: true }).where(eq(districts.id, d.district.id));
    for (const [i, s] of students.entries()) {
      await db
        .insert(demographics)
        .values({ userId: s.id, districtId: d.district.id, sex: i % 2 ? "female" : "male", data: { ell: i % 4 === 0 ? "yes" : "no" } });
    }
    const catalogue = await attributes.listCatalogue(db, teacher(), d.classA.id);
    expect(catalogue.map((c) => c.key)).toEqual(expect.arrayContaining(["attr:score", "demo:ell", "demo:sex"]));
    expect((await attributes.listCatalogue(db, actorOf(d.schoolAdminA), d.classA.id)).some((c) => c.source === "demo")).toBe(false);
    const set = await create({
      name: "Balanced",
      strategy: "criteria",
      groupCount: 3,
      criteria: [{ attribute: "demo:ell", mode: "dontIsolate", weight: 1 }],
    });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, d.teacherA.id), eq(auditLog.action, "groups.demographics.read")));
    expect(audits.length).toBeGreaterThan(0);
    expect(set.data.groups).toHaveLength(3);
  });
});

describe("editing on the board", () => {
  it("moves a student, bumps the version, and refuses a stale version with 409", async () => {
    const set = await create({ name: "Board", strategy: "random", groupCount: 3, seed: 3 });
    const from = set.data.groups[0]!;
    const to = set.data.groups[1]!;
    const mover = from.members[0]!.userId;
    const moved = await sets.moveMember(db, teacher(), set.data.id, { version: set.data.version, userId: mover, toGroupId: to.id });
    expect(moved.data.version).toBe(set.data.version + 1);
    expect(moved.data.groups[1]!.members.map((m) => m.userId)).toContain(mover);
    await expect(
      sets.moveMember(db, teacher(), set.data.id, { version: set.data.version, userId: mover, toGroupId: from.id }),
    ).rejects.toMatchObject({
      statusCode: 409,
      message: expect.stringContaining("Reload"),
    });
    const out = await sets.moveMember(db, teacher(), set.data.id, { version: moved.data.version, userId: mover, toGroupId: null });
    expect(out.data.unassigned.map((u) => u.userId)).toEqual([mover]);
  });

  it("keeps locked members where they are when formation re-runs", async () => {
    const set = await create({ name: "Locks", strategy: "random", groupCount: 4, seed: 5 });
    const target = set.data.groups[2]!;
    const who = target.members[0]!.userId;
    const locked = await sets.lockMember(db, teacher(), set.data.id, { version: set.data.version, userId: who, locked: true });
    for (const seed of [1, 2, 3]) {
      const current = await sets.getSet(db, teacher(), set.data.id);
      const again = await sets.rerun(db, teacher(), set.data.id, { version: current.data.version, seed });
      const group = again.data.groups.find((g) => g.id === target.id)!;
      expect(group.members.find((m) => m.userId === who)?.locked).toBe(true);
    }
    expect(locked.data.groups[2]!.members.find((m) => m.userId === who)?.locked).toBe(true);
  });

  it("lets only the class's teachers change a set; school admins read; others get 404", async () => {
    const set = await create({ name: "Policy", strategy: "random", groupCount: 2, seed: 1 });
    await expect(sets.getSet(db, actorOf(d.schoolAdminA), set.data.id)).resolves.toMatchObject({ policies: { manage: false } });
    await expect(sets.publish(db, actorOf(d.schoolAdminA), set.data.id, set.data.version, true)).rejects.toMatchObject({ statusCode: 403 });
    for (const outsider of [d.teacherB, d.counselorA, d.guardianA1, d.studentA1]) {
      await expect(sets.getSet(db, actorOf(outsider), set.data.id)).rejects.toMatchObject({ statusCode: 404 });
    }
  });
});

describe("archive and delete", () => {
  it("archives (hidden from students) and deletes a set", async () => {
    const set = await create({ name: "Old teams", strategy: "random", groupCount: 2, seed: 2 });
    const shared = await sets.publish(db, teacher(), set.data.id, set.data.version, true);
    const archived = await sets.updateSet(db, teacher(), set.data.id, { version: shared.data.version, archived: true });
    expect(archived.data.archived).toBe(true);
    expect((await signup.listMyGroups(db, actorOf(d.studentA1))).some((g) => g.set.id === set.data.id)).toBe(false);
    await sets.deleteSet(db, teacher(), set.data.id);
    await expect(sets.getSet(db, teacher(), set.data.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe("what students see", () => {
  it("shows a student nothing before publishing, then only their own group with names", async () => {
    const set = await create({ name: "Project teams", strategy: "random", groupCount: 4, seed: 9 });
    const me = actorOf(d.studentA1);
    expect((await signup.listMyGroups(db, me)).some((g) => g.set.id === set.data.id)).toBe(false);
    expect((await sets.listSets(db, me, d.classA.id)).some((s) => s.id === set.data.id)).toBe(false);
    const mine = set.data.groups.find((g) => g.members.some((m) => m.userId === d.studentA1.id))!;
    const other = set.data.groups.find((g) => g !== mine)!;
    expect(await getGroupForActor(db, me, mine.id)).toBeNull();
    await sets.publish(db, teacher(), set.data.id, set.data.version, true);
    const listed = (await signup.listMyGroups(db, me)).find((g) => g.set.id === set.data.id)!;
    expect(listed.group?.id).toBe(mine.id);
    expect(listed.group?.members.map((m) => m.userId).sort()).toEqual(mine.members.map((m) => m.userId).sort());
    expect(await getGroupForActor(db, me, mine.id)).toMatchObject({ isMember: true, isTeacher: false, relation: "student" });
    expect(await getGroupForActor(db, me, other.id)).toBeNull();
    expect(await getGroupForActor(db, teacher(), other.id)).toMatchObject({ isTeacher: true, isMember: false });
    expect(await getGroupForActor(db, actorOf(d.teacherB), other.id)).toBeNull();
  });
});

describe("self-signup", () => {
  it("gives the last seat to exactly one of many concurrent joins", async () => {
    const set = await create({ name: "Sign-up", strategy: "selfSignup", groupCount: 2, capacity: 3 });
    await sets.publish(db, teacher(), set.data.id, set.data.version, true);
    const group = set.data.groups[0]!;
    await signup.join(db, actorOf(students[0]!), set.data.id, group.id);
    await signup.join(db, actorOf(students[1]!), set.data.id, group.id);
    const racers = students.slice(2, 10);
    const results = await Promise.allSettled(racers.map((s) => signup.join(db, actorOf(s), set.data.id, group.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.statusCode === 409)).toBe(true);
    const view = await signup.getSignup(db, actorOf(students[0]!), set.data.id);
    expect(view.groups[0]).toMatchObject({ capacity: 3, seatsLeft: 0 });
    expect(view.myGroupId).toBe(group.id);
    // A student who tries a full group stays in the group they had.
    const other = set.data.groups[1]!;
    const loser = racers.find((_, i) => results[i]!.status === "rejected")!;
    await signup.join(db, actorOf(loser), set.data.id, other.id);
    await expect(signup.join(db, actorOf(loser), set.data.id, group.id)).rejects.toMatchObject({ statusCode: 409 });
    expect((await signup.getSignup(db, actorOf(loser), set.data.id)).myGroupId).toBe(other.id);
  });

  it("refuses joining outside the window and hides unpublished sets", async () => {
    const set = await create({ name: "Later", strategy: "selfSignup", groupCount: 2, capacity: 6, opensAt: "2099-01-01T08:00:00Z" });
    await expect(signup.getSignup(db, actorOf(students[0]!), set.data.id)).rejects.toMatchObject({ statusCode: 404 });
    await sets.publish(db, teacher(), set.data.id, set.data.version, true);
    await expect(signup.join(db, actorOf(students[0]!), set.data.id, set.data.groups[0]!.id)).rejects.toMatchObject({
      statusCode: 409,
      message: "Sign-up has not opened yet",
    });
  });
});

describe("attributes and survey", () => {
  it("validates a pasted CSV whole: one bad row and nothing is saved", async () => {
    const before = await attributes.getAttributeTable(db, teacher(), d.classA.id);
    const csv = `student,maths\n${students[0]!.username},12\nnobody-here,3\n${students[1]!.username},@SUM(A1)`;
    await expect(attributes.importAttributeCsv(db, teacher(), d.classA.id, { csv })).rejects.toMatchObject({
      statusCode: 400,
      fields: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining("Line 3") })]),
    });
    expect(await attributes.getAttributeTable(db, teacher(), d.classA.id)).toEqual(before);
  });

  it("lets students answer an open survey with offered choices only, and the answers become attributes", async () => {
    await attributes.saveSurvey(db, teacher(), d.classA.id, {
      open: true,
      interests: ["robots", "music", "sport"],
      slots: ["mon-afternoon", "tue-lunch"],
      maxPartners: 1,
    });
    const me = actorOf(d.studentA1);
    await expect(attributes.answerSurvey(db, me, d.classA.id, { interests: ["cooking"] })).rejects.toMatchObject({ statusCode: 400 });
    await expect(attributes.answerSurvey(db, me, d.classA.id, { partners: [d.studentB1.id] })).rejects.toMatchObject({ statusCode: 400 });
    const saved = await attributes.answerSurvey(db, me, d.classA.id, {
      interests: ["robots"],
      freeTimes: ["mon-afternoon"],
      partners: [d.studentA2.id],
    });
    expect(saved.answer).toMatchObject({ interests: ["robots"], partners: [d.studentA2.id] });
    await expect(attributes.getSurvey(db, me, d.classA.id)).rejects.toMatchObject({ statusCode: 404 });
    const catalogue = await attributes.listCatalogue(db, teacher(), d.classA.id);
    expect(catalogue.find((c) => c.key === "survey:interests")).toMatchObject({ kind: "set", withData: 1 });
    await attributes.saveSurvey(db, teacher(), d.classA.id, { open: false, interests: ["robots"], slots: [], maxPartners: 1 });
    await expect(attributes.answerSurvey(db, me, d.classA.id, { interests: ["robots"] })).rejects.toMatchObject({ statusCode: 409 });
  });
});
