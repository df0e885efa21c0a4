import type { DbOrTx } from "../../db/client.js";
import { recordEvent } from "../events.js";
import { sessionKeyOf } from "./session-key.js";

/** Internal real-time events: the dispatcher acts on them (re-checks, closes sockets). */
export const accessChangedEvent = "access.changed";
export const sessionEndedEvent = "session.ended";

/**
 * Records that these people's access may have changed (group membership, enrolment, roles), in
 * the transaction of the change: every process re-checks their subscriptions when it is delivered
 * and sends `revoked` for the rooms they lost. Each person's own room (`user:<id>`) carries it.
 */
export async function recordAccessChange(tx: DbOrTx, districtId: string, userIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await recordEvent(
    tx,
    districtId,
    accessChangedEvent,
    ids.map((id) => `user:${id}`),
    { userIds: ids },
  );
}

/** Records that a session ended (sign-out): every process closes that session's sockets. */
export async function recordSessionEnded(tx: DbOrTx, districtId: string, userId: string, tokenHash: string): Promise<void> {
  await recordEvent(tx, districtId, sessionEndedEvent, [`user:${userId}`], { session: sessionKeyOf(tokenHash) });
}
