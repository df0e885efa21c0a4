import { describe, expect, it } from "vitest";
import {
  NOT_SCORED,
  categoricalMatch,
  categoricalMix,
  friendRequests,
  gini,
  numericMatch,
  numericMix,
  popcount32,
  repeatPairings,
  scheduleOverlap,
  sharedValueMatch,
  weightedMean,
} from "./formation.scores.js";

const mix = (values: number[], classRange: number) => numericMix([...values], values.length, classRange, new Array<number>(values.length));

describe("formation score formulas (worked by hand)", () => {
  it("Gini: equal values give 0; one value holding everything gives (n - 1) / n", () => {
    expect(gini([10, 10, 10])).toBe(0);
    // |30-0| appears 4 times among the 9 ordered pairs: 120 / (2 x 9 x 10) = 2/3.
    expect(gini([30, 0, 0])).toBeCloseTo(2 / 3, 12);
    expect(gini([])).toBe(0);
  });

  it("numeric mix: range share times (1 - Gini of the gaps)", () => {
    // Range 30 of a class range of 60, evenly spread (gaps 10, 10, 10): 0.5 x 1.
    expect(mix([40, 10, 30, 20], 60)).toBeCloseTo(0.5, 12);
    // Same range, bunched: gaps 1, 1, 28 (mean 10), sum of |differences| over ordered pairs 108, Gini 108/180 = 0.6.
    expect(mix([10, 11, 12, 40], 60)).toBeCloseTo(0.5 * 0.4, 12);
    // Everyone equal in the group: no spread at all.
    expect(mix([25, 25, 25], 60)).toBe(0);
    // The whole class range, evenly spread: 1.
    expect(mix([0, 30, 60], 60)).toBeCloseTo(1, 12);
    // Two values: a single gap, Gini 0.
    expect(mix([10, 40], 60)).toBeCloseTo(0.5, 12);
    // Fewer than two members with data, or a class where everyone is equal: cannot judge.
    expect(mix([10], 60)).toBe(NOT_SCORED);
    expect(mix([10, 20], 0)).toBe(NOT_SCORED);
  });

  it("numeric match: 1 - range share", () => {
    expect(numericMatch([50, 55, 60], 3, 40)).toBeCloseTo(0.75, 12);
    expect(numericMatch([50], 1, 40)).toBe(NOT_SCORED);
  });

  it("categorical mix and match: (distinct - 1) / (min(members, values in class) - 1)", () => {
    // A, A, B, C with four values in the class: 2 / 3.
    expect(categoricalMix(3, 4, 4)).toBeCloseTo(2 / 3, 12);
    expect(categoricalMatch(3, 4, 4)).toBeCloseTo(1 / 3, 12);
    // Only two values in the class: A, A, B, B already has every value: 1.
    expect(categoricalMix(2, 4, 2)).toBe(1);
    // Three members, five values in the class: three distinct is the best possible.
    expect(categoricalMix(3, 3, 5)).toBe(1);
    expect(categoricalMix(1, 3, 5)).toBe(0);
    expect(categoricalMatch(1, 3, 5)).toBe(1);
    // One member with data, or one value in the whole class: cannot judge.
    expect(categoricalMix(1, 1, 4)).toBe(NOT_SCORED);
    expect(categoricalMix(1, 4, 1)).toBe(NOT_SCORED);
    expect(categoricalMatch(1, 4, 1)).toBe(NOT_SCORED);
  });

  it("shared interests: (members sharing the most common value - 1) / (members with data - 1)", () => {
    expect(sharedValueMatch(3, 4)).toBeCloseTo(2 / 3, 12);
    expect(sharedValueMatch(1, 4)).toBe(0);
    expect(sharedValueMatch(4, 4)).toBe(1);
    expect(sharedValueMatch(1, 1)).toBe(NOT_SCORED);
  });

  it("schedule overlap: common free slots / slots wanted, capped at 1", () => {
    expect(scheduleOverlap(2, 4, 3)).toBeCloseTo(2 / 3, 12);
    expect(scheduleOverlap(5, 4, 3)).toBe(1);
    expect(scheduleOverlap(0, 4, 3)).toBe(0);
    expect(scheduleOverlap(0, 0, 3)).toBe(NOT_SCORED);
  });

  it("repeat pairings: 1 - sum of H^2 / (pairs x max H^2)", () => {
    // Group of 4 (6 pairs), history max 2: worst 24; pairs met twice and once: 4 + 1 = 5.
    expect(repeatPairings(5, 4, 2)).toBeCloseTo(1 - 5 / 24, 12);
    expect(repeatPairings(0, 4, 2)).toBe(1);
    expect(repeatPairings(24, 4, 2)).toBe(0);
    expect(repeatPairings(0, 4, 0)).toBe(NOT_SCORED);
  });

  it("friend requests: exactly one requested pair per group scores 1", () => {
    expect(friendRequests(1, 2)).toBe(1);
    expect(friendRequests(0, 1)).toBe(0);
    expect(friendRequests(2, 3)).toBe(0);
    expect(friendRequests(0, 0)).toBe(NOT_SCORED);
  });

  it("weighted mean leaves out criteria that cannot judge the group", () => {
    expect(weightedMean([1, 0.5, NOT_SCORED], [2, 1, 5])).toBeCloseTo(2.5 / 3, 12);
    expect(weightedMean([NOT_SCORED], [1])).toBe(1);
  });

  it("popcount", () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0b1011)).toBe(3);
    expect(popcount32(0xffffffff)).toBe(32);
  });
});
