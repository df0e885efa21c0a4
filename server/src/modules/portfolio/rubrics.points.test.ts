import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkScores, fromHundredths, maxPoints, sumPoints, toHundredths } from "./rubrics.points.js";

const rubric = [
  {
    id: "c1",
    levels: [
      { id: "c1-low", points: "1" },
      { id: "c1-high", points: "4.5" },
    ],
  },
  {
    id: "c2",
    levels: [
      { id: "c2-only", points: "0.1" },
      { id: "c2-two", points: "0.2" },
    ],
  },
];

describe("points arithmetic", () => {
  it("adds decimals exactly", () => {
    expect(sumPoints(["0.1", "0.2"])).toBe("0.30");
    expect(sumPoints([])).toBe("0.00");
    expect(maxPoints(rubric)).toBe("4.70");
  });

  it("round-trips every amount", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => toHundredths(fromHundredths(n)) === n));
  });

  it("refuses what is not a points value", () => {
    for (const bad of ["-1", "1.234", "abc", "", "1e3"]) expect(() => toHundredths(bad)).toThrow();
  });
});

describe("checkScores", () => {
  it("takes the level's points unless given, and totals exactly", () => {
    const { scores, problems } = checkScores(rubric, [
      { criterionId: "c1", levelId: "c1-high", comment: "Clear" },
      { criterionId: "c2", points: "0.15", comment: "" },
    ]);
    expect(problems).toEqual([]);
    expect(scores.map((s) => s.points)).toEqual(["4.50", "0.15"]);
    expect(sumPoints(scores.map((s) => s.points))).toBe("4.65");
  });

  it("names each wrong score", () => {
    const { problems } = checkScores(rubric, [
      { criterionId: "nope", comment: "" },
      { criterionId: "c1", levelId: "c2-only", comment: "" },
      { criterionId: "c2", points: "0.3", comment: "" },
      { criterionId: "c2", comment: "" },
    ]);
    expect(problems.map((p) => p.path)).toEqual(["scores.0.criterionId", "scores.1.levelId", "scores.2.points", "scores.3.criterionId"]);
  });
});
