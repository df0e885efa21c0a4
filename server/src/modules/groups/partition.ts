/**
 * Seeded random partitions (the "random" strategy, and the fallback start of formation).
 * Pure: no I/O. The same seed and students give the same groups.
 */

/** A small, fast, seedable PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of a copy. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** How many groups for n students: the count given, or enough groups of at most `groupSize`. */
export function groupCountFor(n: number, sizing: { groupSize?: number; groupCount?: number }): number {
  if (sizing.groupCount !== undefined) return Math.max(1, sizing.groupCount);
  return Math.max(1, Math.ceil(n / Math.max(1, sizing.groupSize ?? n)));
}

/**
 * A uniform random partition into `count` groups whose sizes differ by at most one (counting locked
 * members, who stay in the group index they are locked to).
 */
export function randomPartition(
  studentIds: readonly string[],
  count: number,
  seed: number,
  locked: Readonly<Record<string, number>> = {},
): string[][] {
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (const id of studentIds) {
    const at = locked[id];
    if (at !== undefined && at >= 0 && at < count) groups[at]!.push(id);
  }
  const free = shuffle(
    studentIds.filter((id) => !(locked[id] !== undefined && locked[id]! >= 0 && locked[id]! < count)),
    seededRandom(seed),
  );
  for (const id of free) {
    // Fill the smallest group first (lowest index on ties) so sizes stay within one of each other.
    let target = 0;
    for (let g = 1; g < count; g++) if (groups[g]!.length < groups[target]!.length) target = g;
    groups[target]!.push(id);
  }
  return groups;
}
