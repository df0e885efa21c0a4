import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { isTransaction, preparedPerDatabase, queryRows, type DbOrTx } from "../../db/client.js";
import {
  classes,
  discussionAttachments,
  discussionBoardGroups,
  discussionBoards,
  discussionFollows,
  discussionPostEdits,
  discussionPosts,
  discussionReactions,
  discussionReads,
  discussionThreads,
  enrolments,
  groupMembers,
  groupSets,
  groups,
  users,
} from "../../db/schema/index.js";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/actor.js";
import {
  boardRoleSql,
  hasOwnReplySql,
  readerParams,
  readerPlaceholders,
  readerSql,
  visiblePostSql,
  type BoardRole,
  type ReaderSql,
} from "./discussions.policy.js";

const enrolment = alias(enrolments, "e");

export type BoardRow = typeof discussionBoards.$inferSelect;
export type ThreadRow = typeof discussionThreads.$inferSelect;
export type PostRow = typeof discussionPosts.$inferSelect;
export type AttachmentRow = typeof discussionAttachments.$inferSelect;

/** "Given Family" (the preferred name when set). */
export const personName = sql<string>`coalesce(nullif(${users.preferredName}, ''), ${users.givenName}) || ' ' || ${users.familyName}`;
/** A timestamp as an ISO string (raw queries return driver-specific formats otherwise). */
export const iso = (column: SQL | unknown) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// ---------------------------------------------------------------------------------------------
// Boards

/** A board with its class, group and the actor's role on it (role null: the actor may not see it). */
export async function findBoard(db: DbOrTx, actor: Actor, boardId: string) {
  const [row] = await db
    .select({
      board: discussionBoards,
      role: boardRoleSql(readerSql(actor)),
      className: classes.title,
      schoolId: classes.schoolId,
      groupName: groups.name,
      groupSetId: groups.setId,
    })
    .from(discussionBoards)
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .leftJoin(groups, eq(groups.id, discussionBoards.groupId))
    .where(and(eq(discussionBoards.id, boardId), eq(discussionBoards.districtId, actor.districtId)))
    .limit(1);
  if (!row) return null;
  return { ...row, groupIds: await boardGroupIds(db, boardId) };
}

/** The groups selected for a "groups" board. */
export async function boardGroupIds(db: DbOrTx, boardId: string): Promise<string[]> {
  const rows = await db
    .select({ id: discussionBoardGroups.groupId })
    .from(discussionBoardGroups)
    .where(eq(discussionBoardGroups.boardId, boardId));
  return rows.map((r) => r.id);
}

/** The groups among `ids` that belong to one set of the class, with that set (for validation). */
export async function groupsOfClass(db: DbOrTx, districtId: string, classId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: groups.id, setId: groups.setId })
    .from(groups)
    .where(and(inArray(groups.id, ids), eq(groups.classId, classId), eq(groups.districtId, districtId)));
}

/** Inserts a board and its selected groups. */
export async function insertBoard(db: DbOrTx, values: typeof discussionBoards.$inferInsert, groupIds: string[]) {
  const [row] = await db.insert(discussionBoards).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  await replaceBoardGroups(db, row.id, groupIds);
  return row;
}

/** Changes a board's settings. */
export async function updateBoard(db: DbOrTx, boardId: string, values: Partial<typeof discussionBoards.$inferInsert>) {
  const [row] = await db.update(discussionBoards).set(values).where(eq(discussionBoards.id, boardId)).returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

/** Replaces the selected groups of a board. */
export async function replaceBoardGroups(db: DbOrTx, boardId: string, groupIds: string[]) {
  await db.delete(discussionBoardGroups).where(eq(discussionBoardGroups.boardId, boardId));
  if (groupIds.length > 0) await db.insert(discussionBoardGroups).values(groupIds.map((groupId) => ({ boardId, groupId })));
}

/** A thread visible to the reader: its opening post is (pending ones only to their author and moderators). */
function threadVisibleSql(actor: Actor, role: SQL | BoardRole): SQL {
  return sql`(${discussionThreads.deletedAt} is null and exists (select 1 from ${discussionPosts}
    where ${discussionPosts.threadId} = ${discussionThreads.id} and ${discussionPosts.parentId} is null and ${visiblePostSql(readerSql(actor), role)}))`;
}

/** Posts of others the reader has not seen since their last visit, among those they may see. */
function unreadPostsSql(actor: Actor, role: SQL | BoardRole): SQL {
  return sql`${discussionPosts.authorId} <> ${actor.userId}::uuid and ${discussionPosts.deletedAt} is null
    and ${discussionPosts.createdAt} > coalesce((select r.read_at from ${discussionReads} r
      where r.thread_id = ${discussionThreads.id} and r.user_id = ${actor.userId}::uuid), '-infinity'::timestamptz)
    and ${visiblePostSql(readerSql(actor), role)}`;
}

export interface BoardListRow {
  id: string;
  class_id: string;
  class_name: string;
  group_id: string | null;
  group_name: string | null;
  title: string;
  description: string;
  visibility: "owner" | "groups";
  group_ids: string[];
  requires_approval: boolean;
  archived: boolean;
  created_at: string;
  thread_count: number;
  unread_count: number;
  role: BoardRole;
}

/**
 * The boards the actor may read (the scope is SQL), with thread and unread counts; optionally of
 * one class or one group. Archived boards only when asked.
 */
export async function listBoards(
  db: DbOrTx,
  actor: Actor,
  filter: { classId?: string; groupId?: string; includeArchived: boolean; limit: number; offset: number },
): Promise<{ rows: BoardListRow[]; total: number }> {
  const role = sql`${discussionBoards}.role`;
  const conditions = [sql`${discussionBoards.districtId} = ${actor.districtId}::uuid`];
  if (filter.classId) conditions.push(sql`${discussionBoards.classId} = ${filter.classId}::uuid`);
  if (filter.groupId) conditions.push(sql`${discussionBoards.groupId} = ${filter.groupId}::uuid`);
  if (!filter.includeArchived) conditions.push(sql`${discussionBoards.archivedAt} is null`);
  // The derived table keeps the table's name so the policy's column references resolve to it.
  const scoped = sql`(select ${discussionBoards}.*, ${boardRoleSql(readerSql(actor))} as role from ${discussionBoards} where ${sql.join(conditions, sql` and `)}) ${discussionBoards}`;
  const rows = await queryRows<BoardListRow & { total: number }>(
    db,
    sql`select ${discussionBoards.id} as id, ${discussionBoards.classId} as class_id, c.title as class_name,
        ${discussionBoards.groupId} as group_id, g.name as group_name, ${discussionBoards.title} as title,
        ${discussionBoards.description} as description, ${discussionBoards.visibility} as visibility,
        array(select bg.group_id::text from ${discussionBoardGroups} bg where bg.board_id = ${discussionBoards.id}) as group_ids,
        ${discussionBoards.requiresApproval} as requires_approval, ${discussionBoards.archivedAt} is not null as archived,
        ${iso(discussionBoards.createdAt)} as created_at, ${role} as role,
        (select count(*)::int from ${discussionThreads} where ${discussionThreads.boardId} = ${discussionBoards.id}
          and ${threadVisibleSql(actor, role)}) as thread_count,
        (select count(*)::int from ${discussionPosts} join ${discussionThreads} on ${discussionThreads.id} = ${discussionPosts.threadId}
          where ${discussionThreads.boardId} = ${discussionBoards.id} and ${threadVisibleSql(actor, role)}
          and ${unreadPostsSql(actor, role)}) as unread_count,
        count(*) over ()::int as total
      from ${scoped}
      join ${classes} c on c.id = ${discussionBoards.classId}
      left join ${groups} g on g.id = ${discussionBoards.groupId}
      where ${role} is not null
      order by c.title, ${discussionBoards.groupId} nulls first, ${discussionBoards.title}
      limit ${filter.limit} offset ${filter.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Threads

export interface ThreadListRow {
  id: string;
  board_id: string;
  title: string;
  author_id: string;
  author_name: string;
  pinned: boolean;
  locked: boolean;
  post_first: boolean;
  created_at: string;
  last_post_at: string;
  reply_count: number;
  unread_count: number;
  pending: boolean;
  /** Post first and the reader has no published reply yet: counts are withheld. */
  waiting: boolean;
  total: number;
}

/**
 * A thread's activity, derived from its posts so that a reply writes no thread row (decision 021):
 * `reply_count` (published, non-deleted replies) and `last_post_at` (its newest published post, or
 * when it was started), as a subquery to join laterally. `activityOfPosts` is the same rule for
 * posts already loaded.
 */
export const threadActivitySql = (threadId: SQL, createdAt: SQL) =>
  sql`(select count(*) filter (where p.parent_id is not null and p.deleted_at is null)::int as reply_count,
      coalesce(max(p.created_at), ${createdAt}) as last_post_at
    from ${discussionPosts} p where p.thread_id = ${threadId} and p.status = 'published')`;

/** One thread's activity (`threadActivitySql`). */
export async function threadActivity(db: DbOrTx, thread: { id: string; createdAt: Date }): Promise<ThreadActivity> {
  const [row] = await queryRows<{ reply_count: number; last_post_at: string }>(
    db,
    sql`select a.reply_count, ${iso(sql`a.last_post_at`)} as last_post_at
      from ${threadActivitySql(sql`${thread.id}::uuid`, sql`${thread.createdAt.toISOString()}::timestamptz`)} a`,
  );
  return { replyCount: row!.reply_count, lastPostAt: row!.last_post_at };
}

export interface ThreadActivity {
  replyCount: number;
  /** ISO time. */
  lastPostAt: string;
}

/** The threads of a board the reader sees: pinned first, then by last activity. */
export async function listThreads(db: DbOrTx, actor: Actor, boardId: string, role: BoardRole, limit: number, offset: number) {
  const waiting =
    role === "student"
      ? sql`(${discussionThreads.postFirst} and not ${hasOwnReplySql(readerSql(actor), sql`${discussionThreads.id}`)})`
      : sql`false`;
  const rows = await queryRows<ThreadListRow>(
    db,
    sql`select ${discussionThreads.id} as id, ${discussionThreads.boardId} as board_id, ${discussionThreads.title} as title,
        ${discussionThreads.authorId} as author_id, ${personName} as author_name, ${discussionThreads.pinned} as pinned,
        ${discussionThreads.locked} as locked, ${discussionThreads.postFirst} as post_first,
        ${iso(discussionThreads.createdAt)} as created_at, ${iso(sql`activity.last_post_at`)} as last_post_at,
        activity.reply_count as reply_count,
        (select count(*)::int from ${discussionPosts} where ${discussionPosts.threadId} = ${discussionThreads.id}
          and ${unreadPostsSql(actor, role)}) as unread_count,
        exists (select 1 from ${discussionPosts} where ${discussionPosts.threadId} = ${discussionThreads.id}
          and ${discussionPosts.parentId} is null and ${discussionPosts.status} = 'pending') as pending,
        ${waiting} as waiting,
        count(*) over ()::int as total
      from ${discussionThreads} join ${users} on ${users.id} = ${discussionThreads.authorId}
        cross join lateral ${threadActivitySql(sql`${discussionThreads.id}`, sql`${discussionThreads.createdAt}`)} activity
      where ${discussionThreads.boardId} = ${boardId}::uuid and ${threadVisibleSql(actor, role)}
      order by ${discussionThreads.pinned} desc, activity.last_post_at desc, ${discussionThreads.id}
      limit ${limit} offset ${offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** The thread read for one reader, as a query (a prepared statement with placeholders, or with values in a transaction). */
function threadForReader(db: DbOrTx, reader: ReaderSql, threadId: SQL) {
  const opening = sql`(select p.status || ':' || p.author_id || ':' || p.id from ${discussionPosts} p where p.thread_id = ${discussionThreads.id} and p.parent_id is null limit 1)`;
  return db
    .select({
      thread: discussionThreads,
      board: discussionBoards,
      role: boardRoleSql(reader),
      className: classes.title,
      opening: sql<string | null>`${opening}`,
      waiting: sql<boolean>`(${discussionThreads.postFirst} and not ${hasOwnReplySql(reader, sql`${discussionThreads.id}`)})`,
      authorName: personName,
      following: sql<boolean>`exists (select 1 from ${discussionFollows} f where f.thread_id = ${discussionThreads.id} and f.user_id = ${reader.me})`,
      lastReadAt: sql<
        string | null
      >`(select ${iso(sql`r.read_at`)} from ${discussionReads} r where r.thread_id = ${discussionThreads.id} and r.user_id = ${reader.me})`,
      /** The reader's own name, so that their new post is presented without reading it back. */
      readerName: sql<string>`(select coalesce(nullif(me.preferred_name, ''), me.given_name) || ' ' || me.family_name from ${users} me where me.id = ${reader.me})`,
    })
    .from(discussionThreads)
    .innerJoin(discussionBoards, eq(discussionBoards.id, discussionThreads.boardId))
    .innerJoin(classes, eq(classes.id, discussionBoards.classId))
    .innerJoin(users, eq(users.id, discussionThreads.authorId))
    .where(
      and(
        sql`${discussionThreads.id} = ${threadId}`,
        sql`${discussionThreads.districtId} = ${reader.district}`,
        isNull(discussionThreads.deletedAt),
      ),
    )
    .limit(1);
}

/** The posts of a thread a reader with `role` sees, oldest first, with authors, reactions and attachments. */
function postsForReader(db: DbOrTx, reader: ReaderSql, threadId: SQL, role: SQL | BoardRole) {
  return (
    db
      .select(postReadColumns(reader))
      .from(discussionPosts)
      .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
      .innerJoin(users, eq(users.id, discussionPosts.authorId))
      .where(and(sql`${discussionPosts.threadId} = ${threadId}`, visiblePostSql(reader, role)))
      // The opening post first even when a reply shares its timestamp (PGlite's clock is coarse).
      .orderBy(asc(discussionPosts.createdAt), sql`${discussionPosts.parentId} is not null`, asc(discussionPosts.id))
  );
}

/** Reading a thread is the hottest read of discussions: both of its statements are prepared. */
const readStatements = preparedPerDatabase((db) => ({
  thread: threadForReader(db, readerPlaceholders, sql`${sql.placeholder("threadId")}::uuid`).prepare("discussion_thread_for_reader"),
  posts: postsForReader(db, readerPlaceholders, sql`${sql.placeholder("threadId")}::uuid`, sql`${sql.placeholder("role")}::text`).prepare(
    "discussion_posts_for_reader",
  ),
}));

/** A thread with its board and the actor's role on the board; null when missing, deleted or not visible. */
export async function findThread(db: DbOrTx, actor: Actor, threadId: string) {
  const [row] = isTransaction(db)
    ? await threadForReader(db, readerSql(actor), sql`${threadId}::uuid`)
    : await readStatements(db).thread.execute({ ...readerParams(actor), threadId });
  if (!row || !row.role || !row.opening) return null;
  // The same rule as threadVisibleSql, for the opening post ("post first" never hides it).
  const [status, authorId, openingId] = row.opening.split(":");
  const visible = row.role !== "student" || status === "published" || authorId === actor.userId;
  if (!visible || !openingId) return null;
  return { ...row, role: row.role, pending: status === "pending", openingId };
}

/** Inserts a thread. */
export async function insertThread(db: DbOrTx, values: typeof discussionThreads.$inferInsert) {
  const [row] = await db.insert(discussionThreads).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes a thread's settings. */
export async function updateThread(db: DbOrTx, threadId: string, values: Partial<typeof discussionThreads.$inferInsert>) {
  const [row] = await db.update(discussionThreads).set(values).where(eq(discussionThreads.id, threadId)).returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

/** Records that the person opened the thread now. */
export async function markRead(db: DbOrTx, userId: string, threadId: string) {
  await db
    .insert(discussionReads)
    .values({ userId, threadId, readAt: new Date() })
    .onConflictDoUpdate({ target: [discussionReads.userId, discussionReads.threadId], set: { readAt: new Date() } });
}

/** Follows a thread (idempotent). */
export async function follow(db: DbOrTx, userId: string, threadId: string) {
  await db.insert(discussionFollows).values({ userId, threadId }).onConflictDoNothing();
}

/** Stops following a thread. */
export async function unfollow(db: DbOrTx, userId: string, threadId: string) {
  await db.delete(discussionFollows).where(and(eq(discussionFollows.userId, userId), eq(discussionFollows.threadId, threadId)));
}

// ---------------------------------------------------------------------------------------------
// Posts

/** What a post row carries for its reader besides the post: its author's name, reactions and attachments. */
function postReadColumns(reader: ReaderSql) {
  return {
    // What presenting and checking a post use (not its plain text, kept for search, nor its keys).
    post: {
      id: discussionPosts.id,
      threadId: discussionPosts.threadId,
      parentId: discussionPosts.parentId,
      authorId: discussionPosts.authorId,
      body: discussionPosts.body,
      status: discussionPosts.status,
      hiddenAt: discussionPosts.hiddenAt,
      hiddenReason: discussionPosts.hiddenReason,
      deletedAt: discussionPosts.deletedAt,
      editedAt: discussionPosts.editedAt,
      createdAt: discussionPosts.createdAt,
    },
    authorName: personName,
    // Counts per kind, with whether the reader reacted; and the files. Aggregated per post here so
    // that a thread reads in one statement, whatever its size.
    reactions: sql<ReactionCount[]>`(select coalesce(json_agg(json_build_object('kind', x.kind, 'count', x.n, 'mine', x.mine)), '[]')
      from (select r.kind, count(*)::int as n, bool_or(r.user_id = ${reader.me}) as mine
        from ${discussionReactions} r where r.post_id = ${discussionPosts.id} group by r.kind) x)`,
    attachments: sql<AttachmentRef[]>`(select coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name,
        'contentType', a.content_type, 'size', a.size) order by a.created_at), '[]')
      from ${discussionAttachments} a where a.post_id = ${discussionPosts.id})`,
  };
}

export type ReactionCount = { kind: (typeof discussionReactions.$inferSelect)["kind"]; count: number; mine: boolean };
export type AttachmentRef = Pick<AttachmentRow, "id" | "fileName" | "contentType" | "size">;
export type PostReadRow = {
  post: Pick<
    PostRow,
    "id" | "threadId" | "parentId" | "authorId" | "body" | "status" | "hiddenAt" | "hiddenReason" | "deletedAt" | "editedAt" | "createdAt"
  >;
  authorName: string;
  reactions: ReactionCount[];
  attachments: AttachmentRef[];
};

/** The posts of a thread the reader sees, oldest first, with author names, reactions and attachments. */
export async function listPosts(db: DbOrTx, actor: Actor, threadId: string, role: BoardRole): Promise<PostReadRow[]> {
  if (isTransaction(db)) return postsForReader(db, readerSql(actor), sql`${threadId}::uuid`, role);
  return readStatements(db).posts.execute({ ...readerParams(actor), threadId, role });
}

/** One post of a thread, if the reader sees it. */
export async function findVisiblePost(db: DbOrTx, actor: Actor, postId: string, role: BoardRole): Promise<PostReadRow | null> {
  const [row] = await db
    .select(postReadColumns(readerSql(actor)))
    .from(discussionPosts)
    .innerJoin(discussionThreads, eq(discussionThreads.id, discussionPosts.threadId))
    .innerJoin(users, eq(users.id, discussionPosts.authorId))
    .where(and(eq(discussionPosts.id, postId), visiblePostSql(readerSql(actor), role)))
    .limit(1);
  return row ?? null;
}

/** The thread a post belongs to (no authorization: callers load the thread for the actor next). */
export async function threadOfPost(db: DbOrTx, districtId: string, postId: string): Promise<string | null> {
  const [row] = await db
    .select({ threadId: discussionPosts.threadId })
    .from(discussionPosts)
    .where(and(eq(discussionPosts.id, postId), eq(discussionPosts.districtId, districtId)))
    .limit(1);
  return row?.threadId ?? null;
}

/** The post an author already stored under an idempotency key. */
export async function findByIdempotencyKey(db: DbOrTx, authorId: string, key: string) {
  const [row] = await db
    .select()
    .from(discussionPosts)
    .where(and(eq(discussionPosts.authorId, authorId), eq(discussionPosts.idempotencyKey, key)))
    .limit(1);
  return row ?? null;
}

/** Inserts a post. */
export async function insertPost(db: DbOrTx, values: typeof discussionPosts.$inferInsert) {
  const [row] = await db.insert(discussionPosts).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes a post. */
export async function updatePost(db: DbOrTx, postId: string, values: Partial<typeof discussionPosts.$inferInsert>) {
  const [row] = await db.update(discussionPosts).set(values).where(eq(discussionPosts.id, postId)).returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

/** Keeps the body before an edit. */
export async function insertEdit(db: DbOrTx, values: typeof discussionPostEdits.$inferInsert) {
  await db.insert(discussionPostEdits).values(values);
}

/** A post's earlier versions, newest first. */
export async function listEdits(db: DbOrTx, postId: string) {
  return db
    .select({ body: discussionPostEdits.body, editedAt: discussionPostEdits.editedAt, editorId: users.id, editorName: personName })
    .from(discussionPostEdits)
    .innerJoin(users, eq(users.id, discussionPostEdits.editedBy))
    .where(eq(discussionPostEdits.postId, postId))
    .orderBy(sql`${discussionPostEdits.editedAt} desc`);
}

/** Adds or removes one reaction of a person. */
export async function setReaction(
  db: DbOrTx,
  postId: string,
  userId: string,
  kind: (typeof discussionReactions.$inferInsert)["kind"],
  on: boolean,
) {
  if (on) await db.insert(discussionReactions).values({ postId, userId, kind }).onConflictDoNothing();
  else
    await db
      .delete(discussionReactions)
      .where(and(eq(discussionReactions.postId, postId), eq(discussionReactions.userId, userId), eq(discussionReactions.kind, kind)));
}

// ---------------------------------------------------------------------------------------------
// Attachments

/** Stores an uploaded file's record (not yet on a post). */
export async function insertAttachment(db: DbOrTx, values: typeof discussionAttachments.$inferInsert) {
  const [row] = await db.insert(discussionAttachments).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** One attachment of the district. */
export async function findAttachment(db: DbOrTx, districtId: string, id: string) {
  const [row] = await db
    .select()
    .from(discussionAttachments)
    .where(and(eq(discussionAttachments.id, id), eq(discussionAttachments.districtId, districtId)))
    .limit(1);
  return row ?? null;
}

/** Puts the uploader's unattached files on a post; returns how many were attached. */
export async function attachToPost(db: DbOrTx, postId: string, uploaderId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(discussionAttachments)
    .set({ postId })
    .where(
      and(inArray(discussionAttachments.id, ids), eq(discussionAttachments.uploadedBy, uploaderId), isNull(discussionAttachments.postId)),
    )
    .returning({ id: discussionAttachments.id });
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// People and search

/** Which of `ids` may read the board (its teachers and the students it is open to): mentions. */
export async function boardReaders(db: DbOrTx, board: BoardRow, filter: { ids?: string[]; query?: string; limit: number }) {
  const conditions: SQL[] = [
    sql`e.class_id = ${board.classId}::uuid and e.status = 'active'`,
    sql`(e.role = 'teacher' or (e.role = 'student'
      and (${board.groupId}::uuid is null or exists (select 1 from ${groupMembers} m join ${groupSets} s on s.id = m.set_id
        where m.group_id = ${board.groupId}::uuid and m.user_id = ${users.id} and s.published_at is not null and s.archived_at is null))
      and (${board.visibility} = 'owner' or exists (select 1 from ${discussionBoardGroups} bg join ${groupMembers} m on m.group_id = bg.group_id
        join ${groupSets} s on s.id = m.set_id
        where bg.board_id = ${board.id}::uuid and m.user_id = ${users.id} and s.published_at is not null and s.archived_at is null))))`,
    sql`${users.status} = 'active'`,
  ];
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    conditions.push(inArray(users.id, filter.ids));
  }
  if (filter.query) conditions.push(sql`${personName} ilike ${`%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return db
    .selectDistinct({ id: users.id, name: personName, familyName: users.familyName })
    .from(users)
    .innerJoin(enrolment, eq(enrolment.userId, users.id))
    .where(and(...conditions))
    .orderBy(asc(users.familyName), asc(personName))
    .limit(filter.limit);
}

export interface SearchRow {
  post_id: string;
  thread_id: string;
  thread_title: string;
  board_id: string;
  board_title: string;
  class_name: string;
  author_id: string;
  author_name: string;
  excerpt: string;
  created_at: string;
  total: number;
}

/**
 * Full-text search (`to_tsvector('simple', body_text)`, the GIN index) over the posts the reader
 * may see: the boards they read, the posts visible to them, never deleted ones, hidden ones only
 * for moderators and admins. Best matches first.
 */
export async function searchPosts(db: DbOrTx, actor: Actor, q: string, limit: number, offset: number) {
  const role = sql`${discussionBoards}.role`;
  const tsq = sql`websearch_to_tsquery('simple', ${q})`;
  const scoped = sql`(select ${discussionBoards}.*, ${boardRoleSql(readerSql(actor))} as role from ${discussionBoards}
    where ${discussionBoards.districtId} = ${actor.districtId}::uuid) ${discussionBoards}`;
  return queryRows<SearchRow>(
    db,
    sql`select ${discussionPosts.id} as post_id, ${discussionThreads.id} as thread_id, ${discussionThreads.title} as thread_title,
        ${discussionBoards.id} as board_id, ${discussionBoards.title} as board_title, c.title as class_name,
        ${discussionPosts.authorId} as author_id, ${personName} as author_name,
        ts_headline('simple', ${discussionPosts.bodyText}, ${tsq}, 'StartSel=«, StopSel=», MaxWords=30, MinWords=12') as excerpt,
        ${iso(discussionPosts.createdAt)} as created_at, count(*) over ()::int as total
      from ${discussionPosts}
      join ${discussionThreads} on ${discussionThreads.id} = ${discussionPosts.threadId}
      join ${scoped} on ${discussionBoards.id} = ${discussionThreads.boardId}
      join ${classes} c on c.id = ${discussionBoards.classId}
      join ${users} on ${users.id} = ${discussionPosts.authorId}
      where ${role} is not null
        and to_tsvector('simple', ${discussionPosts.bodyText}) @@ ${tsq}
        and ${discussionPosts.districtId} = ${actor.districtId}::uuid
        and ${discussionPosts.deletedAt} is null
        and (${discussionPosts.hiddenAt} is null or ${role} in ('teacher', 'admin'))
        and ${visiblePostSql(readerSql(actor), role)}
        and ${threadVisibleSql(actor, role)}
      order by ts_rank(to_tsvector('simple', ${discussionPosts.bodyText}), ${tsq}) desc, ${discussionPosts.createdAt} desc
      limit ${limit} offset ${offset}`,
  );
}

/** The actor's role in a class for discussions (boards not yet existing): teacher, admin, student or null. */
export async function classRole(db: DbOrTx, actor: Actor, classId: string) {
  const [row] = await db
    .select({
      schoolId: classes.schoolId,
      title: classes.title,
      myRole: sql<string | null>`(select e.role from ${enrolments} e where e.class_id = "classes"."id" and e.user_id = ${actor.userId}::uuid
        and e.status = 'active' and e.role in ('teacher', 'student') order by case e.role when 'teacher' then 0 else 1 end limit 1)`,
    })
    .from(classes)
    .where(and(eq(classes.id, classId), eq(classes.districtId, actor.districtId)))
    .limit(1);
  return row ?? null;
}
