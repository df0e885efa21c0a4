/**
 * Peer-assessment arithmetic (pure, no I/O): WebPA scores and marks, the CATME-style adjustment
 * factor, and the flags a teacher sees. Rules: ../shared/specs/collaboration.md, "Peer assessment
 * and individual grades". Thresholds and rounding: docs/decisions/010-peer-assessment.md.
 */

/** One rater's marks for one ratee, per criterion key. */
export interface Rating {
  raterId: string;
  rateeId: string;
  scores: Readonly<Record<string, number>>;
}

/** Penalty for members who did not rate: a percentage of their mark, or points off. */
export interface NonSubmitterPenalty {
  kind: "percent" | "points";
  amount: number;
}

export interface WebpaInput {
  memberIds: readonly string[];
  ratings: readonly Rating[];
  /** Whether self-ratings count. */
  includeSelf: boolean;
  /** Group mark G, 0-100. */
  groupMark: number;
  /** Weight of peer assessment w, 0-1. */
  weight: number;
  nonSubmitterPenalty?: NonSubmitterPenalty;
}

export interface CatmeInput {
  memberIds: readonly string[];
  ratings: readonly Rating[];
  includeSelf: boolean;
  groupMark: number;
  /** Show (and apply) raw factors instead of 1.0 for factors above 0.95. */
  raw?: boolean;
  nonSubmitterPenalty?: NonSubmitterPenalty;
}

export interface IndividualMark {
  userId: string;
  /** WebPA score S_j, or CATME adjustment factor AF_j (as applied). Unrounded. */
  factor: number;
  /** The mark after any penalty, clamped to [0, 100]. Unrounded: callers round with `roundMark`. */
  mark: number;
  /** The mark before the non-submitter penalty. */
  markBeforePenalty: number;
  /** Whether this member rated their teammates. */
  submitted: boolean;
  /** Points taken off for not rating (0 when none). */
  penaltyApplied: number;
}

export type RatingFlag =
  | { kind: "ratedFarBelow"; userId: string; detail: string }
  | { kind: "sameForEveryone"; userId: string; detail: string }
  | { kind: "selfAboveOthers"; userId: string; detail: string };

/** The rating scale, used by flags to measure gaps as a share of the scale. */
export interface Scale {
  min: number;
  max: number;
}

/**
 * Flag thresholds, as a share of the scale's range (1-5 has range 4, so 0.25 is one point).
 * Chosen so more than one point on a five-point scale is "far"; see ADR 010.
 */
export const flagThresholds = {
  /** A member's mean from peers more than this far below the mean of the rest of the group's. */
  farBelowShare: 0.25,
  /** A self-rating more than this far above the mean the member's peers gave them. */
  selfAboveShare: 0.25,
  /** Peers who must have rated a member before "far below" or "self above" is judged. */
  minPeerRatings: 2,
  /** Teammates a rater must have rated before "same for everyone" is judged. */
  minRateesForSame: 2,
} as const;

const clampMark = (x: number) => Math.min(100, Math.max(0, x));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : sum(xs) / xs.length);
const total = (r: Rating) => sum(Object.values(r.scores));
const meanScore = (r: Rating) => mean(Object.values(r.scores));

/** Rounds a mark half away from zero to one decimal; the small nudge absorbs binary error (63.85 stays 63.9). */
export function roundMark(x: number): number {
  return Math.sign(x) * (Math.round(Math.abs(x) * 10 + 1e-9) / 10);
}

/** Rounds a factor to two decimals, for display and export. */
export function roundFactor(x: number): number {
  return Math.round(x * 100 + 1e-9) / 100;
}

/** The ratings that count: between members of the group, self-ratings only when wanted. */
function countedRatings(memberIds: readonly string[], ratings: readonly Rating[], includeSelf: boolean): Rating[] {
  const members = new Set(memberIds);
  return ratings.filter((r) => members.has(r.raterId) && members.has(r.rateeId) && (includeSelf || r.raterId !== r.rateeId));
}

/** Members who rated at least one counted teammate with a positive total. */
export function submittersOf(memberIds: readonly string[], ratings: readonly Rating[], includeSelf: boolean): Set<string> {
  return new Set(
    countedRatings(memberIds, ratings, includeSelf)
      .filter((r) => total(r) > 0)
      .map((r) => r.raterId),
  );
}

/**
 * WebPA scores S_j: each rater's marks normalised so they hand out exactly 1, summed per ratee and
 * scaled by n / n_submitted. When nobody rated, every score is 1 (everyone gets G).
 */
export function webpaScores(memberIds: readonly string[], ratings: readonly Rating[], includeSelf: boolean): Map<string, number> {
  const counted = countedRatings(memberIds, ratings, includeSelf);
  const givenBy = new Map<string, number>();
  for (const r of counted) givenBy.set(r.raterId, (givenBy.get(r.raterId) ?? 0) + total(r));
  const submitted = [...givenBy.values()].filter((t) => t > 0).length;
  const scores = new Map(memberIds.map((id) => [id, submitted === 0 ? 1 : 0]));
  if (submitted === 0) return scores;
  for (const r of counted) {
    const given = givenBy.get(r.raterId) ?? 0;
    if (given > 0) scores.set(r.rateeId, (scores.get(r.rateeId) ?? 0) + total(r) / given);
  }
  const scale = memberIds.length / submitted;
  for (const [id, s] of scores) scores.set(id, s * scale);
  return scores;
}

/** Applies the non-submitter penalty to a mark; returns the new mark and the points taken off. */
function penalise(mark: number, submitted: boolean, penalty: NonSubmitterPenalty | undefined): { mark: number; off: number } {
  if (submitted || !penalty || penalty.amount <= 0) return { mark, off: 0 };
  const off = penalty.kind === "percent" ? (mark * Math.min(100, penalty.amount)) / 100 : Math.min(mark, penalty.amount);
  return { mark: clampMark(mark - off), off };
}

/** Turns factors into marks with the penalty; when nobody rated, everyone gets G and no penalty. */
function marksFrom(
  memberIds: readonly string[],
  factors: Map<string, number>,
  submitters: Set<string>,
  toMark: (factor: number) => number,
  penalty: NonSubmitterPenalty | undefined,
): IndividualMark[] {
  const nobodyRated = submitters.size === 0;
  return memberIds.map((userId) => {
    const factor = factors.get(userId) ?? 1;
    const before = clampMark(toMark(factor));
    const submitted = submitters.has(userId);
    const { mark, off } = nobodyRated ? { mark: before, off: 0 } : penalise(before, submitted, penalty);
    return { userId, factor, mark, markBeforePenalty: before, submitted, penaltyApplied: off };
  });
}

/** Individual marks by WebPA: clamp(0, 100, S_j x w x G + (1 - w) x G), then the non-submitter penalty. */
export function webpaMarks(input: WebpaInput): IndividualMark[] {
  const { memberIds, ratings, includeSelf, groupMark: g, weight: w } = input;
  const scores = webpaScores(memberIds, ratings, includeSelf);
  const submitters = submittersOf(memberIds, ratings, includeSelf);
  return marksFrom(memberIds, scores, submitters, (s) => s * w * g + (1 - w) * g, input.nonSubmitterPenalty);
}

/**
 * Raw CATME adjustment factors: the mean rating a member received (over raters and criteria)
 * divided by the mean of all rated members' means. A member nobody rated gets 1.
 */
export function catmeRawFactors(memberIds: readonly string[], ratings: readonly Rating[], includeSelf: boolean): Map<string, number> {
  const counted = countedRatings(memberIds, ratings, includeSelf);
  const received = new Map<string, number[]>();
  for (const r of counted) {
    const list = received.get(r.rateeId) ?? [];
    list.push(meanScore(r));
    received.set(r.rateeId, list);
  }
  const means = new Map([...received].map(([id, xs]) => [id, mean(xs)]));
  const overall = mean([...means.values()]);
  return new Map(memberIds.map((id) => [id, overall > 0 && means.has(id) ? (means.get(id) ?? 0) / overall : 1]));
}

/** The factor CATME applies: capped at 1.05 when raw, otherwise 1.0 for anything above 0.95. */
export function catmeAppliedFactor(rawFactor: number, raw: boolean): number {
  if (raw) return Math.min(1.05, rawFactor);
  return rawFactor > 0.95 ? 1 : rawFactor;
}

/** Individual marks by the CATME-style adjustment factor: clamp(0, 100, AF_j x G), then the penalty. */
export function catmeMarks(input: CatmeInput): IndividualMark[] {
  const { memberIds, ratings, includeSelf, groupMark: g } = input;
  const raw = catmeRawFactors(memberIds, ratings, includeSelf);
  const applied = new Map([...raw].map(([id, f]) => [id, catmeAppliedFactor(f, input.raw ?? false)]));
  const submitters = submittersOf(memberIds, ratings, includeSelf);
  return marksFrom(memberIds, applied, submitters, (f) => f * g, input.nonSubmitterPenalty);
}

/** A mean rating as a share of the scale: 0 at the bottom, 1 at the top. */
function share(x: number, scale: Scale): number {
  const range = scale.max - scale.min;
  return range <= 0 ? 0 : (x - scale.min) / range;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Flags for the teacher: a member rated far below the rest, a rater who gave everyone the same, a self-rating far above peers'. */
export function ratingFlags(memberIds: readonly string[], ratings: readonly Rating[], scale: Scale): RatingFlag[] {
  const counted = countedRatings(memberIds, ratings, true);
  const flags: RatingFlag[] = [];
  const fromPeers = new Map<string, number[]>();
  for (const r of counted) {
    if (r.raterId === r.rateeId) continue;
    const list = fromPeers.get(r.rateeId) ?? [];
    list.push(share(meanScore(r), scale));
    fromPeers.set(r.rateeId, list);
  }
  const peerMean = new Map([...fromPeers].filter(([, xs]) => xs.length >= flagThresholds.minPeerRatings).map(([id, xs]) => [id, mean(xs)]));

  for (const id of memberIds) {
    const mine = peerMean.get(id);
    const others = [...peerMean].filter(([other]) => other !== id).map(([, m]) => m);
    if (mine === undefined || others.length === 0) continue;
    const gap = mean(others) - mine;
    if (gap > flagThresholds.farBelowShare + 1e-9)
      flags.push({ kind: "ratedFarBelow", userId: id, detail: `Rated ${pct(gap)} of the scale below the rest of the group.` });
  }

  for (const id of memberIds) {
    const given = counted.filter((r) => r.raterId === id && r.rateeId !== id);
    if (given.length < flagThresholds.minRateesForSame) continue;
    const keys = [...new Set(given.flatMap((r) => Object.keys(r.scores)))].sort();
    const signature = (r: Rating) => keys.map((k) => r.scores[k] ?? "").join("|");
    if (new Set(given.map(signature)).size === 1)
      flags.push({ kind: "sameForEveryone", userId: id, detail: `Gave all ${given.length} teammates the same ratings.` });
  }

  for (const id of memberIds) {
    const self = counted.find((r) => r.raterId === id && r.rateeId === id);
    const peers = fromPeers.get(id) ?? [];
    if (!self || peers.length < flagThresholds.minPeerRatings) continue;
    const gap = share(meanScore(self), scale) - mean(peers);
    if (gap > flagThresholds.selfAboveShare + 1e-9)
      flags.push({ kind: "selfAboveOthers", userId: id, detail: `Rated themselves ${pct(gap)} of the scale above what teammates gave.` });
  }
  return flags;
}
