/**
 * Time on task from heartbeats (pure, no I/O). The client sends a heartbeat about every 30 s,
 * only while the group space is visible and the person used keyboard or pointer in the last
 * minute. A beat close to the previous one extends the current interval; a beat after a longer
 * silence starts a new one, so a tab left open or a lost connection never counts as work.
 */

/** Longest silence between two beats that still counts as continuous activity. */
export const maxBeatGapMs = 90_000;
/** The client's heartbeat period. */
export const heartbeatPeriodMs = 30_000;

export interface ActivityInterval {
  startedAt: Date;
  lastBeatAt: Date;
}

/** What a new beat does to the latest interval: extend it, ignore it (clock went back), or start a new one. */
export function applyHeartbeat(latest: ActivityInterval | null, now: Date): "extend" | "ignore" | "start" {
  if (!latest) return "start";
  const gap = now.getTime() - latest.lastBeatAt.getTime();
  if (gap < 0) return "ignore";
  return gap <= maxBeatGapMs ? "extend" : "start";
}

/** Seconds active across intervals: each interval counts from its first beat to its last. */
export function activeSeconds(intervals: readonly ActivityInterval[]): number {
  let ms = 0;
  for (const i of intervals) ms += Math.max(0, i.lastBeatAt.getTime() - i.startedAt.getTime());
  return Math.floor(ms / 1000);
}
