import type {
  TBrainstormCard,
  TBrainstormCardCreate,
  TBrainstormCardMove,
  TBrainstormCardUpdate,
  TBrainstormVoteResult,
} from "@stoa/contracts";
import { ZBrainstormCardCreate, ZBrainstormCardMove, ZBrainstormCardUpdate, brainstormLimits } from "@stoa/contracts";
import type { Db, DbOrTx } from "../../db/client.js";
import type { Actor } from "../../platform/actor.js";
import { AppError, badRequest, conflict, notFound } from "../../platform/errors.js";
import { canChangeCard, canContribute, namesPublic, seesAuthors } from "./brainstorm.policy.js";
import { changeBoard, recordBoardEvent, refuse, type BoardAccess } from "./brainstorm.access.js";
import { presentCard, presentPublicCard } from "./brainstorm.presenter.js";
import * as repo from "./brainstorm.repository.js";

/** 409 for an edit made from a stale version: carries the current card so the UI can show it. */
export class StaleCard extends AppError {
  constructor(readonly current: TBrainstormCard) {
    super(
      409,
      "stale_version",
      "Someone else changed this card while you were editing. Here is their version: make your change again on it.",
    );
  }
}

const contributeCheck = (a: BoardAccess) => {
  if (!canContribute(a.relation, a.board)) throw refuse(a, "You cannot change this board.");
};

/** Loads one card with author and votes, as the viewer and as the room see it. */
async function loadCard(tx: DbOrTx, actor: Actor, access: BoardAccess, cardId: string) {
  const [row] = await repo.listCards(tx, access.board.id, actor.userId, [cardId]);
  if (!row) throw notFound("Card");
  return {
    mine: presentCard(row, actor.userId, seesAuthors(access.relation, access.board)),
    room: presentPublicCard(row, namesPublic(access.board)),
  };
}

/** Checks that a column belongs to the board. */
async function requireColumn(tx: DbOrTx, boardId: string, columnId: string) {
  const columns = await repo.listColumns(tx, boardId);
  if (!columns.some((c) => c.id === columnId))
    throw badRequest("That column is not on this board", [{ path: "columnId", message: "Choose a column of this board" }]);
  return columns;
}

/** Adds a card: on a canvas at x/y, in columns at the end of a column (the first by default). */
export async function createCard(db: Db, actor: Actor, boardId: string, raw: TBrainstormCardCreate): Promise<TBrainstormCard> {
  const input = ZBrainstormCardCreate.parse(raw);
  return changeBoard(db, actor, boardId, "share", contributeCheck, async (tx, a) => {
    if ((await repo.countCards(tx, boardId)) >= brainstormLimits.cardsPerBoard)
      throw badRequest(`A board holds at most ${brainstormLimits.cardsPerBoard} cards; start a new board or remove some.`);
    let place: { x: number; y: number; columnId: string | null; position: number } = {
      x: input.x ?? 24,
      y: input.y ?? 24,
      columnId: null,
      position: 0,
    };
    if (a.board.layout === "columns") {
      const columns = input.columnId ? await requireColumn(tx, boardId, input.columnId) : await repo.listColumns(tx, boardId);
      const columnId = input.columnId ?? columns[0]?.id;
      if (!columnId) throw badRequest("This board has no columns yet: add a column first.");
      place = { x: 0, y: 0, columnId, position: (await repo.listColumnCardIds(tx, boardId, columnId)).length };
    }
    const card = await repo.insertCard(tx, {
      districtId: a.board.districtId,
      boardId,
      authorId: actor.userId,
      text: input.text,
      colour: input.colour,
      ...place,
    });
    const shown = await loadCard(tx, actor, a, card.id);
    await recordBoardEvent(tx, a.board, "brainstorm.card_created", { card: shown.room });
    return shown.mine;
  });
}

/** Changes a card's text or colour (author, or a teacher); a stale version answers 409 with the current card. */
export async function updateCard(
  db: Db,
  actor: Actor,
  boardId: string,
  cardId: string,
  raw: TBrainstormCardUpdate,
): Promise<TBrainstormCard> {
  const { version, ...input } = ZBrainstormCardUpdate.parse(raw);
  return changeBoard(db, actor, boardId, "share", contributeCheck, async (tx, a) => {
    const card = await repo.findCard(tx, boardId, cardId);
    if (!card) throw notFound("Card");
    if (!canChangeCard(a.relation, a.board, card, actor.userId)) throw refuse(a, "You can only edit your own cards.");
    const row = await repo.updateCardIfVersion(tx, cardId, version, input);
    if (!row) throw new StaleCard((await loadCard(tx, actor, a, cardId)).mine);
    const shown = await loadCard(tx, actor, a, cardId);
    await recordBoardEvent(tx, a.board, "brainstorm.card_updated", { card: shown.room });
    return shown.mine;
  });
}

/**
 * Moves a card (anyone who may contribute): x/y on a canvas, or column + position (the column's
 * other cards shift), and/or into a cluster. Last writer wins; moveSeq orders moves for clients.
 */
export async function moveCard(db: Db, actor: Actor, boardId: string, cardId: string, raw: TBrainstormCardMove): Promise<TBrainstormCard> {
  const input = ZBrainstormCardMove.parse(raw);
  return changeBoard(db, actor, boardId, "share", contributeCheck, async (tx, a) => {
    const card = await repo.findCard(tx, boardId, cardId);
    if (!card) throw notFound("Card");
    if (input.clusterId && !(await repo.listClusters(tx, boardId)).some((c) => c.id === input.clusterId))
      throw badRequest("That cluster is not on this board", [{ path: "clusterId", message: "Choose a cluster of this board" }]);
    const order: Record<string, string[]> = {};
    const values: Parameters<typeof repo.moveCard>[2] = {};
    if (input.clusterId !== undefined) values.clusterId = input.clusterId;
    if (input.x !== undefined && input.y !== undefined) {
      if (a.board.layout !== "canvas")
        throw badRequest("This board has columns: move the card to a column and a position.", [
          { path: "columnId", message: "Choose a column" },
        ]);
      Object.assign(values, { x: input.x, y: input.y });
    }
    if (input.columnId !== undefined) {
      if (a.board.layout !== "columns")
        throw badRequest("This board is a free canvas: move the card with x and y.", [{ path: "x", message: "Send x and y" }]);
      await requireColumn(tx, boardId, input.columnId);
      const from = card.columnId;
      const source = (await repo.listColumnCardIds(tx, boardId, from)).filter((id) => id !== cardId);
      const target = from === input.columnId ? source : await repo.listColumnCardIds(tx, boardId, input.columnId);
      const at = Math.min(input.position ?? target.length, target.length);
      target.splice(at, 0, cardId);
      await repo.setPositions(tx, input.columnId, target);
      order[input.columnId] = target;
      if (from && from !== input.columnId) {
        await repo.setPositions(tx, from, source);
        order[from] = source;
      }
      Object.assign(values, { columnId: input.columnId, position: at });
    }
    await repo.moveCard(tx, cardId, values);
    const shown = await loadCard(tx, actor, a, cardId);
    await recordBoardEvent(tx, a.board, "brainstorm.card_moved", { card: shown.room, ...(Object.keys(order).length ? { order } : {}) });
    return shown.mine;
  });
}

/** Deletes a card (author, or a teacher); its votes go with it. */
export async function deleteCard(db: Db, actor: Actor, boardId: string, cardId: string): Promise<void> {
  await changeBoard(db, actor, boardId, "share", contributeCheck, async (tx, a) => {
    const card = await repo.findCard(tx, boardId, cardId);
    if (!card) throw notFound("Card");
    if (!canChangeCard(a.relation, a.board, card, actor.userId)) throw refuse(a, "You can only delete your own cards.");
    await repo.deleteCard(tx, cardId);
    const order: Record<string, string[]> = {};
    if (card.columnId) {
      const rest = await repo.listColumnCardIds(tx, boardId, card.columnId);
      await repo.setPositions(tx, card.columnId, rest);
      order[card.columnId] = rest;
    }
    await recordBoardEvent(tx, a.board, "brainstorm.card_deleted", { cardId, ...(card.columnId ? { order } : {}) });
  });
}

/**
 * Gives or takes back the actor's vote on a card. The board row is locked for update, so two
 * quick votes by one person cannot both slip under the limit. Voting twice for a card is a no-op.
 */
export async function setVote(db: Db, actor: Actor, boardId: string, cardId: string, vote: boolean): Promise<TBrainstormVoteResult> {
  return changeBoard(db, actor, boardId, "update", contributeCheck, async (tx, a) => {
    const limit = a.board.votesPerPerson;
    if (vote && limit === 0) throw badRequest("Voting is turned off on this board.");
    const card = await repo.findCard(tx, boardId, cardId);
    if (!card) throw notFound("Card");
    let changed: boolean;
    if (vote) {
      const used = await repo.countVotesOf(tx, boardId, actor.userId);
      const [already] = await repo.listCards(tx, boardId, actor.userId, [cardId]);
      if (!already?.myVote && used >= limit)
        throw conflict(`You have used all ${limit} of your votes. Take a vote back from another card to vote for this one.`);
      changed = await repo.insertVote(tx, { cardId, userId: actor.userId, boardId, districtId: a.board.districtId });
    } else {
      changed = await repo.deleteVote(tx, cardId, actor.userId);
    }
    const votes = await repo.countVotes(tx, cardId);
    if (changed) await recordBoardEvent(tx, a.board, "brainstorm.votes_changed", { cardId, votes });
    const used = await repo.countVotesOf(tx, boardId, actor.userId);
    return { cardId, votes, myVote: vote, votesLeft: Math.max(0, limit - used) };
  });
}
