/**
 * Group formation's compiled model: the input checked (FormationError for what a teacher must fix) and turned into
 * index-based arrays, and the evaluation of one group from its members' indexes. Pure, no I/O.
 */
import {
  NOT_SCORED,
  categoricalMatch,
  categoricalMix,
  friendRequests,
  numericMatch,
  numericMix,
  popcount32,
  repeatPairings,
  scheduleOverlap,
  sharedValueMatch,
  weightedMean,
} from "./formation.scores.js";
import { type AttributeValue, type Criterion, FormationError, type FormationInput, type GroupScore } from "./formation.types.js";

type CompiledCriterion =
  | { kind: "numeric"; source: Criterion; match: boolean; values: Float64Array; classRange: number }
  | { kind: "category"; source: Criterion; match: boolean; codes: Int32Array; valuesInClass: number }
  | { kind: "set"; source: Criterion; match: boolean; codes: CodeLists; counts: Int32Array }
  | { kind: "schedule"; source: Criterion; words: (Uint32Array | null)[]; wordCount: number; slotsWanted: number }
  | { kind: "isolate"; source: Criterion; codes: CodeLists; counts: Int32Array; watched: Uint8Array; names: string[] };

/** Each student's value codes, flattened: student i holds codes[start[i] .. start[i + 1]); none = no data. */
interface CodeLists {
  codes: Int32Array;
  start: Int32Array;
}

/** What the optimiser compares: hard-rule breaks first, then broken keep-together pairs, then the score. */
export interface Evaluation {
  /** Weighted mean of the criteria, 0 when a hard rule breaks. */
  total: number;
  /** Isolated members (don't isolate) plus kept-apart pairs found together. */
  hardBreaks: number;
  /** Members whose keep-together partner is in another group. */
  togetherBroken: number;
}

/** Group sizes within one of each other: `groupCount` groups, or ceil(n / groupSize) groups so none exceeds the size asked. */
export function groupSizes(studentCount: number, shape: { groupSize?: number; groupCount?: number }): number[] {
  const { groupSize, groupCount } = shape;
  if ((groupSize === undefined) === (groupCount === undefined)) throw new FormationError("Give either a group size or a number of groups.");
  if (studentCount === 0) throw new FormationError("There are no students to put into groups.");
  const asked = groupSize ?? groupCount!;
  if (!Number.isInteger(asked) || asked < 1)
    throw new FormationError("The group size and the number of groups must be whole numbers of at least 1.");
  if (groupSize !== undefined && groupSize > studentCount)
    throw new FormationError(`Groups of ${groupSize} need at least ${groupSize} students; there are ${studentCount}.`);
  if (groupCount !== undefined && groupCount > studentCount)
    throw new FormationError(`${groupCount} groups need at least ${groupCount} students; there are ${studentCount}.`);
  const count = groupCount ?? Math.ceil(studentCount / groupSize!);
  const base = Math.floor(studentCount / count);
  const larger = studentCount % count;
  return Array.from({ length: count }, (_, index) => (index < larger ? base + 1 : base));
}

/** The compiled input: students by index, criteria as typed arrays, rules as adjacency lists. */
export class FormationModel {
  readonly n: number;
  readonly ids: readonly string[];
  readonly indexOf = new Map<string, number>();
  readonly warnings: string[] = [];
  readonly criteria: CompiledCriterion[] = [];
  readonly apart: number[][];
  readonly together: number[][];
  /** -1 = free to move, else the group index the student is locked to. */
  readonly lockedTo: Int32Array;
  private readonly hasPairs: boolean;
  private readonly history = new Map<number, number>();
  private readonly historyMax: number = 0;
  private readonly historyWeight: number = 0;
  private readonly friendPairs = new Set<number>();
  private readonly askers: Uint8Array;
  private readonly friendWeight: number;
  private readonly scores: Float64Array;
  private readonly weights: Float64Array;
  private readonly scratch: Float64Array;
  private readonly gaps: Float64Array;

  /** Checks the input (throws FormationError) and compiles it; `groupCount` is the number of groups the partition will have. */
  constructor(
    readonly input: FormationInput,
    groupCount: number,
  ) {
    this.ids = input.students.map((student) => student.id);
    this.n = this.ids.length;
    this.ids.forEach((id, index) => {
      if (this.indexOf.has(id)) throw new FormationError(`Student ${id} is listed twice.`);
      this.indexOf.set(id, index);
    });
    const keys = new Set<string>();
    for (const criterion of input.criteria) {
      if (keys.has(criterion.key)) throw new FormationError(`Two criteria are called "${criterion.key}"; give each its own name.`);
      keys.add(criterion.key);
      const compiled = this.compileCriterion(criterion);
      if (compiled) this.criteria.push(compiled);
    }
    this.apart = this.pairLists(input.keepApart ?? [], "keep apart");
    this.together = this.pairLists(input.keepTogether ?? [], "keep together");
    this.lockedTo = this.compileLocks(groupCount);
    this.hasPairs = this.apart.some((list) => list.length > 0) || this.together.some((list) => list.length > 0);
    if (input.history && input.history.weight > 0) {
      this.historyWeight = input.history.weight;
      for (const { a, b, count } of input.history.pairs) {
        const i = this.indexOf.get(a);
        const j = this.indexOf.get(b);
        if (i === undefined || j === undefined || i === j || !(count > 0)) continue;
        const key = this.pairKey(i, j);
        const total = (this.history.get(key) ?? 0) + count;
        this.history.set(key, total);
        this.historyMax = Math.max(this.historyMax, total);
      }
    }
    this.askers = new Uint8Array(this.n);
    this.friendWeight = input.friendWeight ?? 1;
    for (const [asker, asked] of input.friendRequests ?? []) {
      const i = this.indexOf.get(asker);
      const j = this.indexOf.get(asked);
      if (i === undefined || j === undefined || i === j) continue;
      this.askers[i] = 1;
      this.friendPairs.add(this.pairKey(i, j));
    }
    const slots = this.criteria.length + 2;
    this.scores = new Float64Array(slots);
    this.weights = new Float64Array(slots);
    this.scratch = new Float64Array(this.n);
    this.gaps = new Float64Array(this.n);
  }

  /** Whether the repeat-pairings criterion takes part (a history with a weight and at least one repeat). */
  get hasHistory(): boolean {
    return this.historyWeight > 0 && this.historyMax > 0;
  }

  /** Whether the friend-requests criterion takes part. */
  get hasFriends(): boolean {
    return this.friendPairs.size > 0 && this.friendWeight > 0;
  }

  /** Evaluates the group made of members[0..count) into `out` (no allocation). */
  evaluate(members: ArrayLike<number>, count: number, out: Evaluation): void {
    let hardBreaks = 0;
    let slot = 0;
    for (const criterion of this.criteria) {
      if (criterion.kind === "isolate") {
        hardBreaks += this.isolatedValues(criterion, members, count, null);
        continue;
      }
      this.scores[slot] = this.scoreCriterion(criterion, members, count);
      this.weights[slot] = criterion.source.weight;
      slot++;
    }
    if (this.hasHistory) {
      this.scores[slot] = repeatPairings(this.historySquares(members, count), count, this.historyMax);
      this.weights[slot++] = this.historyWeight;
    }
    if (this.hasFriends) {
      this.scores[slot] = this.friendsScore(members, count);
      this.weights[slot++] = this.friendWeight;
    }
    let togetherBroken = 0;
    // Most classes have no pairs at all: skip the loops then (this runs twice per swap evaluated).
    if (this.hasPairs)
      for (let m = 0; m < count; m++) {
        const student = members[m]!;
        for (const partner of this.apart[student]!) if (partner > student && contains(members, count, partner)) hardBreaks++;
        for (const partner of this.together[student]!) if (!contains(members, count, partner)) togetherBroken++;
      }
    out.hardBreaks = hardBreaks;
    out.togetherBroken = togetherBroken;
    out.total = hardBreaks > 0 ? 0 : weightedMean(this.scores, this.weights, slot);
  }

  /** The group's score with per-criterion detail and the hard rules it breaks, in words for the teacher. */
  describe(members: readonly number[]): GroupScore {
    const evaluation: Evaluation = { total: 0, hardBreaks: 0, togetherBroken: 0 };
    this.evaluate(members, members.length, evaluation);
    const criteria: Record<string, number> = {};
    const violations: string[] = [];
    for (const criterion of this.criteria) {
      if (criterion.kind === "isolate") {
        this.isolatedValues(criterion, members, members.length, violations);
        continue;
      }
      const score = this.scoreCriterion(criterion, members, members.length);
      if (score !== NOT_SCORED) criteria[criterion.source.key] = score;
    }
    if (this.hasHistory) {
      const score = repeatPairings(this.historySquares(members, members.length), members.length, this.historyMax);
      if (score !== NOT_SCORED) criteria.history = score;
    }
    if (this.hasFriends) {
      const score = this.friendsScore(members, members.length);
      if (score !== NOT_SCORED) criteria.friends = score;
    }
    for (const student of members)
      for (const partner of this.apart[student]!)
        if (partner > student && members.includes(partner))
          violations.push(`${this.ids[student]} and ${this.ids[partner]} must be kept apart.`);
    return { total: evaluation.total, criteria, violations };
  }

  /** Unordered pair key for index pairs. */
  pairKey(i: number, j: number): number {
    return i < j ? i * this.n + j : j * this.n + i;
  }

  private scoreCriterion(criterion: Exclude<CompiledCriterion, { kind: "isolate" }>, members: ArrayLike<number>, count: number): number {
    switch (criterion.kind) {
      case "numeric": {
        let withData = 0;
        for (let m = 0; m < count; m++) {
          const value = criterion.values[members[m]!]!;
          if (!Number.isNaN(value)) this.scratch[withData++] = value;
        }
        return criterion.match
          ? numericMatch(this.scratch, withData, criterion.classRange)
          : numericMix(this.scratch, withData, criterion.classRange, this.gaps);
      }
      case "category": {
        let withData = 0;
        let distinct = 0;
        for (let m = 0; m < count; m++) {
          const code = criterion.codes[members[m]!]!;
          if (code < 0) continue;
          withData++;
          let seen = false;
          for (let k = 0; k < m && !seen; k++) seen = criterion.codes[members[k]!] === code;
          if (!seen) distinct++;
        }
        return criterion.match
          ? categoricalMatch(distinct, withData, criterion.valuesInClass)
          : categoricalMix(distinct, withData, criterion.valuesInClass);
      }
      case "set": {
        const { codes, start } = criterion.codes;
        const counts = criterion.counts;
        let withData = 0;
        let largest = 0;
        for (let m = 0; m < count; m++) {
          const from = start[members[m]!]!;
          const to = start[members[m]! + 1]!;
          if (from === to) continue;
          withData++;
          for (let c = from; c < to; c++) {
            const seen = ++counts[codes[c]!]!;
            if (seen > largest) largest = seen;
          }
        }
        for (let m = 0; m < count; m++) for (let c = start[members[m]!]!; c < start[members[m]! + 1]!; c++) counts[codes[c]!] = 0;
        const match = sharedValueMatch(largest, withData);
        return match === NOT_SCORED || criterion.match ? match : 1 - match;
      }
      case "schedule": {
        let withData = 0;
        let common = 0;
        for (let w = 0; w < criterion.wordCount; w++) {
          let word = 0xffffffff;
          withData = 0;
          for (let m = 0; m < count; m++) {
            const words = criterion.words[members[m]!];
            if (!words) continue;
            withData++;
            word &= words[w]!;
          }
          if (withData > 0) common += popcount32(word);
        }
        return scheduleOverlap(common, withData, criterion.slotsWanted);
      }
    }
  }

  /** Counts values held by exactly one member (and names them in `violations` when given). */
  private isolatedValues(
    criterion: Extract<CompiledCriterion, { kind: "isolate" }>,
    members: ArrayLike<number>,
    count: number,
    violations: string[] | null,
  ): number {
    const { codes, start } = criterion.codes;
    const { counts, watched } = criterion;
    for (let m = 0; m < count; m++) for (let c = start[members[m]!]!; c < start[members[m]! + 1]!; c++) counts[codes[c]!]!++;
    let isolated = 0;
    for (let m = 0; m < count; m++) {
      for (let c = start[members[m]!]!; c < start[members[m]! + 1]!; c++) {
        const code = codes[c]!;
        if (counts[code] === 1 && watched[code]) {
          isolated++;
          violations?.push(`Only one member has ${criterion.source.attribute} "${criterion.names[code]}" (rule: don't isolate).`);
        }
      }
    }
    for (let m = 0; m < count; m++) for (let c = start[members[m]!]!; c < start[members[m]! + 1]!; c++) counts[codes[c]!] = 0;
    return isolated;
  }

  private historySquares(members: ArrayLike<number>, count: number): number {
    let sum = 0;
    for (let a = 0; a < count; a++)
      for (let b = a + 1; b < count; b++) {
        const times = this.history.get(this.pairKey(members[a]!, members[b]!));
        if (times) sum += times * times;
      }
    return sum;
  }

  private friendsScore(members: ArrayLike<number>, count: number): number {
    let askers = 0;
    let honoured = 0;
    for (let a = 0; a < count; a++) {
      askers += this.askers[members[a]!]!;
      for (let b = a + 1; b < count; b++) if (this.friendPairs.has(this.pairKey(members[a]!, members[b]!))) honoured++;
    }
    return friendRequests(honoured, askers);
  }

  private compileCriterion(criterion: Criterion): CompiledCriterion | null {
    const { key, attribute, type, mode } = criterion;
    const raw = this.input.students.map((student) => student.attributes[attribute] ?? null);
    const present = raw.filter((value) => !isMissing(value));
    if (present.length === 0)
      throw new FormationError(`No student has a value for "${attribute}" (criterion "${key}"); collect it first or remove the criterion.`);
    if (mode !== "dontIsolate" && !(criterion.weight > 0 && Number.isFinite(criterion.weight)))
      throw new FormationError(`Criterion "${key}" needs a weight above 0.`);
    if (mode === "dontIsolate") return this.compileIsolate(criterion, raw);
    if (type === "numeric") {
      const values = new Float64Array(raw.map((value) => (typeof value === "number" && Number.isFinite(value) ? value : Number.NaN)));
      const numbers = Array.from(values).filter((value) => !Number.isNaN(value));
      if (numbers.length === 0) throw new FormationError(`"${attribute}" has no numbers (criterion "${key}"); pick a numeric attribute.`);
      if (numbers.length < present.length) this.warnings.push(`Some values of "${attribute}" are not numbers and were left out.`);
      const classRange = Math.max(...numbers) - Math.min(...numbers);
      if (classRange === 0)
        this.warnings.push(`Every student has the same "${attribute}", so criterion "${key}" cannot tell groups apart.`);
      return { kind: "numeric", source: criterion, match: mode === "match", values, classRange };
    }
    if (type === "schedule") {
      if (mode !== "match") throw new FormationError(`Criterion "${key}": a schedule can only be matched (overlapping free time).`);
      const dictionary = new Map<string, number>();
      const slotLists = raw.map((value) => (isMissing(value) ? null : asStrings(value).map((slot) => codeOf(dictionary, slot))));
      const wordCount = Math.max(1, Math.ceil(dictionary.size / 32));
      const words = slotLists.map((list) => {
        if (!list) return null;
        const bits = new Uint32Array(wordCount);
        for (const code of list) bits[code >>> 5]! |= 1 << (code & 31);
        return bits;
      });
      return { kind: "schedule", source: criterion, words, wordCount, slotsWanted: Math.max(1, criterion.slotsWanted ?? 1) };
    }
    const dictionary = new Map<string, number>();
    if (raw.some((value) => Array.isArray(value))) {
      const codes = codeLists(raw, dictionary);
      return { kind: "set", source: criterion, match: mode === "match", codes, counts: new Int32Array(dictionary.size) };
    }
    const codes = Int32Array.from(raw, (value) => (isMissing(value) ? -1 : codeOf(dictionary, String(value))));
    return { kind: "category", source: criterion, match: mode === "match", codes, valuesInClass: dictionary.size };
  }

  private compileIsolate(criterion: Criterion, raw: AttributeValue[]): CompiledCriterion | null {
    const dictionary = new Map<string, number>();
    const codes = codeLists(raw, dictionary);
    const names = [...dictionary.keys()];
    const holders = new Int32Array(names.length);
    for (const code of codes.codes) holders[code]!++;
    const watched = new Uint8Array(names.length);
    const wanted = criterion.values ? new Set(criterion.values) : null;
    names.forEach((name, code) => {
      if (wanted && !wanted.has(name)) return;
      if (holders[code] === 1) {
        this.warnings.push(
          `Only one student has ${criterion.attribute} "${name}", so they cannot be grouped with another; the rule is skipped for that value.`,
        );
        return;
      }
      watched[code] = 1;
    });
    return { kind: "isolate", source: criterion, codes, counts: new Int32Array(names.length), watched, names };
  }

  private pairLists(pairs: readonly (readonly [string, string])[], rule: string): number[][] {
    const lists: number[][] = Array.from({ length: this.n }, () => []);
    for (const [a, b] of pairs) {
      const i = this.indexOf.get(a);
      const j = this.indexOf.get(b);
      if (i === undefined || j === undefined) {
        this.warnings.push(`A "${rule}" pair names a student who is not in this class; it was ignored.`);
        continue;
      }
      if (i === j || lists[i]!.includes(j)) continue;
      lists[i]!.push(j);
      lists[j]!.push(i);
    }
    return lists;
  }

  private compileLocks(groupCount: number): Int32Array {
    const lockedTo = new Int32Array(this.n).fill(-1);
    for (const [id, group] of Object.entries(this.input.locked ?? {})) {
      const index = this.indexOf.get(id);
      if (index === undefined) {
        this.warnings.push(`A locked student is not in this class any more; the lock was ignored.`);
        continue;
      }
      if (!Number.isInteger(group) || group < 0 || group >= groupCount)
        throw new FormationError(`Student ${id} is locked to group ${group + 1}, but there are only ${groupCount} groups.`);
      lockedTo[index] = group;
    }
    for (let i = 0; i < this.n; i++)
      for (const j of this.apart[i]!)
        if (j > i && lockedTo[i]! >= 0 && lockedTo[i] === lockedTo[j])
          throw new FormationError(
            `${this.ids[i]} and ${this.ids[j]} must be kept apart but are both locked to group ${lockedTo[i]! + 1}.`,
          );
    return lockedTo;
  }
}

function isMissing(value: AttributeValue | undefined): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function asStrings(value: AttributeValue): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function codeLists(raw: AttributeValue[], dictionary: Map<string, number>): CodeLists {
  const lists = raw.map((value) => (isMissing(value) ? [] : [...new Set(asStrings(value).map((v) => codeOf(dictionary, v)))]));
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => (start[index + 1] = start[index]! + list.length));
  return { codes: Int32Array.from(lists.flat()), start };
}

function codeOf(dictionary: Map<string, number>, value: string): number {
  let code = dictionary.get(value);
  if (code === undefined) dictionary.set(value, (code = dictionary.size));
  return code;
}

function contains(members: ArrayLike<number>, count: number, student: number): boolean {
  for (let m = 0; m < count; m++) if (members[m] === student) return true;
  return false;
}
