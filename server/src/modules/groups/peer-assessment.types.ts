/** The interface of peer-assessment arithmetic (pure, no I/O). Rules: ../shared/specs/collaboration.md. */

/** One rater's marks for one ratee, per criterion key. */
export interface Rating {
  raterId: string;
  rateeId: string;
  scores: Readonly<Record<string, number>>;
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
  /** Penalty for members who did not rate: a percentage of their mark, or points off. */
  nonSubmitterPenalty?: { kind: "percent" | "points"; amount: number };
}

export interface IndividualMark {
  userId: string;
  /** WebPA score S_j, or CATME adjustment factor AF_j. */
  factor: number;
  /** The mark before any penalty, and after. Rounded to 1 decimal for display only by the caller. */
  mark: number;
  submitted: boolean;
  penaltyApplied: number;
}

export interface CatmeInput {
  memberIds: readonly string[];
  ratings: readonly Rating[];
  includeSelf: boolean;
  groupMark: number;
  /** Show raw factors instead of 1.0 for factors above 0.95. */
  raw?: boolean;
}

export type RatingFlag =
  | { kind: "ratedFarBelow"; userId: string; detail: string }
  | { kind: "sameForEveryone"; userId: string; detail: string }
  | { kind: "selfAboveOthers"; userId: string; detail: string };
