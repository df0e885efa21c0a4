import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  catmeMarks,
  catmeRawFactors,
  ratingFlags,
  roundFactor,
  roundMark,
  webpaMarks,
  webpaScores,
  type Rating,
} from "./peer-assessment.js";

const members = ["m1", "m2", "m3", "m4", "m5"];

/** Splits a total into four criterion scores on a 1-5 scale (e.g. 11 -> 3, 3, 3, 2), so the fixture reads as totals. */
const fourCriteria = (t: number): Record<string, number> => {
  const base = Math.floor(t / 4);
  const extra = t % 4;
  return Object.fromEntries(["effort", "ideas", "listening", "reliability"].map((k, i) => [k, base + (i < extra ? 1 : 0)]));
};

/**
 * The spec's worked example, built from the formula: five members, everyone rates everyone (self
 * included) on four criteria scored 1-5. Row = rater, column = ratee, cell = that rater's total.
 */
const workedTotals = [
  [11, 20, 7, 8, 4],
  [11, 20, 19, 10, 5],
  [16, 20, 20, 20, 10],
  [14, 13, 20, 15, 5],
  [20, 20, 9, 5, 4],
];
const workedRatings: Rating[] = workedTotals.flatMap((row, i) =>
  row.map((t, j) => ({ raterId: members[i] ?? "", rateeId: members[j] ?? "", scores: fourCriteria(t) })),
);

describe("WebPA", () => {
  it("reproduces the spec's worked example: scores 1.13 1.48 1.12 0.86 0.42, G = 60, w = 50% -> 63.9 74.4 63.6 55.7 42.5", () => {
    for (const r of workedRatings) for (const v of Object.values(r.scores)) expect(v >= 1 && v <= 5).toBe(true);
    const scores = webpaScores(members, workedRatings, true);
    expect(members.map((m) => roundFactor(scores.get(m) ?? 0))).toEqual([1.13, 1.48, 1.12, 0.86, 0.42]);
    const marks = webpaMarks({ memberIds: members, ratings: workedRatings, includeSelf: true, groupMark: 60, weight: 0.5 });
    expect(marks.map((m) => roundMark(m.mark))).toEqual([63.9, 74.4, 63.6, 55.7, 42.5]);
    expect(marks.every((m) => m.submitted && m.penaltyApplied === 0)).toBe(true);
  });

  it("scales by n / n_submitted and penalises the member who did not rate", () => {
    // m3 rates nobody; the other two rate their two teammates.
    const ratings: Rating[] = [
      { raterId: "a", rateeId: "b", scores: { x: 3 } },
      { raterId: "a", rateeId: "c", scores: { x: 1 } },
      { raterId: "b", rateeId: "a", scores: { x: 2 } },
      { raterId: "b", rateeId: "c", scores: { x: 2 } },
    ];
    const ids = ["a", "b", "c"];
    const scores = webpaScores(ids, ratings, false);
    // a: 0.5 from b; b: 0.75 from a; c: 0.25 + 0.5; times 3 / 2.
    expect(scores.get("a")).toBeCloseTo(0.75, 10);
    expect(scores.get("b")).toBeCloseTo(1.125, 10);
    expect(scores.get("c")).toBeCloseTo(1.125, 10);
    const marks = webpaMarks({
      memberIds: ids,
      ratings,
      includeSelf: false,
      groupMark: 80,
      weight: 1,
      nonSubmitterPenalty: { kind: "percent", amount: 10 },
    });
    expect(marks.map((m) => roundMark(m.mark))).toEqual([60, 90, 81]);
    expect(marks[2]).toMatchObject({ submitted: false, markBeforePenalty: 90 });
    expect(marks[2]?.penaltyApplied).toBeCloseTo(9, 10);
    const points = webpaMarks({
      memberIds: ids,
      ratings,
      includeSelf: false,
      groupMark: 80,
      weight: 1,
      nonSubmitterPenalty: { kind: "points", amount: 5 },
    });
    expect(points.map((m) => roundMark(m.mark))).toEqual([60, 90, 85]);
  });

  it("ignores self-ratings unless the teacher includes them, and ratings from outside the group", () => {
    const ratings: Rating[] = [
      { raterId: "a", rateeId: "a", scores: { x: 5 } },
      { raterId: "a", rateeId: "b", scores: { x: 1 } },
      { raterId: "b", rateeId: "a", scores: { x: 1 } },
      { raterId: "stranger", rateeId: "b", scores: { x: 5 } },
    ];
    const without = webpaScores(["a", "b"], ratings, false);
    expect(without.get("a")).toBeCloseTo(1, 10);
    expect(without.get("b")).toBeCloseTo(1, 10);
    const withSelf = webpaScores(["a", "b"], ratings, true);
    expect(withSelf.get("a")).toBeCloseTo((5 / 6 + 1) * 1, 10);
    expect(withSelf.get("b")).toBeCloseTo(1 / 6, 10);
  });
});

/**
 * A CATME-style example built by hand: four members rate their teammates on the five CATME
 * dimensions, giving the same score on every dimension. Means received (without self):
 * A 13/3, B 4, C 13/3, D 7/3; mean of means 3.75; AF = 1.156, 1.067, 1.156, 0.622.
 */
const catmeIds = ["A", "B", "C", "D"];
const dims = (v: number) => ({ contributing: v, interacting: v, keepingOnTrack: v, expectingQuality: v, knowledge: v });
const peerGrid: [string, string, number][] = [
  ["A", "B", 4], ["A", "C", 4], ["A", "D", 2],
  ["B", "A", 4], ["B", "C", 5], ["B", "D", 2],
  ["C", "A", 5], ["C", "B", 4], ["C", "D", 3],
  ["D", "A", 4], ["D", "B", 4], ["D", "C", 4],
]; // prettier-ignore
const catmeRatings: Rating[] = peerGrid.map(([raterId, rateeId, v]) => ({ raterId, rateeId, scores: dims(v) }));
const selfRatings: Rating[] = [
  ["A", 5],
  ["B", 5],
  ["C", 4],
  ["D", 5],
].map(([id, v]) => ({ raterId: String(id), rateeId: String(id), scores: dims(Number(v)) }));

describe("CATME adjustment factor", () => {
  it("computes raw factors without self, caps them at 1.05 when raw, and shows 1.0 above 0.95 otherwise", () => {
    const raw = catmeRawFactors(catmeIds, [...catmeRatings, ...selfRatings], false);
    expect(catmeIds.map((id) => roundFactor(raw.get(id) ?? 0))).toEqual([1.16, 1.07, 1.16, 0.62]);
    const shown = catmeMarks({ memberIds: catmeIds, ratings: catmeRatings, includeSelf: false, groupMark: 80 });
    expect(shown.map((m) => m.factor)).toEqual([1, 1, 1, 7 / 3 / 3.75]);
    expect(shown.map((m) => roundMark(m.mark))).toEqual([80, 80, 80, 49.8]);
    const capped = catmeMarks({ memberIds: catmeIds, ratings: catmeRatings, includeSelf: false, groupMark: 80, raw: true });
    expect(capped.map((m) => roundMark(m.mark))).toEqual([84, 84, 84, 49.8]);
  });

  it("counts self-ratings in the 'with self' variant: means 4.5, 4.25, 4.25, 3 over 4 -> 1.125, 1.0625, 1.0625, 0.75", () => {
    const raw = catmeRawFactors(catmeIds, [...catmeRatings, ...selfRatings], true);
    expect(catmeIds.map((id) => raw.get(id))).toEqual([1.125, 1.0625, 1.0625, 0.75]);
    const marks = catmeMarks({
      memberIds: catmeIds,
      ratings: [...catmeRatings, ...selfRatings],
      includeSelf: true,
      groupMark: 60,
      raw: true,
    });
    expect(marks.map((m) => roundMark(m.mark))).toEqual([63, 63, 63, 45]);
  });
});

describe("flags", () => {
  it("flags the member rated far below, the rater who gave everyone the same, and the inflated self-rating", () => {
    const flags = ratingFlags(catmeIds, [...catmeRatings, ...selfRatings], { min: 1, max: 5 });
    expect(flags.map((f) => `${f.kind}:${f.userId}`).sort()).toEqual(["ratedFarBelow:D", "sameForEveryone:D", "selfAboveOthers:D"]);
  });

  it("raises nothing for a group that rated thoughtfully and evenly", () => {
    const even: Rating[] = [
      { raterId: "A", rateeId: "B", scores: { x: 4, y: 5 } },
      { raterId: "A", rateeId: "C", scores: { x: 5, y: 4 } },
      { raterId: "B", rateeId: "A", scores: { x: 4, y: 4 } },
      { raterId: "B", rateeId: "C", scores: { x: 4, y: 5 } },
      { raterId: "C", rateeId: "A", scores: { x: 5, y: 4 } },
      { raterId: "C", rateeId: "B", scores: { x: 4, y: 4 } },
      { raterId: "A", rateeId: "A", scores: { x: 5, y: 4 } },
    ];
    expect(ratingFlags(["A", "B", "C"], even, { min: 1, max: 5 })).toEqual([]);
  });
});

const ids = ["p", "q", "r", "s", "t"];
const arbScores = fc.dictionary(fc.constantFrom("a", "b", "c"), fc.integer({ min: 1, max: 5 }), { minKeys: 1 });
const arbRatings = (raters: readonly string[]) =>
  fc.array(fc.record({ raterId: fc.constantFrom(...raters), rateeId: fc.constantFrom(...ids), scores: arbScores }), { maxLength: 30 });

describe("properties", () => {
  it("WebPA scores of a group where everyone rated sum to n", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.boolean(),
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }), { minLength: 5, maxLength: 5 }),
        (n, self, grid) => {
          const group = ids.slice(0, n);
          const ratings = group.flatMap((rater, i) =>
            group
              .filter((ratee) => self || ratee !== rater)
              .map((ratee, j) => ({ raterId: rater, rateeId: ratee, scores: { a: grid[i]?.[j] ?? 1 } })),
          );
          const scores = [...webpaScores(group, ratings, self).values()];
          expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(n, 9);
        },
      ),
    );
  });

  it("marks stay within [0, 100] whatever the ratings, weight and penalty", () => {
    fc.assert(
      fc.property(
        arbRatings(ids),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        fc.record({ kind: fc.constantFrom("percent" as const, "points" as const), amount: fc.integer({ min: 0, max: 100 }) }),
        (ratings, g, w, self, penalty) => {
          const all = [
            ...webpaMarks({ memberIds: ids, ratings, includeSelf: self, groupMark: g, weight: w, nonSubmitterPenalty: penalty }),
            ...catmeMarks({ memberIds: ids, ratings, includeSelf: self, groupMark: g, raw: true, nonSubmitterPenalty: penalty }),
            ...catmeMarks({ memberIds: ids, ratings, includeSelf: self, groupMark: g, nonSubmitterPenalty: penalty }),
          ];
          for (const m of all) expect(m.mark >= 0 && m.mark <= 100).toBe(true);
        },
      ),
    );
  });

  it("nobody rated -> everyone gets G, with no penalty", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        arbRatings(["outsider"]),
        (g, w, outsiders) => {
          const penalty = { kind: "points" as const, amount: 20 };
          for (const m of webpaMarks({
            memberIds: ids,
            ratings: outsiders,
            includeSelf: true,
            groupMark: g,
            weight: w,
            nonSubmitterPenalty: penalty,
          }))
            expect(m.mark).toBeCloseTo(g, 9);
          for (const m of catmeMarks({ memberIds: ids, ratings: outsiders, includeSelf: true, groupMark: g, nonSubmitterPenalty: penalty }))
            expect(m.mark).toBe(g);
        },
      ),
    );
  });
});
