import { sql } from "drizzle-orm";
import { prepareRaw, preparedPerDatabase, queryRows, type Db } from "../../db/client.js";
import type { RealtimeBus } from "./bus.js";
import { accessChangedEvent } from "./access.js";

/** One outbox row as the dispatcher reads it. */
export interface OutboxRow {
  id: number;
  type: string;
  rooms: string[];
  payload: Record<string, unknown>;
  at: string;
}

export interface DispatcherOptions {
  /** How long a gap in the ids (a transaction still in flight, or rolled back) holds delivery. */
  holdMs?: number;
  /** The fallback poll, for events written by another process without a wake-up (a command-line import). */
  pollMs?: number;
  /** How long an id skipped over a gap is still looked for (a transaction that committed late). */
  lateMs?: number;
  batch?: number;
  onError?: (error: unknown) => void;
}

/** The outbox after the cursor: what the dispatcher reads at every wake-up, so a prepared statement. */
const outboxAfter = preparedPerDatabase((db) =>
  prepareRaw<Record<string, unknown>>(
    db,
    "realtime_outbox_after",
    sql`select id, type, rooms, payload, at from events where id > ${sql.placeholder("cursor")} order by id limit ${sql.placeholder("batch")}`,
  ),
);

/** Serialises a stored event as the server message every subscriber receives (once per event). */
export function serializeEvent(row: OutboxRow): string {
  // A person's access changes name other people: the subscribers get only the fact.
  const payload = row.type === accessChangedEvent ? {} : row.payload;
  return JSON.stringify({ type: "event", id: row.id, event: row.type, rooms: row.rooms, payload, at: row.at });
}

export const toRow = (r: Record<string, unknown>): OutboxRow => ({
  id: Number(r.id),
  type: String(r.type),
  rooms: r.rooms as string[],
  payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  at: r.at instanceof Date ? r.at.toISOString() : new Date(String(r.at)).toISOString(),
});

/** The newest event id stored now (where live delivery starts). */
export async function newestEventId(db: Db): Promise<number> {
  const [row] = await queryRows<{ id: string }>(db, sql`select coalesce(max(id), 0)::bigint as id from events`);
  return Number(row!.id);
}

/**
 * Reads the outbox in id order and publishes each event once on the bus (decision 013).
 *
 * Ids are taken at insert but transactions commit out of order: when id n+1 is missing while n+2
 * is visible, n+1 may still commit. The reader holds at such a gap for `holdMs` (the wake-up
 * after that commit ends the hold at once), then treats the missing ids as rolled back and moves on; it still
 * looks for them for `lateMs` and delivers one that commits late (out of order, but delivered).
 */
export class OutboxDispatcher {
  private cursor = 0;
  private readonly skipped = new Map<number, number>(); // id -> give up looking at (ms)
  private gap: { after: number; since: number } | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private leading = false;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly holdMs: number;
  private readonly pollMs: number;
  private readonly lateMs: number;
  private readonly batch: number;

  constructor(
    private readonly db: Db,
    private readonly bus: RealtimeBus,
    private readonly options: DispatcherOptions = {},
  ) {
    this.holdMs = options.holdMs ?? 1000;
    this.pollMs = options.pollMs ?? 1000;
    this.lateMs = options.lateMs ?? 60_000;
    this.batch = options.batch ?? 500;
  }

  /**
   * Starts reading at each wake-up (events committed in some process: `bus.wakeReader`) and at
   * each slow poll; the first read starts after the newest stored event (or the previous reader's cursor).
   */
  start(): Promise<void> {
    this.bus.onWake(() => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
    return Promise.resolve();
  }

  /** Reads the outbox soon (coalesces wake-ups while a read runs). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.runLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  /** The last id up to which every event has been published or given up on. */
  get position(): number {
    return this.cursor;
  }

  private async runLoop() {
    try {
      do {
        this.again = false;
        if (!(await this.ensureLeading())) break;
        while (!this.stopped && (await this.readOnce())) this.again = false;
      } while (this.again && !this.stopped);
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.running = false;
    }
  }

  private async ensureLeading(): Promise<boolean> {
    const lead = await this.bus.lead();
    if (lead && !this.leading) {
      // A new reader continues where the previous one stopped (or after the newest event).
      const saved = await this.bus.loadCursor();
      this.cursor = saved ?? (await newestEventId(this.db));
      this.gap = null;
      this.skipped.clear();
    }
    this.leading = lead;
    return lead;
  }

  /** One batch; true when there may be more to read at once. */
  private async readOnce(): Promise<boolean> {
    const now = Date.now();
    for (const [id, until] of this.skipped) if (until <= now) this.skipped.delete(id);
    const late = [...this.skipped.keys()];
    const found =
      late.length > 0
        ? await queryRows<Record<string, unknown>>(
            this.db,
            sql`select id, type, rooms, payload, at from events where id > ${this.cursor} or id = any(${sql.param(late)}::bigint[]) order by id limit ${this.batch}`,
          )
        : await outboxAfter(this.db)({ cursor: this.cursor, batch: this.batch });
    const rows = found.map(toRow);
    let published = 0;
    for (const row of rows) {
      if (row.id <= this.cursor) {
        // A transaction that committed after its id was skipped: deliver it now, out of order.
        if (this.skipped.delete(row.id)) await this.publish(row);
        continue;
      }
      if (row.id !== this.cursor + 1) {
        const waited = this.gap && this.gap.after === this.cursor ? now - this.gap.since : 0;
        if (!this.gap || this.gap.after !== this.cursor) this.gap = { after: this.cursor, since: now };
        if (waited < this.holdMs) {
          this.scheduleRetry(Math.min(50, this.holdMs - waited));
          break;
        }
        const missing = row.id - this.cursor - 1;
        if (missing <= 10_000) for (let id = this.cursor + 1; id < row.id; id++) this.skipped.set(id, now + this.lateMs);
      }
      this.gap = null;
      await this.publish(row);
      this.cursor = row.id;
      published++;
    }
    if (published > 0) await this.bus.saveCursor(this.cursor);
    return rows.length === this.batch && published > 0;
  }

  private async publish(row: OutboxRow) {
    await this.bus.publishEvent(serializeEvent(row));
  }

  private scheduleRetry(ms: number) {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.wake();
    }, ms);
    this.retryTimer.unref();
  }
}
