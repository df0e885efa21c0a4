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
 * - numeric + mix: range within the group / range of the class, times (1 - Gini of the gaps between sorted values);
 *   numeric + match: 1 - range within the group / range of the class.
 * - categorical + mix: (distinct - 1) / (min(group size, values in class) - 1); categorical + match: 1 minus that.
 *   For a set-valued attribute (interests), match counts members who share the group's most common value:
 *   (sharers - 1) / (members with data - 1); mix is 1 minus that.
 * - schedule + match: slots where every member is free / `slotsWanted`, capped at 1.
 * - dontIsolate: a group may not hold exactly one member of a value present in the class (hard: group score 0).
 *   A value only one student of the class holds cannot be helped: it is left out, with a warning.
 * Students with no data (null, empty set) are left out of that criterion only.
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
  /**
   * Survey friend requests [asker, asked] (soft): scored as criterion "friends" on groups holding an asker:
   * 1 when the group holds exactly one requested pair, else 0 (at most one honoured per group).
   */
  friendRequests?: readonly (readonly [string, string])[];
  /** Weight of the "friends" criterion (default 1). */
  friendWeight?: number;
  /** Locked members: student id -> group index; they never move. */
  locked?: Readonly<Record<string, number>>;
  seed: number;
  /**
   * iterations: swap evaluations in all (default: grows with the class size); restarts: how many starting
   * partitions at most (default 8); timeMs: a safety cap only (default 20 s), results stay reproducible below it.
   */
  budget?: { timeMs?: number; iterations?: number; restarts?: number };
  /** Optional first starting partition (e.g. the current groups when the teacher re-runs); the result is never worse. */
  start?: readonly (readonly string[])[];
}

export interface GroupScore {
  /** Weighted mean of the criteria scores, 0 when a hard rule breaks. In [0, 1]. */
  total: number;
  /**
   * Per criterion key (and "history" / "friends" when given), each in [0, 1]. A criterion is left out for a group
   * when it cannot be judged there (fewer than two members with data for a mix, nobody with data, no asker).
   */
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
  /** Per criterion: minimum and mean over the groups it could be scored on (see GroupScore.criteria). */
  criteria: Record<string, { minimum: number; mean: number }>;
  /** Swap evaluations spent (0 for a scored given partition). */
  iterations: number;
  /** Things the teacher should know: rules that could not be honoured, data left out (empty when none). */
  warnings: string[];
}

/** Input the teacher can fix (impossible sizes, contradicting rules, an attribute nobody has): G2 answers 400 with the message. */
export class FormationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormationError";
  }
}
