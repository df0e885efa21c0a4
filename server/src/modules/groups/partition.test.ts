import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { groupCountFor, randomPartition } from "./partition.js";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe("random partition", () => {
  it("is reproducible from its seed and differs for another seed", () => {
    const a = randomPartition(ids(20), 5, 42);
    expect(randomPartition(ids(20), 5, 42)).toEqual(a);
    expect(randomPartition(ids(20), 5, 43)).not.toEqual(a);
  });

  it("places everyone exactly once, sizes within one, locked members where locked", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer(), (n, count, seed) => {
        const students = ids(n);
        const locked: Record<string, number> = { s0: count - 1 };
        const groups = randomPartition(students, count, seed, locked);
        expect(groups.flat().sort()).toEqual([...students].sort());
        const sizes = groups.map((g) => g.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(groups[count - 1]).toContain("s0");
      }),
    );
  });

  it("makes enough groups of at most the size asked", () => {
    expect(groupCountFor(10, { groupSize: 4 })).toBe(3);
    expect(groupCountFor(12, { groupSize: 4 })).toBe(3);
    expect(groupCountFor(10, { groupCount: 2 })).toBe(2);
  });
});
