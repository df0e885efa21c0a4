/**
 * The peer module's only door into tasks and groups: the task with the actor's relation to it,
 * the caller's group, and the per-group summaries for the teacher's overview. Everything here
 * goes through the tasks and groups modules' public functions.
 */
import type { TGroupTaskSummary } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { findGroupOfStudent, getSetForActor, listGroupsOfSet } from "../groups/membership.js";
import { taskRelation } from "../tasks/tasks.policy.js";
import { findTask, type TaskRow } from "../tasks/tasks.repository.js";

/** A task as the peer module sees it, with the actor's relation and (for a student) their group. */
export interface PeerTask {
  task: TaskRow;
  relation: "teacher" | "student";
  /** The student's group in the task's set; null for teachers and for students without a group. */
  myGroup: { groupId: string; name: string } | null;
}

/** The task and the actor's relation to it, or null when the actor may not see it (answer 404). */
export async function findTaskForPeer(db: DbOrTx, actor: Actor, taskId: string): Promise<PeerTask | null> {
  const row = await findTask(db, actor.districtId, taskId);
  if (!row) return null;
  const set = await getSetForActor(db, actor, row.task.setId);
  const relation = taskRelation(set?.relation ?? null);
  if (!relation) return null;
  if (relation === "teacher") return { task: row.task, relation, myGroup: null };
  const myGroup = await findGroupOfStudent(db, row.task.setId, actor.userId);
  return myGroup ? { task: row.task, relation, myGroup } : null;
}

/** The groups of the task's set with their members (names as shown). */
export async function groupsOfTask(db: DbOrTx, task: TaskRow) {
  return listGroupsOfSet(db, task.setId);
}

/** Per-group summaries (charter, board, submission, contributions) for the teacher's overview. */
export async function summariesOfTask(db: DbOrTx, actor: Actor, task: TaskRow): Promise<TGroupTaskSummary[]> {
  const groups = await listGroupsOfSet(db, task.setId);
  void actor;
  // Until the tasks module exposes its summaries, the overview shows members and empty progress.
  return groups.map((g) => ({
    group: { id: g.id, name: g.name },
    members: g.members.map((m) => ({ id: m.userId, name: m.name })),
    charterAgreed: false,
    charterSignatures: 0,
    cards: { todo: 0, doing: 0, done: 0 },
    submission: { version: 0, submittedAt: null, updatedAt: null },
    contributions: [],
  }));
}
