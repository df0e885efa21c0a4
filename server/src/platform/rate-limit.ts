import type { Redis } from "ioredis";
import { tooManyRequests } from "./errors.js";

/** Counts actions per key in fixed windows; shared by every process when it stands on Redis. */
export interface RateLimiter {
  /** Counts one action; returns the seconds to wait when the limit is already reached, else 0. */
  hit(key: string, limit: number, windowSeconds: number): Promise<number>;
}

/** Counters in this process only: for the embedded mode and tests (one process). */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let sweptAt = now();
  return {
    hit(key, limit, windowSeconds) {
      const t = now();
      // Drop ended windows now and then so that the map does not grow with every key ever seen.
      if (t - sweptAt > 60_000) {
        for (const [k, w] of windows) if (w.endsAt <= t) windows.delete(k);
        sweptAt = t;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= t) {
        window = { count: 0, endsAt: t + windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count += 1;
      return Promise.resolve(window.count > limit ? Math.max(1, Math.ceil((window.endsAt - t) / 1000)) : 0);
    },
  };
}

/** Counters in Redis, so that several server processes share one limit per person. */
export function redisRateLimiter(redis: Redis): RateLimiter {
  return {
    async hit(key, limit, windowSeconds) {
      const name = `stoa:rate:${key}`;
      const [[, count], [, ttl]] = (await redis.multi().incr(name).pttl(name).exec()) as [[null, number], [null, number]];
      if (ttl < 0) await redis.pexpire(name, windowSeconds * 1000);
      return count > limit ? Math.max(1, Math.ceil((ttl < 0 ? windowSeconds * 1000 : ttl) / 1000)) : 0;
    },
  };
}

/** Throws 429 (with Retry-After) when the key has used up its limit in the current window. */
export async function enforceRateLimit(limiter: RateLimiter, key: string, limit: number, windowSeconds: number, what: string): Promise<void> {
  const wait = await limiter.hit(key, limit, windowSeconds);
  if (wait > 0) throw tooManyRequests(wait, `You are ${what} too fast. Wait ${wait} seconds and try again.`);
}
