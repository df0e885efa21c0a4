import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { getTestDatabase } from "../../test/db.js";
import { buildDistrictRow } from "../../test/factories.js";
import { onEventsCommitted, recordEvent } from "../events.js";
import { localBus } from "./bus.js";
import { OutboxDispatcher } from "./dispatcher.js";

const running: OutboxDispatcher[] = [];
const stopWaking: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stopWaking.splice(0)) stop();
  for (const d of running.splice(0)) await d.stop();
});

/** A dispatcher on the test database, and the events it published for one room (as ids). */
async function startDispatcher(room: string, holdMs: number, pollMs = 200) {
  const database = await getTestDatabase();
  const bus = localBus();
  const published: number[] = [];
  bus.onEvent((text) => {
    const event = JSON.parse(text) as { id: number; rooms: string[] };
    if (event.rooms.includes(room)) published.push(event.id);
  });
  const dispatcher = new OutboxDispatcher(database.db, bus, { holdMs, pollMs });
  running.push(dispatcher);
  stopWaking.push(onEventsCommitted(() => bus.wakeReader()));
  await dispatcher.start();
  return { database, published };
}

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Inserts one event and returns its id. */
async function insertEvent(db: Awaited<ReturnType<typeof getTestDatabase>>["db"], districtId: string, room: string) {
  const { events } = await import("../../db/schema/index.js");
  const [row] = await db
    .insert(events)
    .values({ districtId, type: "test.happened", rooms: [room], payload: {} })
    .returning({ id: events.id });
  return row!.id;
}

describe("the outbox dispatcher", () => {
  it("wakes when events are committed, long before its fallback poll, and not for a rollback", async () => {
    const room = `test:${randomUUID()}`;
    const { database, published } = await startDispatcher(room, 300, 600_000);
    const district = await buildDistrictRow(database.db);
    let woken = 0;
    stopWaking.push(onEventsCommitted(() => woken++));
    await database.db
      .transaction(async (tx) => {
        await recordEvent(tx, district.id, "test.rolled_back", [room], {});
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(woken).toBe(0);
    await database.db.transaction(async (tx) => {
      await recordEvent(tx, district.id, "test.happened", [room], {});
      expect(woken).toBe(0); // not before the commit
    });
    expect(woken).toBe(1);
    await until(() => published.length === 1, 10_000);
    await recordEvent(database.db, district.id, "test.happened", [room], {}); // a statement of its own
    expect(woken).toBe(2);
    await until(() => published.length === 2, 10_000);
  });

  it("delivers committed events in id order and moves past a rolled-back id after the hold", async () => {
    const room = `test:${randomUUID()}`;
    const { database, published } = await startDispatcher(room, 300);
    const district = await buildDistrictRow(database.db);
    const first = await insertEvent(database.db, district.id, room);
    await until(() => published.includes(first));
    // A transaction that records an event and rolls back leaves a hole in the ids.
    await database.db
      .transaction(async (tx) => {
        await recordEvent(tx, district.id, "test.rolled_back", [room], {});
        throw new Error("roll back");
      })
      .catch(() => undefined);
    const third = await insertEvent(database.db, district.id, room);
    await until(() => published.includes(third));
    expect(published).toEqual([first, third]);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    "holds a later event while an earlier id is still in flight, then delivers both in order",
    async () => {
      const room = `test:${randomUUID()}`;
      const { database, published } = await startDispatcher(room, 10_000);
      const district = await buildDistrictRow(database.db);
      const slow = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await slow.connect();
      try {
        await slow.query("begin");
        const inFlight = await slow.query<{ id: string }>(
          "insert into events (district_id, type, rooms, payload) values ($1, 'test.slow', $2, '{}') returning id",
          [district.id, [room]],
        );
        const later = await insertEvent(database.db, district.id, room);
        // The later event is committed and visible, but must wait for the id before it.
        await new Promise((r) => setTimeout(r, 500));
        expect(published).toEqual([]);
        await slow.query("commit");
        await until(() => published.length === 2);
        expect(published).toEqual([Number(inFlight.rows[0]!.id), later]);
      } finally {
        await slow.end();
      }
    },
  );
});
