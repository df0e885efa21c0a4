/**
 * Group formation (../shared/specs/collaboration.md, "Forming groups"): the criteria optimiser, the scoring of a
 * given partition, and the two baselines (random partition, snake draft). Pure and deterministic: the same input and
 * seed give the same groups. Objective: the lowest group score first (max-min), then the mean; hard rules before both.
 */
import { type Evaluation, FormationModel, groupSizes } from "./formation.model.js";
import { type Random, seededRandom, shuffle } from "./formation.random.js";
import { FormationError, type FormationInput, type FormationResult, type GroupScore } from "./formation.types.js";

export { FormationError } from "./formation.types.js";
export type { Criterion, FormationInput, FormationResult, FormationStudent, GroupScore, AttributeValue } from "./formation.types.js";
export { groupSizes } from "./formation.model.js";

const DEFAULT_RESTARTS = 20;
const DEFAULT_TIME_MS = 20_000;
/** How many construction attempts before keep-apart pairs are declared impossible. */
const CONSTRUCTION_ATTEMPTS = 30;
/** Iterated local search: forced swaps per kick, and kicks in a row without a better partition before a restart. */
const KICK_SWAPS = 3;
const KICKS_WITHOUT_GAIN = 50;

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
  const orderedSizes = sizesForLocks(model, sizes);
  const search = new SwapSearch(model, orderedSizes, random);
  let best: Assignment | null = null;
  let spent = 0;
  for (let start = 0; start < budget.restarts; start++) {
    if (start > 0 && spent >= budget.iterations) break;
    const initial = startingPartition(model, orderedSizes, random, start);
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

interface Assignment {
  groups: number[][];
  groupOf: Int32Array;
  evaluations: Evaluation[];
}

/** Enough swap evaluations for a good max-min at every class size, and under 10 s for 3,000 students. */
function defaultIterations(studentCount: number): number {
  return Math.max(60_000, studentCount * 400);
}

/** Gives the larger sizes to the groups holding the most locked members, and checks locked members fit. */
function sizesForLocks(model: FormationModel, sizes: number[]): number[] {
  const lockedCount = new Array<number>(sizes.length).fill(0);
  for (const group of model.lockedTo) if (group >= 0) lockedCount[group]!++;
  const byLocks = sizes.map((_, group) => group).sort((a, b) => lockedCount[b]! - lockedCount[a]! || a - b);
  const sorted = [...sizes].sort((a, b) => b - a);
  const result = new Array<number>(sizes.length);
  byLocks.forEach((group, rank) => (result[group] = sorted[rank]!));
  byLocks.forEach((group) => {
    if (lockedCount[group]! > result[group]!)
      throw new FormationError(
        `${lockedCount[group]} students are locked to group ${group + 1}, but groups hold at most ${result[group]}.`,
      );
  });
  return result;
}

/** The start-th starting partition: the given one first (if usable), then a snake-draft-like greedy one, then random ones. */
function startingPartition(model: FormationModel, sizes: number[], random: Random, start: number): number[][] | null {
  if (start === 0 && model.input.start) {
    const given = usableStart(model, sizes);
    if (given) return given;
    model.warnings.push("The current groups could not be used as a starting point (sizes, locks or rules differ).");
  }
  const numeric = model.input.criteria.find((criterion) => criterion.type === "numeric" && criterion.mode === "mix");
  const greedy = start === (model.input.start ? 1 : 0) && numeric !== undefined;
  for (let attempt = 0; attempt < CONSTRUCTION_ATTEMPTS; attempt++) {
    const order = shuffle(
      model.ids.map((_, index) => index),
      random,
    );
    if (greedy) {
      const values = model.input.students.map((student) => student.attributes[numeric.attribute]);
      const valueOf = (index: number) => (typeof values[index] === "number" ? values[index] : -Infinity);
      order.sort((a, b) => valueOf(b) - valueOf(a));
    }
    const built = construct(model, sizes, order, random, greedy);
    if (built) return built;
  }
  return null;
}

/** Places students in `order`: locked ones first, then the most constrained, never breaking keep-apart. */
function construct(model: FormationModel, sizes: number[], order: number[], random: Random, snake: boolean): number[][] | null {
  const groupCount = sizes.length;
  const groups: number[][] = sizes.map(() => []);
  const groupOf = new Int32Array(model.n).fill(-1);
  const place = (student: number, group: number) => {
    groups[group]!.push(student);
    groupOf[student] = group;
  };
  const fits = (student: number, group: number) =>
    groups[group]!.length < sizes[group]! && !model.apart[student]!.some((partner) => groupOf[partner] === group);
  for (let student = 0; student < model.n; student++) if (model.lockedTo[student]! >= 0) place(student, model.lockedTo[student]!);
  // Students with keep-apart partners go first (stable), so the easy ones fill in around them.
  const rest = order.filter((student) => groupOf[student] === -1);
  const constrained = rest
    .filter((student) => model.apart[student]!.length > 0)
    .sort((a, b) => model.apart[b]!.length - model.apart[a]!.length);
  const free = rest.filter((student) => model.apart[student]!.length === 0);
  let rank = 0;
  for (const student of [...constrained, ...free]) {
    const partnerGroup = model.together[student]!.map((partner) => groupOf[partner]!).find((group) => group >= 0 && fits(student, group));
    let chosen = partnerGroup ?? -1;
    if (chosen < 0 && snake) {
      const round = Math.floor(rank / groupCount);
      const position = rank % groupCount;
      const preferred = round % 2 === 0 ? position : groupCount - 1 - position;
      if (fits(student, preferred)) chosen = preferred;
    }
    if (chosen < 0) chosen = pickByRoom(groups, sizes, random, (group) => fits(student, group));
    if (chosen < 0) chosen = makeRoom(model, groups, groupOf, sizes, student);
    if (chosen < 0) return null;
    place(student, chosen);
    rank++;
  }
  return groups;
}

/** A group with room, chosen with probability proportional to its free places (a uniform random seat). */
function pickByRoom(groups: number[][], sizes: number[], random: Random, allowed: (group: number) => boolean): number {
  let totalRoom = 0;
  for (let group = 0; group < groups.length; group++) if (allowed(group)) totalRoom += sizes[group]! - groups[group]!.length;
  if (totalRoom === 0) return -1;
  let seat = random.below(totalRoom);
  for (let group = 0; group < groups.length; group++) {
    if (!allowed(group)) continue;
    seat -= sizes[group]! - groups[group]!.length;
    if (seat < 0) return group;
  }
  return -1;
}

/** Moves one movable member out of a full group the student may join into a group with room; returns that group or -1. */
function makeRoom(model: FormationModel, groups: number[][], groupOf: Int32Array, sizes: number[], student: number): number {
  const clash = (who: number, group: number) => model.apart[who]!.some((partner) => groupOf[partner] === group);
  for (let target = 0; target < groups.length; target++) {
    if (clash(student, target)) continue;
    for (const member of groups[target]!) {
      if (model.lockedTo[member]! >= 0) continue;
      for (let other = 0; other < groups.length; other++) {
        if (other === target || groups[other]!.length >= sizes[other]! || clash(member, other)) continue;
        groups[target]!.splice(groups[target]!.indexOf(member), 1);
        groups[other]!.push(member);
        groupOf[member] = other;
        return target;
      }
    }
  }
  return -1;
}

/** The teacher's current partition as a start, when it covers everyone, has the same sizes and keeps the locks and keep-apart. */
function usableStart(model: FormationModel, sizes: number[]): number[][] | null {
  const given = model.input.start!;
  if (given.length !== sizes.length) return null;
  const seen = new Uint8Array(model.n);
  const groups: number[][] = [];
  for (let group = 0; group < given.length; group++) {
    const members: number[] = [];
    for (const id of given[group]!) {
      const index = model.indexOf.get(id);
      if (index === undefined || seen[index]) return null;
      const locked = model.lockedTo[index]!;
      if (locked >= 0 && locked !== group) return null;
      seen[index] = 1;
      members.push(index);
    }
    if (members.some((a) => model.apart[a]!.some((b) => members.includes(b)))) return null;
    groups.push(members);
  }
  // Swaps keep sizes, so any arrangement of the same sizes will do.
  const givenSizes = groups.map((members) => members.length).sort((a, b) => a - b);
  const wanted = [...sizes].sort((a, b) => a - b);
  if (givenSizes.some((size, index) => size !== wanted[index])) return null;
  return seen.every((flag) => flag === 1) ? groups : null;
}

/**
 * Swap search: random swaps between two groups, and swaps aimed at the current lowest group, each kept when the pair
 * of groups gets better (fewer hard breaks, then fewer split keep-together pairs, then a higher lower score, then a
 * higher sum). The global minimum therefore never falls. Stops when the lowest group cannot be raised by any swap.
 */
class SwapSearch {
  private readonly scratchA: Int32Array;
  private readonly scratchB: Int32Array;
  private readonly trialA: Evaluation = { total: 0, hardBreaks: 0, togetherBroken: 0 };
  private readonly trialB: Evaluation = { total: 0, hardBreaks: 0, togetherBroken: 0 };

  constructor(
    private readonly model: FormationModel,
    private readonly sizes: number[],
    private readonly random: Random,
  ) {
    const largest = Math.max(...sizes);
    this.scratchA = new Int32Array(largest);
    this.scratchB = new Int32Array(largest);
  }

  /** Improves `groups` in place within `maxEvaluations` swap evaluations (or the deadline). */
  run(groups: number[][], maxEvaluations: number, deadline: number): { assignment: Assignment; evaluations: number } {
    const { model } = this;
    const groupOf = new Int32Array(model.n);
    groups.forEach((members, group) => members.forEach((student) => (groupOf[student] = group)));
    const evaluations = groups.map((members) => {
      const evaluation: Evaluation = { total: 0, hardBreaks: 0, togetherBroken: 0 };
      model.evaluate(members, members.length, evaluation);
      return evaluation;
    });
    const movable = groups.map((members) => members.map((_, slot) => slot).filter((slot) => model.lockedTo[members[slot]!]! < 0));
    const swappable = groups.map((_, group) => group).filter((group) => movable[group]!.length > 0);
    const state: Assignment = { groups, groupOf, evaluations };
    let spent = 0;
    if (swappable.length < 2) return { assignment: state, evaluations: 0 };
    const batch = Math.max(32, groups.length * 2);
    let best: Assignment | null = null;
    let kicksWithoutGain = 0;
    while (spent < maxEvaluations) {
      for (let i = 0; i < batch && spent < maxEvaluations; i++, spent++) {
        const [a, b] = this.twoGroups(swappable);
        this.trySwap(state, a, this.slotOf(movable, a), b, this.slotOf(movable, b));
      }
      if (Date.now() > deadline) break;
      const lowest = lowestGroup(evaluations);
      const found = this.raiseLowest(state, lowest, movable, swappable, maxEvaluations - spent);
      spent += found.evaluations;
      if (found.improved || spent >= maxEvaluations) continue;
      // A local optimum for the lowest group: remember it, then kick (iterated local search) or give up to a restart.
      if (!best || isBetter(state, best)) {
        best = copyAssignment(state);
        kicksWithoutGain = 0;
      } else if (++kicksWithoutGain >= KICKS_WITHOUT_GAIN) break;
      this.kick(state, lowest, movable, swappable);
    }
    if (!best || isBetter(state, best)) best = state;
    return { assignment: best, evaluations: spent };
  }

  /** Forces a few swaps that respect the hard rules (the lowest group's first), whatever they do to the scores. */
  private kick(state: Assignment, lowest: number, movable: number[][], swappable: number[]): void {
    for (let k = 0; k < KICK_SWAPS; k++) {
      const [a, b] = k === 0 && movable[lowest]!.length > 0 ? [lowest, this.otherGroup(swappable, lowest)] : this.twoGroups(swappable);
      this.trySwap(state, a, this.slotOf(movable, a), b, this.slotOf(movable, b), true);
    }
  }

  private twoGroups(swappable: number[]): [number, number] {
    const a = swappable[this.random.below(swappable.length)]!;
    return [a, this.otherGroup(swappable, a)];
  }

  /** A uniformly random swappable group other than `group`. */
  private otherGroup(swappable: number[], group: number): number {
    const pick = swappable[this.random.below(swappable.length - 1)]!;
    return pick === group ? swappable[swappable.length - 1]! : pick;
  }

  private slotOf(movable: number[][], group: number): number {
    return movable[group]![this.random.below(movable[group]!.length)]!;
  }

  /** Tries every swap of the lowest group with every other group (from a random place) until one is kept. */
  private raiseLowest(state: Assignment, lowest: number, movable: number[][], swappable: number[], limit: number) {
    let evaluations = 0;
    if (movable[lowest]!.length === 0) return { improved: false, evaluations };
    const offset = this.random.below(swappable.length);
    for (let k = 0; k < swappable.length; k++) {
      const other = swappable[(offset + k) % swappable.length]!;
      if (other === lowest) continue;
      for (const slotA of movable[lowest]!)
        for (const slotB of movable[other]!) {
          if (evaluations >= limit) return { improved: false, evaluations };
          evaluations++;
          if (this.trySwap(state, lowest, slotA, other, slotB)) return { improved: true, evaluations };
        }
    }
    return { improved: false, evaluations };
  }

  /** Evaluates swapping two members; keeps the swap when the pair of groups improves (or always, when forced). */
  private trySwap(state: Assignment, a: number, slotA: number, b: number, slotB: number, force = false): boolean {
    const { model } = this;
    const membersA = state.groups[a]!;
    const membersB = state.groups[b]!;
    const studentA = membersA[slotA]!;
    const studentB = membersB[slotB]!;
    // Keep-apart is never broken: neither may join a group holding a partner (other than the one leaving).
    for (const partner of model.apart[studentA]!) if (partner !== studentB && state.groupOf[partner] === b) return false;
    for (const partner of model.apart[studentB]!) if (partner !== studentA && state.groupOf[partner] === a) return false;
    const sizeA = membersA.length;
    const sizeB = membersB.length;
    for (let m = 0; m < sizeA; m++) this.scratchA[m] = membersA[m]!;
    for (let m = 0; m < sizeB; m++) this.scratchB[m] = membersB[m]!;
    this.scratchA[slotA] = studentB;
    this.scratchB[slotB] = studentA;
    model.evaluate(this.scratchA, sizeA, this.trialA);
    model.evaluate(this.scratchB, sizeB, this.trialB);
    if (!force && !pairImproves(state.evaluations[a]!, state.evaluations[b]!, this.trialA, this.trialB)) return false;
    membersA[slotA] = studentB;
    membersB[slotB] = studentA;
    state.groupOf[studentA] = b;
    state.groupOf[studentB] = a;
    Object.assign(state.evaluations[a]!, this.trialA);
    Object.assign(state.evaluations[b]!, this.trialB);
    return true;
  }
}

function copyAssignment(state: Assignment): Assignment {
  return {
    groups: state.groups.map((members) => [...members]),
    groupOf: state.groupOf.slice(),
    evaluations: state.evaluations.map((evaluation) => ({ ...evaluation })),
  };
}

/** Lexicographic: fewer hard breaks, fewer split keep-together pairs, a higher lower score, a higher sum. */
function pairImproves(oldA: Evaluation, oldB: Evaluation, newA: Evaluation, newB: Evaluation): boolean {
  const hardBefore = oldA.hardBreaks + oldB.hardBreaks;
  const hardAfter = newA.hardBreaks + newB.hardBreaks;
  if (hardAfter !== hardBefore) return hardAfter < hardBefore;
  const togetherBefore = oldA.togetherBroken + oldB.togetherBroken;
  const togetherAfter = newA.togetherBroken + newB.togetherBroken;
  if (togetherAfter !== togetherBefore) return togetherAfter < togetherBefore;
  const minBefore = Math.min(oldA.total, oldB.total);
  const minAfter = Math.min(newA.total, newB.total);
  if (minAfter !== minBefore) return minAfter > minBefore;
  // Equal minimum: keep only a real gain in the sum (not float noise), so the search cannot cycle.
  return newA.total + newB.total > oldA.total + oldB.total + 1e-12;
}

/** The group that limits the partition: most hard breaks, then most split pairs, then the lowest score. */
function lowestGroup(evaluations: Evaluation[]): number {
  let lowest = 0;
  for (let group = 1; group < evaluations.length; group++) if (compareGroups(evaluations[group]!, evaluations[lowest]!) < 0) lowest = group;
  return lowest;
}

function compareGroups(x: Evaluation, y: Evaluation): number {
  return y.hardBreaks - x.hardBreaks || y.togetherBroken - x.togetherBroken || x.total - y.total;
}

/** Partition order: fewer hard breaks, fewer split pairs, higher minimum, higher mean. */
function isBetter(candidate: Assignment, incumbent: Assignment): boolean {
  const a = objective(candidate.evaluations);
  const b = objective(incumbent.evaluations);
  return a.hard !== b.hard
    ? a.hard < b.hard
    : a.together !== b.together
      ? a.together < b.together
      : a.min !== b.min
        ? a.min > b.min
        : a.sum > b.sum;
}

function objective(evaluations: Evaluation[]) {
  let hard = 0;
  let together = 0;
  let min = Infinity;
  let sum = 0;
  for (const evaluation of evaluations) {
    hard += evaluation.hardBreaks;
    together += evaluation.togetherBroken;
    min = Math.min(min, evaluation.total);
    sum += evaluation.total;
  }
  return { hard, together, min, sum };
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
