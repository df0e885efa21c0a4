import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { chatMessages, chatSettings, classes, enrolments, groupMembers, groupSets, groups, users, type StoredMention } from "../../db/schema/index.js";

// Inside these subqueries drizzle writes a column without its table name, so the outer columns are named in full.
const classIdColumn = sql.raw(`"classes"."id"`);
const groupIdColumn = sql.raw(`"groups"."id"`);
const userIdColumn = sql.raw(`"users"."id"`);

/** The caller's active role in a class (teacher before student), as SQL over `classes.id`. */
const myRoleInClass = (userId: string) =>
  sql<string | null>`(select e.role from ${enrolments} e where e.class_id = ${classIdColumn} and e.user_id = ${userId} and e.status = 'active'
    order by case e.role when 'teacher' then 0 when 'student' then 1 else 2 end limit 1)`;

/** The class's chat switch (on unless a teacher turned it off). */
const chatEnabled = sql<boolean>`coalesce((select s.enabled from ${chatSettings} s where s.class_id = ${classIdColumn}), true)`;

/** A class of the district with the caller's role in it and its chat switch. */
export async function findClassChat(db: DbOrTx, districtId: string, userId: string, classId: string) {
  const [row] = await db
    .select({ id: classes.id, title: classes.title, schoolId: classes.schoolId, myRole: myRoleInClass(userId), enabled: chatEnabled })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.districtId, districtId)));
  return row ?? null;
}

/** A group of the district with its set's state, its class, the caller's role in the class and membership of the group. */
export async function findGroupChat(db: DbOrTx, districtId: string, userId: string, groupId: string) {
  const [row] = await db
    .select({
      id: groups.id,
      name: groups.name,
      classId: classes.id,
      classTitle: classes.title,
      schoolId: classes.schoolId,
      publishedAt: groupSets.publishedAt,
      archivedAt: groupSets.archivedAt,
      myRole: myRoleInClass(userId),
      isMember: sql<boolean>`exists (select 1 from ${groupMembers} m where m.group_id = ${groupIdColumn} and m.user_id = ${userId})`,
      enabled: chatEnabled,
    })
    .from(groups)
    .innerJoin(groupSets, eq(groupSets.id, groups.setId))
    .innerJoin(classes, eq(classes.id, groups.classId))
    .where(and(eq(groups.id, groupId), eq(groups.districtId, districtId)));
  return row ?? null;
}

const authorName = sql<string>`coalesce(${users.preferredName}, ${users.givenName}) || ' ' || ${users.familyName}`;

const messageColumns = {
  id: chatMessages.id,
  seq: chatMessages.seq,
  classId: chatMessages.classId,
  groupId: chatMessages.groupId,
  authorId: chatMessages.authorId,
  authorName,
  body: chatMessages.body,
  mentions: chatMessages.mentions,
  createdAt: chatMessages.createdAt,
  deletedAt: chatMessages.deletedAt,
};

/** A message row with its author's name, as the presenter takes it. */
export type MessageRow = {
  id: string;
  seq: number;
  classId: string;
  groupId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  mentions: StoredMention[];
  createdAt: Date;
  deletedAt: Date | null;
};

/** Where a chat lives: a class (groupId null) or a group of it. */
export interface ChatScope {
  districtId: string;
  classId: string;
  groupId: string | null;
}

const inScope = (scope: ChatScope) =>
  and(
    eq(chatMessages.districtId, scope.districtId),
    eq(chatMessages.classId, scope.classId),
    scope.groupId ? eq(chatMessages.groupId, scope.groupId) : isNull(chatMessages.groupId),
  );

/** Up to `limit` messages of the chat, newest first, older than the message `before` (when given). */
export async function listMessages(db: DbOrTx, scope: ChatScope, before: string | null, limit: number): Promise<MessageRow[]> {
  const older = before
    ? lt(chatMessages.seq, sql`(select m.seq from ${chatMessages} m where m.id = ${before})`)
    : undefined;
  return db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.authorId))
    .where(and(inScope(scope), older))
    .orderBy(desc(chatMessages.seq))
    .limit(limit);
}

/** Does this message belong to the chat? (A `before` cursor from another chat is a mistake.) */
export async function messageInScope(db: DbOrTx, scope: ChatScope, messageId: string): Promise<boolean> {
  const [row] = await db.select({ id: chatMessages.id }).from(chatMessages).where(and(inScope(scope), eq(chatMessages.id, messageId)));
  return !!row;
}

/** One message with its author's name. */
export async function findMessage(db: DbOrTx, districtId: string, messageId: string): Promise<MessageRow | null> {
  const [row] = await db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.authorId))
    .where(and(eq(chatMessages.id, messageId), eq(chatMessages.districtId, districtId)));
  return row ?? null;
}

/** The message an author already sent with this Idempotency-Key, if any. */
export async function findByIdempotencyKey(db: DbOrTx, authorId: string, key: string): Promise<MessageRow | null> {
  const [row] = await db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.authorId))
    .where(and(eq(chatMessages.authorId, authorId), eq(chatMessages.idempotencyKey, key)));
  return row ?? null;
}

/** Inserts a message; null when the author's Idempotency-Key was used meanwhile (the caller reads that one). */
export async function insertMessage(
  tx: DbOrTx,
  values: ChatScope & { authorId: string; body: string; mentions: StoredMention[]; idempotencyKey: string | null },
): Promise<string | null> {
  const [row] = await tx.insert(chatMessages).values(values).onConflictDoNothing().returning({ id: chatMessages.id });
  return row?.id ?? null;
}

/** Marks a message deleted and forgets its text and mentions. */
export async function markDeleted(tx: DbOrTx, messageId: string, by: string): Promise<void> {
  await tx
    .update(chatMessages)
    .set({ deletedAt: new Date(), deletedBy: by, body: "", mentions: [] })
    .where(eq(chatMessages.id, messageId));
}

/** Sets a class's chat switch. */
export async function setEnabled(tx: DbOrTx, districtId: string, classId: string, enabled: boolean, by: string): Promise<void> {
  await tx
    .insert(chatSettings)
    .values({ classId, districtId, enabled, updatedBy: by })
    .onConflictDoUpdate({ target: chatSettings.classId, set: { enabled, updatedBy: by, updatedAt: new Date() } });
}

/**
 * The people named (by username, any case) who take part in the chat: the class's active teachers,
 * and its active students (class chat) or the group's members (group chat).
 */
export async function findParticipantsByUsername(db: DbOrTx, scope: ChatScope, usernames: string[]): Promise<StoredMention[]> {
  if (usernames.length === 0) return [];
  const lowered = usernames.map((u) => u.toLowerCase());
  const teacher = sql`exists (select 1 from ${enrolments} e where e.class_id = ${scope.classId} and e.user_id = ${userIdColumn} and e.status = 'active' and e.role = 'teacher')`;
  const learner = scope.groupId
    ? sql`exists (select 1 from ${groupMembers} m where m.group_id = ${scope.groupId} and m.user_id = ${userIdColumn})`
    : sql`exists (select 1 from ${enrolments} e where e.class_id = ${scope.classId} and e.user_id = ${userIdColumn} and e.status = 'active' and e.role = 'student')`;
  const rows = await db
    .select({ userId: users.id, username: users.username, name: authorName })
    .from(users)
    .where(
      and(
        eq(users.districtId, scope.districtId),
        eq(users.status, "active"),
        inArray(sql`lower(${users.username})`, lowered),
        sql`(${teacher} or ${learner})`,
      ),
    );
  return rows;
}

/** The ids of a class's groups (their chats follow the class's switch). */
export async function listGroupIdsOfClass(db: DbOrTx, classId: string): Promise<string[]> {
  const rows = await db.select({ id: groups.id }).from(groups).where(eq(groups.classId, classId));
  return rows.map((r) => r.id);
}
