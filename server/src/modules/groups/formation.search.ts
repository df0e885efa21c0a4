/**
 * The swap search of group formation (max-min, then mean; hard rules first), with iterated local search kicks.
 * Pure and deterministic given its Random.
 */
import type { Evaluation, FormationModel } from "./formation.model.js";
import type { Random } from "./formation.random.js";

/** Iterated local search: forced swaps per kick, and kicks in a row without a better partition before a restart. */
const KICK_SWAPS = 3;
const KICKS_WITHOUT_GAIN = 50;

/** A partition under search: members per group, each student's group, each group's evaluation. */
export interface Assignment {
  groups: number[][];
  groupOf: Int32Array;
  evaluations: Evaluation[];
}

/**
 * Swap search: random swaps between two groups, and swaps aimed at the current lowest group, each kept when the pair
 * of groups gets better (fewer hard breaks, then fewer split keep-together pairs, then a higher lower score, then a
 * higher sum). The global minimum therefore never falls. Stops when the lowest group cannot be raised by any swap.
 */
export class SwapSearch {
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
export function isBetter(candidate: Assignment, incumbent: Assignment): boolean {
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
