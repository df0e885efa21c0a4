// Exact points arithmetic for rubrics: values are decimal strings with at most two decimals,
// computed as whole hundredths so 0.1 + 0.2 is 0.3 and totals match what PostgreSQL's numeric stores.

/** "2.5" -> 250 hundredths; throws on anything that is not a non-negative decimal with <= 2 places. */
export function toHundredths(points: string): number {
  const match = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(points.trim());
  if (!match) throw new Error(`not a points value: ${points}`);
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 250 hundredths -> "2.50" (always two decimals, as numeric(8,2) prints). */
export function fromHundredths(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) throw new Error(`not a points amount: ${hundredths}`);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/** The exact sum of points values. */
export const sumPoints = (values: readonly string[]): string => fromHundredths(values.reduce((sum, v) => sum + toHundredths(v), 0));

/** The highest points of each criterion, summed: what a perfect score is worth. */
export const maxPoints = (criteria: readonly { levels: readonly { points: string }[] }[]): string =>
  fromHundredths(criteria.reduce((sum, c) => sum + Math.max(0, ...c.levels.map((l) => toHundredths(l.points))), 0));

/** A criterion as the scoring rules need it. */
export interface CriterionForScoring {
  id: string;
  levels: { id: string; points: string }[];
}

/** One score as the teacher sent it. */
export interface ScoreInput {
  criterionId: string;
  levelId?: string | null;
  points?: string;
  comment: string;
}

/** A checked score, ready to store. */
export interface CheckedScore {
  criterionId: string;
  levelId: string | null;
  points: string;
  comment: string;
}

/** A problem with one score, phrased for the teacher. */
export interface ScoreProblem {
  path: string;
  message: string;
}

/**
 * Checks scores against a rubric: each criterion of this rubric at most once, a level of that
 * criterion, points from the level unless given, and never above the criterion's best level.
 */
export function checkScores(
  criteria: readonly CriterionForScoring[],
  scores: readonly ScoreInput[],
): { scores: CheckedScore[]; problems: ScoreProblem[] } {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const problems: ScoreProblem[] = [];
  const checked: CheckedScore[] = [];
  scores.forEach((score, i) => {
    const criterion = byId.get(score.criterionId);
    if (!criterion) return problems.push({ path: `scores.${i}.criterionId`, message: "This criterion is not part of the rubric" });
    if (seen.has(score.criterionId)) return problems.push({ path: `scores.${i}.criterionId`, message: "This criterion is scored twice" });
    seen.add(score.criterionId);
    const level = score.levelId ? criterion.levels.find((l) => l.id === score.levelId) : undefined;
    if (score.levelId && !level) return problems.push({ path: `scores.${i}.levelId`, message: "Choose one of this criterion's levels" });
    const points = score.points ?? level?.points;
    if (points === undefined) return problems.push({ path: `scores.${i}.points`, message: "Choose a level or give points" });
    const best = Math.max(0, ...criterion.levels.map((l) => toHundredths(l.points)));
    if (toHundredths(points) > best)
      return problems.push({ path: `scores.${i}.points`, message: `At most ${fromHundredths(best)} points for this criterion` });
    checked.push({
      criterionId: score.criterionId,
      levelId: level?.id ?? null,
      points: fromHundredths(toHundredths(points)),
      comment: score.comment,
    });
  });
  return { scores: checked, problems };
}
