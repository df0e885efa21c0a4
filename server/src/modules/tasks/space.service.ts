import type {
  TCharter,
  TCharterUpdate,
  TContribution,
  TGroupSpace,
  TGroupTaskSummary,
  TRoleAccept,
  TRoleProposal,
  TTaskRoleAssignment,
} from "@stoa/contracts";
import { ZRoleAccept, ZRoleProposal } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { getGroupForActor, listGroupsOfSet, type GroupMember } from "../groups/membership.js";
import { applyHeartbeat } from "./activity.js";
import { canChangeSpace, canSeeSpace, deadlinePassed, ratingOpen } from "./tasks.policy.js";
import { person, presentCard, presentTask } from "./tasks.presenter.js";
import * as spaces from "./space.repository.js";
import { requireTask, type TaskForActor } from "./tasks.service.js";
import { getSubmission } from "./submission.service.js";
import { StaleVersion } from "./stale-version.js";

/** One group's space of a task as the actor reaches it. */
export interface SpaceContext extends TaskForActor {
  key: spaces.SpaceKey;
  group: { id: string; name: string };
  members: GroupMember[];
  isMember: boolean;
}

/** Loads a group space the actor may see, or 404 (another group's student, anyone outside the class). */
export async function requireSpace(db: DbOrTx, actor: Actor, taskId: string, groupId: string): Promise<SpaceContext> {
  const found = await requireTask(db, actor, taskId);
  const group = await getGroupForActor(db, actor, groupId);
  if (!group || group.group.setId !== found.task.setId) throw notFound("Group");
  if (!canSeeSpace(found.relation, group.isMember)) throw notFound("Group");
  const members = (await listGroupsOfSet(db, found.task.setId)).find((g) => g.id === groupId)?.members ?? [];
  return {
    ...found,
    key: { taskId, groupId, districtId: found.task.districtId },
    group: { id: group.group.id, name: group.group.name },
    members,
    isMember: group.isMember,
  };
}

/** Loads a space the actor may change: a member, before the deadline. */
export async function requireChangeableSpace(
  db: DbOrTx,
  actor: Actor,
  taskId: string,
  groupId: string,
  now = new Date(),
): Promise<SpaceContext> {
  const space = await requireSpace(db, actor, taskId, groupId);
  if (!canChangeSpace(space.relation, space.isMember)) throw forbidden("Only the group's members can change its space; teachers read it");
  if (deadlinePassed(space.task, now)) throw badRequest("The deadline has passed, so the group space can no longer be changed");
  return space;
}

/** Records a change others in the group should see (delivered by the real-time layer later). */
export const recordSpaceEvent = (db: DbOrTx, space: SpaceContext, type: string, payload: Record<string, unknown>) =>
  recordEvent(db, space.key.districtId, type, [`group:${space.key.groupId}`], {
    taskId: space.key.taskId,
    groupId: space.key.groupId,
    ...payload,
  });

/** The charter with its signatures; agreed when every current member signed this version. */
async function loadCharter(db: DbOrTx, space: SpaceContext): Promise<TCharter> {
  const [found, signatures] = await Promise.all([spaces.findCharter(db, space.key), spaces.listSignatures(db, space.key)]);
  const version = found?.charter.version ?? 0;
  const memberIds = new Set(space.members.map((m) => m.userId));
  const current = signatures.filter((s) => s.version === version && memberIds.has(s.userId));
  return {
    goals: found?.charter.goals ?? "",
    norms: found?.charter.norms ?? "",
    decisions: found?.charter.decisions ?? "",
    fallingBehind: found?.charter.fallingBehind ?? "",
    version,
    updatedBy: person(found?.charter.updatedBy ?? null, found?.updatedByName ?? null),
    updatedAt: found ? found.charter.updatedAt.toISOString() : null,
    signatures: current.map((s) => ({ user: { id: s.userId, name: s.name }, signedAt: s.signedAt.toISOString() })),
    agreed: version > 0 && memberIds.size > 0 && current.length === memberIds.size,
  };
}

async function loadRoles(db: DbOrTx, space: SpaceContext): Promise<TTaskRoleAssignment[]> {
  const rows = await spaces.listRoles(db, space.key);
  return rows.map((r) => ({
    phase: r.phase,
    role: r.role,
    user: { id: r.userId, name: r.userName },
    proposedBy: { id: r.proposedBy, name: r.proposedByName },
    proposedAt: r.proposedAt.toISOString(),
    accepted: r.acceptedAt !== null,
  }));
}

/** The whole group space: members, roles, charter, board and submission. */
export async function getSpace(db: Db, actor: Actor, taskId: string, groupId: string, now = new Date()): Promise<TGroupSpace> {
  const space = await requireSpace(db, actor, taskId, groupId);
  const [roles, charter, cards, submission] = await Promise.all([
    loadRoles(db, space),
    loadCharter(db, space),
    spaces.listCards(db, space.key),
    getSubmission(db, space),
  ]);
  const passed = deadlinePassed(space.task, now);
  return {
    task: presentTask(space.task, space.setName),
    group: space.group,
    members: space.members.map((m) => ({ id: m.userId, name: m.name })),
    roles,
    charter,
    cards: cards.map((c) => presentCard(c.card, c.ownerName)),
    submission,
    viewer: {
      isMember: space.isMember,
      isTeacher: space.relation === "teacher",
      canEdit: canChangeSpace(space.relation, space.isMember) && !passed,
    },
    deadlinePassed: passed,
    ratingOpen: ratingOpen(space.task, now),
  };
}

/** Checks a role and phase against the task's catalogue. */
function checkRole(space: SpaceContext, role: string, phase: number) {
  if (!space.task.roles.includes(role))
    throw badRequest(`"${role}" is not one of this task's roles`, [{ path: "role", message: "Choose a role from the list" }]);
  const phases = space.task.rotateRoles ? space.task.phases.length : 1;
  if (phase >= phases)
    throw badRequest("That phase does not exist for this task", [{ path: "phase", message: "Choose a phase from the list" }]);
}

/** A member proposes who takes a role (in a phase when roles rotate); naming yourself takes it at once. */
export async function proposeRole(db: Db, actor: Actor, taskId: string, groupId: string, raw: TRoleProposal) {
  const input = ZRoleProposal.parse(raw);
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  checkRole(space, input.role, input.phase);
  if (!space.members.some((m) => m.userId === input.userId))
    throw badRequest("Roles can only go to members of the group", [{ path: "userId", message: "Choose a member of your group" }]);
  await db.transaction(async (tx) => {
    await spaces.upsertRole(tx, space.key, { ...input, proposedBy: actor.userId, accepted: input.userId === actor.userId });
    await recordSpaceEvent(tx, space, "task.role.proposed", { role: input.role, phase: input.phase, userId: input.userId });
  });
  return loadRoles(db, space);
}

/** The person named in a role proposal accepts it. */
export async function acceptRole(db: Db, actor: Actor, taskId: string, groupId: string, raw: TRoleAccept) {
  const input = ZRoleAccept.parse(raw);
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await db.transaction(async (tx) => {
    const accepted = await spaces.acceptRole(tx, space.key, input.phase, input.role, actor.userId);
    if (!accepted) throw badRequest("Nobody has proposed you for that role; propose yourself instead");
    await recordSpaceEvent(tx, space, "task.role.accepted", { role: input.role, phase: input.phase, userId: actor.userId });
  });
  return loadRoles(db, space);
}

/** Edits the charter (a stale version is a 409); every signature is cleared so everyone signs again. */
export async function updateCharter(db: Db, actor: Actor, taskId: string, groupId: string, input: TCharterUpdate): Promise<TCharter> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  const { version, ...fields } = input;
  await db.transaction(async (tx) => {
    const saved = await spaces.saveCharterIfVersion(tx, space.key, version, fields, actor.userId);
    if (!saved) throw new StaleVersion(await loadCharter(tx, space));
    await spaces.clearSignatures(tx, space.key);
    await recordSpaceEvent(tx, space, "task.charter.updated", { version: version + 1 });
  });
  return loadCharter(db, space);
}

/** A member signs the charter version they read; a stale version is a 409 (read the new text first). */
export async function signCharter(db: Db, actor: Actor, taskId: string, groupId: string, version: number): Promise<TCharter> {
  const space = await requireChangeableSpace(db, actor, taskId, groupId);
  await db.transaction(async (tx) => {
    const current = await spaces.findCharter(tx, space.key);
    if (!current) throw badRequest("Write the charter before signing it");
    if (current.charter.version !== version) throw new StaleVersion(await loadCharter(tx, space));
    await spaces.sign(tx, space.key, actor.userId, version);
    await recordSpaceEvent(tx, space, "task.charter.signed", { version, userId: actor.userId });
  });
  return loadCharter(db, space);
}

/** Per member: cards done and owned, submission edits, board actions, active time, charter signed. */
async function contributionsOf(db: DbOrTx, space: SpaceContext, charter: TCharter): Promise<TContribution[]> {
  const counts = await spaces.contributionCounts(db, space.key);
  const signed = new Set(charter.signatures.map((s) => s.user.id));
  return space.members.map((m) => {
    const cards = counts.cards.find((c) => c.userId === m.userId);
    return {
      user: { id: m.userId, name: m.name },
      cardsDone: cards?.done ?? 0,
      cardsOwned: cards?.owned ?? 0,
      submissionEdits: counts.edits.find((e) => e.userId === m.userId)?.n ?? 0,
      boardActions: counts.actions.find((a) => a.userId === m.userId)?.n ?? 0,
      activeSeconds: counts.active.find((a) => a.userId === m.userId)?.seconds ?? 0,
      signedCharter: signed.has(m.userId),
    };
  });
}

/** The group's contribution record (visible to the group and to the class's teachers). */
export async function getContributions(db: Db, actor: Actor, taskId: string, groupId: string): Promise<TContribution[]> {
  const space = await requireSpace(db, actor, taskId, groupId);
  return contributionsOf(db, space, await loadCharter(db, space));
}

/** A heartbeat from a member's visible, recently used group space: extends or starts an activity interval. */
export async function recordHeartbeat(db: Db, actor: Actor, taskId: string, groupId: string, now = new Date()): Promise<void> {
  const space = await requireSpace(db, actor, taskId, groupId);
  // Teachers reading a space and members after the deadline are not "working in the space".
  if (!space.isMember || space.relation !== "student" || deadlinePassed(space.task, now)) return;
  await db.transaction(async (tx) => {
    const latest = await spaces.latestInterval(tx, space.key, actor.userId);
    const step = applyHeartbeat(latest ?? null, now);
    if (step === "start") await spaces.startInterval(tx, space.key, actor.userId, now);
    else if (step === "extend" && latest) await spaces.extendInterval(tx, latest.id, now);
  });
}

/**
 * Per-group state of a task for the teacher's overview (G4's page): charter agreed, board
 * progress, submission state and contribution record. Teachers of the class only; else 404.
 */
export async function listGroupSummaries(db: DbOrTx, actor: Actor, taskId: string): Promise<TGroupTaskSummary[]> {
  const found = await requireTask(db, actor, taskId);
  if (found.relation !== "teacher") throw notFound("Task");
  const groups = await listGroupsOfSet(db, found.task.setId);
  const summaries: TGroupTaskSummary[] = [];
  for (const g of groups) {
    const space: SpaceContext = {
      ...found,
      key: { taskId, groupId: g.id, districtId: found.task.districtId },
      group: { id: g.id, name: g.name },
      members: g.members,
      isMember: false,
    };
    const [charter, cards, submission] = await Promise.all([
      loadCharter(db, space),
      spaces.listCards(db, space.key),
      spaces.findSubmission(db, space.key),
    ]);
    const count = (status: string) => cards.filter((c) => c.card.status === status).length;
    summaries.push({
      group: space.group,
      members: g.members.map((m) => ({ id: m.userId, name: m.name })),
      charterAgreed: charter.agreed,
      charterSignatures: charter.signatures.length,
      cards: { todo: count("todo"), doing: count("doing"), done: count("done") },
      submission: {
        version: submission?.submission.version ?? 0,
        submittedAt: submission?.submission.submittedAt?.toISOString() ?? null,
        updatedAt: submission && submission.submission.version > 0 ? submission.submission.updatedAt.toISOString() : null,
      },
      contributions: await contributionsOf(db, space, charter),
    });
  }
  return summaries;
}
