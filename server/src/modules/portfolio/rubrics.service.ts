import type { TRubricCreate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { getClass } from "../roster/roster.service.js";
import * as repo from "./rubrics.repository.js";
import { presentRubric } from "./rubrics.presenter.js";

/** The actor's place in a class (404 when they cannot see it): teachers manage rubrics and assessments, students submit. */
export async function classRole(db: DbOrTx, actor: Actor, classId: string) {
  const { data } = await getClass(db, actor, classId);
  return { isTeacher: data.myRole === "teacher", isStudent: data.myRole === "student", classId: data.id };
}

/** Throws unless the actor teaches the class (404 when they cannot see it at all). */
export async function requireTeacher(db: DbOrTx, actor: Actor, classId: string) {
  const role = await classRole(db, actor, classId);
  if (!role.isTeacher) throw forbidden("Only a teacher of this class can do that");
  return role;
}

/** Rubrics of a class, for its teachers and students. */
export async function listRubrics(db: Db, actor: Actor, classId: string) {
  const role = await classRole(db, actor, classId);
  if (!role.isTeacher && !role.isStudent) throw forbidden("Only the teachers and students of this class see its rubrics");
  return (await repo.listRubrics(db, actor.districtId, { classId })).map(presentRubric);
}

/** A teacher creates a rubric (criteria x levels with points) for their class. */
export async function createRubric(db: Db, actor: Actor, classId: string, input: TRubricCreate) {
  await requireTeacher(db, actor, classId);
  const id = await db.transaction(async (tx) => {
    const rubricId = await repo.insertRubric(tx, { districtId: actor.districtId, classId, createdBy: actor.userId }, input);
    await audit(tx, actor, {
      action: "portfolio.rubric.create",
      targetType: "portfolio_rubric",
      targetId: rubricId,
      details: { classId, title: input.title },
    });
    return rubricId;
  });
  return getRubric(db, actor.districtId, id);
}

/** One rubric by id within the district (callers check access through its class). */
export async function getRubric(db: DbOrTx, districtId: string, id: string) {
  const [row] = await repo.listRubrics(db, districtId, { id });
  if (!row) throw notFound("Rubric");
  return presentRubric(row);
}
