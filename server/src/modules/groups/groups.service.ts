/**
 * Group sets of a class: create by a strategy, form by criteria, move and lock by hand, re-run,
 * publish, archive, delete. Membership lookups for other modules live in membership.ts.
 */
import { randomInt } from "node:crypto";
import {
  ZGroupSetSettings,
  type TGroupLock,
  type TGroupMove,
  type TGroupRerun,
  type TGroupSetCreateParsed,
  type TGroupSetDetail,
  type TGroupSetSettings,
  type TGroupSetSummary,
  type TGroupSetUpdate,
} from "@stoa/contracts";
import type { Db, DbOrTx, Tx } from "../../db/client.js";
import type { groupSets } from "../../db/schema/index.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { recordEvent } from "../../platform/events.js";
import { recordAccessChange } from "../../platform/realtime/access.js";
import { badRequest, conflict, forbidden, notFound } from "../../platform/errors.js";
import { requireClass } from "./access.js";
import { loadSources } from "./attributes.service.js";
import { buildCriteria } from "./criteria.js";
import type { FormationInput, FormationResult } from "./formation.types.js";
import { runFormation, scoreGroups, withNames } from "./forming.js";
import { canManageSet, canReadWholeSet, groupRelation } from "./groups.policy.js";
import { presentSetDetail, presentSetSummary, type StoredScores } from "./groups.presenter.js";
import * as repo from "./groups.repository.js";
import { listGroupsOfSet } from "./membership.js";
import { groupCountFor, randomPartition } from "./partition.js";

export { findGroupOfStudent, getGroupForActor, getSetForActor, listGroupsOfSet } from "./membership.js";

type SetRow = typeof groupSets.$inferSelect;
type Student = { userId: string; name: string; username: string };

const staleMessage = "Someone changed these groups after you opened them. Reload to see the latest groups, then try again.";

/** The sets of a class: all for its teachers and school admins, published ones for its students. */
export async function listSets(db: Db, actor: Actor, classId: string): Promise<TGroupSetSummary[]> {
  const { relation } = await requireClass(db, actor, classId, "member");
  const rows = await repo.listSets(db, classId, !canReadWholeSet(relation));
  return rows.map(presentSetSummary);
}

/** Loads a set the actor may read in full (teachers of the class, school admins); 404 for anyone else. */
async function requireSet(db: DbOrTx, actor: Actor, setId: string, need: "manage" | "readAll") {
  const found = await repo.findSet(db, actor.districtId, actor.userId, setId);
  const relation = found ? groupRelation(actor, found) : null;
  if (!found || !relation || !canReadWholeSet(relation)) throw notFound("Group set");
  if (need === "manage" && !canManageSet(relation)) throw forbidden("Only the teachers of this class can change its groups");
  return { ...found, relation };
}

/** A set with every group, member, lock and score, with what the actor may do. */
export async function getSet(db: Db, actor: Actor, setId: string): Promise<{ data: TGroupSetDetail; policies: Record<string, boolean> }> {
  const { set, relation } = await requireSet(db, actor, setId, "readAll");
  return { data: await detail(db, set), policies: { manage: canManageSet(relation) } };
}

async function detail(db: DbOrTx, set: SetRow): Promise<TGroupSetDetail> {
  const [row, groups, students] = await Promise.all([
    repo.getSetWithCounts(db, set.id),
    listGroupsOfSet(db, set.id),
    repo.listClassStudents(db, set.classId),
  ]);
  if (!row) throw notFound("Group set");
  return presentSetDetail(row, groups, students);
}

/** Checks that named pairs are students of the class. */
function checkPairs(pairs: [string, string][], students: Set<string>, path: string) {
  const bad = pairs.findIndex(([a, b]) => !students.has(a) || !students.has(b));
  if (bad >= 0)
    throw badRequest("A keep-apart or keep-together pair names someone who is not a student of this class", [
      { path: `${path}.${bad}`, message: "Choose students of this class" },
    ]);
}

/** Checks the group size or count against the class. */
function checkSizing(settings: TGroupSetSettings, n: number) {
  if (n === 0)
    throw badRequest("This class has no students yet, so there is nobody to put in groups", [
      { path: "strategy", message: "Enrol students first" },
    ]);
  if (settings.groupSize !== undefined && settings.groupSize > n) {
    throw badRequest(`The group size (${settings.groupSize}) is larger than the class (${n} students)`, [
      { path: "groupSize", message: `Choose a size of at most ${n}` },
    ]);
  }
  if (settings.groupCount !== undefined && settings.groupCount > n) {
    throw badRequest(`There are more groups (${settings.groupCount}) than students (${n})`, [
      { path: "groupCount", message: `Choose at most ${n} groups` },
    ]);
  }
}

/** Everything formation needs, built from the set's settings and the class's data; 400 when a criterion cannot work. */
async function formationInput(
  db: DbOrTx,
  actor: Actor,
  cls: { id: string; districtId: string },
  settings: TGroupSetSettings,
  studentIds: string[],
  extra: { setId: string | null; locked?: Record<string, number>; groupCount?: number },
): Promise<{ input: FormationInput; labels: Record<string, string> }> {
  const needsDemographics = settings.criteria.some((c) => c.attribute.startsWith("demo:"));
  const sources = await loadSources(db, cls, needsDemographics);
  const built = buildCriteria(settings.criteria, sources, studentIds, settings.usePartnerRequests);
  if (built.errors.length > 0) throw badRequest(built.errors[0]!.message, built.errors);
  if (built.usesDemographics.length > 0) {
    await audit(db, actor, {
      action: "groups.demographics.read",
      targetType: "class",
      targetId: cls.id,
      details: { fields: built.usesDemographics, setId: extra.setId },
    });
  }
  const history = settings.newPartners ? await repo.pairHistory(db, cls.id, extra.setId) : null;
  const labels = { ...built.labels, ...(history ? { history: "New partners" } : {}) };
  const sizing =
    extra.groupCount !== undefined
      ? { groupCount: extra.groupCount }
      : settings.groupCount !== undefined
        ? { groupCount: settings.groupCount }
        : { groupSize: settings.groupSize! };
  const input: FormationInput = {
    students: built.students,
    ...sizing,
    criteria: built.criteria,
    ...(history ? { history: { pairs: history, weight: 1 } } : {}),
    keepApart: settings.keepApart,
    keepTogether: settings.keepTogether,
    friendRequests: built.friendRequests,
    locked: extra.locked ?? {},
    seed: settings.seed ?? 0,
    // The iteration budget decides the result (same seed, same groups); the time cap only guards an overloaded server.
    budget: { timeMs: 8000 },
  };
  return { input, labels };
}

/** Scores to keep on the set, by group id. */
function toStored(
  result: FormationResult | null,
  groupIds: string[],
  labels: Record<string, string>,
  names: ReadonlyMap<string, string>,
): StoredScores | null {
  if (!result) return null;
  const byGroup = Object.fromEntries(
    groupIds.map((id, i) => {
      const score = result.scores[i] ?? { total: 0, criteria: {}, violations: [] };
      return [id, { ...score, violations: score.violations.map((v) => withNames(v, names)) }];
    }),
  );
  const warnings = (result.warnings ?? []).map((w) => withNames(w, names));
  return { byGroup, minimum: result.minimum, mean: result.mean, criteria: result.criteria, labels, warnings };
}

const nameMap = (students: readonly Student[]) => new Map(students.map((s) => [s.userId, s.name]));

const scoredStrategy = (settings: TGroupSetSettings) => settings.criteria.length > 0 || settings.newPartners;

/** Creates a set in a class by the strategy chosen; formed sets are placed (and scored) at once. */
export async function createSet(
  db: Db,
  actor: Actor,
  classId: string,
  input: TGroupSetCreateParsed,
): Promise<{ data: TGroupSetDetail; policies: Record<string, boolean> }> {
  const { cls } = await requireClass(db, actor, classId, "manage");
  const students = await repo.listClassStudents(db, classId);
  const ids = students.map((s) => s.userId);
  const { name, strategy, copyFromSetId, ...rest } = input;
  let settings: TGroupSetSettings = ZGroupSetSettings.parse({ ...rest, seed: input.seed ?? randomInt(0, 2_147_483_647) });
  checkPairs(settings.keepApart, new Set(ids), "keepApart");
  checkPairs(settings.keepTogether, new Set(ids), "keepTogether");
  let source: SetRow | null = null;
  if (strategy === "copy") {
    source = await repo.findSetInClass(db, classId, copyFromSetId!);
    if (!source)
      throw badRequest("Choose a group set of this class to copy", [{ path: "copyFromSetId", message: "That set is not in this class" }]);
    settings = { ...ZGroupSetSettings.parse(source.settings), copyFromSetId: source.id };
  }
  if (strategy === "random" || strategy === "criteria") checkSizing(settings, ids.length);
  if (strategy === "manual" || strategy === "selfSignup")
    checkSizing({ ...settings, groupSize: undefined }, Math.max(ids.length, settings.groupCount ?? 1));

  // Formation runs before the transaction: it is CPU work and PGlite has one connection.
  let partition: string[][] = [];
  let result: FormationResult | null = null;
  let labels: Record<string, string> = {};
  if (strategy === "random") {
    partition = randomPartition(ids, groupCountFor(ids.length, settings), settings.seed!);
  } else if (strategy === "criteria") {
    const built = await formationInput(db, actor, cls, settings, ids, { setId: null });
    ({ labels } = built);
    result = runFormation(built.input);
    partition = result.groups;
  } else if (strategy === "copy") {
    const groups = await listGroupsOfSet(db, source!.id);
    const inClass = new Set(ids);
    partition = groups.map((g) => g.members.map((m) => m.userId).filter((id) => inClass.has(id)));
  } else {
    partition = Array.from({ length: settings.groupCount! }, () => []);
  }
  const names =
    strategy === "copy" ? (await listGroupsOfSet(db, source!.id)).map((g) => g.name) : partition.map((_, i) => `Group ${i + 1}`);

  const created = await db.transaction(async (tx) => {
    const set = await repo.insertSet(tx, { districtId: cls.districtId, classId, name, strategy, settings, createdBy: actor.userId });
    const groups = await repo.insertGroups(
      tx,
      set,
      names.map((n) => ({ name: n, capacity: strategy === "selfSignup" ? (settings.capacity ?? null) : null })),
    );
    await repo.replaceMembers(
      tx,
      set,
      partition.flatMap((members, i) => members.map((userId) => ({ groupId: groups[i]!.id, userId, locked: false }))),
    );
    if (strategy === "copy" && scoredStrategy(settings)) {
      const built = await formationInput(tx, actor, cls, settings, partition.flat(), { setId: set.id, groupCount: partition.length });
      result = scoreGroups(built.input, partition);
      labels = built.labels;
    }
    const stored = toStored(
      result,
      groups.map((g) => g.id),
      labels,
      nameMap(students),
    );
    if (stored) await repo.updateSetIfVersion(tx, set.id, set.version, { scores: stored as unknown as Record<string, unknown> });
    await audit(tx, actor, {
      action: "groups.set.create",
      targetType: "group_set",
      targetId: set.id,
      details: { classId, strategy, groups: groups.length },
    });
    await recordEvent(tx, cls.districtId, "groups.set.created", [`class:${classId}`], { classId, setId: set.id });
    return set;
  });
  return getSet(db, actor, created.id);
}

/** Runs a change to a set under its version: a stale version answers 409 and changes nothing. */
async function changeSet(
  db: Db,
  actor: Actor,
  setId: string,
  version: number,
  change: (tx: Tx, set: SetRow) => Promise<Partial<typeof groupSets.$inferInsert> | void>,
  event: { action: string; details?: Record<string, unknown> },
  /** Who may have gained or lost a group (membership, publication, archive): their live rooms are re-checked. */
  accessOf: "class" | "none" = "class",
) {
  const { set } = await requireSet(db, actor, setId, "manage");
  if (set.version !== version) throw conflict(staleMessage, [{ path: "version", message: "These groups changed since you loaded them" }]);
  await db.transaction(async (tx) => {
    const locked = await repo.lockSet(tx, setId);
    if (!locked || locked.version !== version)
      throw conflict(staleMessage, [{ path: "version", message: "These groups changed since you loaded them" }]);
    const values = (await change(tx, locked)) ?? {};
    await repo.updateSetIfVersion(tx, setId, version, values);
    await audit(tx, actor, { action: event.action, targetType: "group_set", targetId: setId, details: event.details ?? {} });
    await recordEvent(tx, set.districtId, "groups.set.changed", [`class:${set.classId}`], {
      classId: set.classId,
      setId,
      action: event.action,
    });
    if (accessOf === "class")
      await recordAccessChange(
        tx,
        set.districtId,
        (await repo.listClassStudents(tx, set.classId)).map((s) => s.userId),
      );
  });
  return getSet(db, actor, setId);
}

/** Rescores a set's current groups (after a move or a lock); null scores when the set has no criteria. */
async function rescore(tx: DbOrTx, actor: Actor, set: SetRow): Promise<Record<string, unknown> | null> {
  const settings = ZGroupSetSettings.parse(set.settings);
  if (!scoredStrategy(settings)) return null;
  const groups = await listGroupsOfSet(tx, set.id);
  const partition = groups.map((g) => g.members.map((m) => m.userId));
  const built = await formationInput(tx, actor, { id: set.classId, districtId: set.districtId }, settings, partition.flat(), {
    setId: set.id,
    groupCount: groups.length,
  });
  const students = await repo.listClassStudents(tx, set.classId);
  const stored = toStored(
    scoreGroups(built.input, partition),
    groups.map((g) => g.id),
    built.labels,
    nameMap(students),
  );
  return stored as unknown as Record<string, unknown> | null;
}

/** Moves a student to another group of the set (or out of every group) and rescores. */
export async function moveMember(db: Db, actor: Actor, setId: string, input: TGroupMove) {
  return changeSet(
    db,
    actor,
    setId,
    input.version,
    async (tx, set) => {
      const students = new Set((await repo.listClassStudents(tx, set.classId)).map((s) => s.userId));
      if (!students.has(input.userId))
        throw badRequest("This person is not a student of the class", [{ path: "userId", message: "Choose a student of this class" }]);
      const groups = await repo.listGroupIds(tx, setId);
      if (input.toGroupId && !groups.some((g) => g.id === input.toGroupId))
        throw badRequest("That group is not part of this set", [{ path: "toGroupId", message: "Choose a group of this set" }]);
      const current = await repo.findMembership(tx, setId, input.userId);
      await repo.placeMember(tx, set, input.userId, input.toGroupId, current?.locked ?? false);
      return { scores: await rescore(tx, actor, set) };
    },
    { action: "groups.set.move", details: { userId: input.userId, toGroupId: input.toGroupId } },
  );
}

/** Locks or unlocks a member in their group (locked members stay put when formation re-runs). */
export async function lockMember(db: Db, actor: Actor, setId: string, input: TGroupLock) {
  return changeSet(
    db,
    actor,
    setId,
    input.version,
    async (tx) => {
      if ((await repo.setLocked(tx, setId, input.userId, input.locked)) === 0) {
        throw badRequest("This student is not in a group of this set yet, so there is nothing to lock", [
          { path: "userId", message: "Place the student in a group first" },
        ]);
      }
    },
    { action: input.locked ? "groups.set.lock" : "groups.set.unlock", details: { userId: input.userId } },
    "none",
  );
}

/** Forms the set again (random or criteria), keeping locked members where they are; a new seed gives new groups. */
export async function rerun(db: Db, actor: Actor, setId: string, input: TGroupRerun) {
  const { set } = await requireSet(db, actor, setId, "manage");
  if (set.version !== input.version)
    throw conflict(staleMessage, [{ path: "version", message: "These groups changed since you loaded them" }]);
  if (!["random", "criteria", "copy"].includes(set.strategy))
    throw badRequest("Only random, criteria and copied sets can be formed again; move students by hand instead");
  const settings = { ...ZGroupSetSettings.parse(set.settings), seed: input.seed ?? randomInt(0, 2_147_483_647) };
  const groups = await listGroupsOfSet(db, setId);
  const students = await repo.listClassStudents(db, set.classId);
  const ids = students.map((s) => s.userId);
  const inClass = new Set(ids);
  const locked: Record<string, number> = {};
  groups.forEach((g, i) => g.members.forEach((m) => m.locked && inClass.has(m.userId) && (locked[m.userId] = i)));
  let partition: string[][];
  let result: FormationResult | null = null;
  let labels: Record<string, string> = {};
  if (set.strategy === "random" || !scoredStrategy(settings)) {
    partition = randomPartition(ids, groups.length, settings.seed, locked);
  } else {
    const built = await formationInput(db, actor, { id: set.classId, districtId: set.districtId }, settings, ids, {
      setId,
      locked,
      groupCount: groups.length,
    });
    labels = built.labels;
    // The current groups are a first start, so a re-run is never worse than what the teacher has.
    const start = groups.map((g) => g.members.map((m) => m.userId).filter((id) => inClass.has(id)));
    const placed = new Set(start.flat());
    const complete = ids.every((id) => placed.has(id));
    result = runFormation({ ...built.input, ...(complete ? { start } : {}) });
    partition = result.groups;
  }
  const lockedIds = new Set(Object.keys(locked));
  return changeSet(
    db,
    actor,
    setId,
    input.version,
    async (tx) => {
      await repo.replaceMembers(
        tx,
        set,
        partition.flatMap((members, i) => members.map((userId) => ({ groupId: groups[i]!.id, userId, locked: lockedIds.has(userId) }))),
      );
      return {
        settings,
        scores: toStored(
          result,
          groups.map((g) => g.id),
          labels,
          nameMap(students),
        ) as unknown as Record<string, unknown> | null,
      };
    },
    { action: "groups.set.rerun", details: { seed: settings.seed, locked: lockedIds.size } },
  );
}

/** Publishes a set: its students see their own group (and self-signup opens within its window). */
export async function publish(db: Db, actor: Actor, setId: string, version: number, published: boolean) {
  return changeSet(db, actor, setId, version, async () => ({ publishedAt: published ? new Date() : null }), {
    action: published ? "groups.set.publish" : "groups.set.unpublish",
  });
}

/** Renames, archives or changes the sign-up window of a set. */
export async function updateSet(db: Db, actor: Actor, setId: string, input: TGroupSetUpdate) {
  return changeSet(
    db,
    actor,
    setId,
    input.version,
    async (_tx, set) => {
      const values: Partial<typeof groupSets.$inferInsert> = {};
      if (input.name !== undefined) values.name = input.name;
      if (input.archived !== undefined) values.archivedAt = input.archived ? new Date() : null;
      if (input.opensAt !== undefined || input.closesAt !== undefined) {
        const settings = ZGroupSetSettings.parse(set.settings);
        const next = {
          ...settings,
          ...(input.opensAt !== undefined ? { opensAt: input.opensAt } : {}),
          ...(input.closesAt !== undefined ? { closesAt: input.closesAt } : {}),
        };
        if (next.opensAt && next.closesAt && next.opensAt >= next.closesAt)
          throw badRequest("Sign-up must close after it opens", [{ path: "closesAt", message: "Choose a later closing time" }]);
        values.settings = next;
      }
      return values;
    },
    { action: "groups.set.update", details: { fields: Object.keys(input).filter((k) => k !== "version") } },
  );
}

/** Deletes a set with its groups (tasks built on it keep their own records). */
export async function deleteSet(db: Db, actor: Actor, setId: string) {
  const { set } = await requireSet(db, actor, setId, "manage");
  await db.transaction(async (tx) => {
    const members = (await listGroupsOfSet(tx, setId)).flatMap((g) => g.members.map((m) => m.userId));
    try {
      await repo.deleteSet(tx, setId);
    } catch (err) {
      // Other areas (group tasks) refer to sets; the database refuses, and the teacher is told what to do.
      if (isForeignKeyViolation(err)) throw conflict("A group task uses this set, so it cannot be deleted. Archive it instead.");
      throw err;
    }
    await audit(tx, actor, {
      action: "groups.set.delete",
      targetType: "group_set",
      targetId: setId,
      details: { name: set.name, classId: set.classId },
    });
    await recordEvent(tx, set.districtId, "groups.set.deleted", [`class:${set.classId}`], { classId: set.classId, setId });
    await recordAccessChange(tx, set.districtId, members);
  });
}

/** True for PostgreSQL's foreign-key violation (23503), whether or not the driver error is wrapped. */
const isForeignKeyViolation = (err: unknown) => hasPgCode(err, "23503");

/** True when the error (or one it wraps) carries this PostgreSQL error code. */
export function hasPgCode(err: unknown, code: string): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

export type { Student };
