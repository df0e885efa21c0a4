import type { DbOrTx } from "../db/client.js";
import { events } from "../db/schema/index.js";

/** Records a domain event in the outbox, in the same transaction as the change it describes. */
export async function recordEvent(db: DbOrTx, districtId: string, type: string, rooms: string[], payload: Record<string, unknown>) {
  await db.insert(events).values({ districtId, type, rooms, payload });
}
