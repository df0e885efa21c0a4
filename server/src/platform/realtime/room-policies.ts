import type { Db } from "../../db/client.js";
import type { Actor } from "../actor.js";

/** May this person receive the events of the room `<kind>:<id>`? Same rules as the REST reads. */
export type RoomPolicy = (db: Db, actor: Actor, id: string) => Promise<boolean>;

const policies = new Map<string, RoomPolicy>();

/** Registers the policy of one kind of room (app.ts wires each module's policy here). */
export function registerRoomPolicy(kind: string, policy: RoomPolicy): void {
  policies.set(kind, policy);
}

/** True when the actor may subscribe to the room; unknown kinds and malformed names are refused. */
export async function mayJoinRoom(db: Db, actor: Actor, room: string): Promise<boolean> {
  const at = room.indexOf(":");
  if (at <= 0) return false;
  const policy = policies.get(room.slice(0, at));
  if (!policy) return false;
  return policy(db, actor, room.slice(at + 1));
}
