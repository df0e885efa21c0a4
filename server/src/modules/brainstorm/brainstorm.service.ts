import type { TBrainstormBoard, TBrainstormBoardCreate, TBrainstormBoardUpdate, TBrainstormColumnUpdate } from "@stoa/contracts";
import { ZBrainstormBoardCreate, ZBrainstormBoardUpdate, ZBrainstormColumnUpdate, brainstormLimits } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { audit } from "../../platform/audit.js";
import { badRequest, forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { requireClass } from "../groups/access.js";
import { getGroupForActor } from "../groups/membership.js";
import { canArrange, canContribute, canConvertToTask, canCreateBoard, canTeach, isStaff, seesAuthors } from "./brainstorm.policy.js";
import { changeBoard, listingRoom, recordBoardEvent, refuse, requireBoard, type BoardAccess } from "./brainstorm.access.js";
import { presentBoardSummary, presentCard, presentCluster, presentColumn } from "./brainstorm.presenter.js";
import * as repo from "./brainstorm.repository.js";

const defaultColumns = ["Ideas", "Questions", "Next steps"];

/** The boards of a class the actor may see (students: class boards and their own groups' boards). */
export async function listBoardsOfClass(db: Db, actor: Actor, classId: string) {
  const { relation } = await requireClass(db, actor, classId, "member");
  if (!relation) throw notFound("Class");
  const rows = await repo.listBoardsOfClass(db, actor.districtId, classId, relation === "student" ? actor.userId : null);
  return {
    data: rows.map((r) => presentBoardSummary(r.board, r.groupName, r.cardCount)),
    policies: { create: canCreateBoard(relation, null, false) },
  };
}

/** The boards of one group (its members, the class's teachers and administrators). */
export async function listBoardsOfGroup(db: Db, actor: Actor, groupId: string) {
  const group = await getGroupForActor(db, actor, groupId);
  if (!group) throw notFound("Group");
  const rows = await repo.listBoardsOfClass(db, actor.districtId, group.group.classId, null);
  return {
    data: rows.filter((r) => r.board.groupId === groupId).map((r) => presentBoardSummary(r.board, r.groupName, r.cardCount)),
    policies: { create: canCreateBoard(group.relation, groupId, group.isMember) },
  };
}

/** The whole board as the actor sees it: columns, clusters, cards (authors per the board's anonymity), votes left. */
export async function getBoard(db: DbOrTx, actor: Actor, boardId: string): Promise<TBrainstormBoard> {
  const access = await requireBoard(db, actor, boardId);
  return presentBoard(db, actor, access);
}

/** Loads and presents a board for one viewer. */
export async function presentBoard(db: DbOrTx, actor: Actor, access: BoardAccess): Promise<TBrainstormBoard> {
  const { board, relation } = access;
  const [columns, clusters, cards, votesUsed] = await Promise.all([
    repo.listColumns(db, board.id),
    repo.listClusters(db, board.id),
    repo.listCards(db, board.id, actor.userId),
    repo.countVotesOf(db, board.id, actor.userId),
  ]);
  const authors = seesAuthors(relation, board);
  return {
    ...presentBoardSummary(board, access.groupName, cards.length),
    columns: columns.map(presentColumn),
    clusters: clusters.map(presentCluster),
    cards: cards.map((c) => presentCard(c, actor.userId, authors)),
    viewer: {
      staff: isStaff(relation),
      contribute: canContribute(relation, board),
      arrange: canArrange(relation, board, access.isMember),
      teach: canTeach(relation),
      convertToTask: canConvertToTask(relation, board, access.isMember),
      votesUsed,
      votesLeft: Math.max(0, board.votesPerPerson - votesUsed),
      authorsHidden: !authors,
    },
  };
}

/** Creates a board of a class (its teachers) or of a group (the class's teachers, the group's members). */
export async function createBoard(db: Db, actor: Actor, raw: TBrainstormBoardCreate): Promise<TBrainstormBoard> {
  const input = ZBrainstormBoardCreate.parse(raw);
  let classId = input.classId;
  let groupName: string | null = null;
  let isMember = false;
  if (input.groupId) {
    const group = await getGroupForActor(db, actor, input.groupId);
    if (!group || (classId && group.group.classId !== classId))
      throw badRequest("Choose a group of this class", [{ path: "groupId", message: "Not a group of this class you can see" }]);
    classId = group.group.classId;
    groupName = group.group.name;
    isMember = group.isMember;
  }
  if (!classId) throw badRequest("Choose a class or a group", [{ path: "classId", message: "Required" }]);
  const { relation } = await requireClass(db, actor, classId, "member");
  if (!canCreateBoard(relation, input.groupId, isMember))
    throw forbidden(
      relation === "student"
        ? "Students can start brainstorm boards in their own group's space; class boards are started by teachers."
        : "Only the class's teachers can start brainstorm boards.",
    );
  const board = await db.transaction(async (tx) => {
    const row = await repo.insertBoard(tx, {
      districtId: actor.districtId,
      classId,
      groupId: input.groupId,
      title: input.title,
      layout: input.layout,
      anonymous: input.anonymous,
      votesPerPerson: input.votesPerPerson,
      createdBy: actor.userId,
    });
    if (input.layout === "columns") {
      const titles = input.columns.length > 0 ? input.columns : defaultColumns;
      await repo.insertColumns(
        tx,
        titles.map((title, position) => ({ districtId: actor.districtId, boardId: row.id, title, position })),
      );
    }
    await audit(tx, actor, {
      action: "brainstorm.create",
      targetType: "brainstorm_board",
      targetId: row.id,
      details: { title: row.title },
    });
    await recordEvent(tx, actor.districtId, "brainstorm.board_created", [listingRoom(row)], {
      boardId: row.id,
      classId: row.classId,
      groupId: row.groupId,
    });
    return row;
  });
  return presentBoard(db, actor, { board, groupName, cardCount: 0, relation: relation!, isMember });
}

/** The public settings of a board, for event payloads. */
const settingsOf = (b: repo.BoardRow) => ({
  title: b.title,
  anonymous: b.anonymous,
  revealNames: b.revealNames,
  frozen: b.frozen,
  votesPerPerson: b.votesPerPerson,
});

/** Renames a board (who may arrange it) or changes its settings (teachers). */
export async function updateBoard(db: Db, actor: Actor, boardId: string, raw: TBrainstormBoardUpdate): Promise<TBrainstormBoard> {
  const input = ZBrainstormBoardUpdate.parse(raw);
  const { title, ...settings } = input;
  const touchesSettings = Object.values(settings).some((v) => v !== undefined);
  const access = await changeBoard(
    db,
    actor,
    boardId,
    "update",
    (a) => {
      if (touchesSettings && !canTeach(a.relation))
        throw refuse(a, "Only the class's teachers can freeze a board, hide or reveal names and set votes.");
      if (title !== undefined && !canArrange(a.relation, a.board, a.isMember))
        throw refuse(a, "Only the teachers and the group can rename this board.");
    },
    async (tx, a) => {
      const board = await repo.updateBoard(tx, boardId, input);
      await audit(tx, actor, { action: "brainstorm.update", targetType: "brainstorm_board", targetId: boardId, details: input });
      await recordBoardEvent(tx, board, "brainstorm.board_updated", settingsOf(board));
      return { ...a, board };
    },
  );
  return presentBoard(db, actor, access);
}

/** Archives a board (teachers; a student who started their group's board). */
export async function archiveBoard(db: Db, actor: Actor, boardId: string): Promise<void> {
  await changeBoard(
    db,
    actor,
    boardId,
    "update",
    (a) => {
      const starter = a.board.createdBy === actor.userId && canArrange(a.relation, a.board, a.isMember);
      if (!canTeach(a.relation) && !starter)
        throw refuse(a, "Only the class's teachers, or the student who started this board, can remove it.");
    },
    async (tx, a) => {
      await repo.archiveBoard(tx, boardId);
      await audit(tx, actor, {
        action: "brainstorm.archive",
        targetType: "brainstorm_board",
        targetId: boardId,
        details: { title: a.board.title },
      });
      await recordEvent(tx, a.board.districtId, "brainstorm.board_archived", [`brainstorm:${boardId}`, listingRoom(a.board)], { boardId });
    },
  );
}

const arrangeCheck = (a: BoardAccess) => {
  if (!canArrange(a.relation, a.board, a.isMember))
    throw refuse(a, "Only the teachers (and, on a group's board, its members) can change the columns.");
  if (a.board.layout !== "columns") throw badRequest("This board is a free canvas; turn it into columns to add columns.");
};

async function columnsChanged(tx: DbOrTx, board: repo.BoardRow) {
  const columns = (await repo.listColumns(tx, board.id)).map(presentColumn);
  await recordBoardEvent(tx, board, "brainstorm.columns_changed", { columns });
  return columns;
}

/** Adds a column at the end. */
export async function addColumn(db: Db, actor: Actor, boardId: string, title: string) {
  return changeBoard(db, actor, boardId, "update", arrangeCheck, async (tx, a) => {
    const existing = await repo.listColumns(tx, boardId);
    if (existing.length >= brainstormLimits.columns) throw badRequest(`A board has at most ${brainstormLimits.columns} columns.`);
    await repo.insertColumns(tx, [{ districtId: a.board.districtId, boardId, title, position: existing.length }]);
    return columnsChanged(tx, a.board);
  });
}

/** Renames a column and/or moves it to another position. */
export async function updateColumn(db: Db, actor: Actor, boardId: string, columnId: string, raw: TBrainstormColumnUpdate) {
  const input = ZBrainstormColumnUpdate.parse(raw);
  return changeBoard(db, actor, boardId, "update", arrangeCheck, async (tx, a) => {
    const columns = await repo.listColumns(tx, boardId);
    const column = columns.find((c) => c.id === columnId);
    if (!column) throw notFound("Column");
    if (input.title !== undefined) await repo.updateColumn(tx, columnId, { title: input.title });
    if (input.position !== undefined) {
      const order = columns.filter((c) => c.id !== columnId);
      order.splice(Math.min(input.position, order.length), 0, column);
      for (const [position, c] of order.entries())
        if (c.position !== position || c.id === columnId) await repo.updateColumn(tx, c.id, { position });
    }
    return columnsChanged(tx, a.board);
  });
}

/** Deletes a column; its cards move to the end of the first remaining column (refused for the last column with cards). */
export async function deleteColumn(db: Db, actor: Actor, boardId: string, columnId: string) {
  return changeBoard(db, actor, boardId, "update", arrangeCheck, async (tx, a) => {
    const columns = await repo.listColumns(tx, boardId);
    if (!columns.some((c) => c.id === columnId)) throw notFound("Column");
    const rest = columns.filter((c) => c.id !== columnId);
    const moving = await repo.listColumnCardIds(tx, boardId, columnId);
    if (moving.length > 0) {
      const target = rest[0];
      if (!target) throw badRequest("This is the last column and it holds cards: delete or move its cards first.");
      const ids = [...(await repo.listColumnCardIds(tx, boardId, target.id)), ...moving];
      await repo.setPositions(tx, target.id, ids);
    }
    await repo.deleteColumn(tx, columnId);
    for (const [position, c] of rest.entries()) if (c.position !== position) await repo.updateColumn(tx, c.id, { position });
    return columnsChanged(tx, a.board);
  });
}

const clusterCheck = (a: BoardAccess) => {
  if (!canContribute(a.relation, a.board)) throw refuse(a, "You cannot group cards on this board.");
};

async function clustersChanged(tx: DbOrTx, board: repo.BoardRow) {
  const clusters = (await repo.listClusters(tx, board.id)).map(presentCluster);
  await recordBoardEvent(tx, board, "brainstorm.clusters_changed", { clusters });
  return clusters;
}

/** Adds a named cluster (anyone who may contribute). */
export async function addCluster(db: Db, actor: Actor, boardId: string, label: string) {
  return changeBoard(db, actor, boardId, "update", clusterCheck, async (tx, a) => {
    if ((await repo.listClusters(tx, boardId)).length >= brainstormLimits.clusters)
      throw badRequest(`A board has at most ${brainstormLimits.clusters} clusters; remove one first.`);
    await repo.insertCluster(tx, { districtId: a.board.districtId, boardId, label });
    return clustersChanged(tx, a.board);
  });
}

/** Renames a cluster. */
export async function renameCluster(db: Db, actor: Actor, boardId: string, clusterId: string, label: string) {
  return changeBoard(db, actor, boardId, "update", clusterCheck, async (tx, a) => {
    if (!(await repo.listClusters(tx, boardId)).some((c) => c.id === clusterId)) throw notFound("Cluster");
    await repo.renameCluster(tx, clusterId, label);
    return clustersChanged(tx, a.board);
  });
}

/** Removes a cluster; its cards stay on the board, out of any cluster. */
export async function deleteCluster(db: Db, actor: Actor, boardId: string, clusterId: string) {
  return changeBoard(db, actor, boardId, "update", clusterCheck, async (tx, a) => {
    if (!(await repo.listClusters(tx, boardId)).some((c) => c.id === clusterId)) throw notFound("Cluster");
    await repo.deleteCluster(tx, clusterId);
    return clustersChanged(tx, a.board);
  });
}
