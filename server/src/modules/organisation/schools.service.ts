import type { TSchool, TSchoolCreate, TSchoolUpdate } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { presentSchool } from "./schools.presenter.js";
import { canCreateSchool, schoolListPolicies, schoolPolicies, schoolUpdateProblem } from "./schools.policy.js";
import * as repo from "./schools.repository.js";

/** Every school of the actor's district; every signed-in person of the district may see them. */
export async function listSchools(db: Db, actor: Actor) {
  const rows = await repo.listSchools(db, actor.districtId);
  return { data: rows.map(presentSchool), policies: schoolListPolicies(actor) };
}

/** One school of the actor's district, or 404. */
export async function getSchool(db: Db, actor: Actor, id: string) {
  const row = await repo.findSchool(db, actor.districtId, id);
  if (!row) throw notFound("School");
  return { data: presentSchool(row), policies: schoolPolicies(actor, row.id) };
}

/** Opens a school (district administrators only). */
export async function createSchool(db: Db, actor: Actor, input: TSchoolCreate) {
  if (!canCreateSchool(actor)) throw forbidden("Only a district administrator can add a school");
  const row = await db.transaction(async (tx) => {
    const school = await repo.insertSchool(tx, {
      districtId: actor.districtId,
      name: input.name,
      identifier: input.identifier || null,
      timeZone: input.timeZone,
    });
    await audit(tx, actor, { action: "school.create", targetType: "school", targetId: school.id, details: { name: school.name, timeZone: school.timeZone } });
    await recordEvent(tx, actor.districtId, "school.created", [`district:${actor.districtId}`], { id: school.id });
    return school;
  });
  return { data: presentSchool(row), policies: schoolPolicies(actor, row.id) };
}

/** Changes a school: district admins anything, the school's own admins its name and time zone. */
export async function updateSchool(db: Db, actor: Actor, id: string, input: TSchoolUpdate) {
  const existing = await repo.findSchool(db, actor.districtId, id);
  if (!existing) throw notFound("School");
  const problem = schoolUpdateProblem(actor, id, input);
  if (problem) throw forbidden(problem);
  const changes = schoolChanges(existing, input);
  if (Object.keys(changes).length === 0) return { data: presentSchool(existing), policies: schoolPolicies(actor, id) };
  const row = await db.transaction(async (tx) => {
    const school = await repo.updateSchool(tx, actor.districtId, id, changes);
    if (!school) throw notFound("School");
    await audit(tx, actor, { action: "school.update", targetType: "school", targetId: id, details: { changes } });
    await recordEvent(tx, actor.districtId, "school.updated", [`district:${actor.districtId}`, `school:${id}`], { id });
    return school;
  });
  return { data: presentSchool(row), policies: schoolPolicies(actor, id) };
}

/** Only the fields that really change, so the audit row says what happened. */
function schoolChanges(existing: repo.SchoolRow, input: TSchoolUpdate): Partial<Pick<TSchool, "name" | "identifier" | "timeZone" | "status">> {
  const changes: Partial<Pick<TSchool, "name" | "identifier" | "timeZone" | "status">> = {};
  if (input.name !== undefined && input.name !== existing.name) changes.name = input.name;
  if (input.timeZone !== undefined && input.timeZone !== existing.timeZone) changes.timeZone = input.timeZone;
  if (input.identifier !== undefined && (input.identifier || null) !== existing.identifier) changes.identifier = input.identifier || null;
  if (input.status !== undefined && input.status !== existing.status) changes.status = input.status;
  return changes;
}
