import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import { peerGroupMarks, peerMarkOverrides, peerRatings, users } from "../../db/schema/index.js";

const raters = alias(users, "raters");
const ratees = alias(users, "ratees");
const overriders = alias(users, "overriders");

/** "Given Family" (the preferred name when set) of an aliased users table. */
const personName = (u: { preferredName: AnyPgColumn; givenName: AnyPgColumn; familyName: AnyPgColumn }) =>
  sql<string>`coalesce(nullif(${u.preferredName}, ''), ${u.givenName}) || ' ' || ${u.familyName}`;

/** The ratings one student gave for a task. */
export async function listMyRatings(db: DbOrTx, taskId: string, raterId: string) {
  return db
    .select({ rateeId: peerRatings.rateeId, scores: peerRatings.scores, comment: peerRatings.comment, updatedAt: peerRatings.updatedAt })
    .from(peerRatings)
    .where(and(eq(peerRatings.taskId, taskId), eq(peerRatings.raterId, raterId)));
}

/** Every rating of a task (teachers only), with the names of rater and ratee. */
export async function listRatingsOfTask(db: DbOrTx, taskId: string) {
  return db
    .select({
      groupId: peerRatings.groupId,
      raterId: peerRatings.raterId,
      raterName: personName(raters),
      rateeId: peerRatings.rateeId,
      rateeName: personName(ratees),
      scores: peerRatings.scores,
      comment: peerRatings.comment,
      updatedAt: peerRatings.updatedAt,
    })
    .from(peerRatings)
    .innerJoin(raters, eq(raters.id, peerRatings.raterId))
    .innerJoin(ratees, eq(ratees.id, peerRatings.rateeId))
    .where(eq(peerRatings.taskId, taskId))
    .orderBy(asc(raters.familyName), asc(raters.givenName), asc(ratees.familyName), asc(ratees.givenName));
}

export interface RatingWrite {
  rateeId: string;
  scores: Record<string, number>;
  comment: string;
}

/** Replaces one student's ratings for a task: updates the ones given again, adds new ones, drops the rest. */
export async function replaceMyRatings(
  tx: DbOrTx,
  key: { districtId: string; taskId: string; groupId: string; raterId: string },
  ratings: readonly RatingWrite[],
) {
  const keep = ratings.map((r) => r.rateeId);
  await tx
    .delete(peerRatings)
    .where(
      and(
        eq(peerRatings.taskId, key.taskId),
        eq(peerRatings.raterId, key.raterId),
        keep.length ? notInArray(peerRatings.rateeId, keep) : undefined,
      ),
    );
  if (ratings.length === 0) return;
  await tx
    .insert(peerRatings)
    .values(ratings.map((r) => ({ ...key, ...r })))
    .onConflictDoUpdate({
      target: [peerRatings.taskId, peerRatings.raterId, peerRatings.rateeId],
      set: { scores: sql`excluded.scores`, comment: sql`excluded.comment`, groupId: sql`excluded.group_id`, updatedAt: sql`now()` },
    });
}

/** The group marks entered for a task. */
export async function listGroupMarks(db: DbOrTx, taskId: string) {
  return db
    .select({ groupId: peerGroupMarks.groupId, mark: peerGroupMarks.mark })
    .from(peerGroupMarks)
    .where(eq(peerGroupMarks.taskId, taskId));
}

/** Sets a group's mark (exact numeric, passed as a decimal string) and returns the previous one. */
export async function upsertGroupMark(
  tx: DbOrTx,
  values: { taskId: string; groupId: string; districtId: string; mark: string; enteredBy: string },
) {
  const [before] = await tx
    .select({ mark: peerGroupMarks.mark })
    .from(peerGroupMarks)
    .where(and(eq(peerGroupMarks.taskId, values.taskId), eq(peerGroupMarks.groupId, values.groupId)));
  await tx
    .insert(peerGroupMarks)
    .values(values)
    .onConflictDoUpdate({
      target: [peerGroupMarks.taskId, peerGroupMarks.groupId],
      set: { mark: values.mark, enteredBy: values.enteredBy, updatedAt: sql`now()` },
    });
  return before?.mark ?? null;
}

/** The overrides of a task with who made them. */
export async function listOverrides(db: DbOrTx, taskId: string) {
  return db
    .select({
      userId: peerMarkOverrides.userId,
      groupId: peerMarkOverrides.groupId,
      mark: peerMarkOverrides.mark,
      reason: peerMarkOverrides.reason,
      byId: peerMarkOverrides.overriddenBy,
      byName: personName(overriders),
      at: peerMarkOverrides.overriddenAt,
    })
    .from(peerMarkOverrides)
    .innerJoin(overriders, eq(overriders.id, peerMarkOverrides.overriddenBy))
    .where(eq(peerMarkOverrides.taskId, taskId));
}

/** Sets one member's override; returns the previous one (for the audit log). */
export async function upsertOverride(
  tx: DbOrTx,
  values: { taskId: string; userId: string; groupId: string; districtId: string; mark: string; reason: string; overriddenBy: string },
) {
  const [before] = await tx
    .select({ mark: peerMarkOverrides.mark, reason: peerMarkOverrides.reason })
    .from(peerMarkOverrides)
    .where(and(eq(peerMarkOverrides.taskId, values.taskId), eq(peerMarkOverrides.userId, values.userId)));
  await tx
    .insert(peerMarkOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [peerMarkOverrides.taskId, peerMarkOverrides.userId],
      set: {
        mark: values.mark,
        reason: values.reason,
        groupId: values.groupId,
        overriddenBy: values.overriddenBy,
        overriddenAt: sql`now()`,
      },
    });
  return before ?? null;
}

/** Removes one member's override; returns what was removed, or null. */
export async function deleteOverride(tx: DbOrTx, taskId: string, userId: string) {
  const [gone] = await tx
    .delete(peerMarkOverrides)
    .where(and(eq(peerMarkOverrides.taskId, taskId), eq(peerMarkOverrides.userId, userId)))
    .returning({ mark: peerMarkOverrides.mark, reason: peerMarkOverrides.reason });
  return gone ?? null;
}

/** Which of these users rated anyone for the task (for "has rated" without loading the ratings). */
export async function ratersAmong(db: DbOrTx, taskId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return new Set<string>();
  const rows = await db
    .selectDistinct({ raterId: peerRatings.raterId })
    .from(peerRatings)
    .where(and(eq(peerRatings.taskId, taskId), inArray(peerRatings.raterId, [...userIds])));
  return new Set(rows.map((r) => r.raterId));
}
