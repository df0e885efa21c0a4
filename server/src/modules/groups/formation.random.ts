/** Seeded randomness for group formation: the same seed gives the same groups (no Math.random). */

/** A random source: next() returns a float in [0, 1). */
export interface Random {
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
}

/** mulberry32: a small, fast 32-bit generator, plenty for shuffling students (not for secrets). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (bound) => Math.floor(next() * bound) };
}

/** Fisher-Yates shuffle in place: every order equally likely. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
