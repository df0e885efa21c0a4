import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  brainstormBoards,
  brainstormCards,
  brainstormClusters,
  brainstormColumns,
  brainstormVotes,
  classes,
  enrolments,
  groupMembers,
  groupSets,
  groups,
  users,
} from "../../db/schema/index.js";

export type BoardRow = typeof brainstormBoards.$inferSelect;
export type BoardInsert = typeof brainstormBoards.$inferInsert;
export type CardRow = typeof brainstormCards.$inferSelect;
export type CardInsert = typeof brainstormCards.$inferInsert;
export type ColumnRow = typeof brainstormColumns.$inferSelect;
export type ClusterRow = typeof brainstormClusters.$inferSelect;

const personName = sql<string>`coalesce(nullif(${users.preferredName}, ''), ${users.givenName}) || ' ' || ${users.familyName}`;

/** The actor's active role in a class (teacher before student), as a correlated subquery. */
const myRoleIn = (classIdColumn: string, userId: string) =>
  sql<string | null>`(select e.role from ${enrolments} e where e.class_id = ${sql.raw(classIdColumn)} and e.user_id = ${userId}
    and e.status = 'active' order by case e.role when 'teacher' then 0 when 'student' then 1 else 2 end limit 1)`;

const cardCount = sql<number>`(select count(*)::int from ${brainstormCards} c where c.board_id = "brainstorm_boards"."id")`;

/** One unarchived board of the district with what the access check needs about the actor. */
export async function findBoardForActor(db: DbOrTx, districtId: string, userId: string, boardId: string) {
  const [row] = await db
    .select({
      board: brainstormBoards,
      schoolId: classes.schoolId,
      groupName: groups.name,
      setPublishedAt: groupSets.publishedAt,
      setArchivedAt: groupSets.archivedAt,
      cardCount,
      myRole: myRoleIn(`"brainstorm_boards"."class_id"`, userId),
      isMember: sql<boolean>`exists (select 1 from ${groupMembers} m where m.group_id = "brainstorm_boards"."group_id" and m.user_id = ${userId})`,
    })
    .from(brainstormBoards)
    .innerJoin(classes, eq(classes.id, brainstormBoards.classId))
    .leftJoin(groups, eq(groups.id, brainstormBoards.groupId))
    .leftJoin(groupSets, eq(groupSets.id, groups.setId))
    .where(and(eq(brainstormBoards.id, boardId), eq(brainstormBoards.districtId, districtId), isNull(brainstormBoards.archivedAt)))
    .limit(1);
  return row ?? null;
}

/** Locks the board row for the transaction ("update": votes, settings; "share": card changes) and re-reads it. */
export async function lockBoard(tx: DbOrTx, boardId: string, mode: "update" | "share") {
  const [row] = await tx.select().from(brainstormBoards).where(eq(brainstormBoards.id, boardId)).for(mode);
  return row;
}

/**
 * The unarchived boards of a class, newest first: class boards, and group boards either all
 * (`memberId` null: staff) or only those of groups of published sets that `memberId` belongs to.
 */
export async function listBoardsOfClass(db: DbOrTx, districtId: string, classId: string, memberId: string | null) {
  const conditions = [
    eq(brainstormBoards.classId, classId),
    eq(brainstormBoards.districtId, districtId),
    isNull(brainstormBoards.archivedAt),
  ];
  if (memberId)
    conditions.push(
      sql`(${brainstormBoards.groupId} is null or (${groupSets.publishedAt} is not null and ${groupSets.archivedAt} is null
        and exists (select 1 from ${groupMembers} m where m.group_id = ${brainstormBoards.groupId} and m.user_id = ${memberId})))`,
    );
  return db
    .select({ board: brainstormBoards, groupName: groups.name, cardCount })
    .from(brainstormBoards)
    .leftJoin(groups, eq(groups.id, brainstormBoards.groupId))
    .leftJoin(groupSets, eq(groupSets.id, groups.setId))
    .where(and(...conditions))
    .orderBy(desc(brainstormBoards.createdAt));
}

/** Inserts a board. */
export async function insertBoard(db: DbOrTx, values: BoardInsert) {
  const [row] = await db.insert(brainstormBoards).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes a board's title or settings. */
export async function updateBoard(db: DbOrTx, boardId: string, values: Partial<BoardInsert>) {
  const [row] = await db
    .update(brainstormBoards)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(brainstormBoards.id, boardId))
    .returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

/** The board's columns in order. */
export const listColumns = (db: DbOrTx, boardId: string) =>
  db
    .select()
    .from(brainstormColumns)
    .where(eq(brainstormColumns.boardId, boardId))
    .orderBy(asc(brainstormColumns.position), asc(brainstormColumns.title));

/** Inserts columns. */
export async function insertColumns(db: DbOrTx, values: (typeof brainstormColumns.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(brainstormColumns).values(values).returning();
}

/** Sets a column's title and/or position. */
export async function updateColumn(db: DbOrTx, columnId: string, values: { title?: string; position?: number }) {
  await db.update(brainstormColumns).set(values).where(eq(brainstormColumns.id, columnId));
}

/** Deletes a column (its cards must have moved first). */
export async function deleteColumn(db: DbOrTx, columnId: string) {
  await db.delete(brainstormColumns).where(eq(brainstormColumns.id, columnId));
}

/** The board's clusters by creation. */
export const listClusters = (db: DbOrTx, boardId: string) =>
  db.select().from(brainstormClusters).where(eq(brainstormClusters.boardId, boardId)).orderBy(asc(brainstormClusters.createdAt));

/** Inserts a cluster. */
export async function insertCluster(db: DbOrTx, values: typeof brainstormClusters.$inferInsert) {
  const [row] = await db.insert(brainstormClusters).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Renames a cluster. */
export async function renameCluster(db: DbOrTx, clusterId: string, label: string) {
  await db.update(brainstormClusters).set({ label }).where(eq(brainstormClusters.id, clusterId));
}

/** Deletes a cluster; its cards stay, out of any cluster. */
export async function deleteCluster(db: DbOrTx, clusterId: string) {
  await db.update(brainstormCards).set({ clusterId: null }).where(eq(brainstormCards.clusterId, clusterId));
  await db.delete(brainstormClusters).where(eq(brainstormClusters.id, clusterId));
}

const votes = sql<number>`(select count(*)::int from ${brainstormVotes} v where v.card_id = "brainstorm_cards"."id")`;

/** The board's cards (or some) with author name, vote count and whether `viewerId` voted. */
export async function listCards(db: DbOrTx, boardId: string, viewerId: string, cardIds?: string[]) {
  const conditions = [eq(brainstormCards.boardId, boardId)];
  if (cardIds) conditions.push(inArray(brainstormCards.id, cardIds));
  return db
    .select({
      card: brainstormCards,
      authorName: personName,
      votes,
      myVote: sql<boolean>`exists (select 1 from ${brainstormVotes} v where v.card_id = "brainstorm_cards"."id" and v.user_id = ${viewerId})`,
    })
    .from(brainstormCards)
    .innerJoin(users, eq(users.id, brainstormCards.authorId))
    .where(and(...conditions))
    .orderBy(asc(brainstormCards.position), asc(brainstormCards.createdAt));
}
export type CardWithVotes = Awaited<ReturnType<typeof listCards>>[number];

/** One card of a board. */
export async function findCard(db: DbOrTx, boardId: string, cardId: string) {
  const [row] = await db
    .select()
    .from(brainstormCards)
    .where(and(eq(brainstormCards.id, cardId), eq(brainstormCards.boardId, boardId)))
    .limit(1);
  return row;
}

/** Counts a board's cards. */
export async function countCards(db: DbOrTx, boardId: string) {
  const [row] = await db.select({ n: count() }).from(brainstormCards).where(eq(brainstormCards.boardId, boardId));
  return row?.n ?? 0;
}

/** Inserts a card. */
export async function insertCard(db: DbOrTx, values: CardInsert) {
  const [row] = await db.insert(brainstormCards).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Changes text or colour when the version still matches; undefined when someone else changed it first. */
export async function updateCardIfVersion(
  db: DbOrTx,
  cardId: string,
  version: number,
  values: { text?: string; colour?: CardRow["colour"] },
) {
  const [row] = await db
    .update(brainstormCards)
    .set({ ...values, version: sql`${brainstormCards.version} + 1`, updatedAt: new Date() })
    .where(and(eq(brainstormCards.id, cardId), eq(brainstormCards.version, version)))
    .returning();
  return row;
}

/** Moves a card (last writer wins): bumps moveSeq. */
export async function moveCard(
  db: DbOrTx,
  cardId: string,
  values: { x?: number; y?: number; columnId?: string | null; position?: number; clusterId?: string | null },
) {
  const [row] = await db
    .update(brainstormCards)
    .set({ ...values, moveSeq: sql`${brainstormCards.moveSeq} + 1`, updatedAt: new Date() })
    .where(eq(brainstormCards.id, cardId))
    .returning();
  if (!row) throw new Error("update returned nothing");
  return row;
}

/** The ids of a column's cards in order (null: cards in no column). */
export async function listColumnCardIds(db: DbOrTx, boardId: string, columnId: string | null) {
  const rows = await db
    .select({ id: brainstormCards.id })
    .from(brainstormCards)
    .where(and(eq(brainstormCards.boardId, boardId), columnId ? eq(brainstormCards.columnId, columnId) : isNull(brainstormCards.columnId)))
    .orderBy(asc(brainstormCards.position), asc(brainstormCards.createdAt));
  return rows.map((r) => r.id);
}

/** Writes positions 0..n-1 in the given order (one statement). */
export async function setPositions(db: DbOrTx, columnId: string | null, ids: string[]) {
  if (ids.length === 0) return;
  const cases = sql.join(
    ids.map((id, i) => sql`when ${id}::uuid then ${i}::int`),
    sql` `,
  );
  await db
    .update(brainstormCards)
    .set({ position: sql`case ${brainstormCards.id} ${cases} end`, columnId })
    .where(inArray(brainstormCards.id, ids));
}

/** Deletes a card (and its votes). */
export async function deleteCard(db: DbOrTx, cardId: string) {
  await db.delete(brainstormCards).where(eq(brainstormCards.id, cardId));
}

/** How many votes a person gave on a board. */
export async function countVotesOf(db: DbOrTx, boardId: string, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(brainstormVotes)
    .where(and(eq(brainstormVotes.boardId, boardId), eq(brainstormVotes.userId, userId)));
  return row?.n ?? 0;
}

/** Adds a vote; false when the person had already voted for the card. */
export async function insertVote(db: DbOrTx, values: typeof brainstormVotes.$inferInsert) {
  const rows = await db.insert(brainstormVotes).values(values).onConflictDoNothing().returning({ cardId: brainstormVotes.cardId });
  return rows.length > 0;
}

/** Removes a vote; false when there was none. */
export async function deleteVote(db: DbOrTx, cardId: string, userId: string) {
  const rows = await db
    .delete(brainstormVotes)
    .where(and(eq(brainstormVotes.cardId, cardId), eq(brainstormVotes.userId, userId)))
    .returning({ cardId: brainstormVotes.cardId });
  return rows.length > 0;
}

/** A card's vote count. */
export async function countVotes(db: DbOrTx, cardId: string) {
  const [row] = await db.select({ n: count() }).from(brainstormVotes).where(eq(brainstormVotes.cardId, cardId));
  return row?.n ?? 0;
}

/** Archives a board (its cards stay for the record). */
export async function archiveBoard(db: DbOrTx, boardId: string) {
  await db.update(brainstormBoards).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(brainstormBoards.id, boardId));
}
