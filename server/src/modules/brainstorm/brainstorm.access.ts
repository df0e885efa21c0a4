import { ZId } from "@stoa/contracts";
import type { Db, DbOrTx, Tx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { recordEvent } from "../../platform/events.js";
import { groupRelation } from "../groups/groups.policy.js";
import { canReadBoard, type BoardRelation } from "./brainstorm.policy.js";
import * as repo from "./brainstorm.repository.js";

/** A board as one actor reaches it. */
export interface BoardAccess {
  board: repo.BoardRow;
  groupName: string | null;
  cardCount: number;
  relation: BoardRelation;
  /** Member of the board's group (group boards). */
  isMember: boolean;
}

/** The board and the actor's relation to it, or null when they may not see it (404). */
export async function getBoardForActor(db: DbOrTx, actor: Actor, boardId: string): Promise<BoardAccess | null> {
  if (!ZId.safeParse(boardId).success) return null;
  const row = await repo.findBoardForActor(db, actor.districtId, actor.userId, boardId);
  if (!row) return null;
  const facts = {
    relation: groupRelation(actor, { schoolId: row.schoolId, myRole: row.myRole }),
    groupId: row.board.groupId,
    isMember: row.isMember,
    set: row.board.groupId ? { publishedAt: row.setPublishedAt, archivedAt: row.setArchivedAt } : null,
  };
  if (!canReadBoard(facts)) return null;
  return { board: row.board, groupName: row.groupName, cardCount: row.cardCount, relation: facts.relation, isMember: row.isMember };
}

/** Like getBoardForActor, but a missing or invisible board is a 404. */
export async function requireBoard(db: DbOrTx, actor: Actor, boardId: string): Promise<BoardAccess> {
  const found = await getBoardForActor(db, actor, boardId);
  if (!found) throw notFound("Brainstorm board");
  return found;
}

/** The `brainstorm` room policy: exactly the REST read rule. */
export const mayJoinBrainstormRoom = async (db: Db, actor: Actor, boardId: string) => (await getBoardForActor(db, actor, boardId)) !== null;

/** The 403 for a change the actor may not make, worded by why. */
export function refuse(access: BoardAccess, what: string) {
  if (access.relation === "admin") return forbidden("Administrators can read brainstorm boards but not change them.");
  if (access.board.frozen && access.relation === "student")
    return forbidden("The teacher froze this board: it is read-only for now. Ask your teacher to unfreeze it.");
  return forbidden(what);
}

/**
 * Runs a change in one transaction with the board row locked and re-read, so that a freeze or a
 * setting change that lands first is seen; `check` throws when the change is not allowed.
 */
export async function changeBoard<T>(
  db: Db,
  actor: Actor,
  boardId: string,
  lock: "share" | "update",
  check: (access: BoardAccess) => void,
  change: (tx: Tx, access: BoardAccess) => Promise<T>,
): Promise<T> {
  const access = await requireBoard(db, actor, boardId);
  check(access);
  return db.transaction(async (tx) => {
    const fresh = await repo.lockBoard(tx, boardId, lock);
    if (!fresh || fresh.archivedAt) throw notFound("Brainstorm board");
    const current = { ...access, board: fresh };
    check(current);
    return change(tx, current);
  });
}

/** Records a change for everyone looking at the board (payloads: what every member may see). */
export const recordBoardEvent = (tx: DbOrTx, board: repo.BoardRow, type: string, payload: Record<string, unknown>) =>
  recordEvent(tx, board.districtId, type, [`brainstorm:${board.id}`], { boardId: board.id, ...payload });

/** The room that lists a board: its group's, or its class's. */
export const listingRoom = (board: { classId: string; groupId: string | null }) =>
  board.groupId ? `group:${board.groupId}` : `class:${board.classId}`;
