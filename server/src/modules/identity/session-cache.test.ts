import { describe, expect, it } from "vitest";
import type { SessionRow } from "./identity.repository.js";
import { SessionCache } from "./session-cache.js";

const row = (userId: string): SessionRow => ({
  userId,
  districtId: "d",
  csrfToken: "c",
  createdAt: new Date(0),
  lastSeenAt: new Date(0),
  roles: [],
});

describe("session cache", () => {
  it("keeps an entry for less than its lifetime only", () => {
    const cache = new SessionCache();
    cache.set("a", row("u1"), 1_000);
    expect(cache.get("a", 5_999, 5_000)?.userId).toBe("u1");
    expect(cache.get("a", 6_000, 5_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("forgets one session, or every session of a person but the one kept", () => {
    const cache = new SessionCache();
    cache.set("a", row("u1"), 0);
    cache.set("b", row("u1"), 0);
    cache.set("c", row("u1"), 0);
    cache.set("d", row("u2"), 0);
    cache.forget("a");
    expect(cache.get("a", 1, 5_000)).toBeUndefined();
    cache.forgetUser("u1", "c");
    expect(cache.get("b", 1, 5_000)).toBeUndefined();
    expect(cache.get("c", 1, 5_000)?.userId).toBe("u1");
    expect(cache.get("d", 1, 5_000)?.userId).toBe("u2");
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("drops the oldest entries beyond its capacity", () => {
    const cache = new SessionCache(2);
    cache.set("a", row("u1"), 0);
    cache.set("b", row("u2"), 1);
    cache.set("a", row("u1"), 2); // stored again: now the newest
    cache.set("c", row("u3"), 3);
    expect(cache.size).toBe(2);
    expect(cache.get("b", 4, 5_000)).toBeUndefined();
    expect(cache.get("a", 4, 5_000)?.userId).toBe("u1");
    expect(cache.get("c", 4, 5_000)?.userId).toBe("u3");
  });
});
