import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormationError, formGroups, groupSizes, randomPartition, scoreGroup, scorePartition, snakeDraft } from "./formation.js";
import type { AttributeValue, Criterion, FormationInput, FormationResult, FormationStudent } from "./formation.types.js";

const student = (id: string, attributes: Record<string, AttributeValue>): FormationStudent => ({ id, attributes });
const numeric = (key: string, mode: Criterion["mode"] = "mix", weight = 1): Criterion => ({
  key,
  attribute: key,
  type: "numeric",
  mode,
  weight,
});
const categorical = (key: string, mode: Criterion["mode"] = "mix", weight = 1): Criterion => ({
  key,
  attribute: key,
  type: "categorical",
  mode,
  weight,
});

/** Eight students: scores 0..70, levels A-D twice, genders 4 f / 4 m, interests, free slots. */
const eight: FormationStudent[] = [
  student("s1", { score: 0, level: "A", gender: "f", interests: ["art", "music"], free: ["mon", "tue", "wed"] }),
  student("s2", { score: 10, level: "B", gender: "m", interests: ["art"], free: ["mon", "tue"] }),
  student("s3", { score: 20, level: "C", gender: "m", interests: ["sport"], free: ["mon", "tue", "fri"] }),
  student("s4", { score: 30, level: "D", gender: "m", interests: ["art", "sport"], free: ["tue", "mon"] }),
  student("s5", { score: 40, level: "A", gender: "f", interests: ["code"], free: ["thu"] }),
  student("s6", { score: 50, level: "B", gender: "f", interests: ["code"], free: ["thu", "fri"] }),
  student("s7", { score: 60, level: "C", gender: "f", interests: ["music"], free: ["thu"] }),
  student("s8", { score: 70, level: "D", gender: "m", interests: null, free: null }),
];

const base = (criteria: Criterion[], extra: Partial<FormationInput> = {}): FormationInput => ({
  students: eight,
  groupSize: 4,
  criteria,
  seed: 1,
  ...extra,
});

describe("scoring a group (hand-worked, class context from the whole input)", () => {
  it("numeric mix uses the class range and the Gini of the gaps", () => {
    // s1..s4: range 30 of the class range 70, gaps 10,10,10: 30/70.
    expect(scoreGroup(base([numeric("score")]), ["s1", "s2", "s3", "s4"]).total).toBeCloseTo(30 / 70, 12);
    // s1, s2, s3, s8: range 70/70; gaps 10, 10, 50 (mean 70/3): sum |differences| = 4 x 40 = 160, Gini 160 / (2 x 9 x 70/3) = 8/21.
    expect(scoreGroup(base([numeric("score")]), ["s1", "s2", "s3", "s8"]).total).toBeCloseTo(1 - 8 / 21, 12);
  });

  it("categorical mix and match count distinct values against the values in the class", () => {
    // Levels A, B, C, D (four in the class): all different.
    expect(scoreGroup(base([categorical("level")]), ["s1", "s2", "s3", "s4"]).total).toBe(1);
    // A, B, A, B: (2 - 1) / (4 - 1).
    expect(scoreGroup(base([categorical("level")]), ["s1", "s2", "s5", "s6"]).total).toBeCloseTo(1 / 3, 12);
    expect(scoreGroup(base([categorical("level", "match")]), ["s1", "s2", "s5", "s6"]).total).toBeCloseTo(2 / 3, 12);
  });

  it("shared interests: members sharing the most common interest; no answer is left out", () => {
    // s1 art+music, s2 art, s4 art+sport share "art" (3 of the 4 with data): (3 - 1) / (4 - 1).
    expect(scoreGroup(base([categorical("interests", "match")]), ["s1", "s2", "s3", "s4"]).total).toBeCloseTo(2 / 3, 12);
    // s8 has no interests: left out, so s5, s6 (code) + s8: (2 - 1) / (2 - 1).
    expect(scoreGroup(base([categorical("interests", "match")]), ["s5", "s6", "s8"]).total).toBe(1);
  });

  it("schedule overlap: slots free for every member with data, over the slots wanted", () => {
    const schedule = (slotsWanted: number): Criterion => ({
      key: "free",
      attribute: "free",
      type: "schedule",
      mode: "match",
      weight: 1,
      slotsWanted,
    });
    // s1..s4 are all free on mon and tue: 2 common slots.
    expect(scoreGroup(base([schedule(3)]), ["s1", "s2", "s3", "s4"]).total).toBeCloseTo(2 / 3, 12);
    expect(scoreGroup(base([schedule(2)]), ["s1", "s2", "s3", "s4"]).total).toBe(1);
    // s5, s6, s7 share thu; s8 has no schedule and does not block it.
    expect(scoreGroup(base([schedule(2)]), ["s5", "s6", "s7", "s8"]).total).toBeCloseTo(1 / 2, 12);
    expect(scoreGroup(base([schedule(1)]), ["s1", "s5"]).total).toBe(0);
  });

  it("repeat pairings: 1 - sum of H^2 over the worst case for the group size", () => {
    const history = {
      weight: 1,
      pairs: [
        { a: "s1", b: "s2", count: 2 },
        { a: "s3", b: "s4", count: 1 },
        { a: "s5", b: "s6", count: 1 },
      ],
    };
    // 6 pairs x 2^2 = 24 worst; s1-s2 twice and s3-s4 once: 4 + 1 = 5.
    const score = scoreGroup(base([], { history }), ["s1", "s2", "s3", "s4"]);
    expect(score.criteria.history).toBeCloseTo(1 - 5 / 24, 12);
    expect(scoreGroup(base([], { history }), ["s1", "s3", "s5", "s7"]).criteria.history).toBe(1);
  });

  it("weights: the weighted mean of the criteria", () => {
    const input = base([numeric("score", "mix", 3), categorical("level", "mix", 1)]);
    // score 30/70 (weight 3), level 1 (weight 1).
    expect(scoreGroup(input, ["s1", "s2", "s3", "s4"]).total).toBeCloseTo((3 * (30 / 70) + 1) / 4, 12);
  });

  it("don't isolate: one member of a value makes the group score 0, and says so", () => {
    const input = base([numeric("score"), categorical("gender", "dontIsolate")]);
    const isolated = scoreGroup(input, ["s1", "s2", "s3", "s4"]);
    expect(isolated.total).toBe(0);
    expect(isolated.violations).toEqual(['Only one member has gender "f" (rule: don\'t isolate).']);
    expect(isolated.criteria.score).toBeCloseTo(30 / 70, 12);
    const fine = scoreGroup(input, ["s1", "s5", "s2", "s3"]);
    expect(fine.violations).toEqual([]);
    expect(fine.total).toBeGreaterThan(0);
    // Only the values asked for are watched.
    expect(scoreGroup(base([{ ...categorical("gender", "dontIsolate"), values: ["m"] }]), ["s1", "s2", "s3", "s4"]).violations).toEqual([]);
  });

  it("a value only one student holds is left out of don't isolate, with a warning", () => {
    const students = [...eight.slice(0, 7), student("s8", { gender: "x" })];
    const result = scorePartition({ students, groupSize: 4, criteria: [categorical("gender", "dontIsolate")], seed: 1 }, [
      ["s1", "s5", "s6", "s7"],
      ["s2", "s3", "s4", "s8"],
    ]);
    expect(result.minimum).toBe(1);
    expect(result.warnings[0]).toContain('Only one student has gender "x"');
  });

  it("keep-apart pairs placed together by hand are a violation", () => {
    const result = scorePartition(base([numeric("score")], { keepApart: [["s1", "s2"]] }), [
      ["s1", "s2", "s3", "s4"],
      ["s5", "s6", "s7", "s8"],
    ]);
    expect(result.scores[0]!.total).toBe(0);
    expect(result.scores[0]!.violations).toEqual(["s1 and s2 must be kept apart."]);
    expect(result.minimum).toBe(0);
  });

  it("missing data: a student without a score is left out of that criterion only", () => {
    const students = eight.map((s) =>
      s.id === "s2" || s.id === "s3" || s.id === "s4" ? student(s.id, { ...s.attributes, score: null }) : s,
    );
    const input: FormationInput = { students, groupSize: 4, criteria: [numeric("score"), categorical("level")], seed: 1 };
    // s1 is the only one with a score: the score criterion cannot judge this group; level (A, B, C, D) gives 1.
    const score = scoreGroup(input, ["s1", "s2", "s3", "s4"]);
    expect(score.criteria).toEqual({ level: 1 });
    expect(score.total).toBe(1);
    expect(() => formGroups(input)).not.toThrow();
  });

  it("friend requests: a group scores 1 with exactly one requested pair", () => {
    const input = base([], {
      friendRequests: [
        ["s1", "s2"],
        ["s3", "s4"],
        ["s5", "s9"],
      ],
    });
    expect(scoreGroup(input, ["s1", "s2", "s5", "s6"]).criteria.friends).toBe(1);
    expect(scoreGroup(input, ["s1", "s2", "s3", "s4"]).criteria.friends).toBe(0);
    expect(scoreGroup(input, ["s1", "s3", "s6", "s7"]).criteria.friends).toBe(0);
    expect(scoreGroup(input, ["s6", "s7", "s8"]).criteria.friends).toBeUndefined();
  });
});

describe("forming groups", () => {
  it("beats both baselines on the minimum and removes isolation when it can", () => {
    const input = base([numeric("score"), categorical("level"), categorical("gender", "dontIsolate")]);
    const result = formGroups(input);
    expect(result.scores.every((score) => score.violations.length === 0)).toBe(true);
    const random = scorePartition(
      input,
      randomPartition(
        eight.map((s) => s.id),
        { groupSize: 4 },
        1,
      ),
    );
    const snake = scorePartition(input, snakeDraft(input));
    expect(result.minimum).toBeGreaterThanOrEqual(random.minimum);
    expect(result.minimum).toBeGreaterThanOrEqual(snake.minimum);
    expect(result.minimum).toBeGreaterThan(0.5);
  });

  it("is deterministic: the same input and seed give the same groups", () => {
    const input = base([numeric("score"), categorical("level"), categorical("interests", "match")]);
    expect(formGroups(input)).toEqual(formGroups(input));
    expect(randomPartition(["a", "b", "c", "d", "e"], { groupCount: 2 }, 9)).toEqual(
      randomPartition(["a", "b", "c", "d", "e"], { groupCount: 2 }, 9),
    );
  });

  it("keeps pairs together when no hard rule stops it, and says when it cannot", () => {
    const together = formGroups(base([numeric("score")], { keepTogether: [["s1", "s8"]] }));
    expect(together.groups.some((group) => group.includes("s1") && group.includes("s8"))).toBe(true);
    expect(together.warnings).toEqual([]);
    const blocked = formGroups(base([numeric("score")], { keepTogether: [["s1", "s8"]], keepApart: [["s1", "s8"]] }));
    expect(blocked.groups.some((group) => group.includes("s1") && group.includes("s8"))).toBe(false);
    expect(blocked.warnings).toEqual(["s1 and s8 could not be kept together without breaking a rule."]);
  });

  it("avoids repeat pairings: two old groups of four are split two and two", () => {
    const pairsWithin = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ a, b, count: 3 })));
    const history = { weight: 1, pairs: [...pairsWithin(["s1", "s2", "s3", "s4"]), ...pairsWithin(["s5", "s6", "s7", "s8"])] };
    const result = formGroups(base([], { history }));
    // Best possible: each new group holds two pairs who met 3 times: 1 - 2 x 9 / (6 x 9).
    expect(result.minimum).toBeCloseTo(2 / 3, 12);
    for (const group of result.groups) expect(group.filter((id) => ["s1", "s2", "s3", "s4"].includes(id))).toHaveLength(2);
  });

  it("never moves locked students", () => {
    const result = formGroups(base([numeric("score")], { locked: { s1: 1, s2: 1, s8: 0 } }));
    expect(result.groups[1]).toEqual(expect.arrayContaining(["s1", "s2"]));
    expect(result.groups[0]).toContain("s8");
  });

  it("lets a locked group be the smaller one when keep-apart needs it", () => {
    // Five students, groups of 2, 2 and 1: t1 may sit with nobody but t4, who is locked elsewhere.
    const students = ["t0", "t1", "t2", "t3", "t4"].map((id) => student(id, { score: Number(id.slice(1)) }));
    const keepApart: [string, string][] = [
      ["t1", "t0"],
      ["t1", "t2"],
      ["t1", "t3"],
    ];
    const result = formGroups({ students, groupSize: 2, criteria: [numeric("score")], keepApart, locked: { t1: 2, t4: 0 }, seed: 0 });
    expect(result.groups[2]).toEqual(["t1"]);
    // Four students in three groups (2, 1, 1): only one group can hold two locked students.
    const four = { students: students.slice(0, 4), groupCount: 3, criteria: [], seed: 0 };
    expect(() => formGroups({ ...four, locked: { t0: 0, t1: 0, t2: 1, t3: 1 } })).toThrow(
      /2 groups have 2 locked students, but only one group can be that large/,
    );
  });

  it("sizes: ceil(n / size) groups, within one of each other", () => {
    expect(groupSizes(30, { groupSize: 4 })).toEqual([4, 4, 4, 4, 4, 4, 3, 3]);
    expect(groupSizes(10, { groupCount: 3 })).toEqual([4, 3, 3]);
  });

  it("explains impossible input with a FormationError", () => {
    const fails = (input: FormationInput, message: RegExp) => {
      expect(() => formGroups(input)).toThrow(FormationError);
      expect(() => formGroups(input)).toThrow(message);
    };
    fails(base([], { groupSize: 9 }), /Groups of 9 need at least 9 students; there are 8/);
    fails({ ...base([]), groupCount: 2 }, /either a group size or a number of groups/);
    fails(base([], { locked: { s1: 2 } }), /locked to group 3, but there are only 2 groups/);
    fails(base([numeric("height")]), /No student has a value for "height"/);
    fails(base([numeric("score", "mix", 0)]), /Criterion "score" needs a weight above 0/);
    fails(base([{ key: "free", attribute: "free", type: "schedule", mode: "mix", weight: 1 }]), /a schedule can only be matched/);
    fails(base([numeric("score"), numeric("score")]), /Two criteria are called "score"/);
    fails(
      base([], {
        groupSize: undefined,
        groupCount: 2,
        keepApart: [
          ["s1", "s2"],
          ["s2", "s3"],
          ["s1", "s3"],
        ],
      }),
      /keep-apart pairs cannot all be honoured with 2 groups/,
    );
    fails(base([], { locked: { s1: 0, s2: 0 }, keepApart: [["s1", "s2"]] }), /must be kept apart but are both locked to group 1/);
    fails({ ...base([]), students: [...eight, eight[0]!] }, /listed twice/);
  });
});

/** A class with a hidden valid partition, so the hard rules generated from it can always be met. */
const scenario = fc
  .record({
    count: fc.integer({ min: 2, max: 26 }),
    groupSize: fc.integer({ min: 2, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    values: fc.array(
      fc.record({
        score: fc.option(fc.integer({ min: 0, max: 100 })),
        level: fc.option(fc.constantFrom("A", "B", "C")),
        gender: fc.constantFrom("f", "m", "x"),
      }),
      {
        minLength: 26,
        maxLength: 26,
      },
    ),
    apartSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
    lockSeeds: fc.array(fc.nat(), { maxLength: 3 }),
    withIsolation: fc.boolean(),
  })
  .map(({ count, groupSize, seed, values, apartSeeds, lockSeeds, withIsolation }) => {
    const size = Math.min(groupSize, count);
    const students = values
      .slice(0, count)
      .map((value, index) => student(`p${index}`, { score: value.score, level: value.level, gender: value.gender }));
    students[0] = student("p0", { ...students[0]!.attributes, score: 50, level: "A" });
    const hidden = randomPartition(
      students.map((s) => s.id),
      { groupSize: size },
      seed,
    );
    const groupOf = new Map(hidden.flatMap((members, group) => members.map((id) => [id, group] as const)));
    const keepApart = apartSeeds
      .map(([a, b]) => [students[a % count]!.id, students[b % count]!.id] as const)
      .filter(([a, b]) => groupOf.get(a) !== groupOf.get(b));
    const locked = Object.fromEntries(lockSeeds.map((n) => [students[n % count]!.id, groupOf.get(students[n % count]!.id)!]));
    const criteria = [numeric("score"), categorical("level"), ...(withIsolation ? [categorical("gender", "dontIsolate")] : [])];
    const input: FormationInput = { students, groupSize: size, criteria, keepApart, locked, seed, budget: { iterations: 3_000 } };
    return { input, hidden };
  });

/** Every partition of `ids` into groups of the given sizes (as sets: group order and member order ignored). */
function allPartitions(ids: string[], sizes: number[]): string[][][] {
  const results: string[][][] = [];
  const groups: string[][] = sizes.map(() => []);
  const place = (index: number) => {
    if (index === ids.length) {
      results.push(groups.map((group) => [...group]));
      return;
    }
    for (let g = 0; g < sizes.length; g++) {
      if (groups[g]!.length >= sizes[g]!) continue;
      // Empty groups of equal size are interchangeable: trying the first of them is enough.
      if (groups[g]!.length === 0 && groups.some((other, h) => h < g && other.length === 0 && sizes[h] === sizes[g])) continue;
      groups[g]!.push(ids[index]!);
      place(index + 1);
      groups[g]!.pop();
    }
  };
  place(0);
  return results;
}

function checkPartition(input: FormationInput, result: FormationResult) {
  const placed = result.groups.flat();
  expect([...placed].sort()).toEqual(input.students.map((s) => s.id).sort());
  const sizes = result.groups.map((group) => group.length);
  expect(result.groups.length).toBe(groupSizes(input.students.length, input).length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  for (const [a, b] of input.keepApart ?? []) expect(result.groups.some((group) => group.includes(a) && group.includes(b))).toBe(false);
  for (const [id, group] of Object.entries(input.locked ?? {})) expect(result.groups[group]).toContain(id);
  for (const score of result.scores) {
    expect(score.total).toBeGreaterThanOrEqual(0);
    expect(score.total).toBeLessThanOrEqual(1);
    for (const value of Object.values(score.criteria)) expect(value >= 0 && value <= 1).toBe(true);
  }
  expect(result.minimum).toBe(Math.min(...result.scores.map((score) => score.total)));
}

describe("formation properties", () => {
  it("places every student once, sizes within one, hard rules kept, scores in [0, 1]", () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        checkPartition(input, formGroups(input));
      }),
      { numRuns: 80 },
    );
  });

  it("never returns a partition worse than its start (hard breaks, then minimum)", () => {
    fc.assert(
      fc.property(scenario, ({ input, hidden }) => {
        const started = scorePartition(input, hidden);
        const result = formGroups({ ...input, start: hidden });
        expect(result.warnings).not.toContain("The current groups could not be used as a starting point (sizes, locks or rules differ).");
        const breaks = (r: FormationResult) => r.scores.filter((score) => score.violations.length > 0).length;
        const hardBreaks = (r: FormationResult) => r.scores.reduce((sum, score) => sum + score.violations.length, 0);
        expect(hardBreaks(result)).toBeLessThanOrEqual(hardBreaks(started));
        if (hardBreaks(result) === hardBreaks(started) && breaks(started) === 0)
          expect(result.minimum).toBeGreaterThanOrEqual(started.minimum - 1e-9);
      }),
      { numRuns: 80 },
    );
  });

  it("finds the best minimum on small classes (checked against every partition)", () => {
    const small = fc.record({
      count: fc.integer({ min: 4, max: 9 }),
      groupCount: fc.integer({ min: 2, max: 3 }),
      seed: fc.nat(),
      values: fc.array(fc.record({ score: fc.integer({ min: 0, max: 20 }), level: fc.constantFrom("A", "B", "C") }), {
        minLength: 9,
        maxLength: 9,
      }),
    });
    fc.assert(
      fc.property(small, ({ count, groupCount, seed, values }) => {
        const students = values.slice(0, count).map((value, index) => student(`q${index}`, value));
        const input: FormationInput = { students, groupCount, criteria: [numeric("score"), categorical("level", "mix", 2)], seed };
        const best = Math.max(
          ...allPartitions(
            students.map((s) => s.id),
            groupSizes(count, input),
          ).map((groups) => scorePartition(input, groups).minimum),
        );
        expect(formGroups(input).minimum).toBeCloseTo(best, 9);
      }),
      { numRuns: 25 },
    );
  });

  it("leaves nobody isolated when a partition without isolation exists", () => {
    // Groups of four and an even number of each value: pairs of the same value can always be combined.
    const classes = fc.record({
      groups: fc.integer({ min: 2, max: 8 }),
      girlPairs: fc.nat(),
      seed: fc.nat(),
      scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 32, maxLength: 32 }),
    });
    fc.assert(
      fc.property(classes, ({ groups, girlPairs, seed, scores }) => {
        const count = groups * 4;
        const girls = 2 * (girlPairs % (groups * 2 + 1));
        const students = Array.from({ length: count }, (_, i) => student(`g${i}`, { score: scores[i]!, gender: i < girls ? "f" : "m" }));
        const input: FormationInput = { students, groupSize: 4, criteria: [numeric("score"), categorical("gender", "dontIsolate")], seed };
        const result = formGroups(input);
        expect(result.scores.flatMap((score) => score.violations)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it("is reproducible for any input and seed", () => {
    fc.assert(
      fc.property(scenario, ({ input }) => {
        expect(formGroups(input).groups).toEqual(formGroups(input).groups);
      }),
      { numRuns: 30 },
    );
  });

  it("random partitions place everyone once in sizes within one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 8 }), fc.nat(), (count, size, seed) => {
        const ids = Array.from({ length: count }, (_, i) => `r${i}`);
        const groups = randomPartition(ids, { groupSize: Math.min(size, count) }, seed);
        expect(groups.flat().sort()).toEqual([...ids].sort());
        const sizes = groups.map((group) => group.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(Math.min(size, count));
      }),
    );
  });
});
