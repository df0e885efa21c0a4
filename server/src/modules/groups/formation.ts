/**
 * Group formation (../shared/specs/collaboration.md, "Forming groups"): the criteria optimiser, the scoring of a
 * given partition, and the two baselines (random partition, snake draft). Pure and deterministic: the same input and
 * seed give the same groups. Objective: the lowest group score first (max-min), then the mean; hard rules before both.
 */
import { FormationModel, groupSizes } from "./formation.model.js";
import { seededRandom, shuffle } from "./formation.random.js";
import { type Assignment, SwapSearch, isBetter } from "./formation.search.js";
import { checkLocks, startingPartition } from "./formation.start.js";
import { FormationError, type FormationInput, type FormationResult, type GroupScore } from "./formation.types.js";

export { FormationError } from "./formation.types.js";
export type { Criterion, FormationInput, FormationResult, FormationStudent, GroupScore, AttributeValue } from "./formation.types.js";
export { groupSizes } from "./formation.model.js";

const DEFAULT_RESTARTS = 20;
const DEFAULT_TIME_MS = 20_000;

/** Forms groups by the criteria: several starts, swap search with restarts, best partition kept. Throws FormationError. */
export function formGroups(input: FormationInput): FormationResult {
  const sizes = groupSizes(input.students.length, input);
  const model = new FormationModel(input, sizes.length);
  const random = seededRandom(input.seed);
  const budget = {
    iterations: input.budget?.iterations ?? defaultIterations(model.n),
    restarts: Math.max(1, input.budget?.restarts ?? DEFAULT_RESTARTS),
    deadline: Date.now() + (input.budget?.timeMs ?? DEFAULT_TIME_MS),
  };
  checkLocks(model, sizes);
  const search = new SwapSearch(model, sizes, random);
  let best: Assignment | null = null;
  let spent = 0;
  for (let start = 0; start < budget.restarts; start++) {
    if (start > 0 && spent >= budget.iterations) break;
    const initial = startingPartition(model, sizes, random, start);
    // No start could be built: keep-apart is (almost certainly) impossible; later starts would fail the same way.
    if (!initial) break;
    const result = search.run(initial, budget.iterations - spent, budget.deadline);
    spent += result.evaluations;
    if (!best || isBetter(result.assignment, best)) best = result.assignment;
    // Nothing to swap (one group, everyone locked) or out of budget; past the deadline (the only time-dependent branch).
    if (result.evaluations === 0 || Date.now() > budget.deadline) break;
  }
  if (!best)
    throw new FormationError(
      `The keep-apart pairs cannot all be honoured with ${sizes.length} groups; remove some pairs or make more groups.`,
    );
  const groups = best.groups.map((members) => [...members].sort((a, b) => a - b));
  const result = summarise(model, groups, spent);
  for (let i = 0; i < model.n; i++)
    for (const j of model.together[i]!)
      if (j > i && best.groupOf[i] !== best.groupOf[j])
        result.warnings.push(`${model.ids[i]} and ${model.ids[j]} could not be kept together without breaking a rule.`);
  return result;
}

/** Scores a given partition (e.g. after the teacher moved students by hand) with the same rules and criteria. */
export function scorePartition(input: FormationInput, groups: readonly (readonly string[])[]): FormationResult {
  const model = new FormationModel({ ...input, locked: {} }, Math.max(1, groups.length));
  const indexes = groups.map((group) =>
    group.map((id) => {
      const index = model.indexOf.get(id);
      if (index === undefined) throw new FormationError(`Student ${id} is in a group but not in the class.`);
      return index;
    }),
  );
  return summarise(model, indexes, 0);
}

/** Scores one group of the input's students (ids) with the input's criteria and rules. */
export function scoreGroup(input: FormationInput, memberIds: readonly string[]): GroupScore {
  return scorePartition(input, [memberIds]).scores[0]!;
}

/** A uniformly random partition into groups of sizes within one (seeded: the same seed gives the same groups). */
export function randomPartition(ids: readonly string[], shape: { groupSize?: number; groupCount?: number }, seed: number): string[][] {
  const sizes = groupSizes(ids.length, shape);
  const order = shuffle([...ids], seededRandom(seed));
  const groups: string[][] = [];
  let next = 0;
  for (const size of sizes) {
    groups.push(order.slice(next, next + size));
    next += size;
  }
  return groups;
}

/**
 * Greedy snake draft (the usual hand method, a baseline): students sorted by the first numeric criterion, highest
 * first (no data last), dealt to groups 1..k, then k..1, and so on. Ignores every other criterion and rule.
 */
export function snakeDraft(input: FormationInput): string[][] {
  const sizes = groupSizes(input.students.length, input);
  const numeric = input.criteria.find((criterion) => criterion.type === "numeric");
  const valueOf = (index: number) => {
    const value = numeric ? input.students[index]!.attributes[numeric.attribute] : null;
    return typeof value === "number" && Number.isFinite(value) ? value : -Infinity;
  };
  const order = input.students.map((_, index) => index).sort((a, b) => valueOf(b) - valueOf(a) || a - b);
  const groups: string[][] = sizes.map(() => []);
  order.forEach((student, rank) => {
    const round = Math.floor(rank / sizes.length);
    const position = rank % sizes.length;
    groups[round % 2 === 0 ? position : sizes.length - 1 - position]!.push(input.students[student]!.id);
  });
  return groups;
}

/** Enough swap evaluations for a good max-min at every class size, and under 10 s for 3,000 students. */
function defaultIterations(studentCount: number): number {
  return Math.max(60_000, studentCount * 300);
}

/** Describes each group and the partition (minimum, mean, per criterion) for the teacher. */
function summarise(model: FormationModel, groups: number[][], iterations: number): FormationResult {
  const scores = groups.map((members) => model.describe(members));
  const totals = scores.map((score) => score.total);
  const criteria: Record<string, { minimum: number; mean: number }> = {};
  const keys = new Set(scores.flatMap((score) => Object.keys(score.criteria)));
  for (const key of keys) {
    const values = scores.map((score) => score.criteria[key]).filter((value): value is number => value !== undefined);
    criteria[key] = { minimum: Math.min(...values), mean: values.reduce((sum, value) => sum + value, 0) / values.length };
  }
  return {
    groups: groups.map((members) => members.map((index) => model.ids[index]!)),
    scores,
    minimum: totals.length ? Math.min(...totals) : 0,
    mean: totals.length ? totals.reduce((sum, value) => sum + value, 0) / totals.length : 0,
    criteria,
    iterations,
    warnings: [...model.warnings],
  };
}
