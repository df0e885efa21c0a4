/**
 * The interface of group formation (pure, no I/O), shared by the optimiser (formation.ts),
 * the group-set service and the benchmark. Rules: ../shared/specs/collaboration.md.
 */

/** An attribute's value for one student: a number (score, level), a category, or a set (interests, free-time slots). null = no data. */
export type AttributeValue = number | string | readonly string[] | null;

export interface FormationStudent {
  id: string;
  attributes: Readonly<Record<string, AttributeValue>>;
}

/**
 * One criterion on one attribute.
 * - numeric + mix: range within the group / range of the class, times (1 - Gini of the gaps between sorted values).
 * - categorical + mix: (distinct - 1) / (min(group size, values in class) - 1); categorical + match: 1 minus that.
 *   For a set-valued attribute (interests), match counts members who share the group's most common value.
 * - schedule + match: slots where every member is free / `slotsWanted`, capped at 1.
 * - dontIsolate: a group may not hold exactly one member of a value present in the class (hard: group score 0).
 */
export interface Criterion {
  key: string;
  attribute: string;
  type: "numeric" | "categorical" | "schedule";
  mode: "mix" | "match" | "dontIsolate";
  /** Relative weight, > 0. dontIsolate criteria are hard rules and carry no weight in the mean. */
  weight: number;
  /** schedule only: how many common free slots the group needs. */
  slotsWanted?: number;
  /** dontIsolate only: the values that must not be isolated (default: every value present in the class). */
  values?: readonly string[];
}

export interface FormationInput {
  students: readonly FormationStudent[];
  /** Exactly one of groupSize / groupCount. Sizes end up within one of each other. */
  groupSize?: number;
  groupCount?: number;
  criteria: readonly Criterion[];
  /** New partners: H_ij = how often i and j were in the same group in earlier sets of the class. Cost sum of H_ij^2. */
  history?: { pairs: readonly { a: string; b: string; count: number }[]; weight: number };
  /** Hard: never in the same group. */
  keepApart?: readonly (readonly [string, string])[];
  /** Honoured unless it would break a hard rule. */
  keepTogether?: readonly (readonly [string, string])[];
  /** Survey friend requests (soft): at most one honoured per group. */
  friendRequests?: readonly (readonly [string, string])[];
  /** Locked members: student id -> group index; they never move. */
  locked?: Readonly<Record<string, number>>;
  seed: number;
  budget?: { timeMs?: number; iterations?: number; restarts?: number };
}

export interface GroupScore {
  /** Weighted mean of the criteria scores, 0 when a hard rule breaks. In [0, 1]. */
  total: number;
  /** Per criterion key (and "history" when given), each in [0, 1]. */
  criteria: Record<string, number>;
  /** Hard rules this group breaks, in words a teacher understands (empty when none). */
  violations: string[];
}

export interface FormationResult {
  /** Student ids per group. */
  groups: string[][];
  scores: GroupScore[];
  minimum: number;
  mean: number;
  /** Per criterion: minimum and mean over groups. */
  criteria: Record<string, { minimum: number; mean: number }>;
  iterations: number;
}
