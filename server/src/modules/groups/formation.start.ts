/** Starting partitions for group formation: fixed sizes, locks placed, keep-apart never broken. Pure, no I/O. */
import { FormationError } from "./formation.types.js";
import type { FormationModel } from "./formation.model.js";
import { type Random, shuffle } from "./formation.random.js";

/** How many construction attempts before keep-apart pairs are declared impossible. */
const CONSTRUCTION_ATTEMPTS = 30;

/** Gives the larger sizes to the groups holding the most locked members, and checks locked members fit. */
export function sizesForLocks(model: FormationModel, sizes: number[]): number[] {
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
export function startingPartition(model: FormationModel, sizes: number[], random: Random, start: number): number[][] | null {
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
