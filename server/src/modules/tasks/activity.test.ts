import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { activeSeconds, applyHeartbeat, maxBeatGapMs } from "./activity.js";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

describe("time on task", () => {
  it("starts, extends and restarts intervals from the gap between beats", () => {
    expect(applyHeartbeat(null, t(0))).toBe("start");
    expect(applyHeartbeat({ startedAt: t(0), lastBeatAt: t(30) }, t(60))).toBe("extend");
    expect(applyHeartbeat({ startedAt: t(0), lastBeatAt: t(30) }, t(30 + maxBeatGapMs / 1000 + 1))).toBe("start");
    expect(applyHeartbeat({ startedAt: t(0), lastBeatAt: t(30) }, t(10))).toBe("ignore");
  });

  it("counts each interval from its first to its last beat", () => {
    expect(
      activeSeconds([
        { startedAt: t(0), lastBeatAt: t(90) },
        { startedAt: t(1000), lastBeatAt: t(1030) },
      ]),
    ).toBe(120);
    expect(activeSeconds([])).toBe(0);
  });

  it("never counts more than the wall-clock span of the beats, whatever their timing", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 60 }), (gaps) => {
        const intervals: { startedAt: Date; lastBeatAt: Date }[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const latest = intervals.at(-1) ?? null;
          const step = applyHeartbeat(latest, t(now));
          if (step === "start") intervals.push({ startedAt: t(now), lastBeatAt: t(now) });
          else if (step === "extend" && latest) latest.lastBeatAt = t(now);
        }
        const counted = activeSeconds(intervals);
        const span = now - (gaps[0] ?? 0);
        const longGaps = gaps
          .slice(1)
          .filter((g) => g * 1000 > maxBeatGapMs)
          .reduce((a, b) => a + b, 0);
        expect(counted).toBeLessThanOrEqual(span);
        expect(counted).toBe(span - longGaps);
      }),
    );
  });
});
