/** Starting partitions for group formation: fixed sizes, locks placed, keep-apart never broken. Pure, no I/O. */
import { FormationError } from "./formation.types.js";
import type { FormationModel } from "./formation.model.js";
import { type Random, shuffle } from "./formation.random.js";

/** How many construction attempts before keep-apart pairs are declared impossible. */
const CONSTRUCTION_ATTEMPTS = 30;

/** Checks that locked members fit: at most the larger size per group, and only as many full-size groups as there are. */
export function checkLocks(model: FormationModel, sizes: number[]): void {
  const { base, larger } = shapeOf(sizes);
  const lockedCount = new Array<number>(sizes.length).fill(0);
  for (const group of model.lockedTo) if (group >= 0) lockedCount[group]!++;
  const most = larger > 0 ? base + 1 : base;
  lockedCount.forEach((count, group) => {
    if (count > most) throw new FormationError(`${count} students are locked to group ${group + 1}, but groups hold at most ${most}.`);
  });
  const full = lockedCount.filter((count) => count > base).length;
  if (full > larger)
    throw new FormationError(
      `${full} groups have ${base + 1} locked students, but only ${larger === 1 ? "one group" : `${larger} groups`} can be that large; unlock someone.`,
    );
}

/** Sizes within one: `base` for every group, one more for `larger` of them (which ones is decided while placing). */
function shapeOf(sizes: number[]): { base: number; larger: number } {
  const base = Math.min(...sizes);
  return { base, larger: sizes.filter((size) => size > base).length };
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
    // The greedy order is nearly fixed: if it cannot be built in a few tries, random orders take over.
    const sorted = greedy && attempt < 3;
    if (sorted) {
      const values = model.input.students.map((student) => student.attributes[numeric.attribute]);
      const valueOf = (index: number) => (typeof values[index] === "number" ? values[index] : -Infinity);
      order.sort((a, b) => valueOf(b) - valueOf(a));
    }
    const built = construct(model, sizes, order, random, sorted);
    if (built) return built;
  }
  return null;
}

/** Places students in `order`: locked ones first, then the most constrained, never breaking keep-apart. */
function construct(model: FormationModel, sizes: number[], order: number[], random: Random, snake: boolean): number[][] | null {
  const groupCount = sizes.length;
  const { base, larger } = shapeOf(sizes);
  const groups: number[][] = sizes.map(() => []);
  const groupOf = new Int32Array(model.n).fill(-1);
  let largeGroups = 0;
  // Any group may become one of the larger ones until they are all taken, so locks decide nothing in advance.
  const room = (group: number) => (groups[group]!.length > base || largeGroups < larger ? base + 1 : base) - groups[group]!.length;
  const place = (student: number, group: number) => {
    if (groups[group]!.length === base) largeGroups++;
    groups[group]!.push(student);
    groupOf[student] = group;
  };
  const remove = (student: number) => {
    const group = groupOf[student]!;
    groups[group]!.splice(groups[group]!.indexOf(student), 1);
    if (groups[group]!.length === base) largeGroups--;
    groupOf[student] = -1;
  };
  const clash = (student: number, group: number) => model.apart[student]!.some((partner) => groupOf[partner] === group);
  const fits = (student: number, group: number) => room(group) > 0 && !clash(student, group);
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
    if (chosen < 0) chosen = pickByRoom(groupCount, random, (group) => (clash(student, group) ? 0 : room(group)));
    if (chosen < 0) chosen = makeRoom(model, groups, student, fits, (member, other) => (remove(member), place(member, other)));
    if (chosen < 0) return null;
    place(student, chosen);
    rank++;
  }
  return groups;
}

/** A group with room, chosen with probability proportional to its free places (a uniform random seat). */
function pickByRoom(groupCount: number, random: Random, roomFor: (group: number) => number): number {
  let totalRoom = 0;
  for (let group = 0; group < groupCount; group++) totalRoom += roomFor(group);
  if (totalRoom === 0) return -1;
  let seat = random.below(totalRoom);
  for (let group = 0; group < groupCount; group++) {
    seat -= roomFor(group);
    if (seat < 0) return group;
  }
  return -1;
}

/**
 * Makes room for `student`: moves one movable member (the kept-apart partner in the way, or anyone from a full group)
 * into another group that can take them; returns the group that now has room for the student, or -1.
 */
function makeRoom(
  model: FormationModel,
  groups: number[][],
  student: number,
  fits: (who: number, group: number) => boolean,
  move: (member: number, group: number) => void,
): number {
  for (let target = 0; target < groups.length; target++) {
    // Move the one kept-apart partner standing in the way, or (no partner there) anyone, to make the place.
    const blockers = groups[target]!.filter((member) => model.apart[student]!.includes(member));
    const candidates = blockers.length === 0 ? groups[target]! : blockers.length === 1 ? blockers : [];
    for (const member of [...candidates]) {
      if (model.lockedTo[member]! >= 0) continue;
      for (let other = 0; other < groups.length; other++) {
        if (other === target || !fits(member, other)) continue;
        move(member, other);
        if (fits(student, target)) return target;
        move(member, target);
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
