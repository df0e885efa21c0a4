import type { SessionRow } from "./identity.repository.js";

/**
 * A short-lived, process-local copy of resolved sessions, so most requests need no session query.
 * The database stays the only source of truth (decision 007): an entry lives a few seconds, then
 * the session is read again (and its last-seen time written when due). Everything that ends a
 * session or changes a person's roles or status in this process forgets their entries at once;
 * another process sees such a change when its copy expires (at most `ttlMs` later).
 */
export class SessionCache {
  private readonly entries = new Map<string, { row: SessionRow; storedAt: number }>();

  constructor(private readonly maxEntries = 20_000) {}

  /** The cached session for this token hash, when stored less than `ttlMs` ago. */
  get(tokenHash: string, now: number, ttlMs: number): SessionRow | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.storedAt >= ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.row;
  }

  /** Stores a session just read from the database. */
  set(tokenHash: string, row: SessionRow, now: number): void {
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { row, storedAt: now });
    // A Map iterates in insertion order: the first keys are the oldest entries.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(key);
    }
  }

  /** Forgets one session (signed out, rotated, expired). */
  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Forgets every session of a person, except the one given (password changed, roles or status changed). */
  forgetUser(userId: string, exceptTokenHash?: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.row.userId === userId && key !== exceptTokenHash) this.entries.delete(key);
    }
  }

  /** Forgets every session. */
  clear(): void {
    this.entries.clear();
  }

  /** How many sessions are cached (for tests). */
  get size(): number {
    return this.entries.size;
  }
}
