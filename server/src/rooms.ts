/**
 * The room policies of the core areas (decision 013): who may follow `user:`, `class:`, `group:`,
 * `school:` and `district:` rooms. Each answers as the matching REST read does; other areas
 * register their own kinds (threads, boards, brainstorms) next to their routes.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "./db/client.js";
import { schools } from "./db/schema/index.js";
import { adminSchools, isDistrictAdmin, type Actor } from "./platform/actor.js";
import { registerRoomPolicy } from "./platform/realtime/room-policies.js";
import { getGroupForActor } from "./modules/groups/membership.js";
import { getClass } from "./modules/roster/roster.service.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** May the actor read this class (its page and roster)? */
async function mayReadClass(db: Db, actor: Actor, id: string): Promise<boolean> {
  if (!uuid.test(id)) return false;
  try {
    await getClass(db, actor, id);
    return true;
  } catch {
    return false;
  }
}

/** Does the actor administer this school (a school admin of it, or a district admin of its district)? */
async function administersSchool(db: Db, actor: Actor, id: string): Promise<boolean> {
  if (!uuid.test(id)) return false;
  const schoolsInReach = adminSchools(actor);
  if (schoolsInReach !== null && !schoolsInReach.includes(id)) return false;
  const [row] = await db
    .select({ id: schools.id })
    .from(schools)
    .where(and(eq(schools.id, id), eq(schools.districtId, actor.districtId)))
    .limit(1);
  return row !== undefined;
}

/** Registers the core room kinds. */
export function registerCoreRoomPolicies(): void {
  registerRoomPolicy("user", (_db, actor, id) => Promise.resolve(id === actor.userId));
  registerRoomPolicy("class", mayReadClass);
  registerRoomPolicy("group", async (db, actor, id) => uuid.test(id) && (await getGroupForActor(db, actor, id)) !== null);
  registerRoomPolicy("school", administersSchool);
  registerRoomPolicy("district", (_db, actor, id) => Promise.resolve(isDistrictAdmin(actor) && id === actor.districtId));
}
