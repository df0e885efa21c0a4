import type { TMyTask, TTask, TTaskCreate, TTaskSettings, TTaskUpdate } from "@stoa/contracts";
import { ZTaskCreate, ZTaskUpdate } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { sanitizeRichText } from "../../platform/rich-text.js";
import { groupRelation } from "../groups/groups.policy.js";
import { findGroupOfStudent, getSetForActor, listGroupsOfSet } from "../groups/membership.js";
import { notify } from "../notifications/notify.js";
import * as roster from "../roster/roster.service.js";
import { canManageTasks, taskRelation, type TaskRelation } from "./tasks.policy.js";
import { presentTask } from "./tasks.presenter.js";
import * as repo from "./tasks.repository.js";
import { StaleVersion } from "./stale-version.js";

/** A task as one actor may see it. */
export interface TaskForActor {
  task: repo.TaskRow;
  setName: string;
  relation: TaskRelation;
  /** The student's group in the task's set (null for teachers). */
  myGroup: { id: string; name: string } | null;
}

/**
 * A task and the actor's relation to it, or null when the actor may not see it (answer 404):
 * teachers of the class; students of the class with a group in the task's published set.
 */
export async function getTaskForActor(db: DbOrTx, actor: Actor, taskId: string): Promise<TaskForActor | null> {
  const found = await repo.findTask(db, actor.districtId, taskId);
  if (!found) return null;
  const access = await getSetForActor(db, actor, found.task.setId);
  const relation = taskRelation(access?.relation ?? null);
  if (!relation) return null;
  if (relation === "teacher") return { task: found.task, setName: found.setName, relation, myGroup: null };
  const group = await findGroupOfStudent(db, found.task.setId, actor.userId);
  if (!group) return null;
  return { task: found.task, setName: found.setName, relation, myGroup: { id: group.groupId, name: group.name } };
}

/** Like getTaskForActor, but a missing or invisible task is a 404. */
export async function requireTask(db: DbOrTx, actor: Actor, taskId: string): Promise<TaskForActor> {
  const found = await getTaskForActor(db, actor, taskId);
  if (!found) throw notFound("Task");
  return found;
}

/** The caller's relation to a class (404 when the class is not visible). */
async function classRelation(db: DbOrTx, actor: Actor, classId: string) {
  const { data } = await roster.getClass(db, actor, classId);
  return { relation: taskRelation(groupRelation(actor, { schoolId: data.school.id, myRole: data.myRole })), schoolId: data.school.id };
}

/** The tasks of a class: all for its teachers; for a student, those where they have a group of a published set. */
export async function listTasksOfClass(
  db: Db,
  actor: Actor,
  classId: string,
): Promise<{ data: TTask[]; policies: Record<string, boolean> }> {
  const { relation } = await classRelation(db, actor, classId);
  if (!relation) throw notFound("Class");
  const rows = await repo.listTasksOfClass(db, actor.districtId, classId, relation === "student" ? actor.userId : null);
  return { data: rows.map((r) => presentTask(r.task, r.setName)), policies: { manage: canManageTasks(relation) } };
}

/** A student's tasks across their classes, with their group in each. */
export async function listMyTasks(db: Db, actor: Actor): Promise<TMyTask[]> {
  const rows = await repo.listTasksOfStudent(db, actor.districtId, actor.userId);
  return rows.map((r) => ({
    task: presentTask(r.task, r.setName),
    group: { id: r.groupId, name: r.groupName },
    className: r.className,
    submitted: r.submittedAt !== null,
  }));
}

/** Settings as stored: rich text sanitised, dates as Date, numbers as exact strings. */
function settingsToRow(input: TTaskSettings) {
  return {
    title: input.title,
    instructions: sanitizeRichText(input.instructions),
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    dueAt: new Date(input.dueAt),
    roles: input.roles,
    rotateRoles: input.rotateRoles,
    phases: input.rotateRoles ? input.phases : [],
    markingScheme: input.markingScheme,
    peerMethod: input.peerMethod,
    peerCriteria: input.peerCriteria,
    peerIncludeSelf: input.peerIncludeSelf,
    peerWeight: input.peerWeight.toFixed(2),
    penaltyKind: input.penaltyKind,
    penaltyAmount: input.penaltyAmount.toFixed(2),
    ratingOpensAt: input.ratingOpensAt ? new Date(input.ratingOpensAt) : null,
    ratingClosesAt: input.ratingClosesAt ? new Date(input.ratingClosesAt) : null,
  };
}

/** Creates a task for a class's group set (teachers of the class). */
export async function createTask(db: Db, actor: Actor, raw: TTaskCreate): Promise<TTask> {
  // Parse again so direct callers get the same defaults and cross-field rules as HTTP clients.
  const input = ZTaskCreate.parse(raw);
  const { relation } = await classRelation(db, actor, input.classId);
  if (!relation) throw notFound("Class");
  if (!canManageTasks(relation)) throw forbidden("Only the class's teachers can create group tasks");
  const access = await getSetForActor(db, actor, input.setId);
  if (!access || access.set.classId !== input.classId)
    throw badRequest("Choose a group set of this class", [{ path: "setId", message: "This group set does not belong to the class" }]);
  if (access.set.archivedAt) throw badRequest("That group set is archived; choose another", [{ path: "setId", message: "archived" }]);
  return db.transaction(async (tx) => {
    const row = await repo.insertTask(tx, {
      ...settingsToRow(input),
      districtId: actor.districtId,
      classId: input.classId,
      setId: input.setId,
      createdBy: actor.userId,
    });
    await audit(tx, actor, {
      action: "task.create",
      targetType: "group_task",
      targetId: row.id,
      details: { title: row.title, setId: row.setId },
    });
    await recordEvent(tx, actor.districtId, "task.created", [`class:${row.classId}`], { taskId: row.id, classId: row.classId });
    // Students see a task only through a published set: tell them when there is something to see.
    if (access.set.publishedAt !== null) {
      const members = (await listGroupsOfSet(tx, row.setId)).flatMap((g) => g.members.map((m) => m.userId));
      await notify(tx, {
        districtId: actor.districtId,
        userIds: members,
        actorId: actor.userId,
        kind: "task",
        title: `New group task: ${row.title}`,
        body: `Your group has a new task in ${access.set.name}.`,
        link: `/tasks/${row.id}`,
      });
    }
    return presentTask(row, access.set.name);
  });
}

/** Edits a task's settings (teachers of the class); a stale version is a 409 with the current task. */
export async function updateTask(db: Db, actor: Actor, taskId: string, raw: TTaskUpdate): Promise<TTask> {
  const input = ZTaskUpdate.parse(raw);
  const found = await requireTask(db, actor, taskId);
  if (!canManageTasks(found.relation)) throw forbidden("Only the class's teachers can edit this task");
  return db.transaction(async (tx) => {
    const row = await repo.updateTaskIfVersion(tx, taskId, input.version, settingsToRow(input));
    if (!row) {
      const current = await repo.findTask(tx, actor.districtId, taskId);
      throw new StaleVersion(current ? presentTask(current.task, current.setName) : null);
    }
    await audit(tx, actor, { action: "task.update", targetType: "group_task", targetId: taskId, details: { version: row.version } });
    await recordEvent(tx, actor.districtId, "task.updated", [`class:${row.classId}`], { taskId, version: row.version });
    return presentTask(row, found.setName);
  });
}

/** Archives a task (teachers of the class); students no longer see it, its work stays. */
export async function archiveTask(db: Db, actor: Actor, taskId: string): Promise<void> {
  const found = await requireTask(db, actor, taskId);
  if (!canManageTasks(found.relation)) throw forbidden("Only the class's teachers can remove this task");
  await db.transaction(async (tx) => {
    await repo.archiveTask(tx, taskId);
    await audit(tx, actor, { action: "task.archive", targetType: "group_task", targetId: taskId, details: { title: found.task.title } });
    await recordEvent(tx, actor.districtId, "task.archived", [`class:${found.task.classId}`], { taskId });
  });
}

/** One task with the caller's group (students) and what they may do. */
export async function getTask(db: Db, actor: Actor, taskId: string) {
  const found = await requireTask(db, actor, taskId);
  return {
    data: { task: presentTask(found.task, found.setName), myGroup: found.myGroup },
    policies: { manage: canManageTasks(found.relation) },
  };
}
