import { and, eq } from "drizzle-orm";
import type { TRatingForm, TTaskOverview } from "@stoa/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, groupTasks, peerGroupMarks, peerRatings } from "../../db/schema/index.js";
import { getTestDatabase } from "../../test/db.js";
import { testPassword } from "../../test/factories.js";
import { getTestApp, signIn, type Session } from "../../test/server.js";
import { buildPeerFixture, ratingsFor } from "./test-helpers.js";

type Fixture = Awaited<ReturnType<typeof buildPeerFixture>>;

let ip = 0;
const as = (user: { username: string }) => signIn(user.username, testPassword, `10.44.${Math.floor(++ip / 250)}.${ip % 250}`);

beforeAll(async () => {
  await getTestApp();
});
afterAll(async () => {
  await (await getTestApp()).close();
  await (await getTestDatabase()).close();
});

async function fixture(values?: Parameters<typeof buildPeerFixture>[1]) {
  const { db } = await getTestDatabase();
  return buildPeerFixture(db, values);
}

const otters = (f: Fixture) => [f.studentA1, f.studentA2, f.bea, f.cal];
const otterIds = (f: Fixture) => otters(f).map((u) => u.id);

/** Everyone in Otters rates their three teammates; `low` gets 1s from everyone, the rest 4s. */
async function rateOtters(f: Fixture, low: string) {
  for (const rater of otters(f)) {
    const s = await as(rater);
    const ids = otterIds(f).filter((id) => id !== rater.id);
    const res = await s.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor(ids, (id) => (id === low ? { effort: 1, ideas: 1 } : { effort: 4, ideas: 4 })),
    );
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function overview(s: Session, f: Fixture, query = "") {
  const res = await s.request("GET", `/api/tasks/${f.task.id}/peer/overview${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: TTaskOverview }).data;
}

describe("the rating form", () => {
  it("lists the student's teammates and criteria, and never what others gave them", async () => {
    const f = await fixture();
    const bea = await as(f.bea);
    const comment = "Bea kept us going when the glue failed";
    const ids = otterIds(f).filter((id) => id !== f.bea.id);
    const saved = await bea.request("PUT", `/api/tasks/${f.task.id}/peer/ratings`, {
      ratings: ids.map((rateeId) => ({ rateeId, scores: { effort: 5, ideas: 4 }, comment: rateeId === f.studentA1.id ? comment : "" })),
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const ada = await as(f.studentA1);
    const res = await ada.request("GET", `/api/tasks/${f.task.id}/peer/form`);
    expect(res.statusCode).toBe(200);
    const form = (res.json() as { data: TRatingForm }).data;
    expect(form.window).toBe("open");
    expect(form.group.name).toBe("Otters");
    expect(form.criteria.map((c) => c.key)).toEqual(["effort", "ideas"]);
    expect(form.ratees.map((r) => r.id).sort()).toEqual(
      ids
        .filter((id) => id !== f.studentA1.id)
        .concat(f.bea.id)
        .sort(),
    );
    expect(form.mine).toEqual([]);
    expect(res.body).not.toContain(comment);
    expect(res.body).not.toContain(f.dev.id);
  });

  it("puts the student first when the teacher asks for self-ratings", async () => {
    const f = await fixture({ peerIncludeSelf: true });
    const form = ((await (await as(f.bea)).request("GET", `/api/tasks/${f.task.id}/peer/form`)).json() as { data: TRatingForm }).data;
    expect(form.ratees[0]).toMatchObject({ id: f.bea.id, isSelf: true });
    expect(form.ratees).toHaveLength(4);
  });
});

describe("submitting ratings", () => {
  it("saves a whole group's ratings and replaces them on a second submit", async () => {
    const f = await fixture();
    const s = await as(f.cal);
    const ids = otterIds(f).filter((id) => id !== f.cal.id);
    await s.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor(ids, () => ({ effort: 3, ideas: 3 })),
    );
    const again = await s.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor(ids, () => ({ effort: 5, ideas: 2 })),
    );
    expect(again.statusCode).toBe(200);
    const { db } = await getTestDatabase();
    const rows = await db
      .select()
      .from(peerRatings)
      .where(and(eq(peerRatings.taskId, f.task.id), eq(peerRatings.raterId, f.cal.id)));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.scores.effort === 5 && r.scores.ideas === 2)).toBe(true);
  });

  it("refuses scores outside the scale, missing teammates, strangers and self-ratings not asked for, changing nothing", async () => {
    const f = await fixture();
    const s = await as(f.cal);
    const ids = otterIds(f).filter((id) => id !== f.cal.id);
    const cases: [unknown, number, string][] = [
      [ratingsFor(ids, () => ({ effort: 6, ideas: 3 })), 400, "from 1 to 5"],
      [ratingsFor(ids, () => ({ effort: 0, ideas: 3 })), 400, "from 1 to 5"],
      [{ ratings: ids.map((rateeId) => ({ rateeId, scores: { effort: 2.5, ideas: 3 } })) }, 400, "whole number"],
      [ratingsFor(ids.slice(1), () => ({ effort: 3, ideas: 3 })), 400, "too"],
      [ratingsFor([...ids, f.dev.id], () => ({ effort: 3, ideas: 3 })), 400, "not in your group"],
      [ratingsFor([...ids, f.cal.id], () => ({ effort: 3, ideas: 3 })), 400, "rate yourself"],
      [{ ratings: ids.map((rateeId) => ({ rateeId, scores: { effort: 3 } })) }, 400, "every question"],
    ];
    for (const [payload, status, words] of cases) {
      const res = await s.request("PUT", `/api/tasks/${f.task.id}/peer/ratings`, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.body).toContain(words);
    }
    const { db } = await getTestDatabase();
    expect(await db.select().from(peerRatings).where(eq(peerRatings.taskId, f.task.id))).toEqual([]);
  });

  it("refuses ratings before the window opens and after it closes, keeping the earlier ones", async () => {
    const f = await fixture();
    const s = await as(f.cal);
    const ids = otterIds(f).filter((id) => id !== f.cal.id);
    expect(
      (
        await s.request(
          "PUT",
          `/api/tasks/${f.task.id}/peer/ratings`,
          ratingsFor(ids, () => ({ effort: 4, ideas: 4 })),
        )
      ).statusCode,
    ).toBe(200);
    const { db } = await getTestDatabase();
    await db
      .update(groupTasks)
      .set({ ratingClosesAt: new Date(Date.now() - 1000) })
      .where(eq(groupTasks.id, f.task.id));
    const late = await s.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor(ids, () => ({ effort: 1, ideas: 1 })),
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("Rating closed");
    const rows = await db.select().from(peerRatings).where(eq(peerRatings.raterId, f.cal.id));
    expect(rows.every((r) => r.scores.effort === 4)).toBe(true);

    await db
      .update(groupTasks)
      .set({ ratingOpensAt: new Date(Date.now() + 3600_000), ratingClosesAt: null })
      .where(eq(groupTasks.id, f.task.id));
    const early = await s.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor(ids, () => ({ effort: 1, ideas: 1 })),
    );
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain("Rating opens");
  });

  it("is for group members only: the teacher is refused, a student of another group cannot rate Otters", async () => {
    const f = await fixture();
    const ids = otterIds(f);
    const teacher = await as(f.teacherA);
    expect(
      (
        await teacher.request(
          "PUT",
          `/api/tasks/${f.task.id}/peer/ratings`,
          ratingsFor(ids, () => ({ effort: 3, ideas: 3 })),
        )
      ).statusCode,
    ).toBe(403);
    const dev = await as(f.dev);
    const res = await dev.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor(ids, () => ({ effort: 3, ideas: 3 })),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("not in your group");
  });
});

describe("marks", () => {
  it("computes WebPA marks once the group mark is in, shows the factors, and flags the member rated far below", async () => {
    const f = await fixture();
    await rateOtters(f, f.cal.id);
    const teacher = await as(f.teacherA);
    const before = await overview(teacher, f);
    const group = before.groups.find((g) => g.summary.group.id === f.otters.id);
    expect(group?.groupMark).toBeNull();
    expect(group?.marks.every((m) => m.computedMark === null)).toBe(true);
    expect(group?.raters).toBe(4);

    const set = await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 60 });
    expect(set.statusCode, set.body).toBe(200);
    const after = await overview(teacher, f);
    const g = after.groups.find((x) => x.summary.group.id === f.otters.id);
    const byUser = new Map(g?.marks.map((m) => [m.user.id, m]));
    // Each rater hands out 1: Cal gets 2/18 from the three who gave him 1s (of 4+4+1 = 9 per criterion) ...
    // Cal: 3 x (1/9) = 0.333 -> 60 x 0.5 x 0.333 + 30 = 40; Ada, Ali, Bea: 2 x 4/9 + 1/3 = 1.222 -> 48.33 ... + 30 = 66.7.
    expect(byUser.get(f.cal.id)).toMatchObject({ factor: 0.33, computedMark: 40, finalMark: 40, ratingsReceived: 3 });
    expect(byUser.get(f.bea.id)).toMatchObject({ factor: 1.22, computedMark: 66.7 });
    // Cal also gave his three teammates the very same 4s.
    expect(g?.flags.map((x) => `${x.kind}:${x.user.id}`)).toEqual([`ratedFarBelow:${f.cal.id}`, `sameForEveryone:${f.cal.id}`]);
    expect(g?.ratings).toHaveLength(12);
    // Progress comes from the tasks module's summaries.
    expect(g?.summary.members).toHaveLength(4);
    expect(g?.summary).toMatchObject({ charterAgreed: false, cards: { todo: 0, doing: 0, done: 0 }, submission: { submittedAt: null } });

    const { db } = await getTestDatabase();
    const [stored] = await db.select().from(peerGroupMarks).where(eq(peerGroupMarks.taskId, f.task.id));
    expect(stored?.mark).toBe("60.00");
    const logged = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "peer.groupMark.set"), eq(auditLog.targetId, f.otters.id)));
    expect(logged).toHaveLength(1);
  });

  it("refuses a group mark outside 0-100 or with three decimals, changing nothing", async () => {
    const f = await fixture();
    const teacher = await as(f.teacherA);
    for (const mark of [-1, 100.5, 60.125, "sixty"]) {
      const res = await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark });
      expect(res.statusCode, String(mark)).toBe(400);
    }
    const { db } = await getTestDatabase();
    expect(await db.select().from(peerGroupMarks).where(eq(peerGroupMarks.taskId, f.task.id))).toEqual([]);
    const student = await as(f.studentA1);
    expect((await student.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 100 })).statusCode).toBe(403);
  });

  it("gives everyone G when nobody rated, and takes the penalty off the one who did not rate", async () => {
    const f = await fixture({ penaltyKind: "points", penaltyAmount: "5" });
    const teacher = await as(f.teacherA);
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.herons.id}/mark`, { mark: 72.5 });
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 80 });
    // Only Ada rates (everyone 4): scores 4/3 x 1 ... the others' marks rise, Ada's own falls; the three who did not rate lose 5.
    const ada = await as(f.studentA1);
    await ada.request(
      "PUT",
      `/api/tasks/${f.task.id}/peer/ratings`,
      ratingsFor([f.studentA2.id, f.bea.id, f.cal.id], () => ({ effort: 4, ideas: 4 })),
    );
    const o = await overview(teacher, f);
    const herons = o.groups.find((g) => g.summary.group.id === f.herons.id);
    expect(herons?.marks.map((m) => m.finalMark)).toEqual([72.5, 72.5]);
    const ottersMarks = new Map(o.groups.find((g) => g.summary.group.id === f.otters.id)?.marks.map((m) => [m.user.id, m]));
    // S = 4 x (1/3) / 1 = 1.333 for the three rated, 0 for Ada; marks 0.5 x 80 x 1.333 + 40 = 93.3, and 40 for Ada.
    expect(ottersMarks.get(f.studentA1.id)).toMatchObject({ computedMark: 40, submitted: true, penaltyApplied: 0 });
    expect(ottersMarks.get(f.bea.id)).toMatchObject({ computedMark: 88.3, submitted: false, penaltyApplied: 5 });
  });

  it("lets the teacher override one mark with a reason (audited) and remove the override", async () => {
    const f = await fixture();
    const teacher = await as(f.teacherA);
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 70 });
    const noReason = await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/overrides/${f.cal.id}`, { mark: 85, reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("Say why");
    const outsider = await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/overrides/${f.teacherB.id}`, {
      mark: 85,
      reason: "Not in the set",
    });
    expect(outsider.statusCode).toBe(404);
    const ok = await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/overrides/${f.cal.id}`, {
      mark: 85,
      reason: "Absent for the rating; did the model",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const cal = (await overview(teacher, f)).groups.flatMap((g) => g.marks).find((m) => m.user.id === f.cal.id);
    expect(cal).toMatchObject({ computedMark: 70, finalMark: 85, override: { mark: 85, reason: "Absent for the rating; did the model" } });
    const { db } = await getTestDatabase();
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "peer.mark.override"), eq(auditLog.targetId, f.cal.id))),
    ).toHaveLength(1);

    expect((await teacher.request("DELETE", `/api/tasks/${f.task.id}/peer/overrides/${f.cal.id}`)).statusCode).toBe(204);
    const cleared = (await overview(teacher, f)).groups.flatMap((g) => g.marks).find((m) => m.user.id === f.cal.id);
    expect(cleared).toMatchObject({ override: null, finalMark: 70 });
    expect((await teacher.request("DELETE", `/api/tasks/${f.task.id}/peer/overrides/${f.cal.id}`)).statusCode).toBe(404);
  });

  it("uses CATME factors when the task says so, with the 1.0 rule unless raw is asked for", async () => {
    const f = await fixture({ peerMethod: "catme" });
    // CATME criteria come from the task (effort, ideas); Cal gets 1s, the rest 4s.
    await rateOtters(f, f.cal.id);
    const teacher = await as(f.teacherA);
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 80 });
    const shown = new Map(
      (await overview(teacher, f)).groups.find((g) => g.summary.group.id === f.otters.id)?.marks.map((m) => [m.user.id, m]),
    );
    // Means received: Ada, Ali, Bea 4; Cal 1; mean of means 3.25. AF 1.23 (shown as 1.0) and 0.31.
    expect(shown.get(f.bea.id)).toMatchObject({ factor: 1, rawFactor: 1.23, computedMark: 80 });
    expect(shown.get(f.cal.id)).toMatchObject({ factor: 0.31, rawFactor: 0.31, computedMark: 24.6 });
    const raw = new Map(
      (await overview(teacher, f, "?raw=true")).groups.find((g) => g.summary.group.id === f.otters.id)?.marks.map((m) => [m.user.id, m]),
    );
    expect(raw.get(f.bea.id)).toMatchObject({ factor: 1.05, computedMark: 84 });
    expect(raw.get(f.cal.id)).toMatchObject({ factor: 0.31, computedMark: 24.6 });
  });
});

describe("a task marked individually", () => {
  it("has no peer assessment: no form, no ratings, no group mark", async () => {
    const f = await fixture({ markingScheme: "individual" });
    const bea = await as(f.bea);
    const form = await bea.request("GET", `/api/tasks/${f.task.id}/peer/form`);
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain("marked individually");
    const ids = otterIds(f).filter((id) => id !== f.bea.id);
    expect(
      (
        await bea.request(
          "PUT",
          `/api/tasks/${f.task.id}/peer/ratings`,
          ratingsFor(ids, () => ({ effort: 3, ideas: 3 })),
        )
      ).statusCode,
    ).toBe(409);
    const teacher = await as(f.teacherA);
    expect((await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 70 })).statusCode).toBe(409);
  });
});

describe("CSV export", () => {
  it("exports one row per student and neutralises cells that a spreadsheet would run as formulas", async () => {
    const f = await fixture();
    const teacher = await as(f.teacherA);
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`, { mark: 64.5 });
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/overrides/${f.cal.id}`, { mark: 70, reason: '=HYPERLINK("http://evil")' });
    await teacher.request("PUT", `/api/tasks/${f.task.id}/peer/overrides/${f.bea.id}`, { mark: 71, reason: "@SUM(1+1)" });
    const res = await teacher.request("GET", `/api/tasks/${f.task.id}/peer/marks.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("marks-Bridge-project.csv");
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "Group,Student,Group mark,Factor,Raw factor,Computed mark,Penalty,Override,Override reason,Final mark,Rated teammates,Ratings received,Flags",
    );
    expect(lines).toHaveLength(7);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).toContain("'@SUM(1+1)");
    expect(res.body).not.toMatch(/,=|,@/);
    const student = await as(f.studentA1);
    expect((await student.request("GET", `/api/tasks/${f.task.id}/peer/marks.csv`)).statusCode).toBe(404);
  });
});

describe("who may do what on a real task", () => {
  it("answers each role as the matrix would", async () => {
    const f = await fixture();
    const people = {
      districtAdmin: f.districtAdmin,
      schoolAdmin: f.schoolAdminA,
      teacher: f.teacherA,
      staff: f.counselorA,
      student: f.studentA1,
      guardian: f.guardianA1,
      otherSchoolTeacher: f.teacherB,
    };
    const routes: [string, "GET" | "PUT", string, unknown, Record<keyof typeof people, number>][] = [
      [
        "form",
        "GET",
        `/api/tasks/${f.task.id}/peer/form`,
        undefined,
        { districtAdmin: 404, schoolAdmin: 404, teacher: 404, staff: 404, student: 200, guardian: 404, otherSchoolTeacher: 404 },
      ],
      [
        "overview",
        "GET",
        `/api/tasks/${f.task.id}/peer/overview`,
        undefined,
        { districtAdmin: 404, schoolAdmin: 404, teacher: 200, staff: 404, student: 404, guardian: 404, otherSchoolTeacher: 404 },
      ],
      [
        "csv",
        "GET",
        `/api/tasks/${f.task.id}/peer/marks.csv`,
        undefined,
        { districtAdmin: 404, schoolAdmin: 404, teacher: 200, staff: 404, student: 404, guardian: 404, otherSchoolTeacher: 404 },
      ],
      [
        "mark",
        "PUT",
        `/api/tasks/${f.task.id}/peer/groups/${f.otters.id}/mark`,
        { mark: 50 },
        { districtAdmin: 404, schoolAdmin: 404, teacher: 200, staff: 404, student: 403, guardian: 404, otherSchoolTeacher: 404 },
      ],
      [
        "override",
        "PUT",
        `/api/tasks/${f.task.id}/peer/overrides/${f.cal.id}`,
        { mark: 50, reason: "Matrix" },
        { districtAdmin: 404, schoolAdmin: 404, teacher: 200, staff: 404, student: 403, guardian: 404, otherSchoolTeacher: 404 },
      ],
    ];
    for (const [name, method, url, payload, expected] of routes) {
      const answers: Record<string, number> = {};
      for (const [who, user] of Object.entries(people)) answers[who] = (await (await as(user)).request(method, url, payload)).statusCode;
      expect(answers, name).toEqual(expected);
    }
  });
});
