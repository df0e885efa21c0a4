import { aliasedTable, and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  taskActivity,
  taskCardLog,
  taskCards,
  taskCharterSignatures,
  taskCharters,
  taskRoles,
  taskSubmissionFiles,
  taskSubmissionVersions,
  taskSubmissions,
  users,
} from "../../db/schema/index.js";
import { personName } from "./tasks.repository.js";

/** Identifies one group's space of one task. */
export interface SpaceKey {
  taskId: string;
  groupId: string;
  districtId: string;
}

/** Rows of one group's space in any of the space's tables. */
const inSpace = (table: { taskId: AnyPgColumn; groupId: AnyPgColumn }, key: SpaceKey) =>
  and(eq(table.taskId, key.taskId), eq(table.groupId, key.groupId));

const proposer = aliasedTable(users, "proposer");
const updater = aliasedTable(users, "updater");
const submitter = aliasedTable(users, "submitter");
const proposerName = sql<string>`coalesce(nullif(${proposer.preferredName}, ''), ${proposer.givenName}) || ' ' || ${proposer.familyName}`;
const updaterName = sql<string>`coalesce(nullif(${updater.preferredName}, ''), ${updater.givenName}) || ' ' || ${updater.familyName}`;
const submitterName = sql<string>`coalesce(nullif(${submitter.preferredName}, ''), ${submitter.givenName}) || ' ' || ${submitter.familyName}`;

// ---- roles

/** Role assignments of a group, by phase then role. */
export function listRoles(db: DbOrTx, key: SpaceKey) {
  return db
    .select({
      phase: taskRoles.phase,
      role: taskRoles.role,
      userId: taskRoles.userId,
      userName: personName,
      proposedBy: taskRoles.proposedBy,
      proposedByName: proposerName,
      proposedAt: taskRoles.proposedAt,
      acceptedAt: taskRoles.acceptedAt,
    })
    .from(taskRoles)
    .innerJoin(users, eq(users.id, taskRoles.userId))
    .innerJoin(proposer, eq(proposer.id, taskRoles.proposedBy))
    .where(inSpace(taskRoles, key))
    .orderBy(asc(taskRoles.phase), asc(taskRoles.role));
}

/** Proposes (or re-proposes) who takes a role in a phase; accepted at once when people name themselves. */
export async function upsertRole(
  db: DbOrTx,
  key: SpaceKey,
  value: { phase: number; role: string; userId: string; proposedBy: string; accepted: boolean },
) {
  const now = new Date();
  const set = { userId: value.userId, proposedBy: value.proposedBy, proposedAt: now, acceptedAt: value.accepted ? now : null };
  await db
    .insert(taskRoles)
    .values({ ...key, phase: value.phase, role: value.role, ...set })
    .onConflictDoUpdate({ target: [taskRoles.taskId, taskRoles.groupId, taskRoles.phase, taskRoles.role], set });
}

/** Accepts a role proposed to `userId`; false when there is no such proposal. */
export async function acceptRole(db: DbOrTx, key: SpaceKey, phase: number, role: string, userId: string) {
  const rows = await db
    .update(taskRoles)
    .set({ acceptedAt: new Date() })
    .where(and(inSpace(taskRoles, key), eq(taskRoles.phase, phase), eq(taskRoles.role, role), eq(taskRoles.userId, userId)))
    .returning({ role: taskRoles.role });
  return rows.length > 0;
}

// ---- charter

/** The group's charter, or undefined before the first edit. */
export async function findCharter(db: DbOrTx, key: SpaceKey) {
  const [row] = await db
    .select({ charter: taskCharters, updatedByName: updaterName })
    .from(taskCharters)
    .leftJoin(updater, eq(updater.id, taskCharters.updatedBy))
    .where(inSpace(taskCharters, key))
    .limit(1);
  return row;
}

/** Writes the charter when the version read is still current (0 = none yet); false on a stale version. */
export async function saveCharterIfVersion(
  db: DbOrTx,
  key: SpaceKey,
  version: number,
  fields: { goals: string; norms: string; decisions: string; fallingBehind: string },
  userId: string,
) {
  const now = new Date();
  if (version === 0) {
    const inserted = await db
      .insert(taskCharters)
      .values({ ...key, ...fields, version: 1, updatedBy: userId, updatedAt: now })
      .onConflictDoNothing()
      .returning({ version: taskCharters.version });
    return inserted.length > 0;
  }
  const updated = await db
    .update(taskCharters)
    .set({ ...fields, version: sql`${taskCharters.version} + 1`, updatedBy: userId, updatedAt: now })
    .where(and(inSpace(taskCharters, key), eq(taskCharters.version, version)))
    .returning({ version: taskCharters.version });
  return updated.length > 0;
}

/** Signatures of the group's charter with the signers' names. */
export function listSignatures(db: DbOrTx, key: SpaceKey) {
  return db
    .select({
      userId: taskCharterSignatures.userId,
      name: personName,
      version: taskCharterSignatures.charterVersion,
      signedAt: taskCharterSignatures.signedAt,
    })
    .from(taskCharterSignatures)
    .innerJoin(users, eq(users.id, taskCharterSignatures.userId))
    .where(inSpace(taskCharterSignatures, key))
    .orderBy(asc(taskCharterSignatures.signedAt));
}

/** Removes every signature: the charter changed, so everyone signs again. */
export async function clearSignatures(db: DbOrTx, key: SpaceKey) {
  await db.delete(taskCharterSignatures).where(inSpace(taskCharterSignatures, key));
}

/** Records a member's signature of a charter version. */
export async function sign(db: DbOrTx, key: SpaceKey, userId: string, version: number) {
  await db
    .insert(taskCharterSignatures)
    .values({ ...key, userId, charterVersion: version })
    .onConflictDoUpdate({
      target: [taskCharterSignatures.taskId, taskCharterSignatures.groupId, taskCharterSignatures.userId],
      set: { charterVersion: version, signedAt: new Date() },
    });
}

// ---- board

/** The group's cards (not deleted), by column position. */
export function listCards(db: DbOrTx, key: SpaceKey) {
  return db
    .select({ card: taskCards, ownerName: sql<string | null>`case when ${users.id} is null then null else ${personName} end` })
    .from(taskCards)
    .leftJoin(users, eq(users.id, taskCards.ownerId))
    .where(and(inSpace(taskCards, key), isNull(taskCards.deletedAt)))
    .orderBy(asc(taskCards.position), asc(taskCards.createdAt));
}

/** One card of the group (not deleted). */
export async function findCard(db: DbOrTx, key: SpaceKey, cardId: string) {
  const [row] = await db
    .select()
    .from(taskCards)
    .where(and(inSpace(taskCards, key), eq(taskCards.id, cardId), isNull(taskCards.deletedAt)))
    .limit(1);
  return row;
}

/** How many cards the group has (a bound against runaway boards). */
export async function countCards(db: DbOrTx, key: SpaceKey) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(taskCards)
    .where(and(inSpace(taskCards, key), isNull(taskCards.deletedAt)));
  return row?.n ?? 0;
}

/** Inserts a card at the end of its column. */
export async function insertCard(db: DbOrTx, values: typeof taskCards.$inferInsert) {
  const [row] = await db
    .insert(taskCards)
    .values({
      ...values,
      position: sql`(select coalesce(max(position) + 1, 0) from ${taskCards} where task_id = ${values.taskId} and group_id = ${values.groupId} and status = ${values.status ?? "todo"})`,
    })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes a card when its version still matches; undefined when someone else changed it first. */
export async function updateCardIfVersion(
  db: DbOrTx,
  key: SpaceKey,
  cardId: string,
  version: number,
  values: Partial<typeof taskCards.$inferInsert>,
) {
  const [row] = await db
    .update(taskCards)
    .set({ ...values, version: sql`${taskCards.version} + 1`, updatedAt: new Date() })
    .where(and(inSpace(taskCards, key), eq(taskCards.id, cardId), eq(taskCards.version, version), isNull(taskCards.deletedAt)))
    .returning();
  return row;
}

/** Appends to the card log (never updated or deleted). */
export async function logCard(
  db: DbOrTx,
  key: SpaceKey,
  cardId: string,
  actorId: string,
  action: string,
  details: Record<string, unknown>,
) {
  await db.insert(taskCardLog).values({ ...key, cardId, actorId, action, details });
}

/** The group's card log, newest first. */
export function listCardLog(db: DbOrTx, key: SpaceKey, limit: number) {
  return db
    .select({ log: taskCardLog, actorName: personName, cardTitle: taskCards.title })
    .from(taskCardLog)
    .innerJoin(users, eq(users.id, taskCardLog.actorId))
    .innerJoin(taskCards, eq(taskCards.id, taskCardLog.cardId))
    .where(inSpace(taskCardLog, key))
    .orderBy(desc(taskCardLog.id))
    .limit(limit);
}

// ---- submission

/** The group's submission, or undefined before the first save. */
export async function findSubmission(db: DbOrTx, key: SpaceKey) {
  const [row] = await db
    .select({ submission: taskSubmissions, updatedByName: updaterName, submittedByName: submitterName })
    .from(taskSubmissions)
    .leftJoin(updater, eq(updater.id, taskSubmissions.updatedBy))
    .leftJoin(submitter, eq(submitter.id, taskSubmissions.submittedBy))
    .where(inSpace(taskSubmissions, key))
    .limit(1);
  return row;
}

/** Saves the body when the version read is still current (0 = none yet); the new version, or null when stale or submitted. */
export async function saveSubmissionIfVersion(
  db: DbOrTx,
  key: SpaceKey,
  version: number,
  body: string,
  userId: string,
): Promise<number | null> {
  const now = new Date();
  if (version === 0) {
    const inserted = await db
      .insert(taskSubmissions)
      .values({ ...key, body, version: 1, updatedBy: userId, updatedAt: now })
      .onConflictDoNothing()
      .returning({ version: taskSubmissions.version });
    if (inserted[0]) return inserted[0].version;
    // A row already exists: one made for files only (version 0) is updated below like any other.
  }
  const [row] = await db
    .update(taskSubmissions)
    .set({ body, version: sql`${taskSubmissions.version} + 1`, updatedBy: userId, updatedAt: now })
    .where(and(inSpace(taskSubmissions, key), eq(taskSubmissions.version, version), isNull(taskSubmissions.submittedAt)))
    .returning({ version: taskSubmissions.version });
  return row?.version ?? null;
}

/** Creates the submission row if missing (submitting files only), returning nothing. */
export async function ensureSubmission(db: DbOrTx, key: SpaceKey) {
  await db
    .insert(taskSubmissions)
    .values({ ...key, version: 0 })
    .onConflictDoNothing();
}

/** Marks the submission submitted (or not); false when it was already in that state. */
export async function setSubmitted(db: DbOrTx, key: SpaceKey, userId: string, submitted: boolean) {
  const rows = await db
    .update(taskSubmissions)
    .set(submitted ? { submittedAt: new Date(), submittedBy: userId } : { submittedAt: null, submittedBy: null })
    .where(
      and(inSpace(taskSubmissions, key), submitted ? isNull(taskSubmissions.submittedAt) : sql`${taskSubmissions.submittedAt} is not null`),
    )
    .returning({ version: taskSubmissions.version });
  return rows.length > 0;
}

/** Appends a saved version to the history. */
export async function insertSubmissionVersion(db: DbOrTx, key: SpaceKey, version: number, body: string, authorId: string) {
  await db.insert(taskSubmissionVersions).values({ ...key, version, body, size: Buffer.byteLength(body), authorId });
}

/** The submission's history, newest first (without the bodies). */
export function listSubmissionVersions(db: DbOrTx, key: SpaceKey) {
  return db
    .select({
      version: taskSubmissionVersions.version,
      authorId: taskSubmissionVersions.authorId,
      authorName: personName,
      at: taskSubmissionVersions.at,
      size: taskSubmissionVersions.size,
    })
    .from(taskSubmissionVersions)
    .innerJoin(users, eq(users.id, taskSubmissionVersions.authorId))
    .where(inSpace(taskSubmissionVersions, key))
    .orderBy(desc(taskSubmissionVersions.version));
}

/** One version of the submission with its body. */
export async function findSubmissionVersion(db: DbOrTx, key: SpaceKey, version: number) {
  const [row] = await db
    .select({
      version: taskSubmissionVersions.version,
      authorId: taskSubmissionVersions.authorId,
      authorName: personName,
      at: taskSubmissionVersions.at,
      size: taskSubmissionVersions.size,
      body: taskSubmissionVersions.body,
    })
    .from(taskSubmissionVersions)
    .innerJoin(users, eq(users.id, taskSubmissionVersions.authorId))
    .where(and(inSpace(taskSubmissionVersions, key), eq(taskSubmissionVersions.version, version)))
    .limit(1);
  return row;
}

/** The submission's files (not deleted), oldest first. */
export function listFiles(db: DbOrTx, key: SpaceKey) {
  return db
    .select({ file: taskSubmissionFiles, uploaderName: personName })
    .from(taskSubmissionFiles)
    .innerJoin(users, eq(users.id, taskSubmissionFiles.uploadedBy))
    .where(and(inSpace(taskSubmissionFiles, key), isNull(taskSubmissionFiles.deletedAt)))
    .orderBy(asc(taskSubmissionFiles.uploadedAt));
}

/** One file of the submission (not deleted). */
export async function findFile(db: DbOrTx, key: SpaceKey, fileId: string) {
  const [row] = await db
    .select()
    .from(taskSubmissionFiles)
    .where(and(inSpace(taskSubmissionFiles, key), eq(taskSubmissionFiles.id, fileId), isNull(taskSubmissionFiles.deletedAt)))
    .limit(1);
  return row;
}

/** Records an uploaded file. */
export async function insertFile(db: DbOrTx, values: typeof taskSubmissionFiles.$inferInsert) {
  const [row] = await db.insert(taskSubmissionFiles).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Marks a file deleted (the stored object is removed after the transaction). */
export async function markFileDeleted(db: DbOrTx, key: SpaceKey, fileId: string) {
  await db
    .update(taskSubmissionFiles)
    .set({ deletedAt: new Date() })
    .where(and(inSpace(taskSubmissionFiles, key), eq(taskSubmissionFiles.id, fileId)));
}

// ---- activity and contributions

/** The member's latest activity interval in the space, locked for update against concurrent beats. */
export async function latestInterval(db: DbOrTx, key: SpaceKey, userId: string) {
  const [row] = await db
    .select()
    .from(taskActivity)
    .where(and(inSpace(taskActivity, key), eq(taskActivity.userId, userId)))
    .orderBy(desc(taskActivity.lastBeatAt))
    .limit(1)
    .for("update");
  return row;
}

/** Starts a new interval at `now`. */
export async function startInterval(db: DbOrTx, key: SpaceKey, userId: string, now: Date) {
  await db.insert(taskActivity).values({ ...key, userId, startedAt: now, lastBeatAt: now });
}

/** Extends an interval to `now`. */
export async function extendInterval(db: DbOrTx, id: number, now: Date) {
  await db
    .update(taskActivity)
    .set({ lastBeatAt: now })
    .where(and(eq(taskActivity.id, id), gt(sql`${now}::timestamptz`, taskActivity.lastBeatAt)));
}

/** Per member of the group: cards done and owned, submission edits, card-log entries and active seconds. One query per measure, no N+1. */
export async function contributionCounts(db: DbOrTx, key: SpaceKey) {
  const [cards, edits, actions, active] = await Promise.all([
    db
      .select({
        userId: taskCards.ownerId,
        owned: sql<number>`count(*)::int`,
        done: sql<number>`count(*) filter (where ${taskCards.status} = 'done')::int`,
      })
      .from(taskCards)
      .where(and(inSpace(taskCards, key), isNull(taskCards.deletedAt)))
      .groupBy(taskCards.ownerId),
    db
      .select({ userId: taskSubmissionVersions.authorId, n: sql<number>`count(*)::int` })
      .from(taskSubmissionVersions)
      .where(inSpace(taskSubmissionVersions, key))
      .groupBy(taskSubmissionVersions.authorId),
    db
      .select({ userId: taskCardLog.actorId, n: sql<number>`count(*)::int` })
      .from(taskCardLog)
      .where(inSpace(taskCardLog, key))
      .groupBy(taskCardLog.actorId),
    db
      .select({
        userId: taskActivity.userId,
        seconds: sql<number>`coalesce(floor(sum(extract(epoch from (${taskActivity.lastBeatAt} - ${taskActivity.startedAt})))), 0)::int`,
      })
      .from(taskActivity)
      .where(inSpace(taskActivity, key))
      .groupBy(taskActivity.userId),
  ]);
  return { cards, edits, actions, active };
}
