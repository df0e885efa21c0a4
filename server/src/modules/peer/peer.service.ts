import {
  defaultPeerCriteria,
  peerScale,
  type TGroupMarkInput,
  type TMarkOverrideInput,
  type TPeerCriterion,
  type TRatingForm,
  type TRatingsSubmit,
  type TTaskOverview,
} from "@stoa/contracts";
import { stringify } from "csv-stringify/sync";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { guardCell } from "../../platform/csv.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import type { TaskRow } from "../tasks/tasks.repository.js";
import { marksOfGroup, toRatings, type OverrideInfo, type PeerSettings } from "./group-marks.js";
import { presentRatingRecord, toMarkString, windowState } from "./peer.presenter.js";
import * as repo from "./peer.repository.js";
import { findTaskForPeer, groupsOfTask, summariesOfTask, type PeerTask } from "./task-access.js";

/** The criteria a task's ratings use: the teacher's, or the defaults for its method. */
export function criteriaOf(task: TaskRow): TPeerCriterion[] {
  return task.peerCriteria.length > 0 ? task.peerCriteria : defaultPeerCriteria(task.peerMethod);
}

async function requireTask(db: DbOrTx, actor: Actor, taskId: string): Promise<PeerTask> {
  const found = await findTaskForPeer(db, actor, taskId);
  if (!found) throw notFound("Task");
  return found;
}

/** Teachers of the class only; others who may see the task are refused, others get 404. */
async function requireTeacher(db: DbOrTx, actor: Actor, taskId: string, read: boolean): Promise<PeerTask> {
  const found = await requireTask(db, actor, taskId);
  if (found.relation !== "teacher") throw read ? notFound("Task") : forbidden("Only the class's teachers can enter and change marks");
  return found;
}

function requirePeerAssessed(task: TaskRow) {
  if (task.markingScheme !== "groupWithPeer") throw conflict("This task is marked individually, so it has no peer assessment");
}

/** The members of the student's group (the people they may rate). */
async function rateesOf(db: DbOrTx, found: PeerTask) {
  const groups = await groupsOfTask(db, found.task);
  return groups.find((g) => g.id === found.myGroup?.groupId)?.members ?? [];
}

/** A student's rating form: teammates, criteria, scale, window and their own ratings (never others'). */
export async function getRatingForm(db: Db, actor: Actor, taskId: string, now = new Date()): Promise<TRatingForm> {
  const found = await requireTask(db, actor, taskId);
  if (found.relation !== "student" || !found.myGroup) throw notFound("Rating form");
  requirePeerAssessed(found.task);
  const { task } = found;
  const members = await rateesOf(db, found);
  const ratees = members
    .filter((m) => task.peerIncludeSelf || m.userId !== actor.userId)
    .map((m) => ({ id: m.userId, name: m.name, isSelf: m.userId === actor.userId }))
    .sort((a, b) => Number(b.isSelf) - Number(a.isSelf));
  const mine = await repo.listMyRatings(db, task.id, actor.userId);
  return {
    task: {
      id: task.id,
      title: task.title,
      includeSelf: task.peerIncludeSelf,
      opensAt: iso(task.ratingOpensAt),
      closesAt: iso(task.ratingClosesAt),
    },
    window: windowState(task, now),
    group: { id: found.myGroup.groupId, name: found.myGroup.name },
    criteria: criteriaOf(task),
    scale: { min: peerScale.min, max: peerScale.max },
    ratees,
    mine: mine.map((r) => ({ rateeId: r.rateeId, scores: r.scores, comment: r.comment, updatedAt: r.updatedAt.toISOString() })),
    submitted: mine.length > 0,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Saves a student's ratings of their whole group at once, inside the rating window. Every teammate
 * (and themselves when asked) must be rated on every criterion; anything else changes nothing.
 */
export async function submitRatings(db: Db, actor: Actor, taskId: string, input: TRatingsSubmit, now = new Date()) {
  const found = await requireTask(db, actor, taskId);
  if (found.relation !== "student" || !found.myGroup) throw forbidden("Only members of a group rate their teammates");
  const { task } = found;
  requirePeerAssessed(task);
  const state = windowState(task, now);
  if (state === "notYet")
    throw conflict(task.ratingOpensAt ? `Rating opens on ${task.ratingOpensAt.toUTCString()}` : "Your teacher has not opened rating yet");
  if (state === "closed") throw conflict(`Rating closed on ${task.ratingClosesAt?.toUTCString() ?? ""}; ratings can no longer be changed`);

  const members = await rateesOf(db, found);
  const expected = members.filter((m) => task.peerIncludeSelf || m.userId !== actor.userId);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const keys = criteriaOf(task).map((c) => c.key);
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  input.ratings.forEach((r, i) => {
    if (!names.has(r.rateeId)) problems.push({ path: `ratings.${i}.rateeId`, message: "This person is not in your group" });
    else if (r.rateeId === actor.userId && !task.peerIncludeSelf)
      problems.push({ path: `ratings.${i}.rateeId`, message: "This task does not ask you to rate yourself" });
    if (seen.has(r.rateeId)) problems.push({ path: `ratings.${i}.rateeId`, message: "Each teammate can be rated only once" });
    seen.add(r.rateeId);
    for (const k of keys)
      if (r.scores[k] === undefined)
        problems.push({
          path: `ratings.${i}.scores.${k}`,
          message: `Give ${names.get(r.rateeId) ?? "this teammate"} a score for every question`,
        });
    for (const k of Object.keys(r.scores))
      if (!keys.includes(k)) problems.push({ path: `ratings.${i}.scores.${k}`, message: "This question is not part of the task" });
  });
  for (const m of expected)
    if (!seen.has(m.userId)) problems.push({ path: "ratings", message: `Rate ${m.userId === actor.userId ? "yourself" : m.name} too` });
  if (problems.length > 0) throw badRequest(problems[0]?.message ?? "Check your ratings", problems);

  await db.transaction(async (tx) => {
    const key = { districtId: actor.districtId, taskId: task.id, groupId: found.myGroup?.groupId ?? "", raterId: actor.userId };
    await repo.replaceMyRatings(
      tx,
      key,
      input.ratings.map((r) => ({ rateeId: r.rateeId, scores: { ...r.scores }, comment: r.comment ?? "" })),
    );
    // Who rated is visible to the teacher's overview; what they gave stays out of the event.
    await recordEvent(tx, actor.districtId, "peer.ratingsSubmitted", [`class:${task.classId}`], {
      taskId: task.id,
      groupId: key.groupId,
      raterId: actor.userId,
    });
  });
  return getRatingForm(db, actor, taskId, now);
}

function settingsOf(task: TaskRow, raw: boolean): PeerSettings {
  return {
    method: task.peerMethod,
    includeSelf: task.peerIncludeSelf,
    weight: Number(task.peerWeight) / 100,
    penalty: { kind: task.penaltyKind, amount: Number(task.penaltyAmount) },
    criteriaKeys: criteriaOf(task).map((c) => c.key),
    raw,
  };
}

/** The teacher's overview: every group's progress (from the tasks module), ratings, flags and marks. */
export async function getOverview(db: Db, actor: Actor, taskId: string, opts: { raw: boolean }, now = new Date()): Promise<TTaskOverview> {
  const { task } = await requireTeacher(db, actor, taskId, true);
  const settings = settingsOf(task, opts.raw);
  const [summaries, ratingRows, groupMarks, overrideRows] = await Promise.all([
    summariesOfTask(db, actor, task),
    repo.listRatingsOfTask(db, task.id),
    repo.listGroupMarks(db, task.id),
    repo.listOverrides(db, task.id),
  ]);
  const markOf = new Map(groupMarks.map((g) => [g.groupId, Number(g.mark)]));
  const overrides = new Map<string, OverrideInfo>(
    overrideRows.map((o) => [
      o.userId,
      { mark: Number(o.mark), reason: o.reason, by: { id: o.byId, name: o.byName }, at: o.at.toISOString() },
    ]),
  );
  const groups = summaries.map((summary) => {
    const memberIds = new Set(summary.members.map((m) => m.id));
    const rows = ratingRows.filter(
      (r) => memberIds.has(r.raterId) && memberIds.has(r.rateeId) && (settings.includeSelf || r.raterId !== r.rateeId),
    );
    const groupMark = markOf.get(summary.group.id) ?? null;
    const { marks, flags, raters } = marksOfGroup(settings, summary.members, toRatings(rows, settings.criteriaKeys), groupMark, overrides);
    return { summary, groupMark, raters, marks, flags, ratings: rows.map(presentRatingRecord) };
  });
  return {
    task: {
      id: task.id,
      classId: task.classId,
      title: task.title,
      method: task.peerMethod,
      includeSelf: task.peerIncludeSelf,
      weight: Number(task.peerWeight),
      penaltyKind: task.penaltyKind,
      penaltyAmount: Number(task.penaltyAmount),
      opensAt: iso(task.ratingOpensAt),
      closesAt: iso(task.ratingClosesAt),
      dueAt: task.dueAt.toISOString(),
    },
    window: windowState(task, now),
    raw: opts.raw,
    criteria: criteriaOf(task),
    groups,
  };
}

/** Sets a group's mark (0-100, exact); audited. */
export async function setGroupMark(db: Db, actor: Actor, taskId: string, groupId: string, input: TGroupMarkInput) {
  const { task } = await requireTeacher(db, actor, taskId, false);
  requirePeerAssessed(task);
  const groups = await groupsOfTask(db, task);
  if (!groups.some((g) => g.id === groupId)) throw notFound("Group");
  const mark = toMarkString(input.mark);
  await db.transaction(async (tx) => {
    const before = await repo.upsertGroupMark(tx, {
      taskId: task.id,
      groupId,
      districtId: actor.districtId,
      mark,
      enteredBy: actor.userId,
    });
    await audit(tx, actor, {
      action: "peer.groupMark.set",
      targetType: "group",
      targetId: groupId,
      details: { taskId: task.id, before, after: mark },
    });
    await recordEvent(tx, actor.districtId, "peer.groupMarkSet", [`class:${task.classId}`], { taskId: task.id, groupId });
  });
  return { groupId, mark: Number(mark) };
}

/** Overrides one member's individual mark with a reason; audited. */
export async function overrideMark(db: Db, actor: Actor, taskId: string, userId: string, input: TMarkOverrideInput) {
  const { task } = await requireTeacher(db, actor, taskId, false);
  requirePeerAssessed(task);
  const groups = await groupsOfTask(db, task);
  const group = groups.find((g) => g.members.some((m) => m.userId === userId));
  if (!group) throw notFound("Student");
  const mark = toMarkString(input.mark);
  await db.transaction(async (tx) => {
    const before = await repo.upsertOverride(tx, {
      taskId: task.id,
      userId,
      groupId: group.id,
      districtId: actor.districtId,
      mark,
      reason: input.reason,
      overriddenBy: actor.userId,
    });
    await audit(tx, actor, {
      action: "peer.mark.override",
      targetType: "user",
      targetId: userId,
      details: { taskId: task.id, before, after: { mark, reason: input.reason } },
    });
    await recordEvent(tx, actor.districtId, "peer.markOverridden", [`class:${task.classId}`], { taskId: task.id, userId });
  });
  return { userId, mark: Number(mark), reason: input.reason };
}

/** Removes an override so the computed mark counts again; audited. */
export async function clearOverride(db: Db, actor: Actor, taskId: string, userId: string) {
  const { task } = await requireTeacher(db, actor, taskId, false);
  await db.transaction(async (tx) => {
    const gone = await repo.deleteOverride(tx, task.id, userId);
    if (!gone) throw notFound("Override");
    await audit(tx, actor, {
      action: "peer.mark.overrideCleared",
      targetType: "user",
      targetId: userId,
      details: { taskId: task.id, before: gone },
    });
    await recordEvent(tx, actor.districtId, "peer.markOverridden", [`class:${task.classId}`], { taskId: task.id, userId });
  });
}

const csvNumber = (x: number | null) => (x === null ? "" : String(x));

/** The marks as CSV, one row per student, every cell guarded against spreadsheet formulas. */
export async function exportMarksCsv(
  db: Db,
  actor: Actor,
  taskId: string,
  opts: { raw: boolean },
): Promise<{ filename: string; csv: string }> {
  const overview = await getOverview(db, actor, taskId, opts);
  const header = [
    "Group",
    "Student",
    "Group mark",
    "Factor",
    "Raw factor",
    "Computed mark",
    "Penalty",
    "Override",
    "Override reason",
    "Final mark",
    "Rated teammates",
    "Ratings received",
    "Flags",
  ];
  const rows = overview.groups.flatMap((g) =>
    g.marks.map((m) => [
      g.summary.group.name,
      m.user.name,
      csvNumber(g.groupMark),
      String(m.factor),
      csvNumber(m.rawFactor),
      csvNumber(m.computedMark),
      String(m.penaltyApplied),
      csvNumber(m.override?.mark ?? null),
      m.override?.reason ?? "",
      csvNumber(m.finalMark),
      m.submitted ? "yes" : "no",
      String(m.ratingsReceived),
      g.flags
        .filter((f) => f.user.id === m.user.id)
        .map((f) => f.detail)
        .join(" "),
    ]),
  );
  const csv = stringify(
    [header, ...rows].map((r) => r.map(guardCell)),
    { record_delimiter: "\r\n" },
  );
  const safeTitle =
    overview.task.title
      .replace(/[^a-zA-Z0-9 _-]/g, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 60) || "task";
  return { filename: `marks-${safeTitle}.csv`, csv };
}
