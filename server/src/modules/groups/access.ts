import type { DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { canManageSet, canReadWholeSet, groupRelation, type GroupRelation } from "./groups.policy.js";
import * as repo from "./groups.repository.js";

/** What a request needs from a class: to manage its groups, to read everything, or merely to be related to it. */
export type ClassNeed = "manage" | "readAll" | "member";

/** The class and the actor's relation to it, or the right error: 404 when they may not see, 403 when they may see but not change. */
export async function requireClass(db: DbOrTx, actor: Actor, classId: string, need: ClassNeed) {
  const cls = await repo.findClass(db, actor.districtId, actor.userId, classId);
  const relation: GroupRelation = cls ? groupRelation(actor, cls) : null;
  if (!cls || !relation) throw notFound("Class");
  if (need === "readAll" && !canReadWholeSet(relation)) throw notFound("Class");
  if (need === "manage" && !canManageSet(relation)) {
    if (!canReadWholeSet(relation) && relation !== "student") throw notFound("Class");
    throw forbidden("Only the teachers of this class can change its groups");
  }
  return { cls, relation };
}
