/**
 * The per-criterion score formulas of group formation (../shared/specs/collaboration.md, "Forming groups").
 * Each takes the values of one group's members that have data and returns a score in [0, 1], or
 * NOT_SCORED when the criterion cannot judge that group. Pure and allocation-light: the optimiser
 * calls them hundreds of thousands of times.
 */

/** Returned when a criterion cannot judge a group (too few members with data); the group's mean leaves it out. */
export const NOT_SCORED = -1;

/**
 * Gini coefficient of non-negative values: sum over all pairs |x_i - x_j| / (2 n^2 mean); 0 when all are equal
 * (or there are none), approaching 1 when one value holds everything.
 */
export function gini(values: ArrayLike<number>, count = values.length): number {
  if (count === 0) return 0;
  let sum = 0;
  let absoluteDifferences = 0;
  for (let i = 0; i < count; i++) {
    sum += values[i]!;
    for (let j = 0; j < count; j++) absoluteDifferences += Math.abs(values[i]! - values[j]!);
  }
  if (sum <= 0) return 0;
  return absoluteDifferences / (2 * count * sum);
}

/** Sorts the first `count` entries in place (insertion sort: groups are small). */
export function sortPrefix(values: Float64Array | number[], count: number): void {
  for (let i = 1; i < count; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}

/**
 * Numeric heterogeneity: (range in the group / range of the class) x (1 - Gini of the gaps between sorted values).
 * `values` holds the `count` members with data and is sorted in place; `gaps` is scratch space of the same length.
 */
export function numericMix(values: Float64Array | number[], count: number, classRange: number, gaps: Float64Array | number[]): number {
  if (count < 2 || classRange <= 0) return NOT_SCORED;
  sortPrefix(values, count);
  const range = values[count - 1]! - values[0]!;
  if (range <= 0) return 0;
  for (let i = 1; i < count; i++) gaps[i - 1] = values[i]! - values[i - 1]!;
  return clamp01((range / classRange) * (1 - gini(gaps, count - 1)));
}

/** Numeric homogeneity (same level): 1 - range in the group / range of the class. */
export function numericMatch(values: ArrayLike<number>, count: number, classRange: number): number {
  if (count < 2 || classRange <= 0) return NOT_SCORED;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < count; i++) {
    low = Math.min(low, values[i]!);
    high = Math.max(high, values[i]!);
  }
  return clamp01(1 - (high - low) / classRange);
}

/** Categorical heterogeneity: (distinct values - 1) / (min(members with data, values in the class) - 1). */
export function categoricalMix(distinct: number, membersWithData: number, valuesInClass: number): number {
  const possible = Math.min(membersWithData, valuesInClass) - 1;
  if (membersWithData < 2 || possible <= 0) return NOT_SCORED;
  return clamp01((distinct - 1) / possible);
}

/** Categorical homogeneity: 1 minus the heterogeneity. */
export function categoricalMatch(distinct: number, membersWithData: number, valuesInClass: number): number {
  const mix = categoricalMix(distinct, membersWithData, valuesInClass);
  return mix === NOT_SCORED ? NOT_SCORED : 1 - mix;
}

/** Set-valued homogeneity (shared interests): (members sharing the most common value - 1) / (members with data - 1). */
export function sharedValueMatch(largestSharing: number, membersWithData: number): number {
  if (membersWithData < 2) return NOT_SCORED;
  return clamp01((largestSharing - 1) / (membersWithData - 1));
}

/** Schedule overlap: slots where every member with data is free / slots wanted, capped at 1. */
export function scheduleOverlap(commonSlots: number, membersWithData: number, slotsWanted: number): number {
  if (membersWithData === 0) return NOT_SCORED;
  return clamp01(commonSlots / Math.max(1, slotsWanted));
}

/**
 * Repeat pairings: 1 - (sum of H_ij^2 over the group's pairs) / (worst case for the group size), the worst case
 * being every pair at the highest count in the history: size (size - 1) / 2 x maxCount^2.
 */
export function repeatPairings(sumOfSquares: number, groupSize: number, maxCount: number): number {
  if (groupSize < 2 || maxCount <= 0) return NOT_SCORED;
  const worst = ((groupSize * (groupSize - 1)) / 2) * maxCount * maxCount;
  return clamp01(1 - sumOfSquares / worst);
}

/** Friend requests: 1 when the group holds exactly one requested pair (at most one is honoured per group), else 0. */
export function friendRequests(honouredPairs: number, askersInGroup: number): number {
  if (askersInGroup === 0) return NOT_SCORED;
  return honouredPairs === 1 ? 1 : 0;
}

/** Weighted mean of the scored criteria (NOT_SCORED entries left out); 1 when none could be scored. */
export function weightedMean(scores: ArrayLike<number>, weights: ArrayLike<number>, count = scores.length): number {
  let weighted = 0;
  let totalWeight = 0;
  for (let i = 0; i < count; i++) {
    if (scores[i] === NOT_SCORED || weights[i]! <= 0) continue;
    weighted += scores[i]! * weights[i]!;
    totalWeight += weights[i]!;
  }
  return totalWeight === 0 ? 1 : clamp01(weighted / totalWeight);
}

/** Number of set bits in a 32-bit word. */
export function popcount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function clamp01(value: number): number {
  if (value < 0) return 0;
  if (value > 1) return 1;
  return value;
}
