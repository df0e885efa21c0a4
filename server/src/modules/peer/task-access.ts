/**
 * The peer module's only door into tasks and groups: the task with the actor's relation to it,
 * the caller's group, and the per-group summaries for the teacher's overview. Everything here
 * goes through the tasks and groups modules' public functions.
 */
import type { TGroupTaskSummary } from "@stoa/contracts";
import type { DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { listGroupsOfSet } from "../groups/membership.js";
import { listGroupSummaries } from "../tasks/space.service.js";
import { getTaskForActor } from "../tasks/tasks.service.js";
import type { TaskRow } from "../tasks/tasks.repository.js";

/** A task as the peer module sees it, with the actor's relation and (for a student) their group. */
export interface PeerTask {
  task: TaskRow;
  relation: "teacher" | "student";
  /** The student's group in the task's set; null for teachers. */
  myGroup: { groupId: string; name: string } | null;
}

/** The task and the actor's relation to it, or null when the actor may not see it (answer 404). */
export async function findTaskForPeer(db: DbOrTx, actor: Actor, taskId: string): Promise<PeerTask | null> {
  const found = await getTaskForActor(db, actor, taskId);
  if (!found) return null;
  return {
    task: found.task,
    relation: found.relation,
    myGroup: found.myGroup ? { groupId: found.myGroup.id, name: found.myGroup.name } : null,
  };
}

/** The groups of the task's set with their members (names as shown). */
export async function groupsOfTask(db: DbOrTx, task: TaskRow) {
  return listGroupsOfSet(db, task.setId);
}

/** Per-group summaries (charter, board, submission, contributions) for the teacher's overview. */
export async function summariesOfTask(db: DbOrTx, actor: Actor, task: TaskRow): Promise<TGroupTaskSummary[]> {
  return listGroupSummaries(db, actor, task.id);
}
