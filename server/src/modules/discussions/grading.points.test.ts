import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ZDiscussionPoints } from "@stoa/contracts";
import { fromHundredths, normalisePoints, toHundredths } from "./grading.points.js";

describe("participation points", () => {
  it("reads and writes exact decimals", () => {
    expect(toHundredths("7.5")).toBe(750);
    expect(toHundredths("0.05")).toBe(5);
    expect(toHundredths("10")).toBe(1000);
    expect(fromHundredths(750)).toBe("7.5");
    expect(fromHundredths(5)).toBe("0.05");
    expect(normalisePoints("8.00")).toBe("8");
  });

  it("round-trips every valid value exactly (no float drift)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (h) => {
        const text = fromHundredths(h);
        expect(ZDiscussionPoints.safeParse(text).success).toBe(true);
        expect(toHundredths(text)).toBe(h);
      }),
    );
  });
});
