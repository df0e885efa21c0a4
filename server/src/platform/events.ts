import { afterCommit, type DbOrTx } from "../db/client.js";
import { events } from "../db/schema/index.js";

/** Records a domain event in the outbox, in the same transaction as the change it describes. */
export async function recordEvent(db: DbOrTx, districtId: string, type: string, rooms: string[], payload: Record<string, unknown>) {
  await db.insert(events).values({ districtId, type, rooms, payload });
  eventsWritten(db);
}

const committedListeners = new Set<() => void>();

/**
 * Call after writing to the outbox through `db` (after the statement): once the events are
 * committed, the real-time reader is woken to deliver them (decision 021). Every writer of
 * `events` calls it; a writer in another process is found by the reader's slow poll.
 */
export function eventsWritten(db: DbOrTx): void {
  afterCommit(db, announceCommitted);
}

function announceCommitted() {
  for (const listener of committedListeners) listener();
}

/** Hears of events committed by this process; returns a function that stops listening. */
export function onEventsCommitted(listener: () => void): () => void {
  committedListeners.add(listener);
  return () => committedListeners.delete(listener);
}
